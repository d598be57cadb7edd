"""SCIM 2.0 at /scim/v2/ as Microsoft Entra ID's provisioning calls it: look-up, create, PATCH, PUT, deactivate,
reactivate, move between units, the token, and the errors."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from organisation.models import ApiToken, PersonKind, Role, User
from organisation.services import api_token_create

TOKEN = "scim-secret-token-for-the-tests"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SPRANG = "urn:ietf:params:scim:schemas:extension:sprang:2.0:User"
SCIM_JSON = "application/scim+json"


@pytest.fixture(autouse=True)
def _scim_token(settings):
    settings.SPRANG_SCIM_TOKEN = TOKEN


def scim(client, method: str, path: str, body=None, token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(f"/scim/v2/{path}", data=data, content_type=SCIM_JSON, headers=headers)


def entra_user(**overrides):
    """A new user as Entra ID's provisioning sends it (POST /Users)."""
    body = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "externalId": "100234",
        "userName": "Lina.Lund@Teststaden.se",
        "active": True,
        "displayName": "Lina Lund",
        "emails": [{"primary": True, "type": "work", "value": "Lina.Lund@Teststaden.se"}],
        "meta": {"resourceType": "User"},
        "name": {"formatted": "Lina Lund", "familyName": "Lund", "givenName": "Lina"},
        "title": "Enhetschef",
        ENTERPRISE: {"department": "SDF-N-ALD", "organization": "Teststaden", "employeeNumber": "100234"},
        SPRANG: {"isManager": "True"},
    }
    body.update(overrides)
    return body


def patch(*operations):
    return {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": list(operations)}


def system_entries(user: User) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User), object_pk=str(user.pk)).order_by(
            "pk"
        )
    )


def test_entra_id_looks_up_creates_and_reads_a_member_of_staff(client, tree):
    found = scim(client, "get", 'Users?filter=userName eq "Lina.Lund@Teststaden.se"')
    assert found.status_code == 200
    assert found.json()["totalResults"] == 0

    created = scim(client, "post", "Users", entra_user())
    assert created.status_code == 201, created.content
    body = created.json()
    person = User.objects.get(email="lina.lund@teststaden.se")
    assert (person.name, person.employee_number, person.kind, person.unit.code) == (
        "Lina Lund",
        "100234",
        PersonKind.EMPLOYEE,
        "SDF-N-ALD",
    )
    assert person.has_role(Role.MANAGER, tree["SDF-N-ALD"])
    assert body["id"] == str(person.pk)
    assert body["externalId"] == "100234"
    assert body[ENTERPRISE]["department"] == "SDF-N-ALD"
    assert body[SPRANG]["isManager"] is True
    assert created["Location"].endswith(f"/scim/v2/Users/{person.pk}")

    # Entra looks people up by the sign-in name as written in the directory; the address is kept in lower case.
    found = scim(client, "get", 'Users?filter=userName eq "Lina.Lund@Teststaden.se"').json()
    assert found["totalResults"] == 1
    assert found["Resources"][0]["id"] == str(person.pk)
    by_number = scim(client, "get", 'Users?filter=externalId eq "100234"').json()
    assert [r["userName"] for r in by_number["Resources"]] == ["lina.lund@teststaden.se"]
    assert scim(client, "get", f"Users/{person.pk}").json()["name"]["formatted"] == "Lina Lund"

    # Every change is the identity system's in the audit log, not a person's.
    entries = system_entries(person)
    assert entries
    assert all(e.actor_id is None and e.additional_data == {"system": "scim"} for e in entries)


def test_residents_and_suppliers_are_not_seen_through_scim(client, people):
    resident = people["resident"]
    assert scim(client, "get", f"Users/{resident.pk}").status_code == 404
    listed = scim(client, "get", "Users?count=100").json()
    assert str(resident.pk) not in {r["id"] for r in listed["Resources"]}
    assert scim(client, "get", "Users/not-a-number").status_code == 404


