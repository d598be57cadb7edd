"""Every form page, for every role that uses it: rendered, filled in as a browser would, submitted.

The form is what the page's HTML holds (WebTest): its hidden inputs and CSRF token, the values
already there, the options already selected. Only the fields the page shows are filled, so a
form whose page leaves out a field the view needs cannot pass here. Each case checks the page
that follows (a redirect or a page without an error summary) and the change in the database.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from webtest import Upload
from webtest.forms import Submit

from calls.models import Application, Call, FinalReport, Payment
from calls.models import Status as ApplicationStatus
from core.models import Notification
from governance.models import Activity, Goal, Indicator, Period, Report, ReportingPeriod, Target
from ideas.models import Comment, Idea
from organisation.models import ErasureRequest, User
from spread.models import Event, Example
from surveys.models import EmployeeSurveyResult
from tests.forms.browser_like import errors, fill, post_forms
from tests.spread.sharing.feed_server import Answer, FeedServer

W = dict[str, Any]


@dataclass
class Case:
    id: str
    role: str | None  # a key of world["people"]; None: a visitor not signed in
    page: Callable[[W], str]  # where the form is
    posts_to: str  # the URL name its form posts to
    check: Callable[[W, Any], object]  # the change it made (asserted, or True), given the world and the next page
    values: Callable[[W], dict] = lambda w: {}  # what a person chooses beyond the required fields
    button: tuple[str, str | None] | None = None  # the button pressed (name, value or None for any), if several
    which: tuple[str, str] | None = None  # (name, value) of the hidden input of the form meant, if several
    notice_ok: bool = False  # the next page may carry a notice that is not an error (a mail sent)
    xfail: str = ""
    then: str = ""  # the URL name of a confirmation form on the next page, submitted as shown
    settings: dict[str, Any] = field(default_factory=dict)  # settings the case runs with


def _only(model, **lookup):
    return model.objects.filter(**lookup).count()


def _idea_by_title(title: str) -> Idea:
    return Idea.objects.get(title=title)


CASES: list[Case] = []


def case(*args, **kwargs) -> None:
    CASES.append(Case(*args, **kwargs))


# --- Ideas ---------------------------------------------------------------------------------------

NEW_IDEA = {
    "title": "Solceller på förskolans tak",
    "problem": "Förskolan köper all el.",
    "audience": "Barn och personal.",
    "proposal": "Sätt solceller på taket.",
    "expected_value": "Lägre elkostnad.",
}


def _new_idea(visibility: str) -> Callable[[W, Any], None]:
    def check(w: W, resp) -> None:
        idea = _idea_by_title(NEW_IDEA["title"])
        assert idea.visibility == visibility
        if visibility == "public":
            assert idea.public_consent_at is not None

    return check


for role in ("employee", "resident", "supplier"):
    case(
        f"new idea ({role})",
        role,
        lambda w: reverse("ideas:create"),
        "ideas:create",
        lambda w, r, role=role: _idea_by_title(NEW_IDEA["title"]).author == w["people"][role],
        values=lambda w: dict(NEW_IDEA),
    )
case(
    "new public idea with consent (employee)",
    "employee",
    lambda w: reverse("ideas:create"),
    "ideas:create",
    _new_idea("public"),
    values=lambda w: {**NEW_IDEA, "visibility": "public", "public_consent": True},
)
case(
    "edit idea (author)",
    "employee",
    lambda w: reverse("ideas:edit", args=[w["idea"].pk]),
    "ideas:edit",
    lambda w, r: _idea_by_title("Digitala lås i hela hemtjänsten"),
    values=lambda w: {"title": "Digitala lås i hela hemtjänsten"},
)
case(
    "comment (colleague)",
    "colleague",
    lambda w: reverse("ideas:detail", args=[w["idea"].pk]),
    "ideas:comment",
    lambda w, r: Comment.objects.get(idea=w["idea"], body="Vi har samma problem hos oss."),
    values=lambda w: {"body": "Vi har samma problem hos oss."},
)


case(
    "new idea with a co-author (employee)",
    "employee",
    lambda w: reverse("ideas:create"),
    "ideas:create",
    lambda w, r: w["people"]["colleague"] in _idea_by_title(NEW_IDEA["title"]).co_authors.all(),
    values=lambda w: {**NEW_IDEA, "co_authors": w["people"]["colleague"].email},
)
case(
    "classify an idea (director)",
    "director",
    lambda w: reverse("ideas:classify", args=[w["idea"].pk]),
    "ideas:classify",
    lambda w, r: not Idea.objects.get(pk=w["idea"].pk).needs_classification,
)
case(
    "support (colleague)",
    "colleague",
    lambda w: reverse("ideas:detail", args=[w["idea"].pk]),
    "ideas:support",
    lambda w, r: w["idea"].supports.filter(user=w["people"]["colleague"]).exists(),
)
case(
    "follow (colleague)",
    "colleague",
    lambda w: reverse("ideas:detail", args=[w["idea"].pk]),
    "ideas:follow",
    lambda w, r: w["idea"].follows.filter(user=w["people"]["colleague"]).exists(),
)
case(
    "attach a file (author)",
    "employee",
    lambda w: reverse("ideas:detail", args=[w["idea"].pk]),
    "ideas:attach",
    lambda w, r: w["idea"].attachments.count() == 2,
    values=lambda w: {"file": True},
)
case(
    "assign a coach (office)",
    "office",
    lambda w: reverse("ideas:detail", args=[w["idea"].pk]),
    "ideas:coach",
    lambda w, r: Idea.objects.get(pk=w["idea"].pk).coach == w["people"]["coach"],
    values=lambda w: {"coach": str(w["people"]["coach"].pk)},
)
for to, label in (("prestudy", "gate decision"), ("closed", "close"), ("parked", "park")):
    case(
        f"{label} (office)",
        "office",
        lambda w, to=to: reverse("ideas:decide", args=[w["idea"].pk]) + f"?to={to}",
        "ideas:decide",
        lambda w, r, to=to: Idea.objects.get(pk=w["idea"].pk).stage == to,
        values=lambda w: {"check_*": True},
    )
case(
    "close with what helped and blocked (office)",
    "office",
    lambda w: reverse("ideas:decide", args=[w["implemented"].pk]) + "?to=closed",
    "ideas:decide",
    lambda w, r: (
        {
            (lesson.factor, lesson.effect)
            for lesson in Idea.objects.get(pk=w["implemented"].pk).decisions.get(to_stage="closed").lessons.all()
        }
        == {("money", "blocked"), ("acceptance", "helped")}
    ),
    values=lambda w: {
        "closed_reason": "too_costly",
        "lesson_money": "blocked",
        "lesson_money_note": "Driftkostnaden fanns inte i budgeten.",
        "lesson_acceptance": "helped",
        "lesson_acceptance_note": "Personalen ville fortsätta.",
    },
)
case(
    "assessment (office)",
    "office",
    lambda w: reverse("ideas:assess", args=[w["implemented"].pk]),
    "ideas:assess",
    lambda w, r: w["implemented"].assessments.exists(),
)
case(
    "ask to publish (office)",
    "office",
    lambda w: reverse("ideas:detail", args=[w["idea"].pk]),
    "ideas:publication",
    lambda w, r: w["idea"].publication_events.filter(by=w["people"]["office"]).exists(),
    which=("action", "ask"),
)
case(
    "consent to publish (author)",
    "employee",
    lambda w: reverse("ideas:detail", args=[w["asked"].pk]),
    "ideas:publication",
    lambda w, r: Idea.objects.get(pk=w["asked"].pk).visibility == "public",
    which=("action", "consent"),
    values=lambda w: {"public_consent": True},
)
case(
    "hide a comment (office)",
    "office",
    lambda w: reverse("ideas:hide_comment", args=[w["comment"].pk]),
    "ideas:hide_comment",
    lambda w, r: Comment.objects.get(pk=w["comment"].pk).hidden,
)

# --- Calls ---------------------------------------------------------------------------------------


def _call_values(w: W) -> dict:
    today = w["now"].date()
    return {
        "programme": "fund",
        "title": "Innovationsfonden, vårens utlysning",
        "summary": "Pengar till förstudier och piloter.",
        "opens_on": (today + timedelta(days=1)).isoformat(),
        "opens_time": "09:00",
        "closes_on": (today + timedelta(days=60)).isoformat(),
        "closes_time": "23:59",
    }


case(
    "create a call (director)",
    "director",
    lambda w: reverse("calls:call_create"),
    "calls:call_create",
    lambda w, r: Call.objects.filter(title="Innovationsfonden, vårens utlysning").exists(),
    values=_call_values,
)
case(
    "edit a call (director)",
    "director",
    lambda w: reverse("calls:edit_call", args=[w["unpublished"].pk]),
    "calls:edit_call",
    lambda w, r: Call.objects.get(pk=w["unpublished"].pk).title == "Innovationsfonden, höst",
    values=lambda w: {"title": "Innovationsfonden, höst"},
)
case(
    "publish a call (director)",
    "director",
    lambda w: reverse("calls:publish", args=[w["unpublished"].pk]),
    "calls:publish",
    lambda w, r: Call.objects.get(pk=w["unpublished"].pk).published,
)
for which, values, check in (
    ("criterion", {"name": "Hållbarhet"}, lambda w, r: w["unpublished"].criteria.filter(name="Hållbarhet").exists()),
    (
        "category",
        {"class_name": "Små projekt"},
        lambda w, r: w["unpublished"].categories.filter(name="Små projekt").exists(),
    ),
):
    case(
        f"add a {which} to a call (director)",
        "director",
        lambda w: reverse("calls:manage", args=[w["unpublished"].pk]),
        "calls:manage",
        check,
        values=lambda w, values=values: values,
        which=("form", which),
    )
case(
    "add a juror (director)",
    "director",
    lambda w: reverse("calls:manage", args=[w["unpublished"].pk]),
    "calls:manage",
    lambda w, r: w["unpublished"].jurors.filter(user=w["people"]["expert"]).exists(),
    values=lambda w: {"email": w["people"]["expert"].email},
    which=("form", "juror"),
)
case(
    "remove a juror (director)",
    "director",
    lambda w: reverse("calls:remove_juror", args=[w["fund"].pk, w["people"]["expert"].pk]),
    "calls:remove_juror",
    lambda w, r: not w["fund"].jurors.filter(user=w["people"]["expert"]).exists(),
)

case(
    "remove a criterion (director)",
    "director",
    lambda w: reverse("calls:remove_criterion", args=[w["unpublished"].pk, w["unpublished"].criteria.first().pk]),
    "calls:remove_criterion",
    lambda w, r: w["unpublished"].criteria.count() == 1,
)


def _applied(programme_key: str, role: str, status: str) -> Callable[[W, Any], None]:
    def check(w: W, resp) -> None:
        application = Application.objects.get(call=w[programme_key], applicant=w["people"][role])
        assert application.status == status, application.status

    return check


APPLICATION = {
    "title": "Pilot med solceller",
    "summary": "Vi provar solceller på två förskolor.",
    "description": "Piloten pågår ett år.",
}
for key, role in (
    ("fund", "south_manager"),
    ("stipend", "colleague"),
    ("quality", "south_manager"),
    ("opendata", "resident"),
):
    case(
        f"apply: start a draft ({key}, {role})",
        role,
        lambda w, key=key: reverse("calls:call", args=[w[key].pk]),
        "calls:apply",
        _applied(key, role, ApplicationStatus.DRAFT),
    )
case(
    "application draft: save (fund, colleague)",
    "colleague",
    lambda w: reverse("calls:edit", args=[w["draft"].pk]),
    "calls:edit",
    lambda w, r: Application.objects.get(pk=w["draft"].pk).title == APPLICATION["title"],
    values=lambda w: dict(APPLICATION),
    button=("save", None),
)
SUBMIT_VALUES = {
    "stipend": lambda w: {"requested_amount": "40 000", "birth_date": "1990-05-17", "residence": "lives"},
    "quality": lambda w: {
        "unit": str(w["tree"]["SDF-N"].pk),
        "staff_count": "25",
        "has_budget_responsibility": ...,
    },
    "opendata": lambda w: {"open_data_used": "Stadens öppna data om luftkvalitet."},
}
for key, role in (("stipend", "resident"), ("quality", "manager"), ("opendata", "supplier")):
    case(
        f"application submit ({key}, {role})",
        role,
        lambda w, key=key: reverse("calls:edit", args=[w["drafts"][key].pk]),
        "calls:edit",
        _applied(key, role, ApplicationStatus.SUBMITTED),
        values=lambda w, key=key: {**APPLICATION, **SUBMIT_VALUES[key](w)},
        button=("submit", "1"),
    )
case(
    "remove a file from a draft (colleague)",
    "colleague",
    lambda w: reverse("calls:remove_file", args=[w["file"].pk]),
    "calls:remove_file",
    lambda w, r: not w["draft"].files.exists(),
)
case(
    "withdraw an application (employee)",
    "employee",
    lambda w: reverse("calls:withdraw", args=[w["submitted"].pk]),
    "calls:withdraw",
    lambda w, r: Application.objects.get(pk=w["submitted"].pk).status == ApplicationStatus.WITHDRAWN,
)
case(
    "screening (director)",
    "director",
    lambda w: reverse("calls:manage_application", args=[w["submitted"].pk]),
    "calls:manage_application",
    lambda w, r: Application.objects.get(pk=w["submitted"].pk).status == ApplicationStatus.IN_REVIEW,
    values=lambda w: {"eligible": "yes"},
    which=("form", "screen"),
)
case(
    "scoring: save and submit (juror)",
    "expert",
    lambda w: reverse("calls:score", args=[w["with_jury"].pk]),
    "calls:score",
    lambda w, r: w["with_jury"].assignments.get(juror=w["people"]["expert"]).submitted_at is not None,
    button=("submit", None),
    values=lambda w: {"score-*": "4", "comment-*": "Tydlig nytta."},
)
case(
    "conflict declaration (juror)",
    "expert",
    lambda w: reverse("calls:conflict", args=[w["with_jury"].pk]),
    "calls:conflict",
    lambda w, r: w["with_jury"].conflicts.filter(juror=w["people"]["expert"]).exists(),
)
case(
    "chair decision (chair)",
    "chair",
    lambda w: reverse("calls:decide", args=[w["with_jury"].pk]),
    "calls:decide",
    lambda w, r: Application.objects.get(pk=w["with_jury"].pk).status == ApplicationStatus.GRANTED,
    values=lambda w: {"granted": "yes", "amount": "100000", "justification": "Stor nytta för brukarna."},
)
case(
    "payment (director)",
    "director",
    lambda w: reverse("calls:manage_application", args=[w["granted"].pk]),
    "calls:manage_application",
    lambda w, r: Payment.objects.filter(application=w["granted"]).exists(),
    values=lambda w: {"amount": "40 000"},
    which=("form", "payment"),
)
case(
    "final report (applicant)",
    "coach",
    lambda w: reverse("calls:final_report", args=[w["granted"].pk]),
    "calls:final_report",
    lambda w, r: FinalReport.objects.filter(application=w["granted"]).exists(),
)


def _results_page_of_closed_call(w: W) -> str:
    """The quality award's page for publishing its results, once the call has closed (results wait for that)."""
    Call.objects.filter(pk=w["quality"].pk).update(closes_at=w["now"] - timedelta(minutes=1))
    return reverse("calls:publish_results", args=[w["quality"].pk])


