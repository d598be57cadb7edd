"""The examples API: public examples for anyone, every published one for city staff, 404 for the rest."""

from __future__ import annotations

import pytest

from organisation.services import api_token_create

BASE = "/api/v1/examples"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_anyone_reads_the_public_examples_without_signing_in(client, examples):
    assert titles(client.get(f"{BASE}/")) == ["Läsgrupper på rasten", "Kvällsfika mot ensamhet"]


@pytest.mark.parametrize("key", ["resident", "supplier"])
def test_people_outside_the_staff_read_only_the_public_ones(client, examples, people, key):
    client.force_login(people[key])
    assert set(titles(client.get(f"{BASE}/"))) == {"Läsgrupper på rasten", "Kvällsfika mot ensamhet"}
    assert client.get(f"{BASE}/{examples['internal'].pk}").status_code == 404


def test_city_staff_also_read_the_internal_ones_but_never_unpublished(client, examples, people):
    client.force_login(people["colleague"])
    listed = set(titles(client.get(f"{BASE}/")))
    assert listed == {
        "Läsgrupper på rasten",
        "Kvällsfika mot ensamhet",
        "Internt schemaverktyg för hemtjänsten",
        "Utan samtycke",
    }
    assert client.get(f"{BASE}/{examples['internal'].pk}").status_code == 200
    assert client.get(f"{BASE}/{examples['unpublished'].pk}").status_code == 404


def test_a_token_of_city_staff_reads_the_internal_ones(client, examples, people):
    _token, token = api_token_create(user=people["office"], name="test", days=30)
    response = client.get(f"{BASE}/{examples['internal'].pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


@pytest.mark.parametrize("key", ["internal", "unpublished", "no_consent"])
def test_an_outsider_opening_an_example_they_may_not_read_gets_404(client, examples, key):
    response = client.get(f"{BASE}/{examples[key].pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_example_reads_in_full_with_a_contact_but_no_email(client, examples, people):
    body = client.get(f"{BASE}/{examples['public'].pk}").json()
    assert body["problem"].startswith("Äldre som bor hemma")
    assert body["contact"] == "Anna Anställd, " + people["employee"].unit.name
    assert body["organisation"] == examples["public"].unit.name
    assert body["values"] == ["social"]
    assert body["sector"] == "elderly_care" and body["kind"] == "service"
    assert body["is_external"] is False
    assert body["url"].endswith(f"/spread/examples/{examples['public'].pk}/")
    assert "@" not in client.get(f"{BASE}/{examples['public'].pk}").content.decode()


def test_the_list_is_filtered_searched_and_sorted(client, examples):
    assert titles(client.get(f"{BASE}/", {"sector": "school"})) == ["Läsgrupper på rasten"]
    assert titles(client.get(f"{BASE}/", {"kind": "service"})) == ["Kvällsfika mot ensamhet"]
    # Swedish inflection: "kvällsfikat" finds "kvällsfika", "rasterna" finds "rasten".
    assert titles(client.get(f"{BASE}/", {"q": "kvällsfikat"})) == ["Kvällsfika mot ensamhet"]
    assert titles(client.get(f"{BASE}/", {"q": "läsgrupperna rasterna"})) == ["Läsgrupper på rasten"]
    assert titles(client.get(f"{BASE}/", {"q": "cyklar"})) == []
    most = titles(client.get(f"{BASE}/", {"sort": "most_adopted"}))
    assert most[0] == "Läsgrupper på rasten"


def test_the_list_comes_in_pages(client, examples):
    page = client.get(f"{BASE}/", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and [i["title"] for i in page["items"]] == ["Kvällsfika mot ensamhet"]


def test_bad_filters_are_refused_with_the_field(client, db):
    response = client.get(f"{BASE}/", {"sort": "oldest"})
    assert response.status_code == 422 and response.json()["field"] == "sort"
    assert client.get(f"{BASE}/", {"sector": "moon"}).status_code == 422


def test_the_list_takes_a_fixed_number_of_queries(client, examples, people, django_assert_max_num_queries):
    client.force_login(people["colleague"])
    with django_assert_max_num_queries(6):  # session, user, count, page
        client.get(f"{BASE}/")


def test_the_examples_are_in_the_openapi_schema(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (f"{BASE}/", f"{BASE}/{{example_id}}", f"{BASE}/feed.json"):
        assert "get" in schema["paths"][path], path
    assert (
        schema["paths"][f"{BASE}/"]["get"]["security"] == [{}] or {} in schema["paths"][f"{BASE}/"]["get"]["security"]
    )
    assert {"ExampleOut", "JsonFeedOut"} <= set(schema["components"]["schemas"])
    item = schema["components"]["schemas"]["FeedItemOut"]
    assert "_sprang_example" in item["properties"]
