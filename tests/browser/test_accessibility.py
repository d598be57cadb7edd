"""axe-core in Chromium over every page of the product, as every role, in Swedish and English; and the keyboard.

Each role has one browser context per language and goes through the whole list of pages. A page a
role may not open is checked as that role sees it: the 403 page, the 404 page or the sign-in page.

Most of what a page shows is the same for several roles: the frame (header, menu, footer) differs
with the role, the content (title, breadcrumbs, main) with the page and what the role may do there.
So each page's HTML is first fetched with Django's test client, which is quick, and split in the
two. Only a page whose frame or content is new in this language is opened in the browser and
checked by axe; the rest would add nothing. CSRF tokens, ``next`` addresses and the signed-in
person's own name, email, unread count and API token do not count as new, and an id may not be in
both parts. A form that is to be sent with errors is always sent from the browser.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from calls import services as calls
from governance import services as gov
from ideas import services as idea_services
from ideas.lock import Stage
from organisation.models import Unit
from tests import factories
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
ROLES = ("anonymous", "employee", "manager", "coach", "office", "director", "resident", "supplier")

_HIDDEN_INPUT = re.compile(r"<input\b[^>]*\btype=\"hidden\"[^>]*>")
_VARYING = [
    (re.compile(r'"X-CSRFToken": "[^"]*"'), '"X-CSRFToken": ""'),
    (re.compile(r"([?&](?:amp;)?next=)[^\"&]*"), r"\1"),
    (re.compile(r'(class="sprang-count">)\d+'), r"\1#"),
    (re.compile(r"(<code\b[^>]*>)[^<]*(</code>)"), r"\1\2"),  # a new API token
    (re.compile(r"\(\w{8}…\)"), "(…)"),  # an API token's prefix
]


def _fingerprint(html: str, person) -> str:
    """The HTML without what differs on every request or with who is signed in."""
    html = _HIDDEN_INPUT.sub(lambda m: re.sub(r' value="[^"]*"', "", m.group(0)), html)
    for pattern, replacement in _VARYING:
        html = pattern.sub(replacement, html)
    if person is not None:
        html = html.replace(person.name, "{name}").replace(person.email, "{email}")
    return hashlib.sha256(html.encode()).hexdigest()


def _parts(html: str) -> tuple[str, str]:
    """The page's frame (head, header, menu, footer) and its content (language, title, breadcrumbs, main)."""
    end = html.find("</main>")
    start = html.rfind('<div class="govuk-width-container">', 0, html.find("<main"))
    if end < 0 or start < 0:
        return "", html
    end += len("</main>")
    title = re.search(r"<title>.*?</title>", html, re.S)
    lang = re.search(r"<html lang=\"[^\"]*\"", html)
    head = html[:start].replace(title.group(0), "") if title else html[:start]
    return head + html[end:], f"{lang.group(0) if lang else ''}{title.group(0) if title else ''}{html[start:end]}"


def _ids_in_both(frame: str, content: str) -> set[str]:
    ids = re.compile(r'\sid="([^"]+)"')
    return set(ids.findall(frame)) & set(ids.findall(content))


@dataclass(frozen=True)
class Step:
    """A page to check: ``path``; or, when ``form`` is on that page, the page after pressing ``submit`` on it."""

    name: str
    path: str
    form: str = ""  # a piece of HTML that shows the form is there
    submit: str = ""  # the button that sends it
    fill: tuple[tuple[str, str], ...] = ()
    status: int = 200
    lands: str = ""  # where the page itself is, when not at ``path``
    shows: str = ""  # a class only the page itself has (not the sign-in page, a 403 or the form without errors)


@dataclass
class Seen:
    status: int
    path: str
    html: str


@dataclass
class Scan:
    label: str
    problems: list[str]
    also: list[str] = field(default_factory=list)


def _violations(page, label: str) -> list[str]:
    results = page.evaluate("options => axe.run(document, options)", WCAG_AA)
    problems = []
    for v in results["violations"]:
        targets = [" ".join(n["target"]) for n in v["nodes"]]
        more = f" and {len(targets) - 3} more" if len(targets) > 3 else ""
        problems.append(f"{label}: {v['id']} – {v['help']} [{'; '.join(targets[:3])}{more}]")
    return problems


