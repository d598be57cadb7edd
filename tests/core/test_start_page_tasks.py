"""The start page lists what waits for the signed-in person, role by role; jurors and chairs find *Jury work* in the menu."""

# The calls and governance fixtures are imported to be used here: pytest sees them as this module's own.
# ruff: noqa: F401, F811

from __future__ import annotations

import pytest

from governance import services as governance_services
from ideas import services as idea_services
from ideas.lock import Stage
from tests import factories
from tests.calls.conftest import (
    fund,
    fund_application,
    jurors,
    pilot_idea,
    resident_stipend_draft,
    stipend,
    with_jury,
)
from tests.governance.conftest import goals, indicators, report, survey_indicator, t1

pytestmark = pytest.mark.django_db


def _groups(client, user) -> dict:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return {group.heading: group for group in response.context["task_groups"]}


def _menu(client, user) -> list:
    client.force_login(user)
    return list(client.get("/").context["menu"].entries)


def test_a_juror_finds_jury_work_in_the_menu_with_what_is_left_to_score(client, jurors, with_jury):
    entries = _menu(client, jurors["expert"])
    assert [(e.url, e.count) for e in entries if e.url.startswith("/calls/")] == [("/calls/jury/", 1)]
    html = client.get("/").content.decode()
    assert 'href="/calls/jury/"' in html
    assert "Juryarbete" in html


def test_the_menu_count_is_the_jury_pages_count(client, jurors, with_jury):
    """The menu's count leaves out what the juror is recused from, as the jury page does."""
    for name in ("expert", "north", "chair"):
        client.force_login(jurors[name])
        page = client.get("/calls/jury/")
        left = sum(item["left"] for item in page.context["work"])
        entry = page.context["menu"].entries[0]
        assert entry.count == left, name
    # The juror from Norra is recused from Norra's application: no seat's work, no count.
    assert _menu(client, jurors["north"])[0].count == 0


def test_people_without_a_jury_seat_see_no_jury_work(client, people, with_jury):
    for role in ("employee", "manager", "director", "resident"):
        assert [e for e in _menu(client, people[role]) if e.url.startswith("/calls/")] == [], role
    assert 'href="/calls/jury/"' not in client.get("/").content.decode()


def test_a_juror_sees_the_applications_to_score_on_the_start_page(client, jurors, with_jury, fund):
    group = _groups(client, jurors["expert"])["Juryarbete"]
    assert [(line.url, line.count) for line in group.lines] == [(f"/calls/jury/?call={fund.pk}", 1)]
    assert fund.title in group.lines[0].text


def test_a_chair_sees_the_call_to_rank_and_decide(client, jurors, with_jury, fund):
    group = _groups(client, jurors["chair"])["Juryarbete"]
    urls = [line.url for line in group.lines]
    assert urls == [f"/calls/jury/?call={fund.pk}", f"/calls/{fund.pk}/ranking/"]


def test_a_juror_with_nothing_left_is_told_so(client, jurors, with_jury):
    group = _groups(client, jurors["north"])["Juryarbete"]
    assert group.lines == []
    assert "Ingen ansökan väntar på dina poäng eller ditt beslut." in client.get("/").content.decode()


def test_the_innovation_office_sees_ideas_waiting_for_an_answer(client, people):
    factories.idea(author=people["employee"])
    factories.idea(author=people["employee"], title="Ännu en idé")
    group = _groups(client, people["office"])["Nya idéer"]
    assert [(line.url, line.count) for line in group.lines] == [("/ideas/triage/", 2)]
    # Another district's office has nothing waiting, and is told so.
    assert _groups(client, people["other_office"])["Nya idéer"].lines == []
    assert "Ingen idé väntar på ett första svar." in client.get("/").content.decode()


def test_a_coach_sees_the_ideas_they_coach(client, people):
    idea = factories.idea(author=people["employee"])
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    idea_services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
    group = _groups(client, people["coach"])["Idéer du är coach för"]
    assert [line.url for line in group.lines] == [idea.get_absolute_url()]


def test_an_author_sees_a_question_about_publishing(client, people):
    idea = factories.idea(author=people["employee"])
    assert _groups(client, people["employee"])["Frågor om dina idéer"].lines == []
    idea_services.publication_ask(idea=idea, by=people["office"], message="Får vi visa den för alla?")
    group = _groups(client, people["employee"])["Frågor om dina idéer"]
    assert [line.url for line in group.lines] == [f"/ideas/{idea.pk}/publication/"]


def test_an_applicant_sees_drafts_not_yet_sent(client, people, resident_stipend_draft):
    group = _groups(client, people["resident"])["Dina ansökningar"]
    assert [line.url for line in group.lines] == [f"/calls/applications/{resident_stipend_draft.pk}/edit/"]


def test_a_manager_sees_reports_to_begin_then_to_finish(client, people, tree, goals, t1):
    group = _groups(client, people["manager"])["Rapporter att skriva"]
    assert [line.url for line in group.lines] == ["/governance/reports/#your-reports"]
    report = governance_services.report_start(by=people["manager"], reporting_period=t1, unit=tree["SDF-N"])
    group = _groups(client, people["manager"])["Rapporter att skriva"]
    assert [line.url for line in group.lines] == [report.get_absolute_url()]


def test_a_manager_sees_a_report_returned_for_completion(client, people, report):
    report.status = "returned"  # the state the executive office's return leaves; its service is tested elsewhere
    report.save(update_fields=["status"])
    group = _groups(client, people["manager"])["Rapporter att skriva"]
    assert "återsänd för komplettering" in group.lines[0].text


def test_the_executive_office_sees_reports_to_review(client, people, report):
    assert _groups(client, people["director"])["Rapporter att granska"].lines == []
    report.status = "submitted"
    report.save(update_fields=["status"])
    group = _groups(client, people["director"])["Rapporter att granska"]
    assert [(line.url, line.count) for line in group.lines] == [("/governance/reports/?status=submitted", 1)]


def test_a_resident_without_roles_or_ideas_gets_no_task_groups(client, people):
    assert _groups(client, people["resident"]) == {}


def test_the_start_page_makes_a_fixed_number_of_queries(
    client, people, jurors, with_jury, fund, t1, django_assert_max_num_queries
):
    """However many ideas, applications and reports wait, the start page asks the database the same few times."""
    manager = people["manager"]
    for n in range(15):
        idea = factories.idea(author=manager, title=f"Idé {n}")
        idea_services.publication_ask(idea=idea, by=people["office"])
    factories.idea(author=people["employee"])
    for user, groups in ((jurors["chair"], 1), (manager, 2), (people["director"], 2), (people["office"], 1)):
        client.force_login(user)
        # One group per app that has tasks, and the person's roles read once more for them (ADR 0045).
        with django_assert_max_num_queries(30):
            response = client.get("/")
        assert len(response.context["task_groups"]) >= groups, user


def test_someone_on_no_jury_costs_one_look_for_the_jury_tasks(people, with_jury):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from calls.todo import jury_tasks

    with CaptureQueriesContext(connection) as asked:
        assert jury_tasks(people["employee"]) is None
    # One look at the person's seats, not the counts of what each seat has left (planned even for none).
    assert len(asked.captured_queries) == 1
    assert "COUNT" not in asked.captured_queries[0]["sql"].upper()
