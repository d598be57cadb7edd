# ruff: noqa: F811 - the tests take the imported fixture built_once by name
"""The demo city: its logins, calls with applications in every state, and governance follow-up with reports in
every state.

Built once for the module, small (40 ideas, one year of goals and reports), on a fixed
day: 27 November, when T1 is long approved and T2 is past its deadline.
"""

from __future__ import annotations

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command

from calls.models import JURY_ONLY_PROGRAMMES, Application, Assignment, Call, Conflict, Programme, Status
from governance.models import (
    Goal,
    IndicatorValue,
    Outcome,
    Period,
    Report,
    ReportAction,
    ReportingPeriod,
    ReportStatus,
    Target,
)
from governance.rules import is_executive_office
from organisation.models import ORGANISATION_KINDS, Role, Unit, User
from sample_data.demo import DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD
from tests.demo_city import NOW, built_once  # noqa: F401 - the demo city built once, as this module's fixture
from tests.demo_sign_in import (
    every_address_is_valid,
    signs_in,
    someone_of_each_kind_with_a_foreign_letter_in_their_name,
)

TODAY = NOW.date()


@pytest.fixture
def demo(built_once, db):
    return None


def test_every_demo_login_exists_and_the_list_is_printed(demo):
    emails = {f"{login}@{DEMO_DOMAIN}" for login, _role, _description in DEMO_LOGINS}
    assert set(User.objects.filter(email__in=emails).values_list("email", flat=True)) == emails
    # Every one of them, and everyone else the demo made (the procurement part's people too), signs in with the
    # documented password.
    assert [person.email for person in User.objects.all() if not person.check_password(DEMO_PASSWORD)] == []
    out = io.StringIO()
    call_command("demo_city", "--if-empty", stdout=out)
    assert all(email in out.getvalue() for email in emails)


def test_the_executive_office_reviews_for_the_whole_city(demo):
    person = User.objects.get(email=f"stadsledningskontoret@{DEMO_DOMAIN}")
    assert person.unit is not None and person.unit.code == "SLK"
    assert person.role_assignments.filter(role=Role.OFFICE, unit__depth=1).exists()
    assert is_executive_office(person)
    assert ReportingPeriod.objects.filter(opened_by=person).exists()


def test_every_organisation_has_goals_under_a_city_goal_with_activities_and_targets(demo):
    orgs = Unit.objects.filter(kind__in=ORGANISATION_KINDS)
    city_goals = Goal.objects.filter(year=2026, parent=None)
    assert city_goals.count() == 3
    assert all(g.indicators.exists() and g.activities.exists() for g in city_goals)
    for org in orgs:
        goals = list(Goal.objects.filter(year=2026, unit=org).select_related("parent"))
        assert 1 <= len(goals) <= 2, org
        for goal in goals:
            assert goal.parent is not None and goal.parent.year == 2026 and goal.parent.is_city_goal
            assert goal.activities.exists()
            for indicator in goal.indicators.all():
                assert Target.objects.filter(indicator=indicator, unit=org, year=2026).exists()


def test_every_organisation_reports_in_every_period_and_the_latest_has_every_state(demo):
    orgs = set(Unit.objects.filter(kind__in=ORGANISATION_KINDS).values_list("pk", flat=True))
    t1 = ReportingPeriod.objects.get(year=2026, period=Period.T1)
    t2 = ReportingPeriod.objects.get(year=2026, period=Period.T2)
    assert not ReportingPeriod.objects.filter(period=Period.ANNUAL, year=2026).exists()  # the year has not ended
    for period in (t1, t2):
        assert set(period.reports.values_list("unit", flat=True)) == orgs
    assert set(t1.reports.values_list("status", flat=True)) == {ReportStatus.APPROVED}

    states = Counter(t2.reports.values_list("status", flat=True))
    assert set(states) == set(ReportStatus.values)
    editable = t2.reports.filter(status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED))
    late = [r for r in editable if r.deadline < TODAY]
    assert len(late) == 1 and late[0].status == ReportStatus.DRAFT
    assert all(r.deadline > TODAY for r in editable if r not in late)
    for report in t2.reports.filter(status=ReportStatus.RETURNED):
        returned = report.events.filter(action=ReportAction.RETURNED).get()
        assert returned.comment


