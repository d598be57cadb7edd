"""City-scale learning: the catalogue (200 courses: self-paced modules, workshops, seminars and the leadership
programmes' innovation modules; one of them the introductory module, about a tenth public), about 5,000 sessions over
ten years (spread events of kind ``course`` with their ``Session``; the upcoming ones with some registrations), about
150,000 completions (the introductory module most of all; a session's from its attendance, the modules' from their
check or the learning platform's yearly import), a development talk for every employee and year (innovation
discussed in about 30 % of them ten years ago, rising to about 70 %), and the register of about 15 HR policy
documents — written in bulk as the services leave them. The catalogue, a manager's view of their staff and the
indicators of knowledge and leadership are in the benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from core.city import CITY_TIME_ZONE
from learning.models import (
    Audience,
    Completion,
    CompletionImport,
    CompletionSource,
    Course,
    CourseKind,
    CourseLanguage,
    CourseState,
    DevelopmentTalk,
    PolicyDocument,
    PolicyStatus,
    Session,
)
from organisation.models import ORGANISATION_KINDS, User
from sample_data.scale import BATCH, CITY, YEARS, ScaleBuilder, pick, timestamps_as_given
from spread.models import Event, EventKind, Registration, RegistrationStatus

AFTER = ("ideas",)

COURSES = 200
SESSIONS = 5_000
COMPLETIONS = 150_000
LEADERSHIP_MODULES = 5
#: The share of completions that are of the introductory module, of another module, and from a session.
INTRO, MODULES = 0.35, 0.40
#: The share of development talks that covered innovation, ten years ago and last year.
INNOVATION_FIRST, INNOVATION_LAST = 0.3, 0.7

TOPICS = (
    ("Tjänstedesign", "i praktiken"),
    ("Innovationsslussen", "steg för steg"),
    ("Att testa en idé", "med användarna"),
    ("Digitalisering", "i välfärden"),
    ("Innovationsupphandling", "för beställare"),
    ("Design thinking", "på en dag"),
    ("Nyttorealisering", "för förvaltningar"),
    ("Att sprida det som fungerar", "mellan enheter"),
    ("Öppna data", "som råvara"),
    ("Medborgardialog", "och innovation"),
    ("Hållbar innovation", "i staden"),
    ("Att leda förändring", "i vardagen"),
    ("AI och automatisering", "i handläggningen"),
    ("Prototyper", "med enkla medel"),
    ("Innovationsledning", "för chefer"),
)
POLICIES = (
    "Lönepolicy",
    "Personalpolicy",
    "Kompetensförsörjningsplan",
    "Riktlinjer för medarbetarsamtal",
    "Chefs- och ledarskapspolicy",
    "Riktlinjer för arbetsmiljö",
    "Policy för flexibel arbetstid",
    "Riktlinjer för distansarbete",
    "Rekryteringspolicy",
    "Riktlinjer för introduktion av nyanställda",
    "Policy för kompetensutveckling",
    "Riktlinjer för belöning och uppskattning",
    "Jämställdhets- och mångfaldsplan",
    "Riktlinjer för bisysslor",
    "Policy för intern rörlighet",
)


def _counted(builder: ScaleBuilder, n: int, least: int) -> int:
    """``n`` at the city's size, in proportion to the employees at another."""
    return max(least, round(n * builder.sizes.employees / CITY.employees))


def _day(rng: random.Random, first: date, last: date, *, rising: bool = False) -> date:
    """A day in [first, last]; with ``rising``, later years weigh more (learning grew over the years)."""
    span = (last - first).days
    share = max(rng.random(), rng.random()) if rising else rng.random()
    return first + timedelta(days=int(share * span))


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CITY_TIME_ZONE).astimezone(UTC)


def _office_unit(builder: ScaleBuilder) -> int:
    """The executive office's unit: the director's."""
    unit_id = User.objects.filter(pk=builder.people.director).values_list("unit_id", flat=True).first()
    return unit_id or next(iter(builder.units))


