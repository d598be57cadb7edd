"""The rules of calls that reads and writes share: what is frozen, what is missing, who is eligible, the totals.

Pure rules over the models, no writes: the services refuse by them, the views and the API show them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from calls.models import Application, Assignment, Call, Programme, Residence, Score, Status
from calls.rules import registered_through_committee, registers_for
from core.city import CITY_TIME_ZONE
from organisation.models import PersonKind

#: Two jurors' weighted totals further apart than this share of the scale are flagged.
DISAGREEMENT_SHARE = Decimal("0.25")


#: What ``call_update`` may change, and from when each is frozen (see its docstring).
CALL_FIELDS = (
    "programme",
    "title",
    "summary",
    "description",
    "year",
    "opens_at",
    "closes_at",
    "budget",
    "blind_review",
    "scale_min",
    "scale_max",
    "min_age",
    "no_city_employment_months",
    "exclude_last_year_winners",
    "min_staff",
)
#: The eligibility rules: applicants who submitted were checked against them, so they stay.
RULE_FIELDS = ("min_age", "no_city_employment_months", "exclude_last_year_winners", "min_staff")
#: What may still change once the results are published.
TEXT_FIELDS = ("title", "summary", "description")


def rubric_frozen(call: Call) -> bool:
    """The rubric (the criteria, their weights, the scale) is frozen from the first score a juror saves, submitted
    or not: every score is given on the rubric as it stood. Writes ask it with the call locked."""
    return Score.objects.filter(assignment__application__call=call).exists()


def call_frozen(call: Call) -> dict[str, str]:
    """The fields of ``CALL_FIELDS`` that can no longer change, each with why (see ``call_update``)."""
    applications = Application.objects.filter(call=call)
    frozen: dict[str, str] = {}
    if applications.exists():
        frozen["programme"] = _("People have started applications to this call, so its programme can no longer change.")
    if applications.filter(submitted_at__isnull=False).exists():
        rule = _("Applications have been submitted and checked against this rule, so it can no longer change.")
        frozen.update(dict.fromkeys(RULE_FIELDS, rule))
    if Assignment.objects.filter(application__call=call).exists():
        frozen["blind_review"] = _(
            "Applications are already with the jurors, so blind review can no longer be switched on or off."
        )
    if rubric_frozen(call):
        scale = _("Jurors have started scoring, so the scale can no longer change.")
        frozen["scale_min"] = frozen["scale_max"] = scale
    if call.results_published_at is not None:
        published = _("The results are published, so only the title, the summary and the description can change.")
        for name in CALL_FIELDS:
            if name not in TEXT_FIELDS:
                frozen.setdefault(name, published)
    return frozen


def years_between(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def birth_date_of(application: Application) -> date | None:
    """The applicant's date of birth: the one their e-ID implies where they have one, else the one they wrote."""
    return application.applicant.birth_date or application.birth_date


def eligibility_problems(application: Application, *, now: datetime | None = None) -> list[str]:
    """Every rule of the call the application does not meet, said so the applicant understands exactly why."""
    now = now or timezone.now()
    today = timezone.localtime(now, CITY_TIME_ZONE).date()
    return [
        *_residence_problems(application),
        *_age_problems(application, today),
        *_employment_problems(application, today),
        *_last_year_winner_problems(application),
        *_committee_problems(application),
        *_quality_award_problems(application),
    ]


def _residence_problems(application: Application) -> list[str]:
    if application.call.programme == Programme.STIPEND and application.residence == Residence.NONE:
        return [_("The stipend is for people who live, work or study in the city.")]
    return []


def _age_problems(application: Application, today: date) -> list[str]:
    minimum = application.call.min_age
    born = birth_date_of(application)
    if minimum is None or born is None:
        return []
    age = years_between(born, today)
    if age >= minimum:
        return []
    return [
        _("You must be at least %(min)s years old to apply; by your date of birth you are %(age)s.")
        % {"min": minimum, "age": age}
    ]


def _employment_problems(application: Application, today: date) -> list[str]:
    months = application.call.no_city_employment_months
    if months is None:
        return []
    if application.applicant.kind == PersonKind.EMPLOYEE:
        return [
            _(
                "People employed by the city cannot apply; the rule is no employment by the city in the past %(months)s months."
            )
            % {"months": months}
        ]
    ended = application.city_employment_ended_on
    if ended is None:
        return []
    since = (today.year - ended.year) * 12 + (today.month - ended.month) - (today.day < ended.day)
    if since >= months:
        return []
    return [
        _("Your employment by the city ended on %(ended)s, less than %(months)s months ago.")
        % {"ended": date_format(ended, "j F Y"), "months": months}
    ]


