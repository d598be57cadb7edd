"""The coach select on an idea's page is kept under the versions of the tables its people are read from
(``ideas/fragments.py``, ``core.tables``): the next page does not read the coaches again, and a new coach, a
renamed one or one who is no longer a coach shows at once, whoever made the change and however."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ideas.forms import CoachForm
from organisation.models import Role, RoleAssignment, User
from tests import factories

pytestmark = pytest.mark.django_db

COACHES_READ = re.compile(r"SELECT DISTINCT .*organisation_roleassignment.*coach", re.S)


def page(client, idea) -> tuple[str, int]:
    """The idea's page and how many times it read the coaches to choose from."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ideas/{idea.pk}/")
    assert response.status_code == 200
    return response.content.decode(), sum(bool(COACHES_READ.search(q["sql"])) for q in queries.captured_queries)


def select(html: str) -> str:
    return re.search(r'<select name="coach".*?</select>', html, re.S).group(0)


@pytest.fixture
def idea(people):
    return factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")


def test_the_next_page_reads_no_coaches_and_draws_the_same_select(client, people, idea, settings):
    # The tests draw every kept fragment again to compare it (``SPRANG_FRAGMENTS_VERIFY``): here what is read counts.
    settings.SPRANG_FRAGMENTS_VERIFY = False
    client.force_login(people["director"])
    first, read = page(client, idea)
    assert read == 1
    second, read = page(client, idea)
    assert read == 0
    assert select(second) == select(first)
    # The HTML the form draws itself, the coach chosen included.
    assert select(first) == select(str(CoachForm(initial={"coach": idea.coach_id})["coach"].as_field_group()))
    assert "Cecilia Coach" in select(second)


def test_another_coach_chosen_is_another_select(client, people, idea):
    client.force_login(people["director"])
    page(client, idea)
    idea.coach = people["coach"]
    idea.save(update_fields=["coach"])
    html, _read = page(client, idea)
    assert f'<option value="{people["coach"].pk}" selected>Cecilia Coach</option>' in select(html)


def test_a_new_coach_shows_at_once(client, people, tree, idea, settings):
    settings.SPRANG_FRAGMENTS_VERIFY = False
    client.force_login(people["director"])
    page(client, idea)
    factories.person(unit=tree["SLK"], role=Role.COACH, name="Nora Nycoach")
    html, read = page(client, idea)
    assert read == 1
    assert "Nora Nycoach" in select(html)


def test_a_coach_renamed_past_the_models_shows_at_once(client, people, idea):
    client.force_login(people["director"])
    page(client, idea)
    User.objects.filter(pk=people["coach"].pk).update(name="Cecilia Coachsson")
    html, _read = page(client, idea)
    assert "Cecilia Coachsson" in select(html)
    assert "Cecilia Coach<" not in select(html)


def test_a_coach_no_longer_a_coach_leaves_the_select(client, people, idea):
    client.force_login(people["director"])
    page(client, idea)
    RoleAssignment.objects.filter(user=people["coach"], role=Role.COACH).delete()
    html, _read = page(client, idea)
    assert "Cecilia Coach" not in select(html)


def test_the_select_is_drawn_in_the_readers_language(client, people, idea):
    client.force_login(people["director"])
    swedish, _read = page(client, idea)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english, _read = page(client, idea)
    assert "Ingen coach" in select(swedish)
    assert "No coach" in select(english)
