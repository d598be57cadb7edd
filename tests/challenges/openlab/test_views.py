"""OpenLab's pages, used the way a browser does: each page rendered, only the fields it shows filled in, then
submitted; and the 404s for what a university's people may not see, by address and by API."""

from __future__ import annotations

import datetime

import pytest
from webtest import Upload

from challenges.models import Assignment, Deliverable, Milestone, Project, ProjectIdea, ProjectStatus, University
from challenges.openlab import services
from ideas.models import Idea, Source
from tests.challenges.openlab.conftest import pdf, propose
from tests.forms.browser_like import errors, fill, post_forms

pytestmark = pytest.mark.django_db

PDF = ("slutrapport.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n", "application/pdf")


def _submit(app, url, user, posts_to, values=None, *, expect_errors=False):
    page = app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    resp = fill(forms[posts_to][0], values or {}).submit(expect_errors=expect_errors)
    if not expect_errors:
        assert resp.status_int in (200, 302), resp.status
        assert not errors(resp), errors(resp)
    return resp


def _accepted(people, lab):
    project = propose(lab["assignment"], lab["teacher"], members=[lab["student"]])
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    return project


def test_the_director_adds_a_university_and_invites_a_student(django_app, people, lab):
    _submit(
        django_app,
        "/challenges/openlab/universities/",
        people["director"],
        "challenges:openlab_universities",
        {"name": "Södertörns högskola", "short_name": "SH"},
    )
    sh = University.objects.get(name="Södertörns högskola")
    url = f"/challenges/openlab/universities/{sh.pk}/"
    _submit(
        django_app, url, people["director"], "challenges:openlab_university", {"email": "ny@sh.se", "role": "student"}
    )
    page = django_app.get(url, user=people["director"])
    assert "ny@sh.se" in page.text


def test_an_invited_person_creates_their_account_from_the_link(django_app, people, lab):
    _inv, token = services.university_invite(
        by=people["director"], university=lab["su"], email="ny@su.se", role="teacher"
    )
    url = f"/challenges/openlab/invitation/{token}/"
    resp = _submit(
        django_app, url, None, "challenges:openlab_invitation", {"name": "Nina Ny", "password": "Ett-långt-lösen-2027"}
    )
    assert resp.status_int == 302
    assert resp.follow().status_int == 200
    assert django_app.get(url, expect_errors=True).status_int == 410


def test_the_office_assigns_a_need_with_the_brief_filled_in_from_it(django_app, people, lab):
    url = f"/challenges/openlab/needs/{lab['need'].pk}/assign/"
    page = django_app.get(url, user=people["office"])
    assert lab["need"].good_outcome in page.text
    _submit(
        django_app,
        url,
        people["office"],
        "challenges:assignment_create",
        {"university": str(lab["su"].pk), "agreement_starts_on": "1 mars 2027", "agreement_ends_on": "2027-12-31"},
    )
    assignment = Assignment.objects.get(university=lab["su"])
    assert assignment.contact == people["office"]
    assert str(assignment.agreement_starts_on) == "2027-03-01"


def test_an_unknown_contact_is_named_and_the_input_kept(django_app, people, lab):
    url = f"/challenges/openlab/needs/{lab['need'].pk}/assign/"
    page = django_app.get(url, user=people["office"])
    form = fill(
        post_forms(page, url)["challenges:assignment_create"][0],
        {"university": str(lab["su"].pk), "contact_email": "ingen@stockholm.se", "agreement_reference": "Dnr 9"},
    )
    resp = form.submit()
    assert "ingen@stockholm.se" in errors(resp)
    assert resp.html.select_one("input[name=agreement_reference]")["value"] == "Dnr 9"
    assert not Assignment.objects.filter(university=lab["su"]).exists()