def _courses(builder: ScaleBuilder, rng: random.Random, first: date) -> list[Course]:
    people = builder.people
    orgs = [u for u in builder.units.values() if u.kind in ORGANISATION_KINDS]
    office = _office_unit(builder)
    courses: list[Course] = []
    for n in range(COURSES):
        if n == 0:
            kind, audience = CourseKind.MODULE, Audience.EVERYONE
        elif n <= LEADERSHIP_MODULES:
            kind, audience = CourseKind.LEADERSHIP, Audience.MANAGERS
        else:
            kind = pick(rng, [(CourseKind.MODULE, 50), (CourseKind.WORKSHOP, 28), (CourseKind.SEMINAR, 22)])
            audience = pick(rng, [(Audience.EVERYONE, 80), (Audience.MANAGERS, 12), (Audience.COACHES, 8)])
        central = n <= LEADERSHIP_MODULES or rng.random() < 0.4
        org = None if central or not orgs else rng.choice(orgs)
        unit_id = office if org is None else org.id
        by = people.director if org is None else people.office.get(org.id, people.director)
        topic, tail = TOPICS[n % len(TOPICS)]
        title = (
            "Introduktion till innovation"
            if n == 0
            else (f"Ledarprogrammet: {topic.lower()}" if kind == CourseKind.LEADERSHIP else f"{topic} {tail}")
        )
        state = (
            CourseState.PUBLISHED
            if n <= LEADERSHIP_MODULES
            else pick(rng, [(CourseState.PUBLISHED, 90), (CourseState.WITHDRAWN, 7), (CourseState.DRAFT, 3)])
        )
        made = _day(rng, first, first + timedelta(days=365 * 8)) if n else first
        courses.append(
            Course(
                code=f"inno-{n:03d}" if n else "inno-intro",
                kind=kind,
                title=title if n < len(TOPICS) else f"{title} ({n})",
                summary=f"{topic} {tail}: vad det är, hur du gör och vad andra enheter i staden har lärt sig.",
                body="Innovation är nya sätt att göra saker som skapar värde.\n\nHär lär du dig grunderna."
                if kind == CourseKind.MODULE and rng.random() < 0.5
                else "",
                external_url=f"https://larplattform.stockholm.se/kurs/{n}" if kind == CourseKind.MODULE else "",
                audience=audience,
                length_minutes=rng.choice((20, 30, 45, 60))
                if kind == CourseKind.MODULE
                else rng.choice((120, 180, 240)),
                language=pick(rng, [(CourseLanguage.SV, 85), (CourseLanguage.BOTH, 12), (CourseLanguage.EN, 3)]),
                is_introduction=n == 0,
                is_public=n == 0
                or (state == CourseState.PUBLISHED and audience == Audience.EVERYONE and rng.random() < 0.11),
                pass_mark=2 if kind == CourseKind.MODULE else 0,
                state=state,
                unit_id=unit_id,
                created_by_id=by,
                published_at=_at(made) if state != CourseState.DRAFT else None,
                created_at=_at(made, 8),
                updated_at=_at(made),
            )
        )
    with timestamps_as_given(Course):
        return Course.objects.bulk_create(courses, batch_size=BATCH)


def _sessions(
    builder: ScaleBuilder, rng: random.Random, courses: list[Course], first: date, reference: date
) -> list[tuple[Session, date]]:
    given = [c for c in courses if c.has_sessions and c.state != CourseState.DRAFT]
    n = _counted(builder, SESSIONS, 20)
    upcoming_last = reference + timedelta(days=120)
    events: list[Event] = []
    chosen: list[tuple[Course, date]] = []
    for i in range(n):
        course = rng.choice(given)
        upcoming = i < max(2, n // 50) and course.state == CourseState.PUBLISHED
        if upcoming:
            day = _day(rng, reference + timedelta(days=1), upcoming_last)
        else:
            since = max(first, course.created_at.date() + timedelta(days=14))
            day = _day(rng, min(since, reference - timedelta(days=1)), reference - timedelta(days=1), rising=True)
        starts = _at(day, rng.choice((9, 13)))
        events.append(
            Event(
                kind=EventKind.COURSE,
                title=course.title,
                description=course.summary,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=course.length_minutes),
                place=rng.choice(("Stadshuset, Blå hallen", "Kulturhuset, Studion", "")) or "",
                online_url="" if rng.random() < 0.7 else "https://meet.stockholm.se/kurs",
                capacity=rng.choice((15, 20, 25, 30, 40)),
                organiser_id=course.created_by_id,
                created_at=starts - timedelta(days=45),
                updated_at=starts - timedelta(days=45),
            )
        )
        chosen.append((course, day))
    with timestamps_as_given(Event, Session):
        Event.objects.bulk_create(events, batch_size=BATCH)
        sessions = [
            Session(
                course=course,
                event=event,
                completions_recorded_at=event.ends_at + timedelta(days=1) if day < reference else None,
                created_at=event.created_at,
                updated_at=event.created_at,
            )
            for (course, day), event in zip(chosen, events, strict=True)
        ]
        Session.objects.bulk_create(sessions, batch_size=BATCH)
    return [(s, day) for s, (_c, day) in zip(sessions, chosen, strict=True)]


