"""Erasure at a person's request (GDPR art. 17 within the archive law): every app's part, the person pseudonymised,
nothing of their name, address or private texts left in any column; the request and the executive office's decision."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import translation

from calls import services as calls
from calls.models import Application, Programme
from calls.models import Status as ApplicationStatus
from core.errors import DomainError, ErrorCode, PermissionDeniedError
from core.models import Notification
from core.personal_data_registry import erased_models
from core.services import notify
from ideas import services as ideas
from ideas.lock import Stage
from ideas.models import Comment, Follow, Idea, Support
from organisation.models import ErasureOutcome, ErasureRequest, PersonKind, User
from organisation.services import (
    api_token_create,
    erasure_confirm,
    erasure_refuse,
    erasure_request,
    person_erase,
)
from spread.events import services as events
from spread.models import Registration
from tests import factories
from tests.core.test_personal_data import ALSO_PERSONAL
from tests.spread.events.conftest import make_event

STHLM = ZoneInfo("Europe/Stockholm")
OPENS, CLOSES = datetime(2026, 3, 1, 9, tzinfo=STHLM), datetime(2026, 4, 30, 23, 59, tzinfo=STHLM)
DURING = datetime(2026, 4, 1, 12, tzinfo=STHLM)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
NAME = "Zelda Quirinius"
PRIVATE = "Mitt hemliga utkast om Zeldas trädgård"


def test_every_model_with_a_key_to_a_person_has_an_erasure_part():
    user_model = get_user_model()
    personal = {user_model._meta.label}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue
            if getattr(field, "related_model", None) is user_model:
                personal.add(model._meta.label)
    personal |= ALSO_PERSONAL
    decided = {model._meta.label for model in erased_models()}
    assert personal - decided == set(), "add an @erasure part for these to their app's personal_data.py"


def _call(by, programme, title):
    created = calls.call_create(
        by=by,
        programme=programme,
        title=title,
        summary="Sammanfattning.",
        description="Beskrivning.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
    )
    calls.criterion_add(call=created, by=by, name="Nytta")
    return calls.call_publish(call=created, by=by)


@pytest.fixture
def zelda(people, settings, tmp_path):
    """A resident who did what a resident does in each app: an idea with a comment, supports and follows, an
    application sent and a draft with a file, a registration for an event, a notification, a token."""
    settings.MEDIA_ROOT = tmp_path
    zelda = factories.person(kind=PersonKind.RESIDENT, name=NAME)
    idea = factories.idea(author=zelda, title="Bänkar i Zeldaparken")
    ideas.comment_add(idea=idea, author=zelda, body="Jag kan visa platsen.")
    other = factories.idea(author=people["employee"], title="Digitala lås", visibility="public")
    ideas.support_toggle(idea=other, user=zelda, kind="want_to_help")
    ideas.follow_toggle(idea=other, user=zelda)
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    award = _call(people["director"], Programme.OPEN_DATA_AWARD, "Öppna data-priset")
    sent = calls.application_start(call=award, applicant=zelda, now=DURING)
    sent = calls.application_save(
        application=sent,
        by=zelda,
        expected_version=sent.version,
        title="Parkbänkskartan",
        summary="En karta över parkbänkar.",
        description="Kartan bygger på stadens data.",
        open_data_used="Stadens parkdata.",
    )
    calls.application_submit(application=sent, by=zelda, expected_version=sent.version, now=DURING)
    stipend = _call(people["director"], Programme.STIPEND, "Stipendiet")
    draft = calls.application_start(call=stipend, applicant=zelda, now=DURING)
    draft = calls.application_save(
        application=draft, by=zelda, expected_version=draft.version, title=PRIVATE, birth_date=date(1990, 5, 17)
    )
    calls.application_file_add(application=draft, by=zelda, upload=SimpleUploadedFile("cv.pdf", PDF, "application/pdf"))
    fair = make_event(by=people["office"], capacity=5, is_public=True)
    events.registration_create(event=fair, by=zelda)
    notify(recipients=[zelda], message_factory=lambda: "Ditt förslag har fått svar.")
    api_token_create(user=zelda, name="Min app")
    return {"zelda": User.objects.get(pk=zelda.pk), "idea": idea, "sent": sent, "draft": draft}


def _every_text_in_the_database() -> str:
    """Every text, JSON and binary column of every table, as one lower-cased text."""
    texts: list[str] = []
    kinds = (models.CharField, models.TextField, models.JSONField, models.EmailField, models.FileField)
    for model in apps.get_models(include_auto_created=True):
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._base_manager.values_list(*fields):
            texts.append(json.dumps(row, ensure_ascii=False, default=str))
    return "\n".join(texts).lower()


def _erase(zelda, by):
    request = erasure_request(person=zelda)
    return erasure_confirm(request=request, by=by)


def test_after_erasure_nothing_of_the_name_address_or_private_texts_is_anywhere(zelda, people):
    person = zelda["zelda"]
    email = person.email
    before = _every_text_in_the_database()
    assert NAME.lower() in before and email in before and PRIVATE.lower() in before  # the search finds them
    _erase(person, people["director"])
    after = _every_text_in_the_database()
    assert NAME.lower() not in after
    assert email not in after
    assert PRIVATE.lower() not in after


def test_public_records_remain_with_the_placeholder_and_private_rows_go(
    zelda, people, client, django_capture_on_commit_callbacks
):
    person = zelda["zelda"]
    mail.outbox.clear()
    old_email = person.email
    with django_capture_on_commit_callbacks(execute=True):
        _erase(person, people["director"])
    person = User.objects.get(pk=person.pk)
    # The idea, its comment and the application sent are public records: kept, shown as the placeholder.
    idea = Idea.objects.get(pk=zelda["idea"].pk)
    assert idea.author_id == person.pk and idea.title == "Bänkar i Zeldaparken"
    assert Comment.objects.filter(author=person).count() == 1
    assert Application.objects.filter(pk=zelda["sent"].pk, status=ApplicationStatus.SUBMITTED).exists()
    # The draft, supports, follows, registrations, notifications, tokens and addresses are gone.
    assert not Application.objects.filter(pk=zelda["draft"].pk).exists()
    assert not Support.objects.filter(user=person).exists() and not Follow.objects.filter(user=person).exists()
    assert not Registration.objects.filter(person=person).exists()
    assert not Notification.objects.filter(recipient=person).exists()
    assert not person.api_tokens.exists() and not EmailAddress.objects.filter(user=person).exists()
    # The person: a placeholder in the reader's language, an address that receives no mail, no way in.
    with translation.override("sv"):
        assert str(person) == "En tidigare deltagare"
    with translation.override("en"):
        assert str(person) == "A former participant"
    assert person.email.endswith("@erased.invalid") and not person.has_usable_password() and not person.is_active
    assert person.is_erased and person.unit is None and person.supplier is None and person.last_login is None
    # The idea's page shows the placeholder where the name stood.
    client.force_login(people["office"])
    page = client.get(idea.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "En tidigare deltagare" in page or "A former participant" in page
    assert NAME not in page
    # The person was told, at their own address, before it was removed.
    assert [old_email] in [m.to for m in mail.outbox]


def test_the_audit_log_says_who_erased_whom_and_when_without_the_data(zelda, people):
    person = zelda["zelda"]
    _erase(person, people["director"])
    entry = LogEntry.objects.filter(object_pk=str(person.pk), changes_text="erased").get()
    assert entry.actor == people["director"]
    assert entry.additional_data["confirmed_by"] == people["director"].pk
    assert entry.additional_data["rows"]["application_drafts"] == 2  # the draft and its file
    # The entries of the account's creation no longer hold the name nor the address.
    for old in LogEntry.objects.filter(content_type__model="user", object_pk=str(person.pk)):
        text = json.dumps([old.changes, old.object_repr, old.changes_text], ensure_ascii=False)
        assert NAME not in text and "@example.se" not in text
    request = ErasureRequest.objects.get(person=person)
    assert (request.outcome, request.decided_by) == (ErasureOutcome.ERASED, people["director"])


def test_the_export_of_an_erased_person_holds_nothing_personal(zelda, people):
    from core.selectors import personal_data_export

    person = zelda["zelda"]
    _erase(person, people["director"])
    data = personal_data_export(user=User.objects.get(pk=person.pk))
    body = json.dumps(data, ensure_ascii=False, default=str)
    assert NAME not in body and "@example.se" not in body and PRIVATE not in body
    assert data["person"]["email_addresses"] == [] and data["notifications"] == [] and data["api_tokens"] == []
    assert [a["status"] for a in data["applications"]] == [ApplicationStatus.SUBMITTED]


def test_erasure_is_one_transaction(zelda, people, monkeypatch):
    person = zelda["zelda"]
    from core import personal_data as core_part

    def broken(user, placeholder):
        raise RuntimeError("disk full")

    monkeypatch.setattr(
        core_part,
        "erase_audit_log",
        broken,
    )
    from core.personal_data_registry import _erasures

    erasure = _erasures["audit_log"]
    monkeypatch.setitem(
        _erasures._declared, "audit_log", (erasure.position, type(erasure)("audit_log", broken, erasure.models, 99))
    )
    monkeypatch.setattr(_erasures, "_ordered_items", None)
    with pytest.raises(RuntimeError):
        person_erase(person=person, by=people["director"])
    person.refresh_from_db()
    assert person.name == NAME and Support.objects.filter(user=person).exists()
    assert Application.objects.filter(pk=zelda["draft"].pk).exists()


def test_an_employee_cannot_ask(people):
    with pytest.raises(DomainError) as refused:
        erasure_request(person=people["employee"])
    assert refused.value.code == ErrorCode.FORBIDDEN and "HR" in refused.value.message
    assert not ErasureRequest.objects.exists()


def test_only_the_executive_office_decides(people):
    resident = people["resident"]
    request = erasure_request(person=resident)
    for who in ("office", "manager", "employee", "supplier"):
        with pytest.raises(PermissionDeniedError):
            erasure_confirm(request=request, by=people[who])
    refused = erasure_refuse(request=request, by=people["director"], reason="Ett ärende pågår.")
    assert refused.outcome == ErasureOutcome.REFUSED
    assert User.objects.get(pk=resident.pk).is_active
    with pytest.raises(DomainError) as decided:
        erasure_confirm(request=refused, by=people["director"])
    assert decided.value.code == ErrorCode.STATE


def test_a_refusal_needs_a_reason(people):
    request = erasure_request(person=people["resident"])
    with pytest.raises(DomainError) as refused:
        erasure_refuse(request=request, by=people["director"], reason="  ")
    assert refused.value.field == "reason"


def test_asking_twice_is_refused_and_the_office_is_told(people):
    erasure_request(person=people["supplier"])
    with pytest.raises(DomainError) as twice:
        erasure_request(person=people["supplier"])
    assert twice.value.code == ErrorCode.ALREADY_ASKED
    told = Notification.objects.filter(recipient=people["director"]).get()
    assert "Sam" not in told.message and told.url == "/people/erasure-requests/"


# The pages.


def test_a_resident_asks_on_their_own_page(client, people):
    client.force_login(people["resident"])
    page = client.get("/people/remove-account/")
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    refused = client.post("/people/remove-account/", {})
    assert refused.status_code == 200 and not ErasureRequest.objects.exists()
    assert "Tick the box" in refused.content.decode() or "Kryssa" in refused.content.decode()
    client.post("/people/remove-account/", {"understood": "on"})
    assert ErasureRequest.objects.get().person == people["resident"]


def test_no_one_asks_for_anothers_erasure(client, people):
    """The form names no one: a crafted POST naming another person still asks for the one signed in."""
    client.force_login(people["supplier"])
    other = people["resident"]
    client.post("/people/remove-account/", {"understood": "on", "person": other.pk, "person_id": other.pk})
    assert list(ErasureRequest.objects.values_list("person_id", flat=True)) == [people["supplier"].pk]


def test_an_employees_request_is_refused_with_a_clear_message(client, people):
    client.force_login(people["employee"])
    page = client.get("/people/remove-account/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "closed by HR" in page or "HR" in page
    answer = client.post("/people/remove-account/", {"understood": "on"}).content.decode()
    assert "HR" in answer and not ErasureRequest.objects.exists()


def test_the_office_lists_and_confirms(client, people, django_assert_max_num_queries):
    for who in ("resident", "supplier"):
        erasure_request(person=people[who])
    for _n in range(3):
        erasure_request(person=factories.person(kind=PersonKind.RESIDENT))
    client.force_login(people["director"])
    client.get("/people/erasure-requests/")
    with django_assert_max_num_queries(12):
        listing = client.get("/people/erasure-requests/")
    assert "Rut Invånare" in listing.content.decode()
    request = ErasureRequest.objects.get(person=people["resident"])
    page = client.get(f"/people/erasure-requests/{request.pk}/").content.decode()
    assert "cannot be undone" in page or "kan inte ångras" in page
    not_ticked = client.post(f"/people/erasure-requests/{request.pk}/", {"confirm": "1"})
    assert not_ticked.status_code == 200 and User.objects.get(pk=people["resident"].pk).is_active
    done = client.post(f"/people/erasure-requests/{request.pk}/", {"confirm": "1", "confirm-understood": "on"})
    assert done.status_code == 302
    assert User.objects.get(pk=people["resident"].pk).is_erased
    decided = client.get("/people/erasure-requests/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Beslutat nyligen" in decided and ">Beslutad</th>" in decided and ">Decided<" not in decided


def test_others_may_not_see_the_requests(client, people):
    request = erasure_request(person=people["resident"])
    for who in ("office", "resident", "employee"):
        client.force_login(people[who])
        assert client.get("/people/erasure-requests/").status_code == 403
        assert (
            client.post(
                f"/people/erasure-requests/{request.pk}/", {"confirm": "1", "confirm-understood": "on"}
            ).status_code
            == 403
        )
    assert User.objects.get(pk=people["resident"].pk).is_active


def test_an_erased_persons_session_ends(client, people):
    client.force_login(people["resident"])
    assert client.get("/profile/").status_code == 200
    person_erase(person=people["resident"], by=people["director"])
    assert client.get("/profile/").status_code == 302
