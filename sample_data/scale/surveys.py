"""City-scale surveys: the capacity survey put to the city's heads and managers (about 2,000) each of the ten
years, and the employee survey put to every employee of the city the last three years (about 25,000 answers each),
written in bulk the way the services leave them — invitations with their hashed links, answered or not, answers stored
with no link to the person against the unit they count for — and then closed through ``surveys.results.compute``, so
the results are kept per round and group as in production. The results pages of the city and of the largest
administration, and the export, are in the benchmarks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings

from core.city import CITY_TIME_ZONE
from organisation.models import Unit, User
from sample_data.demo import surveys_texts as texts
from sample_data.demo.surveys import KIND_LEVEL, QUESTION_OFFSET
from sample_data.scale import BATCH, YEARS, ScaleBuilder, timestamps_as_given
from surveys.models import Invitation, Response, Round, RoundState, TargetGroup, random_key
from surveys.results.compute import results_compute
from surveys.rounds import links
from surveys.rounds.default import default_questionnaire
from surveys.rounds.services import organisation_kinds, reporting_cells, target_people

#: The share of those invited who answer: the managers, and everyone in the employee survey.
MANAGERS_ANSWER = 0.8
EMPLOYEES_ANSWER = 0.56
EMPLOYEE_ROUNDS = 3


def _answers(rng, kind: str, step: int) -> tuple[dict[str, int], dict[str, str]]:
    scores: dict[str, int] = {}
    for key, offset in QUESTION_OFFSET.items():
        if rng.random() < (0.12 if key in ("procurement", "ideas-academia") else 0.04):
            scores[key] = 0
            continue
        mean = KIND_LEVEL.get(kind, 3.4) + offset + 0.05 * step
        scores[key] = min(5, max(1, round(rng.gauss(mean, 0.9))))
    written: dict[str, str] = {}
    if rng.random() < 0.3:
        written["obstacles"] = rng.choice(texts.OBSTACLES)
    if rng.random() < 0.2:
        written["support"] = rng.choice(texts.SUPPORT)
    return scores, written


def _round(
    builder: ScaleBuilder, *, version, root: Unit, year: int, target: str, people: list[tuple[int, int]], step: int
):
    rng = builder.rng
    opens = date(year, 10, 1) if target == TargetGroup.MANAGERS else date(year, 3, 2)
    opened_at = datetime.combine(opens, time(8), tzinfo=CITY_TIME_ZONE)
    label = (
        ("Innovationsförmåga", "Capacity to innovate")
        if target == TargetGroup.MANAGERS
        else (
            "Medarbetarenkätens innovationsfrågor",
            "The employee survey's innovation questions",
        )
    )
    with timestamps_as_given(Round):
        round_ = Round.objects.create(
            name_sv=f"{label[0]} {year}",
            name_en=f"{label[1]} {year}",
            year=year,
            questionnaire_id=version.questionnaire_id,
            version=version,
            target_group=target,
            unit=root,
            opens_on=opens,
            closes_on=opens + timedelta(days=27),
            reminder_days=[7, 14, 21],
            state=RoundState.CLOSED,
            opened_at=opened_at,
            closed_at=opened_at + timedelta(days=28),
            invited_count=len(people),
            created_by_id=builder.people.director,
            created_at=opened_at - timedelta(days=14),
            updated_at=opened_at + timedelta(days=28),
        )
    units = Unit.objects.in_bulk({u for _p, u in people})
    kinds = organisation_kinds(units.values())
    cells = reporting_cells(
        [(units[u].path, kinds[u]) for _p, u in people], settings.SPRANG_SURVEY_MIN_ANSWERS, top=root.path
    )
    by_path = Unit.objects.in_bulk({path for path, _k in cells}, field_name="path")
    share = MANAGERS_ANSWER if target == TargetGroup.MANAGERS else EMPLOYEES_ANSWER
    invitations, responses = [], []
    for (person, unit_id), (path, kind) in zip(people, cells, strict=True):
        answered = rng.random() < share
        salt = f"{rng.getrandbits(128):032x}"
        report = by_path[path]
        invitations.append(
            Invitation(
                round=round_,
                person_id=person,
                unit_id=unit_id,
                reporting_unit=report,
                reporting_kind=kind,
                salt=salt,
                token_hash=links.token_hash(links.token_for(salt)),
                answered=answered,
                reminders_sent=0 if answered else 3,
            )
        )
        if answered:
            scores, written = _answers(rng, kind, step)
            responses.append(
                Response(
                    id=random_key(),
                    round=round_,
                    version=version,
                    unit=report,
                    organisation_kind=kind,
                    scores=scores,
                    texts=written,
                )
            )
    Invitation.objects.bulk_create(invitations, batch_size=BATCH)
    responses.sort(key=lambda r: r.pk)  # stored by their random key, as a closed round leaves them
    Response.objects.bulk_create(responses, batch_size=BATCH)
    results_compute(round_, now=opened_at + timedelta(days=28))
    return round_, len(responses)


def build(builder: ScaleBuilder) -> None:
    people = builder.people
    if not people.employees or not people.director:
        return
    version = default_questionnaire().versions.get(number=1)
    root = Unit.objects.get_first_root_node()
    # The heads and managers, as a round of the whole city finds them: about 2,000.
    manager_units = list(
        target_people(unit=root, target_group=TargetGroup.MANAGERS).order_by("pk").values_list("pk", "unit_id")
    )
    last_year = builder.reference.astimezone(CITY_TIME_ZONE).year - 1
    answers = 0
    for step, year in enumerate(range(last_year - YEARS + 1, last_year + 1)):
        _round_, n = _round(
            builder, version=version, root=root, year=year, target=TargetGroup.MANAGERS, people=manager_units, step=step
        )
        answers += n
    employee_units = list(
        User.objects.filter(pk__in=people.employees).exclude(unit=None).order_by("pk").values_list("pk", "unit_id")
    )
    for step, year in enumerate(range(last_year - EMPLOYEE_ROUNDS + 1, last_year + 1)):
        _round_, n = _round(
            builder,
            version=version,
            root=root,
            year=year,
            target=TargetGroup.EMPLOYEES,
            people=employee_units,
            step=step,
        )
        answers += n
    builder.say(f"survey rounds: {YEARS + EMPLOYEE_ROUNDS}, answers: {answers:,}")


def counts() -> dict[str, int]:
    return {
        "survey rounds": Round.objects.count(),
        "survey invitations": Invitation.objects.count(),
        "survey answers": Response.objects.count(),
    }