def _registrations(rng: random.Random, sessions: list[tuple[Session, date]], staff: list[int], reference: date) -> int:
    upcoming = [s for s, day in sessions if day >= reference]
    who = rng.sample(staff, min(len(staff), sum(s.event.capacity for s in upcoming)))
    contact = dict(User.objects.filter(pk__in=who).values_list("pk", "email"))
    names = dict(User.objects.filter(pk__in=who).values_list("pk", "name"))
    rows: list[Registration] = []
    taken = 0
    for session in upcoming:
        event = session.event
        for pk in who[taken : taken + rng.randint(0, event.capacity)]:
            at = event.starts_at - timedelta(days=rng.randint(1, 40))
            rows.append(
                Registration(
                    event=event,
                    person_id=pk,
                    name=names[pk] or contact[pk],
                    email=contact[pk],
                    status=RegistrationStatus.REGISTERED,
                    created_at=at,
                    updated_at=at,
                )
            )
        taken += event.capacity
    with timestamps_as_given(Registration):
        Registration.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _completions(
    builder: ScaleBuilder,
    rng: random.Random,
    courses: list[Course],
    sessions: list[tuple[Session, date]],
    first: date,
    reference: date,
) -> int:
    people = builder.people
    unit_of = dict(User.objects.filter(pk__in=people.employees).values_list("pk", "unit_id"))
    staff = sorted(unit_of)
    managers = sorted({m for ms in people.managers_by_org.values() for m in ms if m in unit_of})
    total = _counted(builder, COMPLETIONS, 200)
    seen: set[tuple[int, int, date]] = set()
    rows: list[Completion] = []
    imports: dict[int, CompletionImport] = {}

    def add(person: int, course: Course, day: date, source: str, session: Session | None = None) -> None:
        if (person, course.pk, day) in seen:
            return
        seen.add((person, course.pk, day))
        imported = None
        if source == CompletionSource.IMPORT:
            imported = imports.get(day.year)
            if imported is None:
                at = _at(date(day.year, 12, 31) if day.year < reference.year else reference - timedelta(days=1), 7)
                imported = imports[day.year] = CompletionImport(
                    imported_by_id=people.director,
                    file_name=f"larplattformen-{day.year}.csv",
                    rows=0,
                    created_at=at,
                    updated_at=at,
                )
            imported.rows += 1
        rows.append(
            Completion(
                person_id=person,
                course=course,
                completed_on=day,
                source=source,
                session=session,
                imported=imported,
                unit_id=unit_of[person],
            )
        )

    intro = courses[0]
    last = reference - timedelta(days=1)
    for person in rng.sample(staff, min(round(total * INTRO), round(0.8 * len(staff)))):
        add(person, intro, _day(rng, first, last, rising=True), CompletionSource.CHECK)
    modules = [c for c in courses[1:] if c.kind == CourseKind.MODULE and c.state != CourseState.DRAFT]
    for _ in range(round(total * MODULES)):
        course = rng.choice(modules)
        pool = managers if course.audience == Audience.MANAGERS and managers else staff
        day = _day(rng, max(first, course.created_at.date()), last, rising=True)
        add(rng.choice(pool), course, day, CompletionSource.IMPORT if course.external_url else CompletionSource.CHECK)
    past = [(s, day) for s, day in sessions if day < reference]
    for session, day in past:
        if len(rows) >= total:
            break
        course = session.course
        pool = managers if course.audience == Audience.MANAGERS and managers else staff
        for person in rng.sample(
            pool, min(len(pool), rng.randint(max(1, session.event.capacity // 2), session.event.capacity))
        ):
            add(person, course, day, CompletionSource.ATTENDANCE, session)
    with timestamps_as_given(CompletionImport):
        CompletionImport.objects.bulk_create(list(imports.values()))
    for completion in rows:
        if completion.imported is not None:
            completion.imported_id = completion.imported.pk
    Completion.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _talks(builder: ScaleBuilder, rng: random.Random, reference: date) -> int:
    people = builder.people
    employees = list(
        User.objects.filter(pk__in=people.employees).exclude(unit=None).order_by("pk").values_list("pk", "unit_id")
    )
    years = list(range(reference.year - YEARS + 1, reference.year + 1))
    written = 0
    rows: list[DevelopmentTalk] = []
    with timestamps_as_given(DevelopmentTalk):
        for step, year in enumerate(years):
            share = INNOVATION_FIRST + (INNOVATION_LAST - INNOVATION_FIRST) * step / max(1, len(years) - 1)
            for person, unit_id in employees:
                held = date(year, rng.randint(2, 5), rng.randint(1, 28))
                if held >= reference:
                    continue
                manager = people.manager_of_unit.get(unit_id)
                discussed = rng.random() < share
                at = _at(min(held + timedelta(days=rng.randint(0, 20)), reference - timedelta(days=1)), 15)
                rows.append(
                    DevelopmentTalk(
                        employee_id=person,
                        manager_id=manager if manager != person else None,
                        unit_id=unit_id,
                        year=year,
                        held_on=held,
                        innovation_discussed=discussed,
                        ideas_count=(1 if rng.random() < 0.08 else 0) if discussed else 0,
                        created_at=at,
                        updated_at=at,
                    )
                )
                if len(rows) >= BATCH * 4:
                    DevelopmentTalk.objects.bulk_create(rows, batch_size=BATCH)
                    written += len(rows)
                    rows = []
        DevelopmentTalk.objects.bulk_create(rows, batch_size=BATCH)
    return written + len(rows)


def _policies(builder: ScaleBuilder, rng: random.Random, reference: date) -> None:
    office = _office_unit(builder)
    documents = []
    for n, title in enumerate(POLICIES):
        status = pick(
            rng,
            [
                (PolicyStatus.NOT_REVIEWED, 3),
                (PolicyStatus.UNDER_REVIEW, 3),
                (PolicyStatus.NO_CHANGE, 3),
                (PolicyStatus.CHANGE_DECIDED, 2),
                (PolicyStatus.CHANGED, 2),
            ],
        )
        reviewed = reference - timedelta(days=rng.randint(30, 700)) if status != PolicyStatus.NOT_REVIEWED else None
        done = status not in (PolicyStatus.NOT_REVIEWED, PolicyStatus.UNDER_REVIEW)
        documents.append(
            PolicyDocument(
                title=title,
                url=f"https://intranat.stockholm.se/styrdokument/{n + 1}",
                owner_id=office,
                status=status,
                reviewed_on=reviewed if done else None,
                conclusion="Dokumentet ger utrymme att pröva nya arbetssätt." if done else "",
                change_decided="Ett stycke om att pröva nya idéer läggs till."
                if status in (PolicyStatus.CHANGE_DECIDED, PolicyStatus.CHANGED)
                else "",
                updated_by_id=builder.people.director,
                created_at=_at(reference - timedelta(days=800)),
                updated_at=_at(reviewed or reference - timedelta(days=800)),
            )
        )
    with timestamps_as_given(PolicyDocument):
        PolicyDocument.objects.bulk_create(documents)


def build(builder: ScaleBuilder) -> None:
    people = builder.people
    if not people.employees or not people.director:
        return
    rng = random.Random(f"learning-{builder.seed}")  # noqa: S311 - test data, not secrets
    reference = builder.reference.astimezone(CITY_TIME_ZONE).date()
    first = builder.start.astimezone(CITY_TIME_ZONE).date()
    courses = _courses(builder, rng, first)
    sessions = _sessions(builder, rng, courses, first, reference)
    registrations = _registrations(rng, sessions, sorted(people.employees), reference)
    completions = _completions(builder, rng, courses, sessions, first, reference)
    talks = _talks(builder, rng, reference)
    _policies(builder, rng, reference)
    builder.say(
        f"courses: {len(courses)}, sessions: {len(sessions):,} ({registrations:,} registrations), "
        f"completions: {completions:,}, development talks: {talks:,}"
    )


def counts() -> dict[str, int]:
    return {
        "courses": Course.objects.count(),
        "course sessions": Session.objects.count(),
        "completions": Completion.objects.count(),
        "development talks": DevelopmentTalk.objects.count(),
        "policy documents": PolicyDocument.objects.count(),
    }
