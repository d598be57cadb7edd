"""Every sign-in page allauth serves is in Språng's own words, in Swedish and in English.

The test walks every address under /account/ (allauth's and its two-step sign-in's), as a visitor,
as a signed-in person and as a person with an authenticator app, in both languages, and fails on
allauth's own wording and on English left in a Swedish page.
"""

from __future__ import annotations

import re
from html import unescape

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from organisation import services as org_services
from tests import factories, oidc_provider

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - a test's own authenticator secret

#: allauth's own phrases, in its English and its Swedish, which Språng's pages never show.
ALLAUTH_PHRASES = [
    "Har du redan ett konto? Då kan du logga in",
    "Verifiera",
    "verifiera",
    "Verifierings",
    "epost",
    "E-post-adress",
    "Hej från",
    "Tack för att du använder",
    "Remember Me",
    "Sign In",
    "Sign Up",
    "Signup",
    "Sign Out",
    "Forgot Password",
    "Email Address",
    "Password Reset",
    "Change Password",
    "Confirm Access",
    "Two-Factor",
    "Recovery Codes",
    "Authenticator App",
    "Please",
    "please",
    "Verify",
    "reauthenticate",
    "example.com",
]
#: English words that must not be left in a Swedish page's content.
ENGLISH = re.compile(
    r"\b(the|your|you|and|with|Sign in|Sign out|Password|Email|Confirm|Cancel|Code|Remember|Forgot|account)\b"
)


def _account_url_names() -> list[str]:
    """The names of every address allauth serves under /account/ that takes no argument."""
    names: list[str] = []

    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                if not p.pattern.regex.groups:  # a provider's own addresses take its id
                    walk(p.url_patterns)
            elif isinstance(p, URLPattern) and p.name and not p.pattern.regex.groups:
                names.append(p.name)

    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver) and str(p.pattern) == "account/":
            walk(p.url_patterns)
    return names


def _main_text(html: str) -> str:
    main = html[html.find("<main") : html.find("</main>")]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r'<input[^>]*type="hidden"[^>]*>', " ", main)
    return unescape(re.sub(r"<[^>]+>", " ", main))


def _client(language: str, person=None) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    if person is not None:
        client.force_login(person, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def accounts(tree):
    plain = factories.person(name="Rut Resident")
    with_app = factories.person(name="Tove Tvåsteg")
    org_services.person_authenticator_app_set(user=with_app, secret=SECRET)
    unconfirmed = factories.person(name="Olle Obekräftad")
    address, _ = EmailAddress.objects.update_or_create(
        user=unconfirmed, email=unconfirmed.email, defaults={"verified": False, "primary": True}
    )
    keyed = [
        f"/account/confirm-email/{EmailConfirmationHMAC(address).key}/",
        "/account/confirm-email/not-a-key/",
        f"/account/password/reset/key/{user_pk_to_url_str(plain)}-{default_token_generator.make_token(plain)}/",
        "/account/password/reset/key/1-not-a-token/",
    ]
    return {"visitor": None, "signed in": plain, "two-step": with_app}, keyed


def _pages(client: Client, paths: list[str]):
    for path in paths:
        response = client.get(path, follow=True)
        if response.status_code == 200 and "<main" in response.content.decode():
            yield path, response.request["PATH_INFO"], response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_account_page_is_in_sprangs_own_words(accounts, language, settings):
    people, keyed = accounts
    # With the city's account and e-ID configured, so that their buttons and pages are walked too.
    oidc_provider.configure(settings, "http://localhost:9")
    from django.urls import reverse

    paths = [reverse(name) for name in _account_url_names()] + keyed
    problems: list[str] = []
    seen: set[str] = set()
    for who, person in people.items():
        for asked, landed, html in _pages(_client(language, person), paths):
            seen.add(landed)
            text = _main_text(html)
            title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
            for phrase in ALLAUTH_PHRASES:
                if phrase in text or phrase in title:
                    problems.append(f"{who} {asked} → {landed}: allauth's {phrase!r}")
            if language == "sv":
                for word in set(ENGLISH.findall(text + " " + title)):
                    problems.append(f"{who} {asked} → {landed}: English {word!r}")
    assert not problems, "\n".join(sorted(set(problems)))
    # The walk reached the pages people use (a broken fixture would see only the sign-in page).
    assert {
        "/account/login/",
        "/account/signup/",
        "/account/password/reset/",
        "/account/password/change/",
        "/account/email/",
        "/account/logout/",
        "/account/2fa/",
        "/account/reauthenticate/",
        "/account/3rdparty/",
    } <= seen, sorted(seen)
