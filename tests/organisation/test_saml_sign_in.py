"""Staff sign in with the city's ADFS over SAML 2.0, against a real identity provider (pysaml2, xmlsec1).

The provider signs each response and its assertion; allauth's SAML provider (python3-saml) checks them. A
response signed with another key, meant for another service, out of date, or sent a second time signs nobody in.
"""

from __future__ import annotations

import base64
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount

from organisation.models import PersonKind, User
from tests import factories
from tests.saml_idp import (
    DIGEST_ALG,
    EMAIL,
    EMPLOYEE_NUMBER,
    GIVEN_NAME,
    SIGN_ALG,
    SURNAME,
    UID,
    UNIT,
    IdentityProvider,
    needs_xmlsec1,
)

pytestmark = needs_xmlsec1

HOST = "localhost"  # python3-saml accepts no single-label host but this one
SP = f"http://{HOST}/account/saml/city-adfs"


@pytest.fixture(scope="module")
def idp(tmp_path_factory):
    return IdentityProvider(
        base_url="http://adfs.stad.test",
        sp_entity_id=f"{SP}/metadata/",
        acs_url=f"{SP}/acs/",
        folder=tmp_path_factory.mktemp("idp"),
    )


@pytest.fixture
def saml(settings, idp, client):
    client.defaults["HTTP_HOST"] = HOST
    settings.SOCIALACCOUNT_PROVIDERS = {**settings.SOCIALACCOUNT_PROVIDERS, "saml": {"APPS": [idp.settings_app()]}}
    idp.identity = {
        UID: ["anna.berg"],
        EMAIL: ["anna.berg@stad.se"],
        GIVEN_NAME: ["Anna"],
        SURNAME: ["Berg"],
        EMPLOYEE_NUMBER: ["E2001"],
        UNIT: ["SDF-S-SKO"],
    }
    idp.name_id = "anna.berg"
    return idp


@pytest.fixture
def tree(db):
    return factories.build_tree()


def start(client) -> tuple[str, str]:
    """Språng's authentication request, as the browser carries it to the identity provider."""
    response = client.post(f"{SP}/login/".removeprefix(f"http://{HOST}"))
    assert response.status_code == 302, response
    query = parse_qs(urlsplit(response["Location"]).query)
    return query["SAMLRequest"][0], query.get("RelayState", [""])[0]


def finish(client, fields: dict[str, str]):
    posted = client.post("/account/saml/city-adfs/acs/", fields)
    assert posted.status_code == 302, posted
    return client.get(posted["Location"])


def signed_in_as(client) -> User | None:
    pk = client.session.get("_auth_user_id")
    return User.objects.get(pk=pk) if pk else None


def test_a_first_sign_in_creates_the_staff_member_from_the_assertion(client, saml, tree):
    response = finish(client, saml.respond(*start(client)))
    assert response.status_code == 302, response.content.decode()[:2000]
    user = signed_in_as(client)
    assert user is not None
    assert (user.kind, user.name, user.employee_number, user.unit.code) == (
        PersonKind.EMPLOYEE,
        "Anna Berg",
        "E2001",
        "SDF-S-SKO",
    )
    assert SocialAccount.objects.get(user=user).provider == "saml"
    assert user.emailaddress_set.get().verified


def test_the_unit_follows_the_assertion_at_every_sign_in(client, saml, tree):
    finish(client, saml.respond(*start(client)))
    client.logout()
    saml.identity = {**saml.identity, UNIT: ["SDF-N"]}
    finish(client, saml.respond(*start(client)))
    user = signed_in_as(client)
    assert user is not None and user.unit.code == "SDF-N"
    assert User.objects.filter(employee_number="E2001").count() == 1


def test_an_existing_staff_account_with_the_employee_number_is_the_same_person(client, saml, tree):
    known = factories.person(unit=tree["SDF-S"])
    User.objects.filter(pk=known.pk).update(employee_number="E2001")
    others = User.objects.count()
    finish(client, saml.respond(*start(client)))
    assert signed_in_as(client) == known
    assert User.objects.count() == others
    known.refresh_from_db()
    assert known.unit.code == "SDF-S-SKO"