@pytest.fixture
def product(people, monkeypatch):
    """Ideas in every state the pages show, made through the services; small pages so that lists have a page 2."""
    monkeypatch.setattr("ideas.views.PAGE_SIZE", 2)
    employee, office, coach = people["employee"], people["office"], people["coach"]
    resident, supplier = people["resident"], people["supplier"]

    fresh = factories.idea(author=employee, title="Digitala lås i hemtjänsten")

    pdf = SimpleUploadedFile(
        "underlag.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )
    rich = factories.idea(author=employee, title="Mindre matsvinn i köket", attachments=[pdf])
    idea_services.coach_assign(idea=rich, coach=coach, by=office)
    factories.move(rich, by=office, to=Stage.PRESTUDY)
    comment = idea_services.comment_add(idea=rich, author=people["colleague"], body="Vi provade detta i Södra.")
    hidden = idea_services.comment_add(idea=rich, author=people["manager"], body="Ring Lisa på 070-123 45 67.")
    idea_services.comment_hide(comment=hidden, by=office, reason="Personuppgifter om en tredje person.")

    public = factories.idea(author=resident, title="Fler bänkar i parken", visibility="public")
    idea_services.comment_add(idea=public, author=supplier, body="Vi kan leverera bänkar av återvunnet trä.")
    idea_services.support_toggle(idea=public, user=employee, kind="same_need")

    closed = factories.idea(author=supplier, title="Solpaneler på förskolans tak", visibility="public")
    factories.move(closed, by=office, to=Stage.CLOSED, lessons=[factories.DEFAULT_LESSON])

    parked = factories.idea(author=employee, title="Robotdammsugare i korridorerna")
    factories.move(parked, by=office, to=Stage.PRESTUDY)
    factories.move(parked, by=office, to=Stage.PARKED, parked_until=timezone.localdate() + dt.timedelta(days=90))

    assessed = factories.idea(author=resident, title="Läxhjälp på biblioteket", visibility="public")
    idea_services.coach_assign(idea=assessed, coach=coach, by=office)
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        factories.move(assessed, by=office, to=stage)
    idea_services.assessment_record(
        idea=assessed,
        assessed_by=coach,
        novelty="unit",
        value_evidence="Fler elever lämnar in läxorna i tid, enligt lärarna.",
        in_use=True,
        used_by="Två skolor i Norra",
        value_figures="300 elever per termin",
    )

    # Governance: city and organisation goals with an activity and targets, an open period,
    # one report being written and one submitted.
    gov.indicators_sync()
    director, manager = people["director"], people["manager"]
    year = timezone.localdate().year
    survey = gov.indicator_create(
        by=director, code="survey", name="Innovationsklimat", measure="percent", direction="higher", source="Enkäten"
    )
    city_goal = gov.goal_create(
        by=director, year=year, unit=Unit.objects.get_first_root_node(), title="Fler idéer prövas", indicators=[survey]
    )
    north_goal = gov.goal_create(
        by=manager, year=year, unit=manager.unit, parent=city_goal, title="Varje avdelning prövar en idé"
    )
    gov.activity_add(
        goal=north_goal,
        by=manager,
        title="Idéverkstad",
        owner=office,
        starts_on=dt.date(year, 1, 15),
        ends_on=dt.date(year, 12, 15),
        status="ongoing",
    )
    gov.target_set(by=manager, indicator=survey, unit=manager.unit, year=year, value="70")
    period = gov.reporting_period_open(
        by=director, year=year, period="VB", deadline=timezone.localdate() + dt.timedelta(days=60)
    )
    draft = gov.report_start(by=manager, reporting_period=period, unit=manager.unit)
    south = gov.report_start(by=people["other_office"], reporting_period=period, unit=people["other_office"].unit)
    gov.report_save(
        report=south,
        by=people["other_office"],
        expected_version=south.version,
        narrative="Vi har startat ett nätverk för innovation.",
        outcomes={survey.pk: ("64", "Medarbetarenkäten")},
        assessments={city_goal.pk: ("partly", "På god väg.")},
    )
    gov.report_submit(report=south, by=people["other_office"], expected_version=south.version)

    # Calls: an open fund with a rubric and a jury (the coach, and the manager in the chair);
    # the employee's draft; the colleague's application with the jury, scored by the coach;
    # and a renewal prize decided, with its results published.
    now = timezone.now()
    fund = calls.call_create(
        by=director,
        programme="fund",
        title="Innovationsfonden",
        summary="Pengar till förstudier och piloter.",
        description="Sök medel för en idé i innovationsslussen.",
        year=year,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=20),
        budget=Decimal(1_000_000),
    )
    for name, weight in (("Nytta", "2"), ("Genomförbarhet", "1")):
        calls.criterion_add(call=fund, by=director, name=name, weight=weight)
    calls.call_publish(call=fund, by=director)
    calls.juror_add(call=fund, by=director, user=coach)
    calls.juror_add(call=fund, by=director, user=manager, is_chair=True)
    fund_draft = calls.application_start(call=fund, applicant=employee)
    colleague = people["colleague"]
    south_idea = factories.idea(author=colleague, title="Skolgård som odlingslott")
    factories.move(south_idea, by=people["other_office"], to=Stage.PRESTUDY)
    applied = calls.application_start(call=fund, applicant=colleague)
    applied = calls.application_save(
        application=applied,
        by=colleague,
        expected_version=applied.version,
        title="Odlingslotter på skolgården",
        summary="Eleverna odlar grönsaker till skolmatsalen.",
        description="Pilot på en skola under ett läsår.",
        idea=south_idea,
        requested_amount=Decimal(80_000),
        budget_lines=[("Pallkragar och jord", Decimal(50_000)), ("Handledning", Decimal(30_000))],
    )
    plan = SimpleUploadedFile("odlingsplan.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    calls.application_file_add(application=applied, by=colleague, upload=plan)
    applied.refresh_from_db()
    applied = calls.application_submit(application=applied, by=colleague, expected_version=applied.version)
    calls.application_screen(application=applied, by=director, eligible=True)
    calls.assignment_add(application=applied, juror=coach, by=director)
    calls.assignment_add(application=applied, juror=manager, by=director)
    criteria = list(fund.criteria.all())
    assignment = applied.assignments.get(juror=coach)
    calls.scores_save(
        application=applied,
        juror=coach,
        expected_version=assignment.version,
        scores={c.pk: (4, "Tydlig nytta för eleverna.") for c in criteria},
        submit=True,
    )
    prize = calls.call_create(
        by=director,
        programme="renewal_prize",
        title="Förnyelsepriset",
        summary="För genomförda innovationer.",
        description="Nominera en innovation som gjort arbetet enklare.",
        year=year,
        opens_at=now - dt.timedelta(days=90),
        closes_at=now - dt.timedelta(days=30),
    )
    calls.criterion_add(call=prize, by=director, name="Nytta")
    for name in ("Skola", "Äldreomsorg"):
        calls.category_add(call=prize, by=director, name=name)
    calls.call_publish(call=prize, by=director)
    calls.juror_add(call=prize, by=director, user=manager, is_chair=True)
    nominated = calls.application_start(call=prize, applicant=colleague, now=now - dt.timedelta(days=60))
    nominated = calls.application_save(
        application=nominated,
        by=colleague,
        expected_version=nominated.version,
        title="Läxhjälp på biblioteket",
        summary="Fler elever lämnar in läxorna i tid.",
        description="Genomfört på två skolor.",
        idea=assessed,
        category=prize.categories.get(name="Skola"),
    )
    nominated = calls.application_submit(
        application=nominated, by=colleague, expected_version=nominated.version, now=now - dt.timedelta(days=59)
    )
    calls.application_screen(application=nominated, by=director, eligible=True)
    calls.decision_record(application=nominated, by=manager, granted=True, justification="Enkelt och spridbart.")
    calls.results_publish(call=prize, by=director)

    # The quality award in two classes, chaired by the coach: an entry in each, one of them decided.
    award = factories.quality_award(
        by=director,
        chair=coach,
        classes=("Skola", "Äldreomsorg"),
        opens_at=now - dt.timedelta(days=90),
        closes_at=now + dt.timedelta(days=30),
        year=year,
    )
    entries = [
        factories.award_entry(
            award, by=director, unit=Unit.objects.get(code=code), klass=klass, title=title, juror=coach, score=4
        )
        for code, klass, title in (("SDF-S-SKO", "Skola", "Läxhjälp för alla"), ("SDF-S", "Äldreomsorg", "Måltiden"))
    ]
    calls.decision_record(application=entries[0], by=coach, granted=True, justification="Läxhjälp som når alla.")

    # An address not yet confirmed, for the confirmation page; and a password reset link.
    address = EmailAddress.objects.create(user=resident, email="rut.privat@example.se", verified=False)
    reset_key = f"{user_pk_to_url_str(resident)}-{default_token_generator.make_token(resident)}"

    # Notifications: the office has some, the manager none.
    assert office.notifications.exists()
    assert not people["manager"].notifications.exists()
    return {
        "fresh": fresh,
        "rich": rich,
        "public": public,
        "closed": closed,
        "parked": parked,
        "assessed": assessed,
        "comment": comment,
        "confirm_key": EmailConfirmationHMAC(address).key,
        "city_goal": city_goal,
        "north_goal": north_goal,
        "draft_report": draft,
        "submitted_report": south,
        "fund": fund,
        "fund_draft": fund_draft,
        "applied": applied,
        "prize": prize,
        "award": award,
        "award_entry": entries[1],
        "award_class": award.categories.get(name="Äldreomsorg"),
        "chair": manager,
        "reset_key": reset_key,
    }


def _steps(data) -> list[Step]:
    fresh, rich, public, parked = data["fresh"].pk, data["rich"].pk, data["public"].pk, data["parked"].pk
    errors = "govuk-error-summary"
    reset_uid = data["reset_key"].split("-")[0]
    return [
        Step("start", "/"),
        Step("idea list", "/ideas/"),
        Step("idea list, searched", "/ideas/?q=lås"),
        Step("idea list, filtered", "/ideas/?stage=idea&kind=process&sort=oldest"),
        Step("idea list, page 2", "/ideas/?page=2", shows="govuk-pagination__prev"),
        Step("new idea", "/ideas/new/"),
        Step(
            "new idea, errors",
            "/ideas/new/",
            form='id="id_title"',
            submit="main form:has(#id_title) button[type=submit]",
            shows=errors,
        ),
        Step("idea, internal", f"/ideas/{rich}/"),
        Step("idea, new", f"/ideas/{fresh}/"),
        Step("idea, public", f"/ideas/{public}/"),
        Step("idea, closed", f"/ideas/{data['closed'].pk}/"),
        Step("idea, parked", f"/ideas/{parked}/"),
        Step("idea, assessed", f"/ideas/{data['assessed'].pk}/"),
        Step("edit", f"/ideas/{fresh}/edit/"),
        Step("edit, public idea", f"/ideas/{public}/edit/"),
        Step("decide, forward gate", f"/ideas/{fresh}/decide/?to=prestudy"),
        Step("decide, close", f"/ideas/{fresh}/decide/?to=closed"),
        Step("decide, park", f"/ideas/{fresh}/decide/?to=parked"),
        Step("decide, resume", f"/ideas/{parked}/decide/?to=prestudy"),
        Step("decide, close with lessons required", f"/ideas/{data['assessed'].pk}/decide/?to=closed"),
        Step("decide, spread without a good example", f"/ideas/{data['assessed'].pk}/decide/?to=spread"),
        Step(
            "decide, errors",
            f"/ideas/{rich}/decide/?to=pilot",
            form='name="rationale"',
            submit="main form:has(#id_rationale) button[type=submit]",
            shows=errors,
        ),
        Step("assess", f"/ideas/{data['assessed'].pk}/assess/"),
        Step("hide comment", f"/ideas/comments/{data['comment'].pk}/hide/"),
        Step(
            "comment, errors",
            f"/ideas/{public}/",
            form=f'action="/ideas/{public}/comments/"',
            submit="form[action$='/comments/'] button",
            lands=f"/ideas/{public}/comments/",
            shows=errors,
        ),
        Step("triage", "/ideas/triage/"),
        Step("pipeline, board", "/ideas/pipeline/"),
        Step("pipeline, table", "/ideas/pipeline/?view=table"),
        Step("lessons", "/ideas/lessons/"),
        Step("lessons, the ideas behind a factor", "/ideas/lessons/?factor=time"),
        Step("follow-up dashboard", "/governance/"),
        Step("follow-up dashboard, an administration", f"/governance/?unit={data['draft_report'].unit_id}"),
        Step("indicators", "/governance/indicators/"),
        Step(
            "indicators, errors",
            "/governance/indicators/",
            form='id="id_code"',
            submit="main form:has(#id_code) button[type=submit]",
            shows=errors,
        ),
        Step("goals", "/governance/goals/"),
        Step("city goal", f"/governance/goals/{data['city_goal'].pk}/"),
        Step("organisation goal", f"/governance/goals/{data['north_goal'].pk}/"),
        Step("new goal", "/governance/goals/new/"),
        Step("targets", "/governance/targets/"),
        Step("reports", "/governance/reports/"),
        Step("report, draft", f"/governance/reports/{data['draft_report'].pk}/"),
        Step(
            "report, submitted too early",
            f"/governance/reports/{data['draft_report'].pk}/",
            form='name="narrative"',
            submit="main form:has(#id_narrative) button[name=submit]",
            shows=errors,
        ),
        Step("report, submitted", f"/governance/reports/{data['submitted_report'].pk}/"),
        Step("report, review", f"/governance/reports/{data['submitted_report'].pk}/review/"),
        Step("report, extend the deadline", f"/governance/reports/{data['draft_report'].pk}/deadline/"),
        Step("calls", "/calls/"),
        Step("call", f"/calls/{data['fund'].pk}/"),
        Step("application draft", f"/calls/applications/{data['fund_draft'].pk}/edit/"),
        Step(
            "application, submitted too early",
            f"/calls/applications/{data['fund_draft'].pk}/edit/",
            form='name="title"',
            submit="main form:has(#id_title) button[name=submit]",
            shows=errors,
        ),
        Step("application withdraw", f"/calls/applications/{data['fund_draft'].pk}/withdraw/"),
        Step("application", f"/calls/applications/{data['applied'].pk}/"),
        Step("my applications", "/calls/mine/"),
        Step("call results", f"/calls/{data['prize'].pk}/results/"),
        Step("call results, not yet published", f"/calls/{data['fund'].pk}/results/"),
        Step("new call", "/calls/new/"),
        Step("call workroom", f"/calls/{data['fund'].pk}/manage/"),
        Step("application, screening and jurors", f"/calls/applications/{data['applied'].pk}/manage/"),
        Step("publish results", f"/calls/{data['fund'].pk}/manage/results/"),
        Step("change the call", f"/calls/{data['fund'].pk}/manage/edit/"),
        Step("remove a juror", f"/calls/{data['fund'].pk}/manage/jurors/{data['chair'].pk}/remove/"),
        Step("jury work", "/calls/jury/"),
        Step("score", f"/calls/applications/{data['applied'].pk}/score/"),
        Step("declare a conflict", f"/calls/applications/{data['applied'].pk}/conflict/"),
        Step("ranking", f"/calls/{data['fund'].pk}/ranking/"),
        Step("decide", f"/calls/applications/{data['applied'].pk}/decide/"),
        Step("award ranking, a class", f"/calls/{data['award'].pk}/ranking/"),
        Step("award ranking, another class", f"/calls/{data['award'].pk}/ranking/?class={data['award_class'].pk}"),
        Step("award, decide", f"/calls/applications/{data['award_entry'].pk}/decide/"),
        Step("award entry, screening", f"/calls/applications/{data['award_entry'].pk}/manage/"),
        Step("notifications", "/notifications/"),
        Step("profile", "/profile/"),
        Step(
            "API tokens, token created",
            "/profile/tokens/",
            form='id="id_name"',
            submit="main form:has(#id_name) button",
            fill=(("#id_name", "Rapportsystemet"),),
            shows="govuk-panel--confirmation",
        ),
        Step("accessibility statement", "/about/accessibility/"),
        Step("privacy notice", "/about/privacy/"),
        Step("403", "/ideas/triage/", status=403),
        Step("404", "/ideas/999999/", status=404),
        Step("sign in", "/account/login/"),
        Step("sign up", "/account/signup/"),
        Step(
            "sign up, errors",
            "/account/signup/",
            form='action="/account/signup/"',
            submit="form[action='/account/signup/'] button",
            shows=errors,
        ),
        Step("password reset", "/account/password/reset/"),
        Step("password reset done", "/account/password/reset/done/"),
        Step("password change", "/account/password/change/"),
        Step("sign out", "/account/logout/"),
        Step("email addresses", "/account/email/"),
        Step("confirmation email sent", "/account/confirm-email/"),
        Step("confirm email", f"/account/confirm-email/{data['confirm_key']}/"),
        Step("reauthenticate", "/account/reauthenticate/"),
        Step("two-step sign-in", "/account/2fa/"),
        # Last: opening a reset link signs out whoever is signed in.
        Step(
            "password reset, new password",
            f"/account/password/reset/key/{data['reset_key']}/",
            lands=f"/account/password/reset/key/{reset_uid}-set-password/",
        ),
    ]


def _same_content(also: list[str]) -> str:
    if not also:
        return ""
    return f" (the same content in {also[0]}{f' and {len(also) - 1} more' if len(also) > 1 else ''})"


def _fetch(client: Client, step: Step) -> Seen:
    response = client.get(step.path, follow=True)
    return Seen(response.status_code, response.request["PATH_INFO"], response.content.decode())


def _open(page, step: Step) -> Seen:
    response = page.goto(step.path)
    if step.form and step.form in response.text():
        for selector, value in step.fill:
            page.fill(selector, value)
        with page.expect_navigation() as navigation:
            page.locator(step.submit).first.click()
        response = navigation.value
    return Seen(response.status, urlsplit(response.url).path, response.text())


def _signed_in_client(person, language: str) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_as_every_role_has_no_wcag_aa_violations(browser, live_server, people, product, language):
    steps = _steps(product)
    frames: set[str] = set()
    contents: dict[str, Scan] = {}
    scans: list[Scan] = []
    wrong: list[str] = []
    reached: dict[str, list[str]] = {step.name: [] for step in steps}
    axe_script = Axe().axe_script

    for role in ROLES:
        person = people.get(role)
        client = _signed_in_client(person, language)
        # The browser has a session of its own: opening a password reset link signs the client out.
        cookies = _signed_in_client(person, language).cookies
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        context.add_init_script(axe_script)
        context.add_cookies([{"name": c.key, "value": c.value, "url": live_server.url} for c in cookies.values()])
        page = context.new_page()
        try:
            for step in steps:
                seen = _fetch(client, step)
                frame, content = (_fingerprint(part, person) for part in _parts(seen.html))
                if (step.form and step.form in seen.html) or frame not in frames or content not in contents:
                    seen = _open(page, step)
                    frame, content = (_fingerprint(part, person) for part in _parts(seen.html))
                moved = f" → {seen.path}" if seen.path != urlsplit(step.path).path else ""
                label = f"{role}/{language} {step.name} ({step.path}{moved})"
                if f'<html lang="{language}"' not in seen.html:
                    wrong.append(f"{label}: the page is not in {language}")
                if shared := _ids_in_both(*_parts(seen.html)):
                    wrong.append(f"{label}: the same id in the frame and the content: {', '.join(sorted(shared))}")
                if (
                    seen.status == step.status
                    and seen.path == (step.lands or urlsplit(step.path).path)
                    and (not step.shows or re.search(rf'class="[^"]*\b{step.shows}\b', seen.html))
                ):
                    reached[step.name].append(role)
                if step.name == "start":
                    signed_in = 'action="/account/logout/"' in seen.html
                    assert signed_in == (person is not None), f"{role} is not signed in as expected"
                if frame in frames and content in contents:
                    contents[content].also.append(label)
                else:
                    scan = Scan(label, _violations(page, label))
                    scans.append(scan)
                    frames.add(frame)
                    contents.setdefault(content, scan)
        finally:
            context.close()

    # Each page was reached as itself by some role: the checks were not all of sign-in pages and 403s.
    assert [name for name, roles in reached.items() if not roles] == [], "no role reached these pages"
    assert wrong == []
    problems = [f"{problem}{_same_content(scan.also)}" for scan in scans for problem in scan.problems]
    assert problems == [], f"{len(problems)} WCAG 2.1 AA violations:\n" + "\n".join(problems)


@pytest.fixture
def city(people):
    idea = factories.idea(author=people["employee"], title="Digitala lås i hemtjänsten")
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    factories.idea(author=people["resident"], title="Fler bänkar i parken", visibility="public")
    return {"idea": idea}


def test_keyboard_reaches_the_skip_link_first_and_the_idea_form_in_order(new_page, people, city):
    page = new_page()
    sign_in(page, people["employee"].email)
    page.goto("/ideas/new/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till huvudinnehållet"
    page.keyboard.press("Enter")
    # The browser reports the new address a moment after the jump.
    expect(page).to_have_url(re.compile(r"#main-content$"))
    # From the main content, Tab walks the form in reading order, starting with the title.
    page.locator("#id_title").focus()
    order = []
    for _ in range(4):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order[:3] == ["id_problem", "id_audience", "id_proposal"]
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).boxShadow"
    )
    assert outline.strip() != "none none"


