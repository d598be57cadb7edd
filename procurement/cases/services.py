"""Every write to a procurement case: making it from a need routed to a market dialogue, and its log.

Keyword-only, atomic, checking permission through ``procurement/cases/rules.py``, refusing with a ``DomainError``
that names the field at fault. Changes are optimistically locked (``expected_version``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges.models import Need
from core.audit import actor_from, log_update, snapshot
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, require
from ideas.search import stems_for
from organisation.models import ORGANISATION_KINDS, Role, SupplierOrganisation, Unit, User
from organisation.services import normalise_org_number, supplier_get_or_create
from procurement.models import (
    CaseLogEntry,
    CaseStage,
    Contract,
    ContractKind,
    LogKind,
    ProcuredValue,
    ProcurementCase,
    ProcurementRoute,
    PurchaseKind,
    Threshold,
)

NOT_ALLOWED = gettext_lazy("You are not allowed to do this.")
#: The longest contract period a case may name, in months (ten years).
MAX_PERIOD_MONTHS = 120


def case_stems(case: ProcurementCase) -> str:
    stems = stems_for(case.title, case.title, case.plan)
    return f" {stems} " if stems else ""


def threshold_in_force(on: date) -> Threshold | None:
    """The EU thresholds in force on a day: the latest set from that day or before."""
    return Threshold.objects.filter(valid_from__lte=on).order_by("-valid_from").first()


def log(
    case: ProcurementCase,
    kind: str,
    *,
    person: User,
    supplier: SupplierOrganisation | None = None,
    summary: str = "",
    now: datetime | None = None,
) -> CaseLogEntry:
    """Add an entry to the case's log (every contact with the market and every step; never a business secret)."""
    moment = now or timezone.now()
    return CaseLogEntry.objects.create(
        case=case,
        kind=kind,
        supplier=supplier,
        person=person,
        summary=summary[:300],
        created_at=moment,
        updated_at=moment,
    )


def conflict() -> None:
    raise ConflictError(
        _("Someone else changed the case while you were working on it. Reload the page to see the latest version.")
    )


def bump(case: ProcurementCase, expected_version: int, *, by: User, **changes: Any) -> None:
    """Write ``changes`` only if nobody wrote since ``expected_version`` (and the case is still open)."""
    before = snapshot(case)
    updated = ProcurementCase.objects.filter(pk=case.pk, version=expected_version, stage__in=list(OPEN)).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if not updated:
        conflict()
    for key, value in changes.items():
        setattr(case, key, value)
    case.version = expected_version + 1
    log_update(case, before=before, fields=changes, actor=by)


OPEN = (CaseStage.PLANNING, CaseStage.DIALOGUE, CaseStage.ROUTE_CHOSEN, CaseStage.TENDERING)


