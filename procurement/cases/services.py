"""Every write to a procurement case: making it from a need routed to a market dialogue, and its log.

Keyword-only, atomic, checking permission through ``procurement/cases/rules.py``, refusing with a ``DomainError``
that names the field at fault. Changes are optimistically locked (``expected_version``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from challenges.models import Need
from core.audit import actor_from, log_update, snapshot
from core.city import CITY_TIME_ZONE
from core.errors import ConflictError, DomainError, require
from ideas.search import stems_for
from organisation.models import Role, SupplierOrganisation, User
from procurement.models import (
    CaseLogEntry,
    CaseStage,
    Contract,
    LogKind,
    ProcurementCase,
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
    contracts = list(affected_contracts)
    if contracts:
        case.affected_contracts.set(contracts)
    log(case, LogKind.CREATED, person=by, now=now)
    return case