def test_farsta_has_an_approved_t1_and_a_draft_t2_to_work_on(demo):
    office = User.objects.get(email=f"innovationskontor@{DEMO_DOMAIN}")
    farsta = Unit.objects.get(code="SDF-FA")
    t1 = Report.objects.get(unit=farsta, reporting_period__year=2026, reporting_period__period=Period.T1)
    t2 = Report.objects.get(unit=farsta, reporting_period__year=2026, reporting_period__period=Period.T2)
    assert t1.status == ReportStatus.APPROVED
    assert t2.status == ReportStatus.DRAFT and t2.deadline > TODAY
    assert t2.narrative
    assert office.has_perm("governance.edit_report", t2)


def test_reports_keep_what_the_services_would_have_written(demo):
    for report in Report.objects.exclude(status=ReportStatus.DRAFT).select_related("reporting_period"):
        events = list(report.events.order_by("at", "pk"))
        assert all(e.at < NOW for e in events)
        submitted = [e for e in events if e.action == ReportAction.SUBMITTED]
        assert submitted and report.submitted_at == submitted[-1].at
        if report.status == ReportStatus.APPROVED:
            assert events[-1].action == ReportAction.APPROVED and report.decided_at == events[-1].at
            assert report.decided_at > report.submitted_at
        period = report.reporting_period
        figures = {
            v.indicator_id: (v.value, v.basis)
            for v in IndicatorValue.objects.filter(unit=report.unit, year=period.year, period=period.period)
        }
        for outcome in Outcome.objects.filter(report=report, indicator__computation__gt=""):
            assert (outcome.value, outcome.basis) == figures.get(outcome.indicator_id, (None, 0))
        entered = Outcome.objects.filter(report=report, indicator__computation="")
        assert entered.exists() and all(o.value is not None and o.source for o in entered)
        assert not report.assessments.filter(fulfilment="").exists()


# --- calls ---


def login(name: str) -> User:
    return User.objects.get(email=f"{name}@{DEMO_DOMAIN}")


def test_one_call_of_each_programme_with_applications_in_every_state(demo):
    # Besides the challenge's jury (``test_the_closed_challenges_shortlist_was_scored_by_a_small_jury``).
    own = Call.objects.exclude(programme__in=JURY_ONLY_PROGRAMMES)
    calls = {c.programme: c for c in own}
    assert set(calls) == set(Programme.values) - set(JURY_ONLY_PROGRAMMES) and own.count() == 5
    assert set(Application.objects.values_list("status", flat=True)) == set(Status.values)
    assert all(c.published and c.criteria.exists() for c in calls.values())
    for call in calls.values():
        jury = list(call.jurors.all())
        assert len(jury) >= 3 and [j.is_chair for j in jury].count(True) == 1, call
    # One open now, closing within weeks; the others closed, some with their results published.
    open_now = [c for c in calls.values() if c.is_open(NOW)]
    assert [c.programme for c in open_now] == [Programme.STIPEND]
    assert timedelta(days=7) < open_now[0].closes_at - NOW < timedelta(days=42)
    published = {p for p, c in calls.items() if c.results_published_at is not None}
    assert Programme.FUND in published and Programme.QUALITY_AWARD not in published
    assert not Application.objects.filter(call__results_published_at__isnull=False, status=Status.IN_REVIEW).exists()


