"""Adopting a good example: who may, which unit, the states and their steps, the count and the notifications."""

import pytest

from core.errors import ConflictError, DomainError, PermissionDeniedError
from core.models import Notification
from ideas.lock import Stage
from spread.adoptions import services
from spread.models import Adoption, AdoptionState, Example
from tests import factories
from tests.spread.adoptions.conftest import days_ago, make_example

pytestmark = pytest.mark.django_db


def start(example, unit, by, **kw):
    kw.setdefault("start_date", days_ago(30))
    kw.setdefault("changes", "Vi inför låsen i skolans lokaler.")
    return services.adoption_start(example=example, unit=unit, by=by, **kw)


def step(adoption, by, to, *, on=None, **kw):
    adoption = Adoption.objects.get(pk=adoption.pk)
    return services.adoption_step(
        adoption=adoption, by=by, expected_version=adoption.version, to_state=to, on=on or days_ago(1), **kw
    )


def test_a_manager_of_another_unit_adopts_and_the_originating_unit_hears_of_it(example, tree, people, south_manager):
    adoption = start(example, tree["SDF-S-SKO"], south_manager)
    assert adoption.state == AdoptionState.CONSIDERING
    assert [s.state for s in adoption.steps.all()] == [AdoptionState.CONSIDERING]
    assert Example.objects.get(pk=example.pk).adoption_count == 1
    told = set(Notification.objects.filter(url=adoption.get_absolute_url()).values_list("recipient", flat=True))
    assert told == {people["employee"].pk, people["office"].pk}  # the owner and Norra's innovation office


@pytest.mark.parametrize("code", ["SDF-N-ALD-1", "SDF-N-ALD", "SDF-N"])
def test_a_unit_cannot_adopt_an_example_of_its_own_part_of_the_organisation(tree, people, code):
    # The example comes from Äldreomsorg Norra: the unit itself, a unit below it and one above it are all "own".
    example = make_example(unit=tree["SDF-N-ALD"])
    with pytest.raises(DomainError) as exc:
        start(example, tree[code], people["manager"])
    assert exc.value.field == "unit"
    assert Adoption.objects.count() == 0


def test_only_the_manager_or_office_of_the_adopting_unit_may_adopt(example, tree, people, south_manager):
    with pytest.raises(PermissionDeniedError):
        start(example, tree["SDF-S-SKO"], people["colleague"])  # works there, leads nothing
    with pytest.raises(PermissionDeniedError):
        start(example, tree["SDF-S"], south_manager)  # leads Skola Södra only, not the administration
    with pytest.raises(PermissionDeniedError):
        start(example, tree["SDF-S-SKO"], people["resident"])
    assert start(example, tree["SDF-S"], people["other_office"]).unit == tree["SDF-S"]


def test_the_same_example_twice_at_the_same_time_is_refused_but_again_after_stopping(
    example, tree, people, south_manager
):
    first = start(example, tree["SDF-S-SKO"], south_manager)
    with pytest.raises(DomainError) as exc:
        start(example, tree["SDF-S-SKO"], people["other_office"])
    assert exc.value.field == "unit" and "already adopting" in exc.value.message
    step(first, south_manager, AdoptionState.STOPPED, stopped_reason="Låsen passade inte skolans dörrar.")
    assert Example.objects.get(pk=example.pk).adoption_count == 0
    again = start(example, tree["SDF-S-SKO"], south_manager, start_date=days_ago(0))
    assert again.pk != first.pk
    assert Example.objects.get(pk=example.pk).adoption_count == 1
    assert Adoption.objects.filter(example=example).count() == 2  # the stopped one stays in the history


