"""API tokens expire, end with a password change or a deactivated account, and the API is rate-limited."""

from __future__ import annotations

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from organisation.models import ApiToken, User
from organisation.services import api_token_create, api_token_revoke
from tests import factories

API = "/api/v1"
PASSWORD = "a-long-test-password"  # the factories' password


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


class _Form(HTMLParser):
    """The fields a browser sends from the first POST form on the page that holds ``field``."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, str]] = []
        self.radios: list[dict[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self.forms.append({})
            self.radios.append({})
        elif tag == "input" and self.forms and a.get("name"):
            if a.get("type") == "radio":
                self.radios[-1].setdefault(a["name"], []).append(a.get("value", ""))
                if "checked" in a:
                    self.forms[-1][a["name"]] = a.get("value", "")
            elif a.get("type") not in ("submit", "button", "checkbox"):
                self.forms[-1][a["name"]] = a.get("value") or ""


def token_form(response) -> tuple[dict[str, str], dict[str, list[str]]]:
    parser = _Form()
    parser.feed(response.content.decode())
    for values, radios in zip(parser.forms, parser.radios, strict=True):
        if "name" in values:
            return values, radios
    raise AssertionError("no token form on the page")


def new_key(response) -> str:
    match = re.search(r'<code class="sprang-token">([^<]+)</code>', response.content.decode())
    assert match, "the new token is not shown"
    return match.group(1)


# --- Expiry chosen at creation -------------------------------------------------------------------


def test_the_tokens_page_offers_30_to_365_days_with_90_chosen(client, tree):
    person = factories.person()
    client.force_login(person)
    values, radios = token_form(client.get("/profile/tokens/"))
    assert radios["days"] == ["30", "90", "180", "365"]
    assert values["days"] == "90"

    response = client.post("/profile/tokens/", {**values, "name": "Rapportverktyget"})
    key = new_key(response)
    token = ApiToken.objects.get(user=person)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=90))) < timedelta(minutes=5)
    html = response.content.decode()
    assert "Rapportverktyget" in html
    assert token.expires_at.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%d") in html
    assert client.get(f"{API}/units/", **bearer(key)).status_code == 200


def test_a_token_can_be_made_for_30_days(client, tree):
    person = factories.person()
    client.force_login(person)
    values, _radios = token_form(client.get("/profile/tokens/"))
    client.post("/profile/tokens/", {**values, "name": "Kort försök", "days": "30"})
    token = ApiToken.objects.get(user=person)
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=5)


def test_an_unknown_lifetime_is_refused_and_the_name_kept(client, tree):
    person = factories.person()
    client.force_login(person)
    values, _radios = token_form(client.get("/profile/tokens/"))
    response = client.post("/profile/tokens/", {**values, "name": "För evigt", "days": "100000"})
    assert response.status_code == 200
    assert 'id="id_days-error"' in response.content.decode()
    assert token_form(response)[0]["name"] == "För evigt"
    assert not ApiToken.objects.exists()


def test_an_expired_token_is_refused(client, tree):
    person = factories.person()
    _token, key = api_token_create(user=person, name="Gammal", days=30, now=timezone.now() - timedelta(days=31))
    response = client.get(f"{API}/units/", **bearer(key))
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    client.force_login(person)
    assert "Utgången" in client.get("/profile/tokens/").content.decode()


# --- Ends with the password or the account -----------------------------------------------------


def test_changing_the_password_ends_the_persons_tokens(client, tree):
    person = factories.person()
    _token, key = api_token_create(user=person, name="Integration")
    assert client.get(f"{API}/units/", **bearer(key)).status_code == 200

    client.force_login(person)
    page = client.get("/account/password/change/")
    fields = token_form_fields(page)
    response = client.post(
        "/account/password/change/",
        {
            **fields,
            "oldpassword": PASSWORD,
            "password1": "ett-helt-nytt-losenord",
            "password2": "ett-helt-nytt-losenord",
        },
    )
    assert response.status_code == 302
    assert client.get(f"{API}/units/", **bearer(key)).status_code == 401
    assert "Slutat gälla: lösenordet byttes" in client.get("/profile/tokens/").content.decode()


def token_form_fields(response) -> dict[str, str]:
    parser = _Form()
    parser.feed(response.content.decode())
    return next(values for values in parser.forms if "oldpassword" in values)


def test_a_token_made_after_the_change_works(client, tree):
    person = factories.person()
    person.set_password("ett-helt-nytt-losenord")
    person.save(update_fields=["password"])
    _token, key = api_token_create(user=person, name="Ny")
    assert client.get(f"{API}/units/", **bearer(key)).status_code == 200


def test_a_deactivated_persons_tokens_stop_working(client, tree):
    person = factories.person()
    _token, key = api_token_create(user=person, name="Integration")
    User.objects.filter(pk=person.pk).update(is_active=False)
    assert client.get(f"{API}/units/", **bearer(key)).status_code == 401


# --- A refused token on a POST is 401, not a CSRF failure -----------------------------------------


@pytest.mark.parametrize("how", ["revoked", "expired"])
def test_a_refused_token_on_a_post_is_answered_401_in_json(tree, how):
    person = factories.person()
    if how == "revoked":
        token, key = api_token_create(user=person, name="Gammal")
        api_token_revoke(token=token)
    else:
        _token, key = api_token_create(user=person, name="Gammal", days=30, now=timezone.now() - timedelta(days=40))
    browser_like = Client(enforce_csrf_checks=True)
    response = browser_like.post(f"{API}/ideas/", {}, content_type="application/json", **bearer(key))
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "unauthenticated"


def test_a_signed_in_browser_still_needs_the_csrf_token(tree):
    person = factories.person()
    browser_like = Client(enforce_csrf_checks=True)
    browser_like.force_login(person)
    response = browser_like.post(f"{API}/ideas/", {}, content_type="application/json")
    assert response.status_code == 403


# --- Rate limits ----------------------------------------------------------------------------------


def test_150_bad_tokens_from_one_address_get_429_after_20(client, db):
    answers = [client.get(f"{API}/units/", **bearer(f"nyckel-{n}")) for n in range(150)]
    statuses = [a.status_code for a in answers]
    assert statuses[:20] == [401] * 20
    assert statuses[20:] == [429] * 130
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["Content-Type"].startswith("application/json")
    assert refused.json()["code"] == "throttled"
    assert refused["Retry-After"] in refused.json()["detail"]


def test_the_address_limit_holds_for_another_client_from_the_same_address_only(client, tree):
    person = factories.person()
    _token, key = api_token_create(user=person, name="Integration")
    for n in range(20):
        client.get(f"{API}/units/", **bearer(f"nyckel-{n}"), REMOTE_ADDR="192.0.2.1")
    assert client.get(f"{API}/units/", **bearer(key), REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(f"{API}/units/", **bearer(key), REMOTE_ADDR="198.51.100.7").status_code == 200


def test_one_token_is_limited_per_minute(client, tree, settings):
    settings.SPRANG_API_REQUESTS_PER_MINUTE = 5
    person = factories.person()
    _token, key = api_token_create(user=person, name="Integration")
    _other, other_key = api_token_create(user=person, name="En annan")
    statuses = [client.get(f"{API}/units/", **bearer(key)).status_code for _i in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.get(f"{API}/units/", **bearer(key))
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert refused.json()["code"] == "throttled"
    assert client.get(f"{API}/units/", **bearer(other_key)).status_code == 200


def test_the_default_limits_are_600_requests_a_token_and_20_refused_tokens_an_address_a_minute():
    from config.settings import base

    assert base.SPRANG_API_REQUESTS_PER_MINUTE == 600
    assert base.SPRANG_API_FAILED_AUTH_PER_MINUTE == 20


def test_the_schema_documents_429_with_retry_after(client, db):
    schema = client.get(f"{API}/openapi.json").json()
    for path in schema["paths"].values():
        for operation in path.values():
            too_many = operation["responses"]["429"]
            assert "Retry-After" in too_many["headers"]