def test_patch_as_entra_sends_it_moves_renames_and_ends_the_manager_role(client, tree):
    person_id = scim(client, "post", "Users", entra_user()).json()["id"]
    answer = scim(
        client,
        "patch",
        f"Users/{person_id}",
        patch(
            {"op": "Replace", "path": "name.familyName", "value": "Berg"},
            {"op": "Replace", "path": 'emails[type eq "work"].value', "value": "Lina.Berg@Teststaden.se"},
            {"op": "Replace", "path": "userName", "value": "Lina.Berg@Teststaden.se"},
            {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "SDF-S-SKO"},
            {"op": "Replace", "path": f"{SPRANG}:isManager", "value": "False"},
            {"op": "Replace", "path": "title", "value": "Lärare"},
        ),
    )
    assert answer.status_code == 200, answer.content
    person = User.objects.get(pk=person_id)
    assert (person.name, person.email, person.unit.code) == ("Lina Berg", "lina.berg@teststaden.se", "SDF-S-SKO")
    assert not person.role_assignments.filter(role=Role.MANAGER).exists()
    assert answer.json()[ENTERPRISE]["department"] == "SDF-S-SKO"
    assert person.emailaddress_set.get().email == "lina.berg@teststaden.se"


def test_put_replaces_the_person(client, tree):
    person_id = scim(client, "post", "Users", entra_user()).json()["id"]
    body = entra_user(
        id=person_id,
        name={"givenName": "Lina", "familyName": "Lund-Ek"},
        **{ENTERPRISE: {"department": "SDF-N-ALD-1"}, SPRANG: {"isManager": False}},
    )
    answer = scim(client, "put", f"Users/{person_id}", body)
    assert answer.status_code == 200, answer.content
    person = User.objects.get(pk=person_id)
    assert (person.name, person.unit.code) == ("Lina Lund-Ek", "SDF-N-ALD-1")
    assert not person.role_assignments.exists()


