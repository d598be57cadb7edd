"""Every governance rule for every role: who may do what (a matrix, like the ideas app's)."""

from __future__ import annotations

import pytest

from governance.models import Report, ReportStatus
from organisation.models import Role
from tests import factories

ROLES = ["employee", "colleague", "manager", "coach", "office", "other_office", "director", "resident", "supplier"]


@pytest.fixture
def executive(tree):
    """An innovation office on the whole city: the executive office, without being the director."""
    return factories.person(unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["CITY"], name="Karin Kansli")


def allowed(people, perm, obj=None, extra=()):
    everyone = {**people, **dict(extra)}
    return {role for role, person in everyone.items() if person.has_perm(perm, obj)}


#: Every city employee among ``people``: not the resident and the supplier.
CITY_STAFF = {"employee", "colleague", "manager", "coach", "office", "other_office", "director"}


def test_who_sees_the_dashboard(people):
    assert allowed(people, "governance.view_dashboard") == CITY_STAFF


def test_who_manages_city_goals_and_indicators(people, executive):
    for perm in ("governance.manage_city_goals", "governance.manage_indicators"):
        assert allowed(people, perm, extra={"executive": executive}) == {"director"}


def test_who_opens_periods(people, executive):
    assert allowed(people, "governance.open_period", extra={"executive": executive}) == {"director", "executive"}


def test_who_downloads_the_city_pdf(people, executive):
    """The compiled PDF is laid out by the worker, never in the web process: city staff have it as they have the
    workbook; residents and suppliers do not."""
    assert allowed(people, "governance.export_city_pdf", extra={"executive": executive}) == CITY_STAFF | {"executive"}


def test_who_sets_goals_for_an_administration(people, tree):
    assert allowed(people, "governance.set_goals_for", tree["SDF-N"]) == {"manager", "office", "director"}
    assert allowed(people, "governance.set_goals_for", tree["SDF-S"]) == {"other_office", "director"}


def test_who_begins_a_report(people, tree, executive):
    assert allowed(people, "governance.start_report", tree["SDF-N"], extra={"executive": executive}) == {
        "manager",
        "office",
    }


@pytest.mark.parametrize(
    ("status", "viewers", "editors", "reviewers", "extenders"),
    [
        (
            ReportStatus.DRAFT,
            {"manager", "office", "director", "executive"},
            {"manager", "office"},
            set(),
            {"director", "executive"},
        ),
        (
            ReportStatus.SUBMITTED,
            {"employee", "colleague", "manager", "coach", "office", "other_office", "director", "executive"},
            set(),
            {"director", "executive"},
            set(),
        ),
        (
            ReportStatus.RETURNED,
            {"employee", "colleague", "manager", "coach", "office", "other_office", "director", "executive"},
            {"manager", "office"},
            set(),
            {"director", "executive"},
        ),
        (
            ReportStatus.APPROVED,
            {"employee", "colleague", "manager", "coach", "office", "other_office", "director", "executive"},
            set(),
            set(),
            set(),
        ),
    ],
)
def test_report_rules_by_status(people, report, executive, status, viewers, editors, reviewers, extenders):
    Report.objects.filter(pk=report.pk).update(status=status)
    report.refresh_from_db()
    extra = {"executive": executive}
    assert allowed(people, "governance.view_report", report, extra) == viewers
    assert allowed(people, "governance.edit_report", report, extra) == editors
    assert allowed(people, "governance.review_report", report, extra) == reviewers
    assert allowed(people, "governance.extend_deadline", report, extra) == extenders
