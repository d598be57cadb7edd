"""Importing completions from the learning platform: every record checked first, any bad one refuses all."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from core.errors import PermissionDeniedError
from learning.models import Completion, CompletionImport, CompletionSource
from learning.records import services
from organisation.models import User

pytestmark = pytest.mark.django_db


def csv_of(lines: list[str], *, header: str = "e-post;kurskod;datum", bom: bool = False) -> bytes:
    text = "\n".join([header, *lines]) + "\n"
    return (("\ufeff" if bom else "") + text).encode()


def run(by, data: bytes, **kwargs) -> CompletionImport:
    return services.completions_import(by=by, file=data, file_name="lärplattformen.csv", **kwargs)


@pytest.mark.parametrize("bom", [False, True])
def test_a_good_file_is_imported_and_each_completion_recorded(people, intro, workshop, bom):
    employee, colleague = people["employee"], people["colleague"]
    imported = run(
        people["director"],
        csv_of(
            [f"{employee.email};inno-intro;2026-03-15", f"{colleague.email.upper()};TJANSTEDESIGN;2026-02-01"], bom=bom
        ),
    )
    assert (imported.rows, imported.already_recorded, imported.file_name) == (2, 0, "lärplattformen.csv")
    done = Completion.objects.get(person=employee)
    assert (done.course, done.completed_on, done.source, done.imported, done.unit) == (
        intro,
        date(2026, 3, 15),
        CompletionSource.IMPORT,
        imported,
        employee.unit,
    )
    assert Completion.objects.get(person=colleague).course == workshop


def test_comma_separated_english_headers_and_employee_numbers_are_taken(people, intro):
    User.objects.filter(pk=people["employee"].pk).update(employee_number="10042")
    data = csv_of(["10042,inno-intro,2026-01-10"], header="employee_number,course_code,date")
    run(people["director"], data)
    assert Completion.objects.filter(person=people["employee"], course=intro).exists()


def test_a_completion_recorded_before_is_counted_not_recorded_twice(people, intro):
    employee = people["employee"]
    services.completion_record(person=employee, course=intro, on=date(2026, 3, 15), source=CompletionSource.CHECK)
    line = f"{employee.email};inno-intro;2026-03-15"
    imported = run(people["director"], csv_of([line, line]))
    assert (imported.rows, imported.already_recorded) == (2, 2)
    assert Completion.objects.filter(person=employee).count() == 1


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("nobody@example.se;inno-intro;2026-03-15", "email"),
        ("{email};no-such-course;2026-03-15", "course_code"),
        ("{email};inno-intro;15/3/2026", "date"),
        ("{email};inno-intro;2026-02-30", "date"),
        ("{email};inno-intro;{future}", "date"),
        ("{email};inno-intro;", "date"),
        (";inno-intro;2026-03-15", "email"),
    ],
)
def test_every_kind_of_bad_line_is_named_with_its_line_and_nothing_is_imported(people, intro, line, field):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    good = f"{people['colleague'].email};inno-intro;2026-03-15"
    bad = line.format(email=people["employee"].email, future=future)
    with pytest.raises(services.CompletionImportError) as refused:
        run(people["director"], csv_of([good, bad]))
    assert [(e.position, e.field) for e in refused.value.errors] == [(3, field)]
    assert not Completion.objects.exists() and not CompletionImport.objects.exists()


def test_a_file_without_the_columns_is_refused_at_its_first_line(people, intro):
    with pytest.raises(services.CompletionImportError) as refused:
        run(people["director"], csv_of(["x;inno-intro"], header="namn;kurskod"))
    (error,) = refused.value.errors
    assert error.position == 1 and "datum" in error.message and "e-post" in error.message


def test_an_employee_number_that_is_not_the_emails_person_is_refused(people, intro):
    User.objects.filter(pk=people["colleague"].pk).update(employee_number="777")
    data = csv_of(
        [f"{people['employee'].email};777;inno-intro;2026-03-15"], header="e-post;anställningsnummer;kurskod;datum"
    )
    with pytest.raises(services.CompletionImportError) as refused:
        run(people["director"], data)
    assert [(e.position, e.field) for e in refused.value.errors] == [(2, "employee_number")]


def test_someone_outside_the_city_staff_is_an_unknown_person(people, intro):
    with pytest.raises(services.CompletionImportError):
        run(people["director"], csv_of([f"{people['resident'].email};inno-intro;2026-03-15"]))


@pytest.mark.parametrize("who", ["office", "manager", "employee"])
def test_only_the_executive_office_imports(people, intro, who):
    with pytest.raises(PermissionDeniedError):
        run(people[who], csv_of([f"{people['employee'].email};inno-intro;2026-03-15"]))


def test_five_thousand_lines_are_read_and_written_in_batches(people, intro, django_assert_max_num_queries):
    """A few queries to check everything, then the inserts in batches (SQLite takes fewer rows an INSERT)."""
    from tests import factories

    staff = [factories.person(unit=people["employee"].unit) for _ in range(50)]
    day = date(2020, 1, 1)
    lines = [f"{staff[n % 50].email};inno-intro;{(day + timedelta(days=n // 50)).isoformat()}" for n in range(5000)]
    with django_assert_max_num_queries(60):
        imported = run(people["director"], csv_of(lines))
    assert imported.rows == 5000 and Completion.objects.count() == 5000


def test_rows_as_the_api_sends_them_are_named_by_index(people, intro):
    rows = [
        {"email": people["employee"].email, "course_code": "inno-intro", "date": "2026-03-15"},
        {"email": "nobody@example.se", "course_code": "nope", "date": "2026-03-15"},
    ]
    with pytest.raises(services.CompletionImportError) as refused:
        services.completions_import(by=people["director"], rows=rows)
    assert [(e.position, e.field) for e in refused.value.errors] == [(1, "email"), (1, "course_code")]
    imported = services.completions_import(by=people["director"], rows=rows[:1])
    assert imported.file_name == "api" and imported.rows == 1


@pytest.mark.parametrize("length", [131_073, 200_000])
def test_a_value_longer_than_the_file_reader_takes_is_refused_at_its_line(people, intro, length):
    good = f"{people['employee'].email};inno-intro;2026-03-15"
    with pytest.raises(services.CompletionImportError) as refused:
        run(people["director"], csv_of([good, good, f"{'x' * length};inno-intro;2026-03-15"]))
    (error,) = refused.value.errors
    assert (error.position, error.field) == (4, "file") and "4" in error.message
    assert not Completion.objects.exists()


@pytest.mark.parametrize(
    ("line", "field", "most"),
    [
        (f"{'a' * 250}@x.se;inno-intro;2026-03-15", "email", "254"),
        (f"{{email}};{'k' * 41};2026-03-15", "course_code", "40"),
    ],
)
def test_a_value_longer_than_its_field_takes_is_named_with_its_line(people, intro, line, field, most):
    with pytest.raises(services.CompletionImportError) as refused:
        run(people["director"], csv_of([line.format(email=people["employee"].email)]))
    (error,) = refused.value.errors
    assert (error.position, error.field) == (2, field) and most in error.message