case(
    "publish results (director)",
    "director",
    _results_page_of_closed_call,
    "calls:publish_results",
    lambda w, r: Call.objects.get(pk=w["quality"].pk).results_published_at is not None,
)

# --- Governance ----------------------------------------------------------------------------------

case(
    "goal create (manager)",
    "manager",
    lambda w: reverse("governance:goal_create"),
    "governance:goal_create",
    lambda w, r: Goal.objects.filter(title="Alla enheter prövar en ny idé").exists(),
    values=lambda w: {
        "title": "Alla enheter prövar en ny idé",
        "unit": str(w["tree"]["SDF-N"].pk),
        "parent": str(w["city_goal"].pk),
    },
)
case(
    "target (director)",
    "director",
    lambda w: reverse("governance:targets"),
    "governance:targets",
    lambda w, r: Target.objects.exists(),
    values=lambda w: {"target-*": "10"},
)
case(
    "reporting period open (director)",
    "director",
    lambda w: reverse("governance:reports"),
    "governance:period_open",
    lambda w, r: ReportingPeriod.objects.filter(period=Period.T2).exists(),
    values=lambda w: {"period": "T2"},
)
case(
    "report start (manager)",
    "slk_manager",
    lambda w: reverse("governance:reports"),
    "governance:report_start",
    lambda w, r: Report.objects.filter(unit=w["tree"]["SLK"]).exists(),
)
case(
    "report write (manager)",
    "manager",
    lambda w: reverse("governance:report", args=[w["report"].pk]),
    "governance:report",
    lambda w, r: Report.objects.get(pk=w["report"].pk).narrative == "Vi har startat ett nätverk.",
    button=("save", None),
    values=lambda w: {"narrative": "Vi har startat ett nätverk."},
)
case(
    "report submit (manager)",
    "manager",
    lambda w: reverse("governance:report", args=[w["report"].pk]),
    "governance:report",
    lambda w, r: Report.objects.get(pk=w["report"].pk).status == "submitted",
    button=("submit", None),
    values=lambda w: {"narrative": "Vi har prövat två nya idéer.", "assessment-*": "met"},
    then="governance:report_submit",
)
for decision, status in (("return", "returned"), ("approve", "approved")):
    case(
        f"report review: {decision} (executive office)",
        "executive",
        lambda w: reverse("governance:report", args=[w["south_report"].pk]),
        "governance:report_review",
        lambda w, r, status=status: Report.objects.get(pk=w["south_report"].pk).status == status,
        values=lambda w, decision=decision: {"decision": decision, "comment": "Beskriv idéerna närmare."},
    )
