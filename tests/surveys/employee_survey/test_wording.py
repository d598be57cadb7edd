"""The employee survey's items in English: the vendor's file is Swedish, the executive office writes the English
wording on its own page, and until then English pages show the Swedish wording marked as Swedish."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from core.errors import DomainError, ErrorCode
from surveys.employee_survey import services
from surveys.models import EmployeeSurveyItem
from tests.surveys.employee_survey.test_services import GOOD, run

ITEMS = "/surveys/employee-survey/items/"


@pytest.fixture
def imported(director, tree):
    run(director, GOOD)
    return EmployeeSurveyItem.objects.get(code="inno-1")


def english(django_app, person):
    django_app.set_cookie("django_language", "en")
    return person


def test_an_import_gives_the_swedish_wording_only(imported):
    assert imported.text_sv and imported.text_en == ""


def test_an_english_page_shows_the_swedish_wording_marked_as_swedish_until_an_english_one_is_written(
    django_app, director, imported
):
    reader = english(django_app, director)
    cell = django_app.get("/surveys/employee-survey/2026/", user=reader).html.find("td", string=imported.text_sv)
    assert cell is not None and cell["lang"] == "sv"
    services.item_translate(item=imported, by=director, text_en="I get to try new ways of working", was="")
    page = django_app.get("/surveys/employee-survey/2026/", user=reader)
    cell = page.html.find("td", string="I get to try new ways of working")
    assert cell is not None and cell["lang"] == "en" and imported.text_sv not in page.text


def test_the_office_words_an_item_in_english_through_its_page(django_app, director, imported):
    index = django_app.get("/surveys/employee-survey/", user=director)
    items = index.click("Skriv frågorna på engelska", href=ITEMS)
    assert "Inte skriven än" in items.text
    form = items.click(href=reverse("surveys:employee_survey_item", args=[imported.pk])).forms["item-wording"]
    assert set(form.fields) >= {"text_en", "was"}
    form["text_en"] = "  I get to try   new ways of working "
    listed = form.submit(user=director).follow(user=director)
    assert "Den engelska lydelsen av inno-1 sparades" in listed.text
    imported.refresh_from_db()
    assert imported.text_en == "I get to try new ways of working"
    entry = LogEntry.objects.get_for_object(imported).latest("timestamp")
    assert entry.actor == director and "text_en" in entry.changes_dict


def test_a_wording_changed_meanwhile_is_shown_not_overwritten_and_what_was_typed_is_kept(
    django_app, director, imported
):
    form = django_app.get(reverse("surveys:employee_survey_item", args=[imported.pk]), user=director).forms[
        "item-wording"
    ]
    services.item_translate(item=imported, by=director, text_en="Their wording", was="")
    form["text_en"] = "My wording"
    page = form.submit(user=director)
    assert page.status_code == 200 and "Någon annan ändrade den engelska lydelsen" in page.text
    assert "Their wording" in page.text and page.forms["item-wording"]["text_en"].value == "My wording"
    imported.refresh_from_db()
    assert imported.text_en == "Their wording"
    page.forms["item-wording"].submit(user=director).follow(
        user=director
    )  # sent again, on purpose: now it replaces theirs
    imported.refresh_from_db()
    assert imported.text_en == "My wording"


def test_a_wording_too_long_is_refused_at_its_field(django_app, director, imported):
    form = django_app.get(reverse("surveys:employee_survey_item", args=[imported.pk]), user=director).forms[
        "item-wording"
    ]
    form["text_en"] = "x" * 401
    page = form.submit(user=director)
    assert page.status_code == 200 and "text_en-error" in page.text
    with pytest.raises(DomainError) as refused:
        services.item_translate(item=imported, by=director, text_en="Other", was="not what is there")
    assert refused.value.code == ErrorCode.CONFLICT


def test_only_the_executive_office_words_items_and_an_empty_list_says_where_items_come_from(
    django_app, director, people, tree
):
    page = django_app.get(ITEMS, user=director)
    assert "De kommer med den första importen" in page.text
    django_app.get(ITEMS, user=people["manager"], status=403)
    run(director, GOOD)
    item = EmployeeSurveyItem.objects.first()
    django_app.get(reverse("surveys:employee_survey_item", args=[item.pk]), user=people["manager"], status=403)
    with pytest.raises(DomainError):
        services.item_translate(item=item, by=people["manager"], text_en="x", was="")
