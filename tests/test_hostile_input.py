"""Every page and API address, asked with hostile values, answers without a server error.

Each URL pattern of the site and the API is requested with GET, with real ids in its path so
the view gets as far as reading its parameters, and with every query parameter a page reads
(the fields of its GET forms and the parameters the views read by hand) set to one hostile
value at a time: text where a number is expected, a negative number, one past the largest
64-bit integer, a NUL character, a very long string. Then the ids in the path are replaced
by hostile values too. Anonymously and as the city's innovation office: never a 500, on
SQLite and on PostgreSQL alike.
"""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from calls import services as call_services
from calls.models import Programme
from governance import services as governance_services
from governance.models import Period
from ideas import services as idea_services
from ideas.lock import Stage
from organisation.models import Role
from tests import factories

TOO_BIG = "9223372036854775808"  # one past the largest signed 64-bit integer
#: Text for a number, a negative one, one too large for the database, a NUL, a digit Python's int() refuses,
#: a very long string and a number with more digits than int() converts.
HOSTILE = ["abc", "-1", TOO_BIG, "\x00", "\u00b2", "x" * 5000, "9" * 5000]

#: Parameters the views read by hand (besides the fields of the GET forms they render).
READ_BY_HAND = [
    "page",
    "unit",
    "parent",
    "year",
    "period",
    "call",
    "show",
    "view",
    "to",
    "index",
    "add",
    "q",
    "title",
    "problem",
    "proposal",
    "next",
    "status",
    "offset",
    "limit",
]

#: Not walked: the admin site (staff only, Django's own) and pages that only send a file already walked
#: elsewhere with the same parameters (the PDF exports take seconds each to lay out).
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"governance:report_pdf", "governance:city_pdf", "api:openapi-view"}


def url_patterns() -> list[tuple[str, str]]:
    """(route, name) of every pattern, routes joined as ``path()`` writes them."""
    found: list[tuple[str, str]] = []

    def walk(patterns, prefix: str, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace in SKIPPED_NAMESPACES:
                    continue
                inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace else str(pattern.name)
                found.append((prefix + str(pattern.pattern), name))

    walk(get_resolver().url_patterns, "", "")
    return [(route, name) for route, name in found if name not in SKIPPED_NAMES]


@pytest.fixture
def world(tree, people):
    """Something behind every id in the paths: an idea with a comment and a file, a call with an application,
    a goal with an activity, a report."""
    employee, director = people["employee"], people["director"]
    office = factories.person(unit=tree["SLK"], role=Role.OFFICE, role_unit=tree["CITY"], name="Stina Stadskontor")
    idea = factories.idea(author=employee, title="Digitala lås i hemtjänsten")
    comment = idea_services.comment_add(idea=idea, author=employee, body="Bra!")
    attachment = idea_services.attachment_add(
        idea=idea, uploaded_by=employee, upload=SimpleUploadedFile("plan.txt", b"En plan.", content_type="text/plain")
    )
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    now = timezone.now()
    call = call_services.call_create(
        by=director,
        programme=Programme.FUND,
        title="Innovationsfonden",
        summary="Pengar till förstudier och piloter.",
        description="",
        year=now.year,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
        budget=Decimal(1_000_000),
    )
    criterion = call_services.criterion_add(call=call, by=director, name="Nytta")
    category = call_services.category_add(call=call, by=director, name="Klass 1")
    juror = factories.person(unit=tree["SDF-S-SKO"], name="Jenny Jury")
    call_services.juror_add(call=call, by=director, user=juror)
    call_services.call_publish(call=call, by=director)
    application = call_services.application_start(call=call, applicant=office)
    file = call_services.application_file_add(
        application=application,
        by=office,
        upload=SimpleUploadedFile("budget.txt", b"Budget.", content_type="text/plain"),
    )
    goal = governance_services.goal_create(by=director, year=now.year, unit=tree["CITY"], title="Fler idéer prövas")
    activity = governance_services.activity_add(
        goal=goal,
        by=director,
        title="Idéverkstad",
        owner=director,
        starts_on=now.date(),
        ends_on=now.date() + timedelta(days=90),
        status="planned",
    )
    period = governance_services.reporting_period_open(
        by=director, year=now.year, period=Period.T1, deadline=now.date() + timedelta(days=30)
    )
    report = governance_services.report_start(by=people["manager"], reporting_period=period, unit=tree["SDF-N"])
    ids = {
        "idea": idea.pk,
        "comment": comment.pk,
        "attachment": attachment.pk,
        "call": call.pk,
        "criterion": criterion.pk,
        "category": category.pk,
        "juror": juror.pk,
        "application": application.pk,
        "file": file.pk,
        "goal": goal.pk,
        "activity": activity.pk,
        "report": report.pk,
        "unit": tree["SDF-N"].pk,
        "year": now.year,
    }
    return {"office": office, "ids": ids}


#: Which object's id each path parameter takes, by the pattern's name (the rest take the name's first part).
PATH_IDS = {
    "ideas:hide_comment": {"pk": "comment"},
    "ideas:attachment": {"pk": "attachment"},
    "governance:goal": {"pk": "goal"},
    "governance:goal_work": {"pk": "goal"},
    "governance:activity_status": {"pk": "activity"},
    "calls:application": {"pk": "application"},
    "calls:edit": {"pk": "application"},
    "calls:autosave": {"pk": "application"},
    "calls:budget_row": {"pk": "application"},
    "calls:withdraw": {"pk": "application"},
    "calls:final_report": {"pk": "application"},
    "calls:manage_application": {"pk": "application"},
    "calls:score": {"pk": "application"},
    "calls:conflict": {"pk": "application"},
    "calls:decide": {"pk": "application"},
    "calls:file": {"pk": "file"},
    "calls:remove_file": {"pk": "file"},
    "calls:remove_juror": {"pk": "call", "user_pk": "juror"},
    "calls:remove_criterion": {"pk": "call", "criterion_pk": "criterion"},
    "calls:remove_category": {"pk": "call", "category_pk": "category"},
}
DEFAULT_IDS = {"ideas": "idea", "governance": "report", "calls": "call"}
API_IDS = {"idea_id": "idea", "unit_id": "unit", "call_id": "call", "application_id": "application"}

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<regex_name>\w+)>[^)]*\)")