# Marks the focused element with its place in the Tab order, and tells whether focus shows on it: its outline,
# shadow or background differ from when it is not focused. Null when focus has left the page (or come round to
# the skip link again); "again" when Tab comes back to another element it has already passed.
_FOCUSED = """(n) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  if (el.dataset.tabOrder) return el.dataset.tabOrder === "0" ? null : "again";
  el.dataset.tabOrder = n;
  const look = () => {
    const s = getComputedStyle(el);
    const outline =
      s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && s.outlineColor !== "rgba(0, 0, 0, 0)";
    return [outline ? `${s.outlineWidth} ${s.outlineColor}` : "", s.boxShadow, s.backgroundColor].join(" | ");
  };
  const focused = look();
  const box = el.getBoundingClientRect();
  el.blur();
  const resting = look();
  el.focus();
  return {
    name: el.getAttribute("href") || el.id || el.textContent.trim().replace(/\\s+/g, " "),
    visible: focused !== resting && box.width > 1 && box.height > 1,
  };
}"""


def test_keyboard_walks_the_idea_page_as_the_office_in_order_without_traps(new_page, people, product):
    idea = product["rich"]
    page = new_page()
    sign_in(page, people["office"].email)
    page.goto(f"/ideas/{idea.pk}/")

    page.keyboard.press("Tab")
    skip = page.evaluate(_FOCUSED, 0)
    assert skip == {"name": "#main-content", "visible": True}
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"

    walk = []
    for n in range(1, 100):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED, n)
        if focused is None:
            break
        assert focused != "again", f"Tab went back to an element it had left, after {walk}"
        walk.append(focused)
    else:
        pytest.fail(f"Tab never left the page: {[f['name'] for f in walk]}")

    names = [f["name"] for f in walk]
    assert [f["name"] for f in walk if not f["visible"]] == [], "focus does not show on these"
    # Tab follows the page: the idea and its comment form, then the decisions and the coach, then the footer.
    order = page.evaluate("() => [...document.querySelectorAll('[data-tab-order]')].map((el) => +el.dataset.tabOrder)")
    assert order == sorted(order)
    decide = [f"/ideas/{idea.pk}/decide/?to={to}" for to in ("pilot", "closed", "parked")]
    first = names.index(decide[0])
    assert names[first : first + 5] == [*decide, "id_coach", "Spara coach"]
    assert names.index("id_body") < first < names.index("/about/accessibility/")

    # And back with Shift+Tab, through the same elements in reverse: no widget keeps the focus either way.
    page.locator(f"[data-tab-order='{len(walk)}']").focus()
    back = []
    for _ in range(len(walk) - 1):
        page.keyboard.press("Shift+Tab")
        back.append(page.evaluate("+document.activeElement.dataset.tabOrder"))
    assert back == list(range(len(walk) - 1, 0, -1))
