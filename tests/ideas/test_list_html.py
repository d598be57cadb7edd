"""The idea list's HTML for a fixed set of ideas, against the HTML kept in ``golden/``.

How the list is drawn may change (rows kept as fragments, ``core.fragments``); what it draws may
not. The golden files were drawn before the rows were kept; each page is drawn twice, the second
time from kept rows.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from ideas.lock import Stage
from ideas.models import Idea
from ideas.services import support_toggle
from organisation.models import Unit
from tests import factories

GOLDEN = Path(__file__).parent / "golden"
SOURCES = ["employee", "resident", "supplier", "university"]


@pytest.fixture
def fixed_ideas(people):
    start = datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC)
    ideas = []
    for n in range(30):
        idea = factories.idea(
            author=people["employee"], title=f"Idé nummer {n:02d} om cyklar & <skor>", source=SOURCES[n % 4]
        )
        created = start + datetime.timedelta(days=n, hours=n % 7)
        answered = created + datetime.timedelta(days=3) if n % 3 else None
        Idea.objects.filter(pk=idea.pk).update(
            created_at=created, answer_due_at=created + datetime.timedelta(days=14), answered_at=answered
        )
        ideas.append(idea)
    for idea, stage in zip(
        ideas[:5], (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD, Stage.CLOSED), strict=True
    ):
        Idea.objects.filter(pk=idea.pk).update(stage=stage, answered_at=timezone.now())
    for idea in ideas[::4]:
        support_toggle(idea=idea, user=people["colleague"], kind="same_need")
    for idea in ideas[::8]:
        support_toggle(idea=idea, user=people["manager"], kind="same_need")
    return ideas


def _normalised(html: str, ideas) -> str:
    number = {str(idea.pk): n for n, idea in enumerate(ideas)}
    html = re.sub(r"/ideas/(\d+)/", lambda m: f"/ideas/IDEA-{number.get(m.group(1), 'OTHER')}/", html)
    # Each response has its own CSRF token; the unit filter lists units whose numbers depend on the database.
    html = re.sub(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]+"', r'\1"TOKEN"', html)
    return re.sub(r'<option value="\d+"', '<option value="UNIT"', html)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    ("query", "whole_page"),
    # The page's main part for each order and filter; htmx's part of the page (the results) once.
    [
        (query, True)
        for query in (
            "",
            "?page=2",
            "?sort=supports",
            "?sort=title&page=2",
            "?q=cyklar&stage=idea",
            # The filter form with a unit chosen and the box ticked, and with values it refuses.
            "?unit=UNIT&overdue=on&source=resident",
            "?stage=nonsense&unit=0",
        )
    ]
    + [("", False)],
)
def test_the_idea_list_draws_what_it_drew_before(client, people, fixed_ideas, language, query, whole_page):
    client.force_login(people["director"])
    client.cookies["django_language"] = language
    unit = Unit.objects.filter(depth__lte=3).order_by("path")[1]
    drawn = []
    for _ in range(2):  # the second time from kept rows and the kept filter form
        response = client.get(
            "/ideas/" + query.replace("UNIT", str(unit.pk)), headers={} if whole_page else {"HX-Request": "true"}
        )
        assert response.status_code == 200
        html = response.content.decode()
        if whole_page:  # the list's part of the page: the menu and the footer belong to every page
            html = html[html.index("<main") : html.index("</main>")]
        drawn.append(_normalised(html, fixed_ideas))
    asked = query.strip("?").replace("&", "_").replace("=", "-") or "first"
    name = f"idea_list_{'page' if whole_page else 'results'}_{language}_{asked}.html"
    golden = GOLDEN / name
    assert drawn[0] == golden.read_text()
    assert drawn[1] == drawn[0]


@override_settings(SPRANG_FRAGMENTS_VERIFY=False)  # what a kept filter form shows, not what the tests draw anew
def test_the_kept_filter_form_shows_a_unit_renamed_since(client, people, fixed_ideas):
    client.force_login(people["director"])
    unit = Unit.objects.filter(depth__lte=3).order_by("path")[1]
    assert f">{unit.name}</option>" in client.get("/ideas/").content.decode()
    Unit.objects.filter(pk=unit.pk).update(name="Förvaltningen med nytt namn")
    html = client.get("/ideas/").content.decode()
    assert ">Förvaltningen med nytt namn</option>" in html
    assert f">{unit.name}</option>" not in html
