"""Calls from draft to decision: deadlines, eligibility, the jury's recusals and scores, decisions and follow-up."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from calls import selectors, services
from calls.models import Application, Status
from core.errors import ConflictError, DomainError, PermissionDeniedError
from tests.calls.conftest import CLOSES, DURING

STHLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(autouse=True)
def _english():
    """The messages are checked in English (the default language is Swedish)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def screen_and_assign(people, jurors, application, *names):
    services.application_screen(application=application, by=people["director"], eligible=True)
    for name in names:
        services.assignment_add(application=application, juror=jurors[name], by=people["director"])
    application.refresh_from_db()
    return application


def score_all(application, juror, values, *, submit=True):
    assignment = application.assignments.get(juror=juror)
    criteria = list(application.call.criteria.all())
    return services.scores_save(
        application=application,
        juror=juror,
        expected_version=assignment.version,
        scores={c.pk: (v, f"Motivering {v}") for c, v in zip(criteria, values, strict=True)},
        submit=submit,
    )


# --- applying ---


def test_a_complete_application_is_submitted_and_the_office_told(people, fund_application):
    assert fund_application.status == Status.SUBMITTED
    assert fund_application.budget_total == Decimal(150_000)
    assert people["director"].notifications.filter(url=fund_application.get_absolute_url()).exists()


def test_submitting_says_what_is_missing(people, fund):
    employee = people["employee"]
    application = services.application_start(call=fund, applicant=employee, now=DURING)
    with pytest.raises(DomainError) as error:
        services.application_submit(
            application=application, by=employee, expected_version=application.version, now=DURING
        )
    assert error.value.code == "incomplete"
    assert "a budget with at least one cost line" in error.value.message
    assert "the idea in the innovation lock" in error.value.message


def test_after_the_deadline_submission_is_refused_and_the_draft_kept(people, resident_stipend_draft):
    late = datetime(2026, 5, 1, 0, 0, tzinfo=STHLM)  # 23:59 on 30 April has passed
    with pytest.raises(DomainError) as error:
        services.application_submit(
            application=resident_stipend_draft,
            by=people["resident"],
            expected_version=resident_stipend_draft.version,
            now=late,
        )
    assert error.value.code == "late"
    assert "30 April 2026 23:59" in error.value.message or "30 april 2026 23:59" in error.value.message
    resident_stipend_draft.refresh_from_db()
    assert resident_stipend_draft.status == Status.DRAFT
    assert resident_stipend_draft.title == "Cykelkök för grannar"


def test_the_deadline_is_stockholm_time(people, resident_stipend_draft):
    """21:59 UTC on 30 April is 23:59 in Stockholm (summer time): one minute before is still in time."""
    in_time = datetime(2026, 4, 30, 21, 58, tzinfo=ZoneInfo("UTC"))
    services.application_submit(
        application=resident_stipend_draft,
        by=people["resident"],
        expected_version=resident_stipend_draft.version,
        now=in_time,
    )
    assert CLOSES.astimezone(ZoneInfo("UTC")).hour == 21


def test_a_call_that_has_closed_takes_no_new_applications(people, fund):
    with pytest.raises(DomainError) as error:
        services.application_start(call=fund, applicant=people["colleague"], now=CLOSES)
    assert error.value.code == "closed"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"birth_date": date(2010, 1, 1)}, "at least 18 years old"),
        ({"city_employment_ended_on": date(2025, 12, 31)}, "less than 12 months ago"),
        ({"residence": "none"}, "live, work or study in the city"),
    ],
)
def test_an_ineligible_applicant_is_told_exactly_why(people, resident_stipend_draft, changes, expected):
    resident = people["resident"]
    application = services.application_save(
        application=resident_stipend_draft, by=resident, expected_version=resident_stipend_draft.version, **changes
    )
    with pytest.raises(DomainError) as error:
        services.application_submit(
            application=application, by=resident, expected_version=application.version, now=DURING
        )
    assert error.value.code == "ineligible"
    assert expected in error.value.message
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_city_employees_cannot_apply_for_the_stipend(people, stipend):
    employee = people["employee"]
    application = services.application_start(call=stipend, applicant=employee, now=DURING)
    application = services.application_save(
        application=application,
        by=employee,
        expected_version=application.version,
        title="Idé",
        summary="Kort",
        description="Längre",
        requested_amount=Decimal(10_000),
        birth_date=date(1980, 1, 1),
        residence="works",
    )
    with pytest.raises(DomainError) as error:
        services.application_submit(
            application=application, by=employee, expected_version=application.version, now=DURING
        )
    assert "employed by the city" in error.value.message


