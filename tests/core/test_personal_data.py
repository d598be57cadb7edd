"""A person's own data (the right of access): every app's part, every model that holds a person's data."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from calls import services as calls
from calls.models import Programme
from core.personal_data_registry import covered_models
from governance import services as governance
from governance.models import Period
from ideas.lock import Stage
from organisation.services import api_token_create
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")
OPENS, CLOSES = datetime(2026, 3, 1, 9, tzinfo=STHLM), datetime(2026, 4, 30, 23, 59, tzinfo=STHLM)
DURING = datetime(2026, 4, 1, 12, tzinfo=STHLM)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

#: Models holding a person's data without a key to the person: reached through the application or the juror's work.
ALSO_PERSONAL = {"calls.Score", "calls.BudgetLine", "calls.ApplicationFile"}


def test_every_model_that_holds_a_persons_data_is_in_some_apps_export():
    user_model = get_user_model()
    personal = {user_model._meta.label}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # the reverse side of a key
            if getattr(field, "related_model", None) is user_model:
                personal.add(model._meta.label)
    personal |= ALSO_PERSONAL
    covered = {model._meta.label for model in covered_models()}
    assert personal - covered == set(), "add these to an app's personal_data.py"


def call(by, programme, title, **rules):
    created = calls.call_create(
        by=by,
        programme=programme,
        title=title,
        summary="Sammanfattning.",
        description="Beskrivning.",
        year=2026,
        opens_at=OPENS,
        closes_at=CLOSES,
        **rules,
    )
    calls.criterion_add(call=created, by=by, name="Nytta")
    return calls.call_publish(call=created, by=by)


@pytest.fixture
def everything(people, settings, tmp_path):
    """Sofia, innovation office in Södra, did everything: decided a gate, applied for the stipend with a file,
    sat on the fund's jury, scored, declared a conflict, set a goal, created an API token."""
    settings.MEDIA_ROOT = tmp_path
    sofia, director = people["other_office"], people["director"]
    idea = factories.idea(author=people["colleague"], title="Läxhjälp på nätet")
    factories.move(idea, by=sofia, to=Stage.PRESTUDY)
    stipend = call(director, Programme.STIPEND, "Stipendiet", min_age=18)
    mine = calls.application_start(call=stipend, applicant=sofia, now=DURING)
    mine = calls.application_save(
        application=mine,
        by=sofia,
        expected_version=mine.version,
        title="Mitt stipendium",
        birth_date=date(1988, 2, 29),
        residence="works",
        city_employment_ended_on=date(2025, 1, 31),
    )
    calls.application_file_add(application=mine, by=sofia, upload=SimpleUploadedFile("cv.pdf", PDF, "application/pdf"))
    fund = call(director, Programme.FUND, "Fonden")
    calls.juror_add(call=fund, by=director, user=sofia)
    pilot = factories.idea(author=people["employee"], title="Digitala lås")
    factories.move(pilot, by=people["office"], to=Stage.PRESTUDY)
    theirs = calls.application_start(call=fund, applicant=people["employee"], now=DURING)
    theirs = calls.application_save(
        application=theirs,
        by=people["employee"],
        expected_version=theirs.version,
        title="Pilot",
        summary="Pilot.",
        description="Pilot.",
        idea=pilot,
        requested_amount=Decimal(1000),
        budget_lines=[("Lås", Decimal(1000))],
    )
    calls.application_submit(application=theirs, by=people["employee"], expected_version=theirs.version, now=DURING)
    calls.application_screen(application=theirs, by=director, eligible=True)
    assignment = calls.assignment_add(application=theirs, juror=sofia, by=director)
    [criterion] = fund.criteria.all()
    calls.scores_save(
        application=theirs,
        juror=sofia,
        expected_version=assignment.version,
        scores={criterion.pk: (4, "Tydlig plan.")},
        submit=True,
    )
    other = calls.application_start(call=fund, applicant=people["colleague"], now=DURING)
    calls.conflict_declare(application=other, juror=sofia, reason="Min kollega.")
    api_token_create(user=sofia, name="Rapportsystemet")
    governance.indicators_sync()
    period = governance.reporting_period_open(by=director, year=2026, period=Period.T1)
    return {"sofia": sofia, "idea": idea, "mine": mine, "theirs": theirs, "other": other, "period": period}


def test_the_export_of_a_person_who_did_everything_has_each_of_it(client, everything):
    sofia = everything["sofia"]
    client.force_login(sofia)
    data = json.loads(client.get("/profile/data.json").content)
    [application] = data["applications"]
    assert application["title"] == "Mitt stipendium"
    assert (application["birth_date"], application["residence"], application["city_employment_ended_on"]) == (
        "1988-02-29",
        "works",
        "2025-01-31",
    )
    assert [f["file_name"] for f in application["files"]] == ["cv.pdf"]
    assert [(s["call"], s["chair"]) for s in data["jury_seats"]] == [("Fonden", False)]
    [work] = data["scores"]
    assert work["application"] == everything["theirs"].pk and work["submitted"] is not None
    assert work["scores"] == [{"criterion": "Nytta", "score": 4, "comment": "Tydlig plan."}]
    assert data["conflict_declarations"] == [
        {
            "application": everything["other"].pk,
            "reason": "Min kollega.",
            "declared": data["conflict_declarations"][0]["declared"],
        }
    ]
    [decision] = data["gate_decisions"]
    assert (decision["idea"], decision["from"], decision["to"]) == (everything["idea"].pk, Stage.IDEA, Stage.PRESTUDY)
    [token] = data["api_tokens"]
    assert token["name"] == "Rapportsystemet" and token["revoked"] is None
    body = json.dumps(data)
    stored = sofia.api_tokens.get()
    assert stored.key_hash not in body and stored.prefix not in body
    # What she did, summarised from the audit log.
    done = {(row["record"], row["action"]) for row in data["activity"]}
    assert ("idé", "update") in done or ("idea", "update") in done
    assert data["person"]["email"] == sofia.email


def test_the_export_of_those_who_screened_and_opened_periods_has_it(client, people, everything):
    client.force_login(people["director"])
    data = json.loads(client.get("/profile/data.json").content)
    assert [s["application"] for s in data["screenings"]] == [everything["theirs"].pk]
    assert [a["application"] for a in data["assignments_made"]] == [everything["theirs"].pk]
    assert [p["period"] for p in data["reporting_periods_opened"]] == [Period.T1]
    assert {c["title"] for c in data["calls_created"]} == {"Stipendiet", "Fonden"}


def test_the_export_runs_a_fixed_number_of_queries(client, people, everything, django_assert_max_num_queries):
    # One query or two per kind of thing held (the spread app alone adds a dozen kinds, the challenges app's needs
    # half a dozen, the procurement app's cases four, its market dialogue seven and its contracts two, the learning
    # app's catalogue one, its records two, its talks and policy register two, the services linked for signing in
    # one, the requests for erasure one, the reminders sent one), never per row.
    sofia = everything["sofia"]
    client.force_login(sofia)
    with django_assert_max_num_queries(94) as first:
        client.get("/profile/data.json")
    # More of everything: the same number of queries.
    for n in range(3):
        calls.application_start(call=everything["mine"].call, applicant=sofia, now=DURING)
        api_token_create(user=sofia, name=f"Token {n}")
        factories.idea(author=sofia, title=f"Idé {n}", unit=people["other_office"].unit)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get("/profile/data.json")