def test_a_response_signed_with_another_key_signs_nobody_in(client, saml, tree):
    response = finish(client, saml.respond(*start(client), intruder=True))
    assert response.status_code == 401
    assert signed_in_as(client) is None and not User.objects.exists()


def test_a_response_for_another_service_signs_nobody_in(client, saml, tree):
    response = finish(client, saml.respond(*start(client), audience=saml.other_sp_entity_id))
    assert response.status_code == 401
    assert signed_in_as(client) is None and not User.objects.exists()


def test_an_expired_response_signs_nobody_in(client, saml, tree):
    response = finish(client, saml.respond(*start(client), issued_ago=timedelta(hours=2)))
    assert response.status_code == 401
    assert signed_in_as(client) is None and not User.objects.exists()


def test_a_response_sent_again_signs_nobody_in(client, saml, tree):
    fields = saml.respond(*start(client))
    finish(client, fields)
    assert signed_in_as(client) is not None
    client.logout()
    # Taken from the first browser and posted again (from another one, or the same after signing out).
    response = finish(client, fields)
    assert response.status_code == 403  # the request it answers was answered already
    assert signed_in_as(client) is None


def test_a_response_nobody_asked_for_signs_nobody_in(client, saml, tree):
    """Sign-in started at the identity provider (no request of Språng's to answer) is refused."""
    from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID

    server = saml.server()
    response = server.create_authn_response(
        identity=saml.identity,
        in_response_to=None,
        destination=saml.acs_url,
        sp_entity_id=saml.sp_entity_id,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text="anna.berg"),
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
        sign_response=True,
        sign_assertion=True,
        sign_alg=SIGN_ALG,
        digest_alg=DIGEST_ALG,
    )
    result = finish(client, {"SAMLResponse": base64.b64encode(str(response).encode()).decode()})
    assert result.status_code == 401
    assert signed_in_as(client) is None and not User.objects.exists()


def test_an_unknown_unit_in_the_assertion_is_refused_with_what_to_do(client, saml, tree):
    saml.identity = {**saml.identity, UNIT: ["NOPE-1"]}
    response = finish(client, saml.respond(*start(client)))
    assert response.status_code == 403
    assert "NOPE-1" in response.content.decode()
    assert signed_in_as(client) is None and not User.objects.exists()


def test_the_provider_comes_from_the_settings_and_only_when_they_name_it(monkeypatch):
    from config.settings import base

    assert base.saml_app("SPRANG_TEST_SAML", "city-adfs", name="Stadens konto") == []
    monkeypatch.setenv("SPRANG_TEST_SAML_ENTITY_ID", "http://adfs.stad.test/adfs/services/trust")
    monkeypatch.setenv("SPRANG_TEST_SAML_SSO_URL", "https://adfs.stad.test/adfs/ls/")
    monkeypatch.setenv("SPRANG_TEST_SAML_X509CERT", "MIIC")
    monkeypatch.setenv("SPRANG_TEST_SAML_ATTRIBUTE_UNIT", "urn:stad:enhetskod")
    [app] = base.saml_app("SPRANG_TEST_SAML", "city-adfs", name="Stadens konto")
    assert app["client_id"] == "city-adfs" and app["name"] == "Stadens konto"
    assert app["settings"]["idp"] == {
        "entity_id": "http://adfs.stad.test/adfs/services/trust",
        "sso_url": "https://adfs.stad.test/adfs/ls/",
        "x509cert": "MIIC",
    }
    assert app["settings"]["attribute_mapping"]["unit"] == "urn:stad:enhetskod"
    assert app["settings"]["advanced"]["want_assertion_signed"] is True
    assert base.saml_origin(app) == "https://adfs.stad.test"