def clean_estimate(
    *, title: str, purchase_kind: str, estimated_value_sek: Any, period_months: Any, plan: str, officer: User | None
) -> dict[str, Any]:
    """The case's estimate and plan checked, every problem named at its field (the first one raised)."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the case a short title."), field="title")
    if purchase_kind not in PurchaseKind.values:
        raise DomainError(_("Choose what is bought."), field="purchase_kind")
    try:
        value = int(estimated_value_sek)
    except (TypeError, ValueError):
        value = -1
    if value <= 0:
        raise DomainError(
            _("Write the estimated value in whole kronor, more than 0, for example 2500000."),
            field="estimated_value_sek",
        )
    try:
        months = int(period_months)
    except (TypeError, ValueError):
        months = 0
    if not 1 <= months <= MAX_PERIOD_MONTHS:
        raise DomainError(
            _("Write the contract period in months, from 1 to %(max)s.") % {"max": MAX_PERIOD_MONTHS},
            field="period_months",
        )
    plan = (plan or "").strip()
    if not plan:
        raise DomainError(_("Write the plan: what the dialogue should find out, and when."), field="plan")
    if officer is None or not officer.is_active:
        raise DomainError(_("Choose the responsible procurement officer."), field="officer")
    return {
        "title": title,
        "purchase_kind": purchase_kind,
        "estimated_value_sek": value,
        "period_months": months,
        "plan": plan,
        "officer": officer,
    }


def above_threshold(*, purchase_kind: str, value: int, on: date) -> tuple[bool, Threshold | None]:
    threshold = threshold_in_force(on)
    if threshold is None:
        return False, None
    return value >= threshold.amount_for(purchase_kind), threshold


@actor_from("by")
@transaction.atomic
def case_create(
    *,
    need: Need,
    by: User,
    title: str,
    purchase_kind: str = PurchaseKind.SUPPLIES_SERVICES,
    estimated_value_sek: Any,
    period_months: Any,
    plan: str,
    officer: User | None = None,
    affected_contracts: Iterable[Contract] = (),
    now: datetime | None = None,
) -> ProcurementCase:
    """Make a procurement case from a need routed to a market dialogue. The officer must procure for the need's
    unit; whether the estimate is above the EU threshold is read from the thresholds in force today."""
    require("procurement.add_case_from", by, need, message=NOT_ALLOWED)
    now = now or timezone.now()
    officer = officer or by
    data = clean_estimate(
        title=title,
        purchase_kind=purchase_kind,
        estimated_value_sek=estimated_value_sek,
        period_months=period_months,
        plan=plan,
        officer=officer,
    )
    if not officer.has_role(Role.PROCUREMENT, need.unit):
        raise DomainError(_("Choose a procurement officer for the need's unit or a unit above it."), field="officer")
    above, threshold = above_threshold(
        purchase_kind=data["purchase_kind"], value=data["estimated_value_sek"], on=now.astimezone(CITY_TIME_ZONE).date()
    )
    case = ProcurementCase(
        need=need, unit=need.unit, created_by=by, above_eu_threshold=above, threshold=threshold, **data
    )
    case.search_stems = case_stems(case)
    case.created_at = case.updated_at = now
    case.save()
    contracts = _contracts_of(need.unit, affected_contracts)
    if contracts:
        case.affected_contracts.set(contracts)
    log(case, LogKind.CREATED, person=by, now=now)
    return case


def _officer_for(case: ProcurementCase, officer: User | None) -> None:
    if officer is not None and officer.pk != case.officer_id and not officer.has_role(Role.PROCUREMENT, case.unit):
        raise DomainError(_("Choose a procurement officer for the need's unit or a unit above it."), field="officer")


def _contracts_of(unit, contracts: Iterable[Contract]) -> list[Contract]:
    """The affected contracts, which must be the buying unit's organisation's."""
    chosen = list(contracts)
    organisation = unit.organisation
    for contract in chosen:
        if not contract.unit.path.startswith(organisation.path):
            raise DomainError(
                _("Choose only contracts of %(organisation)s.") % {"organisation": organisation.name},
                field="affected_contracts",
            )
    return chosen


@actor_from("by")
@transaction.atomic
def case_update(
    *,
    case: ProcurementCase,
    by: User,
    expected_version: int,
    title: str,
    purchase_kind: str,
    estimated_value_sek: Any,
    period_months: Any,
    plan: str,
    officer: User | None,
    affected_contracts: Iterable[Contract] = (),
    now: datetime | None = None,
) -> ProcurementCase:
    """Change the estimate, plan, officer and affected contracts of an open case; whether the estimate is above
    the EU threshold is read again from the thresholds in force today."""
    require("procurement.change_case", by, case, message=NOT_ALLOWED)
    now = now or timezone.now()
    data = clean_estimate(
        title=title,
        purchase_kind=purchase_kind,
        estimated_value_sek=estimated_value_sek,
        period_months=period_months,
        plan=plan,
        officer=officer,
    )
    _officer_for(case, data["officer"])
    contracts = _contracts_of(case.unit, affected_contracts)
    above, threshold = above_threshold(
        purchase_kind=data["purchase_kind"], value=data["estimated_value_sek"], on=now.astimezone(CITY_TIME_ZONE).date()
    )
    changed = ProcurementCase(title=data["title"], plan=data["plan"])
    bump(
        case,
        expected_version,
        by=by,
        above_eu_threshold=above,
        threshold=threshold,
        search_stems=case_stems(changed),
        **data,
    )
    case.affected_contracts.set(contracts)
    log(case, LogKind.CHANGED, person=by, now=now)
    return case


#: The stages from which each step of the case may be taken (the stages move forwards only).
ROUTE_FROM = (CaseStage.PLANNING, CaseStage.DIALOGUE, CaseStage.ROUTE_CHOSEN)
TENDER_FROM = (CaseStage.ROUTE_CHOSEN, CaseStage.TENDERING)
OUTCOME_FROM = (CaseStage.ROUTE_CHOSEN, CaseStage.TENDERING)
#: Every route after the dialogue is innovation-friendly: the indicators count them all.
INNOVATION_FRIENDLY = tuple(ProcurementRoute.values)


def may_choose_route(case: ProcurementCase) -> bool:
    return case.stage in ROUTE_FROM


def may_link_tender(case: ProcurementCase) -> bool:
    return case.stage in TENDER_FROM and bool(case.route) and case.route != ProcurementRoute.EXISTING_SOLUTION


def may_record_outcome(case: ProcurementCase) -> bool:
    return case.stage in OUTCOME_FROM and bool(case.route) and case.route != ProcurementRoute.EXISTING_SOLUTION


def may_start_pilot(case: ProcurementCase) -> bool:
    return (
        case.stage == CaseStage.ROUTE_CHOSEN
        and case.route == ProcurementRoute.EXISTING_SOLUTION
        and case.pilot_idea_id is None
    )


def _refuse_unless(allowed: bool, message: str, field: str | None = None) -> None:
    if not allowed:
        raise DomainError(message, field=field)


@actor_from("by")
@transaction.atomic
def case_route_choose(
    *,
    case: ProcurementCase,
    by: User,
    expected_version: int,
    route: str,
    rationale: str,
    now: datetime | None = None,
) -> ProcurementCase:
    """Record the route the case takes after the dialogue, with why (it may be chosen again until the tender)."""
    require("procurement.decide_case", by, case, message=NOT_ALLOWED)
    _refuse_unless(may_choose_route(case), _("The route can no longer be changed: the tender has started."))
    if route not in ProcurementRoute.values:
        raise DomainError(_("Choose the route."), field="route")
    rationale = (rationale or "").strip()
    if not rationale:
        raise DomainError(_("Write why this route suits the need and what the dialogue showed."), field="rationale")
    now = now or timezone.now()
    bump(
        case,
        expected_version,
        by=by,
        route=route,
        route_rationale=rationale,
        route_decided_by=by,
        route_decided_at=now,
        stage=CaseStage.ROUTE_CHOSEN,
    )
    log(case, LogKind.ROUTE, person=by, summary=str(ProcurementRoute(route).label), now=now)
    return case


@actor_from("by")
@transaction.atomic
def case_tender_link(
    *,
    case: ProcurementCase,
    by: User,
    expected_version: int,
    reference: str,
    url: str,
    now: datetime | None = None,
) -> ProcurementCase:
    """Link the tender in the e-procurement system (its reference and address): the case is out for tender."""
    require("procurement.decide_case", by, case, message=NOT_ALLOWED)
    _refuse_unless(may_link_tender(case), _("Choose a route to the market before linking its tender."))
    reference = (reference or "").strip()
    if not reference:
        raise DomainError(_("Write the tender's reference in the e-procurement system."), field="reference")
    if len(reference) > 100:
        raise DomainError(_("Write the reference in at most 100 characters."), field="reference")
    url = (url or "").strip()
    if not url.startswith("https://") or len(url) > 500:
        raise DomainError(
            _("Write the tender's address in the e-procurement system, starting with https://."), field="url"
        )
    bump(case, expected_version, by=by, tender_reference=reference, tender_url=url, stage=CaseStage.TENDERING)
    log(case, LogKind.TENDER, person=by, summary=reference, now=now)
    return case


def parse_suppliers(text: str) -> list[tuple[str, str]]:
    """Lines of ``organisation number[ name]`` → ``(number, name)`` pairs, the numbers checked."""
    pairs = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        number, _sep, name = line.partition(" ")
        try:
            normalised = normalise_org_number(number)
        except DomainError as exc:
            raise DomainError(
                _("%(number)s is not an organisation number. Write one a line, like 556036-0793 Alfa AB.")
                % {"number": number},
                field="suppliers",
            ) from exc
        pairs.append((normalised, name.strip()))
    if not pairs:
        raise DomainError(_("Write the organisation number of at least one supplier."), field="suppliers")
    return pairs


def _supplier_organisations(pairs: list[tuple[str, str]]) -> list[SupplierOrganisation]:
    found = {s.org_number: s for s in SupplierOrganisation.objects.filter(org_number__in=[n for n, _ in pairs])}
    chosen = []
    for number, name in pairs:
        supplier = found.get(number)
        if supplier is None:
            if not name:
                raise DomainError(
                    _("No supplier with organisation number %(number)s is registered: write its name after the number.")
                    % {"number": number},
                    field="suppliers",
                )
            supplier = supplier_get_or_create(name=name, org_number=number)
        if supplier not in chosen:
            chosen.append(supplier)
    return chosen


@actor_from("by")
@transaction.atomic
def case_outcome_record(
    *,
    case: ProcurementCase,
    by: User,
    expected_version: int,
    suppliers: str,
    value_sek: Any,
    starts_on: date | None,
    ends_on: date | None,
    now: datetime | None = None,
) -> Contract:
    """Record the tender's outcome: the contract signed with its suppliers, value and period. It goes into the
    contracts register, owned by the case's officer, and the case is concluded."""
    require("procurement.decide_case", by, case, message=NOT_ALLOWED)
    _refuse_unless(may_record_outcome(case), _("Choose a route to the market before recording its outcome."))
    pairs = parse_suppliers(suppliers)
    try:
        value = int(value_sek)
    except (TypeError, ValueError):
        value = -1
    if value <= 0:
        raise DomainError(
            _("Write the contract's value in whole kronor, more than 0, for example 2500000."), field="value_sek"
        )
    if starts_on is None:
        raise DomainError(_("Write the day the contract starts."), field="starts_on")
    if ends_on is not None and ends_on < starts_on:
        raise DomainError(_("The contract must end on or after the day it starts."), field="ends_on")
    now = now or timezone.now()
    organisations = _supplier_organisations(pairs)
    officer = case.officer
    contract = Contract.objects.create(
        title=case.title,
        reference=case.tender_reference,
        kind=ContractKind.CONTRACT,
        unit=case.unit,
        owner=officer,
        description=case.route_rationale,
        starts_on=starts_on,
        ends_on=ends_on,
        value_sek=value,
        from_case=case,
        created_by=by,
    )
    contract.suppliers.set(organisations)
    bump(case, expected_version, by=by, outcome_value_sek=value, outcome_at=now, stage=CaseStage.CONCLUDED)
    for supplier in organisations:
        log(case, LogKind.OUTCOME, person=by, supplier=supplier, summary=supplier.name, now=now)
    return contract