def test_a_teacher_proposes_the_contact_accepts_the_team_delivers(django_app, people, lab):
    assignment = lab["assignment"]
    _submit(
        django_app,
        f"/challenges/openlab/assignments/{assignment.pk}/propose/",
        lab["teacher"],
        "challenges:project_propose",
        {
            "kind": "student_team",
            "title": "Förhandskontroll",
            "starts_on": "2027-01-15",
            "ends_on": "2027-06-15",
            "members": [str(lab["student"].pk)],
        },
    )
    project = Project.objects.get(title="Förhandskontroll")
    assert list(project.members.all()) == [lab["student"]]
    url = f"/challenges/openlab/projects/{project.pk}/"
    _submit(django_app, url, people["employee"], "challenges:project_decide", {"decision": "accept"})
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED
    _submit(
        django_app,
        url,
        lab["student"],
        "challenges:project_milestone_add",
        {"milestone-title": "Tester", "milestone-due_on": "2027-04-01"},
    )
    milestone = Milestone.objects.get(project=project)
    _submit(django_app, url, lab["student"], "challenges:project_milestone_done")
    milestone.refresh_from_db()
    assert milestone.done_at is not None
    _submit(
        django_app,
        url,
        lab["teacher"],
        "challenges:project_deliverable_add",
        {"deliverable-title": "Slutrapport", "deliverable-file": Upload(*PDF), "deliverable-is_final_report": True},
    )
    report = Deliverable.objects.get(project=project)
    assert report.is_final_report
    assert django_app.get(f"{url}files/{report.pk}/", user=people["employee"]).status_int == 200
    project_page = django_app.get(url, user=lab["teacher"])
    _submit(
        django_app,
        project_page.click(description="Avsluta projektet").request.path,
        lab["teacher"],
        "challenges:project_complete",
    )
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    _submit(django_app, f"{url}idea/", lab["teacher"], "challenges:project_idea", {"values": ["social"]})
    idea = Idea.objects.get(openlab_project__project=project)
    assert idea.source == Source.UNIVERSITY
    assert ProjectIdea.objects.filter(project=project).count() == 1


def test_declining_without_a_comment_names_the_field(django_app, people, lab):
    project = propose(lab["assignment"], lab["teacher"])
    url = f"/challenges/openlab/projects/{project.pk}/"
    resp = _submit(
        django_app, url, people["employee"], "challenges:project_decide", {"decision": "decline"}, expect_errors=True
    )
    assert resp.status_int == 400 and errors(resp)
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED


def test_a_student_of_another_university_gets_404_by_address_and_api(django_app, client, people, lab):
    project = _accepted(people, lab)
    for url in (
        f"/challenges/openlab/assignments/{lab['assignment'].pk}/",
        f"/challenges/openlab/assignments/{lab['assignment'].pk}/propose/",
        f"/challenges/openlab/projects/{project.pk}/",
    ):
        assert django_app.get(url, user=lab["other_student"], expect_errors=True).status_int == 404, url
    assert (
        django_app.get(f"/challenges/openlab/assignments/{lab['assignment'].pk}/", user=lab["student"]).status_int
        == 200
    )
    client.force_login(lab["other_student"])
    assert client.get(f"/api/v1/openlab/assignments/{lab['assignment'].pk}").status_code == 404
    assert client.get("/api/v1/openlab/assignments").json()["items"] == []
    client.force_login(lab["student"])
    assert client.get(f"/api/v1/openlab/assignments/{lab['assignment'].pk}").json()["university"] == "KTH"


def test_another_teams_project_cannot_be_changed_through_its_pages(django_app, people, lab):
    project = _accepted(people, lab)
    url = f"/challenges/openlab/projects/{project.pk}/"
    page = django_app.get(url, user=lab["student2"])
    assert "challenges:project_milestone_add" not in post_forms(page, url)
    resp = django_app.post(
        f"{url}milestones/",
        {"milestone-title": "X", "milestone-due_on": "2027-03-01"},
        user=lab["student2"],
        expect_errors=True,
    )
    assert resp.status_int == 403
    assert not Milestone.objects.exists()


def test_the_overview_filters_pages_and_says_when_empty(django_app, people, lab):
    page = django_app.get("/challenges/openlab/", user=people["office"])
    assert "Snabbare bygglov" in page.text
    page = django_app.get(f"/challenges/openlab/?university={lab['su'].pk}", user=people["office"])
    assert "Snabbare bygglov" not in page.text
    page = django_app.get("/challenges/openlab/?status=completed&page=x", user=people["office"])
    assert "Snabbare bygglov" not in page.text
    start = django_app.get("/challenges/openlab/", user=lab["other_student"])
    assert "Snabbare bygglov" not in start.text
    assert django_app.get("/challenges/openlab/", user=people["resident"], expect_errors=True).status_int == 404


