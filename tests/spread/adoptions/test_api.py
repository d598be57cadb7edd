"""The adoptions API: staff list and read; a unit's leaders start adoptions and record steps; outsiders are refused."""

import pytest

from spread.adoptions import services
from spread.models import Adoption
from tests.spread.adoptions.conftest import days_ago, make_example

pytestmark = pytest.mark.django_db
API = "/api/v1/adoptions/"


def test_staff_list_with_filters_and_outsiders_are_refused(client, example, tree, south_manager, people):
    other = make_example(unit=tree["SDF-S"], title="Annat")
    services.adoption_start(example=example, unit=tree["SDF-S-SKO"], by=south_manager, start_date=days_ago(3))
    services.adoption_start(example=other, unit=tree["SDF-N-ALD-1"], by=people["manager"], start_date=days_ago(3))
    client.force_login(people["colleague"])
    rows = client.get(API).json()["items"]
    assert len(rows) == 2
    assert [r["unit_name"] for r in client.get(API, {"example": example.pk}).json()["items"]] == ["Skola Södra"]
    assert len(client.get(API, {"unit": tree["SDF-N"].pk}).json()["items"]) == 1
    assert len(client.get(API, {"origin_unit": tree["SDF-N"].pk}).json()["items"]) == 1
    assert client.get(API, {"state": "in_use"}).json()["items"] == []
    one = client.get(f"{API}{rows[0]['id']}").json()
    assert one["steps"][0]["state"] == "considering"
    for outsider in (people["resident"], people["supplier"]):
        client.force_login(outsider)
        assert client.get(API).status_code == 403
        assert client.get(f"{API}{rows[0]['id']}").status_code == 403
    client.logout()
    assert client.get(API).status_code == 401


def test_a_leader_creates_and_steps_and_refusals_name_the_field(client, example, tree, south_manager, people):
    client.force_login(south_manager)
    body = {
        "example_id": example.pk,
        "unit_id": tree["SDF-S-SKO"].pk,
        "start_date": days_ago(5).isoformat(),
        "changes": "Så.",
    }
    created = client.post(API, body, content_type="application/json")
    assert created.status_code == 201, created.content
    adoption = created.json()
    twice = client.post(API, body, content_type="application/json")
    assert twice.status_code == 409 and twice.json()["field"] == "unit_id"
    own = client.post(API, {**body, "unit_id": tree["SDF-N"].pk}, content_type="application/json")
    assert own.status_code == 403  # does not lead Norra
    step_url = f"{API}{adoption['id']}/steps"
    step = {"to_state": "in_use", "on": days_ago(1).isoformat(), "expected_version": adoption["version"]}
    no_evidence = client.post(step_url, step, content_type="application/json")
    assert no_evidence.status_code == 400 and no_evidence.json()["field"] == "evidence"
    done = client.post(step_url, {**step, "evidence": "Mätt."}, content_type="application/json")
    assert done.status_code == 201 and done.json()["state"] == "in_use"
    stale = client.post(
        step_url, {**step, "to_state": "stopped", "stopped_reason": "x"}, content_type="application/json"
    )
    assert stale.status_code == 409
    client.force_login(people["colleague"])
    refused = client.post(
        step_url,
        {**step, "to_state": "stopped", "expected_version": done.json()["version"]},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert Adoption.objects.get().state == "in_use"


def test_the_adoptions_api_is_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/adoptions/" in schema["paths"] and "/api/v1/adoptions/{adoption_id}/steps" in schema["paths"]
