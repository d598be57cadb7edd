"""Every write to the contract register and to suppliers' proposals within contracts: adding and changing a
contract or choice system, a supplier proposing an improvement, and the owner accepting it (an idea in the lock
with the supplier as co-author) or declining it.

Keyword-only, atomic, checking permission through ``procurement/contracts/rules.py``, refusing with a
``DomainError`` that names the field at fault. Changes are optimistically locked (``expected_version``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, NoReturn

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.audit import actor_from, log_update, snapshot
from core.errors import ConflictError, DomainError, require
from core.services import notify
from ideas import services as idea_services
from ideas.models import Idea, Source
from organisation import services as organisation
from organisation.models import PersonKind, SupplierOrganisation, Unit, User
from procurement.models import Contract, ContractKind, ProposalStatus, SupplierProposal

NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")
TITLE_MAX = 200
REFERENCE_MAX = 100
#: The most suppliers one contract or choice system lists.
SUPPLIERS_MAX = 200


@dataclass(frozen=True)
class SupplierEntry:
    """A supplier named by its organisation number; the name is needed only for one not yet in Språng."""

    org_number: str
    name: str = ""


def _text(value: str, *, field: str, message: str, max_length: int | None = None) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field=field)
    if max_length is not None and len(value) > max_length:
        raise DomainError(
            _("Keep it to %(max)d characters or fewer: it now has %(n)d.") % {"max": max_length, "n": len(value)},
            field=field,
        )
    return value


def _suppliers(entries: Iterable[SupplierEntry]) -> list[SupplierOrganisation]:
    """The suppliers named, each number checked; one not yet in Språng is added with its name."""
    found: dict[int, SupplierOrganisation] = {}
    for entry in entries:
        try:
            number = organisation.normalise_org_number(entry.org_number)
        except DomainError as exc:
            raise DomainError(
                _("%(number)s is not an organisation number. Write ten digits, for example 556036-0793.")
                % {"number": entry.org_number},
                field="suppliers",
            ) from exc
        supplier = SupplierOrganisation.objects.filter(org_number=number).first()
        if supplier is None:
            if not entry.name.strip():
                raise DomainError(
                    _("%(number)s is not in Språng yet: write the organisation's name after its number.")
                    % {"number": number},
                    field="suppliers",
                )
            supplier = organisation.supplier_get_or_create(name=entry.name, org_number=number)
        found[supplier.pk] = supplier
    if len(found) > SUPPLIERS_MAX:
        raise DomainError(
            _("Name at most %(max)d suppliers.") % {"max": SUPPLIERS_MAX},
            field="suppliers",
        )
    return list(found.values())


def clean_contract(
    *,
    title: str,
    reference: str,
    kind: str,
    owner: User | None,
    description: str,
    starts_on: date | None,
    ends_on: date | None,
    value_sek: Any,
    open_for_proposals: bool,
) -> dict[str, Any]:
    """A contract's fields checked, every problem named at its field (the first one raised)."""
    title = _text(title, field="title", message=_("Give the contract its title."), max_length=TITLE_MAX)
    reference = (reference or "").strip()
    if len(reference) > REFERENCE_MAX:
        raise DomainError(_("Keep the reference to %(max)d characters.") % {"max": REFERENCE_MAX}, field="reference")
    if kind not in ContractKind.values:
        raise DomainError(_("Choose whether it is a contract, a framework agreement or a choice system."), field="kind")
    if owner is None or not owner.is_active or owner.kind != PersonKind.EMPLOYEE:
        raise DomainError(
            _("Choose the contract's owner: a city employee who answers suppliers' proposals."), field="owner"
        )
    if starts_on is None:
        raise DomainError(_("Write the day the contract starts."), field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The contract must end on or after the day it starts."), field="ends_on")
    value: int | None = None
    if value_sek not in (None, ""):
        try:
            value = int(value_sek)
        except (TypeError, ValueError):
            value = -1
        if value < 0:
            raise DomainError(
                _("Write the value in whole kronor, for example 2500000, or leave it empty."), field="value_sek"
            )
    return {
        "title": title,
        "reference": reference,
        "kind": kind,
        "owner": owner,
        "description": (description or "").strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "value_sek": value,
        "open_for_proposals": bool(open_for_proposals),
    }


@actor_from("by")
@transaction.atomic
def contract_create(
    *,
    by: User,
    unit: Unit | None,
    title: str,
    reference: str = "",
    kind: str = ContractKind.CONTRACT,
    owner: User | None,
    suppliers: Iterable[SupplierEntry] = (),
    description: str = "",
    starts_on: date | None,
    ends_on: date | None = None,
    value_sek: Any = None,
    open_for_proposals: bool = True,
    now: datetime | None = None,
) -> Contract:
    """Add a contract or choice system to the register. The officer must procure for its unit."""
    require("procurement.add_contract", by, message=NOT_ALLOWED)
    if unit is None:
        raise DomainError(_("Choose the unit whose contract it is."), field="unit")
    require("procurement.add_contract_for", by, unit, message=_("You procure for other units than this one."))
    data = clean_contract(
        title=title,
        reference=reference,
        kind=kind,
        owner=owner,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        value_sek=value_sek,
        open_for_proposals=open_for_proposals,
    )
    found = _suppliers(suppliers)
    now = now or timezone.now()
    contract = Contract(unit=unit, created_by=by, **data)
    contract.created_at = contract.updated_at = now
    contract.save()
    contract.suppliers.set(found)
    return contract


def _conflict(what: str) -> NoReturn:
    raise ConflictError(
        _(
            "Someone else changed this %(what)s while you were working on it. Nothing was overwritten and what you "
            "wrote is still here: read it again and decide whether to save."
        )
        % {"what": what}
    )


@actor_from("by")
@transaction.atomic
def contract_update(
    *,
    contract: Contract,
    by: User,
    expected_version: int,
    unit: Unit | None,
    title: str,
    reference: str = "",
    kind: str,
    owner: User | None,
    suppliers: Iterable[SupplierEntry] = (),
    description: str = "",
    starts_on: date | None,
    ends_on: date | None = None,
    value_sek: Any = None,
    open_for_proposals: bool,
) -> Contract:
    """Change a contract in the register, if nobody changed it since ``expected_version``. Moving it to another
    unit needs the officer to procure for that unit too. Proposals already sent stay with their contract."""
    require("procurement.change_contract", by, contract, message=NOT_ALLOWED)
    if unit is None:
        raise DomainError(_("Choose the unit whose contract it is."), field="unit")
    require("procurement.add_contract_for", by, unit, message=_("You procure for other units than this one."))
    data = clean_contract(
        title=title,
        reference=reference,
        kind=kind,
        owner=owner,
        description=description,
        starts_on=starts_on,
        ends_on=ends_on,
        value_sek=value_sek,
        open_for_proposals=open_for_proposals,
    )
    found = _suppliers(suppliers)
    before = snapshot(contract)
    changes = {**data, "unit": unit}
    updated = Contract.objects.filter(pk=contract.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        _conflict(_("contract"))
    for key, value in changes.items():
        setattr(contract, key, value)
    contract.version = expected_version + 1
    log_update(contract, before=before, fields=changes, actor=by)
    contract.suppliers.set(found)
    return contract


def answer_due(now: datetime) -> datetime:
    """When a proposal sent at ``now`` is due for an answer: as an idea's first answer is."""
    return now + timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS)


def _answerers(contract: Contract) -> list[User]:
    return [contract.owner] if contract.owner.is_active else []


@actor_from("by")
@transaction.atomic
def proposal_submit(
    *, contract: Contract, by: User, title: str, proposal: str, benefit: str, now: datetime | None = None
) -> SupplierProposal:
    """A supplier on the contract proposes an improvement within it, while it is open for proposals and has not
    ended. The contract's owner is told and answers by the due date."""
    require(
        "procurement.propose_to_contract",
        by,
        contract,
        message=_("Only the contract's suppliers can propose improvements, while it is open for proposals."),
    )
    now = now or timezone.now()
    texts = {
        "title": _text(title, field="title", message=_("Give your proposal a short title."), max_length=TITLE_MAX),
        "proposal": _text(proposal, field="proposal", message=_("Describe the improvement you propose.")),
        "benefit": _text(benefit, field="benefit", message=_("Write what it would improve, and for whom.")),
    }
    supplier = by.supplier
    assert supplier is not None  # noqa: S101 - the rule asks for a supplier person
    item = SupplierProposal(contract=contract, supplier=supplier, submitted_by=by, due_at=answer_due(now), **texts)
    item.created_at = item.updated_at = now
    item.save()
    notify(
        recipients=_answerers(contract),
        message_factory=lambda: (
            _("%(supplier)s proposes an improvement within %(contract)s: %(title)s")
            % {"supplier": supplier.name, "contract": contract.title, "title": item.title}
        ),
        url=item.get_absolute_url(),
        exclude=by,
    )
    return item


def _answer(
    item: SupplierProposal, expected_version: int, *, by: User, status: str, answer: str, now: datetime, **more: Any
) -> None:
    before = snapshot(item)
    changes = {"status": status, "answer": answer, "answered_by": by, "answered_at": now, **more}
    updated = SupplierProposal.objects.filter(
        pk=item.pk, version=expected_version, status=ProposalStatus.SUBMITTED
    ).update(version=F("version") + 1, updated_at=now, **changes)
    if not updated:
        _conflict(_("proposal"))
    for key, value in changes.items():
        setattr(item, key, value)
    item.version = expected_version + 1
    log_update(item, before=before, fields=changes, actor=by)


def _tell_supplier(item: SupplierProposal, by: User) -> None:
    notify(
        recipients=[item.submitted_by] if item.submitted_by.is_active else [],
        message_factory=lambda: _("Your proposal has an answer: %(title)s") % {"title": item.title},
        url=item.get_absolute_url(),
        exclude=by,
    )


@actor_from("by")
@transaction.atomic
def proposal_accept(
    *,
    proposal: SupplierProposal,
    by: User,
    expected_version: int,
    answer: str,
    audience: str,
    kind: str,
    values: Iterable[str],
    now: datetime | None = None,
) -> Idea:
    """Accept a proposal: it becomes an idea in the lock (``ideas.services.idea_submit``), with the person who
    answers as its author, the contract's unit as its unit, the source *supplier* and the supplier's person as
    co-author; the proposal links to it, in the same transaction. The supplier's person is told."""
    require("procurement.answer_proposal", by, proposal, message=NOT_ALLOWED)
    now = now or timezone.now()
    answer = _text(answer, field="answer", message=_("Write why the city accepts the proposal."))
    if not SupplierProposal.objects.filter(pk=proposal.pk, version=expected_version).exists():
        _conflict(_("proposal"))
    contract = proposal.contract
    idea = idea_services.idea_submit(
        author=by,
        unit=contract.unit,
        title=proposal.title,
        problem=_("What %(supplier)s would improve under %(contract)s: %(benefit)s")
        % {"supplier": proposal.supplier.name, "contract": contract.title, "benefit": proposal.benefit},
        audience=audience,
        proposal=proposal.proposal,
        expected_value=proposal.benefit,
        kind=kind,
        values=values,
        source=Source.SUPPLIER,
        co_authors=[proposal.submitted_by],
        now=now,
    )
    _answer(proposal, expected_version, by=by, status=ProposalStatus.ACCEPTED, answer=answer, now=now, idea=idea)
    _tell_supplier(proposal, by)
    return idea


@actor_from("by")
@transaction.atomic
def proposal_decline(
    *, proposal: SupplierProposal, by: User, expected_version: int, answer: str, now: datetime | None = None
) -> SupplierProposal:
    """Decline a proposal with why; the supplier's person is told."""
    require("procurement.answer_proposal", by, proposal, message=NOT_ALLOWED)
    now = now or timezone.now()
    answer = _text(answer, field="answer", message=_("Write why the city declines the proposal."))
    _answer(proposal, expected_version, by=by, status=ProposalStatus.DECLINED, answer=answer, now=now)
    _tell_supplier(proposal, by)
    return proposal
