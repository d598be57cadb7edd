"""The pages for applicants and the public: calls, applying, following one's applications, results."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from calls import services
from calls.models import (
    Application,
    ApplicationFile,
    Assignment,
    Call,
    Conflict,
    Decision,
    FinalReport,
    Programme,
    Score,
    Status,
)
from ideas.lock import Stage
from tests import factories
from tests.sessions import sign_in_and_let_the_session_end

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def client(client):
    """The pages in English, so the assertions read the texts as written in the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def make_call(people, *, programme=Programme.FUND, title="Innovationsfonden", opens_in=-10, closes_in=20, **rules):
    """A published call, open now unless told otherwise (days from now)."""
    now = timezone.now()
    director = people["director"]
    call = services.call_create(
        by=director,
        programme=programme,
        title=title,
        summary="Pengar för att ta idéer vidare.",
        description="Sök medel i två steg.",
        year=now.year,
        opens_at=now + timedelta(days=opens_in),
        closes_at=now + timedelta(days=closes_in),
        budget=Decimal(2_000_000),
        **rules,
    )
    services.criterion_add(call=call, by=director, name="Nytta för stockholmarna", weight="3")
    services.criterion_add(call=call, by=director, name="Genomförbarhet", weight="1")
    services.call_publish(call=call, by=director)
    return call


@pytest.fixture
def fund(people, jurors):
    call = make_call(people)
    for name in ("expert", "north"):
        services.juror_add(call=call, by=people["director"], user=jurors[name])
    services.juror_add(call=call, by=people["director"], user=jurors["chair"], is_chair=True)
    return call


@pytest.fixture
def stipend(people):
    return make_call(
        people,
        programme=Programme.STIPEND,
        title="Innovationsstipendiet",
        min_age=18,
        no_city_employment_months=12,
        exclude_last_year_winners=True,
    )


@pytest.fixture
def idea_in_prestudy(people):
    idea = factories.idea(author=people["employee"], title="Digitala lås i hemtjänsten")
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    return idea


@pytest.fixture
def fund_draft(people, fund):
    return services.application_start(call=fund, applicant=people["employee"])


def complete(application, by, idea, **overrides):
    fields = {
        "title": "Pilot med digitala lås",
        "summary": "Vi prövar digitala lås i två hemtjänstgrupper.",
        "description": "Piloten pågår i sex månader och utvärderas av brukarna.",
        "idea": idea,
        "requested_amount": Decimal(150_000),
        "co_financing": Decimal(50_000),
        "budget_lines": [("Lås och installation", Decimal(120_000)), ("Utvärdering", Decimal(30_000))],
        **overrides,
    }
    return services.application_save(application=application, by=by, expected_version=application.version, **fields)


@pytest.fixture
def submitted(people, fund_draft, idea_in_prestudy):
    application = complete(fund_draft, people["employee"], idea_in_prestudy)
    return services.application_submit(
        application=application, by=people["employee"], expected_version=application.version
    )


def screen_and_assign(people, jurors, application, *names):
    services.application_screen(application=application, by=people["director"], eligible=True)
    for name in names:
        services.assignment_add(application=application, juror=jurors[name], by=people["director"])
    application.refresh_from_db()
    return application


def score(application, juror, values):
    assignment = application.assignments.get(juror=juror)
    criteria = list(application.call.criteria.all())
    services.scores_save(
        application=application,
        juror=juror,
        expected_version=assignment.version,
        scores={c.pk: (v, f"Motivering {v}") for c, v in zip(criteria, values, strict=True)},
        submit=True,
    )


def fund_post(application, idea, **overrides) -> dict:
    """What the fund form sends: the fields and two cost lines (the second left empty)."""
    data = {
        "version": application.version,
        "title": "Pilot med digitala lås",
        "summary": "Vi prövar digitala lås.",
        "description": "Sex månader, två grupper.",
        "unit": application.unit_id,
        "idea": idea.pk,
        "requested_amount": "150 000",
        "co_financing": "50000 kr",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "1000",
        "budget-0-description": "Lås och installation",
        "budget-0-amount": "150 000",
        "budget-1-description": "",
        "budget-1-amount": "",
    }
    data.update(overrides)
    return data


def stipend_post(application, **overrides) -> dict:
    data = {
        "version": application.version,
        "title": "Cykelkök för grannar",
        "summary": "Ett mobilt kök på cykel.",
        "description": "Kvarterskök som rullar mellan gårdarna.",
        "requested_amount": "40000",
        "birth_date": "1990-05-17",
        "residence": "lives",
        "city_employment_ended_on": "",
    }
    data.update(overrides)
    return data


def html_of(response) -> str:
    """The page with its character references read, so texts can be asserted as written."""
    return unescape(response.content.decode())


# --- the list of calls ---


def test_the_list_is_public_open_calls_first_with_the_days_left(client, people, fund):
    closed = make_call(
        people, title="Kvalitetsutmärkelsen 2025", programme=Programme.QUALITY_AWARD, opens_in=-90, closes_in=-30
    )
    Call.objects.filter(pk=closed.pk).update(results_published_at=timezone.now())
    html = html_of(client.get("/calls/"))
    assert html.index("Innovationsfonden") < html.index("Kvalitetsutmärkelsen 2025")
    assert "20 days left" in html
    assert "(Stockholm time)" in html
    assert f'href="/calls/{closed.pk}/results/"' in html


def test_the_list_without_calls_says_so(client, db):
    response = client.get("/calls/")
    assert response.status_code == 200
    assert "No call is open right now" in html_of(response)


def test_unpublished_calls_are_only_for_the_office(client, people):
    director = people["director"]
    now = timezone.now()
    hidden = services.call_create(
        by=director,
        programme=Programme.FUND,
        title="Hemlig utlysning",
        summary="S",
        description="D",
        year=now.year,
        opens_at=now,
        closes_at=now + timedelta(days=5),
    )
    assert "Hemlig utlysning" not in html_of(client.get("/calls/"))
    assert client.get(f"/calls/{hidden.pk}/").status_code == 404
    client.force_login(director)
    assert "Hemlig utlysning" in html_of(client.get("/calls/"))


