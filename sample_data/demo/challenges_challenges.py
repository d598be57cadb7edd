"""The demo's challenges: an open internal challenge to a district's staff, an open public challenge with answers
from residents and suppliers, and a closed one whose shortlist a small jury scored (two coaches and a manager,
with comments) before every answer was responded to and its summary published. Each
starts from a need of its own, written, sent and routed through the needs' services (named apart from the needs
part's demo), every step at the moment it happened (``now``)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from calls import services as calls
from challenges.challenges import services
from challenges.models import Answer, Audience, Challenge, Need, NeedOrigin, Response, Route
from challenges.needs import services as needs
from core.city import CITY_TIME_ZONE
from organisation.models import Unit, UnitKind

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

VALUES = (["social"], ["economic", "social"], ["environmental", "social"], ["economic"])

INTERNAL: dict[str, Any] = {
    "need": {
        "title": "Många timmar går åt till att planera hemtjänstens scheman",
        "who_has_it": "Samordnare i hemtjänsten, och brukare som får besök på ändrade tider.",
        "how_it_shows": "Samordnarna lägger i snitt elva timmar i veckan på att planera om; 140 klagomål på tider i fjol.",
        "good_outcome": "Halverad tid för planering och färre ändrade besökstider.",
        "cost_today": "Omkring 4 miljoner kronor om året i arbetstid.",
        "origin": NeedOrigin.OWN_WORK,
    },
    "challenge": {
        "title": "Hur planerar vi hemtjänstens scheman på halva tiden?",
        "question": "Hur kan hemtjänsten planera sina scheman på halva tiden, utan att brukarna får fler byten?",
        "criteria": "Går att pröva i en grupp inom ett halvår. Minskar planeringstiden. Brukarna får inte fler byten.",
        "prizes": "De tre bästa svaren prövas i en hemtjänstgrupp under hösten.",
    },
    "answers": (
        "Fasta slingor som bara ändras en gång i veckan",
        "Samordnare delar planeringen mellan grupperna",
        "Brukaren väljer sin tid i en app",
    ),
}

PUBLIC: dict[str, Any] = {
    "need": {
        "title": "Sökande väntar länge på besked om bygglov",
        "who_has_it": "Privatpersoner och företag som söker bygglov.",
        "how_it_shows": "Handläggningstiden är i snitt 14 veckor; 230 klagomål på väntan i fjol.",
        "good_outcome": "Besked inom fyra veckor för enkla ärenden.",
        "cost_today": "Omkring 3 miljoner kronor om året i kompletteringar.",
        "origin": NeedOrigin.COMPLAINTS,
    },
    "challenge": {
        "title": "Hur får sökande besked om bygglov på fyra veckor?",
        "question": "Vad skulle göra det enklare att söka bygglov rätt från början, så att beskedet kommer snabbare?",
        "criteria": "Gör ansökan mer komplett från början. Går att införa inom ett år. Fungerar för alla sökande.",
        "prizes": "De bästa svaren bjuds in till en workshop med stadsbyggnadskontoret.",
    },
    "answers": (
        ("resident", "En checklista innan man skickar in"),
        ("resident", "Exempel på godkända ritningar"),
        ("supplier", "Digital förhandsgranskning av ritningar"),
        ("resident", "Telefontid med en handläggare"),
        ("supplier", "Koppla ansökan till kartan direkt"),
    ),
}

CLOSED: dict[str, Any] = {
    "need": {
        "title": "Otrygga gångvägar till skolan en mörk vinter",
        "who_has_it": "Elever som går till skolan och deras föräldrar.",
        "how_it_shows": "I brukarenkäten svarade 38 procent av föräldrarna att skolvägen känns otrygg när det är mörkt.",
        "good_outcome": "Fler elever går själva till skolan och känner sig trygga.",
        "cost_today": "Skjuts med bil: fler bilar vid skolorna på morgonen.",
        "origin": NeedOrigin.USER_SURVEY,
    },
    "challenge": {
        "title": "Hur gör vi skolvägen tryggare när det är mörkt?",
        "question": "Vad skulle göra det tryggare för barn att gå till skolan en mörk vintermorgon?",
        "criteria": "Gör skolvägen tryggare. Går att pröva vid en skola. Kostar lite att driva.",
        "prizes": "Det bästa svaret prövas vid en skola nästa vinter.",
    },
    "answers": (
        ("Gåbussar med vuxna som turas om", Response.TAKEN_FORWARD, "Prövas vid en skola i vinter."),
        ("Reflexvästar till alla elever", Response.NOT_TAKEN, "Skolorna delar redan ut reflexer varje höst."),
        ("Vandrande skolbuss med föräldrar", Response.MERGED, "Samma tanke som gåbussarna: vi prövar dem tillsammans."),
        ("Bättre belysning längs gångvägarna", Response.TAKEN_FORWARD, "Trafikkontoret ser över belysningen."),
        ("Trygghetsvandringar med eleverna", Response.NOT_TAKEN, "Görs redan i stadsdelens trygghetsarbete."),
    ),
    #: The answers on the shortlist (by their place above), each juror's scores on the rubric's criteria.
    "shortlist": (0, 2, 3),
    "jury_scores": (
        ((5, 4, 4), (4, 4, 3), (5, 3, 4)),
        ((4, 3, 4), (4, 4, 3), (3, 3, 4)),
        ((4, 3, 2), (5, 3, 2), (4, 2, 3)),
    ),
    "comments": (
        "Vuxna på plats gör mest för tryggheten.",
        "Kan prövas vid en skola utan stora förberedelser.",
        "Bygger på frivilliga, så det kostar lite.",
    ),
    "summary": (
        "Fem svar kom in från invånare. Två tas vidare: gåbussar med vuxna som turas om prövas vid en skola i "
        "vinter, och trafikkontoret ser över belysningen längs gångvägarna. Ett svar slogs ihop med gåbussarna. "
        "Två svar tas inte vidare, eftersom det redan görs. Tack till alla som svarade!"
    ),
}


def _idea(author, title: str, rng: random.Random, **extra) -> dict:
    return {
        "title": title,
        "problem": "Det som beskrivs i utmaningen: det tar för lång tid och blir fel.",
        "audience": "De som har problemet i dag.",
        "proposal": f"{title}. Vi prövar det i liten skala först och ser vad det ger.",
        "expected_value": "Kortare väntan och färre fel.",
        "values": rng.choice(VALUES),
        **extra,
    }


def _need(office, unit: Unit, texts: dict, route: str, now: datetime) -> Need:
    need = needs.need_create(by=office, unit=unit, now=now, **texts)
    needs.need_submit(need=need, by=office, expected_version=need.version, now=now + timedelta(hours=1))
    return needs.need_route(
        need=need,
        by=office,
        expected_version=need.version,
        route=route,
        rationale="Problemet är tydligt och många kan bidra med svar.",
        now=now + timedelta(days=2),
    )


def _midnight(day: date) -> datetime:
    """The start of ``day`` in the city's time, as the office's form gives a challenge's opening and closing."""
    return datetime.combine(day, time.min, tzinfo=CITY_TIME_ZONE)


