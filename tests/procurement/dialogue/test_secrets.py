"""A business secret in a written response reaches the case's officers and its own organisation, and nothing else:
no public page, list, API answer, search, log, audit trail, notification or another person's data export. And no
supplier reads another's response or unanswered question by guessing its address."""

from __future__ import annotations

import json

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.test import Client
from django.urls import reverse

from core.models import Notification
from core.selectors import personal_data_export
from procurement.dialogue import services
from procurement.models import CaseLogEntry, Rfi
from tests.procurement.dialogue.conftest import (
    SECRET_FILE_NAME,
    SECRET_OTHER,
    SECRET_PRICE,
    SECRET_SOLUTION,
    secret_response,
)

pytestmark = pytest.mark.django_db

SECRETS = (SECRET_SOLUTION, SECRET_PRICE, SECRET_OTHER, SECRET_FILE_NAME)
UNANSWERED = "Alfas obesvarade fråga om kvantgivare"


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} in {where}"


@pytest.fixture
def world(registered, suppliers, officers):
    response = secret_response(registered, suppliers["alfa"])
    services.question_ask(rfi=registered, by=suppliers["alfa"], text=UNANSWERED)
    return {"rfi": registered, "response": response, "file": response.files.get()}


def client_for(user=None) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    if user is not None:
        client.force_login(user)
    return client


def test_the_officers_read_the_secrets_marked_as_such(world, officers):
    page = client_for(officers["officer"]).get(reverse("procurement:rfi_responses", args=[world["rfi"].pk]))
    text = page.content.decode()
    for secret in SECRETS:
        assert secret in text
    assert "Business secret" in text


def test_no_public_page_or_other_persons_page_shows_a_secret_or_an_unanswered_question(world, people, suppliers):
    rfi = world["rfi"]
    addresses = [
        reverse("procurement:rfis"),
        reverse("procurement:rfis") + "?state=all",
        rfi.get_absolute_url(),
    ]
    for who, user in {
        "anonymous": None,
        "beta": suppliers["beta"],
        "gamma": suppliers["gamma"],
        "staff": people["employee"],
        "office": people["office"],
    }.items():
        client = client_for(user)
        for url in addresses:
            text = client.get(url).content.decode()
            assert_no_secret(text, f"{url} as {who}")
            assert UNANSWERED not in text, f"{url} as {who}"


def test_no_api_answer_shows_a_secret(world, suppliers, people):
    rfi = world["rfi"]
    for user in (None, suppliers["beta"], suppliers["gamma"], people["office"]):
        client = client_for(user)
        for url in (
            "/api/v1/procurement/cases",
            f"/api/v1/procurement/cases/{rfi.case_id}",
            f"/api/v1/procurement/cases/{rfi.case_id}/questions",
            f"/api/v1/procurement/cases/{rfi.case_id}/response",
        ):
            text = client.get(url).content.decode()
            assert_no_secret(text, url)
            assert UNANSWERED not in text, url


def test_another_supplier_cannot_reach_the_response_or_its_files_by_address(world, suppliers, people):
    rfi, file = world["rfi"], world["file"]
    file_url = reverse("procurement:rfi_response_file", args=[rfi.pk, file.pk])
    assert client_for(suppliers["alfa"]).get(file_url).status_code == 200  # its own
    for user in (suppliers["beta"], suppliers["gamma"], people["office"], people["employee"]):
        assert client_for(user).get(file_url).status_code == 404
    assert client_for().get(file_url).status_code == 302  # to sign in
    for user in (suppliers["beta"], suppliers["gamma"], people["employee"]):
        for name in ("procurement:rfi_responses", "procurement:rfi_work"):
            resp = client_for(user).get(reverse(name, args=[rfi.pk]))
            assert resp.status_code == 403, (name, user)
            assert_no_secret(resp.content.decode(), name)
    beta_form = client_for(suppliers["beta"]).get(reverse("procurement:rfi_response", args=[rfi.pk]))
    assert_no_secret(beta_form.content.decode(), "Beta's own response form")


def test_search_never_holds_a_response(world):
    rfi = Rfi.objects.get(pk=world["rfi"].pk)
    for word in ("kvantsensor", "hemlig", "zeta"):
        assert word not in rfi.search_stems
    page = client_for().get(reverse("procurement:rfis") + "?state=all&q=Kvantsensorer")
    assert rfi.title not in page.content.decode()


def test_the_log_the_audit_trail_and_notifications_hold_no_secret(world):
    assert_no_secret(json.dumps(list(CaseLogEntry.objects.values("summary")), ensure_ascii=False), "the case's log")
    # The audit trail keeps who sent what when, never a response's texts (a file's name stays, as for any upload).
    trail = json.dumps(list(LogEntry.objects.values("changes")), default=str, ensure_ascii=False)
    for secret in (SECRET_SOLUTION, SECRET_PRICE, SECRET_OTHER):
        assert secret not in trail
    assert_no_secret(json.dumps(list(Notification.objects.values("message")), ensure_ascii=False), "notifications")


def test_no_one_elses_data_export_holds_a_secret_or_the_unanswered_question(world, suppliers, officers, people):
    for user in (suppliers["beta"], suppliers["gamma"], officers["officer"], people["office"]):
        text = json.dumps(personal_data_export(user=user), default=str, ensure_ascii=False)
        assert_no_secret(text, f"{user}'s export")
        assert UNANSWERED not in text
    own = json.dumps(personal_data_export(user=suppliers["alfa"]), default=str, ensure_ascii=False)
    assert SECRET_SOLUTION in own and UNANSWERED in own  # the writer's own data
