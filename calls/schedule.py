"""The calls' scheduled jobs: applicants with drafts before a call closes, and jurors with applications to score."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from calls.models import JURY_ONLY_PROGRAMMES, Application, Call, Juror, Status
from calls.todo import left_to_score
from core.city import CITY_TIME_ZONE
from core.deadlines import reminder_due
from core.scheduling import job, remind


@job("calls.drafts", position=40)
def draft_applications(now: datetime) -> int:
    """An application still in draft: its applicant, 7 and 1 days before the call closes."""
    today = timezone.localdate(now)
    sent = 0
    drafts = (
        Application.objects.filter(
            status=Status.DRAFT, call__published=True, call__opens_at__lte=now, call__closes_at__gt=now
        )
        .exclude(call__programme__in=JURY_ONLY_PROGRAMMES)
        .select_related("call", "applicant")
        .order_by("call__closes_at", "pk")
    )
    for application in drafts:
        closes = application.call.closes_at
        days = reminder_due(closes.astimezone(CITY_TIME_ZONE).date(), today)
        if days is None:
            continue
        call_title = application.call.title

        def message(call_title=call_title, closes=closes):
            local = timezone.localtime(closes, CITY_TIME_ZONE)
            return _("Your application to “%(call)s” has not been sent. The call closes on %(date)s at %(time)s.") % {
                "call": call_title,
                "date": date_format(local, "DATE_FORMAT"),
                "time": date_format(local, "TIME_FORMAT"),
            }

        sent += remind(
            key=f"calls.draft:{application.pk}:{closes.isoformat()}:{days}",
            recipients=[application.applicant],
            message_factory=message,
            url=application.get_absolute_url(),
            now=now,
        )
    return sent


@job("calls.jury", position=50)
def jurors_with_work(now: datetime) -> int:
    """A juror with applications left to score: reminded once a week (the calls have no jury deadline)."""
    year, week, _day = timezone.localtime(now, CITY_TIME_ZONE).isocalendar()
    sent = 0
    seats = Juror.objects.filter(call__applications__assignments__submitted_at__isnull=True).select_related("user")
    seen: set[int] = set()
    for seat in seats.order_by("user_id").distinct():
        juror = seat.user
        if juror.pk in seen:
            continue
        seen.add(juror.pk)
        left = dict(
            left_to_score(juror)
            .values_list("application__call")
            .annotate(n=Count("pk"))
            .values_list("application__call", "n")
        )
        calls = {c.pk: c.title for c in Call.objects.filter(pk__in=left)}
        for call_pk, n in sorted(left.items()):
            title = calls[call_pk]

            def message(title=title, n=n):
                return _("“%(call)s”: applications waiting for your scores: %(n)s.") % {"call": title, "n": n}

            sent += remind(
                key=f"calls.jury:{call_pk}:{year}-W{week:02d}",
                recipients=[juror],
                message_factory=message,
                url=reverse("calls:jury"),
                now=now,
            )
    return sent
