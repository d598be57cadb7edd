"""OpenLab in Chromium, in Swedish: the office assigns a need to KTH, a teacher proposes a student team's project,
the city's contact accepts it, the teacher uploads the final report and completes the project after confirming; and axe over OpenLab's pages in Swedish
and English, as the office, the director, the city's contact, a teacher and someone invited."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from challenges.models import AcademicRole, Deliverable, Project, ProjectStatus, Route
from challenges.openlab import services
from organisation.models import User
from tests.browser.conftest import sign_in
from tests.browser.test_accessibility import WCAG_AA
from tests.challenges.conftest import routed_need
from tests.challenges.openlab.conftest import PASSWORD, pdf, propose, university_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("var/screenshots")


def _universities(people):
    director = people["director"]
    kth = services.university_create(by=director, name="KTH", short_name="KTH")
    teacher = university_person(director, kth, AcademicRole.TEACHER, "lars.larare@kth.se", "Lars Lärare")
    student = university_person(director, kth, AcademicRole.STUDENT, "stina.student@kth.se", "Stina Student")
    return kth, teacher, student


def _shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"openlab-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_need_goes_to_kth_and_a_student_team_delivers_its_final_report(new_page, people, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _kth, teacher, student = _universities(people)
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    contact = people["employee"]

    office = new_page()
    sign_in(office, people["office"].email)
    expect(office.locator('a[href="/challenges/openlab/"]').first).to_have_text("OpenLab")
    office.goto("/challenges/openlab/")
    expect(office.get_by_role("heading", name="OpenLab", level=1)).to_be_visible()
    office.locator(f'a[href="/challenges/openlab/needs/{need.pk}/assign/"]').click()
    expect(office.get_by_role("heading", name="Ge behovet till ett lärosäte")).to_be_visible()
    expect(office.get_by_label("Det här ombeds lärosätet göra")).to_contain_text(need.good_outcome)
    office.get_by_label("Lärosäte", exact=True).select_option(label="KTH")
    office.get_by_label("Stadens kontaktperson").fill(contact.email)
    office.get_by_label("Avtalet börjar").fill("1 februari 2027")
    office.get_by_label("Avtalet slutar").fill("30 juni 2027")
    office.get_by_role("button", name="Ge uppdraget").click()
    expect(office.get_by_text("Behovet är givet till KTH.")).to_be_visible()
    expect(office.get_by_role("heading", name=need.title, level=1)).to_be_visible()
    _shoot(office, "assignment")

    lead = new_page()
    sign_in(lead, teacher.email, PASSWORD)
    lead.goto("/challenges/openlab/")
    expect(lead.get_by_role("heading", name="Uppdrag till KTH")).to_be_visible()
    _shoot(lead, "university-start")
    lead.get_by_role("link", name=need.title).click()
    lead.get_by_role("link", name="Föreslå ett projekt").click()
    expect(lead.get_by_role("heading", name="Föreslå ett projekt")).to_be_visible()
    lead.get_by_label("Studentgrupp").check()
    lead.get_by_label("Projektets rubrik").fill("Digital förhandskontroll")
    lead.get_by_label("Omfattning").fill("En prototyp för förhandskontroll av ansökningar om bygglov.")
    lead.get_by_label("Projektet börjar").fill("2027-02-01")
    lead.get_by_label("Projektet slutar").fill("2027-06-15")
    lead.get_by_label("Leveranser").fill("Prototyp och slutrapport.")
    lead.get_by_label("Stina Student").check()
    lead.get_by_role("button", name="Skicka förslaget").click()
    expect(lead.get_by_text("Projektet är föreslaget.")).to_be_visible()
    project = Project.objects.get(title="Digital förhandskontroll")

    city = new_page()
    sign_in(city, contact.email)
    city.get_by_role("link", name="1 projekt i OpenLab väntar på ditt beslut").click()
    expect(city.get_by_role("heading", name="Projekt som väntar på ditt beslut")).to_be_visible()
    city.get_by_role("link", name="Digital förhandskontroll").click()
    expect(city.get_by_role("heading", name="Besluta om förslaget")).to_be_visible()
    city.get_by_label("Godkänn projektet", exact=True).check()
    city.get_by_label("Kommentar till gruppen").fill("Bra avgränsat, välkomna!")
    city.get_by_role("button", name="Registrera beslutet").click()
    expect(city.get_by_text("Ditt beslut är sparat och gruppen har fått veta det.")).to_be_visible()
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED
    # Without a final report the contact is told who uploads it, and is offered no way to complete the project.
    expect(city.get_by_text("Projektets grupp laddar upp slutrapporten (Lars Lärare leder gruppen).")).to_be_visible()
    expect(city.get_by_role("link", name="Avsluta projektet")).to_have_count(0)
    expect(city.get_by_role("button", name="Avsluta projektet")).to_have_count(0)

    lead.goto(project.get_absolute_url())
    expect(lead.get_by_role("heading", name="Ladda upp en leverans")).to_be_visible()
    lead.get_by_label("Vad filen är").fill("Slutrapport")
    lead.get_by_label("Fil", exact=True).set_input_files(
        files=[{"name": "slutrapport.pdf", "mimeType": "application/pdf", "buffer": pdf().read()}]
    )
    lead.get_by_label("Det här är projektets slutrapport").check()
    lead.get_by_role("button", name="Ladda upp").click()
    expect(lead.get_by_text("Filen ”slutrapport.pdf” är tillagd.")).to_be_visible()
    expect(lead.get_by_role("link", name="Slutrapport")).to_be_visible()
    assert Deliverable.objects.get(project=project).is_final_report
    _shoot(lead, "project")

    lead.get_by_role("link", name="Avsluta projektet").click()
    expect(lead.get_by_role("heading", name="Avsluta projektet", level=1)).to_be_visible()
    expect(lead.get_by_role("link", name="Slutrapport")).to_be_visible()
    _shoot(lead, "complete")
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED
    lead.get_by_role("button", name="Ja, avsluta projektet").click()
    expect(lead.get_by_text("Projektet är avslutat.")).to_be_visible()
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED


@pytest.mark.parametrize("language", ["sv", "en"])
def test_openlabs_pages_have_no_wcag_aa_violations(browser, live_server, people, tree, language, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    kth, teacher, student = _universities(people)
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    other = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB, title="Ett behov till")
    assignment = services.assignment_create(
        by=people["office"], need=need, university=kth, title="Snabbare bygglov", brief="B", contact=people["employee"]
    )
    project = propose(assignment, teacher, members=[student])
    proposed = propose(assignment, teacher, title="Ett förslag till")
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    services.milestone_add(by=student, project=project, title="Intervjuer", due_on=project.ends_on)
    services.deliverable_add(by=teacher, project=project, title="Slutrapport", upload=pdf(), is_final_report=True)
    completed = propose(assignment, teacher, title="Ett avslutat")
    services.project_decide(by=people["employee"], project=completed, expected_version=1, accept=True)
    services.deliverable_add(by=teacher, project=completed, title="Rapport", upload=pdf(), is_final_report=True)
    services.project_complete(by=teacher, project=completed, expected_version=2)
    _inv, token = services.university_invite(
        by=people["director"], university=kth, email="ny@kth.se", role=AcademicRole.STUDENT
    )
    User.objects.update(language=language)

    visits = {
        people["director"]: ["/challenges/openlab/universities/", f"/challenges/openlab/universities/{kth.pk}/"],
        people["office"]: ["/challenges/openlab/", f"/challenges/openlab/needs/{other.pk}/assign/"],
        people["employee"]: [
            f"/challenges/openlab/assignments/{assignment.pk}/",
            f"/challenges/openlab/projects/{proposed.pk}/",
            f"/challenges/openlab/projects/{completed.pk}/idea/",
        ],
        teacher: [
            "/challenges/openlab/",
            f"/challenges/openlab/assignments/{assignment.pk}/propose/",
            f"/challenges/openlab/projects/{project.pk}/",
            f"/challenges/openlab/projects/{project.pk}/complete/",
        ],
        None: [f"/challenges/openlab/invitation/{token}/", "/challenges/openlab/invitation/fel/"],
    }
    axe = Axe().axe_script
    problems: list[str] = []
    for person, paths in visits.items():
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": 1280, "height": 900},
            locale=f"{language}-SE" if language == "sv" else "en-GB",
        )
        context.add_init_script(axe)
        page = context.new_page()
        if person is not None:
            sign_in(page, person.email, PASSWORD if person == teacher else "a-long-test-password")
        for path in paths:
            page.goto(path)
            assert f'lang="{language}"' in page.content(), (path, language)
            results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
            for v in results["violations"]:
                problems.append(f"{language} {path}: {v['id']} – {v['help']} {[n['target'] for n in v['nodes']][:3]}")
        context.close()
    assert problems == [], "\n".join(problems)
