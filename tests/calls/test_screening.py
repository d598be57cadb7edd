"""The office's screening page shows, beside each rule checked by hand, what the applicant stated for it, and
the attached files; nobody else sees them."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from calls import services
from calls.models import Status
from tests.calls.conftest import DURING

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def english(user) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


@pytest.fixture
def stipend_application(people, stipend, resident_stipend_draft, settings, tmp_path):
    """The resident's stipend application, with a date of birth, a past employment by the city and a file."""
    settings.MEDIA_ROOT = tmp_path
    resident = people["resident"]
    draft = services.application_save(
        application=resident_stipend_draft,
        by=resident,
        expected_version=resident_stipend_draft.version,
        city_employment_ended_on=date(2024, 6, 30),
    )
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    attached = services.application_file_add(application=draft, by=resident, upload=upload)
    draft.refresh_from_db()
    submitted = services.application_submit(application=draft, by=resident, expected_version=draft.version, now=DURING)
    return submitted, attached


def test_the_screener_sees_what_the_applicant_stated_beside_each_rule_and_the_files(people, stipend_application):
    application, attached = stipend_application
    client = english(people["director"])
    html = client.get(f"/calls/applications/{application.pk}/manage/").content.decode()
    checks = html[html.index('id="checks"') : html.index('id="jury"')]
    # Each rule checked by hand, with what was stated for it.
    assert checks.index("At least 18 years old.") < checks.index("Date of birth") < checks.index("17 May 1990")
    assert checks.index("Lives, works or studies in the city.") < checks.index("I live in the city")
    assert checks.index("Not employed by the city in the past 12 months.") < checks.index("30 June 2024")
    assert "Resident" in checks
    # The files, as links through the protected download.
    assert f'href="/calls/files/{attached.pk}/"' in checks and "budget.pdf" in checks
    download = client.get(f"/calls/files/{attached.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content if download.streaming else [download.content]) == PDF


def test_the_screener_records_the_screening_on_the_same_page(people, stipend_application):
    application, _attached = stipend_application
    client = english(people["director"])
    url = f"/calls/applications/{application.pk}/manage/"
    page = client.get(url)
    form = page.context["screen_form"]
    data = {"form": "screen", "version": form.initial["version"], "eligible": "yes", "note": ""}
    assert client.post(url, data).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_nobody_else_sees_the_stated_facts_or_the_files(people, jurors, stipend_application):
    application, attached = stipend_application
    services.juror_add(call=application.call, by=people["director"], user=jurors["expert"])
    services.application_screen(application=application, by=people["director"], eligible=True)
    services.assignment_add(application=application, juror=jurors["expert"], by=people["director"])
    for who in (jurors["expert"], people["office"], people["manager"]):
        client = english(who)
        assert client.get(f"/calls/applications/{application.pk}/manage/").status_code == 403
    # The juror reads the application to score it, without the date of birth.
    score = english(jurors["expert"]).get(f"/calls/applications/{application.pk}/score/").content.decode()
    assert "17 May 1990" not in score and "1990" not in score
    assert english(people["colleague"]).get(f"/calls/files/{attached.pk}/").status_code == 404
