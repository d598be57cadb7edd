# ruff: noqa: F811 - the tests take the imported fixture built_once by name
"""The demo's requests for advice: answered and waiting, one overdue, Farsta's logins each with something to see."""

import pytest

from organisation.models import User
from sample_data.demo import DEMO_DOMAIN
from spread.advice.selectors import AdviceFilters, queue
from spread.models import AdviceRequest, AdviceStatus
from tests.demo_city import NOW, built_once  # noqa: F401 - the demo city built once, as this module's fixture


@pytest.fixture
def demo(built_once, db):
    return None


def _login(name: str) -> User:
    return User.objects.get(email=f"{name}@{DEMO_DOMAIN}")


def test_requests_answered_and_waiting_with_one_overdue(demo):
    statuses = set(AdviceRequest.objects.values_list("status", flat=True))
    assert {AdviceStatus.OPEN, AdviceStatus.ANSWERED} <= statuses
    assert AdviceRequest.objects.filter(status=AdviceStatus.OPEN, answer_due_at__lt=NOW).count() == 1
    for advice in AdviceRequest.objects.filter(status=AdviceStatus.ANSWERED):
        assert advice.answered_by.has_perm("spread.view_advice", advice)
        assert advice.created_at < advice.answered_at <= NOW


def test_the_farsta_logins_each_have_something_to_see(demo):
    lina = _login("medarbetare")
    mine = AdviceRequest.objects.filter(asked_by=lina)
    assert {a.status for a in mine} == {AdviceStatus.OPEN, AdviceStatus.ANSWERED}
    assert mine.filter(coach=_login("coach")).exists()
    office = _login("innovationskontor")
    waiting = queue(user=office, filters=AdviceFilters(state="overdue"))
    assert waiting.count() == 1
