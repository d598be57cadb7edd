"""Signing in with the city's account and with Swedish e-ID, against a real OpenID Connect provider.

oidc-provider-mock runs in a thread; allauth's openid_connect provider talks to it for real: the redirect,
the code, the token endpoint, the id token's signature, issuer, audience and expiry, and the user info.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount, SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from auditlog.models import LogEntry
from django.test import RequestFactory

from organisation.models import PersonKind, Unit, User
from tests import factories, oidc_provider

NUMBER = "198112189876"  # a valid personnummer (Skatteverket's example), born 18 December 1981


@pytest.fixture(scope="module")
def issuer():
    with oidc_provider.provider() as url:
        yield url


@pytest.fixture
def oidc(settings, issuer):
    oidc_provider.configure(settings, issuer)
    return issuer


@pytest.fixture
def tree(db):
    return factories.build_tree()


def sign_in(client, issuer: str, provider: str, sub: str, claims: dict, *, process: str | None = None):
    oidc_provider.set_claims(issuer, sub, claims)
    start = client.post(f"/account/oidc/{provider}/login/", {"process": process} if process else {})
    assert start.status_code == 302 and start["Location"].startswith(issuer), start
    back = oidc_provider.authorize(start["Location"], sub)
    return client.get(oidc_provider.local(back))


def signed_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


# The city's account -------------------------------------------------------------------------------------


def test_first_sign_in_creates_the_staff_member_from_the_claims(client, oidc, tree):
    claims = {
        "email": "Anna.Berg@stad.se",
        "email_verified": False,
        "name": "Anna Berg",
        "employee_number": "E1001",
        "unit_code": "SDF-S-SKO",
    }
    response = sign_in(client, oidc, "city", "anna", claims)
    assert response.status_code == 302
    user = signed_in_as(client)
    assert user is not None
    assert (user.kind, user.name, user.employee_number, user.unit.code) == (
        PersonKind.EMPLOYEE,
        "Anna Berg",
        "E1001",
        "SDF-S-SKO",
    )
    # The city's directory vouches for the address.
    assert EmailAddress.objects.get(user=user).verified


def test_an_existing_staff_member_is_found_by_employee_number_and_follows_the_unit_claim(client, oidc, tree):
    person = factories.person(unit=tree["SDF-S"])
    User.objects.filter(pk=person.pk).update(employee_number="E2002")
    claims = {"email": "nytt.namn@stad.se", "name": person.name, "employee_number": "E2002", "unit_code": "SDF-S-SKO"}
    people_before = User.objects.count()
    sign_in(client, oidc, "city", "bertil", claims)
    assert signed_in_as(client) == person
    assert User.objects.count() == people_before
    assert not User.objects.filter(email="nytt.namn@stad.se").exists()  # connected, not a duplicate
    person.refresh_from_db()
    assert person.unit.code == "SDF-S-SKO"
    updates = LogEntry.objects.get_for_object(person).filter(action=LogEntry.Action.UPDATE)
    entries = [e for e in updates if "unit" in (e.changes_dict or {})]
    assert [(e.actor, e.changes_dict["unit"][1]) for e in entries] == [(person, str(tree["SDF-S-SKO"].pk))]
    # The next sign-in, by the same subject, follows a move to another unit.
    client.logout()
    sign_in(client, oidc, "city", "bertil", {**claims, "unit_code": "SDF-S"})
    person.refresh_from_db()
    assert (signed_in_as(client), person.unit.code) == (person, "SDF-S")
    assert SocialAccount.objects.filter(user=person).count() == 1


def test_an_existing_staff_member_is_found_by_confirmed_email(client, oidc, tree):
    person = factories.person(unit=tree["SDF-S"])
    sign_in(client, oidc, "city", "cecilia", {"email": person.email, "name": "C", "unit_code": "SDF-S"})
    assert signed_in_as(client) == person
    assert User.objects.filter(email=person.email).count() == 1


def test_a_unit_unknown_to_sprang_refuses_the_sign_in(client, oidc, tree):
    claims = {"email": "david@stad.se", "name": "David", "employee_number": "E3003", "unit_code": "NO-SUCH-UNIT"}
    response = sign_in(client, oidc, "city", "david", claims)
    assert response.status_code == 403
    assert "NO-SUCH-UNIT" in response.content.decode()
    assert "innovationskontor" in response.content.decode()
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="david@stad.se").exists()


def test_staff_can_be_kept_from_signing_in_with_a_password(client, settings, oidc, tree):
    settings.SPRANG_STAFF_PASSWORD_SIGN_IN = False
    staff = factories.person(unit=tree["SDF-S"])
    resident = factories.person(kind=PersonKind.RESIDENT)
    response = client.post("/account/login/", {"login": staff.email, "password": "a-long-test-password"})
    assert response.status_code == 200
    assert "Logga in med Stadens konto" in response.content.decode()
    assert signed_in_as(client) is None
    client.post("/account/login/", {"login": resident.email, "password": "a-long-test-password"})
    assert signed_in_as(client) == resident


def test_the_sign_in_page_points_staff_to_the_citys_account_when_there_is_one(client, oidc, db):
    body = client.get("/account/login/").content.decode()
    assert "Du som arbetar i staden har redan ett konto: logga in med Stadens konto ovan." in body
    assert "logga in med din e-postadress på jobbet" not in body


def test_without_a_provider_the_sign_in_page_has_no_button(client, db):
    body = client.get("/account/login/").content.decode()
    assert "/account/oidc/" not in body
    assert "logga in med din e-postadress på jobbet" in body
    assert client.post("/account/oidc/city/login/").status_code == 404


def _tokens_for(issuer: str, client_id: str, sub: str) -> dict:
    """A code and then tokens from the provider, as the client ``client_id`` gets them."""
    redirect_uri = "http://testserver/account/oidc/city/login/callback/"
    authorize_url = (
        requests.Request(
            "GET",
            f"{issuer}/oauth2/authorize",
            params={
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "response_type": "code",
                "scope": "openid profile email",
                "state": "s",
            },
        )
        .prepare()
        .url
    )
    location = oidc_provider.authorize(authorize_url, sub)
    code = location.split("code=", 1)[1].split("&", 1)[0]
    response = requests.post(
        f"{issuer}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
        auth=(client_id, "other-secret"),
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def _decode(id_token: str) -> dict:
    """allauth's own check of an id token in the callback (fetched straight from the token endpoint)."""
    adapter = OpenIDConnectOAuth2Adapter(RequestFactory().get("/"), "city")
    adapter.did_fetch_access_token = True
    app = adapter.get_provider().app
    assert isinstance(app, SocialApp)
    return adapter._decode_id_token(app, id_token)


