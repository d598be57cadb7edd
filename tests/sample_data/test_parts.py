"""Each app's sample data is found by its label, in installed order, after the apps it names; the same seed
gives the same demo city."""

from __future__ import annotations

import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from calls.models import Application, Assignment
from governance.models import Goal, IndicatorValue, Report
from ideas.models import Comment, GateDecision, Idea, Support
from organisation.models import RoleAssignment, User
from sample_data.demo import DemoBuilder
from sample_data.parts import parts

NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.mark.parametrize("kind", ["demo", "scale"])
def test_each_apps_part_is_found_by_label_in_installed_order_governance_after_the_calls_it_counts(kind):
    # core and opendata are installed too, with no sample data of their own: skipped. Governance is installed
    # before calls and spread but counts their rows, and the demo's indicators count the surveys' and learning's, so it
    # comes after them; the needs and challenges serve its goals, and procurement starts from needs.
    names = [module.__name__ for module in parts(kind)]
    if kind == "demo":
        labels = ("organisation", "ideas", "calls", "spread", "surveys", "learning", "governance", "challenges")
        labels = (*labels, "procurement")
    else:
        labels = ("organisation", "ideas", "calls", "spread", "governance", "challenges", "procurement", "surveys")
        labels = (*labels, "learning")
    assert names == [f"sample_data.{kind}.{label}" for label in labels]
    assert all(callable(module.build) for module in parts(kind))


def fingerprint() -> str:
    """The demo city without primary keys or the clock's moments: people by address, rows by what they say."""
    h = hashlib.sha256()
    queries = [
        User.objects.order_by("email").values_list("email", "name", "kind", "unit__code", "supplier__name"),
        RoleAssignment.objects.order_by("user__email", "role", "unit__code").values_list(
            "user__email", "role", "unit__code", "capacity"
        ),
        Idea.objects.order_by("created_at", "title").values_list(
            "title", "stage", "created_at", "answered_at", "author__email", "unit__code", "coach__email", "visibility"
        ),
        GateDecision.objects.order_by("decided_at", "idea__title").values_list(
            "idea__title", "from_stage", "to_stage", "decided_at", "decided_by__email", "rationale"
        ),
        Comment.objects.order_by("created_at", "author__email", "body").values_list(
            "idea__title", "author__email", "created_at", "body"
        ),
        Support.objects.order_by("created_at", "user__email").values_list("idea__title", "user__email", "kind"),
        Application.objects.order_by("call__title", "applicant__email", "title").values_list(
            "call__title", "applicant__email", "status", "title", "submitted_at", "granted_amount"
        ),
        Assignment.objects.order_by("application__title", "juror__email").values_list(
            "application__title", "juror__email", "submitted_at", "total"
        ),
        Goal.objects.order_by("year", "unit__code", "title").values_list("year", "unit__code", "title"),
        Report.objects.order_by("reporting_period__year", "reporting_period__period", "unit__code").values_list(
            "unit__code", "status", "narrative", "submitted_at", "decided_at", "version"
        ),
        IndicatorValue.objects.order_by("year", "period", "unit__code", "indicator__code").values_list(
            "indicator__code", "unit__code", "year", "period", "value", "basis"
        ),
    ]
    for query in queries:
        for row in query:
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def built_twice(django_db_setup, django_db_blocker):
    """The demo's fingerprint, built twice from the same seed and day, flushed in between and afterwards."""
    fingerprints = []
    with django_db_blocker.unblock():
        try:
            for _ in range(2):
                DemoBuilder(seed=11, ideas=30, governance_years=1, now=NOW).build()
                # The ideas asked for; answers to challenges, needs solved in the lock, ideas from university
                # projects, procurement pilots and suppliers' accepted proposals come on top.
                own = Idea.objects.filter(
                    challenge_answer__isnull=True,
                    need_routed__isnull=True,
                    openlab_project__isnull=True,
                    procurement_case__isnull=True,
                    supplier_proposal__isnull=True,
                )
                fingerprints.append((own.count(), fingerprint()))
                call_command("flush", "--no-input", verbosity=0)
        finally:
            call_command("flush", "--no-input", verbosity=0)
    return fingerprints


def test_the_same_seed_builds_the_same_demo_city(built_twice, db):
    first, second = built_twice
    assert first[0] == 30
    assert second == first