def test_the_overview_asks_a_fixed_number_of_queries(django_app, people, lab, django_assert_max_num_queries):
    for n in range(3):
        need = lab["need"]
        uni = services.university_create(by=people["director"], name=f"Högskola {n}")
        services.assignment_create(
            by=people["office"], need=need, university=uni, title=f"U{n}", brief="B", contact=people["employee"]
        )
    django_app.get("/challenges/openlab/", user=people["office"])
    with django_assert_max_num_queries(25):
        django_app.get("/challenges/openlab/", user=people["office"])


def test_the_final_report_answers_the_need(rf, people, lab):
    from django.template.loader import render_to_string

    from challenges.openlab.selectors import final_reports_of
    from tests.challenges.openlab.conftest import pdf

    project = _accepted(people, lab)
    services.deliverable_add(
        by=lab["teacher"], project=project, title="Slutrapport", upload=pdf(), is_final_report=True
    )
    reports = list(final_reports_of(lab["need"], people["office"]))
    assert [r.title for r in reports] == ["Slutrapport"]
    html = render_to_string("challenges/openlab/partials/need_answers.html", {"openlab_reports": reports})
    assert f"/challenges/openlab/projects/{project.pk}/files/{reports[0].pk}/" in html
    assert list(final_reports_of(lab["need"], lab["other_student"])) == []


def test_a_projects_page_asks_a_fixed_number_of_queries(django_app, people, lab, django_assert_max_num_queries):
    import datetime

    project = _accepted(people, lab)
    for n in range(5):
        services.milestone_add(by=lab["student"], project=project, title=f"M{n}", due_on=datetime.date(2027, 3, n + 1))
    url = f"/challenges/openlab/projects/{project.pk}/"
    django_app.get(url, user=lab["teacher"])
    with django_assert_max_num_queries(25):
        django_app.get(url, user=lab["teacher"])


def test_every_problem_of_the_assignment_form_is_named_at_once_and_the_input_kept(django_app, people, lab):
    url = f"/challenges/openlab/needs/{lab['need'].pk}/assign/"
    page = django_app.get(url, user=people["office"])
    form = fill(
        post_forms(page, url)["challenges:assignment_create"][0],
        {
            "university": str(lab["su"].pk),
            "title": "",
            "contact_email": lab["student"].email,  # not the city's staff
            "university_contact_email": lab["teacher"].email,  # KTH's, not Stockholms universitet's
            "agreement_starts_on": "1 februari 2027",
            "agreement_ends_on": "2027-01-01",
        },
    )
    form["title"] = ""
    resp = form.submit()

    assert resp.status_int == 200
    for field in ("title", "contact_email", "university_contact_email", "agreement_ends_on"):
        assert resp.html.select_one(f"#id_{field}-error") is not None, field
    assert "Stockholms universitet" in resp.html.select_one("#id_university_contact_email-error").get_text()
    assert resp.html.select_one("input[name=agreement_starts_on]")["value"] == "1 februari 2027"
    assert resp.html.select_one("input[name=university_contact_email]")["value"] == lab["teacher"].email
    assert not Assignment.objects.filter(university=lab["su"]).exists()


def test_the_assignment_edit_form_names_every_problem_at_once(django_app, people, lab):
    url = f"/challenges/openlab/assignments/{lab['assignment'].pk}/edit/"
    page = django_app.get(url, user=people["office"])
    form = fill(
        post_forms(page, url)["challenges:assignment_edit"][0],
        {"contact_email": "ingen@stockholm.se", "agreement_starts_on": "2027-05-01", "agreement_ends_on": "2027-04-01"},
    )
    form["brief"] = ""
    resp = form.submit()

    assert resp.status_int == 200
    for field in ("brief", "contact_email", "agreement_ends_on"):
        assert resp.html.select_one(f"#id_{field}-error") is not None, field


