"""The open data API: anyone may call it, its rows are the files' rows, and it is in the OpenAPI schema."""

from __future__ import annotations

import pytest
from django.conf import settings

from opendata.datasets import DATASETS
from tests.opendata.test_views import personal_data

BASE = "/api/v1/opendata"
#: The datasets of figures per reporting period (the others list things as they are now).
PERIODIC = [key for key, dataset in DATASETS.items() if dataset.periodic]


def test_the_datasets_are_listed_without_credentials(client, computed):
    response = client.get(f"{BASE}/datasets")
    assert response.status_code == 200
    listed = {d["key"]: d for d in response.json()}
    assert set(listed) == set(DATASETS)
    indicators = listed["indicators"]
    assert indicators["license"] == "http://creativecommons.org/publicdomain/zero/1.0/"
    assert [c["name"] for c in indicators["columns"]] == DATASETS["indicators"].column_names
    assert {"year": 2025, "period": "T1"} in indicators["periods"]
    assert indicators["csv_url"] == f"{settings.SPRANG_SITE_URL}/opendata/indicators.csv"
    assert indicators["rows_url"] == f"{settings.SPRANG_SITE_URL}{BASE}/indicators"


@pytest.mark.parametrize("key", PERIODIC)
def test_rows_come_in_pages_filtered_by_year_and_period(client, computed, key):
    everything = client.get(f"{BASE}/{key}").json()
    assert everything["count"] > 2
    page = client.get(f"{BASE}/{key}", {"limit": 2, "offset": 1}).json()
    assert page["count"] == everything["count"]
    assert page["items"] == everything["items"][1:3]
    t2 = client.get(f"{BASE}/{key}", {"year": 2025, "period": "T2"}).json()
    assert t2["count"] and {(r["year"], r["period"]) for r in t2["items"]} == {(2025, "T2")}
    assert set(t2["items"][0]) == set(DATASETS[key].column_names)


def test_suppressed_figures_read_the_same_as_in_the_files(client, computed):
    rows = client.get(f"{BASE}/indicators", {"year": 2025, "period": "T1", "limit": 100}).json()["items"]
    south = next(r for r in rows if r["unit_code"] == "SDF-S" and r["indicator_code"] == "ideas-per-thousand")
    assert (south["value"], south["note"]) == (None, "suppressed")
    rows = client.get(f"{BASE}/ideas", {"year": 2025, "period": "T1", "limit": 100}).json()["items"]
    resident = next(r for r in rows if r["unit_code"] == "SDF-N" and r["category"] == "resident")
    assert (resident["ideas"], resident["note"]) == ("<5", "suppressed")


def test_a_token_is_neither_needed_nor_checked(client, computed):
    response = client.get(f"{BASE}/ideas", HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 200


def test_invalid_filters_are_refused(client, db):
    assert client.get(f"{BASE}/ideas", {"period": "Q1"}).status_code == 422
    assert client.get(f"{BASE}/indicators", {"year": 1800}).status_code == 422


def test_no_personal_data_in_any_answer(client, computed):
    secrets = personal_data()
    for path in (f"{BASE}/datasets", f"{BASE}/indicators?limit=100", f"{BASE}/ideas?limit=100"):
        text = client.get(path).content.decode("utf-8")
        assert not [s for s in secrets if s in text], path


def test_the_open_data_api_is_in_the_schema_without_security(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (f"{BASE}/datasets", f"{BASE}/indicators", f"{BASE}/ideas"):
        operation = schema["paths"][path]["get"]
        assert "security" not in operation, path
        assert {"200", "422"} <= set(operation["responses"]), path
    parameters = {p["name"] for p in schema["paths"][f"{BASE}/ideas"]["get"]["parameters"]}
    assert {"year", "period", "limit", "offset"} <= parameters
    assert {"IndicatorRowOut", "IdeaRowOut", "DatasetOut"} <= set(schema["components"]["schemas"])


def test_the_api_takes_a_fixed_number_of_queries(client, computed, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client.get(f"{BASE}/datasets")
    # The values, and the unit tree and the counts their disclosure control rests on.
    with django_assert_max_num_queries(5):
        client.get(f"{BASE}/indicators")
    with django_assert_max_num_queries(4):
        client.get(f"{BASE}/ideas")
