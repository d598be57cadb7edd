"""The coach select on an idea's page is a fragment kept by the coaches as one query reads them (``ideas/fragments.py``):
the next page reads them and draws nothing, a sign-in (which writes the person's row) leaves it kept, and a new coach,
a renamed one or one who is no longer a coach shows at once, whoever made the change and however."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ideas.forms import CoachForm
from organisation.models import Role, RoleAssignment, User
from tests import factories

pytestmark = pytest.mark.django_db

COACHES_READ = re.compile(r"SELECT DISTINCT .*organisation_roleassignment.*coach", re.S)


def page(client, idea) -> tuple[str, int, bool]:
    """The idea's page, how many times it read the coaches to choose from, and whether it drew the select."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ideas/{idea.pk}/")
    assert response.status_code == 200
    drawn = any(t.name == "ideas/partials/coach_field.html" for t in response.templates)
    read = sum(bool(COACHES_READ.search(q["sql"])) for q in queries.captured_queries)
    return response.content.decode(), read, drawn


def select(html: str) -> str:
    return re.search(r'<select name="coach".*?</select>', html, re.S).group(0)


@pytest.fixture
def idea(people):
    return factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")


def test_the_next_page_reads_the_coaches_once_and_draws_nothing(client, people, idea, settings):
    # The tests draw every kept fragment again to compare it (``SPRANG_FRAGMENTS_VERIFY``): here what is drawn counts.
    settings.SPRANG_FRAGMENTS_VERIFY = False
    client.force_login(people["director"])
    first, read, drawn = page(client, idea)
    assert (read, drawn) == (2, True)  # the key's rows, then the select's own
    second, read, drawn = page(client, idea)
    assert (read, drawn) == (1, False)
    assert select(second) == select(first)
    # The HTML the form draws itself, the coach chosen included.
    assert select(first) == select(str(CoachForm(initial={"coach": idea.coach_id})["coach"].as_field_group()))
    assert "Cecilia Coach" in select(second)


def test_another_coach_chosen_is_another_select(client, people, idea, settings):
    settings.SPRANG_FRAGMENTS_VERIFY = False  # what the page shows, not the tests' own check, proves it
    client.force_login(people["director"])
    page(client, idea)
    idea.coach = people["coach"]
    idea.save(update_fields=["coach"])
    html, _read, _drawn = page(client, idea)
    assert f'<option value="{people["coach"].pk}" selected>Cecilia Coach</option>' in select(html)


def test_a_sign_in_elsewhere_leaves_the_select_kept(client, people, idea, settings):
    settings.SPRANG_FRAGMENTS_VERIFY = False
    client.force_login(people["director"])
    page(client, idea)
    Client().force_login(people["coach"])  # writes the coach's row: when they last signed in
    _html, _read, drawn = page(client, idea)
    assert not drawn


def test_a_new_coach_shows_at_once(client, people, tree, idea, settings):
    settings.SPRANG_FRAGMENTS_VERIFY = False
    client.force_login(people["director"])
    page(client, idea)
    factories.person(unit=tree["SLK"], role=Role.COACH, name="Nora Nycoach")
    html, _read, drawn = page(client, idea)
    assert drawn
    assert "Nora Nycoach" in select(html)


def test_a_coach_renamed_past_the_models_shows_at_once(client, people, idea, settings):
    settings.SPRANG_FRAGMENTS_VERIFY = False  # what the page shows, not the tests' own check, proves it
    client.force_login(people["director"])
    page(client, idea)
    User.objects.filter(pk=people["coach"].pk).update(name="Cecilia Coachsson")
    html, _read, _drawn = page(client, idea)
    assert "Cecilia Coachsson" in select(html)
    assert "Cecilia Coach<" not in select(html)


def test_a_coach_no_longer_a_coach_leaves_the_select(client, people, idea, settings):
    settings.SPRANG_FRAGMENTS_VERIFY = False  # what the page shows, not the tests' own check, proves it
    client.force_login(people["director"])
    page(client, idea)
    RoleAssignment.objects.filter(user=people["coach"], role=Role.COACH).delete()
    html, _read, _drawn = page(client, idea)
    assert "Cecilia Coach" not in select(html)


def test_the_select_is_drawn_in_the_readers_language(client, people, idea):
    client.force_login(people["director"])
    swedish, _read, _drawn = page(client, idea)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english, _read, _drawn = page(client, idea)
    assert "Ingen coach" in select(swedish)
    assert "No coach" in select(english)
