"""Where a university's people may go: where residents go, and OpenLab. Every address of the project (every app's
pages and API, the ones added later too) is asked by a student and by a resident: outside OpenLab, the answers
are the same."""

from __future__ import annotations

import pytest

from ideas.models import Idea, Source
from ideas.services import idea_submit
from tests.spread.networks.test_partner_fence import ALL

pytestmark = pytest.mark.django_db

#: Pages whose answer holds who asks (their own data, their kind of account), and OpenLab's own (tested apart).
SKIP = ("/admin/", "/challenges/openlab/", "/api/v1/openlab/", "/account/", "/accounts/", "/i18n/", "/profile/")


def test_a_university_person_goes_where_a_resident_goes(client, people, lab):
    differ = []
    for name, path in ALL:
        if path.startswith(SKIP):
            continue
        client.force_login(people["resident"])
        as_resident = client.get(path).status_code
        client.force_login(lab["student"])
        as_student = client.get(path).status_code
        if as_resident != as_student:
            differ.append((name, path, as_resident, as_student))
    assert differ == []


def test_the_menu_shows_openlab_to_university_people_and_staff_with_a_role(client, people, lab):
    for person, shown in ((lab["student"], True), (people["office"], True), (people["resident"], False)):
        client.force_login(person)
        page = client.get("/").content.decode()
        assert ('href="/challenges/openlab/"' in page) is shown, person


def test_an_idea_from_a_university_person_has_the_source_university(lab, tree):
    idea = idea_submit(
        author=lab["student"],
        title="Bättre skyltning vid bygglovsdisken",
        problem="Sökande hittar inte rätt.",
        audience="Sökande.",
        proposal="Tydligare skyltar.",
        expected_value="Kortare köer.",
        values=["social"],
        source=Source.EMPLOYEE,  # a university person speaks for themselves: the source is theirs
    )
    assert Idea.objects.get(pk=idea.pk).source == Source.UNIVERSITY


def test_ideas_from_university_people_count_as_from_outside_the_staff(lab, people, tree):
    from datetime import timedelta

    from django.utils import timezone

    from ideas.indicators import external_share

    unit = tree["SDF-N"]
    for author in (lab["student"], people["employee"]):
        idea_submit(
            author=author,
            unit=unit,
            title="En idé",
            problem="Ett problem.",
            audience="Några.",
            proposal="Ett förslag.",
            expected_value="Ett värde.",
            kind="service",
            values=["social"],
        )
    now = timezone.now()
    figures = external_share(now - timedelta(days=1), now + timedelta(days=1))
    assert figures[unit.pk].value == 50
