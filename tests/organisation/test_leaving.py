"""Leaving: ``person_deactivate`` closes the account, ends its sessions, tokens and roles at once, and tells the
innovation office which ideas the person coached; nothing they wrote or decided is deleted."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Notification
from ideas import services as idea_services
from ideas.models import Idea
from organisation.services import api_token_create, person_deactivate, person_reactivate, sessions_end
from tests import factories


def test_a_signed_in_person_is_signed_out_at_once(client, people):
    employee = people["employee"]
    client.force_login(employee)
    assert client.get("/profile/").status_code == 200
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()

    assert person_deactivate(user=employee) is True

    assert not Session.objects.filter(session_key=key).exists()
    answer = client.get("/profile/")
    assert answer.status_code == 302
    assert "/account/login/" in answer["Location"]


def test_other_peoples_sessions_stay(client, people):
    client.force_login(people["colleague"])
    key = client.session.session_key
    person_deactivate(user=people["employee"])
    assert Session.objects.filter(session_key=key).exists()
    assert client.get("/profile/").status_code == 200


def test_cached_sessions_end_too(client, people, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    employee = people["employee"]
    client.force_login(employee)
    key = client.session.session_key
    cache_key = f"django.contrib.sessions.cached_db{key}"
    assert caches[settings.SESSION_CACHE_ALIAS].get(cache_key) is not None

    person_deactivate(user=employee)

    assert caches[settings.SESSION_CACHE_ALIAS].get(cache_key) is None
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/profile/").status_code == 302


def test_tokens_stop_and_roles_end_and_reactivation_opens_the_account(client, people):
    manager = people["manager"]
    _token, key = api_token_create(user=manager, name="Rapporter")
    assert client.get("/api/v1/ideas/", headers={"Authorization": f"Bearer {key}"}).status_code == 200

    person_deactivate(user=manager, by=people["director"])

    manager.refresh_from_db()
    assert not manager.is_active
    assert not manager.role_assignments.exists()
    assert client.get("/api/v1/ideas/", headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert person_deactivate(user=manager) is False  # already closed: nothing more happens

    assert person_reactivate(user=manager) is True
    manager.refresh_from_db()
    assert manager.is_active


def test_the_office_is_told_which_ideas_the_coach_leaves_and_the_ideas_keep_their_coach(people):
    coach, office = people["coach"], people["office"]
    idea = factories.idea(author=people["employee"], title="Digitala lås i hemtjänsten")
    idea_services.coach_assign(idea=idea, coach=coach, by=office)
    Notification.objects.all().delete()

    person_deactivate(user=coach)

    notes = Notification.objects.filter(recipient=office)
    assert [n.message for n in notes] == [
        "Cecilia Coach har slutat i staden och lämnar arbete öppet: coach för idén ”Digitala lås i hemtjänsten”."
    ]
    # The office of another administration is not told.
    assert not Notification.objects.filter(recipient=people["other_office"]).exists()
    assert Idea.objects.get(pk=idea.pk).coach == coach
    assert Idea.objects.filter(author=people["employee"]).count() == 1


def test_nothing_open_means_no_notification(people):
    person_deactivate(user=people["colleague"])
    assert not Notification.objects.exists()


def test_many_peoples_sessions_end_in_one_pass_and_others_stay(people):
    few = [people["employee"]]
    many = [people["manager"], people["coach"], people["office"]]
    staying = factories.signed_in(people["colleague"], times=2)
    few_keys = factories.signed_in(few[0], times=1)
    many_keys = [key for person in many for key in factories.signed_in(person, times=3)]

    with CaptureQueriesContext(connection) as one:
        assert sessions_end(users=few) == 1
    with CaptureQueriesContext(connection) as three:
        assert sessions_end(users=many) == 9

    # Reading the store once and deleting once, for one person with one session as for three with nine.
    assert len(one.captured_queries) == len(three.captured_queries) == 2
    assert not Session.objects.filter(session_key__in=few_keys + many_keys).exists()
    assert Session.objects.filter(session_key__in=staying).count() == 2


def test_many_cached_sessions_end_with_their_cached_copies(people, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    cache = caches[settings.SESSION_CACHE_ALIAS]
    leaving = factories.signed_in(people["employee"], times=2) + factories.signed_in(people["manager"], times=2)
    staying = factories.signed_in(people["colleague"])
    for key in leaving + staying:
        cache.set(f"django.contrib.sessions.cached_db{key}", {SESSION_KEY: "cached"})

    assert sessions_end(users=[people["employee"], people["manager"]]) == 4

    assert all(cache.get(f"django.contrib.sessions.cached_db{key}") is None for key in leaving)
    assert cache.get(f"django.contrib.sessions.cached_db{staying[0]}") is not None
    assert list(Session.objects.values_list("session_key", flat=True)) == staying
