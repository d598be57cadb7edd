"""Every write of calls, applications and juries is in the audit log: who, and what changed (old → new)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from calls import services
from calls.models import (
    Application,
    ApplicationFile,
    Assignment,
    BudgetLine,
    Category,
    Conflict,
    Criterion,
    Decision,
    FinalReport,
    Juror,
    Payment,
    Score,
    Status,
)
from core.errors import ConflictError
from tests.audit_log import CREATE, DELETE, UPDATE, assert_logged, entries
from tests.calls.conftest import DURING

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def score(application, juror, *, submit=True):
    assignment = application.assignments.get(juror=juror)
    return services.scores_save(
        application=application,
        juror=juror,
        expected_version=assignment.version,
        scores={c.pk: (4, "Tydlig plan.") for c in application.call.criteria.all()},
        submit=submit,
    )


def test_setting_up_a_call_is_logged(people, fund):
    director = people["director"]
    assert_logged(fund, action=CREATE, actor=director, changes={"title": ("None", "Innovationsfonden 2026")})
    assert_logged(fund, action=UPDATE, actor=director, changes={"published": ("False", "True")})
    for criterion in Criterion.objects.filter(call=fund):
        assert_logged(criterion, action=CREATE, actor=director)
    services.call_update(call=fund, by=director, expected_version=fund.version, title="Innovationsfonden")
    assert_logged(
        fund, action=UPDATE, actor=director, changes={"title": ("Innovationsfonden 2026", "Innovationsfonden")}
    )


def test_the_rubric_and_classes_are_logged_when_added_and_removed(people, fund):
    director = people["director"]
    criterion = services.criterion_add(call=fund, by=director, name="Spridning")
    pk = criterion.pk
    services.criterion_remove(criterion=criterion, by=director)
    assert_logged(Criterion, pk, action=DELETE, actor=director)
    category = services.category_add(call=fund, by=director, name="Små projekt")
    assert_logged(category, action=CREATE, actor=director, changes={"name": ("None", "Små projekt")})
    pk = category.pk
    services.category_remove(category=category, by=director)
    assert_logged(Category, pk, action=DELETE, actor=director)


def test_a_new_chair_and_the_former_chair_stepping_down_are_logged(people, fund, jurors):
    director = people["director"]
    former = Juror.objects.get(call=fund, user=jurors["chair"])
    services.juror_add(call=fund, by=director, user=jurors["expert"], is_chair=True)
    assert_logged(former, action=UPDATE, actor=director, changes={"is_chair": ("True", "False")})
    assert_logged(Juror.objects.get(call=fund, user=jurors["expert"]), action=UPDATE, actor=director)
    seat = Juror.objects.get(call=fund, user=jurors["north"])
    services.juror_remove(call=fund, by=director, user=jurors["north"])
    assert_logged(Juror, seat.pk, action=DELETE, actor=director)


def test_a_draft_is_logged_with_every_answer_old_and_new(people, fund, pilot_idea):
    employee = people["employee"]
    draft = services.application_start(call=fund, applicant=employee, now=DURING)
    # Dated in its one INSERT: the creation carries the moment, no UPDATE puts it back in time.
    assert_logged(draft, action=CREATE, actor=employee, changes={"created_at": None})
    assert not entries(draft, action=UPDATE).exists()
    services.application_save(
        application=draft,
        by=employee,
        expected_version=draft.version,
        title="Pilot med digitala lås",
        idea=pilot_idea,
        requested_amount=Decimal(150_000),
        budget_lines=[("Lås", Decimal(120_000))],
    )
    assert_logged(
        draft,
        action=UPDATE,
        actor=employee,
        changes={
            "title": ("", "Pilot med digitala lås"),
            "idea": ("None", str(pilot_idea.pk)),
            "requested_amount": None,
        },
    )
    line = BudgetLine.objects.get(application=draft)
    assert_logged(line, action=CREATE, actor=employee, changes={"description": ("None", "Lås")})
    services.application_save(
        application=draft, by=employee, expected_version=draft.version, budget_lines=[("Lås och montering", Decimal(1))]
    )
    assert_logged(BudgetLine, line.pk, action=DELETE, actor=employee)


def test_a_stipend_draft_logs_the_date_of_birth_and_residence(people, resident_stipend_draft):
    assert_logged(
        resident_stipend_draft,
        action=UPDATE,
        actor=people["resident"],
        changes={"birth_date": ("None", "1990-05-17"), "residence": ("", "lives")},
    )


def test_a_stale_save_is_refused_and_logs_nothing(people, fund):
    employee = people["employee"]
    draft = services.application_start(call=fund, applicant=employee, now=DURING)
    services.application_save(application=draft, by=employee, expected_version=draft.version, title="Först")
    count = entries(draft).count()
    stale = Application.objects.get(pk=draft.pk)
    with pytest.raises(ConflictError):
        services.application_save(application=stale, by=employee, expected_version=stale.version - 1, title="Sen")
    assert entries(draft).count() == count
    assert Application.objects.get(pk=draft.pk).title == "Först"


def test_files_of_a_draft_are_logged_when_added_and_removed(people, fund, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    employee = people["employee"]
    draft = services.application_start(call=fund, applicant=employee, now=DURING)
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    attached = services.application_file_add(application=draft, by=employee, upload=upload)
    assert_logged(attached, action=CREATE, actor=employee, changes={"original_name": ("None", "budget.pdf")})
    pk = attached.pk
    services.application_file_remove(file=attached, by=employee)
    assert_logged(ApplicationFile, pk, action=DELETE, actor=employee)
    assert_logged(draft, action=UPDATE, actor=employee, changes={"updated_at": None})


def test_submitting_withdrawing_and_screening_are_logged(people, fund_application):
    employee, director = people["employee"], people["director"]
    assert_logged(fund_application, action=UPDATE, actor=employee, changes={"status": (Status.DRAFT, Status.SUBMITTED)})
    services.application_screen(application=fund_application, by=director, eligible=True)
    assert_logged(
        fund_application,
        action=UPDATE,
        actor=director,
        changes={"status": (Status.SUBMITTED, Status.IN_REVIEW), "screened_by": ("None", str(director.pk))},
    )
    services.application_withdraw(application=fund_application, by=employee)
    assert_logged(
        fund_application, action=UPDATE, actor=employee, changes={"status": (Status.IN_REVIEW, Status.WITHDRAWN)}
    )


def test_the_jurys_work_is_logged(people, jurors, with_jury):
    director = people["director"]
    assignment = Assignment.objects.get(application=with_jury, juror=jurors["expert"])
    assert_logged(assignment, action=CREATE, actor=director)
    score(with_jury, jurors["expert"])
    for row in Score.objects.filter(assignment=assignment):
        assert_logged(row, action=CREATE, actor=jurors["expert"], changes={"value": ("None", "4")})
    assert_logged(assignment, action=UPDATE, actor=jurors["expert"], changes={"submitted_at": None, "total": None})
    chair_assignment = Assignment.objects.get(application=with_jury, juror=jurors["chair"])
    services.conflict_declare(application=with_jury, juror=jurors["chair"], reason="Min kusin leder projektet.")
    conflict = Conflict.objects.get(application=with_jury, juror=jurors["chair"])
    assert_logged(conflict, action=CREATE, actor=jurors["chair"], changes={"reason": None})
    assert_logged(Assignment, chair_assignment.pk, action=DELETE, actor=jurors["chair"])


def test_a_conflict_and_an_assignment_dated_in_the_past_are_created_at_their_dates(people, jurors, fund_application):
    director = people["director"]
    services.application_screen(application=fund_application, by=director, eligible=True)
    assignment = services.assignment_add(application=fund_application, juror=jurors["expert"], by=director, now=DURING)
    assert_logged(assignment, action=CREATE, actor=director, changes={"created_at": None})
    assert not entries(assignment, action=UPDATE).exists()
    conflict = services.conflict_declare(
        application=fund_application, juror=jurors["chair"], reason="Granne.", now=DURING + timedelta(days=1)
    )
    assert_logged(conflict, action=CREATE, actor=jurors["chair"], changes={"created_at": None})
    assert not entries(conflict, action=UPDATE).exists()


def test_decision_results_payment_and_final_report_are_logged(people, jurors, with_jury):
    director, chair = people["director"], jurors["chair"]
    score(with_jury, jurors["expert"])
    score(with_jury, chair)
    services.decision_record(
        application=with_jury, by=chair, granted=True, justification="Stor nytta.", amount=Decimal(100_000)
    )
    assert_logged(Decision.objects.get(application=with_jury), action=CREATE, actor=chair)
    assert_logged(with_jury, action=UPDATE, actor=chair, changes={"status": (Status.IN_REVIEW, Status.GRANTED)})
    services.results_publish(call=with_jury.call, by=director)
    assert_logged(with_jury.call, action=UPDATE, actor=director, changes={"results_published_at": None})
    with_jury.refresh_from_db()
    services.payment_record(application=with_jury, by=director, amount=Decimal(60_000), paid_on=date(2026, 6, 1))
    assert_logged(Payment.objects.get(application=with_jury), action=CREATE, actor=director)
    services.final_report_submit(
        application=with_jury,
        by=people["employee"],
        results="Sparade tid.",
        lessons="Informera tidigt.",
        recommend_spread=True,
    )
    assert_logged(FinalReport.objects.get(application=with_jury), action=CREATE, actor=people["employee"])
