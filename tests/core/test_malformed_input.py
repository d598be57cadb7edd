"""Malformed input gets an answer, never a server error: ids that are not ids, numbers too large for the
database, control characters and hidden changes of text direction; and the API answers JSON whatever happens.

The walk over every page and API address with hostile values is ``tests/test_hostile_input.py``;
these pin down, one by one, what the review found.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from core.validators import CONTROL_MESSAGE, DIRECTION_MESSAGE, LINE_BREAK_MESSAGE
from governance import services as governance_services
from governance.models import Period, Report
from ideas.models import Idea
from organisation.models import ApiToken
from organisation.services import api_token_create
from tests import factories
from tests.ideas.test_views import form_values

TOO_BIG = "9223372036854775808"  # one past the largest signed 64-bit integer


def bearer(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="Rapportsystemet")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


# --- Parameters parsed by hand ---


@pytest.mark.parametrize("unit", ["abc", "-1", TOO_BIG, "\x00", "1.5"])
def test_the_targets_page_takes_a_unit_that_is_not_one_as_none_chosen(client, people, tree, unit):
    client.force_login(people["manager"])
    response = client.get("/governance/targets/", {"unit": unit})
    assert response.status_code == 200
    assert response.context["unit"] == tree["SDF-N"]


@pytest.mark.parametrize("year", ["abc", "99999", "²", "9" * 5000])
def test_the_goals_page_takes_a_year_that_is_not_one_as_this_year(client, people, year):
    client.force_login(people["manager"])
    assert client.get("/governance/goals/", {"year": year}).status_code == 200


@pytest.mark.parametrize("period", ["abc", "-1", TOO_BIG, ""])
def test_starting_a_report_for_a_period_that_is_not_one_answers_404(client, people, tree, period):
    governance_services.reporting_period_open(
        by=people["director"], year=2027, period=Period.T1, deadline=date(2027, 5, 15)
    )
    client.force_login(people["manager"])
    response = client.post("/governance/reports/start/", {"reporting_period": period, "unit": tree["SDF-N"].pk})
    assert response.status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize("revoke", ["abc", "-1", TOO_BIG, ""])
def test_revoking_a_token_that_is_not_one_answers_404(client, people, revoke):
    token, _key = api_token_create(user=people["employee"], name="Rapportsystemet")
    client.force_login(people["employee"])
    response = client.post("/profile/tokens/", {"revoke": revoke})
    assert response.status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


@pytest.mark.parametrize("version", ["abc", "", TOO_BIG, "-1"])
def test_an_idea_edited_with_a_version_that_is_not_one_is_not_saved_and_the_text_is_kept(client, people, version):
    idea = factories.idea(author=people["employee"])
    client.force_login(people["employee"])
    data = form_values(client.get(f"/ideas/{idea.pk}/edit/"))
    data.update(title=["Nytt namn på idén"], version=[version])
    response = client.post(f"/ideas/{idea.pk}/edit/", data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert form_values(response)["title"] == ["Nytt namn på idén"]
    assert Idea.objects.get(pk=idea.pk).title == idea.title


# --- Ids out of range in the API ---


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/applications/?call={TOO_BIG}",
        "/api/v1/applications/?call=-1",
        f"/api/v1/ideas/?unit={TOO_BIG}",
        f"/api/v1/units/?within={TOO_BIG}",
        f"/api/v1/ideas/{TOO_BIG}",
        f"/api/v1/calls/{TOO_BIG}",
        f"/api/v1/applications/{TOO_BIG}",
        f"/api/v1/units/{TOO_BIG}",
    ],
)
def test_an_id_too_large_for_the_database_is_refused_in_the_api(client, people, url):
    response = client.get(url, **bearer(people["office"]))
    assert response.status_code == 422
    assert response.json()["code"] == "invalid"


def test_starting_an_application_to_a_call_id_too_large_is_refused(client, people):
    response = client.post(
        "/api/v1/applications/", {"call_id": int(TOO_BIG)}, content_type="application/json", **bearer(people["office"])
    )
    assert response.status_code == 422
    assert response.json()["field"] == "call_id"


# --- Control characters and hidden direction changes ---


def api_idea(tree, **changes) -> dict:
    return {
        **factories.IDEA_TEXT,
        "kind": "service",
        "values": ["social"],
        "unit_id": tree["SDF-N-ALD-1"].pk,
        **changes,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Nattfasta\x00", CONTROL_MESSAGE),
        ("title", "Faktura\u202efdp.exe", DIRECTION_MESSAGE),
        ("title", "Två\nrader", LINE_BREAK_MESSAGE),
        ("problem", "Köer\x1b[31m", CONTROL_MESSAGE),
        ("proposal", "Inför\x00 lås", CONTROL_MESSAGE),
    ],
)
def test_the_api_refuses_control_characters_naming_the_field(client, people, tree, field, value, message):
    response = client.post(
        "/api/v1/ideas/",
        api_idea(tree, **{field: value}),
        content_type="application/json",
        **bearer(people["employee"]),
    )
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field
    position = next(i for i, ch in enumerate(value) if ch in "\x00\x1b\u202e\n") + 1
    with translation.override("sv"):
        assert body["errors"][0]["message"] == str(message) % {"position": position}
    assert not Idea.objects.exists()


def test_the_api_takes_line_breaks_and_tabs_in_long_texts(client, people, tree):
    data = api_idea(tree, problem="Köerna är långa.\r\n\tSärskilt på måndagar.")
    response = client.post("/api/v1/ideas/", data, content_type="application/json", **bearer(people["employee"]))
    assert response.status_code == 201
    assert Idea.objects.get().problem == data["problem"]


def test_the_api_refuses_a_nul_in_a_decisions_rationale(client, people, tree):
    idea = factories.idea(author=people["employee"])
    response = client.post(
        f"/api/v1/ideas/{idea.pk}/decisions",
        {"to_stage": "prestudy", "rationale": "Bra\x00", "checklist": {"need_clear": True, "owner_named": True}},
        content_type="application/json",
        **bearer(people["office"]),
    )
    assert response.status_code == 422
    assert response.json()["field"] == "rationale"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "Rapport\u202efdp.exe", DIRECTION_MESSAGE),
        ("title", "Nattfasta\x07", CONTROL_MESSAGE),
        ("problem", "Köerna\x00 är långa", CONTROL_MESSAGE),
        ("co_authors", "anna@example.se\u2066", DIRECTION_MESSAGE),
    ],
)
def test_the_idea_form_refuses_control_characters_at_the_field_and_keeps_the_text(
    client, people, tree, field, value, message
):
    client.force_login(people["employee"])
    data = form_values(client.get("/ideas/new/"))
    data.update(
        {
            **{k: [v] for k, v in factories.IDEA_TEXT.items()},
            "kind": ["service"],
            "values": ["social"],
            "unit": [str(tree["SDF-N-ALD-1"].pk)],
            field: [value],
        }
    )
    response = client.post("/ideas/new/", data)
    assert response.status_code == 200
    position = next(i for i, ch in enumerate(value) if ch in "\x00\x07\u202e\u2066") + 1
    with translation.override("sv"):
        expected = str(message) % {"position": position}
    assert expected in response.context["form"].errors[field]
    assert not Idea.objects.exists()


# --- The API answers JSON ---


def test_an_unknown_api_address_answers_404_in_json(client, db):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_method_an_api_address_does_not_take_answers_405_in_json(client, people):
    response = client.delete("/api/v1/ideas/", **bearer(people["employee"]))
    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_an_unforeseen_error_in_the_api_answers_a_json_500_without_the_traceback(client, people, monkeypatch):
    """No real request fails any more, so a list's selector is made to fail: what the caller gets is what matters."""
    import ideas.api

    def broken(**kwargs):
        raise RuntimeError("secret internals: /srv/sprang/ideas/selectors.py line 42")

    monkeypatch.setattr(ideas.api, "idea_list", broken)
    response = Client(raise_request_exception=False).get("/api/v1/ideas/")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error"
    assert "secret" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_the_messages_have_swedish(db):
    for message in (CONTROL_MESSAGE, DIRECTION_MESSAGE, LINE_BREAK_MESSAGE):
        with translation.override("sv"):
            swedish = str(message)
        with translation.override("en"):
            assert swedish != str(message)
