"""Writes to good examples: publishing an idea as one, proposals from award winners and their confirmation,
editing, taking an example out of the library and back, and the owner's consent to publish it outside the city.

Every write checks its rule (``spread/examples/rules.py``), runs in one transaction, keeps ``search_stems``
(the Swedish word stems the library searches, ``ideas.search.stems_for``) and refuses a change made from an
older version than the stored one (optimistic locking, ``version``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from
from core.errors import ConflictError, DomainError, ErrorCode, require
from core.services import notify
from core.uploads import accept_upload
from ideas.models import VALUE_KEYS, Idea, InnovationKind
from ideas.search import stems_for
from organisation.models import PersonKind, Role, RoleAssignment, User
from spread.models import Example, ExampleFile, ExampleStatus, ExampleVisibility, Sector

NOT_ALLOWED = gettext_lazy("You do not have permission to do that with this good example.")

#: The texts of an example, as the forms and the API name them; the first three and the effect are required.
TEXT_FIELDS = ("title", "problem", "what_was_done", "cost", "time_taken", "roles", "tools", "effect", "watch_out_for")
REQUIRED_TEXTS = ("title", "problem", "what_was_done", "effect")
REQUIRED_MESSAGES = {
    "title": gettext_lazy("Give the example a short title."),
    "problem": gettext_lazy("Describe the problem the example solved."),
    "what_was_done": gettext_lazy("Describe what was done."),
    "effect": gettext_lazy("Describe the evidence of the effect: what got better, for whom, and how you know."),
}


def example_stems(example: Example) -> str:
    """The example's Swedish word stems, between spaces, so that a search matches whole stems from their start."""
    stems = stems_for(
        example.title,
        example.title,
        example.problem,
        example.what_was_done,
        example.effect,
        example.watch_out_for,
        example.tools,
        example.roles,
    )
    return f" {stems} " if stems else ""


def _clean_texts(fields: dict[str, Any], current: Example | None = None) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for name in TEXT_FIELDS:
        if name in fields:
            value = str(fields[name] or "").strip()
        else:
            value = getattr(current, name, "") if current is not None else ""
        if name in REQUIRED_TEXTS and not value:
            raise DomainError(str(REQUIRED_MESSAGES[name]), field=name)
        cleaned[name] = value
    if len(cleaned["title"]) > 200:
        raise DomainError(_("Keep the title to 200 characters or fewer."), field="title")
    return cleaned


