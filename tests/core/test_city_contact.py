"""The city's contact details come from the settings and show in the footer, the accessibility statement,
the privacy notice and every email; sign-in emails name Språng and the city, never a host."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from core.services import notify
from organisation.models import PersonKind
from tests import factories

OTHER_CITY = {
    "SPRANG_CITY_NAME": "Umeå kommun",
    "SPRANG_INNOVATION_OFFICE_EMAIL": "innovation@umea.example",
    "SPRANG_INNOVATION_OFFICE_PHONE": "090-16 10 00",
    "SPRANG_INNOVATION_OFFICE_ADDRESS": "Skolgatan 31 A, 901 84 Umeå",
    "SPRANG_CONTROLLER_NAME": "Kommunstyrelsen, Umeå kommun",
    "SPRANG_DATA_PROTECTION_OFFICER_EMAIL": "dataskydd@umea.example",
    "SPRANG_DATA_PROTECTION_OFFICER_PHONE": "090-16 20 00",
}


@pytest.fixture
def other_city(settings):
    for name, value in OTHER_CITY.items():
        setattr(settings, name, value)
    return OTHER_CITY


def _page(path: str, language: str = "sv") -> str:
    client = Client()
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _footer(html: str) -> str:
    return html[html.index("<footer") : html.index("</footer>")]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_footer_shows_the_configured_contact_details_on_every_page(other_city, language):
    for path in ("/", "/account/login/", "/about/accessibility/"):
        footer = _footer(_page(path, language))
        assert "Umeå kommun" in footer
        assert 'href="mailto:innovation@umea.example"' in footer
        assert "090-16 10 00" in footer
        assert "Skolgatan 31 A, 901 84 Umeå" in footer
        assert 'href="/about/privacy/"' in footer


@pytest.mark.django_db
def test_the_demo_citys_details_are_the_defaults():
    footer = _footer(_page("/"))
    assert "Stockholms stad" in footer
    assert "innovation@demo.sprang.se" in footer


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_accessibility_statement_says_how_to_reach_the_innovation_office(other_city, language):
    html = _page("/about/accessibility/", language)
    main = html[html.index("<main") : html.index("</main>")]
    assert "Umeå kommun" in main
    assert "mailto:innovation@umea.example" in main
    assert "090-16 10 00" in main
    assert "Skolgatan 31 A, 901 84 Umeå" in main


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ["personuppgiftsansvarig", "Dataskyddsombudet", "Integritetsskyddsmyndigheten", "Radering"]),
        ("en", ["controller", "data protection officer", "Swedish Authority for Privacy Protection", "Erasure"]),
    ],
)
def test_the_privacy_notice_names_the_controller_the_officer_and_the_rights(other_city, language, words):
    html = _page("/about/privacy/", language)
    main = html[html.index("<main") : html.index("</main>")]
    for expected in ["Kommunstyrelsen, Umeå kommun", "dataskydd@umea.example", "090-16 20 00", *words]:
        assert expected in main, expected


@pytest.mark.django_db
def test_the_privacy_notice_points_a_signed_in_person_to_their_settings(tree):
    client = Client()
    client.force_login(factories.person(), backend="django.contrib.auth.backends.ModelBackend")
    html = client.get("/about/privacy/").content.decode()
    assert 'href="/profile/"' in html[html.index("<main") : html.index("</main>")]


@pytest.mark.django_db
def test_the_sign_up_page_links_to_the_privacy_notice():
    html = _page("/account/signup/")
    assert 'href="/about/privacy/"' in html[html.index("<main") : html.index("</main>")]


def _sign_up(client: Client, host: str = "testserver"):
    fields = {
        "email": "rut@example.se",
        "name": "Rut Invånare",
        "kind": PersonKind.RESIDENT,
        "password1": "ett-langt-losenord-42",
        "password2": "ett-langt-losenord-42",
    }
    return client.post("/account/signup/", fields, HTTP_HOST=host)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "subject", "greeting", "signature"),
    [
        ("sv", "[Språng] Bekräfta din e-postadress", "Hej!", "Stadens innovationskontor, Umeå kommun"),
        ("en", "[Språng] Confirm your email address", "Hello,", "The city's innovation office, Umeå kommun"),
    ],
)
def test_the_confirmation_email_names_sprang_and_the_city_never_a_host(
    other_city, language, subject, greeting, signature
):
    client = Client()
    client.cookies["django_language"] = language
    assert _sign_up(client).status_code == 302
    (message,) = mail.outbox
    assert message.subject == subject
    body = message.body
    assert body.startswith(greeting)
    assert "Språng" in body
    for detail in (signature, "innovation@umea.example", "090-16 10 00", "Skolgatan 31 A, 901 84 Umeå"):
        assert detail in body, detail
    # The host appears in the link only: no greeting or thanks "from testserver".
    without_link = re.sub(r"http://\S+", "", body)
    assert "testserver" not in without_link
    for allauth_words in ("Hej från", "Hello from", "Tack för att du använder", "Thank you for using", "verifiera"):
        assert allauth_words not in body


@pytest.mark.django_db
def test_the_confirmation_link_points_to_the_address_the_person_used(settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    _sign_up(Client(), host="127.0.0.1:8400")
    (message,) = mail.outbox
    assert re.search(r"http://127\.0\.0\.1:8400/account/confirm-email/\S+/", message.body)


@pytest.mark.django_db
def test_a_password_reset_email_links_to_the_address_used_and_names_the_city(tree, other_city, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    person = factories.person()
    client = Client()
    client.cookies["django_language"] = "sv"
    client.post("/account/password/reset/", {"email": person.email}, HTTP_HOST="127.0.0.1:8400")
    (message,) = mail.outbox
    assert message.subject == "[Språng] Välj ett nytt lösenord"
    assert re.search(r"http://127\.0\.0\.1:8400/account/password/reset/key/\S+/", message.body)
    assert "Stadens innovationskontor, Umeå kommun" in message.body


@pytest.mark.django_db(transaction=True)
def test_a_notification_email_links_to_the_site_and_is_signed_by_the_city(tree, other_city, settings):
    settings.SPRANG_SITE_URL = "http://127.0.0.1:8400"
    person = factories.person()
    notify(recipients=[person], message_factory=lambda: "Din idé har fått ett svar.", url="/ideas/1/")
    (message,) = mail.outbox
    assert "Din idé har fått ett svar." in message.body
    assert "http://127.0.0.1:8400/ideas/1/" in message.body
    assert "Stadens innovationskontor, Umeå kommun" in message.body
