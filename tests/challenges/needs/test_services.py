import pytest

from challenges.models import NeedDecision, NeedDecisionKind, NeedOrigin, NeedStatus, Route
from challenges.needs import services
from core.errors import ConflictError, DomainError, PermissionDeniedError
from tests.challenges.conftest import routed_need, write_need

pytestmark = pytest.mark.django_db


def test_a_manager_writes_a_need_for_their_unit_as_a_draft(people, need):
    assert need.status == NeedStatus.DRAFT
    assert need.unit == people["manager"].unit
    assert "bygglov" in need.search_stems


@pytest.mark.parametrize("who", ["employee", "resident", "supplier"])
def test_only_managers_coaches_and_offices_write_needs(people, who):
    with pytest.raises(PermissionDeniedError):
        write_need(people[who], unit=people["manager"].unit)


def test_a_need_is_written_only_for_a_unit_one_leads(people, tree):
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], unit=tree["SDF-S"])
    assert refused.value.field == "unit"


@pytest.mark.parametrize("field", ["title", "who_has_it", "how_it_shows", "good_outcome"])
def test_a_missing_text_is_named(people, field):
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], **{field: "  "})
    assert refused.value.field == field


def test_a_need_from_an_idea_names_the_idea(people):
    with pytest.raises(DomainError) as refused:
        write_need(people["manager"], origin=NeedOrigin.IDEA)
    assert refused.value.field == "idea"


def test_the_office_returns_a_need_with_a_comment_and_it_is_sent_again(people, need):
    manager, office = people["manager"], people["office"]
    services.need_submit(need=need, by=manager, expected_version=need.version)
    with pytest.raises(DomainError) as refused:
        services.need_validate(need=need, by=office, expected_version=need.version, valid=False)
    assert refused.value.field == "comment"
    services.need_validate(need=need, by=office, expected_version=need.version, valid=False, comment="Fler siffror.")
    assert need.status == NeedStatus.RETURNED
    services.need_update(
        need=need,
        by=manager,
        expected_version=need.version,
        title=need.title,
        who_has_it=need.who_has_it,
        how_it_shows="Handläggningstiden är 14 veckor (mätning 2026).",
        good_outcome=need.good_outcome,
        cost_today="",
        constraints="",
    )
    services.need_submit(need=need, by=manager, expected_version=need.version)
    services.need_validate(need=need, by=office, expected_version=need.version, valid=True)
    need.refresh_from_db()
    assert need.status == NeedStatus.VALIDATED
    assert list(need.decisions.values_list("kind", "rationale")) == [
        (NeedDecisionKind.SUBMITTED, ""),
        (NeedDecisionKind.RETURNED, "Fler siffror."),
        (NeedDecisionKind.SUBMITTED, ""),
        (NeedDecisionKind.VALIDATED, ""),
    ]


def test_routing_a_waiting_need_validates_it_and_records_why(people):
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    assert (need.status, need.route) == (NeedStatus.ROUTED, Route.OPENLAB)
    assert list(NeedDecision.objects.filter(need=need).values_list("kind", flat=True)) == [
        NeedDecisionKind.SUBMITTED,
        NeedDecisionKind.VALIDATED,
        NeedDecisionKind.ROUTED,
    ]


def test_only_the_office_of_the_unit_or_above_decides(people, need):
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    for who in ("manager", "coach", "other_office"):
        with pytest.raises(PermissionDeniedError):
            services.need_validate(need=need, by=people[who], expected_version=need.version, valid=True)
    services.need_validate(need=need, by=people["director"], expected_version=need.version, valid=True)


def test_two_deciding_at_once_the_second_is_refused(people, need):
    services.need_submit(need=need, by=people["manager"], expected_version=need.version)
    seen = need.version
    services.need_validate(need=need, by=people["office"], expected_version=seen, valid=True)
    with pytest.raises((ConflictError, PermissionDeniedError)):
        services.need_validate(need=need, by=people["director"], expected_version=seen, valid=True)
    assert need.decisions.filter(kind=NeedDecisionKind.VALIDATED).count() == 1
