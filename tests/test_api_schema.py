"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis).

Every operation in /api/v1/openapi.json is called with generated valid and invalid data,
once anonymously and once with an innovation office's bearer token, and every built-in
check runs on each response: no server error, only declared status codes, bodies and
headers that match the schema, invalid data refused with a 4xx, valid data accepted,
endpoints that need credentials refusing a request without them, and so on.

One check is told a fact of the domain: a request that matches the schema may still break
a rule the schema cannot express (an unknown unit, a committee as the unit, a public idea
without consent, a gate the lock does not have). Such a request is refused with 400 and the
field at fault, so 400 counts as an answer to valid data; a 422 there would still fail.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings

from calls import services as call_services
from config.wsgi import application
from ideas.lock import Stage
from ideas.models import Visibility
from organisation.services import api_token_create
from tests import factories

MAX_EXAMPLES = 30
OPEN_DATA = "/api/v1/opendata/"
#: Published calls, like open data, are read without credentials.
PUBLIC_CALLS = ("/api/v1/calls/", "/api/v1/calls/{call_id}")
#: The feed of public good examples, like open data, checks no credentials.
PUBLIC_FEEDS = ("/api/v1/examples/feed.json",)


def config(*, coverage: bool) -> schemathesis.Config:
    return schemathesis.Config.from_dict(
        {
            "seed": 20260101,
            "suppress-health-check": ["too_slow", "data_too_large", "filter_too_much"],
            "generation": {"max-examples": MAX_EXAMPLES},
            "phases": {"coverage": {"enabled": coverage}},
            "checks": {
                "positive_data_acceptance": {
                    "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"],
                },
            },
        }
    )


# Building the schema reads no data, so it is loaded while the tests are collected. The
# coverage phase (every boundary value and unexpected method the schema implies) runs
# once, with the token that gets past authentication; anonymous calls are fuzzed only.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config(coverage=True))
fuzzed_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config(coverage=False))

# The data persists across a test's examples (one transaction), which is what we want here. No example
# database: every run starts from the seed alone and writes nothing to the working tree.
SHARED_DATA = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, database=None)


@pytest.fixture(autouse=True)
def keep_the_test_transaction():
    """Call the WSGI application as Django's test client does: the end of a request must not close
    the connection that holds the test's transaction (on PostgreSQL that would end the test's data)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(people, tree):
    """Ideas of both visibilities and a few stages, and an open call with applications, so that generated ids
    sometimes find one."""
    employee, office = people["employee"], people["office"]
    internal = factories.idea(author=employee, title="Nattfasta på Björken")
    public = factories.idea(author=employee, title="Gemensam lunch med förskolan", visibility=Visibility.PUBLIC)
    factories.move(public, by=office, to=Stage.PRESTUDY)
    factories.idea(author=people["resident"], title="Fler bänkar vid entrén")
    factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], visibility=Visibility.PUBLIC)
    now = timezone.now()
    call = call_services.call_create(
        by=people["director"],
        programme="open_data_award",
        title="Öppna data-priset",
        summary="Nominera en tjänst byggd på öppna data.",
        description="",
        year=now.year,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=30),
    )
    call_services.criterion_add(call=call, by=people["director"], name="Nytta")
    call_services.call_publish(call=call, by=people["director"])
    for applicant in (office, employee):
        call_services.application_start(call=call, applicant=applicant)
    return {"internal": internal, "public": public, "call": call}


@pytest.fixture
def office_token(people):
    _token, key = api_token_create(user=people["office"], name="Schematestet")
    return key


def test_schema_covers_every_operation():
    operations = {(op.method.upper(), op.path) for op in (r.ok() for r in schema.get_all_operations())}
    assert operations == {
        ("GET", "/api/v1/ideas/"),
        ("POST", "/api/v1/ideas/"),
        ("GET", "/api/v1/ideas/{idea_id}"),
        ("POST", "/api/v1/ideas/{idea_id}/decisions"),
        ("GET", "/api/v1/units/"),
        ("GET", "/api/v1/units/{unit_id}"),
        ("GET", "/api/v1/opendata/datasets"),
        ("GET", "/api/v1/opendata/indicators"),
        ("GET", "/api/v1/opendata/ideas"),
        ("GET", "/api/v1/adoptions/"),
        ("POST", "/api/v1/adoptions/"),
        ("GET", "/api/v1/adoptions/{adoption_id}"),
        ("POST", "/api/v1/adoptions/{adoption_id}/steps"),
        ("GET", "/api/v1/calls/"),
        ("GET", "/api/v1/calls/{call_id}"),
        ("GET", "/api/v1/applications/"),
        ("POST", "/api/v1/applications/"),
        ("GET", "/api/v1/applications/{application_id}"),
        ("GET", "/api/v1/events/"),
        ("GET", "/api/v1/events/{event_id}"),
        ("GET", "/api/v1/needs/"),
        ("GET", "/api/v1/needs/{need_id}"),
        ("GET", "/api/v1/examples/"),
        ("GET", "/api/v1/examples/feed.json"),
        ("GET", "/api/v1/examples/{example_id}"),
        ("GET", "/api/v1/openlab/assignments"),
        ("GET", "/api/v1/openlab/assignments/{assignment_id}"),
        ("GET", "/api/v1/challenges/"),
        ("GET", "/api/v1/challenges/{challenge_id}"),
        ("POST", "/api/v1/challenges/{challenge_id}/answers"),
        ("GET", "/api/v1/procurement/cases"),
        ("GET", "/api/v1/procurement/cases/{case_id}"),
        ("GET", "/api/v1/procurement/cases/{case_id}/questions"),
        ("POST", "/api/v1/procurement/cases/{case_id}/questions"),
        ("GET", "/api/v1/procurement/cases/{case_id}/response"),
        ("PUT", "/api/v1/procurement/cases/{case_id}/response"),
        ("GET", "/api/v1/procurement/contracts"),
        ("GET", "/api/v1/procurement/proposals"),
        ("POST", "/api/v1/procurement/proposals"),
        ("GET", "/api/v1/procurement/proposals/{proposal_id}"),
        ("GET", "/api/v1/surveys/rounds"),
        ("GET", "/api/v1/surveys/rounds/{round_id}/results"),
        ("GET", "/api/v1/surveys/employee-survey"),
        ("GET", "/api/v1/surveys/employee-survey/{year}/results"),
        ("GET", "/api/v1/courses/"),
        ("GET", "/api/v1/courses/{course_id}"),
        ("GET", "/api/v1/learning/me"),
        ("GET", "/api/v1/learning/people/{person_id}/record"),
        ("POST", "/api/v1/learning/completions"),
    }


@fuzzed_schema.parametrize()
@SHARED_DATA
def test_api_anonymously(case, api_data):
    case.call_and_validate()


@schema.parametrize()
@SHARED_DATA
def test_api_as_innovation_office(case, api_data, office_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {office_token}"})


# --- What the run found, each pinned down on its own ---


def declared(path: str, method: str) -> set[str]:
    return set(schema.raw_schema["paths"][path][method]["responses"])


def test_every_operation_declares_refused_credentials_and_invalid_input():
    for path, operations in schema.raw_schema["paths"].items():
        for method in operations:
            assert "422" in declared(path, method), (method, path)
            # Open data, published calls and the feed of public examples check no credentials, so never refuse them.
            if not path.startswith(OPEN_DATA) and path not in PUBLIC_CALLS + PUBLIC_FEEDS:
                assert "401" in declared(path, method), (method, path)


def test_open_data_and_published_calls_ask_for_no_credentials():
    paths = schema.raw_schema["paths"]
    open_data = [path for path in paths if path.startswith(OPEN_DATA)]
    assert open_data
    for path in [*open_data, *PUBLIC_CALLS, *PUBLIC_FEEDS]:
        assert "security" not in paths[path]["get"], path
    assert {} not in paths["/api/v1/applications/"]["get"]["security"]


def test_endpoints_anyone_may_read_say_so_in_the_schema():
    paths = schema.raw_schema["paths"]
    for path in ("/api/v1/ideas/", "/api/v1/ideas/{idea_id}", "/api/v1/units/", "/api/v1/units/{unit_id}"):
        assert {} in paths[path]["get"]["security"], path
    assert {} not in paths["/api/v1/ideas/"]["post"]["security"]


@pytest.mark.parametrize(
    "path", ["/api/v1/ideas/", "/api/v1/units/", "/api/v1/opendata/ideas", "/api/v1/calls/", "/api/v1/examples/"]
)
@pytest.mark.parametrize("query", ["offset=1310974522291511181145091866624", "limit=101", "limit=10000000000"])
def test_lists_refuse_an_offset_or_limit_out_of_range(client, db, path, query):
    """A huge offset overflowed the database's integers (500); an unbounded limit listed everything."""
    response = client.get(f"{path}?{query}")
    assert response.status_code == 422
    assert response.json()["field"] in ("offset", "limit")