@actor_from("by")
@transaction.atomic
def case_pilot_start(
    *,
    case: ProcurementCase,
    by: User,
    expected_version: int,
    kind: str,
    values: Iterable[str],
    now: datetime | None = None,
) -> ProcurementCase:
    """For the route "try an existing solution": the pilot becomes an idea in the lock, written from the need,
    for the case's unit, with the case's officer as its author, and linked to the case."""
    from challenges.needs.services import idea_texts
    from ideas import services as idea_services

    require("procurement.decide_case", by, case, message=NOT_ALLOWED)
    _refuse_unless(
        may_start_pilot(case), _("A pilot is started only once, for a case whose route is to try an existing solution.")
    )
    now = now or timezone.now()
    texts = idea_texts(case.need)
    idea = idea_services.idea_submit(
        author=case.officer,
        unit=case.unit,
        title=case.title,
        problem=texts["problem"],
        audience=texts["audience"],
        proposal=f"{texts['proposal']}\n\n{_('Why this route')}: {case.route_rationale}",
        expected_value=texts["expected_value"],
        kind=kind,
        values=values,
        now=now,
    )
    bump(case, expected_version, by=by, pilot_idea=idea)
    log(case, LogKind.PILOT, person=by, summary=idea.title, now=now)
    return case


@actor_from("by")
@transaction.atomic
def case_close(
    *, case: ProcurementCase, by: User, expected_version: int, reason: str, now: datetime | None = None
) -> ProcurementCase:
    """Close the case without a procurement, with why. Its log and dialogue are kept."""
    require("procurement.decide_case", by, case, message=NOT_ALLOWED)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Write why the case is closed without a procurement."), field="reason")
    bump(case, expected_version, by=by, stage=CaseStage.CLOSED, closed_reason=reason)
    log(case, LogKind.CLOSED, person=by, summary=reason, now=now)
    return case