case(
    "report deadline extended (director)",
    "director",
    lambda w: reverse("governance:report_deadline", args=[w["report"].pk]),
    "governance:report_deadline",
    lambda w, r: Report.objects.get(pk=w["report"].pk).deadline == w["now"].date() + timedelta(days=40),
    values=lambda w: {"deadline": (w["now"].date() + timedelta(days=40)).isoformat()},
)
case(
    "activity status (director)",
    "director",
    lambda w: reverse("governance:goal", args=[w["city_goal"].pk]),
    "governance:activity_status",
    lambda w, r: Activity.objects.get(pk=w["activity"].pk).status == "done",
    values=lambda w: {"status": "done"},
)
case(
    "activity add (director)",
    "director",
    lambda w: reverse("governance:goal", args=[w["city_goal"].pk]),
    "governance:goal",
    lambda w, r: w["city_goal"].activities.count() == 2,
    values=lambda w: {"owner": w["people"]["director"].email},
)
case(
    "indicator create (director)",
    "director",
    lambda w: reverse("governance:indicators"),
    "governance:indicators",
    lambda w, r: Indicator.objects.filter(code="survey-climate").exists(),
    values=lambda w: {"code": "survey-climate"},
)

# --- Networks (the other forms of the networks' pages: tests/spread/networks/test_forms.py) ----------------

case(
    "network create (director)",
    "director",
    lambda w: reverse("spread:network_create"),
    "spread:network_create",
    lambda w, r: _network_named("Nätverket för skolans digitalisering"),
    values=lambda w: {"name": "Nätverket för skolans digitalisering", "kind": "sector"},
)


def _network_named(name: str) -> bool:
    from spread.models import Network

    return Network.objects.filter(name=name).exists()


# --- OpenLab (the other forms of OpenLab's pages: tests/challenges/openlab/test_views.py) ----------------

