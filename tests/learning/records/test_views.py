"""The record's pages: one's own record, a manager's staff and a person's record, the import page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from webtest import Upload

from learning.models import Completion, CompletionImport, CompletionSource, DevelopmentTalk
from learning.records.services import completion_record
from spread.events import services as events
from tests import factories

pytestmark = pytest.mark.django_db

MY = "/learning/records/"
STAFF = "/learning/records/staff/"
IMPORT = "/learning/records/import/"


def talk(employee, manager, *, year=None, discussed=True) -> DevelopmentTalk:
    year = year or timezone.localdate().year
    return DevelopmentTalk.objects.create(
        employee=employee,
        manager=manager,
        unit=employee.unit,
        year=year,
        held_on=date(year, 1, 15),
        innovation_discussed=discussed,
        ideas_count=1,
    )


def test_the_addresses_are_named():
    assert reverse("learning:my_record") == MY
    assert reverse("learning:staff_records") == STAFF
    assert reverse("learning:completion_import") == IMPORT
    assert reverse("learning:person_record", args=[7]) == "/learning/records/7/"


def test_my_record_shows_completions_sign_ups_talks_and_what_to_take_next(django_app, people, session, intro):
    employee = people["employee"]
    completion_record(person=employee, course=session.course, on=date(2026, 2, 3), source=CompletionSource.IMPORT)
    events.registration_create(event=session.event, by=employee)
    talk(employee, people["manager"])
    page = django_app.get(MY, user=employee)
    assert "Tjänstedesign i praktiken" in page.text and "3 februari 2026" in page.text
    assert "Introduktion till innovation" in page.text  # recommended: the introductory module
    assert session.event.title in page.text
    assert str(timezone.localdate().year) in page.text


def test_the_leadership_module_is_recommended_to_managers_only(django_app, people, intro, leadership):
    assert "Att leda innovation" in django_app.get(MY, user=people["manager"]).text
    assert "Att leda innovation" not in django_app.get(MY, user=people["employee"]).text


def test_the_introductory_module_is_not_recommended_once_done(django_app, people, intro):
    completion_record(person=people["employee"], course=intro, on=date(2026, 1, 2), source=CompletionSource.CHECK)
    page = django_app.get(MY, user=people["employee"])
    assert page.text.count("Introduktion till innovation") == 1  # in the completions only


def test_my_record_needs_sign_in(client):
    assert client.get(MY).status_code == 302


def test_the_manager_sees_their_staff_with_a_summary_each(django_app, people, staff, intro):
    worker = staff["north"][0]
    completion_record(person=worker, course=intro, on=date(2026, 1, 20), source=CompletionSource.CHECK)
    talk(worker, people["manager"], discussed=False)
    page = django_app.get(STAFF, user=people["manager"])
    assert worker.name in page.text and "20 januari 2026" in page.text
    assert all(p.name not in page.text for p in staff["south"])
    found = django_app.get(STAFF, {"q": worker.name}, user=people["manager"])
    assert worker.name in found.text and staff["north"][1].name not in found.text


def test_the_unit_filter_offers_only_the_managers_units(django_app, people, staff, tree):
    page = django_app.get(STAFF, user=people["manager"])
    offered = [text for _value, _selected, text in page.forms["staff-filter"]["unit"].options]
    assert any("Björkens" in text for text in offered) and not any("Södra" in text for text in offered)
    south = django_app.get(STAFF, {"unit": tree["SDF-S-SKO"].pk}, user=people["manager"])
    assert all(p.name not in south.text for p in staff["south"])


@pytest.mark.parametrize("sort", ["name", "unit", "intro", "completions", "latest"])
def test_each_sort_works(django_app, people, staff, sort):
    assert django_app.get(STAFF, {"sort": sort}, user=people["manager"]).status_code == 200


def test_the_staff_page_takes_the_same_queries_whatever_the_number_of_staff(
    client, people, staff, intro, tree, django_assert_num_queries
):
    client.force_login(people["manager"])
    client.get(STAFF)  # warm up what is cached per process
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(STAFF)
    for n in range(12):
        person = factories.person(unit=tree["SDF-N-ALD-1"])
        completion_record(person=person, course=intro, on=date(2026, 1, n + 1), source=CompletionSource.CHECK)
        talk(person, people["manager"])
    with django_assert_num_queries(len(few)):
        client.get(STAFF)
    assert len(few) <= 12


def test_only_managers_see_the_staff_page(client, people):
    client.force_login(people["employee"])
    assert client.get(STAFF).status_code == 403


def test_a_manager_opens_a_staff_members_record(django_app, people, staff, intro):
    worker = staff["north"][0]
    completion_record(person=worker, course=intro, on=date(2026, 1, 20), source=CompletionSource.CHECK)
    page = django_app.get(STAFF, user=people["manager"]).click(worker.name)
    assert page.request.path == f"/learning/records/{worker.pk}/" and "20 januari 2026" in page.text


@pytest.mark.parametrize("who", ["south_manager", "director", "office", "colleague"])
def test_anyone_else_opening_a_record_by_its_address_is_answered_not_found(client, people, staff, who):
    viewer = staff.get(who) or people[who]
    client.force_login(viewer)
    assert client.get(f"/learning/records/{staff['north'][0].pk}/").status_code == 404
    assert client.get("/learning/records/999999/").status_code == 404


def test_the_person_opens_their_own_record_by_its_address(client, people):
    client.force_login(people["employee"])
    assert client.get(f"/learning/records/{people['employee'].pk}/").status_code == 200


# --- the import page -----------------------------------------------------------------------------


def upload(django_app, person, text: str, name: str = "lärplattformen.csv"):
    form = django_app.get(IMPORT, user=person).forms["completion-import"]
    form["file"] = Upload(name, text.encode(), "text/csv")
    return form.submit(user=person)


def test_the_director_imports_a_file_and_sees_it_among_the_imports(django_app, people, intro):
    page = upload(
        django_app, people["director"], f"e-post;kurskod;datum\n{people['employee'].email};inno-intro;2026-03-15\n"
    )
    listed = page.follow(user=people["director"])
    assert "lärplattformen.csv" in listed.text and people["director"].name in listed.text
    assert Completion.objects.filter(person=people["employee"], course=intro).exists()


def test_bad_lines_are_listed_and_nothing_is_imported(django_app, people, intro):
    text = f"e-post;kurskod;datum\n{people['employee'].email};inno-intro;2026-03-15\nnobody@example.se;inno-intro;2026-03-15\n"
    page = upload(django_app, people["director"], text)
    assert page.status_code == 200 and "Rader att rätta" in page.text
    assert "Ingen i stadens personal har e-postadressen nobody@example.se." in page.text
    assert not CompletionImport.objects.exists() and not Completion.objects.exists()


def test_the_import_page_lists_past_imports_a_page_at_a_time(django_app, people, intro):
    for n in range(25):
        CompletionImport.objects.create(imported_by=people["director"], file_name=f"fil-{n:02}.csv", rows=n)
    page = django_app.get(IMPORT, user=people["director"])
    assert "fil-24.csv" in page.text and "fil-00.csv" not in page.text
    assert "fil-00.csv" in django_app.get(IMPORT, {"page": 2}, user=people["director"]).text


@pytest.mark.parametrize("who", ["office", "manager", "employee"])
def test_only_the_executive_office_opens_the_import_page(client, people, who):
    client.force_login(people[who])
    assert client.get(IMPORT).status_code == 403


def test_the_menu_leads_staff_to_their_record(django_app, people):
    page = django_app.get("/", user=people["employee"])
    assert page.click("Mitt lärande").request.path == MY
    assert MY not in django_app.get("/", user=people["resident"]).text


def test_a_value_too_long_to_read_is_named_with_its_line_not_a_server_error(django_app, people, intro):
    text = f"e-post;kurskod;datum\n{people['employee'].email};inno-intro;2026-03-15\n{'x' * 140_000};inno-intro;2026-03-15\n"
    page = upload(django_app, people["director"], text)
    assert page.status_code == 200 and "Rader att rätta" in page.text
    assert "Rad 3 går inte att läsa" in page.text
    assert not CompletionImport.objects.exists()


def test_the_import_page_explains_codes_and_retaken_courses_and_counts_errors(django_app, people, intro):
    page = django_app.get(IMPORT, user=people["director"])
    example = page.html.select_one("pre.sprang-example").get_text()
    assert ";inno-intro;" in example and "Ett exempel med en kurs i katalogen" in page.text
    assert "under Kod på kursens sida" in page.text
    assert "Samma person, kurs och dag registreras en gång" in page.text
    assert "Samma kurs en annan dag registreras som en ny genomförd kurs" in page.text
    text = "e-post;kurskod;datum\nnobody@example.se;nope;2026-03-15\n"
    refused = upload(django_app, people["director"], text)
    assert "2 fel i filen. Inget importerades." in refused.text and "poster" not in refused.text


def test_the_example_uses_a_course_in_the_catalogue(django_app, people, workshop):
    page = django_app.get(IMPORT, user=people["director"])
    assert ";tjanstedesign;" in page.html.select_one("pre.sprang-example").get_text()


def test_the_course_page_shows_the_code_to_those_who_import_or_keep_the_catalogue(django_app, people, intro):
    url = reverse("learning:course", args=[intro.pk])
    for who in ("director", "office"):
        assert "<code>inno-intro</code>" in django_app.get(url, user=people[who]).text, who
    assert "<code>inno-intro</code>" not in django_app.get(url, user=people["employee"]).text