def fill(route: str, name: str, ids: dict[str, int], hostile: str | None = None) -> str:
    """The route with real ids in it, or with ``hostile`` in every parameter its converter would accept."""

    def value(match: re.Match) -> str:
        param = match["name"] or match["regex_name"]
        if hostile is not None and (match["converter"] != "int" or hostile.isdigit()):
            return quote(hostile, safe="")
        if param in API_IDS:
            return str(ids[API_IDS[param]])
        if param == "year":
            return str(ids["year"])
        if param == "period":
            return "T1"
        if param == "dataset":
            return "indicators"
        if match["regex_name"]:
            return "abc-def"
        kind = PATH_IDS.get(name, {}).get(param) or DEFAULT_IDS.get(name.split(":")[0], "idea")
        return str(ids[kind])

    return "/" + PARAMETER.sub(value, route).replace("^", "").replace("$", "")


GET_FORM = re.compile(r"<form\b[^>]*\bmethod=\"get\"[^>]*>(.*?)</form>", re.S | re.I)
FIELD_NAME = re.compile(r"<(?:input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"", re.I)


def get_form_fields(html: str) -> set[str]:
    return {name for form in GET_FORM.findall(html) for name in FIELD_NAME.findall(form)}


def clients(people, world) -> dict[str, Client]:
    anonymous, office = Client(), Client()
    office.force_login(world["office"])
    return {"anonymous": anonymous, "office": office}


def problem(client: Client, url: str) -> tuple[str | None, bool]:
    """What is wrong with the answer to a GET of ``url`` (``None``: nothing), and whether it was refused (4xx)."""
    try:
        response = client.get(url)
    except Exception as exc:  # noqa: BLE001 - the test client re-raises what the view raised
        return f"{url}: {type(exc).__name__}: {exc}"[:300], False
    if response.status_code >= 500:
        return f"{url}: {response.status_code}"[:300], False
    api = url.startswith("/api/v1/") and not url.startswith("/api/v1/docs")
    if api and not response["Content-Type"].startswith("application/json"):
        return f"{url}: {response.status_code} {response['Content-Type']}"[:300], False
    return None, 400 <= response.status_code < 500


def test_the_walk_covers_every_pattern_of_the_site(world):
    """Every pattern gets real ids: a new page without an entry here fails, so none escapes the walk."""
    for route, name in url_patterns():
        url = fill(route, name, world["ids"])
        assert "<" not in url and "(?P" not in url, (route, name)


@pytest.mark.parametrize("who", ["anonymous", "office"])
def test_no_page_fails_on_hostile_query_parameters(people, world, who):
    client = clients(people, world)[who]
    problems = []
    for route, name in url_patterns():
        url = fill(route, name, world["ids"])
        first = client.get(url)
        assert first.status_code < 500, (url, first.status_code)
        names = set(READ_BY_HAND)
        if first.get("Content-Type", "").startswith("text/html"):
            names |= get_form_fields(first.content.decode(errors="replace"))
        for hostile in HOSTILE:
            found, refused = problem(client, f"{url}?{urlencode(dict.fromkeys(sorted(names), hostile))}")
            problems.append(found)
            if refused and url.startswith("/api/"):  # the API refuses every bad parameter at once: ask with each alone
                problems.extend(problem(client, f"{url}?{urlencode({name: hostile})}")[0] for name in sorted(names))
    found = [p for p in problems if p]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("who", ["anonymous", "office"])
def test_no_page_fails_on_hostile_ids_in_its_path(people, world, who):
    client = clients(people, world)[who]
    problems = []
    for route, name in url_patterns():
        if "<" not in route and "(?P" not in route:
            continue
        for hostile in HOSTILE:
            problems.append(problem(client, fill(route, name, world["ids"], hostile))[0])
    found = [p for p in problems if p]
    assert not found, "\n".join(found)
