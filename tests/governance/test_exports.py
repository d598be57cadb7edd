"""Exports: a report and the city's compiled report as PDF and XLSX, indicator values as CSV; who may download them."""

from __future__ import annotations

import csv
import io
import re
import threading
from datetime import date, datetime
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, connections
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from governance import city_pdf, exports, services
from governance.models import ActivityStatus, Fulfilment, IndicatorValue, Period, ReportStatus

pytestmark = pytest.mark.django_db

BEFORE_DEADLINE = datetime(2026, 5, 10, 12, tzinfo=ZoneInfo("Europe/Stockholm"))
NARRATIVE = "Vi har startat ett innovationsnätverk med tjugo medlemmar."
DRAFT_NARRATIVE = "Södras utkast som ingen annan ska läsa."


#: PDFs need the Pango library of the system; ``.ci/run`` installs it, so CI always runs these.
needs_pdf = pytest.mark.skipif(
    not exports.pdf_available(), reason="WeasyPrint needs Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0)"
)


@pytest.fixture
def submitted(people, report, survey_indicator, goals):
    """Norra's T1 report, complete and submitted, with an activity under its own goal."""
    services.activity_add(
        goal=goals["north"],
        by=people["manager"],
        title="Idéverkstad på Björkens äldreboende",
        owner=people["employee"],
        starts_on=date(2026, 2, 1),
        ends_on=date(2026, 6, 30),
        status=ActivityStatus.ONGOING,
    )
    services.report_save(
        report=report,
        by=people["manager"],
        expected_version=report.version,
        narrative=NARRATIVE,
        outcomes={survey_indicator.pk: ("64,5", "Medarbetarenkäten 2026")},
        assessments={
            goals["city"].pk: (Fulfilment.PARTLY, "=1+1 är inte en formel här."),
            goals["north"].pk: (Fulfilment.MET, "Alla enheter har prövat."),
        },
    )
    services.report_submit(report=report, by=people["manager"], expected_version=report.version, now=BEFORE_DEADLINE)
    report.refresh_from_db()
    return report


@pytest.fixture
def south_draft(people, tree, goals, t1):
    draft = services.report_start(by=people["other_office"], reporting_period=t1, unit=tree["SDF-S"])
    services.report_save(
        report=draft, by=people["other_office"], expected_version=draft.version, narrative=DRAFT_NARRATIVE
    )
    draft.refresh_from_db()
    return draft


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def filename_of(response) -> str:
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    encoded = re.search(r"filename\*=utf-8''(.+)$", disposition)
    return unquote(encoded.group(1)) if encoded else re.search(r'filename="(.+)"', disposition).group(1)


# --- one report --------------------------------------------------------------------------------