def test_the_states_move_on_with_a_dated_step_each_evidence_in_use_and_why_when_stopping(
    example, tree, south_manager, people
):
    adoption = start(example, tree["SDF-S-SKO"], south_manager)
    step(adoption, south_manager, AdoptionState.TRYING, on=days_ago(20), note="Provar i två korridorer.")
    with pytest.raises(DomainError) as exc:
        step(adoption, south_manager, AdoptionState.IN_USE, on=days_ago(10))
    assert exc.value.field == "evidence"
    done = step(adoption, south_manager, AdoptionState.IN_USE, on=days_ago(10), evidence="Inga borttappade nycklar.")
    assert done.in_use_since == days_ago(10) and done.evidence == "Inga borttappade nycklar."
    with pytest.raises(DomainError) as exc:
        step(adoption, south_manager, AdoptionState.TRYING)
    assert exc.value.field == "to_state"
    with pytest.raises(DomainError) as exc:
        step(adoption, south_manager, AdoptionState.STOPPED)
    assert exc.value.field == "stopped_reason"
    stopped = step(
        adoption, south_manager, AdoptionState.STOPPED, on=days_ago(2), stopped_reason="Leverantören slutade."
    )
    assert stopped.stopped_on == days_ago(2) and stopped.in_use_since == days_ago(10)
    assert [s.state for s in stopped.steps.all()] == ["considering", "trying", "in_use", "stopped"]
    with pytest.raises(DomainError):
        step(adoption, south_manager, AdoptionState.IN_USE, evidence="x")
    assert Notification.objects.filter(recipient=people["employee"], url=adoption.get_absolute_url()).count() == 4


def test_a_step_cannot_be_dated_in_the_future_or_before_the_previous_one(example, tree, south_manager):
    adoption = start(example, tree["SDF-S-SKO"], south_manager, start_date=days_ago(5))
    with pytest.raises(DomainError) as exc:
        step(adoption, south_manager, AdoptionState.TRYING, on=days_ago(-1))
    assert exc.value.field == "on"
    with pytest.raises(DomainError) as exc:
        step(adoption, south_manager, AdoptionState.TRYING, on=days_ago(6))
    assert exc.value.field == "on"


def test_a_stale_version_is_refused_and_overwrites_nothing(example, tree, south_manager, people):
    adoption = start(example, tree["SDF-S-SKO"], south_manager)
    stale = Adoption.objects.get(pk=adoption.pk)
    step(adoption, people["other_office"], AdoptionState.TRYING)
    with pytest.raises(ConflictError):
        services.adoption_step(
            adoption=stale,
            by=south_manager,
            expected_version=stale.version,
            to_state=AdoptionState.STOPPED,
            on=days_ago(0),
            stopped_reason="Fel",
        )
    assert Adoption.objects.get(pk=adoption.pk).state == AdoptionState.TRYING


def test_only_the_adopting_units_leaders_record_steps(example, tree, south_manager, people):
    adoption = start(example, tree["SDF-S-SKO"], south_manager)
    for outsider in (people["manager"], people["employee"], people["colleague"], people["resident"]):
        with pytest.raises(PermissionDeniedError):
            step(adoption, outsider, AdoptionState.TRYING)


def test_an_adoption_from_an_idea_in_the_units_lock_leaves_the_idea_open(example, tree, south_manager, people):
    idea = factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"])
    adoption = start(example, tree["SDF-S-SKO"], south_manager, from_idea=idea)
    idea.refresh_from_db()
    assert adoption.from_idea == idea and idea.stage == Stage.IDEA
    other = factories.idea(author=people["employee"], unit=tree["SDF-N-ALD-1"])
    with pytest.raises(DomainError) as exc:
        start(make_example(unit=tree["SLK"], title="Annat"), tree["SDF-S-SKO"], south_manager, from_idea=other)
    assert exc.value.field == "from_idea"


def test_the_recount_agrees_with_the_services(example, tree, south_manager, people):
    start(example, tree["SDF-S-SKO"], south_manager)
    Example.objects.filter(pk=example.pk).update(adoption_count=7)
    services.adoption_counts_recount()
    assert Example.objects.get(pk=example.pk).adoption_count == 1