def test_each_programme_has_its_rules_classes_and_budget(demo):
    calls = {c.programme: c for c in Call.objects.all()}
    fund, stipend = calls[Programme.FUND], calls[Programme.STIPEND]
    assert fund.budget and stipend.budget
    assert all(a.budget_lines.exists() for a in fund.applications.exclude(status=Status.DRAFT))
    assert (stipend.min_age, stipend.no_city_employment_months, stipend.exclude_last_year_winners) == (18, 12, True)
    quality = calls[Programme.QUALITY_AWARD]
    assert [c.name for c in quality.categories.all()] == [
        "Förskola",
        "Skola",
        "Äldreomsorg",
        "Socialtjänst och funktionsnedsättning",
        "Övrig verksamhet",
    ]
    assert quality.min_staff == 5 and quality.blind_review
    assert all("budget- och personalansvar" in c.entry_rule for c in quality.categories.all())
    assert quality.applications.filter(private_provider=True, serves_mainly_city_residents=True).exists()
    renewal = calls[Programme.RENEWAL_PRIZE]
    assert [c.name for c in renewal.categories.all()] == [
        "Kvalitet",
        "Effektivitet",
        "Hållbar utveckling",
        "Enklare arbete",
    ]
    assert not renewal.applications.filter(idea=None).exists()


def test_the_jury_at_work_and_the_funded_projects_followed_up(demo):
    quality = Call.objects.get(programme=Programme.QUALITY_AWARD)
    assignments = Assignment.objects.filter(application__call=quality)
    assert assignments.filter(submitted_at__isnull=False).exists()
    assert assignments.filter(submitted_at__isnull=True, scores__isnull=False).exists()  # half scored
    assert assignments.filter(submitted_at__isnull=True, scores__isnull=True).exists()  # not begun
    assert Conflict.objects.filter(application__call=quality).exists()
    for application in Application.objects.filter(status=Status.INELIGIBLE):
        assert application.screening_note and application.screened_by is not None
    fund = Call.objects.get(programme=Programme.FUND)
    reported = fund.applications.filter(status=Status.GRANTED, final_report__isnull=False)
    assert reported.exists()
    for application in fund.applications.filter(status=Status.GRANTED):
        paid = sum(p.amount for p in application.payments.all())
        assert 0 < paid <= application.granted_amount
        assert application.decision.decided_at < NOW
    assert fund.applications.filter(status=Status.REJECTED).exists()
    for application in Application.objects.exclude(submitted_at=None).select_related("call"):
        assert application.call.opens_at <= application.submitted_at < min(application.call.closes_at, NOW)


def test_the_demo_people_have_their_applications_and_the_coach_chairs_a_jury(demo):
    [draft] = login("invanare").applications.all()
    assert (draft.call.programme, draft.status) == (Programme.STIPEND, Status.DRAFT)
    assert draft.call.is_open(NOW)
    [funded] = login("medarbetare").applications.all()
    assert funded.call.programme == Programme.FUND and funded.idea is not None
    coach = login("coach")
    seat = coach.jury_seats.get(call__programme=Programme.QUALITY_AWARD)
    assert seat.is_chair and seat.call.applications.filter(status=Status.IN_REVIEW).exists()
    assert Assignment.objects.filter(juror=coach, submitted_at=None).exists()  # scores left to give in the demo
    # The innovation office runs the calls and sits on no jury.
    assert not login("direktor").jury_seats.exists() and not login("stadsledningskontoret").jury_seats.exists()


def test_every_demo_address_is_one_a_sign_in_form_accepts(demo):
    every_address_is_valid()


def test_people_of_every_kind_with_foreign_letters_in_their_names_sign_in(demo, client):
    for kind, person in someone_of_each_kind_with_a_foreign_letter_in_their_name().items():
        assert person.email.isascii(), (kind, person.name, person.email)
        assert signs_in(client, person.email), (kind, person.name, person.email)