def test_last_years_winner_cannot_apply(people, stipend, resident_stipend_draft):
    from calls.models import Call

    last = Call.objects.get(pk=stipend.pk)
    last.pk = None
    last.year, last.title = 2025, "Stipendiet 2025"
    last.save()
    Application.objects.create(call=last, applicant=people["resident"], status=Status.GRANTED, title="Förra årets")
    with pytest.raises(DomainError) as error:
        services.application_submit(
            application=resident_stipend_draft,
            by=people["resident"],
            expected_version=resident_stipend_draft.version,
            now=DURING,
        )
    assert "You won in 2025" in error.value.message


def test_two_windows_saving_a_draft_never_overwrite_each_other(people, resident_stipend_draft):
    version = resident_stipend_draft.version
    services.application_save(
        application=resident_stipend_draft, by=people["resident"], expected_version=version, title="Ett"
    )
    with pytest.raises(ConflictError):
        services.application_save(
            application=resident_stipend_draft, by=people["resident"], expected_version=version, title="Två"
        )
    resident_stipend_draft.refresh_from_db()
    assert resident_stipend_draft.title == "Ett"


def test_only_the_applicant_edits_and_only_a_draft(people, fund_application):
    with pytest.raises(PermissionDeniedError):
        services.application_save(
            application=fund_application,
            by=people["employee"],
            expected_version=fund_application.version,
            title="Ändrad",
        )


def test_withdrawing(people, fund_application):
    services.application_withdraw(application=fund_application, by=people["employee"])
    assert fund_application.status == Status.WITHDRAWN
    with pytest.raises(PermissionDeniedError):
        services.application_withdraw(application=fund_application, by=people["employee"])


# --- screening and the jury ---


def test_screening_out_needs_a_reason_and_tells_the_applicant(people, fund_application):
    with pytest.raises(DomainError) as error:
        services.application_screen(application=fund_application, by=people["director"], eligible=False)
    assert error.value.field == "note"
    services.application_screen(
        application=fund_application, by=people["director"], eligible=False, note="Idén är inte i slussen."
    )
    assert people["employee"].notifications.filter(message__contains="Idén är inte i slussen.").exists()


def test_a_juror_from_the_applicants_organisation_is_recused(people, jurors, fund_application):
    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    with pytest.raises(DomainError) as error:
        services.assignment_add(application=fund_application, juror=jurors["north"], by=people["director"])
    assert "recused" in error.value.message
    assert not jurors["north"].has_perm("calls.view_application", fund_application)
    assert not jurors["north"].has_perm("calls.score_application", fund_application)


