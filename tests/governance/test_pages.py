"""The dashboard's default period and years, the reports page's own reports and dates, the submission's confirmation
step and the words on governance pages."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from django.utils import timezone

from governance import selectors
from governance.models import Period, Report, ReportStatus
from ideas.models import Idea
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 4, 12, tzinfo=timezone.get_fixed_timezone(60))


def test_the_dashboard_opens_on_the_latest_period_that_has_ended():
    assert selectors.default_period(NOW, first_year=2024) == (2026, Period.T2, True)
    assert selectors.default_period(datetime(2026, 6, 1, tzinfo=NOW.tzinfo), first_year=2024) == (2026, "T1", True)
    assert selectors.default_period(datetime(2026, 2, 1, tzinfo=NOW.tzinfo), first_year=2024) == (2025, "VB", True)
    # Before any period with ideas has ended, the one in progress, said to be in progress.
    assert selectors.default_period(datetime(2026, 2, 1, tzinfo=NOW.tzinfo), first_year=2026) == (2026, "T1", False)
    assert selectors.default_period(NOW, first_year=None) == (2026, Period.ANNUAL, False)


def test_the_dashboard_offers_only_years_with_ideas_and_says_which_period_it_shows(client, people, indicators):
    idea = factories.idea(author=people["employee"])
    Idea.objects.filter(pk=idea.pk).update(created_at=datetime(2024, 3, 1, 12, tzinfo=NOW.tzinfo))
    client.force_login(people["employee"])
    response = client.get("/governance/")
    this_year = timezone.localdate().year
    years = [value for value, _label in response.context["form"].fields["year"].choices]
    assert years == list(range(this_year, 2023, -1))
    html = response.content.decode()
    assert "Åren går tillbaka till 2024" in html
    year, period, ended = selectors.default_period(first_year=2024)
    assert response.context["board"].year == year
    assert response.context["board"].period == period
    if ended:
        assert "Här visas den senaste perioden som har tagit slut" in html
    assert "2017" not in re.findall(r'<option value="(\d+)"', html)


def test_a_period_in_progress_says_its_figures_still_change(client, people, indicators):
    client.force_login(people["employee"])
    year, period = selectors.current_period()
    html = client.get(f"/governance/?year={year}&period={period}").content.decode()
    assert "Perioden har inte tagit slut än" in html


def test_the_funded_share_card_says_what_it_is_a_share_of(client, people, indicators):
    client.force_login(people["employee"])
    html = client.get("/governance/").content.decode()
    assert "Den kan vara 0 % fast pengar har beviljats" in html
    assert "oavsett vilket steg idén är i" in html


def test_a_manager_finds_their_own_reports_first(client, people, tree, report):
    south = factories.person(unit=tree["SDF-S"], role="manager", name="Sune Södra")
    from governance import services

    other = services.report_start(by=south, reporting_period=report.reporting_period, unit=tree["SDF-S"])
    Report.objects.filter(pk=other.pk).update(status=ReportStatus.SUBMITTED)
    client.force_login(people["manager"])
    response = client.get("/governance/reports/")
    assert [r.pk for r in response.context["own_reports"]] == [report.pk]
    html = response.content.decode()
    assert html.index("Dina rapporter") < html.index("Alla organisationers rapporter")
    assert html.index(report.get_absolute_url()) < html.index(other.get_absolute_url())


def test_report_dates_are_written_one_way_and_kept_on_one_line(client, people, report):
    client.force_login(people["manager"])
    html = client.get("/governance/reports/").content.decode()
    assert "2026-05-15" not in html
    assert '<span class="sprang-nowrap">15 maj 2026</span>' in html


def test_the_filters_say_all_in_english(client, people, report):
    client.force_login(people["manager"])
    client.cookies["django_language"] = "en"
    html = client.get("/governance/reports/").content.decode()
    assert "All periods" in html and "All statuses" in html
    assert "Every period" not in html and "Every status" not in html


def _complete(client, report, goals, survey_indicator, button: str) -> object:
    return client.post(
        report.get_absolute_url(),
        {
            "version": report.version,
            "narrative": "Vi har provat tre nya arbetssätt.",
            f"assessment-{goals['city'].pk}": "met",
            f"assessment-{goals['north'].pk}": "partly",
            f"outcome-{survey_indicator.pk}": "71,5",
            f"source-{survey_indicator.pk}": "Medarbetarenkäten",
            button: "",
        },
    )


def test_submitting_a_report_asks_for_confirmation_first(client, people, report, goals, survey_indicator):
    Report.objects.filter(pk=report.pk).update(deadline=date(timezone.localdate().year + 1, 1, 31))
    report.refresh_from_db()
    client.force_login(people["manager"])
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'name="submit"' in page
    response = _complete(client, report, goals, survey_indicator, "submit")
    assert response.status_code == 302
    assert response["Location"] == f"/governance/reports/{report.pk}/submit/"
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT  # saved, not yet submitted
    assert report.narrative == "Vi har provat tre nya arbetssätt."

    confirm = client.get(response["Location"])
    html = confirm.content.decode()
    assert "Vill du skicka in rapporten?" in html
    assert "Det här låses:" in html
    assert "dina bedömningar av 2 mål" in html
    assert "1 värde som du har fyllt i, med sin källa" in html
    assert "Ja, skicka in rapporten" in html
    assert f'href="{report.get_absolute_url()}"' in html  # the way back to the draft
    version = re.search(r'name="version" value="(\d+)"', html).group(1)

    done = client.post(response["Location"], {"version": version})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_the_confirmation_step_of_an_incomplete_report_goes_back_to_the_draft(client, people, report):
    Report.objects.filter(pk=report.pk).update(deadline=date(timezone.localdate().year + 1, 1, 31))
    client.force_login(people["manager"])
    response = client.get(f"/governance/reports/{report.pk}/submit/")
    assert response.status_code == 302
    assert response["Location"] == report.get_absolute_url()
    assert client.post(f"/governance/reports/{report.pk}/submit/", {"version": report.version}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_only_the_reports_writers_reach_its_confirmation_step(client, people, report):
    client.force_login(people["colleague"])
    assert client.get(f"/governance/reports/{report.pk}/submit/").status_code == 404
    client.force_login(people["director"])
    assert client.get(f"/governance/reports/{report.pk}/submit/").status_code == 403


def test_the_review_comment_says_when_it_is_required(client, people, report):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    client.force_login(people["director"])
    html = client.get(f"/governance/reports/{report.pk}/review/").content.decode()
    assert "Kommentar (krävs om du skickar tillbaka rapporten)" in html
    assert "frivilligt" not in html


def test_a_returned_report_is_called_returned_for_completion(client, people, report):
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RETURNED)
    client.force_login(people["manager"])
    assert "Återsänd för komplettering" in client.get("/governance/reports/").content.decode()
