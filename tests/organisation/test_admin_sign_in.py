"""The admin site is entered through the ordinary sign-in (its throttling included) and with a second step."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
from html.parser import HTMLParser

import pytest
from django.contrib.auth import SESSION_KEY
from django.utils import translation
from django.utils.html import escape

from organisation import services as org_services
from organisation.adapters import AccountAdapter
from organisation.models import User
from tests import factories

PASSWORD = "a-long-test-password"  # the factories' password
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a test's own authenticator secret


def totp(secret: str, at: float | None = None) -> str:
    """The six-digit code an authenticator app shows for ``secret`` (RFC 6238: HMAC-SHA1, 30-second steps)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.values[a["name"]] = a.get("value") or ""


def form_fields(response, action: str) -> dict[str, str]:
    """The fields a browser sends from the page's form that posts to ``action``."""
    html = response.content.decode()
    match = re.search(rf'<form[^>]*action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S)
    assert match, f"no form posting to {action}"
    parser = _Inputs()
    parser.feed(match.group(1))
    return parser.values


def readonly_value(response, element_id: str) -> str:
    match = re.search(rf'<input[^>]*id="{element_id}"[^>]*value="([^"]*)"', response.content.decode())
    assert match, f"no field {element_id}"
    return match.group(1)


def is_signed_in(client) -> bool:
    return SESSION_KEY in client.session


def sign_in(client, email: str, password: str, next_url: str = "/admin/"):
    """Open the admin site, follow it to the sign-in page and send the form as a browser would."""
    response = client.get(next_url, follow=True)
    login_path = response.request["PATH_INFO"]
    assert login_path == "/account/login/", response.redirect_chain
    fields = form_fields(response, "/account/login/")
    assert {"login", "password"} <= fields.keys()
    return client.post(f"/account/login/?next={next_url}", {**fields, "login": email, "password": password})


@pytest.fixture
def staff(tree):
    person = factories.person(name="Adam Admin")
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
    return User.objects.get(pk=person.pk)


@pytest.fixture
def staff_with_app(staff):
    org_services.person_authenticator_app_set(user=staff, secret=SECRET)
    return staff


def test_the_admins_own_login_form_is_not_offered(client, staff_with_app):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")
    response = client.post("/admin/login/?next=/admin/", {"username": staff_with_app.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")
    assert not is_signed_in(client)


def test_25_wrong_admin_passwords_then_the_right_one_is_refused(client, staff_with_app):
    for _i in range(25):
        response = sign_in(client, staff_with_app.email, "wrong-password")
        assert response.status_code == 200
    response = sign_in(client, staff_with_app.email, PASSWORD)
    with translation.override("sv"):
        throttled = escape(str(AccountAdapter.error_messages["too_many_login_attempts"]))
    assert throttled in response.content.decode()
    assert not is_signed_in(client)
    assert client.get("/admin/").status_code == 302


def test_staff_without_an_authenticator_app_is_sent_to_set_one_up_and_then_gets_in(client, staff):
    response = sign_in(client, staff.email, PASSWORD)
    response = client.get(response["Location"], follow=True)
    # Adding a second step asks for the password again (someone else at an open session cannot add theirs).
    assert response.request["PATH_INFO"] == "/account/reauthenticate/"
    fields = form_fields(response, "/account/reauthenticate/")
    response = client.post("/account/reauthenticate/", {**fields, "password": PASSWORD}, follow=True)
    assert response.request["PATH_INFO"] == "/account/2fa/totp/activate/"
    html = response.content.decode()
    with translation.override("sv"):
        assert escape(translation.gettext("Set up an authenticator app")) in html
        assert (
            escape(
                translation.gettext(
                    "The admin site asks for a second step when you sign in: after your password, a six-digit code "
                    "from an authenticator app. It keeps the admin site closed to anyone who learns your password."
                )
            )
            in html
        )
    assert client.get("/admin/").status_code == 302  # not in before the app is set up

    # The person types the secret shown on the page into their app and sends the app's code back.
    secret = readonly_value(response, "authenticator_secret")
    fields = form_fields(response, "/account/2fa/totp/activate/")
    response = client.post("/account/2fa/totp/activate/", {**fields, "code": totp(secret)})
    assert response.status_code == 302
    codes_page = client.get(response["Location"])
    assert codes_page.status_code == 200 and 'href="/admin/"' in codes_page.content.decode()
    assert client.get("/admin/").status_code == 200


def test_with_an_authenticator_app_the_password_alone_does_not_open_the_admin_site(client, staff_with_app):
    response = sign_in(client, staff_with_app.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/authenticate/")
    assert not is_signed_in(client)
    response = client.get("/admin/", follow=True)
    assert response.request["PATH_INFO"].startswith("/account/")
    assert "/admin/" not in [url for url, _status in response.redirect_chain]


def test_with_the_code_from_the_app_the_admin_site_opens(client, staff_with_app):
    response = sign_in(client, staff_with_app.email, PASSWORD)
    page = client.get(response["Location"])
    assert page.status_code == 200
    fields = form_fields(page, "/account/2fa/authenticate/")
    response = client.post(
        "/account/2fa/authenticate/", {**fields, "code": "000000" if totp(SECRET) != "000000" else "111111"}
    )
    assert not is_signed_in(client)  # a wrong code is refused
    response = client.post("/account/2fa/authenticate/", {**fields, "code": totp(SECRET)})
    assert response.status_code == 302
    assert is_signed_in(client)
    assert client.get(response["Location"], follow=True).request["PATH_INFO"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_someone_who_is_not_staff_cannot_reach_the_admin_site(client, tree):
    person = factories.person()
    org_services.person_authenticator_app_set(user=person, secret=SECRET)
    response = sign_in(client, person.email, PASSWORD)
    response = client.post(
        "/account/2fa/authenticate/",
        {**form_fields(client.get(response["Location"]), "/account/2fa/authenticate/"), "code": totp(SECRET)},
    )
    assert is_signed_in(client)
    assert client.get("/admin/", follow=True).status_code == 403
    assert client.get("/admin/organisation/user/").status_code in (302, 403)
    assert client.get("/admin/login/").status_code == 403


def test_someone_who_is_not_staff_without_a_second_step_cannot_reach_it_either(client, tree):
    person = factories.person()
    client.force_login(person)
    assert client.get("/admin/", follow=True).status_code == 403