case(
    "university add (director)",
    "director",
    lambda w: reverse("challenges:openlab_universities"),
    "challenges:openlab_universities",
    lambda w, r: _university_named("Södertörns högskola"),
    values=lambda w: {"name": "Södertörns högskola"},
)


def _university_named(name: str) -> bool:
    from challenges.models import University

    return University.objects.filter(name=name).exists()


# --- People and accounts -------------------------------------------------------------------------

case(
    "profile settings (employee)",
    "employee",
    lambda w: reverse("core:profile"),
    "core:profile",
    lambda w, r: User.objects.get(pk=w["people"]["employee"].pk).name == "Anna Andersson",
    values=lambda w: {"name": "Anna Andersson"},
)
case(
    "API token create (employee)",
    "employee",
    lambda w: reverse("core:api_tokens"),
    "core:api_tokens",
    lambda w, r: w["people"]["employee"].api_tokens.exists(),
)
case(
    "asking to have one's account removed (resident)",
    "resident",
    lambda w: reverse("organisation:erasure_ask"),
    "organisation:erasure_ask",
    lambda w, r: ErasureRequest.objects.filter(person=w["people"]["resident"], outcome="pending").exists(),
)
case(
    "notifications marked read (employee)",
    "employee",
    lambda w: reverse("core:notifications"),
    "core:notifications",
    lambda w, r: not Notification.objects.filter(recipient=w["people"]["employee"], read_at=None).exists(),
)
case(
    "sign-up (resident)",
    None,
    lambda w: reverse("account_signup"),
    "account_signup",
    lambda w, r: User.objects.filter(email="kalle.karlsson@example.se").exists(),
    notice_ok=True,
)
case(
    "sign-in (employee)",
    None,
    lambda w: reverse("account_login"),
    "account_login",
    lambda w, r: 'action="/account/logout/"' in r.follow().text,
    values=lambda w: {"login": w["people"]["employee"].email, "password": "a-long-test-password"},
)
case(
    "password reset (employee)",
    None,
    lambda w: reverse("account_reset_password"),
    "account_reset_password",
    lambda w, r: len(mail.outbox) == 1,
    values=lambda w: {"email": w["people"]["employee"].email},
)
case(
    "password change (employee)",
    "employee",
    lambda w: reverse("account_change_password"),
    "account_change_password",
    lambda w, r: User.objects.get(pk=w["people"]["employee"].pk).check_password("ett-nytt-langt-losenord"),
    values=lambda w: {
        "oldpassword": "a-long-test-password",
        "password1": "ett-nytt-langt-losenord",
        "password2": "ett-nytt-langt-losenord",
    },
)


# --- Spreading what works: advice ---------------------------------------------------------------


def _advice_asked(w: W):
    """A request from the employee to Norra's innovation office (made in the test's own savepoint)."""
    from spread.advice import services as advice_services

    return advice_services.advice_ask(
        asked_by=w["people"]["employee"], subject="Var börjar jag?", question="Jag har en idé om digitala lås."
    )


def _advice_answered(w: W):
    from spread.advice import services as advice_services

    advice = _advice_asked(w)
    return advice_services.advice_answer(
        advice=advice, by=w["people"]["office"], expected_version=advice.version, answer="Skicka in det som en idé."
    )


def _advice(subject: str = "Var börjar jag?"):
    from spread.models import AdviceRequest

    return AdviceRequest.objects.get(subject=subject)


case(
    "ask for advice (employee)",
    "employee",
    lambda w: reverse("spread:advice_ask"),
    "spread:advice_ask",
    lambda w, r: _advice("Hur har andra gjort?").asked_by == w["people"]["employee"],
    values=lambda w: {"subject": "Hur har andra gjort?", "question": "Har någon provat digitala lås?"},
)
case(
    "answer a request for advice (office)",
    "office",
    lambda w: _advice_asked(w).get_absolute_url(),
    "spread:advice",
    lambda w, r: _advice().status == "answered",
    values=lambda w: {"answer": "Börja med att beskriva problemet."},
)
case(
    "find good examples while answering (office)",
    "office",
    lambda w: _advice_asked(w).get_absolute_url(),
    "spread:advice",
    lambda w, r: _advice().status == "open" and "Börja smått." in r.text,
    values=lambda w: {"answer": "Börja smått.", "find": "lås"},
    button=("find_examples", None),
)
case(
    "send a request for advice in as an idea (employee)",
    "employee",
    lambda w: reverse("spread:advice_idea", args=[_advice_answered(w).pk]),
    "spread:advice_idea",
    lambda w, r: _advice().idea is not None and _advice().idea.author == w["people"]["employee"],
    values=lambda w: {
        "audience": "Hemtjänsten.",
        "proposal": "Digitala lås.",
        "expected_value": "Mindre tid på nycklar.",
        "kind": "process",
        "values": ["economic"],
    },
)


# --- Needs (challenges app, part needs; the rest: tests/challenges/needs/test_forms.py) ------------


def _need(w: W, *, sent: bool = False, routed: bool = False):
    """A need of Norra's manager (made in the test's own savepoint), sent or routed if asked."""
    from challenges.needs import services as need_services
    from tests.challenges.conftest import routed_need, write_need

    p = w["people"]
    if routed:
        return routed_need(writer=p["manager"], office=p["office"])
    need = write_need(p["manager"])
    if sent:
        need_services.need_submit(need=need, by=p["manager"], expected_version=need.version)
    return need


def _the_need():
    from challenges.models import Need

    return Need.objects.get()


case(
    "write a need (manager)",
    "manager",
    lambda w: reverse("challenges:need_new"),
    "challenges:need_new",
    lambda w, r: _the_need().created_by == w["people"]["manager"] and _the_need().status == "draft",
    values=lambda w: {"origin": "complaints"},
)
case(
    "edit a need (manager)",
    "manager",
    lambda w: reverse("challenges:need_edit", args=[_need(w).pk]),
    "challenges:need_edit",
    lambda w, r: _the_need().title == "Köer till bygglov",
    values=lambda w: {"title": "Köer till bygglov"},
)
case(
    "send a need for validation (manager)",
    "manager",
    lambda w: _need(w).get_absolute_url(),
    "challenges:need_submit",
    lambda w, r: _the_need().status == "submitted",
)
case(
    "return a need with a comment (office)",
    "office",
    lambda w: reverse("challenges:need_decide", args=[_need(w, sent=True).pk]),
    "challenges:need_decide",
    lambda w, r: _the_need().status == "returned",
    values=lambda w: {"decision": "return", "comment": "Fler siffror."},
)
case(
    "say that another unit has the same need (manager of Södra)",
    "south_manager",
    lambda w: reverse("challenges:need_same", args=[_need(w, routed=True).pk]),
    "challenges:need_same",
    lambda w, r: _the_need().same_need_count == 1,
)
case(
    "follow a need (employee)",
    "employee",
    lambda w: _need(w, routed=True).get_absolute_url(),
    "challenges:need_follow",
    lambda w, r: _the_need().follows.filter(user=w["people"]["employee"]).exists(),
)