def test_unknown_ids_answer_with_the_error_body(client, db):
    for path in ("/api/v1/ideas/987654", "/api/v1/units/987654", "/api/v1/calls/987654"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_a_body_that_is_not_json_gets_the_error_body(client, people, office_token):
    response = client.post(
        "/api/v1/ideas/", "{not json", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {office_token}"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"detail", "code"}


def test_a_session_without_the_csrf_token_gets_the_error_body(people):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people["office"])
    response = client.post("/api/v1/ideas/", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def _strings(node, where: str, schemas: dict):
    """Every string schema under ``node`` (following references), with where it is."""
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            yield from _strings(schemas[name], f"{where}→{name}", schemas)
            return
        if node.get("type") == "string" and "enum" not in node and "format" not in node:
            yield where, node
        nested = ("properties", "items", "anyOf", "allOf", "oneOf", "additionalProperties")
        for key, value in node.items():
            if key in nested or (isinstance(value, (dict, list)) and where.endswith(".properties")):
                yield from _strings(value, f"{where}.{key}", schemas)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item, where, schemas)


def test_every_text_a_request_sends_has_a_limit_and_refuses_control_characters():
    """A request's free text is bounded (maxLength) and says which characters it refuses (pattern), in the query
    and the body alike; the API checks both (tests/core/test_malformed_input.py, test_request_limits.py)."""
    schemas = schema.raw_schema["components"]["schemas"]
    found = []
    for path, operations in schema.raw_schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                found += _strings(parameter["schema"], f"{method} {path} {parameter['name']}", schemas)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
            if body:
                found += _strings(body, f"{method} {path} body", schemas)
    assert len(found) > 10
    unbounded = [where for where, node in found if "maxLength" not in node or "pattern" not in node]
    assert unbounded == []


def test_every_id_a_request_sends_fits_the_database():
    paths = schema.raw_schema["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["name"].endswith("_id") or parameter["name"] in ("unit", "call", "within"):
                    options = parameter["schema"].get("anyOf", [parameter["schema"]])
                    integer = next(o for o in options if o.get("type") == "integer")
                    assert integer["maximum"] == 2**63 - 1, (method, path, parameter["name"])
                    assert integer["minimum"] == 1, (method, path, parameter["name"])
