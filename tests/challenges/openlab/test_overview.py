"""The OpenLab overview's lists: collaborations newest first with their projects counted, and the needs still to
give to a university, those not yet given to any first, ten at most with a way to the rest."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from challenges.models import Assignment, Route
from challenges.openlab import selectors, services
from tests.challenges.conftest import routed_need
from tests.challenges.openlab.conftest import propose

pytestmark = pytest.mark.django_db


def _assign(people, need, university, title):
    return services.assignment_create(
        by=people["office"], need=need, university=university, title=title, brief="B", contact=people["employee"]
    )


def test_collaborations_are_newest_first_with_their_projects_counted(people, lab):
    older = lab["assignment"]
    newer = _assign(
        people,
        routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB),
        lab["kth"],
        "Nyare uppdrag",
    )
    Assignment.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    accepted = propose(older, lab["teacher"], members=[lab["student"]])
    services.project_decide(by=people["employee"], project=accepted, expected_version=1, accept=True)
    propose(older, lab["researcher"], title="Forskning om handläggningstider")

    rows = list(selectors.collaborations(people["director"]))

    assert [r.pk for r in rows] == [newer.pk, older.pk]
    assert (rows[1].project_count, rows[1].projects_under_way, rows[1].projects_completed) == (2, 1, 0)
    assert (rows[0].project_count, rows[0].projects_under_way, rows[0].projects_completed) == (0, 0, 0)
    assert selectors.collaborations(people["director"]).ordered  # pages never overlap


def test_the_overview_lists_unassigned_needs_first_and_links_to_the_rest(django_app, people, lab):
    unassigned = [
        routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB, title=f"Behov {n:02}")
        for n in range(11)
    ]

    page = django_app.get("/challenges/openlab/", user=people["office"])

    listed = page.html.select("main ul.govuk-list--bullet")[0].get_text()
    assert lab["need"].title not in listed  # already given to KTH: after the eleven not yet given to anyone
    assert sum(f"Behov {n:02}" in listed for n in range(11)) == 10
    link = page.html.find("a", string="Alla behov som ska till OpenLab") or page.html.find(
        "a", string="Every need routed to OpenLab"
    )
    assert link is not None
    assert link["href"] == "/challenges/needs/?status=routed&route=openlab"
    needs_page = django_app.get(link["href"], user=people["office"])
    assert all(n.title in needs_page.text for n in unassigned[:5])


def test_few_needs_to_assign_are_listed_without_a_link_to_more(django_app, people, lab):
    routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB, title="Ett behov till")

    page = django_app.get("/challenges/openlab/", user=people["office"])

    assert "Ett behov till" in page.text
    assert "status=routed&route=openlab" not in page.text.replace("&amp;", "&")


def test_the_agreements_dates_are_written_out_in_full(django_app, people, lab):
    page = django_app.get("/challenges/openlab/", user=people["office"], headers={"Accept-Language": "sv"})

    assert "1 januari 2027–31 december 2027" in page.html.select_one("main table").get_text()