def test_the_demo_administrator_gets_into_the_admin_site_with_the_documented_secret(demo, client):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
    from django.conf import settings

    from sample_data.demo import DEMO_ADMIN_TOTP_SECRET, DEMO_PASSWORD

    assert DEMO_ADMIN_TOTP_SECRET in (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    out = io.StringIO()
    call_command("demo_city", "--if-empty", stdout=out)
    assert DEMO_ADMIN_TOTP_SECRET in out.getvalue()

    response = client.post("/account/login/?next=/admin/", {"login": f"admin@{DEMO_DOMAIN}", "password": DEMO_PASSWORD})
    assert response["Location"].startswith("/account/2fa/authenticate/")
    code = format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, next(yield_hotp_counters_from_time())))
    response = client.post("/account/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def _texts_for(from_stage: str, to_stage: str) -> set[str]:
    """The rationales the demo may give for a move (reading the generator's texts)."""
    from sample_data.demo import ideas_texts as content

    key = "to_parked" if to_stage == "parked" else f"{from_stage}->{to_stage}"
    return set(content.RATIONALES.get(key, ()))


def test_every_closing_text_fits_the_reason_and_how_far_the_idea_got():
    """The generator itself: a reason offered only where the lock allows it, one story per text."""
    from ideas import lock
    from sample_data.demo import ideas_texts as content

    texts = [text for _reason, _stages, text in content.CLOSINGS]
    assert len(texts) == len(set(texts)), "each closing text gives one reason"
    for stage in lock.ROUTE:
        choices = content.closings_for(stage)
        assert choices, f"no way to close an idea in {stage}"
        for reason, _text in choices:
            assert reason in lock.close_reasons_for(stage), f"{reason} does not fit {stage}"


def test_every_demo_ideas_texts_agree_with_its_stage_and_decisions(demo):
    """A closed idea shows its reason beside the rationale that gave it; no text speaks of a stage not reached."""
    from ideas import lock
    from ideas.lock import CloseReason, Stage
    from ideas.models import Idea
    from sample_data.demo import ideas_texts as content

    closings = {(reason, text): stages for reason, stages, text in content.CLOSINGS}
    ideas = Idea.objects.prefetch_related("decisions")
    closed = 0
    for idea in ideas:
        decisions = sorted(idea.decisions.all(), key=lambda d: (d.decided_at, d.pk))
        reached = {d.from_stage for d in decisions} | {d.to_stage for d in decisions} | {Stage.IDEA}
        for d in decisions:
            if d.to_stage == Stage.CLOSED:
                continue
            if d.from_stage == Stage.PARKED:
                continue  # taking a parked idea up again
            assert d.rationale in _texts_for(d.from_stage, d.to_stage), (idea.pk, d.from_stage, d.to_stage)
        if idea.stage == Stage.CLOSED:
            closed += 1
            last = decisions[-1]
            assert last.to_stage == Stage.CLOSED
            got_to = last.from_stage if last.from_stage != Stage.PARKED else decisions[-2].from_stage
            assert (idea.closed_reason, last.rationale) in closings, (idea.pk, idea.closed_reason, last.rationale)
            assert got_to in closings[(idea.closed_reason, last.rationale)], (idea.pk, got_to, last.rationale)
            assert idea.closed_reason in lock.close_reasons_for(got_to)
        else:
            assert idea.closed_reason == ""
        if idea.closed_reason == CloseReason.IMPLEMENTED:
            assert Stage.IMPLEMENTATION in reached
        if not reached & {Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD}:
            assert not any("Piloten" in d.rationale for d in decisions), idea.pk
    assert closed, "the demo has closed ideas"


def test_demo_ideas_and_calls_serve_this_years_goals(demo):
    """Ideas of every stage and the published calls are tied to goals they may serve (ADR 0031)."""
    from django.contrib.contenttypes.models import ContentType

    from governance.models import GoalLink
    from governance.selectors import offered_goals
    from ideas.models import Idea

    ideas = ContentType.objects.get_for_model(Idea)
    links = list(GoalLink.objects.filter(content_type=ideas).select_related("goal"))
    assert len({link.object_id for link in links}) >= 10
    stages = set(Idea.objects.filter(pk__in=[link.object_id for link in links]).values_list("stage", flat=True))
    assert len(stages) >= 3
    for link in links[:20]:
        idea = Idea.objects.select_related("unit").get(pk=link.object_id)
        assert link.goal in set(offered_goals(unit=idea.unit, year=NOW.year))
    calls = ContentType.objects.get_for_model(Call)
    assert GoalLink.objects.filter(content_type=calls).count() >= Call.objects.filter(published=True).count()
