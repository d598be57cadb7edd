"""Every write of a case's open market dialogue: the request for information (RFI) and its documents, suppliers
registering their interest, their questions and the answers published to all of them at once, meeting times and
their minutes, and written responses with their business secrets.

Keyword-only, atomic, checking permission through ``procurement/dialogue/rules.py``, refusing with a
``DomainError`` that names the field at fault. Edited records are optimistically locked (``expected_version``).
Every contact with the market goes into the case's log (``procurement.cases.services.log``), never with a
business secret in it.

Equal treatment is kept here: an answer is never given to one supplier. ``answers_publish`` publishes every
answer the officer has written, numbered, in one ``UPDATE``, and tells every registered supplier's people in
one go; there is no other way for an answer to reach anyone outside the case's officers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from core.audit import actor_from, log_created, log_update, log_updated, snapshot
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, require
from core.services import notify
from core.uploads import accept_upload
from ideas.search import stems_for
from organisation.models import PersonKind, SupplierOrganisation, User
from organisation.services import normalise_org_number
from procurement.cases.services import bump, log
from procurement.models import (
    CaseStage,
    LogKind,
    Maturity,
    MeetingSlot,
    ProcurementCase,
    Question,
    ResponseFile,
    ResponseStatus,
    Rfi,
    RfiDocument,
    RfiStatus,
    SupplierInterest,
    WrittenResponse,
)

NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")
#: The longest question a supplier may ask: one thing at a time, answered for everyone.
QUESTION_MAX = 4_000
#: The most meeting times offered in one go.
MAX_SLOTS_AT_ONCE = 40


def local(moment: datetime) -> str:
    return date_format(moment.astimezone(CITY_TIME_ZONE), "j F Y, H:i")


def rfi_stems(rfi: Rfi) -> str:
    """What the RFI is found by: its title (twice) and what the city wants to know. Never a supplier's text."""
    stems = stems_for(rfi.title, rfi.title, rfi.description)
    return f" {stems} " if stems else ""


def questions_open(rfi: Rfi, now: datetime) -> bool:
    return rfi.status == RfiStatus.PUBLISHED and now < rfi.questions_close_at


def responses_open(rfi: Rfi, now: datetime) -> bool:
    return rfi.status == RfiStatus.PUBLISHED and now < rfi.responses_close_at


def _conflict(what: str = "") -> None:
    raise ConflictError(
        what
        or _(
            "Someone else changed this while you were working on it. Reload the page to see the latest version; "
            "what you wrote is still in the form."
        )
    )


def registered_people(rfi: Rfi) -> QuerySet[User]:
    """Every active person of every supplier organisation registered for the RFI."""
    return User.objects.filter(kind=PersonKind.SUPPLIER, is_active=True, supplier__rfi_interests__rfi=rfi).order_by(
        "pk"
    )


# --- the request for information ------------------------------------------------------------------------------


def _clean_rfi(
    *,
    title: str,
    description: str,
    terms: str,
    questions_close_at: datetime | None,
    responses_close_at: datetime | None,
) -> dict[str, Any]:
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the request a short title."), field="title")
    description = (description or "").strip()
    if not description:
        raise DomainError(
            _("Write what the city wants to know from the market: the problem, not a product."), field="description"
        )
    if questions_close_at is None:
        raise DomainError(_("Give the last time for questions."), field="questions_close_at")
    if responses_close_at is None:
        raise DomainError(_("Give the last time for written responses."), field="responses_close_at")
    if responses_close_at < questions_close_at:
        raise DomainError(
            _("The last time for written responses must be at or after the last time for questions."),
            field="responses_close_at",
        )
    return {
        "title": title,
        "description": description,
        "terms": (terms or "").strip(),
        "questions_close_at": questions_close_at,
        "responses_close_at": responses_close_at,
    }


def _accept_documents(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, Any]]:
    return [(upload, accept_upload(upload, field="documents")) for upload in files]


def _store_documents(rfi: Rfi, files: list[tuple[UploadedFile, Any]], *, by: User) -> None:
    for upload, info in files:
        RfiDocument.objects.create(
            rfi=rfi,
            file=upload,
            original_name=info.name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=by,
        )


def _remove_documents(rfi: Rfi, files: Iterable[RfiDocument]) -> None:
    for old in RfiDocument.objects.filter(rfi=rfi, pk__in=[f.pk for f in files]):
        name, storage = old.file.name or "", old.file.storage
        old.delete()
        if name:
            transaction.on_commit(partial(storage.delete, name))