def _last_year_winner_problems(application: Application) -> list[str]:
    call = application.call
    if not call.exclude_last_year_winners:
        return []
    won = Application.objects.filter(
        applicant=application.applicant,
        call__programme=call.programme,
        call__year=call.year - 1,
        status=Status.GRANTED,
    ).exists()
    if not won:
        return []
    return [_("You won in %(year)s; last year's winners cannot apply again this year.") % {"year": call.year - 1}]


def _committee_problems(application: Application) -> list[str]:
    unit = application.unit
    if not registered_through_committee(application.call) or unit is None:
        return []
    if registers_for(application.applicant, unit):
        return []
    return [
        _(
            "Entries are registered through the committee: %(name)s is not a manager or innovation office of the administration or company of %(unit)s."
        )
        % {"name": application.applicant.name, "unit": unit.name}
    ]


def _quality_award_problems(application: Application) -> list[str]:
    call = application.call
    if call.programme != Programme.QUALITY_AWARD:
        return []
    problems = []
    if application.private_provider:
        if application.serves_mainly_city_residents is False:
            problems.append(_("A private provider may enter only if it serves mainly the city's residents."))
    elif application.has_budget_responsibility is False:
        problems.append(_("The entering unit must have its own budget and staff responsibility."))
    staff = application.staff_count
    if call.min_staff is not None and staff is not None and staff < call.min_staff:
        problems.append(
            _("The entering unit must have at least %(min)s staff; it has %(n)s.") % {"min": call.min_staff, "n": staff}
        )
    return problems


def application_missing(application: Application) -> list[str]:
    """What the draft still lacks before it can be submitted: what every call asks, then what its programme asks."""
    call = application.call
    missing = []
    if not application.title.strip():
        missing.append(_("a title"))
    if not application.summary.strip():
        missing.append(_("a summary"))
    if not application.description.strip():
        missing.append(_("a description"))
    if call.categories.exists() and application.category_id is None:
        missing.append(_("the class you enter"))
    by_programme = _MISSING_BY_PROGRAMME.get(Programme(call.programme))
    if by_programme is not None:
        missing.extend(by_programme(application))
    if call.is_by_unit and application.unit_id is None:
        missing.append(_("the unit the application is from"))
    return [str(m) for m in missing]


def _fund_missing(application: Application) -> list[str]:
    missing = []
    if application.idea_id is None:
        missing.append(_("the idea in the innovation lock the money is for"))
    if application.requested_amount is None:
        missing.append(_("the amount applied for"))
    if not application.budget_lines.exists():
        missing.append(_("a budget with at least one cost line"))
    return missing


def _stipend_missing(application: Application) -> list[str]:
    missing = []
    if application.requested_amount is None:
        missing.append(_("the amount applied for"))
    if application.call.min_age is not None and birth_date_of(application) is None:
        missing.append(_("your date of birth"))
    if not application.residence:
        missing.append(_("whether you live, work or study in the city"))
    return missing


def _open_data_missing(application: Application) -> list[str]:
    return [] if application.open_data_used.strip() else [_("which of the city's open data it builds on")]


def _renewal_missing(application: Application) -> list[str]:
    return [] if application.idea_id is not None else [_("the realised innovation you nominate (its idea)")]


def _quality_award_missing(application: Application) -> list[str]:
    missing = []
    if application.staff_count is None:
        missing.append(_("the number of staff"))
    if not application.private_provider and application.has_budget_responsibility is None:
        missing.append(_("whether the unit has its own budget and staff responsibility"))
    if application.private_provider and application.serves_mainly_city_residents is None:
        missing.append(_("whether the provider serves mainly the city's residents"))
    return missing


#: What each programme asks of an application besides what every call asks.
_MISSING_BY_PROGRAMME: dict[Programme, Callable[[Application], list[str]]] = {
    Programme.FUND: _fund_missing,
    Programme.STIPEND: _stipend_missing,
    Programme.OPEN_DATA_AWARD: _open_data_missing,
    Programme.RENEWAL_PRIZE: _renewal_missing,
    Programme.QUALITY_AWARD: _quality_award_missing,
}


def weighted_total(values: dict[int, int], weights: dict[int, Decimal]) -> Decimal:
    """One juror's total: the mean of their scores (criterion id → value) weighted by the criteria's weights."""
    weight = sum((weights[pk] for pk in values), Decimal(0))
    if not weight:
        return Decimal(0)
    return (sum((value * weights[pk] for pk, value in values.items()), Decimal(0)) / weight).quantize(Decimal("0.01"))
