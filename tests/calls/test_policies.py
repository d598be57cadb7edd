"""The rules reads and writes share: what the ranking leaves out, when the rubric freezes, one set of statuses."""

from __future__ import annotations

import pytest

from calls import policies, rules, selectors, services

pytestmark = pytest.mark.django_db


def _submit_scores(application, juror, *, submit=True):
    assignment = application.assignments.get(juror=juror)
    services.scores_save(
        application=application,
        juror=juror,
        expected_version=assignment.version,
        scores={c.pk: (3, "Motivering") for c in application.call.criteria.all()},
        submit=submit,
    )


def test_the_ranking_leaves_out_what_the_chair_is_to_score_until_they_have(jurors, with_jury):
    call = with_jury.call
    before = selectors.ranking_left_out(call=call, user=jurors["chair"])
    assert before.own_first == {with_jury.pk}
    assert before.recused == set()
    assert before.all == {with_jury.pk}
    _submit_scores(with_jury, jurors["chair"])
    after = selectors.ranking_left_out(call=call, user=jurors["chair"])
    assert after.own_first == set() and after.all == set()


def test_the_ranking_leaves_out_what_a_juror_is_recused_from_and_not_as_their_own_to_score(jurors, with_jury):
    left_out = selectors.ranking_left_out(call=with_jury.call, user=jurors["north"])  # Norra applied
    assert left_out.recused == {with_jury.pk}
    assert left_out.own_first == set()


def test_the_ranking_leaves_out_nothing_for_the_office(people, with_jury):
    assert selectors.ranking_left_out(call=with_jury.call, user=people["director"]).all == set()


def test_a_decided_application_is_no_longer_left_out_as_the_chairs_own_to_score(jurors, with_jury):
    services.decision_record(application=with_jury, by=jurors["chair"], granted=False, justification="Inte nu.")
    assert selectors.ranking_left_out(call=with_jury.call, user=jurors["chair"]).own_first == set()


def test_the_rubric_freezes_at_the_first_saved_score(jurors, with_jury):
    call = with_jury.call
    assert not policies.rubric_frozen(call)
    assert "scale_min" not in policies.call_frozen(call)
    _submit_scores(with_jury, jurors["expert"], submit=False)
    assert policies.rubric_frozen(call)
    assert "scale_min" in policies.call_frozen(call)


def test_the_ranking_and_the_jury_name_one_set_of_statuses():
    assert selectors.WITH_THE_JURY is rules.WITH_THE_JURY
    assert not hasattr(selectors, "RANKED")
