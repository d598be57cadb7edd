"""The policy register's writes: who may, what a review needs, the lock and the history."""

from __future__ import annotations

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from core.errors import ConflictError, DomainError, PermissionDeniedError
from learning.models import PolicyDocument, PolicyStatus
from learning.policies import selectors, services
from learning.policies.personal_data import policy_documents_updated

pytestmark = pytest.mark.django_db


def _add(people, tree, **changes) -> PolicyDocument:
    fields = {"by": people["director"], "title": "Kompetensutvecklingspolicy", "owner": tree["SLK"]}
    fields.update(changes)
    return services.policy_create(**fields)


def _review(**changes) -> dict:
    fields = {
        "title": "Kompetensutvecklingspolicy",
        "url": "",
        "status": PolicyStatus.CHANGE_DECIDED,
        "reviewed_on": timezone.localdate(),
        "conclusion": "Policyn nämner inte att pröva nya arbetssätt.",
        "change_decided": "Ett avsnitt om innovation läggs till.",
    }
    fields.update(changes)
    return fields


def test_the_executive_office_adds_and_reviews(people, tree):
    policy = _add(people, tree)
    assert policy.status == PolicyStatus.NOT_REVIEWED and policy.updated_by == people["director"]
    services.policy_update(policy=policy, by=people["director"], expected_version=1, owner=tree["SLK"], **_review())
    policy.refresh_from_db()
    assert (policy.status, policy.lock_version) == (PolicyStatus.CHANGE_DECIDED, 2)


@pytest.mark.parametrize("who", ["employee", "manager", "office", "coach"])
def test_only_the_executive_office_keeps_the_register(people, tree, who):
    with pytest.raises(PermissionDeniedError):
        _add(people, tree, by=people[who])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"owner": None}, "owner"),
        ({"status": "nonsense"}, "status"),
        ({"status": PolicyStatus.NO_CHANGE}, "reviewed_on"),
        ({"status": PolicyStatus.NO_CHANGE, "reviewed_on": timezone.localdate()}, "conclusion"),
        ({"status": PolicyStatus.CHANGED, "reviewed_on": timezone.localdate(), "conclusion": "Bra."}, "change_decided"),
        ({"reviewed_on": timezone.localdate() + timedelta(days=1)}, "reviewed_on"),
        (
            {
                "status": PolicyStatus.NO_CHANGE,
                "reviewed_on": timezone.localdate(),
                "conclusion": "Bra.",
                "change_decided": "Nytt avsnitt.",
            },
            "change_decided",
        ),
    ],
)
def test_bad_input_names_the_field(people, tree, changes, field):
    with pytest.raises(DomainError) as refused:
        _add(people, tree, **changes)
    assert refused.value.field == field


def test_under_review_needs_nothing_more(people, tree):
    assert _add(people, tree, status=PolicyStatus.UNDER_REVIEW).status == PolicyStatus.UNDER_REVIEW


def test_a_concurrent_edit_gets_a_conflict(people, tree):
    policy = _add(people, tree)
    services.policy_update(policy=policy, by=people["director"], expected_version=1, owner=tree["SLK"], **_review())
    with pytest.raises(ConflictError):
        services.policy_update(
            policy=policy, by=people["director"], expected_version=1, owner=tree["SLK"], **_review(title="Annan")
        )
    with pytest.raises(ConflictError):
        services.policy_delete(policy=policy, by=people["director"], expected_version=1)
    assert PolicyDocument.objects.get().title == "Kompetensutvecklingspolicy"


def test_delete(people, tree):
    policy = _add(people, tree)
    services.policy_delete(policy=policy, by=people["director"], expected_version=1)
    assert not PolicyDocument.objects.exists()


def test_the_history_says_who_changed_what(people, tree):
    policy = _add(people, tree)
    services.policy_update(policy=policy, by=people["director"], expected_version=1, owner=tree["SLK"], **_review())
    history = selectors.policy_history(policy)
    assert [item.entry.action for item in history] == [LogEntry.Action.UPDATE, LogEntry.Action.CREATE]
    assert history[0].entry.actor == people["director"]
    assert ("status", "Inte granskat än", "Ändring beslutad") in history[0].changes


def test_counts_and_search(people, tree):
    _add(people, tree)
    _add(people, tree, title="Arbetsmiljöpolicy", status=PolicyStatus.UNDER_REVIEW)
    counts = {value: n for value, _label, n in selectors.status_counts()}
    assert counts[PolicyStatus.NOT_REVIEWED] == 1 and counts[PolicyStatus.UNDER_REVIEW] == 1 and counts["changed"] == 0
    found = selectors.policy_list(selectors.PolicyFilters(q="arbetsmiljö"))
    assert [p.title for p in found] == ["Arbetsmiljöpolicy"]
    assert selectors.policy_list(selectors.PolicyFilters(status=PolicyStatus.NOT_REVIEWED)).count() == 1


def test_personal_data(people, tree):
    _add(people, tree)
    assert policy_documents_updated(people["director"])[0]["title"] == "Kompetensutvecklingspolicy"
    assert policy_documents_updated(people["employee"]) == []