def test_everyone_finds_calls_in_the_main_navigation(client, db):
    assert 'href="/calls/"' in html_of(client.get("/calls/"))
    assert 'href="/calls/"' in html_of(client.get("/ideas/"))


def test_the_list_makes_a_fixed_number_of_queries(client, people, django_assert_max_num_queries):
    for n in range(6):
        make_call(people, title=f"Utlysning {n}", closes_in=n - 3)
    with django_assert_max_num_queries(6):
        assert client.get("/calls/").status_code == 200


def test_a_signed_in_list_reads_nothing_for_keeping_the_page(client, people):
    # When the last call closed matters only to a page kept for anonymous visitors (core.public_cache).
    for n in range(3):
        make_call(people, title=f"Utlysning {n}", closes_in=n - 2)
    client.force_login(people["employee"])
    with CaptureQueriesContext(connection) as signed_in:
        assert client.get("/calls/").status_code == 200
    client.logout()
    with CaptureQueriesContext(connection) as anonymous:
        assert client.get("/calls/").status_code == 200
    last_closed = [q["sql"] for q in anonymous.captured_queries if "closes_at" in q["sql"] and "DESC" in q["sql"]]
    assert last_closed
    assert not [q["sql"] for q in signed_in.captured_queries if q["sql"] in last_closed]


# --- a call ---


def test_a_call_states_who_may_apply_its_rules_and_its_rubric(client, people, stipend):
    html = html_of(client.get(f"/calls/{stipend.pk}/"))
    assert "You live, work or study in the city." in html
    assert "at least 18 years old" in html
    assert "in the past 12 months" in html
    assert f"in {stipend.year - 1} may not apply" in html
    assert "Nytta för stockholmarna" in html
    assert "75 %" in html and "25 %" in html  # weights 3 and 1
    assert "from 1 to 5" in html
    assert "Sign in to apply" in html
    assert "govuk-button--start" not in html


def test_a_quality_award_states_its_classes_and_staff_rule(client, people):
    call = make_call(people, programme=Programme.QUALITY_AWARD, title="Kvalitetsutmärkelsen", min_staff=5)
    services.category_add(
        call=call, by=people["director"], name="Äldreomsorg", entry_rule="Enheter inom vård och omsorg."
    )
    html = html_of(client.get(f"/calls/{call.pk}/"))
    assert "at least 5 staff" in html
    assert "Äldreomsorg" in html and "Enheter inom vård och omsorg." in html
    assert "own budget and staff responsibility" in html


def test_starting_a_draft_and_coming_back_to_it(client, people, stipend):
    client.force_login(people["resident"])
    assert "govuk-button--start" in html_of(client.get(f"/calls/{stipend.pk}/"))
    response = client.post(f"/calls/{stipend.pk}/apply/")
    draft = Application.objects.get(call=stipend, applicant=people["resident"])
    assert response.status_code == 302
    assert response.url == f"/calls/applications/{draft.pk}/edit/"
    assert draft.status == Status.DRAFT
    html = html_of(client.get(f"/calls/{stipend.pk}/"))
    assert "Continue your draft" in html
    assert f'href="/calls/applications/{draft.pk}/edit/"' in html
    again = client.post(f"/calls/{stipend.pk}/apply/")
    assert again.url == f"/calls/applications/{draft.pk}/edit/"
    assert Application.objects.filter(call=stipend).count() == 1


def test_a_closed_call_takes_no_new_draft(client, people):
    call = make_call(people, opens_in=-30, closes_in=-1)
    client.force_login(people["resident"])
    html = html_of(client.get(f"/calls/{call.pk}/"))
    assert "no new applications" in html
    response = client.post(f"/calls/{call.pk}/apply/", follow=True)
    assert "no new applications" in html_of(response)
    assert not Application.objects.exists()


# --- the application form ---


def test_the_form_follows_the_programme(client, people, fund_draft, stipend, idea_in_prestudy):
    other_unit_idea = factories.idea(author=people["colleague"], title="Skolans idé")
    factories.move(other_unit_idea, by=people["other_office"], to=Stage.PRESTUDY)
    only_an_idea = factories.idea(author=people["employee"], title="Bara en idé än")
    client.force_login(people["employee"])
    html = html_of(client.get(f"/calls/applications/{fund_draft.pk}/edit/"))
    for name in ("id_idea", "id_requested_amount", "id_co_financing", "id_budget-TOTAL_FORMS", "id_unit"):
        assert f'id="{name}"' in html, name
    assert 'id="id_birth_date"' not in html
    assert "Digitala lås i hemtjänsten" in html
    assert other_unit_idea.title not in html
    assert only_an_idea.title not in html
    assert f'data-autosave-url="/calls/applications/{fund_draft.pk}/save/"' in html

    client.force_login(people["resident"])
    stipend_draft = services.application_start(call=stipend, applicant=people["resident"])
    html = html_of(client.get(f"/calls/applications/{stipend_draft.pk}/edit/"))
    for name in ("id_birth_date", "id_residence_0", "id_city_employment_ended_on", "id_requested_amount"):
        assert f'id="{name}"' in html, name
    assert 'id="id_idea"' not in html
    assert 'id="id_co_financing"' not in html


