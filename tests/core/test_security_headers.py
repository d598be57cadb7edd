"""Every response carries a strict Content-Security-Policy and a Permissions-Policy; the pages need nothing inline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from tests.opendata.conftest import computed, year_of_ideas  # noqa: F401 (fixtures)

CSP = "Content-Security-Policy"
PERMISSIONS = "Permissions-Policy"


def directives(response) -> dict[str, set[str]]:
    policy = response[CSP]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = set(values)
    return parsed


def assert_headers(response, label: str) -> None:
    assert CSP in response, f"{label}: no Content-Security-Policy"
    policy = directives(response)
    assert policy["default-src"] == {"'self'"}, label
    assert policy["script-src"] == {"'self'"}, label  # no 'unsafe-inline', no 'unsafe-eval', no other host
    assert policy["style-src"] == {"'self'"}, label
    assert policy["object-src"] == {"'none'"}, label
    assert policy["base-uri"] == {"'self'"}, label
    assert policy["frame-ancestors"] == {"'none'"}, label
    assert policy["form-action"] == {"'self'"}, label
    assert all("unsafe" not in value for values in policy.values() for value in values), label
    features = dict(re.findall(r"([a-z-]+)=\(([^)]*)\)", response[PERMISSIONS]))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "hid"):
        assert features.get(feature) == "", f"{label}: {feature} is not turned off"


@pytest.mark.django_db
def test_every_kind_of_response_carries_the_policies(client, people, computed):  # noqa: F811
    client.force_login(people["director"])
    responses = {
        "a page": client.get(reverse("core:home")),
        "a form page": client.get(reverse("ideas:create")),
        "the API's JSON": client.get("/api/v1/units/"),
        "the API's error": client.get("/api/v1/ideas/999999"),
        "a CSV file": client.get(reverse("opendata:csv", args=["ideas"])),
        "a streamed CSV file": client.get(reverse("governance:values_csv")),
        "the API documentation": client.get("/api/v1/docs"),
        "a page that is not there": client.get("/no-such-page/"),
        "a page that is not for you": Client().get(reverse("governance:dashboard")),
    }
    assert [response.status_code for response in responses.values()] == [200, 200, 200, 404, 200, 200, 200, 404, 302]
    for label, response in responses.items():
        assert_headers(response, label)


@pytest.mark.django_db
def test_the_sign_in_page_and_its_redirect_carry_them(client, people):
    page = client.get(reverse("account_login"))
    assert_headers(page, "the sign-in page")
    signed_in = client.post(
        reverse("account_login"), {"login": people["employee"].email, "password": "a-long-test-password"}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == reverse("core:home")
    assert_headers(signed_in, "the redirect after signing in")


@pytest.mark.django_db
def test_a_static_file_carries_them():
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        response = Client().get("/static/css/sprang.css")
        assert response.status_code == 200
        assert "sprang-" in b"".join(response.streaming_content).decode()
    assert_headers(response, "a static file")


@pytest.mark.django_db
def test_the_api_documentation_loads_nothing_from_elsewhere(client):
    html = client.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert f"{settings.STATIC_URL}ninja/swagger-ui-bundle.js" in sources
    assert f"{settings.STATIC_URL}ninja/swagger-ui-init.js" in sources
    assert [url for url in sources if not url.startswith(settings.STATIC_URL)] == []
    assert re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html) == []


#: WeasyPrint lays the PDFs out on the server; no browser reads these templates.
SERVER_SIDE = ("governance/pdf/",)
#: Emails are read in mail programs, never served under the site's policy; their styles must be in the email itself.
MAIL = ("core/email/",)


def _templates() -> list[tuple[str, str]]:
    root = Path(settings.BASE_DIR) / "templates"
    found = []
    for path in sorted(root.rglob("*.html")):
        name = path.relative_to(root).as_posix()
        if not name.startswith(SERVER_SIDE + MAIL):
            found.append((name, path.read_text(encoding="utf-8")))
    return found


def test_no_template_has_inline_script_handlers_or_styles():
    """The policy allows no inline script or style: every script is a file, every style a class."""
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
    style = re.compile(r"<[^>]*\sstyle\s*=|<style\b", re.I)
    js_url = re.compile(r"javascript:|hx-on|hx-vars|[\"']js:", re.I)
    problems = [
        f"{name}: {what}"
        for name, text in _templates()
        for what, pattern in (
            ("inline script", inline_script),
            ("event handler attribute", handler),
            ("inline style", style),
            ("script in an attribute", js_url),
        )
        if pattern.search(text)
    ]
    assert len(_templates()) > 50
    assert problems == []
