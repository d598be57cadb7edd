"""Who may write, read and take part in a case's open market dialogue. Views, services, the API and list filters
all ask here.

- The case's officers (``procurement.cases.rules.is_case_officer``) write the request for information (RFI) while
  the case is open, publish it, answer the questions (published to every registered supplier at once), offer
  meeting times, write and publish the minutes, and read the written responses with their business secrets.
- A published RFI is public: anyone reads it, its documents and its published answers, signed in or not. A draft
  is read by the case's officers only.
- A supplier's person (``PersonKind.SUPPLIER`` with a supplier organisation) registers the organisation's interest
  in a published RFI; once registered, its people ask questions, book a meeting time, read the published minutes
  and write the organisation's response. Nobody else registers: not residents, not staff, not partners.
- A supplier reads its own organisation's questions and response only, never another's.

``visible_rfis_filter`` is the SQL twin of ``procurement.view_rfi`` (tested equal).
"""

from __future__ import annotations

import rules
from django.db.models import Q

from organisation.models import PersonKind
from procurement.cases.rules import is_case_officer, is_open_case, officer_cases_filter
from procurement.models import ProcurementCase, RfiStatus, SupplierInterest


@rules.predicate
def is_rfi_officer(user, rfi) -> bool:
    return rfi is not None and is_case_officer(user, rfi.case)


@rules.predicate
def is_case_of_rfi_open(user, rfi) -> bool:
    return rfi is not None and is_open_case(user, rfi.case)


@rules.predicate
def is_published(user, rfi) -> bool:
    return rfi is not None and rfi.status == RfiStatus.PUBLISHED


@rules.predicate
def is_draft(user, rfi) -> bool:
    return rfi is not None and rfi.status == RfiStatus.DRAFT


@rules.predicate
def is_supplier(user) -> bool:
    """A person at a supplier organisation, signed in and active."""
    return bool(
        user.is_authenticated and user.is_active and user.kind == PersonKind.SUPPLIER and user.supplier_id is not None
    )


@rules.predicate
def is_registered(user, rfi) -> bool:
    """The person's supplier organisation has registered its interest in the RFI."""
    if rfi is None or not is_supplier(user):
        return False
    return SupplierInterest.objects.filter(rfi=rfi, supplier_id=user.supplier_id).exists()


def visible_rfis_filter(user) -> Q:
    """The SQL twin of ``procurement.view_rfi`` (on ``Rfi``): published ones, and the officers' own drafts."""
    published = Q(status=RfiStatus.PUBLISHED)
    if not user.is_authenticated or not user.is_active:
        return published
    officer_of = ProcurementCase.objects.filter(officer_cases_filter(user)).values("pk")
    return published | Q(case__in=officer_of)


def registered_rfis_filter(user) -> Q:
    """The RFIs the person's supplier organisation has registered for (on ``Rfi``)."""
    if not is_supplier(user):
        return Q(pk__in=[])
    return Q(interests__supplier_id=user.supplier_id)


rules.add_perm("procurement.view_rfi", is_published | is_rfi_officer)
rules.add_perm("procurement.change_rfi", is_rfi_officer & is_case_of_rfi_open & (is_draft | is_published))
rules.add_perm("procurement.publish_rfi", is_rfi_officer & is_case_of_rfi_open & is_draft)
rules.add_perm("procurement.run_dialogue", is_rfi_officer & is_published)
rules.add_perm("procurement.read_responses", is_rfi_officer)
rules.add_perm("procurement.register_interest", is_supplier & is_published)
rules.add_perm("procurement.take_part", is_supplier & is_published & is_registered)
rules.add_perm("procurement.read_minutes", is_published & (is_registered | is_rfi_officer))


@rules.predicate
def case_has_no_rfi(user, case) -> bool:
    return case is not None and not hasattr(case, "rfi")


rules.add_perm("procurement.add_rfi_to", is_case_officer & is_open_case & case_has_no_rfi)
