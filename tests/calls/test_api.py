"""The calls API: public calls, one's own applications, the office's view, recusals and blind review."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from calls import services
from calls.models import Application, Programme, Status
from organisation.services import api_token_create
from tests.calls.conftest import CLOSES, DURING, OPENS

API = "/api/v1"


def token_for(user) -> dict[str, str]:
    _token, key = api_token_create(user=user, name="Ansökningssystemet")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def titles(response) -> set[str]:
    return {item["title"] for item in response.json()["items"]}


@pytest.fixture
def open_call(people):
    """A call open now, closing in three weeks."""
    now = timezone.now()
    call = services.call_create(
        by=people["director"],
        programme=Programme.OPEN_DATA_AWARD,
        title="Öppna data-priset",
        summary="För den som gör mest nytta med stadens öppna data.",
        description="Nominera en tjänst som bygger på öppna data.",
        year=now.year,
        opens_at=now - timedelta(days=7),
        closes_at=now + timedelta(days=21),
    )
    services.criterion_add(call=call, by=people["director"], name="Nytta")
    return services.call_publish(call=call, by=people["director"])


@pytest.fixture
def unpublished(people):
    return services.call_create(
        by=people["director"],
        programme=Programme.RENEWAL_PRIZE,
        title="Förnyelsepriset (utkast)",
        summary="Ännu inte publicerad.",
        description="",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
    )


# --- calls: public ---


def test_published_calls_are_listed_without_sign_in(client, fund, stipend, open_call, unpublished):
    response = client.get(f"{API}/calls/")
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert titles(response) == {"Innovationsfonden 2026", "Innovationsstipendiet 2026", "Öppna data-priset"}
    item = next(i for i in response.json()["items"] if i["id"] == fund.pk)
    assert item["programme"] == "fund"
    assert item["budget"] == 2_000_000
    assert item["is_open"] is False
    assert item["url"] == f"/calls/{fund.pk}/"
    # A token is neither needed nor checked.
    assert client.get(f"{API}/calls/", HTTP_AUTHORIZATION="Bearer ingen-nyckel").status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("open=true", {"Öppna data-priset"}),
        ("open=false", {"Innovationsfonden 2026", "Innovationsstipendiet 2026"}),
        ("programme=stipend", {"Innovationsstipendiet 2026"}),
        ("year=2026&programme=fund", {"Innovationsfonden 2026"}),
        ("year=2025", set()),
    ],
)
def test_calls_filters(client, fund, stipend, open_call, query, expected):
    response = client.get(f"{API}/calls/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_calls_come_in_pages(client, fund, stipend, open_call):
    response = client.get(f"{API}/calls/?limit=2&offset=2")
    assert response.json()["count"] == 3
    assert len(response.json()["items"]) == 1
    assert client.get(f"{API}/calls/?limit=101").status_code == 422


def test_one_call_with_its_rubric_and_an_unpublished_one_is_not_found(client, fund, unpublished):
    response = client.get(f"{API}/calls/{fund.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [(c["name"], c["weight"]) for c in body["criteria"]] == [
        ("Nytta för stockholmarna", 2.0),
        ("Genomförbarhet", 1.0),
    ]
    assert body["categories"] == []
    for pk in (unpublished.pk, 987654):
        missing = client.get(f"{API}/calls/{pk}")
        assert missing.status_code == 404
        assert missing.json()["code"] == "not_found"


# --- applications: who sees which ---


def test_applications_need_sign_in(client, fund_application):
    assert client.get(f"{API}/applications/").status_code == 401
    assert client.get(f"{API}/applications/{fund_application.pk}").status_code == 401
    assert client.post(f"{API}/applications/", {"call_id": 1}, content_type="application/json").status_code == 401


def test_people_list_their_own_applications_only(client, people, fund_application, resident_stipend_draft):
    employee = client.get(f"{API}/applications/", **token_for(people["employee"]))
    assert employee.status_code == 200
    assert titles(employee) == {"Pilot med digitala lås"}
    item = employee.json()["items"][0]
    assert item["status"] == "submitted"
    assert item["applicant_name"] == "Anna Anställd"
    assert item["requested_amount"] == 150_000
    assert [line["amount"] for line in item["budget"]] == [120_000, 30_000]
    resident = client.get(f"{API}/applications/", **token_for(people["resident"]))
    assert titles(resident) == {"Cykelkök för grannar"}
    assert resident.json()["items"][0]["status"] == "draft"
    # An innovation office of one administration is not the programme office.
    assert client.get(f"{API}/applications/", **token_for(people["office"])).json()["count"] == 0
    assert (
        client.get(f"{API}/applications/{resident_stipend_draft.pk}", **token_for(people["employee"])).status_code
        == 404
    )


def test_the_programme_office_sees_every_application_past_its_draft(
    client, people, fund, stipend, fund_application, resident_stipend_draft
):
    headers = token_for(people["director"])
    response = client.get(f"{API}/applications/", **headers)
    assert titles(response) == {"Pilot med digitala lås"}  # the resident's draft stays the resident's own
    assert titles(client.get(f"{API}/applications/?call={fund.pk}&status=submitted", **headers)) == {
        "Pilot med digitala lås"
    }
    assert client.get(f"{API}/applications/?call={stipend.pk}", **headers).json()["count"] == 0
    assert client.get(f"{API}/applications/?status=granted", **headers).json()["count"] == 0
    assert (
        client.get(f"{API}/applications/{fund_application.pk}", **headers).json()["applicant_name"] == "Anna Anställd"
    )


def test_a_recused_juror_gets_404_never_403(client, people, jurors, fund_application):
    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    services.assignment_add(application=fund_application, juror=jurors["expert"], by=people["director"])
    url = f"{API}/applications/{fund_application.pk}"
    expert = token_for(jurors["expert"])
    assert client.get(url, **expert).status_code == 200
    services.conflict_declare(application=fund_application, juror=jurors["expert"], reason="Min svåger leder det.")
    refused = client.get(url, **expert)
    unknown = client.get(f"{API}/applications/987654", **expert)
    assert refused.status_code == unknown.status_code == 404
    assert refused.json() == unknown.json()
    # A juror from the applicant's own organisation, and a stranger, see nothing either.
    assert client.get(url, **token_for(jurors["north"])).status_code == 404
    assert client.get(url, **token_for(people["colleague"])).status_code == 404


def test_blind_review_hides_who_applied_from_the_jury(client, people, jurors, tree):
    # The quality award's entries are registered through the committee: here by Norra's manager.
    director, employee = people["director"], people["manager"]
    call = services.call_create(
        by=director,
        programme=Programme.QUALITY_AWARD,
        title="Kvalitetsutmärkelsen 2026",
        summary="För verksamheter som utvecklar kvaliteten.",
        description="Anmäl din verksamhet.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
        blind_review=True,
    )
    services.criterion_add(call=call, by=director, name="Resultat")
    services.call_publish(call=call, by=director)
    services.juror_add(call=call, by=director, user=jurors["expert"])
    application = services.application_start(call=call, applicant=employee, now=DURING)
    application = services.application_save(
        application=application,
        by=employee,
        expected_version=application.version,
        title="Björkens måltider",
        summary="Måltiden som höjdpunkt.",
        description="Vi har arbetat om hela måltidsflödet.",
        unit=tree["SDF-N-ALD-1"],
        staff_count=40,
        has_budget_responsibility=True,
    )
    services.application_submit(application=application, by=employee, expected_version=application.version, now=DURING)
    services.application_screen(application=application, by=director, eligible=True)
    services.assignment_add(application=application, juror=jurors["expert"], by=director)

    url = f"{API}/applications/{application.pk}"
    as_juror = client.get(url, **token_for(jurors["expert"])).json()
    assert as_juror["title"] == "Björkens måltider"
    assert (as_juror["applicant_name"], as_juror["unit_id"], as_juror["unit_name"]) == (None, None, None)
    for reader in (employee, director):
        body = client.get(url, **token_for(reader)).json()
        assert body["applicant_name"] == "Maria Chef"
        assert body["unit_name"] == "Björkens äldreboende"


# --- starting an application ---


def test_a_draft_is_started_for_an_open_call(client, people, open_call):
    response = client.post(
        f"{API}/applications/",
        {"call_id": open_call.pk},
        content_type="application/json",
        **token_for(people["resident"]),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert body["call_id"] == open_call.pk
    application = Application.objects.get(pk=body["id"])
    assert (application.applicant, application.status) == (people["resident"], Status.DRAFT)
    assert body["url"] == f"/calls/applications/{application.pk}/"


def test_starting_again_through_the_api_gives_the_same_draft_with_200(client, people, open_call):
    headers = token_for(people["resident"])
    first = client.post(f"{API}/applications/", {"call_id": open_call.pk}, content_type="application/json", **headers)
    again = client.post(f"{API}/applications/", {"call_id": open_call.pk}, content_type="application/json", **headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Application.objects.filter(call=open_call, applicant=people["resident"]).count() == 1


def test_the_web_and_the_api_share_one_draft(client, people, open_call):
    resident = people["resident"]
    client.force_login(resident)
    started = client.post(f"/calls/{open_call.pk}/apply/")
    draft = Application.objects.get(call=open_call, applicant=resident)
    assert started["Location"] == f"/calls/applications/{draft.pk}/edit/"
    response = client.post(
        f"{API}/applications/", {"call_id": open_call.pk}, content_type="application/json", **token_for(resident)
    )
    assert response.status_code == 200
    assert response.json()["id"] == draft.pk
    assert client.post(f"/calls/{open_call.pk}/apply/")["Location"] == f"/calls/applications/{draft.pk}/edit/"
    assert Application.objects.filter(call=open_call, applicant=resident).count() == 1


def test_a_draft_started_in_the_api_is_the_one_the_web_opens(client, people, open_call):
    resident = people["resident"]
    response = client.post(
        f"{API}/applications/", {"call_id": open_call.pk}, content_type="application/json", **token_for(resident)
    )
    assert response.status_code == 201
    client.force_login(resident)
    opened = client.post(f"/calls/{open_call.pk}/apply/")
    assert opened["Location"] == f"/calls/applications/{response.json()['id']}/edit/"
    assert Application.objects.filter(call=open_call, applicant=resident).count() == 1


def test_the_schema_documents_both_answers_to_starting(client, db):
    responses = client.get(f"{API}/openapi.json").json()["paths"]["/api/v1/applications/"]["post"]["responses"]
    assert {"200", "201"} <= set(responses)


def test_after_the_deadline_no_draft_is_started_and_the_answer_says_why(client, people, fund):
    response = client.post(
        f"{API}/applications/", {"call_id": fund.pk}, content_type="application/json", **token_for(people["employee"])
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "closed"
    assert body["field"] == "call_id"
    assert "30 april 2026 23:59" in body["detail"].lower()  # the deadline, in the language of the request
    assert not Application.objects.filter(call=fund).exists()


def test_an_unpublished_or_unknown_call_takes_no_applications(client, people, unpublished):
    headers = token_for(people["employee"])
    for pk in (unpublished.pk, 987654):
        response = client.post(f"{API}/applications/", {"call_id": pk}, content_type="application/json", **headers)
        assert response.status_code == 400
        assert response.json()["field"] == "call_id"
    assert not Application.objects.exists()


def test_decided_applications_carry_the_decision(client, people, jurors, fund_application):
    services.application_screen(application=fund_application, by=people["director"], eligible=True)
    services.assignment_add(application=fund_application, juror=jurors["expert"], by=people["director"])
    services.decision_record(
        application=fund_application,
        by=jurors["chair"],
        granted=True,
        justification="Tydlig nytta.",
        amount=Decimal(100_000),
    )
    body = client.get(f"{API}/applications/{fund_application.pk}", **token_for(people["employee"])).json()
    assert body["status"] == "granted"
    assert body["granted_amount"] == 100_000
    assert body["decision"]["justification"] == "Tydlig nytta."
    assert body["decision"]["amount"] == 100_000
