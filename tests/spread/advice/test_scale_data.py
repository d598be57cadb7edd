"""The city-scale requests for advice are as the services would have left them."""

import io

import pytest
from django.core.management import call_command
from django.db.models import F

from spread.models import AdviceRequest, AdviceStatus


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


def test_requests_are_as_the_services_would_have_left_them(generated):
    requests = AdviceRequest.objects.select_related("asked_by__unit", "unit", "coach")
    assert requests.count() >= 30
    assert "requests for advice" in generated
    for advice in requests:
        assert advice.asked_by.unit.organisation == advice.unit
        assert advice.answer_due_at > advice.created_at
        if advice.coach_id:
            assert advice.coach.has_role("coach")
    answered = AdviceRequest.objects.filter(status=AdviceStatus.ANSWERED)
    assert answered.exists() and AdviceRequest.objects.filter(status=AdviceStatus.OPEN).exists()
    assert not answered.filter(answered_at__lt=F("created_at")).exists()
    assert not answered.filter(answer="").exists()
    for advice in answered.select_related("answered_by")[:200]:
        assert advice.answered_by.has_perm("spread.answer_advice", _reopened(advice))


def _reopened(advice):
    advice.status = AdviceStatus.OPEN  # who may answer it, as when it was answered
    return advice
