"""The city-scale needs are as the services would have left them."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from challenges.models import Need, NeedDecision, NeedStatus, Route


@pytest.fixture(scope="module")
def generated_once(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command(
            "generate_scale_data",
            *("--scale", "small", "--factor", "0.002", "--governance-years", "1", "--seed", "7"),
            stdout=out,
        )
        yield out.getvalue()
        call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def generated(generated_once, db):
    return generated_once


def test_needs_are_as_the_services_would_have_left_them(generated):
    assert "needs" in generated
    needs = Need.objects.select_related("unit", "created_by").annotate(
        decided=Count("decisions", distinct=True), same=Count("same_needs", distinct=True)
    )
    assert needs.count() >= 40
    for need in needs:
        assert need.created_by.has_perm("challenges.change_need", need) or need.status != NeedStatus.DRAFT
        assert need.same == need.same_need_count
        expected = {"draft": 0, "submitted": 1, "returned": 2, "validated": 2, "routed": 3}[need.status]
        assert need.decided == expected, need.status
        assert need.version == expected + 1
        if need.route == Route.LOCK:
            assert need.routed_idea_id is not None
    assert (
        Need.objects.filter(status=NeedStatus.ROUTED).exists()
        and Need.objects.filter(status=NeedStatus.SUBMITTED).exists()
    )
    assert NeedDecision.objects.filter(decided_by__isnull=True).count() == 0
    assert Need.objects.exclude(search_stems="").count() == Need.objects.count()
