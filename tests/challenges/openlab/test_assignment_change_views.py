"""Changing and cancelling an assignment the way a browser does: each page rendered, only the fields it shows filled
in, then submitted; a concurrent change keeps what was typed."""

from __future__ import annotations

import pytest
from django.utils import translation

from challenges.models import Assignment, AssignmentStatus, ProjectStatus
from challenges.openlab import services
from tests.challenges.openlab.conftest import propose
from tests.forms.browser_like import errors, fill, post_forms

pytestmark = pytest.mark.django_db


def sv(text: str) -> str:
    """The text as the Swedish page shows it (the English source where it is not yet translated)."""
    with translation.override("sv"):
        return translation.gettext(text)


def _form(app, url, user, posts_to):
    page = app.get(url, user=user)
    forms = post_forms(page, url)
    assert posts_to in forms, f"{url} shows no form posting to {posts_to}: {sorted(forms)}"
    return forms[posts_to][0]


def test_the_assignment_page_offers_change_and_cancel_to_the_citys_contact_only(django_app, people, lab):
    url = lab["assignment"].get_absolute_url()
    page = django_app.get(url, user=people["employee"])
    assert f"/challenges/openlab/assignments/{lab['assignment'].pk}/edit/" in page.text
    assert f"/challenges/openlab/assignments/{lab['assignment'].pk}/cancel/" in page.text
    page = django_app.get(url, user=lab["teacher"])
    assert "/edit/" not in page.text and "/cancel/" not in page.text
    assert django_app.get(f"{url}edit/", user=lab["teacher"], expect_errors=True).status_int == 403
    assert django_app.get(f"{url}cancel/", user=people["colleague"], expect_errors=True).status_int == 403


def test_the_citys_contact_changes_the_agreements_dates(django_app, people, lab):
    assignment = lab["assignment"]
    url = f"/challenges/openlab/assignments/{assignment.pk}/edit/"
    form = _form(django_app, url, people["employee"], "challenges:assignment_edit")
    assert form["title"].value == assignment.title
    assert "university" not in form.fields
    resp = fill(form, {"agreement_starts_on": "1 februari 2027", "agreement_ends_on": "2027-09-30"}).submit()
    assert resp.status_int == 302, errors(resp)
    saved = Assignment.objects.get(pk=assignment.pk)
    assert (str(saved.agreement_starts_on), str(saved.agreement_ends_on)) == ("2027-02-01", "2027-09-30")
    assert saved.title == assignment.title
    assert saved.university_contact == lab["teacher"]


def test_an_end_before_the_start_is_shown_at_the_field_and_nothing_is_lost(django_app, people, lab):
    url = f"/challenges/openlab/assignments/{lab['assignment'].pk}/edit/"
    form = _form(django_app, url, people["employee"], "challenges:assignment_edit")
    resp = fill(
        form, {"title": "Ny rubrik", "agreement_starts_on": "2027-06-01", "agreement_ends_on": "2027-05-01"}
    ).submit(expect_errors=True)
    assert resp.status_int == 200
    assert 'value="Ny rubrik"' in resp.text
    assert sv("The end date must be on or after the start date.") in resp.text
    assert 'id="id_agreement_ends_on-error"' in resp.text
    assert Assignment.objects.get(pk=lab["assignment"].pk).title == "Snabbare bygglov"


def test_a_concurrent_change_is_refused_and_what_was_typed_stays(django_app, people, lab):
    url = f"/challenges/openlab/assignments/{lab['assignment'].pk}/edit/"
    form = _form(django_app, url, people["employee"], "challenges:assignment_edit")
    services.assignment_update(
        by=people["office"],
        assignment=Assignment.objects.get(pk=lab["assignment"].pk),
        expected_version=1,
        title="Kontorets rubrik",
        brief=lab["assignment"].brief,
        contact=people["employee"],
    )
    resp = fill(form, {"title": "Min rubrik"}).submit(expect_errors=True)
    assert resp.status_int == 200
    conflict = sv(
        "Someone else changed this assignment while you were working on it. Nothing was overwritten and what you "
        "wrote is still here: read the assignment again and save once more."
    )
    assert conflict[:40] in resp.text
    assert 'value="Min rubrik"' in resp.text
    assert Assignment.objects.get(pk=lab["assignment"].pk).title == "Kontorets rubrik"


def test_the_cancel_page_says_what_happens_and_asks_why(django_app, people, lab):
    assignment = lab["assignment"]
    proposed = propose(assignment, lab["researcher"], title="Ett förslag")
    accepted = propose(assignment, lab["teacher"], title="Ett pågående")
    services.project_decide(by=people["employee"], project=accepted, expected_version=1, accept=True)
    url = f"/challenges/openlab/assignments/{assignment.pk}/cancel/"
    form = _form(django_app, url, people["employee"], "challenges:assignment_cancel")
    page = django_app.get(url, user=people["employee"])
    assert "Ett förslag" in page.text and "Ett pågående" in page.text
    resp = form.submit(expect_errors=True)
    assert 'id="id_reason-error"' in resp.text
    form = _form(django_app, url, people["employee"], "challenges:assignment_cancel")
    resp = fill(form, {"reason": "Pengarna tog slut.", "end_projects": False}).submit(expect_errors=True)
    assert resp.status_int == 200
    assert 'id="id_end_projects-error"' in resp.text
    assert "Pengarna tog slut." in resp.text
    form = _form(django_app, url, people["employee"], "challenges:assignment_cancel")
    resp = fill(form, {"reason": "Pengarna tog slut.", "end_projects": True}).submit()
    assert resp.status_int == 302, errors(resp)
    assert Assignment.objects.get(pk=assignment.pk).status == AssignmentStatus.CANCELLED
    proposed.refresh_from_db()
    accepted.refresh_from_db()
    assert (proposed.status, accepted.status) == (ProjectStatus.DECLINED, ProjectStatus.ENDED)
    page = resp.follow()
    assert "Pengarna tog slut." in page.text
    assert "/edit/" not in page.text
    need_page = django_app.get(lab["need"].get_absolute_url(), user=people["office"])
    assert "Pengarna tog slut." in need_page.text


def test_an_open_assignment_without_projects_is_cancelled_with_only_a_reason(django_app, people, lab):
    url = f"/challenges/openlab/assignments/{lab['assignment'].pk}/cancel/"
    form = _form(django_app, url, people["office"], "challenges:assignment_cancel")
    assert "end_projects" not in form.fields
    resp = fill(form, {"reason": "Behovet löstes på annat sätt."}).submit()
    assert resp.status_int == 302, errors(resp)
    assert Assignment.objects.get(pk=lab["assignment"].pk).cancelled_by == people["office"]
