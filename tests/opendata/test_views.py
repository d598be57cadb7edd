"""The open data page and the CSV files: public, documented, and free of personal data."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from governance.templatetags.governance_tags import format_figure
from ideas.models import Idea
from opendata.datasets import DATASETS
from organisation.models import User
from organisation.services import units_import_csv
from tests.factories import TREE_CSV

BOM = b"\xef\xbb\xbf"
#: The datasets of figures per reporting period (the others list things as they are now).
PERIODIC = [key for key, dataset in DATASETS.items() if dataset.periodic]


def read_csv(response) -> list[dict[str, str]]:
    body = response.content
    assert body.startswith(BOM)
    return list(csv.DictReader(io.StringIO(body[len(BOM) :].decode("utf-8"))))


def personal_data() -> set[str]:
    """Everything that would tell who someone is: names, email addresses, and what people wrote."""
    people = User.objects.values_list("name", "email")
    ideas = Idea.objects.values_list("title", "problem")
    return {text for pair in (*people, *ideas) for text in pair if text}


@pytest.mark.parametrize("key", list(DATASETS))
def test_the_csv_files_need_no_sign_in_and_open_in_excel(client, computed, key):
    response = client.get(reverse("opendata:csv", args=[key]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"sprang-{key}.csv" in response["Content-Disposition"]
    assert response.content.startswith(BOM)
    header = response.content[len(BOM) :].decode().splitlines()[0]
    assert header.split(",") == DATASETS[key].column_names
    if key in PERIODIC:  # the figures of 2025 (the others list what the test has none of)
        assert read_csv(response)


def test_the_csv_file_can_be_cut_to_a_year_and_period(client, computed):
    response = client.get(reverse("opendata:csv", args=["ideas"]), {"year": "2025", "period": "t2"})
    rows = read_csv(response)
    assert rows and {(r["year"], r["period"]) for r in rows} == {("2025", "T2")}
    assert "sprang-ideas-2025-T2.csv" in response["Content-Disposition"]
    north = [r for r in rows if r["unit_code"] == "SDF-N" and r["category"] == "resident"]
    assert [(r["ideas"], r["note"]) for r in north] == [("<5", "suppressed")]


@pytest.mark.parametrize("query", [{"year": "tjugo"}, {"year": "1999"}, {"period": "Q1"}])
def test_a_filter_that_is_not_one_is_refused(client, db, query):
    response = client.get(reverse("opendata:csv", args=["indicators"]), query)
    assert response.status_code == 400


def test_an_unknown_dataset_is_not_found(client, db):
    assert client.get("/opendata/people.csv").status_code == 404


def test_suppressed_rates_are_empty_in_the_file(client, computed):
    rows = read_csv(client.get(reverse("opendata:csv", args=["indicators"]), {"year": 2025, "period": "T1"}))
    south = next(r for r in rows if r["unit_code"] == "SDF-S" and r["indicator_code"] == "ideas-per-thousand")
    assert (south["value"], south["note"]) == ("", "suppressed")


def test_no_personal_data_in_any_file(client, computed):
    secrets = personal_data()
    assert "Anna Anställd" in secrets and any("@" in s for s in secrets)
    for key in DATASETS:
        text = client.get(reverse("opendata:csv", args=[key])).content.decode("utf-8")
        leaked = [s for s in secrets if s in text]
        assert leaked == [], key


def test_the_page_lists_every_dataset_with_its_columns_and_links(client, computed):
    response = client.get(reverse("opendata:index"))
    assert response.status_code == 200
    html = response.content.decode()
    for key, dataset in DATASETS.items():
        assert f'id="{key}"' in html
        assert reverse("opendata:csv", args=[key]) in html
        assert dataset.api_url in html
        for column in dataset.column_names:
            assert f"<code>{column}</code>" in html
    assert reverse("opendata:catalog") in html
    assert "http://creativecommons.org/publicdomain/zero/1.0/" in html
    assert "?year=2025" in html
    assert not [s for s in personal_data() if s in html]


def test_the_page_says_when_nothing_is_published_yet(client, db):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("opendata:index")).content.decode()
    assert "Nothing is published yet." in html
    assert reverse("opendata:csv", args=["ideas"]) not in html


def test_the_page_speaks_swedish_and_english(client, db):
    swedish = client.get(reverse("opendata:index"))
    assert swedish["Content-Language"] == "sv"
    client.cookies["django_language"] = "en"
    english = client.get(reverse("opendata:index"))
    assert english["Content-Language"] == "en"
    assert "Open data" in english.content.decode()


def test_every_page_links_to_open_data_in_the_footer(client, db):
    assert f'href="{reverse("opendata:index")}"' in client.get(reverse("core:accessibility")).content.decode()


def test_the_page_and_files_take_a_fixed_number_of_queries(client, computed, django_assert_max_num_queries):
    # The periods, then each dataset's preview: the same queries as its file (5 + 4, and 1 each for the examples,
    # the challenges, the market dialogues and the survey results).
    with django_assert_max_num_queries(15):
        client.get(reverse("opendata:index"))
    # The values, and the unit tree and the counts their disclosure control rests on.
    with django_assert_max_num_queries(5):
        client.get(reverse("opendata:csv", args=["indicators"]))
    with django_assert_max_num_queries(4):
        client.get(reverse("opendata:csv", args=["ideas"]))


def test_a_name_a_spreadsheet_would_take_for_a_formula_is_written_as_text(client, computed):
    units_import_csv(text=TREE_CSV.replace("Södra stadsdelsförvaltningen", "=SUM(1+1)"))
    rows = read_csv(client.get(reverse("opendata:csv", args=["ideas"]), {"year": 2025, "period": "T1"}))
    assert {r["unit_name"] for r in rows if r["unit_code"] == "SDF-S"} == {"'=SUM(1+1)"}


PREVIEW_ROW = re.compile(r"<tr class=\"govuk-table__row\">(.*?)</tr>", re.S)
CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def preview_rows(html: str, key: str) -> list[list[str]]:
    table = re.search(rf'<table class="govuk-table sprang-preview" data-preview="{key}">(.*?)</table>', html, re.S)
    assert table is not None, key
    body = table.group(1).split("<tbody", 1)[1]
    return [[unescape(c).strip() for c in CELL.findall(row)] for row in PREVIEW_ROW.findall(body)]


@pytest.mark.parametrize("key", sorted(PERIODIC))
def test_the_preview_shows_the_figures_as_the_files_publish_them(client, computed, key):
    """Never a figure the files suppress or withhold: the page reads the same disclosure-controlled rows."""
    dataset = DATASETS[key]
    html = client.get(reverse("opendata:index")).content.decode()
    shown = preview_rows(html, key)
    year, period = dataset.periods()[-1]
    published = read_csv(client.get(reverse("opendata:csv", args=[key]), {"year": year, "period": period}))
    assert shown and len(shown) <= len(published)
    figure_column = dataset.preview_columns[-1][0]
    for cells, row in zip(shown, published, strict=False):
        assert cells[0] == row["unit_name"]
        if row["note"] == "suppressed":
            assert cells[-1] == "färre än 5"
        elif row["note"] == "withheld" or row[figure_column] in ("", None):
            assert cells[-1] == "–"
        else:  # the published figure, written as the follow-up pages write it (62,5 %), rounded half up
            assert cells[-1] == format_figure(Decimal(row[figure_column]), row.get("measure") or "count")


def test_the_preview_explains_small_figures_in_plain_words(client, computed):
    html = client.get(reverse("opendata:index")).content.decode()
    rows = [cells for key in PERIODIC for cells in preview_rows(html, key)]
    assert any(cells[-1] == "färre än 5" for cells in rows)
    assert "”färre än 5” betyder 1 till 4 idéer." in html
    assert "suppressed" not in html.split("<details", 1)[0]