def test_a_declared_conflict_recuses_and_hides_the_application(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    assert jurors["expert"].has_perm("calls.view_application", application)
    services.conflict_declare(application=application, juror=jurors["expert"], reason="Min svåger leder projektet.")
    assert not jurors["expert"].has_perm("calls.view_application", application)
    assert not application.assignments.filter(juror=jurors["expert"]).exists()
    with pytest.raises(DomainError):
        services.assignment_add(application=application, juror=jurors["expert"], by=people["director"])
    assert selectors.recusals(call=application.call)[jurors["expert"].pk] == {application.pk}


def test_scores_stay_on_the_scale_and_need_a_comment(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    criterion = application.call.criteria.first()
    assignment = application.assignments.get(juror=jurors["expert"])
    with pytest.raises(DomainError) as error:
        services.scores_save(
            application=application,
            juror=jurors["expert"],
            expected_version=assignment.version,
            scores={criterion.pk: (6, "Bra")},
        )
    assert error.value.field == f"score-{criterion.pk}"
    assert "from 1 to 5" in error.value.message
    with pytest.raises(DomainError) as error:
        services.scores_save(
            application=application,
            juror=jurors["expert"],
            expected_version=assignment.version,
            scores={criterion.pk: (4, " ")},
        )
    assert error.value.field == f"comment-{criterion.pk}"
    assert not assignment.scores.exists()


def test_submitting_scores_needs_every_criterion_and_makes_them_final(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    first = application.call.criteria.first()
    assignment = application.assignments.get(juror=jurors["expert"])
    with pytest.raises(DomainError) as error:
        services.scores_save(
            application=application,
            juror=jurors["expert"],
            expected_version=assignment.version,
            scores={first.pk: (4, "Bra")},
            submit=True,
        )
    assert "Genomförbarhet" in error.value.message
    score_all(application, jurors["expert"], [4, 3])
    assignment.refresh_from_db()
    with pytest.raises(DomainError) as error:
        services.scores_save(
            application=application,
            juror=jurors["expert"],
            expected_version=assignment.version,
            scores={first.pk: (1, "Ändrat")},
        )
    assert error.value.code == "locked"


def test_jurors_see_the_others_scores_only_after_submitting_their_own(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert", "chair")
    score_all(application, jurors["chair"], [5, 5])
    assert selectors.others_scores(application=application, juror=jurors["expert"]) == []
    score_all(application, jurors["expert"], [3, 4])
    others = selectors.others_scores(application=application, juror=jurors["expert"])
    assert [a.juror for a in others] == [jurors["chair"]]


def test_two_jurors_saving_at_once_keep_both_scores(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert", "chair")
    expert_version = application.assignments.get(juror=jurors["expert"]).version
    chair_version = application.assignments.get(juror=jurors["chair"]).version
    criterion = application.call.criteria.first()
    services.scores_save(
        application=application,
        juror=jurors["expert"],
        expected_version=expert_version,
        scores={criterion.pk: (2, "A")},
    )
    services.scores_save(
        application=application, juror=jurors["chair"], expected_version=chair_version, scores={criterion.pk: (5, "B")}
    )
    values = {a.juror_id: a.scores.get().value for a in application.assignments.all()}
    assert values == {jurors["expert"].pk: 2, jurors["chair"].pk: 5}


def test_the_ranking_weighs_the_criteria_and_flags_disagreement(people, jurors, fund_application, pilot_idea, fund):
    application = screen_and_assign(people, jurors, fund_application, "expert", "chair")
    score_all(application, jurors["expert"], [5, 2])  # (5·2 + 2·1) / 3 = 4.00
    score_all(application, jurors["chair"], [1, 1])  # 1.00
    [row] = selectors.ranking(call=fund)
    assert row.mean == Decimal("2.50")
    assert sorted(t.total for t in row.jurors) == [Decimal("1.00"), Decimal("4.00")]
    assert row.disagreement  # 3 points apart on a 4-point scale


def test_submitting_keeps_the_jurors_weighted_total_and_a_draft_keeps_none(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert", "chair")
    assert score_all(application, jurors["chair"], [5, 2], submit=False).total is None
    assert score_all(application, jurors["expert"], [5, 2]).total == Decimal("4.00")  # (5·2 + 2·1) / 3


def test_the_ranking_query_orders_by_mean_with_the_unscored_last(people, jurors, fund, pilot_idea):
    from calls.models import Application

    applications = []
    for title in ("A", "B", "C"):
        application = Application.objects.create(
            call=fund, applicant=people["employee"], title=title, status=Status.SUBMITTED
        )
        applications.append(screen_and_assign(people, jurors, application, "expert", "chair"))
    a, b, c = applications
    score_all(a, jurors["expert"], [2, 2])
    score_all(b, jurors["expert"], [5, 5])
    score_all(b, jurors["chair"], [3, 3], submit=False)  # a draft does not count
    rows = selectors.ranking_rows(selectors.ranked(call=fund), call=fund)
    assert [r.application.title for r in rows] == ["B", "A", "C"]
    assert [r.mean for r in rows] == [Decimal("5.00"), Decimal("2.00"), None]
    assert [r.pending for r in rows] == [1, 1, 2]
    assert [a.title for a in selectors.ranked(call=fund, exclude=[b.pk])] == ["A", "C"]


def test_the_database_finds_the_same_recusals_as_the_rule(tree, people, jurors, fund):
    """``selectors.recused_ids`` (one query, for large calls) agrees with ``rules.is_recused`` everywhere."""
    from calls.models import Application
    from calls.rules import is_recused
    from organisation.models import Unit
    from tests import factories

    units = list(Unit.objects.all())
    applicants = [factories.person(unit=unit, name=f"Sökande {unit.name}") for unit in units]
    applications = [
        Application.objects.create(call=fund, applicant=applicant, title=applicant.name, status=Status.SUBMITTED)
        for applicant in applicants
    ]
    applications += [  # entered for a unit other than the applicant's own
        Application.objects.create(
            call=fund, applicant=applicants[0], unit=unit, title=f"För {unit.name}", status=Status.SUBMITTED
        )
        for unit in units
    ]
    services.conflict_declare(application=applications[-1], juror=jurors["expert"], reason="Min bror")
    seated = [factories.person(unit=unit, name=f"Jurymedlem {unit.name}") for unit in units]
    seated.append(factories.person(unit=None, name="Utan enhet"))
    for person in [*seated, *jurors.values()]:
        services.juror_add(call=fund, by=people["director"], user=person)
        expected = {a.pk for a in applications if is_recused(person, a)}
        assert selectors.recused_ids(user=person, call=fund) == expected, person.name


# --- decisions and follow-up ---


def test_the_chair_decides_with_a_justification_and_the_applicant_is_told(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    with pytest.raises(PermissionDeniedError):
        services.decision_record(
            application=application, by=jurors["expert"], granted=True, justification="Bra", amount=Decimal(1)
        )
    with pytest.raises(DomainError) as error:
        services.decision_record(
            application=application, by=jurors["chair"], granted=True, justification="Bra", amount=Decimal(200_000)
        )
    assert error.value.field == "amount"
    decision = services.decision_record(
        application=application,
        by=jurors["chair"],
        granted=True,
        justification="Stor nytta för brukarna och en tydlig plan.",
        amount=Decimal(120_000),
    )
    application.refresh_from_db()
    assert application.status == Status.GRANTED
    assert application.granted_amount == Decimal(120_000)
    assert decision.decided_by == jurors["chair"]
    assert people["employee"].notifications.filter(message__contains="beviljad").exists()  # in her language, Swedish


def test_results_are_public_records_once_published(people, jurors, fund_application, fund):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    score_all(application, jurors["expert"], [4, 4])
    assert selectors.public_record(call=fund) == []
    with pytest.raises(DomainError):
        services.results_publish(call=fund, by=people["director"])
    services.decision_record(
        application=application, by=jurors["chair"], granted=True, justification="Bra plan.", amount=Decimal(100_000)
    )
    services.results_publish(call=fund, by=people["director"])
    [record] = selectors.public_record(call=fund)
    assert record.decision.justification == "Bra plan."
    assert [a.juror for a in record.assignments.all()] == [jurors["expert"]]


def test_payments_stay_within_the_grant_and_the_final_report_reaches_the_idea(
    people, jurors, fund_application, pilot_idea
):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    services.decision_record(
        application=application, by=jurors["chair"], granted=True, justification="Bra.", amount=Decimal(100_000)
    )
    application.refresh_from_db()
    services.payment_record(
        application=application, by=people["director"], amount=Decimal(60_000), paid_on=date(2026, 6, 1)
    )
    with pytest.raises(DomainError) as error:
        services.payment_record(
            application=application, by=people["director"], amount=Decimal(50_000), paid_on=date(2026, 9, 1)
        )
    assert "exceed" in error.value.message
    services.final_report_submit(
        application=application,
        by=people["employee"],
        results="Låsen sparade 40 minuter per pass.",
        lessons="Brukarna behövde mer information i förväg.",
        recommend_spread=True,
    )
    assert pilot_idea.applications.get().final_report.recommend_spread


def test_funding_figures(people, jurors, fund_application, pilot_idea):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    services.decision_record(
        application=application, by=jurors["chair"], granted=True, justification="Bra.", amount=Decimal(100_000)
    )
    figures = selectors.funding_figures(year=2026)
    assert figures["applications"] == 1
    assert figures["granted_sum"] == Decimal(100_000)
    assert figures["funded_ideas"] == 1
    assert figures["funded_share"] == Decimal("100.0")


def test_a_draft_is_the_applicants_own_until_submitted(people, resident_stipend_draft):
    assert people["resident"].has_perm("calls.view_application", resident_stipend_draft)
    assert not people["director"].has_perm("calls.view_application", resident_stipend_draft)
    services.application_submit(
        application=resident_stipend_draft,
        by=people["resident"],
        expected_version=resident_stipend_draft.version,
        now=DURING,
    )
    resident_stipend_draft.refresh_from_db()
    assert people["director"].has_perm("calls.view_application", resident_stipend_draft)


# --- the quality award: entries registered through the committee ---


@pytest.fixture
def quality_award(people):
    from calls.models import Programme

    director = people["director"]
    call = services.call_create(
        by=director,
        programme=Programme.QUALITY_AWARD,
        title="Kvalitetsutmärkelsen 2026",
        summary="För verksamheter som utvecklar kvaliteten.",
        description="Anmäl verksamheten genom förvaltningen.",
        year=2026,
        opens_at=datetime(2026, 3, 1, 9, tzinfo=STHLM),
        closes_at=CLOSES,
        min_staff=5,
    )
    services.criterion_add(call=call, by=director, name="Resultat")
    services.call_publish(call=call, by=director)
    return call


def test_an_employee_without_a_committee_role_is_told_entries_come_through_the_committee(people, quality_award):
    with pytest.raises(DomainError) as refused:
        services.application_start(call=quality_award, applicant=people["employee"], now=DURING)
    assert refused.value.code == "committee"
    assert "registered through the committee" in refused.value.message
    assert not people["employee"].has_perm("calls.apply", quality_award)


def test_a_department_manager_does_not_register_but_the_administrations_manager_does(tree, people, quality_award):
    from organisation.models import Role
    from tests import factories

    department_manager = factories.person(unit=tree["SDF-N-ALD"], role=Role.MANAGER, name="Dag Avdelning")
    with pytest.raises(DomainError):
        services.application_start(call=quality_award, applicant=department_manager, now=DURING)
    manager = people["manager"]  # manager of Norra stadsdelsförvaltningen
    draft = services.application_start(call=quality_award, applicant=manager, now=DURING)
    assert draft.unit == tree["SDF-N"]
    with pytest.raises(DomainError) as refused:  # a unit of another administration
        services.application_save(application=draft, by=manager, expected_version=draft.version, unit=tree["SDF-S-SKO"])
    assert refused.value.field == "unit"
    draft = services.application_save(
        application=draft,
        by=manager,
        expected_version=draft.version,
        unit=tree["SDF-N-ALD-1"],
        title="Björkens måltider",
        summary="Måltiden som höjdpunkt.",
        description="Vi har arbetat om hela måltidsflödet.",
        staff_count=60,
        has_budget_responsibility=True,
    )
    submitted = services.application_submit(application=draft, by=manager, expected_version=draft.version, now=DURING)
    assert submitted.status == Status.SUBMITTED


def test_the_citys_innovation_office_registers_for_any_unit(tree, people, quality_award):
    director = people["director"]
    draft = services.application_start(call=quality_award, applicant=director, now=DURING)
    draft = services.application_save(
        application=draft, by=director, expected_version=draft.version, unit=tree["SDF-S-SKO"]
    )
    assert draft.unit == tree["SDF-S-SKO"]
    assert services.eligibility_problems(draft, now=DURING) == []


def test_an_entry_whose_registrar_lost_the_role_is_not_eligible(tree, people, quality_award):
    from organisation.models import RoleAssignment

    manager = people["manager"]
    draft = services.application_start(call=quality_award, applicant=manager, now=DURING)
    RoleAssignment.objects.filter(user=manager).delete()
    manager.__dict__.pop("role_paths", None)
    draft.applicant = manager
    [problem] = services.eligibility_problems(draft, now=DURING)
    assert "registered through the committee" in problem
    assert "Norra stadsdelsförvaltningen" in problem


# --- when results are published, and when the rubric freezes ---


def test_results_are_not_published_while_the_call_is_open(people, fund):
    with pytest.raises(DomainError) as error:
        services.results_publish(call=fund, by=people["director"], now=DURING)
    assert "still open" in error.value.message
    fund.refresh_from_db()
    assert fund.results_published_at is None


def test_results_are_published_once(people, fund):
    services.results_publish(call=fund, by=people["director"])
    first = fund.results_published_at
    with pytest.raises(DomainError) as error:
        services.results_publish(call=fund, by=people["director"])
    assert "already published" in error.value.message
    fund.refresh_from_db()
    assert fund.results_published_at == first


def test_no_application_is_submitted_once_the_results_are_public(people, fund, pilot_idea):
    employee = people["employee"]
    draft = services.application_start(call=fund, applicant=employee, now=DURING)
    draft = services.application_save(
        application=draft,
        by=employee,
        expected_version=draft.version,
        title="Sen ansökan",
        summary="Kort.",
        description="Lång.",
        idea=pilot_idea,
        requested_amount=Decimal(1000),
        budget_lines=[("Allt", Decimal(1000))],
    )
    services.results_publish(call=fund, by=people["director"])
    with pytest.raises(DomainError) as error:
        services.application_submit(application=draft, by=employee, expected_version=draft.version, now=DURING)
    assert "results" in error.value.message
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_the_rubric_freezes_at_the_first_saved_score_for_adding_as_for_removing(people, jurors, fund_application):
    application = screen_and_assign(people, jurors, fund_application, "expert")
    score_all(application, jurors["expert"], [4, 3], submit=False)  # saved, not submitted
    with pytest.raises(DomainError) as error:
        services.criterion_add(call=application.call, by=people["director"], name="Hållbarhet")
    assert "started scoring" in error.value.message
    assert application.call.criteria.count() == 2


@pytest.mark.parametrize(
    ("written", "e_id", "refused"),
    [
        # The e-ID's date of birth replaces the one written: a young applicant cannot write an older date...
        (date(1980, 1, 1), "20100101-1236", True),
        # ...and an adult is not refused for a date written wrong.
        (date(2010, 1, 1), "19800101-1231", False),
    ],
)
def test_the_age_rule_uses_the_date_of_birth_from_e_id(
    people, resident_stipend_draft, settings, written, e_id, refused
):
    from organisation.identity import parse_identity_number
    from organisation.services import person_link_eid

    settings.SPRANG_IDENTITY_HASH_KEY = "a-test-only-key"
    resident = people["resident"]
    person_link_eid(user=resident, number=parse_identity_number(e_id))
    application = services.application_save(
        application=resident_stipend_draft,
        by=resident,
        expected_version=resident_stipend_draft.version,
        birth_date=written,
    )
    application = Application.objects.select_related("call", "applicant").get(pk=application.pk)
    if refused:
        with pytest.raises(DomainError) as error:
            services.application_submit(
                application=application, by=resident, expected_version=application.version, now=DURING
            )
        assert "at least 18 years old" in error.value.message
    else:
        submitted = services.application_submit(
            application=application, by=resident, expected_version=application.version, now=DURING
        )
        assert submitted.status == Status.SUBMITTED
