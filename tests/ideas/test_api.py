"""The REST API under /api/v1/, called through the Django test client."""

from __future__ import annotations

import pytest

from ideas.lock import Stage
from ideas.models import GateDecision, Idea, Source, Visibility
from organisation.models import UnitKind
from organisation.services import api_token_create, api_token_revoke
from tests import factories

API = "/api/v1"


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def token_for(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="Rapportsystemet")
    return bearer(key)


def titles(response) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def ideas(people, tree):
    """Ideas in both districts, of different stages, sources, kinds and visibility."""
    employee, colleague, office = people["employee"], people["colleague"], people["office"]
    internal = factories.idea(author=employee, title="Nattfasta på Björken", kind="process")
    public = factories.idea(
        author=employee, title="Gemensam lunch med förskolan", kind="service", visibility=Visibility.PUBLIC
    )
    factories.move(public, by=office, to=Stage.PRESTUDY)
    south = factories.idea(
        author=colleague,
        unit=tree["SDF-S-SKO"],
        title="Skolgård som odlingslott",
        kind="product",
        source=Source.FEEDBACK,
        visibility=Visibility.PUBLIC,
    )
    from_resident = factories.idea(author=people["resident"], title="Fler bänkar vid entrén", kind="service")
    return {"internal": internal, "public": public, "south": south, "resident": from_resident}


# --- The schema ---