def _clean_choices(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    if "sector" in fields:
        sector = fields["sector"] or ""
        if sector and sector not in Sector.values:
            raise DomainError(_("Choose the sector from the list."), field="sector")
        cleaned["sector"] = sector
    if "kind" in fields:
        kind = fields["kind"] or ""
        if kind not in InnovationKind.values:
            raise DomainError(_("Choose the kind of innovation."), field="kind")
        cleaned["kind"] = kind
    if "values" in fields:
        values = set(fields["values"] or ())
        if not values or not values <= set(VALUE_KEYS):
            raise DomainError(_("Choose at least one kind of value the example creates."), field="values")
        cleaned.update(Idea.value_fields(values))
    return cleaned


def _contact(contact: User | str | None) -> User | None:
    """The contact person: a member of staff, named by their account or their email address."""
    if contact is None or contact == "":
        return None
    if isinstance(contact, User):
        person: User | None = contact
    else:
        person = User.objects.filter(email__iexact=str(contact).strip(), is_active=True).first()
    if person is None or person.kind != PersonKind.EMPLOYEE:
        raise DomainError(
            _("No one on the city's staff has the email address %(email)s. Give the work email of the contact person.")
            % {"email": contact},
            field="contact",
        )
    return person


def _accept_files(files: Iterable[UploadedFile]) -> list[tuple[UploadedFile, Any]]:
    return [(upload, accept_upload(upload, field="attachments")) for upload in files]


def _store_files(example: Example, accepted: list[tuple[UploadedFile, Any]], by: User) -> None:
    for upload, info in accepted:
        ExampleFile.objects.create(
            example=example,
            file=upload,
            original_name=info.name,
            content_type=info.content_type,
            size=info.size,
            uploaded_by=by,
        )


def _city_office_people() -> list[User]:
    """The city's innovation office: office roles at the top of the tree, and the director."""
    assignments = RoleAssignment.objects.filter(
        role__in=(Role.OFFICE, Role.DIRECTOR), unit__depth=1, user__is_active=True
    ).select_related("user")
    return [a.user for a in assignments]


def _locked(example: Example, expected_version: int | None) -> Example:
    current = Example.objects.select_for_update(of=("self",)).select_related("unit", "owner").get(pk=example.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError(
            _(
                "Someone else changed this good example while you were working on it. Nothing was overwritten; look at the new version and try again."
            )
        )
    return current


def _save(example: Example, fields: Iterable[str]) -> Example:
    example.version += 1
    example.save(update_fields=[*fields, "version", "updated_at"])
    return example


def _delete_stored(old: ExampleFile) -> None:
    """Remove a file's row now and its stored file once the transaction commits."""
    name, storage = old.file.name or "", old.file.storage
    old.delete()

    def delete() -> None:
        if name:
            storage.delete(name)

    transaction.on_commit(delete)


# --- publishing an idea -----------------------------------------------------------------------------------


def idea_prefill(idea: Idea) -> dict[str, Any]:
    """What the form to publish ``idea`` starts from: its texts, kind and values, its assessment's evidence,
    its unit's first sector and its author as the contact person."""
    assessment = idea.assessments.order_by("-assessed_at", "-pk").first()
    effect = ""
    if assessment is not None:
        effect = assessment.value_evidence
        if assessment.value_figures:
            effect = f"{effect}\n\n{assessment.value_figures}"
    sectors = [s.strip() for s in (idea.unit.sectors or "").split(",") if s.strip() in Sector.values]
    return {
        "title": idea.title,
        "problem": idea.problem,
        "what_was_done": idea.proposal,
        "effect": effect,
        "kind": idea.kind,
        "values": idea.value_keys,
        "sector": sectors[0] if sectors else "",
        "contact": idea.author.email if idea.author.kind == PersonKind.EMPLOYEE else "",
    }


@actor_from("by")
@transaction.atomic
def example_publish_from_idea(
    *,
    idea: Idea,
    by: User,
    contact: User | str | None = None,
    attachments: Iterable[UploadedFile] = (),
    public_consent: bool = False,
    now: datetime | None = None,
    **fields: Any,
) -> Example:
    """Publish an idea that has been put into practice and assessed as a good example, internal to the city
    unless its owner (the idea's author) consents, here or later, to publishing it outside the city."""
    now = now or timezone.now()
    idea = Idea.objects.select_for_update(of=("self",)).select_related("unit", "author").get(pk=idea.pk)
    require(
        "spread.publish_idea_as_example",
        by,
        idea,
        message=_(
            "Only the idea's author or the innovation office of its unit can publish it as a good example, once it has reached implementation."
        ),
    )
    if not idea.assessments.exists():
        raise DomainError(
            _("Assess the idea first (innovation or improvement?): its evidence is the base of the good example."),
            code=ErrorCode.INCOMPLETE,
        )
    if Example.objects.filter(idea=idea).exists():
        raise DomainError(_("This idea is already published as a good example."), code=ErrorCode.STATE)
    texts = _clean_texts(fields)
    choices = _clean_choices({"values": fields.get("values"), "kind": fields.get("kind", ""), **fields})
    person = _contact(contact)
    consent = bool(public_consent)
    if consent and by.pk != idea.author_id:
        raise DomainError(
            _("Only the idea's author can consent to publishing the example outside the city."), field="public_consent"
        )
    accepted = _accept_files(attachments)
    example = Example(
        **texts,
        **choices,
        idea=idea,
        unit=idea.unit,
        owner=idea.author,
        contact=person,
        status=ExampleStatus.PUBLISHED,
        visibility=ExampleVisibility.PUBLIC if consent else ExampleVisibility.INTERNAL,
        public_consent_at=now if consent else None,
        public_consent_by=by if consent else None,
        published_at=now,
        published_by=by,
    )
    example.search_stems = example_stems(example)
    example.save()
    _store_files(example, accepted, by)
    if by.pk != idea.author_id:
        title = example.title
        notify(
            recipients=[idea.author],
            message_factory=lambda: (
                _(
                    "Your idea “%(title)s” is now a good example in the city's library. You decide whether it may be published outside the city."
                )
                % {"title": title}
            ),
            url=example.get_absolute_url(),
        )
    return example


# --- award winners ----------------------------------------------------------------------------------------


@transaction.atomic
def example_propose_from_application(*, application: Any, now: datetime | None = None) -> Example | None:
    """An award winner's entry becomes a proposed good example, prefilled from the application, for the city's
    innovation office to confirm. Does nothing for an entry that was not awarded or that already has one."""
    from calls.models import Programme, Status

    if application.status != Status.GRANTED or application.call.programme not in (
        Programme.QUALITY_AWARD,
        Programme.RENEWAL_PRIZE,
    ):
        return None
    if Example.objects.filter(application=application).exists():
        return None
    if application.idea_id and Example.objects.filter(idea_id=application.idea_id).exists():
        return None
    owner = application.applicant if application.applicant.kind == PersonKind.EMPLOYEE else None
    example = Example(
        title=(application.title or str(application.call.title))[:200],
        application=application,
        idea_id=application.idea_id,
        unit=application.unit,
        owner=owner,
        contact=owner,
        problem=application.summary or application.title,
        what_was_done=application.description or application.summary or application.title,
        effect="",
        status=ExampleStatus.PROPOSED,
        visibility=ExampleVisibility.INTERNAL,
    )
    example.search_stems = example_stems(example)
    example.save()
    title = example.title
    notify(
        recipients=_city_office_people(),
        message_factory=lambda: (
            _("An award winner is proposed as a good example: “%(title)s”. Check it and confirm it.") % {"title": title}
        ),
        url=example.get_absolute_url(),
    )
    return example


@actor_from("by")
@transaction.atomic
def example_confirm(
    *,
    example: Example,
    by: User,
    expected_version: int,
    contact: User | str | None = None,
    attachments: Iterable[UploadedFile] = (),
    now: datetime | None = None,
    **fields: Any,
) -> Example:
    """The city's innovation office confirms a proposed example, with its edits: it is then in the library."""
    now = now or timezone.now()
    current = _locked(example, expected_version)
    require(
        "spread.confirm_example",
        by,
        current,
        message=_("Only the city's innovation office confirms proposed examples."),
    )
    texts = _clean_texts(fields, current)
    choices = _clean_choices(fields)
    if "values" not in fields and not (current.value_economic or current.value_social or current.value_environmental):
        raise DomainError(_("Choose at least one kind of value the example creates."), field="values")
    accepted = _accept_files(attachments)
    for name, value in {**texts, **choices}.items():
        setattr(current, name, value)
    current.contact = _contact(contact) if "contact" in fields or contact is not None else current.contact
    current.status = ExampleStatus.PUBLISHED
    current.published_at = now
    current.published_by = by
    current.search_stems = example_stems(current)
    _save(
        current,
        [*texts, *choices, "contact", "status", "published_at", "published_by", "search_stems"],
    )
    _store_files(current, accepted, by)
    if current.owner_id and current.owner_id != by.pk:
        title = current.title
        notify(
            recipients=[current.owner],
            message_factory=lambda: (
                _(
                    "“%(title)s” is now a good example in the city's library. You decide whether it may be published outside the city."
                )
                % {"title": title}
            ),
            url=current.get_absolute_url(),
        )
    return current


# --- editing, unpublishing, consent -----------------------------------------------------------------------


@actor_from("by")
@transaction.atomic
def example_update(
    *,
    example: Example,
    by: User,
    expected_version: int,
    contact: User | str | None = None,
    attachments: Iterable[UploadedFile] = (),
    remove_files: Iterable[ExampleFile] = (),
    **fields: Any,
) -> Example:
    """Change an example's texts, classification, contact person and files."""
    current = _locked(example, expected_version)
    require("spread.change_example", by, current, message=NOT_ALLOWED)
    texts = _clean_texts(fields, current)
    choices = _clean_choices(fields)
    accepted = _accept_files(attachments)
    for name, value in {**texts, **choices}.items():
        setattr(current, name, value)
    if "contact" in fields or contact is not None:
        current.contact = _contact(contact)
    current.search_stems = example_stems(current)
    _save(current, [*texts, *choices, "contact", "search_stems"])
    for old in remove_files:
        if old.example_id == current.pk:
            _delete_stored(old)
    _store_files(current, accepted, by)
    return current


@actor_from("by")
@transaction.atomic
def example_unpublish(*, example: Example, by: User, expected_version: int) -> Example:
    """Take an example out of the library. Its adoptions are kept; it can be published again."""
    current = _locked(example, expected_version)
    require("spread.change_example", by, current, message=NOT_ALLOWED)
    if current.status != ExampleStatus.PUBLISHED:
        raise DomainError(_("Only a published example can be taken out of the library."), code=ErrorCode.STATE)
    current.status = ExampleStatus.UNPUBLISHED
    return _save(current, ["status"])


@actor_from("by")
@transaction.atomic
def example_republish(*, example: Example, by: User, expected_version: int, now: datetime | None = None) -> Example:
    """Put an example taken out of the library back in it."""
    current = _locked(example, expected_version)
    require("spread.change_example", by, current, message=NOT_ALLOWED)
    if current.status != ExampleStatus.UNPUBLISHED:
        raise DomainError(_("Only an example taken out of the library can be published again."), code=ErrorCode.STATE)
    current.status = ExampleStatus.PUBLISHED
    current.published_at = now or timezone.now()
    current.published_by = by
    return _save(current, ["status", "published_at", "published_by"])


@actor_from("by")
@transaction.atomic
def example_consent(*, example: Example, by: User, expected_version: int, now: datetime | None = None) -> Example:
    """The owner consents to publishing the example outside the city: it is then on the public site."""
    current = _locked(example, expected_version)
    require(
        "spread.consent_example",
        by,
        current,
        message=_("Only the example's owner can consent to publishing it outside the city."),
    )
    if current.visibility == ExampleVisibility.PUBLIC:
        raise DomainError(_("The example is already public."), code=ErrorCode.ALREADY_PUBLIC)
    current.visibility = ExampleVisibility.PUBLIC
    current.public_consent_at = now or timezone.now()
    current.public_consent_by = by
    return _save(current, ["visibility", "public_consent_at", "public_consent_by"])


@actor_from("by")
@transaction.atomic
def example_withdraw_consent(*, example: Example, by: User, expected_version: int) -> Example:
    """The owner withdraws consent: the example is internal to the city again."""
    current = _locked(example, expected_version)
    require(
        "spread.consent_example",
        by,
        current,
        message=_("Only the example's owner can withdraw the consent to publish it."),
    )
    if current.visibility != ExampleVisibility.PUBLIC:
        raise DomainError(_("The example is not public."), code=ErrorCode.NOT_PUBLIC)
    current.visibility = ExampleVisibility.INTERNAL
    current.public_consent_at = None
    current.public_consent_by = None
    return _save(current, ["visibility", "public_consent_at", "public_consent_by"])
