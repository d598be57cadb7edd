"""Calls in the demo city: one call of each programme, with applications in every state.

Written through ``calls.services`` only, after the ideas and before governance follow-up (so
that the funding indicators of the reports count the grants), with each service's ``now`` set
where it takes one. Counted back from the demo's day:

- the innovation fund closed about eight months ago: screened by Stadsledningskontoret's
  innovation office, then scored by an expert panel; grants decided and published, paid in
  two parts, final reports written (the demo employee's project is granted, paid in part and
  still running); rejected, not eligible, withdrawn and an abandoned draft beside them;
- the renewal prize and the open data award closed months ago, their winners published;
- the quality award closed six weeks ago and is with its jury (blind review, the demo coach
  in the chair): some jurors have submitted their scores, some not, one juror has
  declared a conflict, and one entry still waits to be screened;
- the innovation stipend is open for three more weeks: the demo resident has a draft.

Each application's history runs in order: begun and saved, submitted; screened a day or a few
after the deadline (in the open stipend, a day or a few after it came in); the next morning given
to the jurors (a juror with a conflict of interest has declared it on the day of the screening);
scored; decided. All of it before the demo's day.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from calls import services
from calls.models import Application, Assignment, Call, Category, Programme, Status
from calls.rules import is_recused, organisation_path
from core.city import CITY_TIME_ZONE
from core.models import Notification
from ideas.lock import Stage
from ideas.models import GateDecision, Idea
from organisation.models import ORGANISATION_KINDS, PersonKind, Unit, UnitKind, User
from sample_data.demo import calls_texts as texts
from sample_data.demo.governance import audited

if TYPE_CHECKING:
    from sample_data.demo import Cast, DemoBuilder

IN_THE_LOCK = (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION, Stage.SPREAD)
REALISED = (Stage.IMPLEMENTATION, Stage.SPREAD)
#: Sectors of the units that enter each class of the quality award.
QUALITY_SECTORS = {
    "Förskola": ("preschool",),
    "Skola": ("school",),
    "Äldreomsorg": ("elderly_care",),
    "Socialtjänst och funktionsnedsättning": ("social_services", "disability"),
    "Övrig verksamhet": ("library", "culture", "parks", "sport"),
}


def build(demo: DemoBuilder) -> None:
    # A generator of its own, so that a seed's governance follow-up is what it was before the calls were added.
    CallsDemo(rng=random.Random(f"calls-{demo.seed}"), now=demo.now, cast=demo.cast, out=demo.out).build()


class CallsDemo:
    """Builds the demo's five calls for the cast of ``sample_data.demo.DemoBuilder``."""

    def __init__(self, *, rng: random.Random, now: datetime, cast: Cast, out: Callable[[str], None]) -> None:
        if cast.director is None or cast.executive_office is None:
            raise RuntimeError("The demo cast has no director or executive office; create the people first.")
        self.rng = rng
        self.now = now
        self.today = timezone.localtime(now, CITY_TIME_ZONE).date()
        self.cast = cast
        self.out = out
        self.director: User = cast.director
        self.office: User = cast.executive_office  # screens, forms the juries, pays and publishes
        self.assignments: dict[tuple[int, int], Assignment] = {}
        self.journeys = self._journeys()
        self.ideas = {idea.pk: idea for idea in Idea.objects.select_related("unit")}
        self.orgs_by_path = {u.path: u for u in Unit.objects.filter(kind__in=ORGANISATION_KINDS)}

    def build(self) -> dict[str, Call]:
        with audited(False):  # backdated history, as governance writes it
            calls: dict[str, Call] = {
                Programme.FUND: self._fund(),
                Programme.RENEWAL_PRIZE: self._renewal_prize(),
                Programme.OPEN_DATA_AWARD: self._open_data_award(),
                Programme.QUALITY_AWARD: self._quality_award(),
            }
        calls[Programme.STIPEND] = self._stipend()
        # News of the decided calls was read long ago; the jury's and the stipend's are waiting.
        decided = Application.objects.filter(call__results_published_at__isnull=False).only("pk")
        Notification.objects.filter(url__in=[a.get_absolute_url() for a in decided], read_at__isnull=True).update(
            read_at=self.now
        )
        states = dict.fromkeys(Status.values, 0)
        for status in Application.objects.values_list("status", flat=True):
            states[status] += 1
        self.out(f"{len(calls)} calls; applications: " + ", ".join(f"{n} {s}" for s, n in states.items()))
        return calls

    # -- moments -----------------------------------------------------------------------------
    def _at(self, days_ago: int, hour: int = 10) -> datetime:
        """A moment on a past day (never later than a few minutes ago)."""
        day = self.today - timedelta(days=days_ago)
        moment = datetime.combine(day, time(hour, self.rng.randint(0, 59)), tzinfo=CITY_TIME_ZONE)
        return min(moment, self.now - timedelta(minutes=5))

    def _between(self, first: int, last: int) -> datetime:
        """A moment between ``first`` and ``last`` days ago, in office hours."""
        return self._at(self.rng.randint(min(first, last), max(first, last)), self.rng.randint(8, 16))

    def _later(self, moment: datetime, first: int, last: int) -> datetime:
        """A moment ``first`` to ``last`` hours after ``moment`` (never later than a few minutes ago)."""
        later = moment + timedelta(hours=self.rng.randint(first, last), minutes=self.rng.randint(0, 59))
        return min(later, self.now - timedelta(minutes=5))

    def _withdrawn(self, application: Application) -> datetime:
        """A few hours to days after the submission; never before it."""
        submitted = application.submitted_at or application.created_at
        return max(submitted, self._later(submitted, 2, 72))

    def _days_ago(self, moment: datetime) -> int:
        return (self.today - timezone.localtime(moment, CITY_TIME_ZONE).date()).days

    def _deadline(self, days_from_today: int) -> datetime:
        return datetime.combine(self.today + timedelta(days=days_from_today), time(23, 59), tzinfo=CITY_TIME_ZONE)

    def _day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    # -- people and ideas ------------------------------------------------------------------------
    def _journeys(self) -> dict[int, list[tuple[datetime, str]]]:
        journeys: dict[int, list[tuple[datetime, str]]] = {}
        for idea_id, at, stage in GateDecision.objects.order_by("decided_at", "pk").values_list(
            "idea_id", "decided_at", "to_stage"
        ):
            journeys.setdefault(idea_id, []).append((at, stage))
        return journeys

    def _stage_at(self, idea_id: int, moment: datetime) -> str:
        stage: str = Stage.IDEA
        for at, to_stage in self.journeys.get(idea_id, []):
            if at >= moment:
                break
            stage = to_stage
        return stage

    def _ideas_in(self, stages: Sequence[str], moment: datetime, exclude: set[int]) -> list[Idea]:
        return [
            idea
            for pk, idea in sorted(self.ideas.items())
            if pk not in exclude and idea.created_at < moment and self._stage_at(pk, moment) in stages
        ]

    @staticmethod
    def _org(user: User) -> str | None:
        return organisation_path(user.unit)

    def _staff(self) -> list[User]:
        """Employees who may apply or nominate (not the office, the director or the demo employee)."""
        return [p for p in self.cast.employees[1:] if p.unit is not None]

    def _chair(self, exclude_orgs: set[str | None]) -> User:
        """A manager or coach from an organisation none of the applications comes from (else they could not decide)."""
        pool = [p for p in [*self.cast.managers.values(), *self.cast.coaches] if self._org(p) not in exclude_orgs]
        return self.rng.choice(pool)

    def _jury(self, call: Call, chair: User, size: int) -> list[User]:
        """The chair and ``size`` jurors from around the city: coaches and managers."""
        pool = [p for p in [*self.cast.coaches, *self.cast.managers.values()] if p != chair]
        members = self.rng.sample(pool, k=size)
        services.juror_add(call=call, by=self.office, user=chair, is_chair=True)
        for member in members:
            services.juror_add(call=call, by=self.office, user=member)
        return [chair, *members]

    # -- the steps, through the services --------------------------------------------------------
    def _call(self, text: texts.CallText, *, opens: datetime, closes: datetime, **rules) -> Call:
        call = services.call_create(
            by=self.office,
            programme=text.programme,
            title=text.title.format(year=opens.year),
            summary=text.summary,
            description=text.description,
            year=opens.year,
            opens_at=opens,
            closes_at=closes,
            **rules,
        )
        for criterion in text.criteria:
            services.criterion_add(
                call=call,
                by=self.office,
                name=criterion.name,
                description=criterion.description,
                weight=criterion.weight,
            )
        for name, rule in text.categories:
            services.category_add(call=call, by=self.office, name=name, entry_rule=rule)
        return services.call_publish(call=call, by=self.office)

    def _apply(
        self,
        call: Call,
        applicant: User,
        when: datetime,
        *,
        submit: bool = True,
        budget: list[tuple[str, Decimal]] | None = None,
        **fields,
    ) -> Application:
        application = services.application_start(call=call, applicant=applicant, now=when)
        # Written in one sitting: saved within the hour it was begun (and submitted later).
        saved = min(when + timedelta(minutes=self.rng.randint(5, 50)), self.now - timedelta(minutes=5))
        application = services.application_save(
            application=application,
            by=applicant,
            expected_version=application.version,
            budget_lines=budget,
            now=saved,
            **fields,
        )
        if submit:
            application = services.application_submit(
                application=application,
                by=applicant,
                expected_version=application.version,
                now=min(when + timedelta(hours=self.rng.randint(1, 30)), self.now - timedelta(minutes=1)),
            )
        return application

    def _screen_out(self, application: Application, when: datetime) -> None:
        """Screened as not eligible at ``when`` (after its submission), with the reason the applicant is told."""
        note = self.rng.choice(texts.SCREENING_NOTES[application.call.programme])
        services.application_screen(application=application, by=self.office, eligible=False, note=note, now=when)

    def _review(
        self,
        application: Application,
        jurors: list[User],
        quality: float,
        *,
        screened: tuple[int, int],
        scored: tuple[int, int],
        waiting: Sequence[User] = (),
        conflict: User | None = None,
    ) -> None:
        """Screened as eligible between ``screened`` days ago and given the next morning to the jurors who are
        not recused; all but those ``waiting`` submit their scores between ``scored`` days ago (the first of
        them has saved half). ``conflict``: a juror who declares a conflict of interest instead, on the day of
        the screening. The scoring days come after the day of the assignments."""
        day = self.rng.randint(min(screened), max(screened))
        screened_at = self._at(day, self.rng.randint(8, 15))
        services.application_screen(application=application, by=self.office, eligible=True, now=screened_at)
        if conflict is not None:
            reason = self.rng.choice(texts.CONFLICT_REASONS)
            declared = self._later(screened_at, 1, 5)
            services.conflict_declare(application=application, juror=conflict, reason=reason, now=declared)
        given = self._at(day - 1, self.rng.randint(8, 11))
        assigned = []
        for juror in jurors:
            if juror == conflict or is_recused(juror, application):
                continue
            self.assignments[(application.pk, juror.pk)] = services.assignment_add(
                application=application, juror=juror, by=self.office, now=given
            )
            assigned.append(juror)
        pending = [j for j in waiting if j in assigned]
        for juror in assigned:
            if juror not in pending:
                self._score(application, juror, quality, self._between(*scored))
            elif juror == pending[0]:
                self._score(application, juror, quality, self._between(*scored), submit=False)

    def _score(self, application: Application, juror: User, quality: float, when: datetime, *, submit=True) -> None:
        call = application.call
        criteria = list(call.criteria.all())
        if not submit:
            criteria = criteria[: max(1, len(criteria) // 2)]
        scores: dict[int, tuple[int | None, str]] = {}
        for criterion in criteria:
            value = min(call.scale_max, max(call.scale_min, round(quality + self.rng.gauss(0, 0.6))))
            level = "low" if value <= 2 else "middle" if value == 3 else "high"
            scores[criterion.pk] = (value, self.rng.choice(texts.SCORE_COMMENTS[level]))
        assignment = self.assignments[(application.pk, juror.pk)]
        self.assignments[(application.pk, juror.pk)] = services.scores_save(
            application=application,
            juror=juror,
            expected_version=assignment.version,
            scores=scores,
            submit=submit,
            now=when,
        )

    def _decide(self, application: Application, chair: User, *, granted: bool, when: datetime, amount=None) -> None:
        kind = (
            ("granted" if granted else "rejected")
            if application.call.is_funding
            else ("winner" if granted else "not_winner")
        )
        services.decision_record(
            application=application,
            by=chair,
            granted=granted,
            justification=self.rng.choice(texts.JUSTIFICATIONS[kind]),
            amount=amount,
            now=when,
        )

    # -- the innovation fund ------------------------------------------------------------------
    def _fund(self) -> Call:
        rng = self.rng
        call = self._call(texts.FUND, opens=self._at(300, 9), closes=self._deadline(-240), budget=Decimal(3_000_000))
        demo_employee = self.cast.employees[0]
        chair = self._chair({self._org(demo_employee), organisation_path(self.office.unit)})
        jurors = self._jury(call, chair, 3)
        excluded = {self._org(chair), organisation_path(self.office.unit)}
        applicants = [p for p in self._staff() if self._org(p) not in excluded and p not in jurors]
        rng.shuffle(applicants)
        # (applicant, what becomes of it): the demo employee's is granted and still running.
        plan = [
            (demo_employee, "running"),
            (applicants[0], "reported"),
            (applicants[1], "reported"),
            (applicants[2], "rejected"),
            (applicants[3], "rejected"),
            (applicants[4], "rejected"),
            (applicants[5], "ineligible"),
            (applicants[6], "withdrawn"),
            (applicants[7], "draft"),
        ]
        used: set[int] = set()
        granted: list[Application] = []
        reviewed: list[tuple[Application, float]] = []
        for n, (applicant, fate) in enumerate(plan):
            when = self._between(290, 242)
            idea = self._fund_idea(applicant, when, used)
            used.add(idea.pk)
            stage = self._stage_at(idea.pk, when)
            summary, plan_text = rng.choice(texts.FUND_PLANS.get(stage, texts.FUND_PLANS["pilot"]))
            requested = Decimal(rng.randrange(150_000, 600_001, 10_000))
            lines = rng.choice(texts.BUDGET_LINES)
            budget = [(cost, (requested * Decimal(str(share))).quantize(Decimal(1))) for cost, share in lines[:-1]]
            budget.append((lines[-1][0], requested - sum((amount for _c, amount in budget), Decimal(0))))
            application = self._apply(
                call,
                applicant,
                when,
                submit=fate != "draft",
                budget=budget,
                title=idea.title,
                summary=summary,
                description=f"{idea.proposal}\n\n{plan_text}",
                idea=idea,
                requested_amount=requested,
                co_financing=thousands(requested * Decimal(rng.choice(("0.2", "0.3", "0.4")))),
            )
            if fate == "draft":
                continue
            if fate == "withdrawn":
                services.application_withdraw(application=application, by=applicant, now=self._withdrawn(application))
                continue
            if fate == "ineligible":
                self._screen_out(application, self._between(239, 237))
                continue
            quality = {"running": 4.2, "reported": 4.0, "rejected": 2.6}[fate] + rng.uniform(-0.3, 0.3)
            # The screening, then the expert panel; one expert declares a conflict with one application.
            conflict = jurors[1] if n == 2 else None
            self._review(application, jurors, quality, screened=(239, 237), scored=(232, 215), conflict=conflict)
            reviewed.append((application, quality))
        decided = self._at(205, 13)
        for application, quality in sorted(reviewed, key=lambda r: -r[1]):
            if quality >= 3.5:
                requested = application.requested_amount or Decimal(0)
                amount = thousands(requested * Decimal(rng.choice(("1", "1", "0.8"))))
                self._decide(application, chair, granted=True, when=decided, amount=amount)
                application.refresh_from_db()
                granted.append(application)
            else:
                self._decide(application, chair, granted=False, when=decided)
        services.results_publish(call=call, by=self.office, now=self._at(200, 11))
        reports = iter(texts.FINAL_REPORTS)
        for application in granted:
            amount = application.granted_amount or Decimal(0)
            first = thousands(amount * Decimal("0.6"))
            services.payment_record(
                application=application,
                by=self.office,
                amount=first,
                paid_on=self._day(195),
                note=texts.PAYMENT_NOTES[0],
            )
            if application.applicant == demo_employee:
                continue  # still running: the final report is to come
            results, lessons, spread = next(reports)
            reported = self._between(60, 25)
            services.final_report_submit(
                application=application,
                by=application.applicant,
                results=results,
                lessons=lessons,
                recommend_spread=spread,
                now=reported,
            )
            services.payment_record(
                application=application,
                by=self.office,
                amount=amount - first,
                paid_on=timezone.localtime(reported, CITY_TIME_ZONE).date() + timedelta(days=7),
                note=texts.PAYMENT_NOTES[1],
            )
        return call

    def _fund_idea(self, applicant: User, when: datetime, used: set[int]) -> Idea:
        """An idea in the lock when the application is written: the applicant's own, their organisation's, or any."""
        candidates = self._ideas_in(IN_THE_LOCK, when, used) or [i for i in self.ideas.values() if i.pk not in used]
        org = self._org(applicant)
        own = [i for i in candidates if i.author_id == applicant.pk]
        local = [i for i in candidates if org and i.unit.path.startswith(org)]
        return self.rng.choice(own or local or candidates or list(self.ideas.values()))

    # -- the renewal prize ---------------------------------------------------------------------
    def _renewal_prize(self) -> Call:
        rng = self.rng
        call = self._call(texts.RENEWAL_PRIZE, opens=self._at(200, 9), closes=self._deadline(-150))
        kinds = list(call.categories.all())
        closes = call.closes_at
        ideas = self._ideas_in(REALISED, closes, set())
        ideas += self._ideas_in((Stage.PILOT,), closes, {i.pk for i in ideas})
        ideas = ideas[:] if len(ideas) >= 8 else ideas + rng.sample(list(self.ideas.values()), k=8 - len(ideas))
        rng.shuffle(ideas)
        nominated = ideas[:8]
        chair = self._chair({organisation_path(i.unit) for i in nominated})
        jurors = self._jury(call, chair, 3)
        fates = ["winner"] * 4 + ["not_winner"] * 2 + ["ineligible", "withdrawn"]
        reviewed = []
        for n, (idea, fate) in enumerate(zip(nominated, fates, strict=True)):
            org = self._organisation_of(idea.unit)
            applicant = self.cast.managers.get(org.pk) or self.cast.offices.get(org.pk) or self.director
            kind = kinds[n % len(kinds)]
            application = self._apply(
                call,
                applicant,
                self._between(195, 152),
                title=idea.title,
                summary=texts.RENEWAL_MOTIVATIONS[kind.name],
                description=f"{idea.proposal}\n\n{idea.expected_value}",
                idea=idea,
                unit=idea.unit,
                category=kind,
            )
            if fate == "withdrawn":
                services.application_withdraw(application=application, by=applicant, now=self._withdrawn(application))
            elif fate == "ineligible":
                self._screen_out(application, self._between(149, 147))
            else:
                quality = (4.3 if fate == "winner" else 2.9) + rng.uniform(-0.3, 0.3)
                self._review(application, jurors, quality, screened=(149, 147), scored=(140, 110))
                reviewed.append((application, fate))
        decided = self._at(95, 14)
        for application, fate in reviewed:
            self._decide(application, chair, granted=fate == "winner", when=decided)
        services.results_publish(call=call, by=self.office, now=self._at(90, 10))
        return call

    def _organisation_of(self, unit: Unit) -> Unit:
        path = organisation_path(unit) or unit.path
        return self.orgs_by_path.get(path) or unit

    # -- the open data award --------------------------------------------------------------------
    def _open_data_award(self) -> Call:
        rng = self.rng
        call = self._call(texts.OPEN_DATA_AWARD, opens=self._at(150, 9), closes=self._deadline(-100))
        people = [*self.cast.residents[1:4], *self.cast.suppliers[1:3], rng.choice(self._staff())]
        chair = self._chair({self._org(p) for p in people})
        jurors = self._jury(call, chair, 2)
        fates = ["winner", "winner", "not_winner", "not_winner", "not_winner", "ineligible"]
        reviewed = []
        for person, entry, fate in zip(people, texts.OPEN_DATA_ENTRIES, fates, strict=True):
            title, summary, description = entry
            application = self._apply(
                call,
                person,
                self._between(145, 102),
                title=title,
                summary=summary,
                description=description,
                open_data_used=texts.OPEN_DATA_USED[title],
            )
            if fate == "ineligible":
                self._screen_out(application, self._between(99, 97))
                continue
            quality = (4.4 if fate == "winner" else 3.0) + rng.uniform(-0.3, 0.3)
            self._review(application, jurors, quality, screened=(99, 97), scored=(95, 70))
            reviewed.append((application, fate))
        decided = self._at(55, 15)
        for application, fate in reviewed:
            self._decide(application, chair, granted=fate == "winner", when=decided)
        services.results_publish(call=call, by=self.office, now=self._at(50, 10))
        return call

    # -- the quality award: with the jury now ----------------------------------------------------------
    def _quality_award(self) -> Call:
        rng = self.rng
        call = self._call(
            texts.QUALITY_AWARD,
            opens=self._at(120, 9),
            closes=self._deadline(-45),
            blind_review=True,
            min_staff=5,
        )
        # The demo coach chairs and scores: the demo shows the jury's pages and the ranking to "coach".
        # (The city's innovation office runs the call and sits on no jury.) No entry comes from the chair's organisation.
        chair = self.cast.coaches[0]
        chairs_org = organisation_path(chair.unit)
        units = [
            u
            for u in Unit.objects.filter(kind=UnitKind.UNIT, headcount__gte=5).order_by("path")
            if organisation_path(u) != chairs_org
        ]
        entries: list[tuple[Category, Unit, tuple[str, str, str]]] = []
        for category in call.categories.all():
            sectors = QUALITY_SECTORS.get(category.name, ())
            fitting = [u for u in units if any(s in u.sectors.split(";") for s in sectors)] or units
            for text in texts.QUALITY_ENTRIES[category.name]:
                unit = rng.choice(fitting)
                units.remove(unit)
                fitting = [u for u in fitting if u != unit] or units
                entries.append((category, unit, text))
        jurors = self._jury(call, chair, 3)
        chair, first, conflicted, last = jurors
        reviewed = []
        for n, (category, unit, (title, summary, description)) in enumerate(entries):
            applicant = self.cast.managers.get(self._organisation_of(unit).pk) or self.office
            application = self._apply(
                call,
                applicant,
                self._between(115, 47),
                title=title,
                summary=summary,
                description=description,
                category=category,
                unit=unit,
                staff_count=unit.headcount,
                has_budget_responsibility=True,
            )
            if n == 0:
                self._screen_out(application, self._between(44, 42))
            elif n == 1:
                continue  # closed six weeks ago; this one still waits to be screened
            else:
                reviewed.append(application)
        # A private provider's entry, registered through the committee by the district that buys its services.
        district = next(
            (
                o
                for path, o in sorted(self.orgs_by_path.items())
                if o.kind == UnitKind.DISTRICT_ADMINISTRATION and path != chairs_org
            ),
            None,
        )
        registrar = (self.cast.managers.get(district.pk) if district else None) or self.office
        title, summary, description = texts.PRIVATE_ENTRY
        private = self._apply(
            call,
            registrar,
            self._between(100, 50),
            title=title,
            summary=summary,
            description=description,
            category=next(c for c in call.categories.all() if c.name == "Äldreomsorg"),
            unit=district,
            staff_count=34,
            private_provider=True,
            serves_mainly_city_residents=True,
        )
        reviewed.append(private)
        # Some are fully scored; on others a juror has saved half their scores, or not begun; the director,
        # who chairs, has scores left to give.
        waiting: tuple[tuple[User, ...], ...] = ((), (last,), (chair,), (first, chair))
        for n, application in enumerate(reviewed):
            self._review(
                application,
                jurors,
                rng.uniform(2.6, 4.6),
                screened=(44, 42),
                scored=(40, 3),
                waiting=waiting[n % len(waiting)],
                conflict=conflicted if n == 1 else None,
            )
        return call

    # -- the innovation stipend: open now ----------------------------------------------------------------
    def _stipend(self) -> Call:
        rng = self.rng
        call = self._call(
            texts.STIPEND,
            opens=self._at(21, 9),
            closes=self._deadline(21),
            budget=Decimal(400_000),
            min_age=18,
            no_city_employment_months=12,
            exclude_last_year_winners=True,
        )
        self._jury(call, self._chair(set()), 2)
        residents = [p for p in self.cast.residents[1:] if p.kind == PersonKind.RESIDENT]
        rng.shuffle(residents)
        invanare = self.cast.residents[0]
        title, summary, _description = texts.STIPEND_APPLICATIONS[0]
        # The demo resident's draft: begun, with the description and date of birth still to write.
        self._apply(
            call,
            invanare,
            self._at(3, 20),
            submit=False,
            title=title,
            summary=summary,
            requested_amount=Decimal(40_000),
            residence="lives",
        )
        fates = ["draft", "submitted", "submitted", "submitted", "withdrawn", "ineligible"]
        for person, text, fate in zip(residents, texts.STIPEND_APPLICATIONS[1:], fates, strict=False):
            title, summary, description = text
            # The one screened out came in early enough for the office to have screened it a day or two later.
            when = self._between(20, 4 if fate == "ineligible" else 1)
            application = self._apply(
                call,
                person,
                when,
                submit=fate != "draft",
                title=title,
                summary=summary,
                description=description,
                requested_amount=Decimal(rng.randrange(15_000, 50_001, 5_000)),
                birth_date=date(rng.randint(1950, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                residence=rng.choice(("lives", "lives", "works", "studies")),
            )
            if fate == "withdrawn":
                services.application_withdraw(application=application, by=person, now=self._withdrawn(application))
            elif fate == "ineligible":
                submitted = self._days_ago(application.submitted_at or when)
                self._screen_out(application, self._between(submitted - 1, submitted - 2))
        return call


def thousands(amount: Decimal) -> Decimal:
    """Rounded to whole thousands of kronor."""
    return (amount / 1000).quantize(Decimal(1)) * 1000