def test_openapi_schema_lists_idea_and_unit_paths(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Språng API"
    paths = schema["paths"]
    for path in (
        f"{API}/ideas/",
        f"{API}/ideas/{{idea_id}}",
        f"{API}/ideas/{{idea_id}}/decisions",
        f"{API}/units/",
        f"{API}/units/{{unit_id}}",
    ):
        assert path in paths, path
    assert "get" in paths[f"{API}/ideas/"] and "post" in paths[f"{API}/ideas/"]
    assert "post" in paths[f"{API}/ideas/{{idea_id}}/decisions"]
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


# --- Reading ideas: who sees what ---


def test_anonymous_lists_public_ideas_only(client, ideas):
    response = client.get(f"{API}/ideas/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert set(titles(response)) == {"Gemensam lunch med förskolan", "Skolgård som odlingslott"}
    assert {item["visibility"] for item in body["items"]} == {"public"}


def test_token_of_city_staff_lists_every_idea(client, people, ideas):
    response = client.get(f"{API}/ideas/", **token_for(people["colleague"]))
    assert response.status_code == 200
    assert response.json()["count"] == 4


def test_token_of_resident_lists_public_ideas_and_their_own(client, people, ideas):
    response = client.get(f"{API}/ideas/", **token_for(people["resident"]))
    assert response.status_code == 200
    assert set(titles(response)) == {
        "Gemensam lunch med förskolan",
        "Skolgård som odlingslott",
        "Fler bänkar vid entrén",
    }


def test_session_works_like_a_token(client, people, ideas):
    client.force_login(people["employee"])
    assert client.get(f"{API}/ideas/").json()["count"] == 4


def test_idea_fields(client, people, ideas):
    idea = ideas["public"]
    response = client.get(f"{API}/ideas/{idea.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == idea.pk
    assert body["title"] == "Gemensam lunch med förskolan"
    assert body["stage"] == "prestudy"
    assert body["kind"] == "service"
    assert body["values"] == ["economic", "social"]
    assert body["unit_name"] == "Björkens äldreboende"
    assert body["unit_id"] == idea.unit_id
    assert body["url"] == f"/ideas/{idea.pk}/"
    assert body["version"] == Idea.objects.get(pk=idea.pk).version
    assert body["answered_at"] is not None


@pytest.mark.parametrize("header", ["wrong", "revoked"])
def test_wrong_or_revoked_token_gets_401_json(client, people, ideas, header):
    token, key = api_token_create(user=people["employee"], name="Gammal integration")
    if header == "wrong":
        key = "nyckel-som-inte-finns"
    else:
        assert client.get(f"{API}/ideas/", **bearer(key)).status_code == 200
        api_token_revoke(token=token)
    for method, url in (
        ("get", f"{API}/ideas/"),
        ("get", f"{API}/ideas/{ideas['public'].pk}"),
        ("get", f"{API}/units/"),
        ("post", f"{API}/ideas/"),
    ):
        response = getattr(client, method)(url, **bearer(key))
        assert response.status_code == 401, (method, url)
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["code"] == "unauthenticated"


def test_token_of_inactive_person_is_refused(client, people, ideas):
    headers = token_for(people["employee"])
    people["employee"].is_active = False
    people["employee"].save(update_fields=["is_active"])
    assert client.get(f"{API}/ideas/", **headers).status_code == 401


def test_read_one_idea(client, people, ideas):
    internal = ideas["internal"]
    anonymous = client.get(f"{API}/ideas/{internal.pk}")
    assert anonymous.status_code == 404
    assert anonymous["Content-Type"].startswith("application/json")
    assert client.get(f"{API}/ideas/{internal.pk}", **token_for(people["resident"])).status_code == 404
    response = client.get(f"{API}/ideas/{internal.pk}", **token_for(people["colleague"]))
    assert response.status_code == 200
    assert response.json()["title"] == "Nattfasta på Björken"
    assert client.get(f"{API}/ideas/{ideas['public'].pk}").status_code == 200
    assert client.get(f"{API}/ideas/987654").status_code == 404


# --- Filters and pagination ---


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=prestudy", {"Gemensam lunch med förskolan"}),
        ("stage=idea", {"Nattfasta på Björken", "Skolgård som odlingslott", "Fler bänkar vid entrén"}),
        ("source=feedback", {"Skolgård som odlingslott"}),
        ("source=resident", {"Fler bänkar vid entrén"}),
        ("kind=service", {"Gemensam lunch med förskolan", "Fler bänkar vid entrén"}),
        ("kind=product&stage=idea", {"Skolgård som odlingslott"}),
        ("q=odlingslott", {"Skolgård som odlingslott"}),
        ("q=bänkar", {"Fler bänkar vid entrén"}),
    ],
)
def test_list_filters(client, people, ideas, query, expected):
    response = client.get(f"{API}/ideas/?{query}", **token_for(people["office"]))
    assert response.status_code == 200
    assert set(titles(response)) == expected
    assert response.json()["count"] == len(expected)


def test_unit_filter_takes_the_subtree(client, people, tree, ideas):
    headers = token_for(people["office"])
    north = client.get(f"{API}/ideas/?unit={tree['SDF-N'].pk}", **headers)
    assert set(titles(north)) == {"Nattfasta på Björken", "Gemensam lunch med förskolan", "Fler bänkar vid entrén"}
    south = client.get(f"{API}/ideas/?unit={tree['SDF-S'].pk}", **headers)
    assert titles(south) == ["Skolgård som odlingslott"]
    city = client.get(f"{API}/ideas/?unit={tree['CITY'].pk}", **headers)
    assert city.json()["count"] == 4
    assert client.get(f"{API}/ideas/?unit=987654", **headers).status_code == 404


def test_filters_respect_visibility(client, tree, ideas):
    response = client.get(f"{API}/ideas/?unit={tree['SDF-N'].pk}")
    assert titles(response) == ["Gemensam lunch med förskolan"]


def test_invalid_filter_value_names_the_parameter(client, ideas):
    response = client.get(f"{API}/ideas/?stage=nästan-klar")
    assert response.status_code == 422
    assert response.json()["field"] == "stage"


def test_limit_and_offset(client, people, ideas):
    headers = token_for(people["office"])
    everything = client.get(f"{API}/ideas/", **headers).json()
    assert everything["count"] == 4
    order = [item["id"] for item in everything["items"]]
    first = client.get(f"{API}/ideas/?limit=2&offset=0", **headers).json()
    second = client.get(f"{API}/ideas/?limit=2&offset=2", **headers).json()
    beyond = client.get(f"{API}/ideas/?limit=2&offset=4", **headers).json()
    assert first["count"] == second["count"] == beyond["count"] == 4
    assert [item["id"] for item in first["items"]] == order[:2]
    assert [item["id"] for item in second["items"]] == order[2:]
    assert beyond["items"] == []


# --- Submitting an idea ---


def payload(unit, **changes) -> dict:
    data = {
        "title": "Digital incheckning i simhallen",
        "problem": "Köerna i entrén blir långa på morgonen.",
        "audience": "Besökare och personal i simhallen.",
        "proposal": "Låt besökarna checka in med en QR-kod.",
        "expected_value": "Kortare köer och mindre stress för personalen.",
        "kind": "service",
        "values": ["social", "environmental"],
        "unit_id": unit.pk,
    }
    data.update(changes)
    return data


def test_create_idea(client, people, tree):
    response = client.post(
        f"{API}/ideas/", payload(tree["SDF-N-ALD-1"]), content_type="application/json", **token_for(people["employee"])
    )
    assert response.status_code == 201
    body = response.json()
    idea = Idea.objects.get(pk=body["id"])
    assert idea.title == "Digital incheckning i simhallen"
    assert idea.author == people["employee"]
    assert idea.stage == Stage.IDEA
    assert idea.source == Source.EMPLOYEE
    assert idea.visibility == Visibility.INTERNAL
    assert (idea.value_economic, idea.value_social, idea.value_environmental) == (False, True, True)
    assert body["values"] == ["social", "environmental"]
    assert body["stage"] == "idea"
    assert body["url"] == f"/ideas/{idea.pk}/"


def test_resident_creates_idea_with_their_own_source(client, people, tree):
    response = client.post(
        f"{API}/ideas/",
        payload(tree["SDF-N-ALD-1"], source="manager", visibility="public", public_consent=True),
        content_type="application/json",
        **token_for(people["resident"]),
    )
    assert response.status_code == 201
    assert response.json()["source"] == "resident"
    assert response.json()["visibility"] == "public"


def test_anonymous_may_not_create(client, tree):
    response = client.post(f"{API}/ideas/", payload(tree["SDF-N-ALD-1"]), content_type="application/json")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"problem": None}, "problem"),
        ({"kind": "magi"}, "kind"),
        ({"values": []}, "values"),
        ({"visibility": "hemlig"}, "visibility"),
        ({"unit_id": "Björken"}, "unit_id"),
    ],
)
def test_create_with_invalid_field_names_the_field(client, people, tree, changes, field):
    data = payload(tree["SDF-N-ALD-1"], **changes)
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(f"{API}/ideas/", data, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field
    assert body["code"] == "invalid"
    assert field in {error["field"] for error in body["errors"]}
    assert not Idea.objects.exists()


def test_create_with_every_field_missing_lists_them_all(client, people, tree):
    response = client.post(f"{API}/ideas/", {}, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"title", "problem", "audience", "proposal", "expected_value", "values"} <= fields
    # The kind and the unit are asked of city staff only (residents and suppliers may leave them out).
    assert not {"kind", "unit_id"} & fields


@pytest.mark.parametrize("missing", ["kind", "unit_id"])
def test_city_staff_must_name_the_kind_and_the_unit(client, people, tree, missing):
    data = payload(tree["SDF-N-ALD-1"])
    del data[missing]
    response = client.post(f"{API}/ideas/", data, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 400
    assert response.json()["field"] == missing
    assert not Idea.objects.exists()


def test_create_with_unknown_unit(client, people, tree):
    data = payload(tree["SDF-N-ALD-1"], unit_id=987654)
    response = client.post(f"{API}/ideas/", data, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 400
    assert response.json()["field"] == "unit_id"
    assert not Idea.objects.exists()


def test_create_for_a_committee_names_unit_id(client, people, tree):
    data = payload(tree["SDN-N"])
    response = client.post(f"{API}/ideas/", data, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 400
    assert response.json()["field"] == "unit_id"
    assert not Idea.objects.exists()


def test_create_with_unknown_value_kind(client, people, tree):
    data = payload(tree["SDF-N-ALD-1"], values=["vacker"])
    response = client.post(f"{API}/ideas/", data, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 400
    assert response.json()["field"] == "values"


def test_create_with_only_blank_text_names_the_field(client, people, tree):
    data = payload(tree["SDF-N-ALD-1"], proposal="   ")
    response = client.post(f"{API}/ideas/", data, content_type="application/json", **token_for(people["employee"]))
    assert response.status_code == 400
    assert response.json()["field"] == "proposal"


# --- Gate decisions ---


def decision(to_stage="prestudy", **changes) -> dict:
    data = {
        "to_stage": to_stage,
        "rationale": "Behovet är tydligt och enheten har tid under hösten.",
        "checklist": {"need_clear": True, "owner_named": True},
    }
    data.update(changes)
    return data


def test_office_moves_an_idea(client, people, ideas):
    idea = ideas["internal"]
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions",
        decision(expected_version=idea.version),
        content_type="application/json",
        **token_for(people["office"]),
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["from_stage"], body["to_stage"]) == ("idea", "prestudy")
    assert body["decided_by_id"] == people["office"].pk
    assert body["idea_id"] == idea.pk
    assert body["checklist"] == {"need_clear": True, "owner_named": True, "users_involved": False}
    idea.refresh_from_db()
    assert idea.stage == Stage.PRESTUDY
    assert idea.answered_at is not None
    assert GateDecision.objects.get(pk=body["id"]).rationale.startswith("Behovet är tydligt")


def test_manager_of_the_district_moves_an_idea(client, people, ideas):
    response = client.post(
        f"{API}/ideas/{ideas['internal'].pk}/decisions",
        decision(),
        content_type="application/json",
        **token_for(people["manager"]),
    )
    assert response.status_code == 201


@pytest.mark.parametrize("role", ["employee", "colleague", "other_office", "coach"])
def test_others_may_not_decide(client, people, ideas, role):
    idea = ideas["internal"]
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions", decision(), content_type="application/json", **token_for(people[role])
    )
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA
    assert not idea.decisions.exists()


def test_resident_cannot_see_internal_idea_to_decide(client, people, ideas):
    idea = ideas["internal"]
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions", decision(), content_type="application/json", **token_for(people["resident"])
    )
    assert response.status_code == 404


def test_disallowed_move(client, people, ideas):
    idea = ideas["internal"]
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions",
        decision("spread"),
        content_type="application/json",
        **token_for(people["office"]),
    )
    assert response.status_code == 400
    assert response.json()["field"] == "to_stage"
    idea.refresh_from_db()
    assert idea.stage == Stage.IDEA


def test_missing_checklist_point(client, people, ideas):
    idea = ideas["internal"]
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions",
        decision(checklist={"need_clear": True}),
        content_type="application/json",
        **token_for(people["office"]),
    )
    assert response.status_code == 400
    assert response.json()["field"] == "checklist"
    assert not idea.decisions.exists()


