"""The admin site's page for uploading the unit tree, sent as a browser sends it."""

from __future__ import annotations

import pytest
from django.utils import translation
from webtest import Upload

from organisation import services as org_services
from organisation.models import PersonKind, Unit, User
from tests import factories
from tests.organisation.test_import import EXPECTED_SMALL_TREE, SAVED_AS, SMALL_TREE, tree_shape

URL = "/admin/organisation/unit/import/"


@pytest.fixture
def admin_person(db) -> User:
    person = factories.person(kind=PersonKind.RESIDENT, name="Ada Admin")
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
    person.refresh_from_db()
    org_services.person_authenticator_app_set(user=person, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # noqa: S106
    return person


def upload(django_app, person, data: bytes, *, language: str = "en"):
    django_app.set_cookie("django_language", language)
    page = django_app.get("/admin/organisation/unit/", user=person).click(href=URL)
    form = page.forms["unit-import"]
    form["file"] = Upload("enheter.csv", data, "text/csv")
    return form.submit(user=person)


@pytest.mark.parametrize("saved_as", list(SAVED_AS))
def test_a_unit_file_is_imported_however_it_was_saved(django_app, admin_person, saved_as):
    response = upload(django_app, admin_person, SAVED_AS[saved_as])
    assert response.status_code == 302, response.text
    assert "6 units created, 0 updated." in response.follow(user=admin_person).text
    assert tree_shape() == EXPECTED_SMALL_TREE


@pytest.mark.parametrize("language", ["en", "sv"])
def test_a_file_in_an_unreadable_encoding_is_refused_saying_what_to_choose(django_app, admin_person, language):
    response = upload(django_app, admin_person, SMALL_TREE.encode("cp850"), language=language)
    assert response.status_code == 200
    with translation.override(language):
        expected = str(translation.gettext(org_services.UNREADABLE_UNIT_FILE))
    assert expected in response.text.replace("&#x27;", "'").replace("&quot;", '"')
    assert Unit.objects.count() == 0


def test_bad_rows_are_listed_by_line_and_nothing_is_imported(django_app, admin_person):
    response = upload(django_app, admin_person, (SMALL_TREE + "X;;sorten;STAD;tolv;\n").encode())
    assert response.status_code == 200
    assert "Line 8:" in response.text
    assert Unit.objects.count() == 0


def test_only_the_admin_site_opens_the_page(django_app, db):
    person = factories.person(kind=PersonKind.RESIDENT, name="Rut")
    assert django_app.get(URL, user=person).status_code == 302


@pytest.mark.parametrize(("language", "header"), [("sv", "Språng – administration"), ("en", "Språng – administration")])
def test_the_admin_site_names_the_product_not_the_framework(django_app, admin_person, language, header):
    django_app.set_cookie("django_language", language)
    page = django_app.get("/admin/organisation/unit/", user=admin_person)
    assert header in page.text
    assert "Django" not in page.html.find(id="header").text
