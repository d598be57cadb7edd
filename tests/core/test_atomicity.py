"""Half-written never: a database error in the middle of a multi-step write leaves nothing of it behind.

Each test lets the write run until a chosen step, checks that the earlier steps
really reached the database, then makes that step fail as the database would
(``IntegrityError``/``DatabaseError``). Afterwards every earlier step must be
gone. The tests run outside a test transaction, so the service's own
``transaction.atomic`` is the real, outermost transaction.
"""

from __future__ import annotations

from unittest import mock

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, IntegrityError

from core.models import Notification
from ideas import services as idea_services
from ideas.lock import Stage, gate_for
from ideas.models import Attachment, Follow, GateDecision, Idea
from organisation import services as org_services
from organisation.models import Unit
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def fail_after(check, error: type[Exception] = IntegrityError):
    """A stand-in for one step of a write: it checks what the earlier steps wrote, then fails like the database."""

    def step(*args, **kwargs):
        check()
        raise error("injected failure")

    return step


def counts() -> dict[str, int]:
    return {
        "ideas": Idea.objects.count(),
        "co_authors": Idea.co_authors.through.objects.count(),
        "decisions": GateDecision.objects.count(),
        "attachments": Attachment.objects.count(),
        "follows": Follow.objects.count(),
        "notifications": Notification.objects.count(),
        "audit": LogEntry.objects.count(),
    }


def idea_row(pk: int) -> tuple:
    return Idea.objects.filter(pk=pk).values_list("stage", "version", "stage_changed_at", "answered_at").get()


# -- gate_decide ---------------------------------------------------------------


@pytest.mark.parametrize(
    "failing_step",
    [
        pytest.param((GateDecision.objects, "create"), id="decision-insert"),
        pytest.param((Notification.objects, "bulk_create"), id="notification-insert"),
    ],
)
def test_gate_decision_that_fails_midway_leaves_the_idea_as_it_was(people, failing_step):
    idea = factories.idea(author=people["employee"])
    idea_services.follow_toggle(idea=idea, user=people["colleague"])
    row_before, counts_before = idea_row(idea.pk), counts()
    seen_midway: list[tuple] = []

    def stage_already_written() -> None:
        seen_midway.append(idea_row(idea.pk))

    target, name = failing_step
    with (
        mock.patch.object(target, name, side_effect=fail_after(stage_already_written)),
        pytest.raises(IntegrityError),
    ):
        idea_services.gate_decide(
            idea=idea,
            decided_by=people["office"],
            to_stage=Stage.PRESTUDY,
            rationale="Värt en förstudie.",
            checklist={item.key: True for item in gate_for(Stage.IDEA, Stage.PRESTUDY).checklist},
        )

    # The failure came after the stage UPDATE had reached the database …
    assert seen_midway and seen_midway[0][:2] == (Stage.PRESTUDY, row_before[1] + 1)
    # … and none of it is left: stage, version, decision, notifications, audit.
    assert idea_row(idea.pk) == row_before
    assert counts() == counts_before

    # The idea is not stuck: the same decision goes through once the database behaves.
    fresh = Idea.objects.get(pk=idea.pk)
    factories.move(fresh, by=people["office"], to=Stage.PRESTUDY)
    assert idea_row(idea.pk)[:2] == (Stage.PRESTUDY, row_before[1] + 1)
    assert GateDecision.objects.filter(idea=idea).count() == 1


# -- idea_submit ---------------------------------------------------------------


@pytest.mark.parametrize(
    "failing_step",
    [
        pytest.param((Attachment.objects, "create"), id="attachment-insert"),
        pytest.param((Notification.objects, "bulk_create"), id="notification-insert"),
    ],
)
def test_idea_that_fails_at_a_later_step_is_not_registered_at_all(people, failing_step):
    counts_before = counts()
    seen_midway: list[int] = []

    def idea_already_written() -> None:
        seen_midway.append(Idea.objects.filter(title="Nyckelfria dörrar").count())

    target, name = failing_step
    with (
        mock.patch.object(target, name, side_effect=fail_after(idea_already_written, DatabaseError)),
        pytest.raises(DatabaseError),
    ):
        factories.idea(
            author=people["employee"],
            title="Nyckelfria dörrar",
            co_authors=[people["colleague"]],
            attachments=[SimpleUploadedFile("underlag.txt", "Underlag för idén.".encode(), "text/plain")],
        )

    assert seen_midway == [1]
    assert not Idea.objects.filter(title="Nyckelfria dörrar").exists()
    assert counts() == counts_before


# -- units_import_csv ----------------------------------------------------------


def _failing_add_child(after: int):
    """``Unit.objects.add_child`` that adds ``after`` units for real, then fails like the database."""
    real = Unit.objects.add_child
    added: list[Unit] = []

    def add_child(*args, **kwargs):
        if len(added) == after:
            assert Unit.objects.filter(pk__in=[u.pk for u in added]).count() == after
            raise IntegrityError("injected failure")
        added.append(real(*args, **kwargs))
        return added[-1]

    return add_child, added


def tree_rows() -> list[tuple]:
    return list(
        Unit.objects.order_by("path").values_list("code", "name", "kind", "path", "depth", "numchild", "headcount")
    )


def test_unit_import_that_fails_midway_through_the_tree_adds_no_units():
    add_child, added = _failing_add_child(after=4)
    with mock.patch.object(Unit.objects, "add_child", side_effect=add_child), pytest.raises(IntegrityError):
        org_services.units_import_csv(text=factories.TREE_CSV)

    assert len(added) == 4
    assert not Unit.objects.exists()


def test_unit_update_that_fails_midway_leaves_the_tree_as_it_was(tree):
    before = tree_rows()
    text = (
        factories.TREE_CSV.replace("Björkens äldreboende", "Björkens vård- och omsorgsboende").replace(
            "Skola Södra,department,SDF-S,200", "Skola Södra,department,SDF-N,250"
        )
        + "SDF-N-ALD-2,Lindens äldreboende,unit,SDF-N-ALD,40,elderly_care\n"
        + "SDF-N-ALD-3,Ekens äldreboende,unit,SDF-N-ALD,35,elderly_care\n"
        + "SDF-S-SKO-1,Södra skolan,unit,SDF-S-SKO,80,school\n"
    )
    add_child, added = _failing_add_child(after=2)
    with mock.patch.object(Unit.objects, "add_child", side_effect=add_child), pytest.raises(IntegrityError):
        org_services.units_import_csv(text=text)

    assert len(added) == 2
    assert tree_rows() == before
    assert Unit.objects.find_problems() == ([], [], [], [], [])