def test_closing_needs_a_reason(client, people, ideas):
    idea = ideas["internal"]
    headers = token_for(people["office"])
    url = f"{API}/ideas/{idea.pk}/decisions"
    response = client.post(url, decision("closed", checklist={}), content_type="application/json", **headers)
    assert response.status_code == 400
    assert response.json()["field"] == "closed_reason"
    response = client.post(
        url,
        decision("closed", checklist={}, closed_reason="duplicate"),
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 201
    idea.refresh_from_db()
    assert idea.stage == Stage.CLOSED
    assert idea.closed_reason == "duplicate"


def test_unknown_stage_names_to_stage(client, people, ideas):
    response = client.post(
        f"{API}/ideas/{ideas['internal'].pk}/decisions",
        decision("nästan-klar"),
        content_type="application/json",
        **token_for(people["office"]),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "to_stage"


def test_stale_version_is_a_conflict(client, people, ideas):
    idea = ideas["internal"]
    seen_version = client.get(f"{API}/ideas/{idea.pk}", **token_for(people["office"])).json()["version"]
    factories.move(idea, by=people["manager"], to=Stage.PRESTUDY)
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions",
        decision("closed", checklist={}, closed_reason="too_costly", expected_version=seen_version),
        content_type="application/json",
        **token_for(people["office"]),
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    idea.refresh_from_db()
    assert idea.stage == Stage.PRESTUDY
    assert idea.decisions.count() == 1


def test_stale_stage_is_a_conflict(client, people, ideas):
    idea = ideas["internal"]
    factories.move(idea, by=people["manager"], to=Stage.PRESTUDY)
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions",
        decision("closed", checklist={}, closed_reason="too_costly", expected_stage="idea"),
        content_type="application/json",
        **token_for(people["office"]),
    )
    assert response.status_code == 409
    assert Idea.objects.get(pk=idea.pk).stage == Stage.PRESTUDY


# --- Units ---


def unit_codes(response) -> list[str]:
    return [item["code"] for item in response.json()["items"]]


def test_list_units(client, tree):
    response = client.get(f"{API}/units/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(tree)
    assert unit_codes(response)[0] == "CITY"


def test_units_filter_by_kind(client, tree):
    response = client.get(f"{API}/units/?kind={UnitKind.DISTRICT_ADMINISTRATION}")
    assert set(unit_codes(response)) == {"SDF-N", "SDF-S"}
    assert client.get(f"{API}/units/?kind=planet").status_code == 422


def test_units_within(client, tree):
    response = client.get(f"{API}/units/?within={tree['SDF-N'].pk}")
    assert unit_codes(response) == ["SDF-N", "SDF-N-ALD", "SDF-N-ALD-1"]
    assert client.get(f"{API}/units/?within=987654").json()["count"] == 0


def test_units_search_by_name(client, tree):
    response = client.get(f"{API}/units/?q=södra")
    assert set(unit_codes(response)) == {"SDN-S", "SDF-S", "SDF-S-SKO"}
    combined = client.get(f"{API}/units/?q=södra&kind=department")
    assert unit_codes(combined) == ["SDF-S-SKO"]


def test_units_pagination(client, tree):
    response = client.get(f"{API}/units/?limit=3&offset=3")
    body = response.json()
    assert body["count"] == len(tree)
    assert len(body["items"]) == 3


def test_read_unit_with_its_parent(client, tree):
    response = client.get(f"{API}/units/{tree['SDF-N-ALD-1'].pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == "SDF-N-ALD-1"
    assert body["name"] == "Björkens äldreboende"
    assert body["kind"] == "unit"
    assert body["headcount"] == 60
    assert body["parent_id"] == tree["SDF-N-ALD"].pk
    root = client.get(f"{API}/units/{tree['CITY'].pk}").json()
    assert root["parent_id"] is None
    listed = {item["code"]: item["parent_id"] for item in client.get(f"{API}/units/?limit=100").json()["items"]}
    assert listed["SDF-N"] == tree["SDN-N"].pk
    assert listed["CITY"] is None
    assert client.get(f"{API}/units/987654").status_code == 404


def test_a_refusal_is_403_with_the_message_and_code_and_no_field(client, people, ideas):
    """A PermissionDeniedError is also Django's PermissionDenied; the API still answers it with its own body."""
    idea = ideas["internal"]
    response = client.post(
        f"{API}/ideas/{idea.pk}/decisions", decision(), content_type="application/json", **token_for(people["employee"])
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Du har inte behörighet att göra det här.", "code": "forbidden"}
