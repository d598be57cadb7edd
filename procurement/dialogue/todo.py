"""What waits in the open market dialogue: for the case's procurement officers, questions to answer; for a
registered supplier's people, written responses not yet sent while the request is open."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.city import CITY_TIME_ZONE
from core.tasks_registry import TaskGroup, TaskLine, tasks
from procurement.cases.rules import is_procurement_officer, officer_cases_filter
from procurement.dialogue.rules import is_supplier, registered_rfis_filter
from procurement.models import ProcurementCase, ResponseStatus, Rfi, RfiStatus, WrittenResponse


@tasks("rfi_questions", position=62)
def questions_to_answer(user) -> TaskGroup | None:
    """The procurement officers of a case: its request's questions not yet answered and published."""
    if not is_procurement_officer(user):
        return None
    cases = ProcurementCase.objects.filter(officer_cases_filter(user)).values("pk")
    rfis = list(
        Rfi.objects.filter(status=RfiStatus.PUBLISHED, case__in=cases)
        .annotate(waiting=Count("questions", filter=Q(questions__published_at__isnull=True)))
        .filter(waiting__gt=0)
        .order_by("questions_close_at", "pk")[:20]
    )
    lines = [
        TaskLine(
            ngettext("%(title)s: %(n)s question to answer", "%(title)s: %(n)s questions to answer", rfi.waiting)
            % {"title": rfi.title, "n": rfi.waiting},
            reverse("procurement:rfi_work", args=[rfi.pk]),
            rfi.waiting,
        )
        for rfi in rfis
    ]
    return TaskGroup(_("Market dialogues"), lines, _("Every question to your requests for information is answered."))


@tasks("rfi_responses_due", position=63)
def responses_to_send(user) -> TaskGroup | None:
    """A registered supplier's people: open requests their organisation has not yet sent a written response to.
    An organisation registered in no open request gets no group: there is nothing for it to send."""
    if not is_supplier(user):
        return None
    now = timezone.now()
    sent = WrittenResponse.objects.filter(
        rfi=OuterRef("pk"), supplier_id=user.supplier_id, status=ResponseStatus.SUBMITTED
    )
    # One query: the open requests the organisation is registered in, those still to answer first.
    rfis = list(
        Rfi.objects.filter(registered_rfis_filter(user), status=RfiStatus.PUBLISHED, responses_close_at__gt=now)
        .annotate(sent=Exists(sent))
        .order_by("sent", "responses_close_at", "pk")[:20]
    )
    if not rfis:
        return None
    lines = [
        TaskLine(
            _("%(title)s: send your written response by %(moment)s")
            % {
                "title": rfi.title,
                "moment": date_format(rfi.responses_close_at.astimezone(CITY_TIME_ZONE), "j F Y, H:i"),
            },
            reverse("procurement:rfi_response", args=[rfi.pk]),
            1,
        )
        for rfi in rfis
        if not rfi.sent
    ]
    return TaskGroup(
        _("Requests for information"), lines, _("Your organisation has sent a response to every open request.")
    )