def test_an_id_token_for_another_client_is_refused(oidc, db):
    oidc_provider.set_claims(oidc, "erik", {"email": "erik@stad.se", "unit_code": "SDF-S"})
    mine = _tokens_for(oidc, "sprang-staff", "erik")["id_token"]
    assert _decode(mine)["sub"] == "erik"  # the check passes for Språng's own client
    theirs = _tokens_for(oidc, "another-service", "erik")["id_token"]
    with pytest.raises(OAuth2Error):
        _decode(theirs)


def test_an_id_token_from_another_issuer_is_refused(oidc, db):
    with oidc_provider.provider() as elsewhere:
        oidc_provider.set_claims(elsewhere, "frida", {"email": "frida@stad.se"})
        token = _tokens_for(elsewhere, "sprang-staff", "frida")["id_token"]
    with pytest.raises(OAuth2Error):
        _decode(token)


def test_an_expired_id_token_is_refused_and_no_one_is_signed_in(client, settings, tree):
    with oidc_provider.provider(token_max_age=timedelta(seconds=-120)) as expired_issuer:
        oidc_provider.configure(settings, expired_issuer)
        claims = {"email": "gustav@stad.se", "name": "Gustav", "unit_code": "SDF-S"}
        response = sign_in(client, expired_issuer, "city", "gustav", claims)
    assert response.status_code == 401
    assert "Du kunde inte logga in" in response.content.decode()
    assert signed_in_as(client) is None
    assert not User.objects.filter(email="gustav@stad.se").exists()


# Swedish e-ID --------------------------------------------------------------------------------------------