@actor_from("by")
@transaction.atomic
def rfi_create(
    *,
    case: ProcurementCase,
    by: User,
    title: str,
    description: str,
    terms: str = "",
    questions_close_at: datetime | None,
    responses_close_at: datetime | None,
    documents: Iterable[UploadedFile] = (),
    now: datetime | None = None,
) -> Rfi:
    """Write the case's request for information, as a draft read by its officers only."""
    require("procurement.add_rfi_to", by, case, message=NOT_ALLOWED)
    now = now or timezone.now()
    data = _clean_rfi(
        title=title,
        description=description,
        terms=terms,
        questions_close_at=questions_close_at,
        responses_close_at=responses_close_at,
    )
    files = _accept_documents(documents)
    rfi = Rfi(case=case, **data)
    rfi.search_stems = rfi_stems(rfi)
    rfi.created_at = rfi.updated_at = now
    try:
        with transaction.atomic():
            rfi.save()
    except IntegrityError:
        raise DomainError(_("The case already has a request for information."), field="title") from None
    _store_documents(rfi, files, by=by)
    return rfi


@actor_from("by")
@transaction.atomic
def rfi_update(
    *,
    rfi: Rfi,
    by: User,
    expected_version: int,
    title: str,
    description: str,
    terms: str = "",
    questions_close_at: datetime | None,
    responses_close_at: datetime | None,
    documents: Iterable[UploadedFile] = (),
    remove_documents: Iterable[RfiDocument] = (),
    now: datetime | None = None,
) -> Rfi:
    """Change the RFI. Once published its deadlines move only later (every supplier counts on them), and the
    change is in the case's log."""
    require("procurement.change_rfi", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    data = _clean_rfi(
        title=title,
        description=description,
        terms=terms,
        questions_close_at=questions_close_at,
        responses_close_at=responses_close_at,
    )
    published = rfi.status == RfiStatus.PUBLISHED
    if published:
        if data["questions_close_at"] < rfi.questions_close_at:
            raise DomainError(
                _("A published request's last time for questions may move later, never earlier."),
                field="questions_close_at",
            )
        if data["responses_close_at"] < rfi.responses_close_at:
            raise DomainError(
                _("A published request's last time for written responses may move later, never earlier."),
                field="responses_close_at",
            )
    files = _accept_documents(documents)
    before = snapshot(rfi)
    probe = Rfi(**data)
    stems = rfi_stems(probe)
    updated = Rfi.objects.filter(pk=rfi.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now, search_stems=stems, **data
    )
    if not updated:
        _conflict()
    for key, value in data.items():
        setattr(rfi, key, value)
    rfi.search_stems = stems
    rfi.version = expected_version + 1
    log_update(rfi, before=before, fields=data, actor=by)
    _store_documents(rfi, files, by=by)
    _remove_documents(rfi, remove_documents)
    if published:
        log(rfi.case, LogKind.RFI_CHANGED, person=by, summary=rfi.title, now=now)
    return rfi


@actor_from("by")
@transaction.atomic
def rfi_publish(*, rfi: Rfi, by: User, expected_version: int, now: datetime | None = None) -> Rfi:
    """Publish the RFI: public from now on. A case still planning moves on to its market dialogue."""
    require("procurement.publish_rfi", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    if rfi.questions_close_at <= now:
        raise DomainError(
            _("The last time for questions has already passed: move it later before publishing."),
            field="questions_close_at",
        )
    before = snapshot(rfi)
    updated = Rfi.objects.filter(pk=rfi.pk, version=expected_version, status=RfiStatus.DRAFT).update(
        version=F("version") + 1, updated_at=now, status=RfiStatus.PUBLISHED, published_at=now, published_by=by
    )
    if not updated:
        _conflict()
    rfi.status, rfi.published_at, rfi.published_by = RfiStatus.PUBLISHED, now, by
    rfi.version = expected_version + 1
    log_update(rfi, before=before, fields=["status", "published_at", "published_by"], actor=by)
    case = ProcurementCase.objects.select_for_update().get(pk=rfi.case_id)
    if case.stage == CaseStage.PLANNING:
        bump(case, case.version, by=by, stage=CaseStage.DIALOGUE)
    rfi.case = case
    log(case, LogKind.RFI_PUBLISHED, person=by, summary=rfi.title, now=now)
    return rfi


# --- suppliers register and ask -------------------------------------------------------------------------------


def _supplier_of(by: User) -> SupplierOrganisation:
    supplier = by.supplier
    if supplier is None:  # the rules let no one without an organisation this far
        raise DomainError(str(NOT_ALLOWED))
    return supplier


@actor_from("by")
@transaction.atomic
def interest_register(*, rfi: Rfi, by: User, now: datetime | None = None) -> SupplierInterest:
    """Register the person's supplier organisation for the RFI, once. From then on every published answer and
    minutes reach its people, and it may ask, book a meeting and respond."""
    require("procurement.register_interest", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    supplier = _supplier_of(by)
    try:
        normalise_org_number(supplier.org_number)
    except DomainError:
        raise DomainError(
            _(
                "Your organisation's number, %(number)s, is not a valid Swedish organisation number, so it cannot "
                "register. Ask the city's innovation office to correct it."
            )
            % {"number": supplier.org_number},
            field="org_number",
        ) from None
    if not responses_open(rfi, now):
        raise DomainError(_("The request for information has closed: no more suppliers can register."))
    locked = Rfi.objects.select_for_update().get(pk=rfi.pk)
    if SupplierInterest.objects.filter(rfi=locked, supplier=supplier).exists():
        raise DomainError(_("Your organisation is already registered for this request."))
    interest = SupplierInterest.objects.create(
        rfi=locked, supplier=supplier, registered_by=by, created_at=now, updated_at=now
    )
    Rfi.objects.filter(pk=rfi.pk).update(supplier_count=F("supplier_count") + 1)
    rfi.supplier_count = locked.supplier_count + 1
    log(rfi.case, LogKind.INTEREST, person=by, supplier=supplier, now=now)
    return interest


@actor_from("by")
@transaction.atomic
def question_ask(*, rfi: Rfi, by: User, text: str, now: datetime | None = None) -> Question:
    """A registered supplier's question. Until the officers publish its answer, only the case's officers and the
    asking organisation read it."""
    require("procurement.take_part", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    text = (text or "").strip()
    if not text:
        raise DomainError(pgettext("organisation", "Write your question."), field="text")
    if len(text) > QUESTION_MAX:
        raise DomainError(
            _("Write the question in at most %(max)s characters; it has %(n)s. Ask one thing at a time.")
            % {"max": QUESTION_MAX, "n": len(text)},
            field="text",
        )
    if not questions_open(rfi, now):
        raise DomainError(
            _("The last time for questions was %(moment)s. Questions can no longer be sent.")
            % {"moment": local(rfi.questions_close_at)},
            field="text",
        )
    supplier = _supplier_of(by)
    question = Question.objects.create(
        rfi=rfi, supplier=supplier, asked_by=by, text=text, created_at=now, updated_at=now
    )
    log(
        rfi.case,
        LogKind.QUESTION,
        person=by,
        supplier=supplier,
        summary=_("Question %(pk)s") % {"pk": question.pk},
        now=now,
    )
    return question


# --- officers answer, all at once -----------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def answer_draft(
    *, question: Question, by: User, expected_version: int, public_text: str, answer: str, now: datetime | None = None
) -> Question:
    """Write the question's anonymised wording and its answer, kept as a draft until ``answers_publish``."""
    require("procurement.run_dialogue", by, question.rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    if question.published_at is not None:
        raise DomainError(_("This answer is already published to every supplier and cannot change."))
    public_text = (public_text or "").strip()
    answer = (answer or "").strip()
    if not public_text:
        raise DomainError(
            _("Write the question as it will be published, without anything that names or points to the supplier."),
            field="public_text",
        )
    if not answer:
        raise DomainError(_("Write the answer."), field="answer")
    before = snapshot(question)
    updated = Question.objects.filter(pk=question.pk, version=expected_version, published_at__isnull=True).update(
        version=F("version") + 1, updated_at=now, public_text=public_text, answer=answer, answered_by=by
    )
    if not updated:
        _conflict()
    question.public_text, question.answer, question.answered_by = public_text, answer, by
    question.version = expected_version + 1
    log_update(question, before=before, fields=["public_text", "answer", "answered_by"], actor=by)
    return question


def drafted_answers(rfi: Rfi) -> QuerySet[Question]:
    """Questions whose answer is written and not yet published, in the order they were asked."""
    return (
        Question.objects.filter(rfi=rfi, published_at__isnull=True)
        .exclude(answer="")
        .exclude(public_text="")
        .order_by("created_at", "pk")
    )


@actor_from("by")
@transaction.atomic
def answers_publish(*, rfi: Rfi, by: User, expected_count: int | None = None, now: datetime | None = None) -> int:
    """Publish every drafted answer at once: numbered in the order asked, in ONE update, and told to every
    registered supplier's people in one go (in-app and by email). Returns how many were published.

    ``expected_count`` is how many the officer saw on the confirmation page: if more or fewer are drafted now, the
    officer is asked to look again."""
    require("procurement.run_dialogue", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    locked = Rfi.objects.select_for_update().get(pk=rfi.pk)
    drafted = list(drafted_answers(locked).select_for_update())
    if not drafted:
        raise DomainError(_("No answer is written yet: write the answers first, then publish them together."))
    if expected_count is not None and expected_count != len(drafted):
        _conflict(
            _(
                "The number of written answers has changed since you looked: %(n)s are written now. Read them "
                "through and publish again."
            )
            % {"n": len(drafted)}
        )
    first = locked.published_question_count + 1
    numbers = {q.pk: first + i for i, q in enumerate(drafted)}
    befores = [snapshot(q) for q in drafted]
    Question.objects.filter(pk__in=list(numbers)).update(
        published_at=now,
        updated_at=now,
        version=F("version") + 1,
        number=Case(*[When(pk=pk, then=Value(n)) for pk, n in numbers.items()], output_field=IntegerField()),
    )
    for q in drafted:
        q.published_at, q.number = now, numbers[q.pk]
    log_updated(zip(befores, drafted, strict=True), fields=["published_at", "number"], actor=by)
    count = len(drafted)
    Rfi.objects.filter(pk=rfi.pk).update(published_question_count=F("published_question_count") + count, updated_at=now)
    rfi.published_question_count = locked.published_question_count + count
    title = rfi.title
    notify(
        recipients=registered_people(rfi),
        message_factory=lambda: (
            ngettext(
                "%(n)s new answer to a question is published in “%(title)s”.",
                "%(n)s new answers to questions are published in “%(title)s”.",
                count,
            )
            % {"n": count, "title": title}
        ),
        url=rfi.get_absolute_url() + "#answers",
    )
    log(
        rfi.case,
        LogKind.ANSWERS_PUBLISHED,
        person=by,
        summary=_("Answers %(first)s–%(last)s") % {"first": first, "last": first + count - 1},
        now=now,
    )
    return count


# --- meetings on equal terms ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SlotTime:
    starts_at: datetime
    ends_at: datetime
    place: str


@actor_from("by")
@transaction.atomic
def slots_offer(*, rfi: Rfi, by: User, slots: Sequence[SlotTime], now: datetime | None = None) -> list[MeetingSlot]:
    """Offer meeting times, several at once, to every registered supplier on the same terms (each is told)."""
    require("procurement.run_dialogue", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    if not slots:
        raise DomainError(_("Offer at least one meeting time."), field="starts_at")
    if len(slots) > MAX_SLOTS_AT_ONCE:
        raise DomainError(_("Offer at most %(max)s meeting times at once.") % {"max": MAX_SLOTS_AT_ONCE}, field="count")
    rows = []
    for slot in slots:
        place = (slot.place or "").strip()
        if not place:
            raise DomainError(_("Write where the meetings are held, or the link to them."), field="place")
        if slot.starts_at <= now:
            raise DomainError(_("A meeting time must be in the future."), field="starts_at")
        if slot.ends_at <= slot.starts_at:
            raise DomainError(_("A meeting must end after it starts."), field="minutes")
        if slot.starts_at >= rfi.responses_close_at:
            raise DomainError(
                _("Meetings must start before the last time for written responses, %(moment)s.")
                % {"moment": local(rfi.responses_close_at)},
                field="starts_at",
            )
        rows.append(
            MeetingSlot(
                rfi=rfi, starts_at=slot.starts_at, ends_at=slot.ends_at, place=place, created_at=now, updated_at=now
            )
        )
    made = MeetingSlot.objects.bulk_create(rows)
    log_created(made, actor=by)
    title = rfi.title
    notify(
        recipients=registered_people(rfi),
        message_factory=lambda: (
            _("New meeting times are offered in “%(title)s”: book one if you want a meeting.") % {"title": title}
        ),
        url=rfi.get_absolute_url() + "#meetings",
    )
    log(rfi.case, LogKind.SLOTS_OFFERED, person=by, summary=str(len(made)), now=now)
    return made


@actor_from("by")
@transaction.atomic
def slot_book(*, slot: MeetingSlot, by: User, now: datetime | None = None) -> MeetingSlot:
    """Book a meeting time for the person's organisation: one per organisation. Two booking the same time at the
    same moment: the conditional update lets one win, the other is told the time is taken."""
    rfi = slot.rfi
    require("procurement.take_part", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    supplier = _supplier_of(by)
    if slot.starts_at <= now:
        raise DomainError(_("This meeting time has already begun: choose a later one."))
    if MeetingSlot.objects.filter(rfi=rfi, booked_by_supplier=supplier).exists():
        raise DomainError(
            _("Your organisation has already booked a meeting. Cancel it first if you want another time.")
        )
    try:
        with transaction.atomic():
            booked = MeetingSlot.objects.filter(pk=slot.pk, booked_by_supplier__isnull=True).update(
                booked_by_supplier=supplier,
                booked_by=by,
                booked_at=now,
                updated_at=now,
                version=F("version") + 1,
            )
    except IntegrityError:
        booked = -1
    if booked == -1:
        raise DomainError(
            _("Your organisation has already booked a meeting. Cancel it first if you want another time.")
        )
    if not booked:
        raise DomainError(_("Someone else booked this time a moment ago. Choose another time."))
    before = snapshot(slot)
    slot.booked_by_supplier, slot.booked_by, slot.booked_at = supplier, by, now
    slot.version += 1
    log_update(slot, before=before, fields=["booked_by_supplier", "booked_by", "booked_at"], actor=by)
    log(rfi.case, LogKind.MEETING_BOOKED, person=by, supplier=supplier, summary=local(slot.starts_at), now=now)
    return slot


@actor_from("by")
@transaction.atomic
def slot_cancel_booking(*, slot: MeetingSlot, by: User, now: datetime | None = None) -> MeetingSlot:
    """Cancel the organisation's own booking, before the meeting starts; the time is free for anyone again."""
    rfi = slot.rfi
    require("procurement.take_part", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    supplier = _supplier_of(by)
    if slot.booked_by_supplier_id != supplier.pk:
        raise DomainError(_("This is not your organisation's booking."))
    if slot.starts_at <= now:
        raise DomainError(_("The meeting has already begun and can no longer be cancelled here."))
    before = snapshot(slot)
    updated = MeetingSlot.objects.filter(pk=slot.pk, booked_by_supplier=supplier).update(
        booked_by_supplier=None, booked_by=None, booked_at=None, updated_at=now, version=F("version") + 1
    )
    if not updated:
        _conflict()
    slot.booked_by_supplier, slot.booked_by, slot.booked_at = None, None, None
    slot.version += 1
    log_update(slot, before=before, fields=["booked_by_supplier", "booked_by", "booked_at"], actor=by)
    log(rfi.case, LogKind.MEETING_CANCELLED, person=by, supplier=supplier, summary=local(slot.starts_at), now=now)
    return slot


@actor_from("by")
@transaction.atomic
def minutes_write(
    *,
    slot: MeetingSlot,
    by: User,
    expected_version: int,
    minutes: str,
    publish: bool = False,
    now: datetime | None = None,
) -> MeetingSlot:
    """Write a held meeting's minutes; with ``publish`` they go to every registered supplier at once (in-app and by
    email) and no longer change."""
    rfi = slot.rfi
    require("procurement.run_dialogue", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    if slot.booked_by_supplier_id is None:
        raise DomainError(_("No one booked this time, so there are no minutes to write."))
    if slot.starts_at > now:
        raise DomainError(_("Write the minutes after the meeting has begun."), field="minutes")
    if slot.minutes_published_at is not None:
        raise DomainError(_("The minutes are already published to every supplier and cannot change."))
    minutes = (minutes or "").strip()
    if not minutes:
        raise DomainError(_("Write what was said at the meeting."), field="minutes")
    changes: dict[str, Any] = {"minutes": minutes, "minutes_by": by}
    if publish:
        changes["minutes_published_at"] = now
    before = snapshot(slot)
    updated = MeetingSlot.objects.filter(
        pk=slot.pk, version=expected_version, minutes_published_at__isnull=True
    ).update(version=F("version") + 1, updated_at=now, **changes)
    if not updated:
        _conflict()
    for key, value in changes.items():
        setattr(slot, key, value)
    slot.version = expected_version + 1
    log_update(slot, before=before, fields=changes, actor=by)
    if publish:
        title = rfi.title
        notify(
            recipients=registered_people(rfi),
            message_factory=lambda: _("The minutes of a meeting in “%(title)s” are published.") % {"title": title},
            url=rfi.get_absolute_url() + "#minutes",
        )
        log(
            rfi.case,
            LogKind.MINUTES_PUBLISHED,
            person=by,
            supplier=slot.booked_by_supplier,
            summary=local(slot.starts_at),
            now=now,
        )
    return slot


# --- written responses ----------------------------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def response_save(
    *,
    rfi: Rfi,
    by: User,
    expected_version: int | None,
    solution: str,
    solution_secret: bool = False,
    maturity: str,
    price_indication: str = "",
    price_secret: bool = True,
    other: str = "",
    other_secret: bool = False,
    files: Iterable[UploadedFile] = (),
    files_secret: bool = True,
    remove_files: Iterable[ResponseFile] = (),
    submit: bool = False,
    now: datetime | None = None,
) -> WrittenResponse:
    """Save the organisation's written response (``expected_version`` None for its first), and with ``submit``
    send it. After the last time for responses nothing is saved or sent: the draft stays as it was.

    Parts marked as business secrets, and files unless ``files_secret`` is False, are read by the case's officers
    only."""
    require("procurement.take_part", by, rfi, message=NOT_ALLOWED)
    now = now or timezone.now()
    supplier = _supplier_of(by)
    if not responses_open(rfi, now):
        raise DomainError(
            _(
                "The last time for written responses was %(moment)s, so the response can no longer be saved or "
                "sent. Your draft is kept as it was last saved."
            )
            % {"moment": local(rfi.responses_close_at)}
        )
    solution = (solution or "").strip()
    if not solution:
        raise DomainError(_("Describe your solution or idea."), field="solution")
    if maturity not in Maturity.values:
        raise DomainError(_("Choose how far the solution has come."), field="maturity")
    accepted = [(upload, accept_upload(upload, field="files")) for upload in files]
    values: dict[str, Any] = {
        "solution": solution,
        "solution_secret": bool(solution_secret),
        "maturity": maturity,
        "price_indication": (price_indication or "").strip(),
        "price_secret": bool(price_secret),
        "other": (other or "").strip(),
        "other_secret": bool(other_secret),
        "written_by": by,
    }
    existing = WrittenResponse.objects.filter(rfi=rfi, supplier=supplier).first()
    first_sending = submit and (existing is None or existing.status != ResponseStatus.SUBMITTED)
    if submit or (existing is not None and existing.status == ResponseStatus.SUBMITTED):
        values["status"] = ResponseStatus.SUBMITTED
        values["submitted_at"] = now
    if existing is None:
        if expected_version is not None:
            _conflict()
        try:
            with transaction.atomic():
                response = WrittenResponse.objects.create(
                    rfi=rfi, supplier=supplier, created_at=now, updated_at=now, **values
                )
        except IntegrityError:
            _conflict()
    else:
        if expected_version is None or existing.version != expected_version:
            raise ConflictError(
                _(
                    "Someone else changed this while you were working on it. Reload the page to see the latest "
                    "version; what you wrote is still in the form."
                )
            )
        before = snapshot(existing)
        updated = WrittenResponse.objects.filter(pk=existing.pk, version=expected_version).update(
            version=F("version") + 1, updated_at=now, **values
        )
        if not updated:
            _conflict()
        for key, value in values.items():
            setattr(existing, key, value)
        existing.version = expected_version + 1
        log_update(
            existing,
            before=before,
            fields=[k for k in values if k not in ("solution", "price_indication", "other")],
            actor=by,
        )
        response = existing
    for upload, info in accepted:
        ResponseFile.objects.create(
            response=response,
            file=upload,
            original_name=info.name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=by,
            secret=bool(files_secret),
        )
    for old in ResponseFile.objects.filter(response=response, pk__in=[f.pk for f in remove_files]):
        name, storage = old.file.name or "", old.file.storage
        old.delete()
        if name:
            transaction.on_commit(partial(storage.delete, name))
    if first_sending:
        log(rfi.case, LogKind.RESPONSE, person=by, supplier=supplier, now=now)
    return response