def test_a_proposal_outside_the_agreement_is_named_at_its_date(django_app, people, lab):
    url = f"/challenges/openlab/assignments/{lab['assignment'].pk}/propose/"
    page = django_app.get(url, user=lab["teacher"])
    assert "1 januari 2027–31 december 2027" in page.html.select_one("main").get_text()
    form = fill(
        post_forms(page, url)["challenges:project_propose"][0],
        {"kind": "student_team", "title": "För länge", "starts_on": "2027-02-01", "ends_on": "2028-03-31"},
    )
    resp = form.submit()

    assert resp.status_int == 200
    error = resp.html.select_one("#id_ends_on-error").get_text()
    assert "1 januari 2027–31 december 2027" in error
    assert resp.html.select_one("input[name=ends_on]")["value"] == "2028-03-31"
    assert not Project.objects.filter(title="För länge").exists()


def test_the_decision_shows_the_agreement_and_refuses_a_project_outside_it(django_app, people, lab):
    assignment = lab["assignment"]
    project = propose(assignment, lab["teacher"])
    services.assignment_update(
        by=people["office"],
        assignment=assignment,
        expected_version=assignment.version,
        title=assignment.title,
        brief=assignment.brief,
        contact=assignment.contact,
        university_contact=assignment.university_contact,
        agreement_starts_on=assignment.agreement_starts_on,
        agreement_ends_on=datetime.date(2027, 3, 31),
    )
    url = f"/challenges/openlab/projects/{project.pk}/"
    page = django_app.get(url, user=people["employee"])
    summary = page.html.select_one("main dl").get_text()
    assert "15 januari 2027–15 juni 2027" in summary and "1 januari 2027–31 mars 2027" in summary
    resp = fill(post_forms(page, url)["challenges:project_decide"][0], {"decision": "accept"}).submit(
        expect_errors=True
    )
    assert resp.status_int == 400
    assert "1 januari 2027–31 mars 2027" in resp.html.select_one("#id_decision-error").get_text()
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSED


def test_completing_is_offered_once_the_final_report_is_in_and_asks_for_confirmation(django_app, people, lab):
    project = _accepted(people, lab)
    url = f"/challenges/openlab/projects/{project.pk}/"
    complete_url = f"{url}complete/"

    contact_page = django_app.get(url, user=people["employee"])
    assert contact_page.html.select_one(f'main a[href="{complete_url}"]') is None
    assert "challenges:project_complete" not in post_forms(contact_page, url)
    assert "Lars Lärare" in contact_page.html.select_one("#final-report-needed").get_text()  # who uploads it
    waiting = django_app.get(complete_url, user=people["employee"])
    assert waiting.html.select_one("main form[method=post]") is None
    assert not django_app.get(url, user=lab["teacher"]).html.select_one(f'main a[href="{complete_url}"]')

    services.deliverable_add(
        by=lab["teacher"], project=project, title="Slutrapport", upload=pdf(), is_final_report=True
    )
    confirm = django_app.get(url, user=people["employee"]).click(href=complete_url)
    project.refresh_from_db()
    assert project.status == ProjectStatus.ACCEPTED  # opening the page completes nothing
    assert "Slutrapport" in confirm.html.select_one("main").get_text()
    done = post_forms(confirm, complete_url)["challenges:project_complete"][0].submit()
    assert done.status_int == 302
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED


def test_university_people_are_shown_with_their_university(django_app, people, lab):
    project = propose(lab["assignment"], lab["teacher"], members=[lab["student"], lab["student2"]])
    page = django_app.get(f"/challenges/openlab/projects/{project.pk}/", user=people["employee"])
    summary = page.html.select_one("main dl").get_text()
    assert "Lars Lärare (KTH)" in summary and "Stina Student (KTH)" in summary and "Sven Student (KTH)" in summary
    assignment = django_app.get(f"/challenges/openlab/assignments/{lab['assignment'].pk}/", user=people["employee"])
    assert "Lars Lärare (KTH):" in assignment.html.select_one("main").get_text()
    overview = django_app.get("/challenges/openlab/", user=people["employee"])
    assert "Lars Lärare (KTH)" in overview.html.select_one("main").get_text()