def _amount(value: Any, field: str) -> int:
    try:
        amount = int(value)
    except (TypeError, ValueError):
        amount = -1
    if amount <= 0:
        raise DomainError(_("Write the amount in whole kronor, more than 0, for example 1550000."), field=field)
    return amount


@actor_from("by")
@transaction.atomic
def threshold_set(
    *,
    by: User,
    valid_from: date | None,
    supplies_services_sek: Any,
    works_sek: Any,
    social_services_sek: Any,
    source: str,
) -> Threshold:
    """The central procurement function sets the EU thresholds in force from a day on. Cases keep the threshold
    they were assessed against until their estimate changes."""
    require("procurement.set_thresholds", by, message=NOT_ALLOWED)
    if valid_from is None:
        raise DomainError(_("Write the day the thresholds apply from."), field="valid_from")
    values = {
        "supplies_services_sek": _amount(supplies_services_sek, "supplies_services_sek"),
        "works_sek": _amount(works_sek, "works_sek"),
        "social_services_sek": _amount(social_services_sek, "social_services_sek"),
    }
    source = (source or "").strip()
    if not source:
        raise DomainError(
            _("Write where the thresholds come from, for example the Official Journal of the EU."), field="source"
        )
    if Threshold.objects.filter(valid_from=valid_from).exists():
        raise DomainError(_("Thresholds from this day are already set. Choose another day."), field="valid_from")
    return Threshold.objects.create(valid_from=valid_from, source=source[:300], set_by=by, **values)