@needs_pdf
def test_a_report_downloads_as_a_pdf_with_its_unit_narrative_and_page_numbers(client, people, submitted):
    client.force_login(people["office"])
    response = client.get(f"/governance/reports/{submitted.pk}/report.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert filename_of(response) == "Norra stadsdelsförvaltningen – T1 2026.pdf"
    assert response.content.startswith(b"%PDF")
    pages, text = pdf_text(response.content)
    assert pages >= 1
    assert "Norra stadsdelsförvaltningen" in text
    assert NARRATIVE in text
    assert "Idéverkstad på Björkens äldreboende" in text
    assert re.search(rf"(Sida|Page) 1 (av|of) {pages}", text)
    # The contents give each section's page.
    assert re.search(r"\.{5,} ?\d+", text)


@needs_pdf
def test_the_pdf_is_laid_out_in_the_readers_language(submitted):
    swedish = exports.report_html(submitted, language="sv")
    assert '<html lang="sv">' in swedish
    assert "15 maj 2026" in swedish  # the deadline, in Swedish
    assert "Norra stadsdelsförvaltningen" in swedish
    assert "64,5\u00a0%" in swedish  # figures with a decimal comma
    english = exports.report_html(submitted, language="en")
    assert '<html lang="en">' in english
    assert "15 May 2026" in english
    assert "64.5\u00a0%" in english


def test_page_numbers_are_translated_css():
    with translation.override("en"):
        assert exports.page_counter_content() == '"Page " counter(page) " of " counter(pages)'
    assert exports._css_string('a"b</style>') == '"a\\"b\\3C /style>"'


@needs_pdf
def test_the_pdf_renderer_reads_only_the_static_folder(tmp_path):
    root = exports._print_css().parents[1]
    fetcher = exports._fetcher_class()(root)
    assert fetcher.fetch((root / exports.PRINT_CSS).as_uri()).read()
    for url in ("https://example.com/logo.png", "file:///etc/passwd", (root / ".." / "manage.py").resolve().as_uri()):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    # An image from elsewhere is left out, and the PDF is still made.
    document = exports.pdf_document('<p>Text</p><img src="https://example.com/logo.png" alt="">')
    assert len(document.pages) == 1


def test_a_report_downloads_as_a_workbook(client, people, submitted, survey_indicator):
    client.force_login(people["colleague"])  # any city employee, once submitted
    response = client.get(f"/governance/reports/{submitted.pk}/report.xlsx")
    assert response.status_code == 200
    assert filename_of(response) == "Norra stadsdelsförvaltningen – T1 2026.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 5  # the report, outcomes, goals and assessments, activities, history
    summary, outcomes, goals, activities, history = (book[name] for name in book.sheetnames)
    assert NARRATIVE in [row[1] for row in summary.iter_rows(values_only=True)]
    survey = next(row for row in outcomes.iter_rows(min_row=2, values_only=True) if row[1] == survey_indicator.code)
    assert float(survey[3]) == pytest.approx(64.5)
    assert survey[6] == "Medarbetarenkäten 2026"
    comments = {row[0]: row[4] for row in goals.iter_rows(min_row=2, values_only=True)}
    # text a spreadsheet would run keeps a leading apostrophe, and is stored as text
    assert comments["Fler idéer blir verklighet"] == "'=1+1 är inte en formel här."
    formula_like = next(c for c in goals["E"] if c.value == "'=1+1 är inte en formel här.")
    assert formula_like.data_type == "s"
    assert [row[1] for row in activities.iter_rows(min_row=2, values_only=True)] == [
        "Idéverkstad på Björkens äldreboende"
    ]
    assert history.max_row == 2  # the header and the submission


# --- who may download -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [pytest.param("pdf", marks=needs_pdf), "xlsx"])
def test_a_draft_is_downloaded_only_by_those_who_may_read_it(client, people, south_draft, suffix):
    url = f"/governance/reports/{south_draft.pk}/report.{suffix}"
    for role in ("colleague", "office", "resident"):
        client.force_login(people[role])
        assert client.get(url).status_code == 404, role
    client.force_login(people["other_office"])
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_the_city_exports_and_the_csv_are_for_city_staff(client, people, submitted):
    client.force_login(people["resident"])
    assert client.get(f"/governance/reports/{submitted.pk}/report.pdf").status_code == 404
    for url in (
        "/governance/city/2026/T1/report.pdf",
        "/governance/city/2026/T1/report.xlsx",
        "/governance/values.csv",
    ):
        assert client.get(url).status_code == 403, url


def test_an_unknown_period_is_not_found(client, people, t1):
    client.force_login(people["director"])
    assert client.get("/governance/city/2026/T9/report.xlsx").status_code == 404
    assert client.get("/governance/city/2031/T1/report.xlsx").status_code == 404
    assert client.get("/governance/values.csv?period=T9").status_code == 400
    assert client.get("/governance/values.csv?year=20x6").status_code == 400


# --- the city -------------------------------------------------------------------------------------


@needs_pdf
def test_the_city_pdf_holds_every_submitted_report_and_no_draft(client, people, submitted, south_draft):
    client.force_login(people["director"])
    response = client.get("/governance/city/2026/T1/report.pdf")
    assert response.status_code == 200
    assert filename_of(response) == "Teststaden – T1 2026.pdf"
    pages, text = pdf_text(b"".join(response.streaming_content))
    assert pages >= 3  # the cover and contents, the city's figures, the report
    assert NARRATIVE in text
    assert DRAFT_NARRATIVE not in text
    assert "Södra stadsdelsförvaltningen" not in text  # not even in the contents
    html = exports.city_html(submitted.reporting_period, language="sv")
    assert f'id="report-{submitted.pk}"' in html
    assert f'id="report-{south_draft.pk}"' not in html
    assert "<svg" in html  # the charts, drawn on the server


def test_the_city_workbook_has_every_outcome_and_assessment_of_submitted_reports(
    client, people, submitted, south_draft, survey_indicator
):
    client.force_login(people["employee"])
    response = client.get("/governance/city/2026/T1/report.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    reports, outcomes, assessments = (book[name] for name in book.sheetnames)
    assert [row[1] for row in reports.iter_rows(min_row=2, values_only=True)] == ["SDF-N"]
    rows = list(outcomes.iter_rows(min_row=2, values_only=True))
    assert {row[1] for row in rows} == {"SDF-N"}
    assert len(rows) == submitted.outcomes.count()
    survey = next(row for row in rows if row[4] == survey_indicator.code)
    assert float(survey[6]) == pytest.approx(64.5)
    assert {row[3] for row in assessments.iter_rows(min_row=2, values_only=True)} == {
        "Fler idéer blir verklighet",
        "Varje enhet prövar minst en ny idé",
    }


# --- indicator values ------------------------------------------------------------------------------


def test_indicator_values_download_as_csv(client, people, indicators):
    client.force_login(people["employee"])
    response = client.get("/governance/values.csv?year=2026&period=T1")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert filename_of(response).endswith("2026 T1.csv")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert tuple(rows[0]) == exports.CSV_COLUMNS
    kept = IndicatorValue.objects.filter(year=2026, period=Period.T1)
    assert len(rows) - 1 == kept.count() > 0
    north = [row for row in rows[1:] if row[2] == "SDF-N"]
    assert {row[5] for row in north} == set(kept.filter(unit__code="SDF-N").values_list("indicator__code", flat=True))
    assert all(row[0] == "2026" and row[1] == "T1" and row[4] == "district_administration" for row in north)
    # Another period is filtered out.
    other = client.get("/governance/values.csv?year=2025&period=VB")
    assert (
        len(b"".join(other.streaming_content).decode("utf-8-sig").splitlines())
        == 1 + IndicatorValue.objects.filter(year=2025, period=Period.ANNUAL).count()
    )


# --- links on the pages ----------------------------------------------------------------------------


def test_the_pages_link_to_the_downloads(client, people, submitted):
    client.force_login(people["director"])
    page = client.get(submitted.get_absolute_url()).content.decode()
    assert f"/governance/reports/{submitted.pk}/report.pdf" in page
    assert f"/governance/reports/{submitted.pk}/report.xlsx" in page
    reports = client.get("/governance/reports/").content.decode()
    assert "/governance/city/2026/T1/report.pdf" in reports
    assert "/governance/city/2026/T1/report.xlsx" in reports
    assert "/governance/values.csv?year=2026&amp;period=T1" in reports
    assert "/governance/values.csv?year=" in client.get("/governance/").content.decode()


def test_a_returned_report_is_in_the_city_report_with_its_status(people, submitted):
    services.report_return(report=submitted, by=people["director"], comment="Utveckla texten.")
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED
    html = exports.city_html(submitted.reporting_period, language="en")
    assert f'id="report-{submitted.pk}"' in html
    assert "Returned for changes" in html


def test_without_pango_the_pdf_link_says_why_and_offers_the_workbook(client, people, submitted, monkeypatch):
    monkeypatch.setattr(exports, "pdf_available", lambda: False)
    client.force_login(people["director"])
    for url, xlsx in (
        (f"/governance/reports/{submitted.pk}/report.pdf", f"/governance/reports/{submitted.pk}/report.xlsx"),
        ("/governance/city/2026/T1/report.pdf", "/governance/city/2026/T1/report.xlsx"),
    ):
        response = client.get(url)
        assert response.status_code == 503
        assert xlsx in response.content.decode()


# --- the city's compiled PDF: for city staff, built once per state of its data ----------


def _city_pdf(client) -> bytes:
    response = client.get("/governance/city/2026/T1/report.pdf")
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    return b"".join(response.streaming_content)


@needs_pdf
def test_the_city_pdf_is_for_city_staff_as_the_workbook_is(client, people, submitted):
    for role in ("employee", "manager", "coach", "office", "other_office"):
        client.force_login(people[role])
        page = client.get("/governance/reports/").content.decode()
        assert "/governance/city/2026/T1/report.pdf" in page, role
        assert "/governance/city/2026/T1/report.xlsx" in page, role
        assert _city_pdf(client), role
    for role in ("resident", "supplier"):
        client.force_login(people[role])
        assert client.get("/governance/city/2026/T1/report.pdf").status_code == 403, role
        assert client.post("/governance/city/2026/T1/report.pdf/build/").status_code == 403, role


@needs_pdf
def test_the_city_pdf_is_built_once_and_again_only_when_a_report_in_it_changes(client, people, submitted, south_draft):
    client.force_login(people["director"])
    before = city_pdf.builds()
    first = _city_pdf(client)
    assert city_pdf.builds() == before + 1
    assert NARRATIVE in pdf_text(first)[1]
    # Served from the storage: not built again.
    assert _city_pdf(client) == first
    assert city_pdf.builds() == before + 1
    # Another language is another document.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _city_pdf(client)
    assert city_pdf.builds() == before + 2
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    # The executive office returns a report in it: the next request builds it again, with the change.
    services.report_return(report=submitted, by=people["director"], comment="Utveckla texten om nätverket.")
    second = _city_pdf(client)
    assert city_pdf.builds() == before + 3
    assert "Återsänd för komplettering" not in pdf_text(first)[1]
    assert "Återsänd för komplettering" in pdf_text(second)[1]  # its status, as it stands now
    assert _city_pdf(client) == second
    assert city_pdf.builds() == before + 3
    # One file per period and language is kept: the older Swedish one is gone.
    _dirs, files = default_storage.listdir(city_pdf.FOLDER)
    assert sorted(name.split("-")[2] for name in files if name.startswith("2026-T1-")) == ["en", "sv"]


@needs_pdf
@pytest.mark.django_db(transaction=True)
def test_the_link_to_a_pdf_not_made_yet_asks_the_worker_once_and_says_an_email_follows(
    client, people, submitted, mailoutbox
):
    """The web process never lays the PDF out: the link answers 202 with a page saying it is being made, and asking
    again while the build waits does not queue a second one; once the worker has made it, the link serves it."""
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from tests.core.test_background import DATABASE_TASKS, run_due_work

    client.force_login(people["director"])
    mailoutbox.clear()
    before = city_pdf.builds()
    with override_settings(TASKS=DATABASE_TASKS):
        for _ in range(2):
            response = client.get("/governance/city/2026/T1/report.pdf")
            assert response.status_code == 202
            assert response["Retry-After"] == "60"
            text = response.content.decode()
            assert "Rapporten tas fram" in text and "Du får ett mejl med länken när den är klar." in text
            assert f"/governance/reports/?compiled={submitted.reporting_period_id}#city-exports" in text
        assert city_pdf.builds() == before  # nothing laid out in the web process
        assert DBTaskResult.objects.filter(task_path__endswith="build_city_pdf").count() == 1
        run_due_work()  # builds the PDF, then queues the email
        run_due_work()  # sends the email
    assert city_pdf.builds() == before + 1
    assert [m.to for m in mailoutbox] == [[people["director"].email]]
    assert _city_pdf(client)
    assert city_pdf.builds() == before + 1


@needs_pdf
@pytest.mark.django_db(transaction=True)
def test_two_requests_at_once_build_the_city_pdf_once(people, submitted):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers at once need PostgreSQL's shared locks")
    before = city_pdf.builds()
    barrier = threading.Barrier(2)
    outcomes: dict[int, object] = {}

    def download(i: int) -> None:
        try:
            client = Client()
            client.force_login(people["director"])
            barrier.wait(timeout=10)
            response = client.get("/governance/city/2026/T1/report.pdf")
            outcomes[i] = (response.status_code, b"".join(response.streaming_content))
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong in the thread
            outcomes[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=download, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert sorted(o[0] if isinstance(o, tuple) else repr(o) for o in outcomes.values()) == [200, 200]
    first, second = (o[1] for o in outcomes.values() if isinstance(o, tuple))
    assert first == second
    assert city_pdf.builds() == before + 1


# --- the city's compiled PDF built in the background: progress on the page, the file when ready, an email --------


def _build_status(client) -> str:
    response = client.get("/governance/city/2026/T1/report.pdf/status/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


@needs_pdf
def test_the_city_pdf_is_built_in_the_background_offered_when_ready_and_the_requester_is_emailed(
    client, people, submitted, mailoutbox
):
    client.force_login(people["director"])
    mailoutbox.clear()  # what setting up the reports sent
    # The pages are in Swedish, the director's language.
    page = client.get("/governance/reports/").content.decode()
    assert "Gör PDF:en" in page and 'hx-post="/governance/city/2026/T1/report.pdf/build/"' in page
    assert 'href="/governance/city/2026/T1/report.pdf"' not in page
    assert "Gör PDF:en" in _build_status(client)
    before = city_pdf.builds()
    response = client.post("/governance/city/2026/T1/report.pdf/build/", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert city_pdf.builds() == before + 1
    assert "Gjord av rapporterna som de ser ut nu." in page and 'href="/governance/city/2026/T1/report.pdf"' in page
    assert "every 2s" not in page
    assert 'href="/governance/city/2026/T1/report.pdf"' in client.get("/governance/reports/").content.decode()
    [mail] = mailoutbox
    assert mail.to == [people["director"].email]
    assert f"{settings.SPRANG_SITE_URL}/governance/city/2026/T1/report.pdf" in mail.body
    _city_pdf(client)
    assert city_pdf.builds() == before + 1  # the download is the file built in the background


@needs_pdf
@pytest.mark.django_db(transaction=True)
def test_while_the_worker_builds_the_city_pdf_the_page_asks_again_until_it_is_ready(
    client, people, submitted, mailoutbox
):
    from django.test import override_settings

    from tests.core.test_background import DATABASE_TASKS, run_due_work

    client.force_login(people["director"])
    mailoutbox.clear()  # what setting up the reports sent
    with override_settings(TASKS=DATABASE_TASKS):  # the page is in Swedish, the director's language
        page = client.post("/governance/city/2026/T1/report.pdf/build/", HTTP_HX_REQUEST="true").content.decode()
        assert "PDF:en väntar på sin tur." in page
        assert 'hx-trigger="every 2s"' in page and "Gör PDF:en" not in page
        assert "väntar på sin tur" in _build_status(client)
        assert mailoutbox == []
        run_due_work()  # builds the PDF, then queues the email
        run_due_work()  # sends the email
        page = _build_status(client)
    assert "Gjord av rapporterna som de ser ut nu." in page and "every 2s" not in page
    assert [m.to for m in mailoutbox] == [[people["director"].email]]


def test_only_those_who_download_the_city_pdf_may_build_it_or_follow_the_build(client, people, submitted):
    for role in ("resident", "supplier"):
        client.force_login(people[role])
        assert client.post("/governance/city/2026/T1/report.pdf/build/").status_code == 403, role
        assert client.get("/governance/city/2026/T1/report.pdf/status/").status_code == 403, role
        assert "/report.pdf/status/" not in client.get("/governance/reports/").content.decode(), role
    client.force_login(people["director"])
    assert client.get("/governance/city/2026/T1/report.pdf/build/").status_code == 405
    assert client.get("/governance/city/2026/X9/report.pdf/status/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_city_pdf_a_build_is_still_writing_is_not_served(people, submitted):
    """The file is there from the build's first byte: while a build holds the lock, the PDF is not built yet."""
    period, language = submitted.reporting_period, "sv"
    name = city_pdf._name(period, language=language)
    default_storage.save(name, io.BytesIO(b"%PDF-1.7\n"))  # half written
    holding, done = threading.Event(), threading.Event()

    def build_holding_the_lock() -> None:
        try:
            with city_pdf.exclusive(city_pdf._lock_name(period, language), wait_seconds=5):
                holding.set()
                done.wait(timeout=10)
        finally:
            connections.close_all()

    builder = threading.Thread(target=build_holding_the_lock)
    builder.start()
    try:
        assert holding.wait(timeout=10)
        assert city_pdf.built_city_pdf(period, language=language) is None
    finally:
        done.set()
        builder.join(timeout=10)
    assert city_pdf.built_city_pdf(period, language=language) == name
    default_storage.delete(name)
