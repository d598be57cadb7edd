"""Which language a page is in, and when the person's saved language changes."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.conf import settings
from django.test import Client

from organisation import services as org_services
from organisation.models import User


def _english_person(people) -> User:
    person = people["employee"]
    org_services.person_set_language(user=person, language="en")
    return User.objects.get(pk=person.pk)


def test_on_a_new_device_the_saved_language_wins_and_is_remembered_in_a_cookie(client, people):
    person = _english_person(people)
    client.force_login(person)
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    person.refresh_from_db()
    assert person.language == "en"


def test_a_get_writes_nothing_to_the_database(client, people, django_assert_num_queries):
    person = _english_person(people)
    client.force_login(person)
    logged = LogEntry.objects.count()
    for cookie in (None, "sv"):
        if cookie:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
        assert client.get("/profile/").status_code == 200
    person.refresh_from_db()
    assert person.language == "en"
    assert LogEntry.objects.count() == logged


def test_the_cookie_chooses_the_page_language(client, people):
    person = _english_person(people)
    client.force_login(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    response = client.get("/")
    assert response.headers["Content-Language"] == "sv"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_choosing_a_language_keeps_it_on_the_person(client, people):
    person = people["employee"]
    client.force_login(person)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.language == "en"
    assert client.get("/").headers["Content-Language"] == "en"


def test_a_language_chosen_before_signing_in_is_kept_at_sign_in(client, people):
    person = people["employee"]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/account/login/", {"login": person.email, "password": "a-long-test-password"})
    person.refresh_from_db()
    assert person.language == "en"


def test_a_visitor_without_a_cookie_gets_swedish_and_no_cookie(client, db):
    response = client.get("/")
    assert response.headers["Content-Language"] == "sv"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_header_switch_needs_no_token_signed_out(db):
    """A page kept for every anonymous visitor holds no CSRF token, so its language switch works without one."""
    client = Client(enforce_csrf_checks=True)
    response = client.post("/language/", {"language": "en", "next": "/ideas/"})
    assert response.status_code == 302 and response["Location"] == "/ideas/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert 'lang="en"' in client.get("/ideas/").content.decode()


def test_the_header_switch_needs_the_token_signed_in(people):
    person = people["employee"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    assert client.post("/language/", {"language": "en", "next": "/"}).status_code == 403
    person.refresh_from_db()
    assert person.language == "sv"
    page = client.get("/").content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert client.post("/language/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}).status_code == 302
    person.refresh_from_db()
    assert person.language == "en"