def test_the_quality_award_form_asks_about_the_unit(client, people):
    call = make_call(people, programme=Programme.QUALITY_AWARD, title="Kvalitetsutmärkelsen", min_staff=5)
    services.category_add(call=call, by=people["director"], name="Äldreomsorg")
    draft = services.application_start(call=call, applicant=people["manager"])
    client.force_login(people["manager"])
    html = html_of(client.get(f"/calls/applications/{draft.pk}/edit/"))
    for name in ("id_staff_count", "id_private_provider", "id_has_budget_responsibility_0", "id_category_0"):
        assert f'id="{name}"' in html, name
    response = client.post(
        f"/calls/applications/{draft.pk}/edit/",
        {
            "version": draft.version,
            "title": "Björken",
            "category": call.categories.get().pk,
            "unit": draft.unit_id,
            "staff_count": "3",
            "has_budget_responsibility": "no",
            "save": "",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.has_budget_responsibility is False
    assert draft.staff_count == 3
    html = html_of(client.get(f"/calls/applications/{draft.pk}/edit/"))
    assert "must have at least 5 staff; it has 3" in html
    assert "own budget and staff responsibility" in html


def test_the_renewal_prize_nominates_a_realised_innovation(client, people, idea_in_prestudy):
    call = make_call(people, programme=Programme.RENEWAL_PRIZE, title="Förnyelsepriset")
    realised = factories.idea(author=people["employee"], title="Nattlampor som tänds av rörelse")
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        factories.move(realised, by=people["office"], to=stage)
    draft = services.application_start(call=call, applicant=people["employee"])
    client.force_login(people["employee"])
    html = html_of(client.get(f"/calls/applications/{draft.pk}/edit/"))
    assert "The realised innovation you nominate" in html
    assert realised.title in html
    assert idea_in_prestudy.title not in html  # not realised yet
    assert 'id="id_requested_amount"' not in html
    assert "Your nomination" in html


def test_saving_a_draft_without_javascript(client, people, fund_draft, idea_in_prestudy):
    client.force_login(people["employee"])
    response = client.post(
        f"/calls/applications/{fund_draft.pk}/edit/", {**fund_post(fund_draft, idea_in_prestudy), "save": ""}
    )
    assert response.status_code == 302
    assert response.url == f"/calls/applications/{fund_draft.pk}/edit/"
    fund_draft.refresh_from_db()
    assert fund_draft.title == "Pilot med digitala lås"
    assert fund_draft.requested_amount == Decimal(150_000)
    assert fund_draft.co_financing == Decimal(50_000)
    assert [(line.description, line.amount) for line in fund_draft.budget_lines.all()] == [
        ("Lås och installation", Decimal(150_000))
    ]
    html = html_of(client.get(response.url))
    assert "The draft is saved." in html
    assert "Nothing is missing: the application can be submitted." in html


@pytest.mark.parametrize("initial_forms", ["0", "1"])
@pytest.mark.parametrize("endpoint", ["edit", "save"])
def test_saving_again_keeps_the_saved_cost_lines(client, people, fund_draft, idea_in_prestudy, initial_forms, endpoint):
    """The page may have been drawn before the lines were saved (by the autosave) or after: either way they stay."""
    client.force_login(people["employee"])
    client.post(f"/calls/applications/{fund_draft.pk}/edit/", {**fund_post(fund_draft, idea_in_prestudy), "save": ""})
    fund_draft.refresh_from_db()
    data = fund_post(fund_draft, idea_in_prestudy, **{"budget-INITIAL_FORMS": initial_forms})
    client.post(f"/calls/applications/{fund_draft.pk}/{endpoint}/", {**data, "save": ""})
    fund_draft.refresh_from_db()
    assert fund_draft.version == 3
    assert [(line.description, line.amount) for line in fund_draft.budget_lines.all()] == [
        ("Lås och installation", Decimal(150_000))
    ]


def test_adding_a_cost_line(client, people, fund_draft, idea_in_prestudy):
    client.force_login(people["employee"])
    response = client.post(
        f"/calls/applications/{fund_draft.pk}/edit/", {**fund_post(fund_draft, idea_in_prestudy), "add_line": "1"}
    )
    assert response.url == f"/calls/applications/{fund_draft.pk}/edit/?add=1#budget"
    html = html_of(client.get(f"/calls/applications/{fund_draft.pk}/edit/?add=1"))
    assert re.search(r'name="budget-TOTAL_FORMS" value="3"', html)  # the saved line and two empty ones
    # With htmx, one empty line is added in place; the count and the button move on.
    row = html_of(client.get(f"/calls/applications/{fund_draft.pk}/budget-row/?index=3", HTTP_HX_REQUEST="true"))
    assert 'name="budget-3-description"' in row
    assert 'id="id_budget-TOTAL_FORMS" value="4" hx-swap-oob="true"' in row
    assert "?index=4" in row


def test_autosave_saves_and_answers_with_the_time_the_new_version_and_the_checks(
    client, people, fund_draft, idea_in_prestudy
):
    client.force_login(people["employee"])
    data = fund_post(fund_draft, idea_in_prestudy, **{"budget-0-description": "", "budget-0-amount": ""})
    response = client.post(f"/calls/applications/{fund_draft.pk}/save/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = html_of(response)
    fund_draft.refresh_from_db()
    assert fund_draft.title == "Pilot med digitala lås"
    saved_at = timezone.localtime(fund_draft.updated_at).strftime("%H:%M")
    assert f"Saved {saved_at}." in html
    assert f'id="id_version" value="{fund_draft.version}" hx-swap-oob="true"' in html
    assert 'id="application-checks" hx-swap-oob="true"' in html
    assert "A budget with at least one cost line" in html
    assert "1 thing still missing." in html


def test_autosave_refuses_a_stale_version_and_says_what_to_do(client, people, fund_draft, idea_in_prestudy):
    stale = fund_draft.version
    services.application_save(
        application=fund_draft, by=people["employee"], expected_version=stale, title="Från ett annat fönster"
    )
    client.force_login(people["employee"])
    data = fund_post(fund_draft, idea_in_prestudy, version=stale, title="Från det här fönstret")
    html = html_of(client.post(f"/calls/applications/{fund_draft.pk}/save/", data, HTTP_HX_REQUEST="true"))
    assert "Not saved: the application was saved from another window meanwhile" in html
    assert "reload the page" in html
    fund_draft.refresh_from_db()
    assert fund_draft.title == "Från ett annat fönster"


def test_autosave_after_the_session_ended_points_to_save_draft(client, people, fund_draft, idea_in_prestudy):
    data = fund_post(fund_draft, idea_in_prestudy)
    response = client.post(f"/calls/applications/{fund_draft.pk}/save/", data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "your session has ended" in html_of(response)


def test_autosave_names_what_it_could_not_read(client, people, fund_draft, idea_in_prestudy):
    client.force_login(people["employee"])
    data = fund_post(fund_draft, idea_in_prestudy, requested_amount="många")
    html = html_of(client.post(f"/calls/applications/{fund_draft.pk}/save/", data, HTTP_HX_REQUEST="true"))
    assert "Not saved yet:" in html
    assert "Amount applied for (kronor)" in html
    fund_draft.refresh_from_db()
    assert fund_draft.title == ""


def test_saving_over_a_newer_version_keeps_the_input_beside_the_saved_text(
    client, people, fund_draft, idea_in_prestudy
):
    stale = fund_draft.version
    services.application_save(
        application=fund_draft, by=people["employee"], expected_version=stale, title="Från ett annat fönster"
    )
    client.force_login(people["employee"])
    data = {**fund_post(fund_draft, idea_in_prestudy, version=stale, title="Från det här fönstret"), "save": ""}
    response = client.post(f"/calls/applications/{fund_draft.pk}/edit/", data)
    assert response.status_code == 409
    html = html_of(response)
    assert 'value="Från det här fönstret"' in html
    assert "The text saved meanwhile" in html and "Från ett annat fönster" in html
    fund_draft.refresh_from_db()
    assert f'name="version" value="{fund_draft.version}"' in html
    assert fund_draft.title == "Från ett annat fönster"


def test_a_form_posted_after_the_session_ended_is_kept(client, people, fund_draft, idea_in_prestudy):
    url = f"/calls/applications/{fund_draft.pk}/edit/"
    sign_in_and_let_the_session_end(client, people["employee"], url)
    response = client.post(
        url, {**fund_post(fund_draft, idea_in_prestudy, title="Skrivet innan utloggning"), "save": ""}
    )
    assert response.status_code == 302
    assert "/account/login/" in response.url
    client.force_login(people["employee"])
    html = html_of(client.get(url))
    assert 'value="Skrivet innan utloggning"' in html
    assert "Your session had ended" in html
    fund_draft.refresh_from_db()
    assert fund_draft.title == ""


def test_what_is_missing_is_shown_on_a_new_draft(client, people, fund_draft):
    client.force_login(people["employee"])
    html = html_of(client.get(f"/calls/applications/{fund_draft.pk}/edit/"))
    assert "Still missing before you can submit" in html
    assert "A budget with at least one cost line" in html
    assert "The idea in the innovation lock the money is for" in html


def test_attaching_files_and_refusing_what_is_not_allowed(client, people, fund_draft, idea_in_prestudy):
    client.force_login(people["employee"])
    url = f"/calls/applications/{fund_draft.pk}/edit/"
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {**fund_post(fund_draft, idea_in_prestudy), "attachments": upload, "attach": "1"})
    assert response.status_code == 302
    assert response.url.endswith("#files")
    attached = ApplicationFile.objects.get(application=fund_draft)
    assert attached.original_name == "budget.pdf"
    html = html_of(client.get(url))
    assert "budget.pdf" in html
    assert f"({len(PDF)}\xa0bytes)" in html
    assert client.get(f"/calls/files/{attached.pk}/").status_code == 200

    fund_draft.refresh_from_db()
    program = SimpleUploadedFile("run.exe", b"MZ\x90\x00\x03" + b"\x00" * 200, content_type="application/pdf")
    response = client.post(url, {**fund_post(fund_draft, idea_in_prestudy), "attachments": program, "attach": "1"})
    assert response.status_code == 200
    html = html_of(response)
    assert "not of an allowed type" in html
    assert 'href="#id_attachments"' in html
    assert ApplicationFile.objects.filter(application=fund_draft).count() == 1
    client.force_login(people["colleague"])
    assert client.get(f"/calls/files/{attached.pk}/").status_code == 404


def test_removing_a_file_from_a_draft_after_confirming(client, people, fund_draft, django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    attached = services.application_file_add(application=fund_draft, by=people["employee"], upload=upload)
    stored = attached.file.name
    assert attached.file.storage.exists(stored)
    client.force_login(people["employee"])
    html = html_of(client.get(f"/calls/applications/{fund_draft.pk}/edit/"))
    assert f'href="/calls/files/{attached.pk}/remove/"' in html
    # Someone else's file does not exist for them, neither to look at nor to remove.
    client.force_login(people["colleague"])
    assert client.get(f"/calls/files/{attached.pk}/remove/").status_code == 404
    assert client.post(f"/calls/files/{attached.pk}/remove/").status_code == 404
    client.force_login(people["employee"])
    confirm = html_of(client.get(f"/calls/files/{attached.pk}/remove/"))
    assert "Remove “budget.pdf”?" in confirm
    assert ApplicationFile.objects.filter(pk=attached.pk).exists()  # asking does not remove
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/calls/files/{attached.pk}/remove/")
    assert response.status_code == 302
    assert response.url == f"/calls/applications/{fund_draft.pk}/edit/#files"
    assert not ApplicationFile.objects.filter(pk=attached.pk).exists()
    assert not attached.file.storage.exists(stored)
    assert "“budget.pdf” is removed." in html_of(client.get(response.url))


def test_a_file_of_a_submitted_application_stays(client, people, fund_draft):
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    attached = services.application_file_add(application=fund_draft, by=people["employee"], upload=upload)
    Application.objects.filter(pk=fund_draft.pk).update(status=Status.SUBMITTED)
    client.force_login(people["employee"])
    response = client.post(f"/calls/files/{attached.pk}/remove/")
    assert response.status_code == 302
    assert ApplicationFile.objects.filter(pk=attached.pk).exists()
    assert "Files can be removed only from a draft." in html_of(client.get(response.url))


def test_submitting_a_complete_application(client, people, fund_draft, idea_in_prestudy):
    client.force_login(people["employee"])
    response = client.post(
        f"/calls/applications/{fund_draft.pk}/edit/", {**fund_post(fund_draft, idea_in_prestudy), "submit": ""}
    )
    assert response.status_code == 302
    assert response.url == f"/calls/applications/{fund_draft.pk}/"
    fund_draft.refresh_from_db()
    assert fund_draft.status == Status.SUBMITTED
    html = html_of(client.get(response.url))
    assert "Your application is submitted." in html
    assert "the city's innovation office (executive office) checks that it meets the call's rules" in html
    # A submitted application is no longer edited.
    assert client.get(f"/calls/applications/{fund_draft.pk}/edit/").status_code == 302


def test_submitting_after_the_deadline_is_refused_and_the_draft_kept(client, people, fund_draft, idea_in_prestudy):
    closes = timezone.now() - timedelta(minutes=1)
    Call.objects.filter(pk=fund_draft.call_id).update(closes_at=closes)
    client.force_login(people["employee"])
    url = f"/calls/applications/{fund_draft.pk}/edit/"
    page = html_of(client.get(url))
    assert "The call has closed. Your draft is kept" in page
    assert 'name="submit"' not in page
    response = client.post(url, {**fund_post(fund_draft, idea_in_prestudy), "submit": ""})
    assert response.status_code == 200
    html = html_of(response)
    assert "The application can no longer be submitted; your draft is kept." in html
    assert timezone.localtime(closes).strftime("%H:%M") in html
    fund_draft.refresh_from_db()
    assert fund_draft.status == Status.DRAFT
    assert fund_draft.title == "Pilot med digitala lås"  # what was typed is saved
    assert f'name="version" value="{fund_draft.version}"' in html


def test_an_incomplete_application_is_refused_with_what_is_missing(client, people, fund_draft, idea_in_prestudy):
    client.force_login(people["employee"])
    data = {**fund_post(fund_draft, idea_in_prestudy, description=""), "submit": ""}
    html = html_of(client.post(f"/calls/applications/{fund_draft.pk}/edit/", data))
    assert "Still missing: a description." in html
    fund_draft.refresh_from_db()
    assert fund_draft.status == Status.DRAFT


def test_an_ineligible_applicant_is_told_why(client, people, stipend):
    resident = people["resident"]
    draft = services.application_start(call=stipend, applicant=resident)
    client.force_login(resident)
    url = f"/calls/applications/{draft.pk}/edit/"
    young = (timezone.localdate() - timedelta(days=365 * 15)).isoformat()
    response = client.post(url, {**stipend_post(draft, birth_date=young), "submit": ""})
    assert response.status_code == 200
    html = html_of(response)
    assert "does not meet the call's rules" in html
    assert "You must be at least 18 years old to apply" in html
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    # The same reason is shown live on the form, before anyone presses submit.
    assert "You must be at least 18 years old to apply" in html_of(client.get(url))


def test_a_city_employee_sees_at_once_that_the_stipend_is_not_for_them(client, people, stipend):
    draft = services.application_start(call=stipend, applicant=people["employee"])
    client.force_login(people["employee"])
    html = html_of(client.get(f"/calls/applications/{draft.pk}/edit/"))
    assert "People employed by the city cannot apply" in html


def test_a_stipend_application_is_submitted(client, people, stipend):
    resident = people["resident"]
    draft = services.application_start(call=stipend, applicant=resident)
    client.force_login(resident)
    response = client.post(f"/calls/applications/{draft.pk}/edit/", {**stipend_post(draft), "submit": ""})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.birth_date == date(1990, 5, 17)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/calls/applications/{pk}/"),
        ("get", "/calls/applications/{pk}/edit/"),
        ("post", "/calls/applications/{pk}/edit/"),
        ("post", "/calls/applications/{pk}/save/"),
        ("get", "/calls/applications/{pk}/budget-row/?index=2"),
        ("get", "/calls/applications/{pk}/withdraw/"),
        ("post", "/calls/applications/{pk}/withdraw/"),
        ("get", "/calls/applications/{pk}/final-report/"),
    ],
)
def test_someone_elses_application_is_not_found(client, people, fund_draft, idea_in_prestudy, method, path):
    before = Application.objects.values().get(pk=fund_draft.pk)
    client.force_login(people["colleague"])
    data = {**fund_post(fund_draft, idea_in_prestudy, title="Kapad"), "save": ""} if method == "post" else None
    response = getattr(client, method)(path.format(pk=fund_draft.pk), data)
    assert response.status_code == 404
    assert Application.objects.values().get(pk=fund_draft.pk) == before


def test_withdrawing_asks_first(client, people, submitted):
    client.force_login(people["employee"])
    url = f"/calls/applications/{submitted.pk}/withdraw/"
    page = html_of(client.get(url))
    assert "govuk-button--warning" in page
    assert "cannot take the withdrawal back" in page
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    response = client.post(url)
    assert response.url == f"/calls/applications/{submitted.pk}/"
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN
    html = html_of(client.get(response.url))
    assert "The application is withdrawn." in html
    assert f'href="{url}"' not in html


# --- following an application ---


def test_an_ineligible_application_shows_the_screening_note(client, people, submitted):
    services.application_screen(
        application=submitted, by=people["director"], eligible=False, note="Idén är inte i innovationsslussen."
    )
    client.force_login(people["employee"])
    html = html_of(client.get(f"/calls/applications/{submitted.pk}/"))
    assert "Not eligible" in html
    assert "Idén är inte i innovationsslussen." in html


def test_a_juror_reads_an_assigned_application_but_not_one_they_are_recused_from(client, people, jurors, submitted):
    application = screen_and_assign(people, jurors, submitted, "expert")
    url = f"/calls/applications/{application.pk}/"
    client.force_login(jurors["expert"])
    assert client.get(url).status_code == 200
    services.conflict_declare(application=application, juror=jurors["expert"], reason="Min svåger leder projektet.")
    assert client.get(url).status_code == 404
    client.force_login(jurors["north"])  # the same organisation as the applicant
    assert client.get(url).status_code == 404


def test_on_a_blind_call_the_juror_does_not_see_who_applied(client, people, jurors, submitted):
    Call.objects.filter(pk=submitted.call_id).update(blind_review=True)
    application = screen_and_assign(people, jurors, submitted, "expert")
    url = f"/calls/applications/{application.pk}/"
    client.force_login(jurors["expert"])
    html = html_of(client.get(url))
    assert "Pilot med digitala lås" in html
    assert "Anna Anställd" not in html
    assert "Björkens äldreboende" not in html
    client.force_login(people["director"])
    html = html_of(client.get(url))
    assert "Anna Anställd" in html and "Björkens äldreboende" in html


def test_a_granted_application_shows_the_decision_payments_and_takes_the_final_report(
    client, people, jurors, submitted
):
    application = screen_and_assign(people, jurors, submitted, "expert")
    services.decision_record(
        application=application,
        by=jurors["chair"],
        granted=True,
        justification="Stor nytta för brukarna.",
        amount=Decimal(120_000),
    )
    application.refresh_from_db()
    services.payment_record(
        application=application, by=people["director"], amount=Decimal(60_000), paid_on=date.today()
    )
    client.force_login(people["employee"])
    url = f"/calls/applications/{application.pk}/"
    html = html_of(client.get(url))
    assert "Stor nytta för brukarna." in html
    assert "Carl Chair" in html
    assert "120,000 kronor" in html
    assert "60,000 of 120,000 kronor paid" in html
    assert "Write the final report" in html

    report_url = f"/calls/applications/{application.pk}/final-report/"
    response = client.post(report_url, {"results": "", "lessons": "Mer information i förväg."})
    assert response.status_code == 200
    assert 'href="#id_results"' in html_of(response)
    response = client.post(
        report_url,
        {
            "results": "Låsen sparade 40 minuter per pass.",
            "lessons": "Mer information i förväg.",
            "recommend_spread": "on",
        },
    )
    assert response.url == url
    report = FinalReport.objects.get(application=application)
    assert report.recommend_spread
    html = html_of(client.get(url))
    assert "Låsen sparade 40 minuter per pass." in html
    assert "Write the final report" not in html
    assert client.get(report_url).status_code == 302


def test_no_final_report_before_a_grant(client, people, submitted):
    client.force_login(people["employee"])
    assert client.get(f"/calls/applications/{submitted.pk}/final-report/").status_code == 404


# --- one's own applications ---


def test_my_applications_are_sorted_and_paginated(client, people, stipend, django_assert_max_num_queries):
    resident = people["resident"]
    for n in range(27):
        application = services.application_start(call=stipend, applicant=resident)
        services.application_save(
            application=application, by=resident, expected_version=application.version, title=f"Ansökan {n:02d}"
        )
    client.force_login(resident)
    with django_assert_max_num_queries(12):
        first = client.get("/calls/mine/")
    html = html_of(first)
    assert "27 applications" in html
    assert "Ansökan 26" in html and "Ansökan 00" not in html
    assert "Ansökan 00" in html_of(client.get("/calls/mine/?page=2"))
    oldest = html_of(client.get("/calls/mine/?sort=oldest"))
    assert "Ansökan 00" in oldest and "Ansökan 26" not in oldest
    assert html_of(client.get("/calls/mine/?sort=bogus")).count("Ansökan") >= 25


def test_my_applications_without_any(client, people):
    client.force_login(people["resident"])
    assert "You have not applied to any call yet." in html_of(client.get("/calls/mine/"))


# --- results ---


def test_results_before_publication_say_so(client, people, fund):
    response = client.get(f"/calls/{fund.pk}/results/")
    assert response.status_code == 200
    assert "The results are not published yet." in html_of(response)


@pytest.fixture
def decided(people, jurors, fund, submitted):
    """Two decisions: the employee's granted; the manager's not, with the expert recused by a declared conflict."""
    winner = screen_and_assign(people, jurors, submitted, "expert", "chair")
    score(winner, jurors["expert"], [5, 3])  # (5·3 + 3·1) / 4 = 4.50
    score(winner, jurors["chair"], [4, 4])  # 4.00
    services.decision_record(
        application=winner,
        by=jurors["chair"],
        granted=True,
        justification="Tydlig plan och stor nytta.",
        amount=Decimal(120_000),
    )
    manager = people["manager"]
    other = services.application_start(call=fund, applicant=manager)
    other = complete(other, manager, submitted.idea, title="Nattkameror i boendet")
    other = services.application_submit(application=other, by=manager, expected_version=other.version)
    services.conflict_declare(application=other, juror=jurors["expert"], reason="Min svåger leder projektet.")
    other = screen_and_assign(people, jurors, other, "chair")
    score(other, jurors["chair"], [2, 1])
    services.decision_record(
        application=other, by=jurors["chair"], granted=False, justification="Integriteten brister."
    )
    # Results are published once the call has closed.
    Call.objects.filter(pk=fund.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    fund.refresh_from_db()
    services.results_publish(call=fund, by=people["director"])
    return winner, other


def test_results_show_the_winners_and_the_public_record(client, decided):
    winner, other = decided
    response = client.get(f"/calls/{winner.call_id}/results/")
    assert response.status_code == 200
    html = html_of(response)
    assert html.index("Pilot med digitala lås") < html.index("Nattkameror i boendet")
    assert "120,000 kronor" in html
    assert "Tydlig plan och stor nytta." in html and "Integriteten brister." in html
    assert "Carl Chair" in html
    # An application from a unit is named by its unit; the person who wrote it is not published.
    assert "Björkens äldreboende" in html
    assert "Anna Anställd" not in html
    assert "4.50" in html and "4.00" in html and "4.25" in html  # the mean of the two
    assert "Erik Expert: declared conflict of interest" in html
    assert "Nora Norra: same organisation as the applicant" in html
    assert "svåger" not in html  # the reason for a conflict is personal


def test_the_record_names_a_juror_whose_seat_was_given_up_after_scoring(client, decided, jurors):
    from calls.models import Juror

    winner, _other = decided
    Juror.objects.filter(call_id=winner.call_id, user=jurors["expert"]).delete()
    html = html_of(client.get(f"/calls/{winner.call_id}/results/"))
    # The expert's total and declared conflict stay on the record, named, though the expert no longer sits.
    assert "Erik Expert" in html and "4.50" in html and "4.25" in html
    assert "Erik Expert: declared conflict of interest" in html


def test_a_blind_call_names_the_applicants_once_decided(client, decided):
    winner, _other = decided
    Call.objects.filter(pk=winner.call_id).update(blind_review=True)
    html = html_of(client.get(f"/calls/{winner.call_id}/results/"))
    assert "Björkens äldreboende" in html


def test_the_public_record_names_a_private_person_only_if_they_won(client, decided, people):
    from calls.models import Application

    winner, other = decided
    Application.objects.filter(pk__in=[winner.pk, other.pk]).update(unit=None)
    html = html_of(client.get(f"/calls/{winner.call_id}/results/"))
    assert html.count("A private applicant") == 1  # the one not granted
    assert winner.applicant.name in html


def test_results_make_a_fixed_number_of_queries(client, decided, django_assert_max_num_queries):
    winner, _other = decided
    with django_assert_max_num_queries(16):
        assert client.get(f"/calls/{winner.call_id}/results/").status_code == 200


def test_closed_calls_link_to_published_results(client, decided):
    winner, _other = decided
    Call.objects.filter(pk=winner.call_id).update(closes_at=timezone.now() - timedelta(days=1))
    html = html_of(client.get("/calls/"))
    assert f'href="/calls/{winner.call_id}/results/"' in html
    assert f'href="/calls/{winner.call_id}/results/"' in html_of(client.get(f"/calls/{winner.call_id}/"))


def decide_many(people, jurors, call, n, *, winners=3):
    """``n`` decided applications made cheaply (no service flow), each scored by two jurors: the first
    ``winners`` granted, 100,000 kronor more for each; every fifth from Norra (where a juror sits) with a
    declared conflict. Publishes the results."""
    now = timezone.now()
    criteria = list(call.criteria.all())
    for i in range(n):
        granted = i < winners
        application = Application.objects.create(
            call=call,
            applicant=people["employee"],
            unit=people["manager"].unit if i % 5 == 0 else None,
            status=Status.GRANTED if granted else Status.REJECTED,
            title=f"Ansökan {i:03d}",
            granted_amount=Decimal((i + 1) * 100_000) if granted else None,
            submitted_at=now,
        )
        Decision.objects.create(
            application=application,
            granted=granted,
            amount=application.granted_amount,
            justification=f"Motivering {i:03d}.",
            decided_by=jurors["chair"],
            decided_at=now,
        )
        for juror in (jurors["expert"], jurors["chair"]):
            assignment = Assignment.objects.create(  # every score 3, so the weighted total is 3.00
                application=application,
                juror=juror,
                assigned_by=people["director"],
                submitted_at=now,
                total=Decimal("3.00"),
            )
            Score.objects.bulk_create(
                Score(assignment=assignment, criterion=criterion, value=3, comment="Bra.") for criterion in criteria
            )
        if i % 5 == 0:
            Conflict.objects.create(application=application, juror=jurors["expert"], reason="Jäv.")
    Call.objects.filter(pk=call.pk).update(results_published_at=now)


def test_the_public_record_is_paginated_with_the_winners_and_figures_on_every_page(client, people, jurors, fund):
    decide_many(people, jurors, fund, 30)
    first = html_of(client.get(f"/calls/{fund.pk}/results/"))
    second = html_of(client.get(f"/calls/{fund.pk}/results/?page=2"))
    assert first.count('aria-labelledby="record-') == 25
    assert second.count('aria-labelledby="record-') == 5
    assert 'href="?page=2"' in first
    # Winners first, the largest grant first; then the rest by title.
    record = first[first.index('id="record"') :]
    assert record.index("Motivering 002.") < record.index("Motivering 001.") < record.index("Motivering 000.")
    assert record.index("Motivering 000.") < record.index("Motivering 003.") < record.index("Motivering 004.")
    assert "Motivering 024." in first and "Motivering 025." not in first
    assert all(f"Motivering {i:03d}." in second for i in range(25, 30))
    assert "Motivering 024." not in second
    for html in (first, second):
        assert '<dd class="sprang-figures__value">30</dd>' in html
        assert '<dd class="sprang-figures__value">3</dd>' in html
        assert "600,000" in html
        winners = html[html.index('id="winners"') : html.index('id="record"')]
        assert all(f"Motivering {i:03d}." in winners for i in range(3))
    # What a record shows is unchanged: the jurors' totals and the recusals.
    record = second[second.index('id="record-') :]
    assert "Erik Expert" in record and "3.00" in record
    assert "Erik Expert: declared conflict of interest" in first
    assert "Nora Norra: same organisation as the applicant" in first


#: Measured for 30 decided applications: the call, the winners, the count, the criteria, the jurors, the page
#: with its assignments, scores, the scores' criteria and conflicts, the criteria again. The same for 60.
RESULTS_QUERIES = 11


@pytest.mark.parametrize("n", [30, 60])
def test_the_results_queries_do_not_grow_with_the_decisions(
    client, people, jurors, fund, n, django_assert_max_num_queries
):
    decide_many(people, jurors, fund, n)
    with django_assert_max_num_queries(RESULTS_QUERIES):
        assert client.get(f"/calls/{fund.pk}/results/").status_code == 200
    with django_assert_max_num_queries(RESULTS_QUERIES):
        assert client.get(f"/calls/{fund.pk}/results/?page=2").status_code == 200


def test_the_closed_calls_are_paginated(client, people):
    make_call(people, title="Öppen utlysning")
    for n in range(27):
        make_call(people, title=f"Stängd utlysning {n:02d}", opens_in=-90 - n, closes_in=-30 - n)
    first = html_of(client.get("/calls/"))
    second = html_of(client.get("/calls/?page=2"))
    for html in (first, second):
        assert "Öppen utlysning" in html  # the open calls stay above, on every page
    assert first.count("Stängd utlysning") == 25
    assert "Stängd utlysning 00" in first and "Stängd utlysning 24" in first  # the latest closed first
    assert 'href="?page=2"' in first
    assert second.count("Stängd utlysning") == 2
    assert "Stängd utlysning 25" in second and "Stängd utlysning 26" in second


def test_a_cost_line_that_cannot_be_read_is_named_in_the_error_summary(client, people, fund_draft, idea_in_prestudy):
    client.force_login(people["employee"])
    data = {**fund_post(fund_draft, idea_in_prestudy, **{"budget-0-amount": "mycket"}), "save": ""}
    response = client.post(f"/calls/applications/{fund_draft.pk}/edit/", data)
    assert response.status_code == 200
    html = html_of(response)
    assert "govuk-error-summary" in html
    assert "Cost line 1, Amount (kronor): Enter a number." in html
    assert 'value="mycket"' in html
    fund_draft.refresh_from_db()
    assert fund_draft.title == ""


def test_the_quality_award_page_says_entries_come_through_the_committee(client, people):
    call = make_call(people, programme=Programme.QUALITY_AWARD, title="Kvalitetsutmärkelsen", min_staff=5)
    client.force_login(people["employee"])
    html = html_of(client.get(f"/calls/{call.pk}/"))
    assert "registered through the committee" in html
    assert f'action="/calls/{call.pk}/apply/"' not in html
    response = client.post(f"/calls/{call.pk}/apply/")
    assert response.status_code == 302
    assert not Application.objects.filter(call=call).exists()
    client.force_login(people["manager"])
    html = html_of(client.get(f"/calls/{call.pk}/"))
    assert f'action="/calls/{call.pk}/apply/"' in html


def test_an_open_data_award_entry_says_which_of_the_citys_open_data_it_builds_on(client, people):
    call = make_call(people, programme=Programme.OPEN_DATA_AWARD, title="Öppna data-priset")
    resident = people["resident"]
    draft = services.application_start(call=call, applicant=resident)
    draft = services.application_save(
        application=draft,
        by=resident,
        expected_version=draft.version,
        title="Pollenkartan",
        summary="Var de allergiframkallande träden står.",
        description="En karta för allergiker.",
    )
    assert "which of the city's open data it builds on" in "; ".join(services.application_missing(draft))
    client.force_login(resident)
    url = f"/calls/applications/{draft.pk}/edit/"
    assert 'id="id_open_data_used"' in html_of(client.get(url))
    response = client.post(
        url,
        {
            "version": draft.version,
            "title": draft.title,
            "summary": draft.summary,
            "description": draft.description,
            "open_data_used": "Trädinventeringen, https://dataportalen.stockholm.se/",
            "submit": "",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert "Trädinventeringen" in html_of(client.get(f"/calls/applications/{draft.pk}/"))
    body = client.get(f"/api/v1/applications/{draft.pk}").json()  # signed in by session
    assert body["open_data_used"].startswith("Trädinventeringen")


# --- files: only allowed kinds, downloaded only by those who may read the application ---

HTML_PAGE = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("budget.html", HTML_PAGE, "text/html"),
        ("budget.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
        ("budget.html", PNG_HEADER + HTML_PAGE, "image/png"),
        ("budget.html", b"Kostnader: 150 000 kr\n", "text/plain"),
        ("budget.pdf", PDF, "image/png"),
    ],
)
def test_a_page_or_mismatched_file_is_refused_on_the_application_form(
    client, people, fund_draft, idea_in_prestudy, name, content, declared
):
    """The form as a browser sends it: the fields the page renders, one of them changed, and the file."""
    from tests.ideas.test_views import form_values

    client.force_login(people["employee"])
    url = f"/calls/applications/{fund_draft.pk}/edit/"
    data = {key: values[0] for key, values in form_values(client.get(url)).items() if key != "next"}
    data.update({"title": "Pilot med digitala lås", "attach": "1"})
    response = client.post(url, {**data, "attachments": SimpleUploadedFile(name, content, declared)})
    assert response.status_code == 200
    html = html_of(response)
    assert name in html
    assert 'href="#id_attachments"' in html
    assert not ApplicationFile.objects.exists()
    assert form_values(response)["title"] == ["Pilot med digitala lås"]  # kept, and the draft saved
    fund_draft.refresh_from_db()
    assert fund_draft.title == "Pilot med digitala lås"


@pytest.fixture
def filed(people, fund, jurors, pilot_idea):
    """A fund application from Norra with a file, with the jury: the expert and the chair assigned, the juror
    from Norra recused."""
    employee = people["employee"]
    draft = services.application_start(call=fund, applicant=employee)
    attached = services.application_file_add(
        application=draft,
        by=employee,
        upload=SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf"),
    )
    draft = complete(draft, employee, pilot_idea)
    application = services.application_submit(application=draft, by=employee, expected_version=draft.version)
    screen_and_assign(people, jurors, application, "expert", "chair")
    return attached


def test_an_application_file_is_downloaded_only_by_those_who_read_the_application(client, people, jurors, filed):
    url = f"/calls/files/{filed.pk}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous.url.startswith("/account/login/")
    for refused in (jurors["north"], people["resident"], people["colleague"], people["office"]):
        client.force_login(refused)
        assert client.get(url).status_code == 404, refused
    for allowed in (jurors["expert"], jurors["chair"], people["employee"], people["director"]):
        client.force_login(allowed)
        response = client.get(url)
        assert response.status_code == 200, allowed
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == "attachment; filename=\"budget.pdf\"; filename*=UTF-8''budget.pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
        assert response["Cache-Control"] == "private, no-store"


def test_a_juror_who_declares_a_conflict_can_no_longer_download_the_files(client, jurors, filed):
    client.force_login(jurors["expert"])
    assert client.get(f"/calls/files/{filed.pk}/").status_code == 200
    services.conflict_declare(application=filed.application, juror=jurors["expert"], reason="Min syster ansöker.")
    assert client.get(f"/calls/files/{filed.pk}/").status_code == 404


@pytest.mark.parametrize("eligible", [True, False])
def test_a_status_has_one_colour_on_the_applicants_and_the_offices_pages(client, people, submitted, eligible):
    def tag(url: str) -> str:
        html = html_of(client.get(url))
        [found] = re.findall(r'<strong class="(govuk-tag[^"]*)">\s*' + re.escape(submitted.status_label), html)
        return " ".join(found.split())

    for status in (None, eligible):
        if status is not None:
            services.application_screen(
                application=submitted, by=people["director"], eligible=status, note="" if status else "Utanför."
            )
            submitted.refresh_from_db()
        client.force_login(people["employee"])
        own = tag(submitted.get_absolute_url())
        client.force_login(people["director"])
        office = tag(reverse("calls:manage_application", args=[submitted.pk]))
        assert own == office, submitted.status
