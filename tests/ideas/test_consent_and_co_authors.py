"""Publishing needs the author's consent; co-authors are named by email."""

import itertools
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import DomainError
from ideas import services
from ideas.models import Idea, Visibility
from organisation.services import api_token_create
from tests import factories
from tests.ideas.test_views import idea_form_data, sv


def test_a_public_idea_needs_consent(people):
    with pytest.raises(DomainError) as excinfo:
        factories.idea(author=people["employee"], visibility=Visibility.PUBLIC, public_consent=False)
    assert excinfo.value.field == "public_consent"
    assert not Idea.objects.exists()
    idea = factories.idea(author=people["employee"], visibility=Visibility.PUBLIC, public_consent=True)
    assert idea.public_consent_at is not None


def test_making_an_idea_public_later_needs_consent(people):
    idea = factories.idea(author=people["employee"])
    with pytest.raises(DomainError) as excinfo:
        services.idea_update(idea=idea, by=people["employee"], expected_version=idea.version, visibility="public")
    assert excinfo.value.field == "public_consent"
    services.idea_update(
        idea=idea, by=people["employee"], expected_version=idea.version, visibility="public", public_consent=True
    )
    idea.refresh_from_db()
    assert idea.visibility == Visibility.PUBLIC and idea.public_consent_at is not None


def test_form_refuses_public_without_consent_and_keeps_the_text(client, people, tree):
    client.force_login(people["employee"])
    data = idea_form_data(tree["SDF-N-ALD-1"])
    data.pop("public_consent")
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="#id_public_consent"' in body
    assert "Cykelpool för hemtjänsten" in body
    assert not Idea.objects.exists()


def test_form_names_co_authors_by_email(client, people, tree):
    client.force_login(people["employee"])
    data = idea_form_data(tree["SDF-N-ALD-1"], co_authors="okand@example.se")
    response = client.post("/ideas/new/", data)
    assert "okand@example.se" in response.content.decode()
    assert not Idea.objects.exists()
    data["co_authors"] = f"{people['colleague'].email}, {people['supplier'].email.upper()}"
    response = client.post("/ideas/new/", data)
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert set(idea.co_authors.all()) == {people["colleague"], people["supplier"]}
    assert people["colleague"].has_perm("ideas.edit_idea", idea)


