"""What the jury may not see or do: drafts, others' scores before one's own, closed applications, one's own
application, the idea behind a blind entry; and the office, which runs the call, sits on no jury."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from calls import selectors, services
from calls.models import Application, Programme, Status
from calls.rules import is_recused
from core.errors import DomainError
from tests import factories
from tests.calls.conftest import CLOSES, DURING, OPENS
from tests.calls.test_api import API, token_for
from tests.calls.test_jury_views import submit_scores

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_chair_reads_no_draft_nor_its_files(client, people, jurors, fund):
    employee = people["employee"]
    draft = services.application_start(call=fund, applicant=employee, now=DURING)
    draft = services.application_save(
        application=draft, by=employee, expected_version=draft.version, title="Mitt halvfärdiga utkast"
    )
    upload = SimpleUploadedFile("budget.pdf", PDF, content_type="application/pdf")
    attached = services.application_file_add(application=draft, by=employee, upload=upload)
    client.force_login(jurors["chair"])
    for url in (f"/calls/applications/{draft.pk}/", f"/calls/files/{attached.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/calls/applications/{draft.pk}/decide/").status_code == 404
    assert client.get(f"{API}/applications/{draft.pk}", **token_for(jurors["chair"])).status_code == 404


def test_a_chair_who_is_to_score_sees_the_jurys_scores_only_after_submitting(client, jurors, with_jury):
    submit_scores(with_jury, jurors["expert"], [4, 3])
    client.force_login(jurors["chair"])
    ranking = client.get(f"/calls/{with_jury.call_id}/ranking/").content.decode()
    assert "You have 1 application still to score in this call." in ranking
    assert "Erik Expert" not in ranking and with_jury.title not in ranking  # neither its scores nor its place
    decide = client.get(f"/calls/applications/{with_jury.pk}/decide/").content.decode()
    assert "The jury's scores are shown once you have submitted yours." in decide
    assert "Motivering 4 av Erik Expert" not in decide
    submit_scores(with_jury, jurors["chair"], [2, 2])
    ranking = client.get(f"/calls/{with_jury.call_id}/ranking/").content.decode()
    assert "still to score" not in ranking and "Erik Expert" in ranking
    assert "Motivering 4 av Erik Expert" in client.get(f"/calls/applications/{with_jury.pk}/decide/").content.decode()


def test_a_withdrawn_application_is_no_longer_scored(client, people, jurors, with_jury):
    services.application_withdraw(application=with_jury, by=people["employee"])
    assert list(selectors.juror_applications(user=jurors["expert"], call=with_jury.call)) == []
    with pytest.raises(DomainError) as refused:
        submit_scores(with_jury, jurors["expert"], [4, 3])
    assert refused.value.code == "locked"
    client.force_login(jurors["expert"])
    assert client.get(f"/calls/applications/{with_jury.pk}/score/").status_code == 404
    assert client.get(f"/calls/applications/{with_jury.pk}/").status_code == 404  # no longer the jury's
    assert client.get(f"{API}/applications/{with_jury.pk}", **token_for(jurors["expert"])).status_code == 404


def test_a_decided_application_keeps_its_scores(client, people, jurors, with_jury):
    submit_scores(with_jury, jurors["chair"], [3, 3])
    services.decision_record(application=with_jury, by=jurors["chair"], granted=False, justification="Inte nu.")
    with_jury.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        submit_scores(with_jury, jurors["expert"], [5, 5])
    assert refused.value.code == "locked"
    client.force_login(jurors["expert"])
    page = client.get(f"/calls/applications/{with_jury.pk}/score/").content.decode()
    assert "scores can no longer be given" in page
    assert 'name="submit"' not in page
    response = client.post(f"/calls/applications/{with_jury.pk}/score/", {"submit": ""})
    assert response.status_code == 302
    assert not with_jury.assignments.get(juror=jurors["expert"]).scores.exists()


def test_a_conflict_is_declared_before_submitting_not_after(client, jurors, with_jury):
    submit_scores(with_jury, jurors["expert"], [4, 3])
    with pytest.raises(DomainError) as refused:
        services.conflict_declare(application=with_jury, juror=jurors["expert"], reason="Min svåger.")
    assert refused.value.code == "submitted"
    assert "Tell the city's innovation office (executive office)" in refused.value.message
    client.force_login(jurors["expert"])
    response = client.post(f"/calls/applications/{with_jury.pk}/conflict/", {"reason": "Min svåger."})
    assert response.status_code == 302
    assert not with_jury.conflicts.exists()
    assert with_jury.assignments.get(juror=jurors["expert"]).total is not None


def test_a_juror_is_recused_from_their_own_application_and_from_both_organisations(tree, people, jurors, fund):
    chair = jurors["chair"]  # Skola Södra
    own = Application.objects.create(call=fund, applicant=chair, unit=tree["SDF-N-ALD-1"], status=Status.SUBMITTED)
    for_south = Application.objects.create(
        call=fund, applicant=people["employee"], unit=tree["SDF-S"], status=Status.SUBMITTED
    )
    from_south = Application.objects.create(
        call=fund, applicant=people["colleague"], unit=tree["SDF-N-ALD"], status=Status.SUBMITTED
    )
    for application in (own, for_south, from_south):
        assert is_recused(chair, application)
    assert selectors.recused_ids(user=chair, call=fund) == {own.pk, for_south.pk, from_south.pk}
    assert selectors.recusals(call=fund)[chair.pk] == {own.pk, for_south.pk, from_south.pk}


def test_blind_review_hides_the_idea_too(client, people, jurors, tree):
    director, manager = people["director"], people["manager"]
    call = services.call_create(
        by=director,
        programme=Programme.RENEWAL_PRIZE,
        title="Förnyelsepriset 2026",
        summary="För genomförda innovationer.",
        description="Nominera.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
        blind_review=True,
    )
    services.criterion_add(call=call, by=director, name="Nytta")
    services.call_publish(call=call, by=director)
    services.juror_add(call=call, by=director, user=jurors["expert"])
    idea = factories.idea(author=people["employee"], title="Nattlampor som visar vägen")
    application = Application.objects.create(
        call=call, applicant=manager, unit=tree["SDF-N"], idea=idea, title="Ljus i korridoren", status=Status.SUBMITTED
    )
    services.application_screen(application=application, by=director, eligible=True)
    services.assignment_add(application=application, juror=jurors["expert"], by=director)
    body = client.get(f"{API}/applications/{application.pk}", **token_for(jurors["expert"])).json()
    assert body["idea_id"] is None
    assert client.get(f"{API}/applications/{application.pk}", **token_for(manager)).json()["idea_id"] == idea.pk
    client.force_login(jurors["expert"])
    for url in (f"/calls/applications/{application.pk}/score/", f"/calls/applications/{application.pk}/"):
        page = client.get(url).content.decode()
        assert "Ljus i korridoren" in page, url
        assert "Nattlampor som visar vägen" not in page, url


def test_the_office_which_runs_the_call_sits_on_no_jury(client, people, fund):
    with pytest.raises(DomainError) as refused:
        services.juror_add(call=fund, by=people["director"], user=people["director"], is_chair=True)
    assert refused.value.field == "user"
    client.force_login(people["director"])
    response = client.post(
        f"/calls/{fund.pk}/manage/", {"form": "juror", "email": people["director"].email, "role": "chair"}
    )
    assert response.status_code == 200
    assert "sits on none of its juries" in response.content.decode()
    assert not fund.jurors.filter(user=people["director"]).exists()


def test_results_wait_for_every_submitted_application_to_be_screened(people, fund_application):
    with pytest.raises(DomainError) as refused:
        services.results_publish(call=fund_application.call, by=people["director"])
    assert "screened" in refused.value.message
    services.application_screen(
        application=fund_application, by=people["director"], eligible=False, note="Idén är inte i slussen."
    )
    assert services.results_publish(call=fund_application.call, by=people["director"]).results_published_at
    assert Decimal(0) == sum(a.granted_amount or 0 for a in Application.objects.all())


def test_the_audit_log_keeps_submission_screening_scores_decision_and_withdrawal(people, jurors, fund_application):
    from auditlog.models import LogEntry

    def changes(obj) -> list[dict]:
        return [entry.changes_dict for entry in LogEntry.objects.get_for_object(obj).order_by("timestamp", "pk")]

    director = people["director"]
    assert any(c.get("status") == ["draft", "submitted"] for c in changes(fund_application))
    services.application_screen(application=fund_application, by=director, eligible=True)
    services.application_screen(application=fund_application, by=director, eligible=False, note="Fel program.")
    services.application_screen(application=fund_application, by=director, eligible=True, note="Rätt ändå.")
    statuses = [c["status"] for c in changes(fund_application) if "status" in c]
    assert statuses[-3:] == [["submitted", "in_review"], ["in_review", "ineligible"], ["ineligible", "in_review"]]
    assert any(c.get("screening_note") == ["", "Fel program."] for c in changes(fund_application))
    services.assignment_add(application=fund_application, juror=jurors["chair"], by=director)
    submit_scores(fund_application, jurors["chair"], [4, 2])
    assignment = fund_application.assignments.get(juror=jurors["chair"])
    assert any("submitted_at" in c and "total" in c for c in changes(assignment))
    services.decision_record(application=fund_application, by=jurors["chair"], granted=False, justification="Nej.")
    assert changes(fund_application)[-1]["status"] == ["in_review", "rejected"]


def test_a_decided_application_cannot_be_withdrawn_even_from_an_old_page(people, jurors, with_jury):
    stale = Application.objects.get(pk=with_jury.pk)  # read before the decision
    services.decision_record(application=with_jury, by=jurors["chair"], granted=False, justification="Inte nu.")
    from core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        services.application_withdraw(application=stale, by=people["employee"])
    with_jury.refresh_from_db()
    assert with_jury.status == Status.REJECTED


def test_two_office_workers_screening_at_once_the_second_is_told_not_overwritten(client, people, fund_application):
    director = people["director"]
    client.force_login(director)
    url = f"/calls/applications/{fund_application.pk}/manage/"
    read_version = client.get(url).context["screen_form"].initial["version"]
    services.application_screen(application=fund_application, by=director, eligible=True, note="Uppfyller allt.")
    response = client.post(
        url, {"form": "screen", "eligible": "no", "note": "Idén är inte i slussen.", "version": read_version}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else changed this application meanwhile" in page
    assert "Idén är inte i slussen." in page  # what was written is kept
    fund_application.refresh_from_db()
    assert (fund_application.status, fund_application.screening_note) == (Status.IN_REVIEW, "Uppfyller allt.")
    # Saving again is a deliberate choice: the form now carries the current version.
    response = client.post(url, {**response.context["screen_form"].data.dict()})
    assert response.status_code == 302
    fund_application.refresh_from_db()
    assert fund_application.status == Status.INELIGIBLE


def test_once_decided_the_chair_sees_the_jurys_scores_whether_or_not_they_scored(client, jurors, with_jury):
    submit_scores(with_jury, jurors["expert"], [4, 3])
    services.decision_record(application=with_jury, by=jurors["chair"], granted=False, justification="Inte nu.")
    client.force_login(jurors["chair"])
    page = client.get(f"/calls/applications/{with_jury.pk}/decide/").content.decode()
    assert "Motivering 4 av Erik Expert" in page
    assert "The jury's scores are shown once you have submitted yours." not in page


def test_after_deciding_the_chair_returns_to_the_applications_place_in_the_ranking(
    client, people, jurors, with_jury, monkeypatch
):
    monkeypatch.setattr("calls.chair_views.RANKING_PAGE_SIZE", 1)
    better = Application.objects.create(
        call=with_jury.call, applicant=people["resident"], title="Bättre", status=Status.SUBMITTED
    )
    services.application_screen(application=better, by=people["director"], eligible=True)
    services.assignment_add(application=better, juror=jurors["expert"], by=people["director"])
    submit_scores(better, jurors["expert"], [5, 5])
    submit_scores(with_jury, jurors["expert"], [2, 2])
    submit_scores(with_jury, jurors["chair"], [2, 2])
    client.force_login(jurors["chair"])
    response = client.post(
        f"/calls/applications/{with_jury.pk}/decide/", {"granted": "no", "justification": "Svagare än de andra."}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/calls/{with_jury.call_id}/ranking/?page=2#application-{with_jury.pk}"