# --- Events (the rest of the events' forms: tests/spread/events/test_forms.py) ---------------------


def _event_values(w: W) -> dict:
    return {
        "title": "Goda exempelmässan hösten",
        "starts_on": (w["now"].date() + timedelta(days=40)).isoformat(),
        "starts_time": "09:00",
        "ends_time": "15:00",
        "place": "Stadshuset",
    }


case(
    "create an event (director)",
    "director",
    lambda w: reverse("spread:event_create"),
    "spread:event_create",
    lambda w, r: _only(Event, title="Goda exempelmässan hösten"),
    values=_event_values,
)


# --- Spreading what works -----------------------------------------------------------------------

_feed_servers: list[FeedServer] = []


def _feed_address(w: W) -> dict:
    """Another city's JSON feed with one example, served from 127.0.0.1 (allowed by the case's settings)."""
    if not _feed_servers:
        _feed_servers.append(FeedServer().__enter__())  # a daemon thread, for the rest of the run
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Goda exempel från Grannstaden",
        "items": [
            {
                "id": "https://grannstaden.se/spread/examples/7/",
                "url": "https://grannstaden.se/spread/examples/7/",
                "title": "Lånecyklar för hemtjänsten",
                "_sprang_example": {"problem": "Bilarna räcker inte.", "what_was_done": "Vi köpte elcyklar."},
            }
        ],
    }
    url = _feed_servers[0].put("/api/v1/examples/feed.json", Answer(json.dumps(feed).encode(), "application/json"))
    return {"url": url}


case(
    "example import (director)",
    "director",
    lambda w: reverse("spread:shared_import"),
    "spread:shared_import",
    lambda w, r: (
        _only(Example, source_url="https://grannstaden.se/spread/examples/7/") == 1
        and "Lånecyklar för hemtjänsten" in r.text
    ),
    values=_feed_address,
    settings={"SPRANG_FEED_ALLOW_PRIVATE_ADDRESSES": True},
)


# --- Spreading what works: the forms behind an object's id (the world's ``spread``) ------------------------------


def _s(w: W, key: str):
    """One of the world's spread objects, as it is now in the database."""
    obj = w["spread"][key]
    return type(obj).objects.get(pk=obj.pk)


def _spread_url(name: str, *keys: str) -> Callable[[W], str]:
    return lambda w: reverse(name, args=[w["spread"][k].pk if k in w["spread"] else w[k].pk for k in keys])


def _assessed(w: W) -> str:
    """The implemented idea, assessed (in the test's own savepoint), on the page that publishes it as an example."""
    from ideas import services as idea_services

    idea_services.assessment_record(
        idea=w["implemented"],
        assessed_by=w["people"]["office"],
        novelty="unit",
        value_evidence="Dammet minskade, mätt i en månad.",
        in_use=True,
        used_by="Korridoren i Norra",
    )
    return reverse("spread:example_publish", args=[w["implemented"].pk])


def _withdrawn_stand(w: W) -> str:
    from spread.events import services as event_services

    event_services.exhibitor_withdraw(exhibitor=w["spread"]["stand"], by=w["people"]["employee"])
    return reverse("spread:exhibitor_apply", args=[w["spread"]["fair"].pk])


def _members(w: W, key: str) -> set[str]:
    from spread.networks import access

    return set(access.members_of(w["spread"][key]).values_list("name", flat=True))


