"""The nightly people file from HR: the service, ``manage.py import_people`` and the admin's upload, check,
preview and confirm."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from webtest import Upload

from core.errors import DomainError
from organisation import services as org_services
from organisation.models import PersonKind, Role, User
from organisation.people_sync import PeopleImportError, people_file_import, people_file_plan
from tests import factories

HEADER = "employee_number;name;email;unit_code;manager\r\n"
ROWS = [
    "1001;Lina Lund;Lina.Lund@teststaden.se;SDF-N-ALD;1\r\n",
    "1002;Per Persson;per.persson@teststaden.se;SDF-N-ALD-1;0\r\n",
    "1003;Åsa Öberg;asa.oberg@teststaden.se;SDF-S-SKO;\r\n",
]
FILE = HEADER + "".join(ROWS)


@pytest.fixture(autouse=True)
def _english():
    """The messages are read in English here (Swedish is the default language)."""
    with translation.override("en"):
        yield


def staff(numbers=("1001", "1002", "1003")) -> dict[str, User]:
    return {u.employee_number: u for u in User.objects.filter(employee_number__in=numbers)}


def test_people_are_created_with_their_units_and_manager_roles(tree):
    plan = people_file_import(text=FILE)
    assert (len(plan.created), len(plan.updated), len(plan.leaving)) == (3, 0, 0)
    people = staff()
    assert people["1001"].email == "lina.lund@teststaden.se"
    assert people["1001"].kind == PersonKind.EMPLOYEE
    assert people["1001"].has_role(Role.MANAGER, tree["SDF-N-ALD"])
    assert not people["1002"].role_assignments.exists()
    assert people["1003"].name == "Åsa Öberg"
    assert people["1003"].unit == tree["SDF-S-SKO"]
    # Without a person importing, the audit log names the people file.
    entries = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(User))
    assert entries.exists()
    assert {tuple(sorted((e.additional_data or {}).items())) for e in entries} == {(("system", "people_file"),)}


def test_the_next_file_updates_moves_and_lets_those_missing_leave(tree, settings):
    settings.SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE = 0.5
    people_file_import(text=FILE)
    moved = HEADER + "1001;Lina Berg;lina.berg@teststaden.se;SDF-S-SKO;1\r\n" + ROWS[1]
    plan = people_file_plan(moved)
    assert [(r.name, changes) for _u, r, changes in plan.updated] == [
        ("Lina Berg", ["name", "email address", "unit", "manager"])
    ]
    assert [u.employee_number for u in plan.leaving] == ["1003"]

    people_file_import(text=moved)
    people = staff()
    assert (people["1001"].name, people["1001"].unit.code) == ("Lina Berg", "SDF-S-SKO")
    assert people["1001"].has_role(Role.MANAGER, tree["SDF-S-SKO"])
    assert not people["1001"].has_role(Role.MANAGER, tree["SDF-N-ALD"])
    assert not people["1003"].is_active

    # Back in the file: the account opens again.
    people_file_import(text=FILE)
    assert staff()["1003"].is_active


def test_staff_without_an_employee_number_are_left_alone(people):
    manual = people["employee"]
    people_file_import(text=FILE)
    manual.refresh_from_db()
    assert manual.is_active


def test_an_existing_member_of_staff_is_found_by_the_address_and_gets_the_number(people, tree):
    employee = people["employee"]
    plan = people_file_import(text=HEADER + f"2001;Anna Anställd;{employee.email};SDF-N-ALD-1;0\r\n")
    assert plan.created == []
    employee.refresh_from_db()
    assert employee.employee_number == "2001"


def test_bad_rows_are_refused_with_their_lines_and_nothing_is_imported(tree):
    bad = HEADER + ROWS[0] + "1001;Twice;twice@teststaden.se;SDF-N;0\r\n" + ";;not-an-address;NOPE;kanske\r\n"
    with pytest.raises(PeopleImportError) as caught:
        people_file_import(text=bad)
    lines = [line for line, _message in caught.value.errors]
    assert lines == [3, 4, 4, 4, 4, 4]
    messages = " ".join(m for _l, m in caught.value.errors)
    assert "1001 is also on line 2" in messages
    assert "'NOPE'" in messages
    assert "write 1 for a manager and 0 otherwise" in messages
    assert not User.objects.filter(employee_number="1001").exists()


def test_a_missing_column_and_an_empty_file_are_refused(tree):
    with pytest.raises(PeopleImportError) as caught:
        people_file_import(text="employee_number;name;email\r\n1;A;a@b.se\r\n")
    assert "unit_code, manager" in caught.value.errors[0][1]
    with pytest.raises(PeopleImportError) as caught:
        people_file_import(text=HEADER)
    assert "no people" in caught.value.errors[0][1]


def test_an_address_of_a_residents_account_is_refused_on_its_line(people):
    resident = people["resident"]
    with pytest.raises(PeopleImportError) as caught:
        people_file_import(text=HEADER + ROWS[0] + f"1005;Rut;{resident.email};SDF-N;0\r\n")
    assert caught.value.errors[0][0] == 3
    assert not User.objects.filter(employee_number="1001").exists()


def test_a_truncated_file_is_refused_unless_confirmed(tree):
    people_file_import(text=FILE)
    truncated = HEADER + ROWS[0]
    with pytest.raises(DomainError) as caught:
        people_file_import(text=truncated)
    assert caught.value.field == "confirm"
    assert "2 of 3 staff" in caught.value.message
    assert all(u.is_active for u in staff().values())

    people_file_import(text=truncated, many_leaving_confirmed=True)
    assert [n for n, u in sorted(staff().items()) if not u.is_active] == ["1002", "1003"]


def test_the_command_imports_and_reports_bad_lines(tree, tmp_path, capsys):
    path = tmp_path / "personal.csv"
    path.write_bytes(FILE.encode("cp1252"))
    call_command("import_people", str(path))
    assert "3 people created" in capsys.readouterr().out
    assert staff()["1003"].name == "Åsa Öberg"

    path.write_text(HEADER + "1009;X;x@teststaden.se;NOPE;0\r\n")
    with pytest.raises(CommandError):
        call_command("import_people", str(path))
    assert f"{path}:2: No unit has the code 'NOPE'" in capsys.readouterr().err

    path.write_text(HEADER + ROWS[0])
    with pytest.raises(CommandError, match="--confirm-leaving"):
        call_command("import_people", str(path))
    call_command("import_people", str(path), "--confirm-leaving")
    assert not staff()["1002"].is_active


# The admin's page.

URL = "/admin/organisation/user/import/"


@pytest.fixture
def admin_person(tree) -> User:
    person = factories.person(kind=PersonKind.RESIDENT, name="Ada Admin")
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
    person.refresh_from_db()
    org_services.person_authenticator_app_set(user=person, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # noqa: S106
    return person


def upload(django_app, person, data: bytes):
    django_app.set_cookie("django_language", "en")
    page = django_app.get("/admin/organisation/user/", user=person).click(href=URL)
    form = page.forms["people-import"]
    form["file"] = Upload("personal.csv", data, "text/csv")
    return form.submit(user=person)


def test_the_page_checks_previews_and_imports_on_confirmation(django_app, admin_person):
    preview = upload(django_app, admin_person, FILE.encode())
    assert preview.status_code == 200
    assert preview.html.find(id="people-summary").find("td").text == "3"
    assert "Lina Lund" in preview.text
    assert not User.objects.filter(employee_number__isnull=False).exists()  # nothing written before confirming

    done = preview.forms["people-confirm"].submit("confirm", user=admin_person)
    assert done.status_code == 302
    assert "3 people created, 0 updated, 0 left." in done.follow(user=admin_person).text
    lina = staff()["1001"]
    entry = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_pk=str(lina.pk)
    ).first()
    assert entry.actor == admin_person


def test_the_page_lists_bad_rows_by_line(django_app, admin_person):
    answer = upload(django_app, admin_person, (HEADER + "1009;X;x@teststaden.se;NOPE;0\r\n").encode())
    assert answer.status_code == 200
    assert "Line 2:" in answer.text
    assert not User.objects.filter(employee_number="1009").exists()


def test_the_page_asks_for_confirmation_when_many_would_leave(django_app, admin_person):
    people_file_import(text=FILE)
    preview = upload(django_app, admin_person, (HEADER + ROWS[0]).encode())
    assert "People who would leave: 2. That is more than usual" in preview.text
    refused = preview.forms["people-confirm"].submit("confirm", user=admin_person)
    assert refused.status_code == 200
    assert "confirm that they have left" in refused.text
    assert all(u.is_active for u in staff().values())
    form = refused.forms["people-confirm"]
    form["confirm_leaving"] = True
    done = form.submit("confirm", user=admin_person)
    assert done.status_code == 302
    assert not staff()["1002"].is_active


def test_the_same_file_again_writes_nothing(tree):
    people_file_import(text=FILE)
    logged = LogEntry.objects.count()
    plan = people_file_import(text=FILE)
    assert (len(plan.created), len(plan.updated), plan.unchanged) == (0, 0, 3)
    assert LogEntry.objects.count() == logged


def test_a_file_closing_several_people_ends_all_their_sessions_in_one_pass(tree, settings):
    settings.SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE = 1
    people_file_import(text=FILE)
    people = staff()
    staying = factories.signed_in(people["1001"])
    leaving = factories.signed_in(people["1002"], times=2) + factories.signed_in(people["1003"], times=3)

    with CaptureQueriesContext(connection) as night:
        plan = people_file_import(text=HEADER + ROWS[0])

    assert [u.employee_number for u in plan.leaving] == ["1002", "1003"]
    assert not Session.objects.filter(session_key__in=leaving).exists()
    assert Session.objects.filter(session_key__in=staying).exists()
    # The session store is read once and written once, however many leave and however many sessions they have.
    assert len([q for q in night.captured_queries if "django_session" in q["sql"]]) == 2
