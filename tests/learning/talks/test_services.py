"""Recording development talks and sending in ideas from them: the rules, the checks and the lock."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from ideas.models import Idea
from learning.models import DevelopmentTalk, TalkIdea
from learning.talks import services
from learning.talks.personal_data import development_talks
from learning.talks.todo import talk_idea_tasks

pytestmark = pytest.mark.django_db

IDEA = {
    "title": "Digital signering av scheman",
    "problem": "Scheman skrivs ut och signeras på papper.",
    "audience": "Personalen på äldreboendet.",
    "proposal": "Signera schemat i mobilen.",
    "expected_value": "Mindre papper och snabbare besked.",
    "kind": "process",
    "values": ["economic"],
}


def _today() -> date:
    return timezone.localdate()


def _record(people, **changes):
    fields = {
        "employee": people["employee"],
        "by": people["manager"],
        "year": _today().year,
        "held_on": _today(),
        "innovation_discussed": True,
        "ideas_count": 2,
    }
    fields.update(changes)
    return services.talk_record(**fields)


def test_a_manager_records_a_talk_in_the_employees_unit(people):
    talk = _record(people)
    assert (talk.employee, talk.manager, talk.unit_id, talk.ideas_count) == (
        people["employee"],
        people["manager"],
        people["employee"].unit_id,
        2,
    )
    assert talk.innovation_discussed


@pytest.mark.parametrize("who", ["colleague", "employee", "coach", "office", "director"])
def test_only_a_manager_of_the_employees_unit_records(people, staff, who):
    with pytest.raises(PermissionDeniedError):
        _record(people, by=people[who])
    assert not DevelopmentTalk.objects.exists()


def test_a_manager_of_another_unit_is_refused(people, staff):
    with pytest.raises(PermissionDeniedError):
        _record(people, by=staff["south_manager"])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": None}, "held_on"),
        ({"held_on": date.today() + timedelta(days=1)}, "held_on"),
        ({"year": date.today().year - 1}, "held_on"),
        ({"ideas_count": 51}, "ideas_count"),
        ({"ideas_count": -1}, "ideas_count"),
        ({"innovation_discussed": False, "ideas_count": 1}, "innovation_discussed"),
    ],
)
def test_bad_input_names_the_field(people, changes, field):
    with pytest.raises(DomainError) as refused:
        _record(people, **changes)
    assert refused.value.field == field


def test_one_talk_a_year(people):
    _record(people)
    with pytest.raises(ConflictError):
        _record(people, ideas_count=0)
    assert DevelopmentTalk.objects.get().ideas_count == 2


def test_a_concurrent_edit_gets_a_conflict_and_overwrites_nothing(people):
    talk = _record(people)
    services.talk_update(
        talk=talk, by=people["manager"], expected_version=1, held_on=_today(), innovation_discussed=True, ideas_count=3
    )
    with pytest.raises(ConflictError):
        services.talk_update(
            talk=talk,
            by=people["manager"],
            expected_version=1,
            held_on=_today(),
            innovation_discussed=False,
            ideas_count=0,
        )
    talk.refresh_from_db()
    assert (talk.ideas_count, talk.innovation_discussed, talk.lock_version) == (3, True, 2)


def test_the_employee_sends_an_idea_from_the_talk(people):
    talk = _record(people)
    idea = services.talk_idea(talk=talk, by=people["employee"], unit=people["employee"].unit, **IDEA)
    assert idea.author == people["employee"]
    assert TalkIdea.objects.get().idea == idea
    talk.refresh_from_db()
    assert talk.ideas_count == 2  # the manager's figure stays


@pytest.mark.parametrize("who", ["manager", "colleague"])
def test_only_the_talks_employee_sends_an_idea(people, who):
    talk = _record(people)
    with pytest.raises(PermissionDeniedError):
        services.talk_idea(talk=talk, by=people[who], unit=people["employee"].unit, **IDEA)
    assert not Idea.objects.filter(title=IDEA["title"]).exists()


def test_a_refused_idea_leaves_no_link(people):
    talk = _record(people)
    with pytest.raises(DomainError):
        services.talk_idea(talk=talk, by=people["employee"], unit=people["employee"].unit, **{**IDEA, "title": ""})
    assert not TalkIdea.objects.exists()


def test_the_start_page_task_until_an_idea_is_sent(people):
    assert talk_idea_tasks(people["employee"]) is None
    talk = _record(people)
    group = talk_idea_tasks(people["employee"])
    assert group is not None and group.lines[0].url.endswith(f"/talks/{talk.pk}/idea/")
    services.talk_idea(talk=talk, by=people["employee"], unit=people["employee"].unit, **IDEA)
    assert talk_idea_tasks(people["employee"]) is None


def test_personal_data(people):
    talk = _record(people)
    services.talk_idea(talk=talk, by=people["employee"], unit=people["employee"].unit, **IDEA)
    mine = development_talks(people["employee"])
    assert mine["as_employee"][0]["ideas_count"] == 2 and mine["as_employee"][0]["manager"] == "Maria Chef"
    assert mine["as_employee"][0]["ideas_sent"] == [talk.ideas.get().idea_id]
    assert mine["as_manager"] == []
    held = development_talks(people["manager"])
    assert held["as_manager"][0]["employee"] == "Anna Anställd" and "ideas_sent" not in held["as_manager"][0]
    assert held["as_employee"] == []