case(
    "publish an idea in practice as a good example (employee)",
    "employee",
    _assessed,
    "spread:example_publish",
    lambda w, r: _only(Example, idea=w["implemented"]) == 1,
)
case(
    "change a good example (its owner)",
    "employee",
    _spread_url("spread:example_edit", "example"),
    "spread:example_edit",
    lambda w, r: _s(w, "example").effect == "Hälften så många bilresor.",
    values=lambda w: {"effect": "Hälften så många bilresor."},
)
case(
    "take a good example out of the library (its owner)",
    "employee",
    lambda w: reverse("spread:example_step", args=[w["spread"]["example"].pk, "unpublish"]),
    "spread:example_step",
    lambda w, r: _s(w, "example").status != "published",
)
case(
    "adopt a good example (a manager of another unit)",
    "slk_manager",
    _spread_url("spread:adopt", "example"),
    "spread:adopt",
    lambda w, r: w["spread"]["example"].adoptions.filter(unit=w["tree"]["SLK"]).exists(),
)
case(
    "take an adoption a step further (the adopting unit's manager)",
    "south_manager",
    _spread_url("spread:adoption", "adoption"),
    "spread:adoption_step",
    lambda w, r: _s(w, "adoption").state != "considering",
)
case(
    "register for an event (employee)",
    "employee",
    _spread_url("spread:event", "fair"),
    "spread:event_register",
    lambda w, r: _s(w, "fair").registrations.filter(person=w["people"]["employee"]).exists(),
)
case(
    "change an event (office)",
    "office",
    _spread_url("spread:event_edit", "fair"),
    "spread:event_edit",
    lambda w, r: _s(w, "fair").title == "Goda exempelmässan i Stadshuset",
    values=lambda w: {"title": "Goda exempelmässan i Stadshuset"},
)
case(
    "cancel an event (office)",
    "office",
    _spread_url("spread:event_cancel", "fair"),
    "spread:event_cancel",
    lambda w, r: _s(w, "fair").cancelled_at is not None,
    notice_ok=True,
)
case(
    "cancel one's registration (colleague)",
    "colleague",
    _spread_url("spread:registration_cancel", "registration"),
    "spread:registration_cancel",
    lambda w, r: _s(w, "registration").status == "cancelled",
)
case(
    "cancel a registration with the link in its mail (a visitor signed out)",
    None,
    lambda w: reverse(
        "spread:registration_cancel_token", args=[w["spread"]["visitor_registration"].pk, w["spread"]["cancel_token"]]
    ),
    "spread:registration_cancel_token",
    lambda w, r: _s(w, "visitor_registration").status == "cancelled",
)
case(
    "apply again to exhibit after withdrawing (the example's owner)",
    "employee",
    _withdrawn_stand,
    "spread:exhibitor_apply",
    lambda w, r: _s(w, "stand").status == "applied",
    values=lambda w: {"example": str(w["spread"]["example"].pk)},
)
case(
    "withdraw an application to exhibit (the example's owner)",
    "employee",
    _spread_url("spread:exhibitor_withdraw", "fair", "stand"),
    "spread:exhibitor_withdraw",
    lambda w, r: _s(w, "stand").status == "withdrawn",
)
case(
    "we want to know more at a stand (chair)",
    "chair",
    _spread_url("spread:lead_create", "fair", "stand"),
    "spread:lead_create",
    lambda w, r: _s(w, "stand").example.leads.filter(person=w["people"]["chair"]).exists(),
)
case(
    "follow a lead up (the example's owner)",
    "employee",
    _spread_url("spread:lead_edit", "lead"),
    "spread:lead_edit",
    lambda w, r: _s(w, "lead").status == "contacted",
    values=lambda w: {"status": "contacted"},
)
case(
    "accept an invitation to a network with a new account (a partner signed out)",
    None,
    lambda w: reverse("spread:network_invitation", args=[w["spread"]["invitation_token"]]),
    "spread:network_invitation",
    lambda w, r: "eva@uppsala.se" in _s(w, "region").members.values_list("email", flat=True),
    values=lambda w: {"name": "Eva Ek, Uppsala kommun", "password": "ett-langt-losenord-9"},
)
case(
    "start a thread in a network (a member)",
    "employee",
    _spread_url("spread:network", "school"),
    "spread:network_post",
    lambda w, r: _s(w, "school").posts.filter(body="Vem har provat lånecyklar?").exists(),
    values=lambda w: {"body": "Vem har provat lånecyklar?"},
)
case(
    "join a sector network (colleague)",
    "colleague",
    _spread_url("spread:network", "school"),
    "spread:network_join",
    lambda w, r: "Kalle Kollega" in _members(w, "school"),
)
case(
    "change a network (its owner)",
    "office",
    _spread_url("spread:network_edit", "school"),
    "spread:network_edit",
    lambda w, r: _s(w, "school").description == "För alla som arbetar i skolan.",
    values=lambda w: {"description": "För alla som arbetar i skolan."},
)
case(
    "hide a post (the network's owner)",
    "office",
    lambda w: reverse("spread:network_post_hide", args=[w["spread"]["school"].pk, w["spread"]["post"].pk]),
    "spread:network_post_hide",
    lambda w, r: _s(w, "post").hidden,
    values=lambda w: {"reason": "Personuppgifter om en elev."},
)
case(
    "leave a network (a member)",
    "employee",
    _spread_url("spread:network_leave", "school"),
    "spread:network_leave",
    lambda w, r: "Anna Anställd" not in _members(w, "school"),
)
case(
    "remove a member (the network's owner)",
    "office",
    lambda w: reverse("spread:network_member_remove", args=[w["spread"]["school"].pk, w["people"]["employee"].pk]),
    "spread:network_member_remove",
    lambda w, r: "Anna Anställd" not in _members(w, "school"),
)
case(
    "hand a network over (its owner)",
    "office",
    lambda w: reverse("spread:network_hand_over", args=[w["spread"]["school"].pk, w["people"]["employee"].pk]),
    "spread:network_hand_over",
    lambda w, r: _s(w, "school").owner == w["people"]["employee"] and "Olle Kontor" in _members(w, "school"),
)
case(
    "invite a partner into a network (its owner)",
    "office",
    _spread_url("spread:network_invite", "region"),
    "spread:network_invite",
    lambda w, r: _s(w, "region").invitations.filter(email="kim@lund.se").exists(),
    values=lambda w: {"email": "kim@lund.se"},
)
case(
    "add a file to a network (a member)",
    "employee",
    _spread_url("spread:network_files", "school"),
    "spread:network_files",
    lambda w, r: _s(w, "school").files.count() == 2,
)


# --- Surveys: the questionnaire and the rounds -------------------------------------------------------


def _survey_version():
    from surveys.rounds.default import default_questionnaire

    return default_questionnaire().versions.get(number=1)


def _first_question():
    return _survey_version().questions.get(position=1)


def _day(days: int) -> str:
    from django.utils import timezone

    return (timezone.localdate() + timedelta(days=days)).isoformat()


case(
    "set up a survey round (the director)",
    "director",
    lambda w: reverse("surveys:round_add"),
    "surveys:round_add",
    lambda w, r: _survey_version().rounds.filter(name_sv="Ett kort svar", reminder_days=[7, 14]).exists(),
    values=lambda w: {"opens_on": _day(1), "closes_on": _day(21)},
)
case(
    "add a question to the questionnaire (the director)",
    "director",
    lambda w: reverse("surveys:question_add", args=[_survey_version().pk]),
    "surveys:question_add",
    lambda w, r: _survey_version().questions.count() == 17,
)
case(
    "edit a question of the questionnaire (the director)",
    "director",
    lambda w: reverse("surveys:question_edit", args=[_first_question().pk]),
    "surveys:question_edit",
    lambda w, r: _first_question().text_en == "We have clear goals for innovation.",
    values=lambda w: {"text_en": "We have clear goals for innovation."},
)
case(
    "remove a question from the questionnaire (the director)",
    "director",
    lambda w: reverse("surveys:question_remove", args=[_first_question().pk]),
    "surveys:question_remove",
    lambda w, r: _survey_version().questions.count() == 15,
)
case(
    "move a question down (the director)",
    "director",
    lambda w: reverse("surveys:version", args=[_survey_version().pk]),
    "surveys:question_move",
    lambda w, r: _first_question().key == "leadership",
    button=("direction", "down"),
)
EMPLOYEE_SURVEY_CSV = (
    "år;enhetskod;frågekod;fråga;antal_svar;medelvärde\n"
    "2025;CITY;innovation-1;Jag kan komma med idéer;120;3,8\n"
    "2025;SDF-N;innovation-1;Jag kan komma med idéer;40;3,6\n"
).encode()

case(
    "import the employee survey's innovation items (the director)",
    "director",
    lambda w: reverse("surveys:employee_survey_import"),
    "surveys:employee_survey_import",
    lambda w, r: _only(EmployeeSurveyResult, year=2025) == 2,
    values=lambda w: {"year": "2025", "file": Upload("medarbetarenkat-2025.csv", EMPLOYEE_SURVEY_CSV)},
)
case(
    "make a new version of the questionnaire (the director)",
    "director",
    lambda w: reverse("surveys:version_new", args=[_survey_version().pk]),
    "surveys:version_new",
    lambda w, r: _survey_version().questionnaire.versions.filter(number=2).exists(),
)

# --- Learning: records ---------------------------------------------------------------------------


def _import_course_page(w: W) -> str:
    """The introductory module to import completions of (the world has no catalogue), and the import page."""
    from learning.models import Course
    from tests.learning.conftest import make_course

    if not Course.objects.filter(code="inno-intro").exists():
        make_course(by=w["people"]["director"], unit=w["people"]["director"].unit, code="inno-intro")
    return reverse("learning:completion_import")