def _challenge(office, need: Need, texts: dict, *, audience: str, audience_unit=None, opens: datetime, days: int):
    # Opens at the start of its first day; closes at the end of its last day, ``days`` later.
    first = opens.astimezone(CITY_TIME_ZONE).date()
    opens = _midnight(first)
    challenge = services.challenge_create(
        need=need,
        by=office,
        background=services.background_from(need),
        audience=audience,
        audience_unit=audience_unit,
        opens_at=opens,
        closes_at=_midnight(first + timedelta(days=days + 1)),
        now=opens - timedelta(days=3),
        **texts,
    )
    return services.challenge_publish(
        challenge=challenge, by=office, expected_version=challenge.version, now=opens - timedelta(days=1)
    )


def _jury(demo: DemoBuilder, challenge: Challenge, office, shortlist: list[Answer]) -> None:
    """The shortlist scored by a small jury: set up the day after closing, scored over the next days."""
    jurors = [*demo.cast.coaches[:2], *list(demo.cast.managers.values())[:1]]
    if not shortlist or len(jurors) < 2:
        return
    day = challenge.closes_at + timedelta(days=1)
    for answer in shortlist:
        answer.refresh_from_db()
        services.answer_shortlist(answer=answer, by=office, expected_version=answer.version, shortlisted=True, now=day)
    challenge.refresh_from_db()
    rubric = [(name, "2" if n == 0 else "1") for n, name in enumerate(services.jury_criteria_suggested(challenge))]
    call = services.challenge_jury_set_up(
        challenge=challenge, by=office, expected_version=challenge.version, criteria=rubric, now=day
    )
    for n, juror in enumerate(jurors):
        calls.juror_add(call=call, by=office, user=juror, is_chair=n == 0)
    criteria = list(call.criteria.all())
    entries = {e.idea_id: e for e in call.applications.all()}
    for a, answer in enumerate(shortlist):
        entry = entries[answer.idea_id]
        for j, juror in enumerate(jurors):
            assignment = calls.assignment_add(application=entry, juror=juror, by=office, now=day)
            values = CLOSED["jury_scores"][a % len(CLOSED["jury_scores"])][j % 3]
            scores = {
                criterion.pk: (values[c % len(values)], CLOSED["comments"][c % len(CLOSED["comments"])])
                for c, criterion in enumerate(criteria)
            }
            calls.scores_save(
                application=entry,
                juror=juror,
                expected_version=assignment.version,
                scores=scores,
                submit=True,
                now=day + timedelta(days=2 + j),
            )