def _keyed(number: str) -> str:
    return hmac.new(oidc_provider.TEST_HASH_KEY.encode(), number.encode(), hashlib.sha256).hexdigest()


def test_a_resident_signs_in_with_e_id_for_the_first_time(client, oidc, db):
    claims = {"name": "Hanna Ek", "personal_identity_number": "811218-9876"}
    response = sign_in(client, oidc, "eid", "hanna", claims)
    # The broker gives no email address: the resident writes theirs, and confirms it.
    assert response.status_code == 302 and response["Location"] == "/account/3rdparty/signup/"
    form = client.get("/account/3rdparty/signup/").content.decode()
    assert "Hanna Ek" in form and "kind" not in form
    client.post("/account/3rdparty/signup/", {"email": "hanna@example.se", "name": "Hanna Ek"})
    user = User.objects.get(email="hanna@example.se")
    assert (user.kind, user.identity_hash, str(user.birth_date)) == (PersonKind.RESIDENT, _keyed(NUMBER), "1981-12-18")
    # The number itself is nowhere: not on the person, not in what allauth keeps of the claims.
    account = SocialAccount.objects.get(user=user)
    assert "9876" not in json.dumps(account.extra_data)
    assert NUMBER not in json.dumps(list(User.objects.filter(pk=user.pk).values()), default=str)
    assert not [e for e in LogEntry.objects.get_for_object(user) if user.identity_hash in json.dumps(e.changes_dict)]


def test_the_e_id_finds_the_same_resident_again(client, oidc, db):
    resident = factories.person(kind=PersonKind.RESIDENT)
    User.objects.filter(pk=resident.pk).update(identity_hash=_keyed(NUMBER))
    # Another subject at the broker (a new e-ID), the same person.
    sign_in(client, oidc, "eid", "ivar-new-eid", {"personal_identity_number": "19811218-9876"})
    assert signed_in_as(client) == resident


def test_a_wrong_check_digit_is_refused(client, oidc, db):
    response = sign_in(client, oidc, "eid", "jonas", {"name": "Jonas", "personal_identity_number": "198112189877"})
    assert response.status_code == 403
    assert "kontrollsiffran" in response.content.decode()
    assert signed_in_as(client) is None
    assert not SocialAccount.objects.exists()


def test_a_resident_links_e_id_and_cannot_link_someone_elses(client, oidc, db):
    resident = factories.person(kind=PersonKind.RESIDENT)
    client.force_login(resident)
    response = sign_in(client, oidc, "eid", "karin", {"personal_identity_number": NUMBER}, process="connect")
    assert response.status_code == 302 and response["Location"] == "/profile/"
    resident.refresh_from_db()
    assert (resident.identity_hash, str(resident.birth_date)) == (_keyed(NUMBER), "1981-12-18")
    export = client.get("/profile/data.json").json()["person"]
    assert (export["e_id_linked"], export["birth_date"]) == (True, "1981-12-18")
    assert [s["service"] for s in client.get("/profile/data.json").json()["sign_in_services"]] == ["eid"]
    assert resident.identity_hash not in json.dumps(client.get("/profile/data.json").json())
    # Someone else cannot link the same identity.
    other = factories.person(kind=PersonKind.RESIDENT)
    client.force_login(other)
    response = sign_in(client, oidc, "eid", "karin-2", {"personal_identity_number": NUMBER}, process="connect")
    assert response.status_code == 302 and response["Location"] == "/profile/"
    page = client.get("/profile/").content.decode()
    assert "redan kopplad till ett annat konto" in page
    other.refresh_from_db()
    assert other.identity_hash is None and other.birth_date is None
    assert not SocialAccount.objects.filter(user=other).exists()


def test_the_api_schema_never_names_the_identity(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.content.decode()
    assert "identity_hash" not in schema and "personal_identity_number" not in schema and "e_id_linked" not in schema


def test_units_are_untouched_by_a_refused_staff_sign_in(client, oidc, tree):
    before = Unit.objects.count()
    sign_in(client, oidc, "city", "lars", {"email": "lars@stad.se", "unit_code": "NOPE"})
    assert Unit.objects.count() == before