def _learning_completions(w: W, person: str) -> int:
    from learning.models import Completion

    return Completion.objects.filter(person=w["people"][person], course__code="inno-intro").count()


def _with_employee_number(w: W) -> str:
    User.objects.filter(pk=w["people"]["colleague"].pk).update(employee_number="4711")
    return _import_course_page(w)


case(
    "import completions from the learning platform by email (the director)",
    "director",
    _import_course_page,
    "learning:completion_import",
    lambda w, r: _learning_completions(w, "employee") == 1,
    values=lambda w: {
        "file": Upload(
            "lärplattformen.csv",
            f"\ufeffe-post;kurskod;datum\n{w['people']['employee'].email};inno-intro;2026-03-15\n".encode(),
        )
    },
)
case(
    "import completions from the learning platform by employee number, English headers (the director)",
    "director",
    _with_employee_number,
    "learning:completion_import",
    lambda w, r: _learning_completions(w, "colleague") == 1,
    values=lambda w: {
        "file": Upload("completions.csv", b"employee_number,course_code,date\n4711,inno-intro,2026-03-15\n")
    },
)


# --- Learning: development talks and the policy register (learning app, parts talks and policies) ---------------


def _talk(w: W, **changes):
    from django.utils import timezone

    from learning.models import DevelopmentTalk
    from learning.talks import services as talks

    found = DevelopmentTalk.objects.filter(employee=w["people"]["employee"]).first()
    if found is not None:
        return found
    fields = {"held_on": timezone.localdate(), "innovation_discussed": True, "ideas_count": 1, **changes}
    return talks.talk_record(
        employee=w["people"]["employee"], by=w["people"]["manager"], year=timezone.localdate().year, **fields
    )


def _talk_url(w: W) -> str:
    from django.utils import timezone

    return reverse("learning:talk_record", args=[w["people"]["employee"].pk, timezone.localdate().year])


def _policy(w: W):
    from learning.models import PolicyDocument
    from learning.policies import services as policies

    found = PolicyDocument.objects.filter(title="Lönepolicy").first()
    return found or policies.policy_create(
        by=w["people"]["director"], title="Lönepolicy", owner=w["people"]["director"].unit
    )


def _talks():
    from learning.models import DevelopmentTalk

    return DevelopmentTalk.objects


def _policies():
    from learning.models import PolicyDocument

    return PolicyDocument.objects


case(
    "record a development talk (manager)",
    "manager",
    _talk_url,
    "learning:talk_record",
    lambda w, r: _talks().get(employee=w["people"]["employee"]).ideas_count == 2,
    values=lambda w: {"held_on": _day(0), "innovation_discussed": "yes", "ideas_count": "2"},
)
case(
    "change a recorded development talk (manager)",
    "manager",
    lambda w: (_talk(w), _talk_url(w))[1],
    "learning:talk_record",
    lambda w, r: _talks().get(employee=w["people"]["employee"]).ideas_count == 3,
    values=lambda w: {"ideas_count": "3"},
)
case(
    "send in an idea from a development talk (employee)",
    "employee",
    lambda w: reverse("learning:talk_idea", args=[_talk(w).pk]),
    "learning:talk_idea",
    lambda w, r: _talk(w).ideas.get().idea.title == NEW_IDEA["title"],
    values=lambda w: {**NEW_IDEA, "kind": "process", "values": ["economic"]},
)
case(
    "add a policy document (the director)",
    "director",
    lambda w: reverse("learning:policy_add"),
    "learning:policy_add",
    lambda w, r: _policies().filter(title="Arbetsmiljöpolicy", status="not_reviewed").exists(),
    values=lambda w: {"title": "Arbetsmiljöpolicy"},
)
case(
    "record a policy document's review (the director)",
    "director",
    lambda w: reverse("learning:policy_edit", args=[_policy(w).pk]),
    "learning:policy_edit",
    lambda w, r: _policies().get(title="Lönepolicy").status == "change_decided",
    values=lambda w: {
        "status": "change_decided",
        "reviewed_on": _day(0),
        "conclusion": "Policyn nämner inte nya arbetssätt.",
        "change_decided": "Ett avsnitt om innovation läggs till.",
    },
)
case(
    "remove a policy document (the director)",
    "director",
    lambda w: reverse("learning:policy_delete", args=[_policy(w).pk]),
    "learning:policy_delete",
    lambda w, r: not _policies().filter(title="Lönepolicy").exists(),
)


# --- Learning: the catalogue -----------------------------------------------------------------------


def _learning_course(w, kind="workshop", state="published", code="rt-verkstad"):
    """A course of the North administration's innovation office (the world's ``office``), made on first use."""
    from django.utils import timezone

    from learning.models import CheckQuestion, Course

    course = Course.objects.filter(code=code).first()
    if course is None:
        course = Course.objects.create(
            code=code,
            kind=kind,
            title=f"Kurs {code}",
            summary="Vad innovation är.",
            body="Innovation är nytt som skapar värde." if kind == "module" else "",
            length_minutes=60,
            unit=w["people"]["office"].unit,
            created_by=w["people"]["office"],
            state=state,
            published_at=timezone.now() if state == "published" else None,
            pass_mark=1 if kind == "module" else 0,
        )
        if kind == "module":
            CheckQuestion.objects.create(
                course=course, position=1, text="Vad är innovation?", choices=["Nytt värde", "En dator"], correct=0
            )
            CheckQuestion.objects.create(
                course=course, position=2, text="Vem lämnar idéer?", choices=["Alla", "Ingen"], correct=0
            )
    return course


def _learning_session(w):
    from datetime import datetime, time, timedelta
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from learning.catalogue import services as learning
    from learning.models import Session

    course = _learning_course(w)
    session = Session.objects.filter(course=course).first()
    if session is None:
        # On one day at 10:00, as the session form asks, whatever the hour the tests run at.
        day = timezone.localdate() + timedelta(days=10)
        starts = datetime.combine(day, time(10), tzinfo=ZoneInfo("Europe/Stockholm"))
        session = learning.session_create(
            course=course,
            by=w["people"]["office"],
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=5,
            place="Stadshuset",
        )
    return session


def _learning_registered(w):
    from learning.catalogue import services as learning

    session = _learning_session(w)
    learning.session_register(session=session, by=w["people"]["employee"])
    return session