def build(demo: DemoBuilder) -> None:
    rng = random.Random(f"challenges-{demo.seed}")
    office = demo.cast.executive_office
    if office is None:
        raise RuntimeError("The demo cast has no executive office; create the people first.")
    now = demo.now
    district = Unit.objects.filter(kind=UnitKind.DISTRICT_ADMINISTRATION).order_by("path").first()
    if district is None:
        raise RuntimeError("The demo city has no district administration.")
    within = set(Unit.objects.filter(path__startswith=district.path).values_list("pk", flat=True))
    district_staff = [p for p in demo.cast.employees if p.unit_id in within and p.email][:3]

    # An open internal challenge to the district's staff.
    need = _need(office, district, INTERNAL["need"], Route.INTERNAL_CHALLENGE, now - timedelta(days=30))
    internal = _challenge(
        office,
        need,
        INTERNAL["challenge"],
        audience=Audience.UNIT_STAFF,
        audience_unit=district,
        opens=now - timedelta(days=10),
        days=30,
    )
    for n, (person, title) in enumerate(zip(district_staff, INTERNAL["answers"], strict=False)):
        services.answer_submit(
            challenge=internal,
            author=person,
            now=now - timedelta(days=8 - n),
            **_idea(person, title, rng, kind="process", unit=person.unit),
        )

    # An open public challenge, answered by residents and suppliers.
    planning = Unit.objects.filter(kind=UnitKind.SPECIALIST_ADMINISTRATION).order_by("path").first() or district
    need = _need(office, planning, PUBLIC["need"], Route.PUBLIC_CHALLENGE, now - timedelta(days=40))
    public = _challenge(
        office, need, PUBLIC["challenge"], audience=Audience.ANYONE, opens=now - timedelta(days=14), days=45
    )
    people = {"resident": list(demo.cast.residents), "supplier": list(demo.cast.suppliers)}
    for n, (kind, title) in enumerate(PUBLIC["answers"]):
        if not people[kind]:
            continue
        person = people[kind].pop(0)
        services.answer_submit(
            challenge=public, author=person, now=now - timedelta(days=12 - 2 * n), **_idea(person, title, rng)
        )

    # A closed challenge: every answer responded to, the summary published.
    need = _need(office, district, CLOSED["need"], Route.PUBLIC_CHALLENGE, now - timedelta(days=150))
    closed = _challenge(
        office,
        need,
        CLOSED["challenge"],
        audience=Audience.RESIDENTS,
        opens=now - timedelta(days=120),
        days=60,
    )
    residents = list(demo.cast.residents)[len(PUBLIC["answers"]) :] or list(demo.cast.residents)
    answers: list[Answer | None] = []
    for n, (title, _response, _why) in enumerate(CLOSED["answers"]):
        person = residents[n % len(residents)]
        answers.append(
            services.answer_submit(
                challenge=closed,
                author=person,
                now=now - timedelta(days=110 - 7 * n),
                **_idea(person, title, rng, visibility="public", public_consent=True),
            )[1]
        )
    after = closed.closes_at + timedelta(days=7)
    _jury(demo, closed, office, [a for n, a in enumerate(answers) if n in CLOSED["shortlist"] and a is not None])
    for answer, (_title, response, why) in zip(answers, CLOSED["answers"], strict=True):
        if answer is None:
            continue
        answer.refresh_from_db()
        merged_into = answers[0] if response == Response.MERGED else None
        services.answer_respond(
            answer=answer,
            by=office,
            expected_version=answer.version,
            response=response,
            reason=why,
            merged_into=merged_into,
            now=after,
        )
    closed.refresh_from_db()
    services.challenge_summarise(
        challenge=closed, by=office, expected_version=closed.version, summary=CLOSED["summary"], now=after
    )
    demo.out(f"{Challenge.objects.count()} challenges; {Answer.objects.count()} answers")