def procured_value_organisations(user: User) -> list[Unit]:
    """The administrations and companies this procurement officer enters procured values for."""
    paths = user.role_paths.get(Role.PROCUREMENT, []) if user.is_authenticated else []
    if not paths:
        return []
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(path__startswith=path)
    return list(Unit.objects.filter(q, kind__in=ORGANISATION_KINDS).order_by("path"))


@actor_from("by")
@transaction.atomic
def procured_value_set(
    *,
    by: User,
    unit: Unit | None,
    year: Any,
    value_sek: Any,
    source: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> ProcuredValue:
    """Enter or correct what an administration or company procured in a year in all, with where the figure comes
    from (a correction names the version it corrects)."""
    require("procurement.enter_procured_value", by, unit, message=NOT_ALLOWED)
    if unit is None or unit.kind not in ORGANISATION_KINDS:
        raise DomainError(_("Choose an administration or a company."), field="unit")
    now = now or timezone.now()
    this_year = now.astimezone(CITY_TIME_ZONE).year
    try:
        year_n = int(year)
    except (TypeError, ValueError):
        year_n = 0
    if not 2000 <= year_n <= this_year:
        raise DomainError(_("Write a year from 2000 to %(year)s.") % {"year": this_year}, field="year")
    value = _amount(value_sek, "value_sek")
    source = (source or "").strip()
    if not source:
        raise DomainError(_("Write where the figure comes from, for example the annual report."), field="source")
    current = ProcuredValue.objects.select_for_update().filter(unit=unit, year=year_n).first()
    if current is None:
        if expected_version:
            conflict_procured()
        return ProcuredValue.objects.create(
            unit=unit, year=year_n, value_sek=value, source=source[:300], entered_by=by, created_at=now, updated_at=now
        )
    if expected_version is None:
        raise DomainError(
            _("%(year)s is already entered for %(unit)s: choose “Correct” on its row to change it.")
            % {"year": year_n, "unit": unit.name},
            field="year",
        )
    if expected_version != current.version:
        conflict_procured()
    before = snapshot(current)
    changes = {"value_sek": value, "source": source[:300], "entered_by": by}
    ProcuredValue.objects.filter(pk=current.pk).update(version=F("version") + 1, updated_at=now, **changes)
    for key, v in changes.items():
        setattr(current, key, v)
    current.version += 1
    log_update(current, before=before, fields=changes, actor=by)
    return current


def conflict_procured() -> None:
    raise ConflictError(
        _("Someone else entered this year's value while you were working. Reload the page to see it."), field="year"
    )