def test_api_names_unknown_co_authors(client, people, tree):
    _token, key = api_token_create(user=people["employee"], name="test")
    payload = {
        "title": "Samåkning till jobbet",
        "problem": "Många kör ensamma.",
        "audience": "Medarbetare.",
        "proposal": "En samåkningstjänst.",
        "expected_value": "Färre bilar.",
        "kind": "service",
        "values": ["environmental"],
        "unit_id": tree["SDF-N-ALD-1"].pk,
        "co_authors": ["ingen@example.se"],
    }
    response = client.post(
        "/api/v1/ideas/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "co_authors"
    payload["visibility"] = "public"
    payload["co_authors"] = []
    response = client.post(
        "/api/v1/ideas/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
    )
    assert response.status_code == 400
    assert response.json()["field"] == "public_consent"


# --- Naming a co-author tells nobody whether an address has an account ---

UNKNOWN = "ingen.alls@example.se"
ADDRESS = "THE-ADDRESS"


@pytest.fixture
def addresses(people):
    """An address with no account, one of an account in use, one closed and one never confirmed."""
    from allauth.account.models import EmailAddress

    from organisation.models import User

    closed = factories.person(name="Stängd Person")
    User.objects.filter(pk=closed.pk).update(is_active=False)
    unconfirmed = factories.person(kind="resident", name="Obekräftad Invånare")
    EmailAddress.objects.filter(user=unconfirmed).update(verified=False)
    return {
        "unknown": UNKNOWN,
        "known": people["colleague"].email,
        "closed": closed.email,
        "unconfirmed": unconfirmed.email,
    }


def _web_errors(response, address: str) -> tuple[int, str]:
    """What the page says is wrong (the error summary and the messages at the fields), the address left out."""
    html = response.content.decode()
    summary = re.findall(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    at_fields = re.findall(r'<p id="id_[a-z_]+-error" class="govuk-error-message">.*?</p>', html, re.S)
    return response.status_code, "\n".join(summary + at_fields).replace(address, ADDRESS)


def _bad_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("program.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", content_type="application/pdf")


#: Other input that is wrong, in every form it can be wrong in the web form.
WEB_INVALID = {
    "title": lambda data, tree: data.update(title=""),
    "values": lambda data, tree: data.pop("values"),
    "unit": lambda data, tree: data.update(unit=str(tree["SDN-N"].pk)),
    "consent": lambda data, tree: data.pop("public_consent"),
    "attachment": lambda data, tree: data.update(attachments=_bad_file()),
}
COMBINATIONS = [
    pytest.param(combo, id="+".join(combo) or "all-else-valid")
    for n in range(len(WEB_INVALID) + 1)
    for combo in itertools.combinations(WEB_INVALID, n)
]


@pytest.mark.parametrize("invalid", COMBINATIONS)
def test_the_web_form_answers_the_same_for_an_unknown_and_a_known_address(client, people, tree, addresses, invalid):
    client.force_login(people["employee"])

    def submit(address: str):
        data = idea_form_data(tree["SDF-N-ALD-1"], co_authors=address)
        for name in invalid:
            WEB_INVALID[name](data, tree)
        return client.post("/ideas/new/", data)

    answers = {kind: submit(address) for kind, address in addresses.items() if kind != "known" or invalid}
    assert not Idea.objects.exists()
    seen = {kind: _web_errors(response, addresses[kind]) for kind, response in answers.items()}
    assert len(set(seen.values())) == 1, seen
    status, errors = seen["unknown"]
    assert status == 200 and errors
    if not invalid:
        # Everything else is valid: one neutral answer for no account, a closed one and an unconfirmed one.
        assert 'href="#id_co_authors"' in errors
        assert (
            sv(
                "We could not add %(emails)s as co-author: ask them to sign in to Språng once and try again.",
                emails=ADDRESS,
            )
            in errors
        )
        assert submit(addresses["known"]).status_code == 302
        assert list(Idea.objects.get().co_authors.all()) == [people["colleague"]]


API_INVALID = {
    "no_unit": lambda data, tree: data.update(unit_id=999_999),
    "committee": lambda data, tree: data.update(unit_id=tree["SDN-N"].pk),
    "consent": lambda data, tree: data.update(visibility="public", public_consent=False),
    "title": lambda data, tree: data.update(title=""),
    "kind": lambda data, tree: data.update(kind="magic"),
}
API_COMBINATIONS = [
    pytest.param(combo, id="+".join(combo) or "all-else-valid")
    for n in range(len(API_INVALID) + 1)
    for combo in itertools.combinations(API_INVALID, n)
]


def _api_payload(tree, address: str) -> dict:
    return {
        "title": "Samåkning till jobbet",
        "problem": "Många kör ensamma.",
        "audience": "Medarbetare.",
        "proposal": "En samåkningstjänst.",
        "expected_value": "Färre bilar.",
        "kind": "service",
        "values": ["environmental"],
        "unit_id": tree["SDF-N-ALD-1"].pk,
        "co_authors": [address],
    }


@pytest.mark.parametrize("invalid", API_COMBINATIONS)
def test_the_api_answers_the_same_for_an_unknown_and_a_known_address(client, people, tree, addresses, invalid):
    _token, key = api_token_create(user=people["employee"], name="test")

    def submit(address: str):
        payload = _api_payload(tree, address)
        for name in invalid:
            API_INVALID[name](payload, tree)
        return client.post(
            "/api/v1/ideas/", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )

    answers = {kind: submit(address) for kind, address in addresses.items() if kind != "known" or invalid}
    assert not Idea.objects.exists()
    seen = {
        kind: (response.status_code, response.content.decode().replace(addresses[kind], ADDRESS))
        for kind, response in answers.items()
    }
    assert len(set(seen.values())) == 1, seen
    status, body = seen["unknown"]
    assert status in (400, 422)
    if not invalid:
        assert json.loads(body)["field"] == "co_authors"
        assert submit(addresses["known"]).status_code == 201


@pytest.mark.parametrize("who", ("resident", "supplier"))
def test_only_city_staff_name_co_authors_and_nobody_else_learns_who_has_an_account(
    client, people, tree, addresses, who
):
    _token, key = api_token_create(user=people[who], name="test")
    bodies = set()
    for address in addresses.values():
        response = client.post(
            "/api/v1/ideas/",
            _api_payload(tree, address),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        assert response.status_code == 400 and response.json()["field"] == "co_authors"
        bodies.add(response.content.decode())
    assert len(bodies) == 1
    assert not Idea.objects.exists()


@pytest.mark.parametrize("invalid", [("title",), ("version",), ("title", "version")], ids="+".join)
def test_editing_answers_the_same_for_an_unknown_and_a_known_address(client, people, tree, addresses, invalid):
    idea = factories.idea(author=people["employee"])
    client.force_login(people["office"])

    def submit(address: str):
        data = idea_form_data(tree["SDF-N-ALD-1"], co_authors=address, version=str(idea.version), visibility="internal")
        if "title" in invalid:
            data["title"] = ""
        if "version" in invalid:
            data["version"] = str(idea.version - 1)
        response = client.post(f"/ideas/{idea.pk}/edit/", data)
        messages = [str(m) for m in response.wsgi_request._messages] if response.status_code == 302 else []
        return response, messages

    seen = set()
    for address in addresses.values():
        response, messages = submit(address)
        status, errors = _web_errors(response, address)
        seen.add((status, errors, response.get("Location", ""), tuple(messages)))
    assert len(seen) == 1, seen
    assert not idea.co_authors.exists()
