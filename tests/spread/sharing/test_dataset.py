"""The open dataset of public examples: in the catalogue, as CSV, on the open-data page, with nothing internal or personal."""

from __future__ import annotations

import json

from django.urls import reverse
from django.utils import translation

from opendata.datasets import DATASETS
from organisation.models import User
from spread.models import Sector
from tests.opendata.test_views import read_csv

SITE = "https://sprang.example.se"


def test_the_csv_file_lists_the_public_examples_only(client, examples):
    response = client.get(reverse("opendata:csv", args=["examples"]))
    assert response.status_code == 200
    rows = read_csv(response)
    assert [r["title"] for r in rows] == ["Läsgrupper på rasten", "Kvällsfika mot ensamhet"]
    evening = rows[1]
    with translation.override("sv"):
        assert evening["sector"] == "elderly_care" and evening["sector_name"] == str(Sector.ELDERLY_CARE.label)
    assert evening["values"] == "social"
    assert evening["organisation"] == examples["public"].unit.name
    assert evening["url"].endswith(f"/spread/examples/{examples['public'].pk}/")
    assert list(rows[0]) == DATASETS["examples"].column_names


def test_the_dataset_names_no_one(client, examples):
    text = client.get(reverse("opendata:csv", args=["examples"])).content.decode()
    for name, email in User.objects.values_list("name", "email"):
        assert name not in text and email not in text
    for key in ("internal", "unpublished", "no_consent"):
        assert examples[key].title not in text


def test_a_filter_of_periods_does_not_apply_to_a_list(client, examples):
    rows = read_csv(client.get(reverse("opendata:csv", args=["examples"]), {"year": "2025"}))
    assert len(rows) == 2


def test_the_open_data_page_shows_the_latest_examples(client, examples):
    html = client.get(reverse("opendata:index")).content.decode()
    assert 'data-preview="examples"' in html
    assert "Läsgrupper på rasten" in html
    assert reverse("api:spread_examples") in html
    assert examples["internal"].title not in html


def test_the_catalogue_describes_the_dataset_as_continuously_updated(client, examples, settings):
    settings.SPRANG_SITE_URL = SITE
    document = json.loads(client.get(reverse("opendata:catalog")).content)
    nodes = {n["@id"]: n for n in document["@graph"]}
    dataset = nodes[f"{SITE}/opendata/#examples"]
    assert dataset["dct:accrualPeriodicity"]["@id"].endswith("/frequency/UPDATE_CONT")
    assert dataset["dct:license"]["@id"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    assert "dct:temporal" not in dataset
    api = next(d for d in dataset["dcat:distribution"] if "dcat:accessService" in d)
    assert api["dcat:accessURL"]["@id"] == f"{SITE}/api/v1/examples/"
    assert set(dataset["dct:title"]) == {"sv", "en"}


def test_the_dataset_is_listed_in_the_open_data_api(client, db, settings):
    listed = {d["key"]: d for d in client.get("/api/v1/opendata/datasets").json()}
    assert listed["examples"]["rows_url"] == f"{settings.SPRANG_SITE_URL}/api/v1/examples/"
    assert listed["examples"]["periods"] == []


def test_the_rows_take_one_query(examples, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        DATASETS["examples"].rows()
