"""The demo city's learning on innovation: the introductory module (taken by most of the staff), a workshop series in
Farsta with sessions last months and next month, a seminar, a web course on the learning platform, a module for the
innovation coaches, the leadership programme's module taken by this year's managers, Farsta's development talks for
last year and this year (the demo employee's covered innovation, so their start page offers to send in an idea), and
the register of HR policy documents under review.

Written through the services of ``learning.catalogue``, ``learning.talks`` and ``learning.policies`` only; attendance is
marked on the sessions' events, which records the completions.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password

from core.city import CITY_TIME_ZONE
from learning.catalogue import services as catalogue
from learning.models import Audience, Course, CourseKind, Session
from learning.policies import services as policies
from learning.talks import services as talks
from organisation import services as org_services
from organisation.models import PersonKind, Role, Unit, UnitKind, User
from sample_data.demo import DEMO_DOMAIN, DEMO_PASSWORD, email_local_part
from sample_data.demo import learning_texts as texts
from sample_data.demo.organisation import PERSONA_UNIT
from spread.events import services as events

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

#: Colleagues of the demo employee at Hemtjänsten Hökarängen, so Farsta's figures rest on enough people to be shown.
FARSTA_COLLEAGUES = (
    "Ahmed Yusuf",
    "Birgitta Ström",
    "Daniel Öberg",
    "Elin Sjöberg",
    "Fatima Ali",
    "Gustav Lund",
    "Hanna Nyström",
    "Ibrahim Hassan",
    "Jenny Wallin",
    "Kristoffer Berg",
    "Leila Karimi",
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CITY_TIME_ZONE)


def _course(by: User, unit: Unit, spec: dict, *, kind: str, now: datetime, **extra) -> Course:
    course = catalogue.course_create(
        by=by,
        unit=unit,
        code=spec["code"],
        kind=kind,
        title=spec["title"],
        # Only a self-paced module keeps content here; a workshop's or seminar's description is its summary.
        summary=spec["summary"] if kind == CourseKind.MODULE else f"{spec['summary']} {spec.get('body', '')}".strip(),
        body=spec.get("body", "") if kind == CourseKind.MODULE else "",
        video_url=spec.get("video_url", ""),
        external_url=spec.get("external_url", ""),
        **extra,
    )
    for text, choices, correct in spec.get("questions", ()):
        catalogue.question_add(course=course, by=by, text=text, choices=list(choices), correct=correct)
    if spec.get("pass_mark"):
        course = Course.objects.get(pk=course.pk)
        course = catalogue.course_update(
            course=course, by=by, expected_version=course.lock_version, pass_mark=spec["pass_mark"]
        )
    course = Course.objects.get(pk=course.pk)
    return catalogue.course_publish(course=course, by=by, expected_version=course.lock_version, now=now)


def _given(course: Course, by: User, *, day: date, hours: tuple[int, int], capacity: int, place: str, now: datetime):
    return catalogue.session_create(
        course=course,
        by=by,
        starts_at=_at(day, hours[0]),
        ends_at=_at(day, hours[1]),
        capacity=capacity,
        place=place,
        now=now,
    )


def _attended(session: Session, by: User, people: list[User], *, present_share: float, demo: DemoBuilder) -> None:
    """``people`` sign up a fortnight before; after the session the organiser marks who came."""
    starts = session.event.starts_at
    for person in people:
        catalogue.session_register(session=session, by=person, now=starts - timedelta(days=14))
    present = [
        r.pk for r in session.event.registrations.filter(status="registered") if demo.rng.random() < present_share
    ]
    events.attendance_mark(event=session.event, by=by, attended=present, now=starts + timedelta(hours=4))


def build(demo: DemoBuilder) -> None:
    cast = demo.cast
    office = cast.executive_office
    if office is None:
        return
    now = demo.now
    today = now.astimezone(CITY_TIME_ZONE).date()
    slk = office.unit
    farsta = next((u for u in (m.unit for m in cast.managers.values()) if u and "Farsta" in u.name), None)
    if slk is None or farsta is None:
        return
    farsta_office = cast.offices[farsta.pk]
    farsta_manager = cast.managers[farsta.pk]
    home = Unit.objects.filter(code=PERSONA_UNIT).first() or farsta
    colleagues: list[int] = []
    for name in FARSTA_COLLEAGUES:
        email, n = f"{email_local_part(name)}@{DEMO_DOMAIN}", 1
        while email in demo.used_emails:
            n += 1
            email = f"{email_local_part(name)}{n}@{DEMO_DOMAIN}"
        demo.used_emails.add(email)
        colleague = org_services.person_create(email=email, name=name, kind=PersonKind.EMPLOYEE, unit=home)
        colleagues.append(colleague.pk)
    # Every demo account shares the documented password (hashed once, as for the others).
    User.objects.filter(pk__in=colleagues).update(password=make_password(DEMO_PASSWORD), date_joined=demo.start)
    published = now - timedelta(days=400)

    # The catalogue.
    intro = _course(
        office,
        slk,
        texts.INTRO,
        kind=CourseKind.MODULE,
        now=published,
        length_minutes=30,
        is_public=True,
        is_introduction=True,
    )
    _course(office, slk, texts.PLATFORM_MODULE, kind=CourseKind.MODULE, now=published, length_minutes=90)
    _course(
        office,
        slk,
        texts.COACH_MODULE,
        kind=CourseKind.MODULE,
        now=published,
        length_minutes=60,
        audience=Audience.COACHES,
    )
    workshop = _course(
        farsta_office,
        farsta,
        texts.WORKSHOP,
        kind=CourseKind.WORKSHOP,
        now=published,
        length_minutes=180,
        is_public=True,
    )
    seminar = _course(office, slk, texts.SEMINAR, kind=CourseKind.SEMINAR, now=published, length_minutes=120)
    leadership = _course(
        office,
        slk,
        texts.LEADERSHIP,
        kind=CourseKind.LEADERSHIP,
        now=published,
        length_minutes=420,
        audience=Audience.MANAGERS,
        language="sv,en",
    )

    staff = list(User.objects.filter(kind=PersonKind.EMPLOYEE, is_active=True, unit__isnull=False).order_by("pk"))
    demo_employee = f"medarbetare@{DEMO_DOMAIN}"

    # Most of the staff have taken the introductory module over the last year, the demo employee not yet.
    right: dict[int, int | None] = {q.pk: q.correct for q in intro.questions.all()}
    for person in staff:
        if person.email == demo_employee or demo.rng.random() < 0.3:
            continue
        on = today - timedelta(days=demo.rng.randint(1, 360))
        catalogue.check_submit(course=intro, by=person, answers=right, on=on)

    # The workshop series in Farsta: two sessions behind, two next month.
    farsta_staff = [p for p in staff if p.unit and p.unit.path.startswith(farsta.path)]
    others = [p for p in staff if p not in farsta_staff]
    for weeks_ago, people in ((9, farsta_staff[:10]), (5, farsta_staff[10:] + others[:6])):
        day = today - timedelta(weeks=weeks_ago)
        session = _given(
            workshop,
            farsta_office,
            day=day,
            hours=(13, 16),
            capacity=16,
            place="Farsta stadsdelsförvaltning, Sjöängsvägen 3, rum Ågesta",
            now=_at(day, 9) - timedelta(days=40),
        )
        _attended(
            session, farsta_office, [p for p in people if p.email != demo_employee], present_share=0.85, demo=demo
        )
    for days_ahead in (33, 47):
        day = today + timedelta(days=days_ahead)
        session = _given(
            workshop,
            farsta_office,
            day=day,
            hours=(9, 12),
            capacity=12,
            place="Farsta stadsdelsförvaltning, Sjöängsvägen 3, rum Ågesta",
            now=now - timedelta(days=3),
        )
        for person in others[6 + days_ahead % 5 : 12 + days_ahead % 5]:
            catalogue.session_register(session=session, by=person, now=now - timedelta(days=2))
    day = today + timedelta(days=40)
    _given(seminar, office, day=day, hours=(13, 15), capacity=80, place="Stadshuset, Rådssalen", now=now)

    # The leadership programme's module, taken by this year's managers in two sessions this spring.
    managers = list(User.objects.filter(role_assignments__role=Role.MANAGER, is_active=True).distinct().order_by("pk"))
    first = min(today - timedelta(days=60), date(today.year, 3, 12))
    if first.year < today.year:
        first = today - timedelta(days=30)
    halves = (managers[: len(managers) // 2], managers[len(managers) // 2 :])
    for offset, group in zip((0, 21), halves, strict=True):
        day = min(first + timedelta(days=offset), today - timedelta(days=1))
        session = _given(
            leadership,
            office,
            day=day,
            hours=(9, 16),
            capacity=len(group) + 5,
            place="Stadsledningskontoret, Ragnar Östbergs plan 1",
            now=_at(day, 9) - timedelta(days=45),
        )
        _attended(session, office, group, present_share=0.9, demo=demo)

    # Farsta's development talks, last year and this year; this year's are held in the spring.
    for year in (today.year - 1, today.year):
        for person in farsta_staff:
            if person.pk == farsta_manager.pk:
                continue
            held = date(year, 4, 1) + timedelta(days=demo.rng.randint(0, 60))
            if held >= today:
                continue
            covered = person.email == demo_employee or demo.rng.random() < (0.45 if year < today.year else 0.7)
            talks.talk_record(
                employee=person,
                by=farsta_manager,
                year=year,
                held_on=held,
                innovation_discussed=covered,
                ideas_count=(1 if person.email == demo_employee else demo.rng.randint(0, 2)) if covered else 0,
                now=min(_at(held, 15) + timedelta(days=demo.rng.randint(0, 10)), now),
            )

    # The register of HR policy documents.
    hr = Unit.objects.filter(path__startswith=slk.path).exclude(pk=slk.pk).filter(kind=UnitKind.DEPARTMENT).first()
    for i, (title, status, conclusion, change) in enumerate(texts.POLICIES):
        reviewed = today - timedelta(days=30 + 40 * i) if conclusion else None
        policies.policy_create(
            by=office,
            title=title,
            owner=hr or slk,
            url=f"https://intranat.stockholm.se/styrdokument/{i + 1}",
            status=status,
            reviewed_on=reviewed,
            conclusion=conclusion,
            change_decided=change,
        )
    demo.out(f"{Course.objects.count()} courses, {intro.completions.count()} have taken the introductory module")
