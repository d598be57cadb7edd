"""The demo city's surveys: the capacity survey put to every manager three years running, with results that show what
the strategy's own survey found (2.3) — the companies rate their capacity higher than the specialist and district
administrations, procurement for innovation rates lowest, ideas come mostly from staff and customers — and that rise
a little each year; and the employee survey's innovation items for the last two years, imported as the vendor's file gives them
(the city, every administration and company, Farsta's departments); and an employee survey in Farsta, open now, that the demo employee (``medarbetare``) can answer
through the link on their start page.

Written through the services of ``surveys.rounds`` and ``surveys.answering`` only.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from core.city import CITY_TIME_ZONE
from organisation.models import Unit, UnitKind
from sample_data.demo import surveys_texts as texts
from surveys.answering import services as answering
from surveys.employee_survey import services as employee_survey
from surveys.models import EmployeeSurveyItem, Round, TargetGroup
from surveys.rounds import links
from surveys.rounds import services as rounds
from surveys.rounds.default import default_questionnaire

if TYPE_CHECKING:
    from sample_data.demo import DemoBuilder

#: How each kind of organisation rates itself, on average (2.3: companies highest).
KIND_LEVEL = {
    UnitKind.COMPANY: 3.8,
    UnitKind.SPECIALIST_ADMINISTRATION: 3.3,
    UnitKind.DISTRICT_ADMINISTRATION: 3.2,
    "": 3.4,
}
#: How each question differs from the level (2.3: procurement lowest, ideas mostly from staff and customers).
QUESTION_OFFSET = {
    "strategy": 0.2,
    "leadership": 0.1,
    "time": -0.5,
    "process": -0.3,
    "expectations": -0.1,
    "ideas-staff": 0.6,
    "ideas-customers": 0.4,
    "ideas-suppliers": -0.6,
    "ideas-academia": -0.7,
    "ideas-other-units": -0.2,
    "user-feedback": 0.3,
    "procurement": -1.1,
    "digitalisation": 0.1,
    "leading-renewal": 0.2,
}


def _at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=CITY_TIME_ZONE)


def _answers(demo: DemoBuilder, kind: str, year_step: int) -> dict[str, str]:
    rng = demo.rng
    answers: dict[str, str] = {}
    for key, offset in QUESTION_OFFSET.items():
        if rng.random() < (0.12 if key in ("procurement", "ideas-academia") else 0.04):
            answers[key] = "0"  # don't know
            continue
        mean = KIND_LEVEL.get(kind, 3.4) + offset + 0.12 * year_step
        answers[key] = str(min(5, max(1, round(rng.gauss(mean, 0.8)))))
    if rng.random() < 0.45:
        answers["obstacles"] = rng.choice(texts.OBSTACLES)
    if rng.random() < 0.35:
        answers["support"] = rng.choice(texts.SUPPORT)
    return answers


#: The employee survey's innovation items, as the vendor's file names them.
EMPLOYEE_ITEMS = (
    ("inno-ideer", "Jag har möjlighet att komma med idéer om hur verksamheten kan bli bättre.", 0.2),
    ("inno-provas", "På min arbetsplats prövar vi nya arbetssätt.", -0.1),
    ("inno-tid", "Jag har tid att arbeta med förbättringar.", -0.5),
)
#: The English wording the executive office has written for the first two items; the third shows in Swedish.
EMPLOYEE_ITEMS_EN = {
    "inno-ideer": "I have the chance to put forward ideas on how our work could be better.",
    "inno-provas": "At my workplace we try out new ways of working.",
}


def _employee_survey_file(demo: DemoBuilder, year: int, step: int) -> bytes:
    """The vendor's file for a year: the city, every administration and company, and Farsta's departments (some of
    them too small to show)."""
    rng = demo.rng
    orgs = list(Unit.objects.filter(kind__in=tuple(KIND_LEVEL)[:3]).order_by("path"))
    farsta = next((o for o in orgs if "Farsta" in o.name), None)
    departments = list(Unit.objects.filter(path__startswith=farsta.path, depth=farsta.depth + 1)) if farsta else []
    lines = ["år;enhetskod;frågekod;fråga;antal_svar;medelvärde"]
    for code, text, offset in EMPLOYEE_ITEMS:
        city_total = 0
        rows = []
        for org in orgs:
            answered = max(3, round(max(org.headcount, 40) * rng.uniform(0.5, 0.7)))
            if org == farsta:
                parts = [(d, rng.choice((3, 4, 12, 18, 25))) for d in departments]
                answered = max(answered, sum(n for _d, n in parts) + 10)
                for dep, n in parts:
                    mean = KIND_LEVEL[org.kind] + 0.3 + offset + 0.08 * step + rng.uniform(-0.3, 0.3)
                    rows.append((dep.code, n, mean))
            mean = KIND_LEVEL[org.kind] + 0.3 + offset + 0.08 * step + rng.uniform(-0.2, 0.2)
            rows.append((org.code, answered, mean))
            city_total += answered
        root = Unit.objects.get_first_root_node()
        rows.insert(0, (root.code, city_total + 200, 3.7 + offset + 0.08 * step))
        for unit_code, n, mean in rows:
            value = f"{min(5.0, max(1.0, mean)):.2f}".replace(".", ",")
            lines.append(f"{year};{unit_code};{code};{text};{n};{value}")
    return ("\n".join(lines) + "\n").encode()


def build(demo: DemoBuilder) -> None:
    office = demo.cast.executive_office
    if office is None:
        return
    this_year = demo.now.astimezone(CITY_TIME_ZONE).year
    for step, year in enumerate((this_year - 2, this_year - 1)):
        employee_survey.employee_survey_import(
            by=office,
            year=year,
            file_name=f"medarbetarenkat-innovation-{year}.csv",
            data=_employee_survey_file(demo, year, step),
        )
    for item in EmployeeSurveyItem.objects.filter(code__in=EMPLOYEE_ITEMS_EN):
        employee_survey.item_translate(item=item, by=office, text_en=EMPLOYEE_ITEMS_EN[item.code], was=item.text_en)
    questionnaire = default_questionnaire()
    version = questionnaire.versions.get(number=1)
    root = Unit.objects.get_first_root_node()
    this_year = demo.now.astimezone(CITY_TIME_ZONE).year
    for step, year in enumerate(range(this_year - 3, this_year)):
        opens = date(year, 10, 1)
        opened_at = _at(opens)
        round_ = rounds.round_create(
            by=office,
            version=version,
            name_sv=f"Innovationsförmåga {year}",
            name_en=f"Capacity to innovate {year}",
            year=year,
            target_group=TargetGroup.MANAGERS,
            unit=root,
            opens_on=opens,
            closes_on=opens + timedelta(days=27),
            reminder_days=[7, 14, 21],
            now=opened_at - timedelta(days=14),
        )
        rounds.round_open(round=round_, by=office, expected_version=round_.lock_version, now=opened_at)
        invitations = list(round_.invitations.order_by("pk"))
        for i, invitation in enumerate(invitations):
            if demo.rng.random() < 0.18:
                continue  # did not answer
            answering.response_submit(
                token=links.token_for(invitation.salt),
                answers=_answers(demo, invitation.reporting_kind, step),
                now=opened_at + timedelta(days=1 + i % 25),
            )
        round_ = Round.objects.get(pk=round_.pk)
        rounds.round_close(
            round=round_, by=office, expected_version=round_.lock_version, now=_at(opens + timedelta(days=28))
        )
    farsta = next((m.unit for m in demo.cast.managers.values() if m.unit and "Farsta" in m.unit.name), None)
    if farsta is None:
        return
    today = demo.now.astimezone(CITY_TIME_ZONE).date()
    employees = rounds.round_create(
        by=office,
        version=version,
        name_sv=f"Innovationsklimatet i Farsta {this_year}",
        name_en=f"Innovation climate in Farsta {this_year}",
        year=this_year,
        target_group=TargetGroup.EMPLOYEES,
        unit=farsta,
        opens_on=today - timedelta(days=5),
        closes_on=today + timedelta(days=16),
        reminder_days=[7, 14],
        now=demo.now - timedelta(days=8),
    )
    rounds.round_open(
        round=employees, by=office, expected_version=employees.lock_version, now=demo.now - timedelta(days=5)
    )
    demo_employee = f"medarbetare@{office.email.split('@')[1]}"
    for invitation in employees.invitations.select_related("person").order_by("pk"):
        if invitation.person is None or invitation.person.email == demo_employee or demo.rng.random() < 0.5:
            continue
        answering.response_submit(
            token=links.token_for(invitation.salt),
            answers=_answers(demo, UnitKind.DISTRICT_ADMINISTRATION, 3),
            now=demo.now - timedelta(days=demo.rng.randint(0, 4)),
        )