case(
    "set up a course (the innovation office)",
    "office",
    lambda w: reverse("learning:course_new"),
    "learning:course_new",
    lambda w, r: _learning_course_titled("Ett kort svar").state == "draft",
)
case(
    "change a course (the innovation office)",
    "office",
    lambda w: reverse("learning:course_edit", args=[_learning_course(w).pk]),
    "learning:course_edit",
    lambda w, r: _learning_course(w).summary == "En ny sammanfattning.",
    values=lambda w: {"summary": "En ny sammanfattning."},
)
case(
    "publish a draft course (the innovation office)",
    "office",
    lambda w: reverse("learning:course_publish", args=[_learning_course(w, state="draft", code="rt-utkast").pk]),
    "learning:course_publish",
    lambda w, r: _learning_course(w, code="rt-utkast").state == "published",
)
case(
    "withdraw a course (the innovation office)",
    "office",
    lambda w: reverse("learning:course_withdraw", args=[_learning_course(w).pk]),
    "learning:course_withdraw",
    lambda w, r: _learning_course(w).state == "withdrawn",
)
case(
    "add a question to a module's check (the innovation office)",
    "office",
    lambda w: reverse("learning:question_add", args=[_learning_course(w, kind="module", code="rt-modul").pk]),
    "learning:question_add",
    lambda w, r: _learning_course(w, code="rt-modul").questions.count() == 3,
    values=lambda w: {"choice_2": "Ett annat svar"},
)
case(
    "change a question of a module's check (the innovation office)",
    "office",
    lambda w: reverse(
        "learning:question_edit", args=[_learning_course(w, kind="module", code="rt-modul").questions.first().pk]
    ),
    "learning:question_edit",
    lambda w, r: _learning_course(w, code="rt-modul").questions.first().text == "Vad är en idé?",
    values=lambda w: {"text": "Vad är en idé?"},
)
case(
    "remove a question of a module's check (the innovation office)",
    "office",
    lambda w: reverse(
        "learning:question_remove", args=[_learning_course(w, kind="module", code="rt-modul").questions.last().pk]
    ),
    "learning:question_remove",
    lambda w, r: _learning_course(w, code="rt-modul").questions.count() == 1,
)
case(
    "move a question of a module's check down (the innovation office)",
    "office",
    lambda w: reverse("learning:questions", args=[_learning_course(w, kind="module", code="rt-modul").pk]),
    "learning:question_move",
    lambda w, r: _learning_course(w, code="rt-modul").questions.first().text == "Vem lämnar idéer?",
    button=("direction", "down"),
)
case(
    "take a module's check (an employee)",
    "employee",
    lambda w: reverse("learning:check", args=[_learning_course(w, kind="module", code="rt-modul").pk]),
    "learning:check",
    lambda w, r: _learning_course(w, code="rt-modul").completions.filter(person=w["people"]["employee"]).exists(),
)
case(
    "add a session to a workshop (the innovation office)",
    "office",
    lambda w: reverse("learning:session_new", args=[_learning_course(w).pk]),
    "learning:session_new",
    lambda w, r: _learning_course(w).sessions.filter(event__place="Stadshuset, rum 2").exists(),
    values=lambda w: {"starts_time": "09:00", "ends_time": "11:00", "place": "Stadshuset, rum 2"},
)
case(
    "change a session (the innovation office)",
    "office",
    lambda w: reverse("learning:session_edit", args=[_learning_session(w).pk]),
    "learning:session_edit",
    lambda w, r: _learning_session(w).event.capacity == 9,
    values=lambda w: {"capacity": "9"},
)
case(
    "cancel a session (the innovation office)",
    "office",
    lambda w: reverse("learning:session_cancel", args=[_learning_session(w).pk]),
    "learning:session_cancel",
    lambda w, r: _learning_session(w).event.cancelled_at is not None,
)
case(
    "sign up for a session (an employee)",
    "employee",
    lambda w: reverse("learning:course", args=[_learning_session(w).course_id]),
    "learning:session_register",
    lambda w, r: _learning_session(w).event.registrations.filter(person=w["people"]["employee"]).exists(),
)
case(
    "cancel one's sign-up for a session (an employee)",
    "employee",
    lambda w: reverse("learning:session_unregister", args=[_learning_registered(w).pk]),
    "learning:session_unregister",
    lambda w, r: _learning_session(w).event.registrations.get(person=w["people"]["employee"]).status == "cancelled",
)


def _learning_course_titled(title: str):
    from learning.models import Course

    return Course.objects.get(title=title)


# --- The harness ---------------------------------------------------------------------------------


def _submit(form, button):
    if button is None:
        return form.submit()
    name, value = button
    for index, field_ in enumerate(form.fields.get(name, [])):
        if isinstance(field_, Submit) and value in (None, field_._value):
            return form.submit(name, index=index)
    raise AssertionError(f"The form has no button {name}={value!r}")


def _params(cases):
    return [
        pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=c.xfail)] if c.xfail else [])
        for c in cases
    ]


@pytest.mark.parametrize("c", _params(CASES))
def test_form_round_trip(c: Case, world, db, django_app):
    with override_settings(**c.settings):
        _round_trip(c, world, django_app)


def _round_trip(c: Case, world, django_app) -> None:
    user = world["people"][c.role] if c.role else None
    url = c.page(world)
    mail.outbox.clear()
    page = django_app.get(url, user=user)
    forms = post_forms(page, url)
    assert c.posts_to in forms, f"{url} as {c.role} shows no form posting to {c.posts_to}; it shows {sorted(forms)}"
    candidates = [
        f
        for f in forms[c.posts_to]
        if (not c.which or [x.value for x in f.fields.get(c.which[0], [])] == [c.which[1]])
        and (not c.button or any(c.button[1] in (None, b._value) for b in f.fields.get(c.button[0], [])))
    ]
    assert candidates, f"{url} as {c.role} shows no form {c.which} {c.button}"
    form = fill(candidates[0], c.values(world))
    resp = _submit(form, c.button)
    assert resp.status_int in (200, 302, 303), resp.status
    if c.then:  # a confirmation step: the next page shows what will happen and one button
        shown = resp.follow(user=user) if resp.status_int in (302, 303) else resp
        confirm = post_forms(shown, shown.request.path).get(c.then)
        assert confirm, f"{url} as {c.role}: the next page shows no form posting to {c.then}"
        resp = confirm[0].submit()
        assert resp.status_int in (200, 302, 303), resp.status
    shown = errors(resp)
    assert not shown, f"{url} as {c.role}: the page answered with errors: {shown}"
    if resp.status_int in (302, 303):
        followed = resp.follow(user=user) if user else resp.follow()
        banner = followed.html.select_one(  # a message that is not a success: an error, or a notice
            ".govuk-notification-banner[aria-labelledby^=message-title]:not(.govuk-notification-banner--success)"
        )
        problem = errors(followed) or (banner.get_text(" ", strip=True) if banner else "")
        assert c.notice_ok or not problem, f"{url} as {c.role}: the next page said: {problem}"
    outcome = c.check(world, resp)  # a check asserts, or answers whether the change is there
    assert outcome is None or outcome, f"{url} as {c.role}: the submission did not make its change"