def test_active_false_closes_the_account_and_active_true_opens_it_again(client, tree):
    person_id = scim(client, "post", "Users", entra_user()).json()["id"]
    person = User.objects.get(pk=person_id)
    token, key = api_token_create(user=person, name="Integration")
    api = client.get("/api/v1/ideas/", headers={"Authorization": f"Bearer {key}"})
    assert api.status_code == 200

    answer = scim(client, "patch", f"Users/{person_id}", patch({"op": "Replace", "path": "active", "value": "False"}))
    assert answer.status_code == 200, answer.content
    assert answer.json()["active"] is False
    person.refresh_from_db()
    assert not person.is_active
    assert not person.role_assignments.exists()  # the manager's role ended
    assert client.get("/api/v1/ideas/", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert ApiToken.objects.filter(pk=token.pk).exists()  # kept, for the record, but no longer accepted

    answer = scim(client, "patch", f"Users/{person_id}", patch({"op": "Replace", "path": "active", "value": True}))
    assert answer.status_code == 200
    person.refresh_from_db()
    assert person.is_active
    assert not person.role_assignments.exists()  # roles that ended are not given back by reactivation alone
    scim(client, "patch", f"Users/{person_id}", patch({"op": "Add", "path": f"{SPRANG}:isManager", "value": True}))
    assert User.objects.get(pk=person_id).has_role(Role.MANAGER, tree["SDF-N-ALD"])


def test_delete_closes_the_account_and_keeps_it(client, tree):
    person_id = scim(client, "post", "Users", entra_user()).json()["id"]
    assert scim(client, "delete", f"Users/{person_id}").status_code == 204
    assert User.objects.get(pk=person_id).is_active is False


@pytest.mark.parametrize(
    "token",
    [None, "wrong-token", ""],
)
def test_without_the_token_the_answer_is_401_with_a_scim_error(client, tree, token):
    answer = scim(client, "post", "Users", entra_user(), token=token)
    assert answer.status_code == 401
    assert answer["Content-Type"] == SCIM_JSON
    assert answer.json()["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert answer.json()["status"] == "401"
    assert "Bearer" in answer["WWW-Authenticate"]
    assert not User.objects.filter(email="lina.lund@teststaden.se").exists()


def test_a_signed_in_administrator_without_the_token_is_refused(client, people):
    client.force_login(people["director"])
    assert scim(client, "get", "Users", token=None).status_code == 401


def test_no_token_configured_refuses_every_request(client, tree, settings):
    settings.SPRANG_SCIM_TOKEN = ""
    assert scim(client, "get", "Users", token="").status_code == 401
    assert scim(client, "get", "Users", token="anything").status_code == 401


def test_an_unknown_unit_code_is_a_400_naming_the_attribute_and_nothing_is_written(client, tree):
    answer = scim(client, "post", "Users", entra_user(**{ENTERPRISE: {"department": "NO-SUCH-UNIT"}}))
    assert answer.status_code == 400
    error = answer.json()
    assert error["scimType"] == "invalidValue"
    assert error["detail"].startswith(f"{ENTERPRISE}:department: ")
    assert "NO-SUCH-UNIT" in error["detail"]
    assert not User.objects.filter(email="lina.lund@teststaden.se").exists()

    person_id = scim(client, "post", "Users", entra_user()).json()["id"]
    answer = scim(
        client,
        "patch",
        f"Users/{person_id}",
        patch(
            {"op": "Replace", "path": "displayName", "value": "Lina Ny"},
            {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "NOPE"},
        ),
    )
    assert answer.status_code == 400
    assert User.objects.get(pk=person_id).unit.code == "SDF-N-ALD"


def test_missing_unit_and_taken_addresses_are_refused(client, people):
    body = entra_user()
    del body[ENTERPRISE]
    answer = scim(client, "post", "Users", body)
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith(f"{ENTERPRISE}:department")

    # The address of a resident's account: 409, the resident is untouched.
    resident = people["resident"]
    answer = scim(client, "post", "Users", entra_user(userName=resident.email, emails=[{"value": resident.email}]))
    assert answer.status_code == 409
    assert answer.json()["scimType"] == "uniqueness"
    resident.refresh_from_db()
    assert resident.kind == PersonKind.RESIDENT

    # Created twice: the second is a conflict, not a second account.
    assert scim(client, "post", "Users", entra_user()).status_code == 201
    assert scim(client, "post", "Users", entra_user()).status_code == 409
    assert User.objects.filter(employee_number="100234").count() == 1


def test_a_bad_boolean_names_the_attribute(client, tree):
    person_id = scim(client, "post", "Users", entra_user()).json()["id"]
    answer = scim(client, "patch", f"Users/{person_id}", patch({"op": "Replace", "path": "active", "value": "maybe"}))
    assert answer.status_code == 400
    assert answer.json()["detail"].startswith("active:")
    assert User.objects.get(pk=person_id).is_active


def test_groups_are_not_offered_and_the_configuration_is_read(client, tree):
    assert scim(client, "get", "Groups").status_code == 501
    config = scim(client, "get", "ServiceProviderConfig")
    assert config.status_code == 200
    assert config.json()["patch"]["supported"] is True
    types = scim(client, "get", "ResourceTypes").json()
    assert [t["id"] for t in types["Resources"]] == ["User"]


def test_deactivation_through_scim_ends_the_persons_open_session_at_once(client, tree):
    from django.test import Client

    person_id = scim(client, "post", "Users", entra_user()).json()["id"]
    browser = Client()
    browser.force_login(User.objects.get(pk=person_id))
    assert browser.get("/profile/").status_code == 200
    answer = scim(client, "patch", f"Users/{person_id}", patch({"op": "Replace", "path": "active", "value": "False"}))
    assert answer.status_code == 200
    response = browser.get("/profile/")
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert "_auth_user_id" not in browser.session
