"""The city's compiled PDF, built once per state of the data it shows and kept in the default storage.

Laying out the city's report takes tens of seconds of one worker, so it is not built per
request. ``stored_city_pdf`` names the file for what the report shows — the period, the
latest change of its reports, their events, the indicator values, goals, activities,
targets and units, and the language — as a hash (``generation``). A file of that generation
in the storage is served as it is; otherwise one app server builds it while holding a lock
shared by all of them (``core.locks.exclusive``), and every other request for it waits for
that build and then gets the same file. A file of an older generation is deleted once the
new one is written, so the storage holds one file per period and language.
"""

from __future__ import annotations

import hashlib
import threading

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Count, Max, Sum

from core.locks import LockBusy, exclusive
from governance import exports
from governance.models import Activity, Goal, Indicator, IndicatorValue, Report, ReportEvent, ReportingPeriod, Target
from organisation.models import Unit

#: Where the built files are kept in the default storage.
FOLDER = "exports/city-report"
#: Raised whenever the PDF's templates or layout change, so that files built before are not served.
LAYOUT_VERSION = "1"
#: How long a request waits for another's build before it is told to come back (below gunicorn's --timeout 60).
WAIT_SECONDS = 45.0

_builds_lock = threading.Lock()
_builds = 0


def builds() -> int:
    """How many times this process has laid out the city's PDF."""
    return _builds


def generation(reporting_period: ReportingPeriod, *, language: str) -> str:
    """A hash of everything the compiled report shows; it changes whenever any of it changes."""
    period = ReportingPeriod.objects.filter(pk=reporting_period.pk).values_list("updated_at", "deadline").get()
    year, term = reporting_period.year, reporting_period.period
    reports = Report.objects.filter(reporting_period=reporting_period).aggregate(
        n=Count("pk"), changed=Max("updated_at"), versions=Sum("version")
    )
    events = ReportEvent.objects.filter(report__reporting_period=reporting_period).aggregate(
        n=Count("pk"), at=Max("at")
    )
    values = IndicatorValue.objects.filter(year=year, period=term).aggregate(n=Count("pk"), at=Max("computed_at"))
    goals = Goal.objects.filter(year=year).aggregate(n=Count("pk"), at=Max("updated_at"))
    activities = Activity.objects.filter(goal__year=year).aggregate(n=Count("pk"), at=Max("updated_at"))
    targets = Target.objects.filter(year=year).aggregate(n=Count("pk"), at=Max("updated_at"))
    indicators = Indicator.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    units = hashlib.sha256(repr(list(Unit.objects.order_by("path").values_list("pk", "path", "name"))).encode())
    parts = [
        LAYOUT_VERSION,
        language,
        reporting_period.pk,
        year,
        term,
        period,
        sorted(reports.items()),
        sorted(events.items()),
        sorted(values.items()),
        sorted(goals.items()),
        sorted(activities.items()),
        sorted(targets.items()),
        sorted(indicators.items()),
        units.hexdigest(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _prefix(reporting_period: ReportingPeriod, language: str) -> str:
    return f"{reporting_period.year}-{reporting_period.period}-{language}-"


def _build(reporting_period: ReportingPeriod, *, language: str) -> bytes:
    global _builds
    with _builds_lock:
        _builds += 1
    return exports.city_pdf(reporting_period, language=language)


def _name(reporting_period: ReportingPeriod, *, language: str) -> str:
    return f"{FOLDER}/{_prefix(reporting_period, language)}{generation(reporting_period, language=language)}.pdf"


def built_city_pdf(reporting_period: ReportingPeriod, *, language: str) -> str | None:
    """The name of the city's PDF as the data stands now if it is built already, else ``None`` (never builds).

    A file a build is still writing is there already, half written: while a build holds the lock it is not built yet.
    """
    name = _name(reporting_period, language=language)
    if not default_storage.exists(name):
        return None
    try:
        with exclusive(_lock_name(reporting_period, language), wait_seconds=0):
            return name if default_storage.exists(name) else None
    except LockBusy:
        return None


def _lock_name(reporting_period: ReportingPeriod, language: str) -> str:
    return f"city-pdf:{reporting_period.pk}:{language}"


def stored_city_pdf(reporting_period: ReportingPeriod, *, language: str, wait_seconds: float | None = None) -> str:
    """The name in the default storage of the city's PDF as the data stands now, built if need be.

    Raises ``core.locks.LockBusy`` when another build of it took longer than ``wait_seconds``
    (``WAIT_SECONDS`` unless given)."""
    # Looked for under the lock too: a file another build is still writing is never served half done.
    with exclusive(
        _lock_name(reporting_period, language), wait_seconds=WAIT_SECONDS if wait_seconds is None else wait_seconds
    ):
        name = _name(reporting_period, language=language)
        if default_storage.exists(name):
            return name
        content = _build(reporting_period, language=language)
        # Named after the build: laying it out brings the period's computed indicator values up to date first (and
        # the catalogue of indicators, the first time), which is part of what the name stands for.
        name = _name(reporting_period, language=language)
        if default_storage.exists(name):
            default_storage.delete(name)
        saved = default_storage.save(name, ContentFile(content))
        _delete_older(reporting_period, language=language, keep=saved)
        return saved


def _delete_older(reporting_period: ReportingPeriod, *, language: str, keep: str) -> None:
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except FileNotFoundError:
        return
    prefix = _prefix(reporting_period, language)
    for file_name in files:
        name = f"{FOLDER}/{file_name}"
        if file_name.startswith(prefix) and name != keep:
            default_storage.delete(name)
