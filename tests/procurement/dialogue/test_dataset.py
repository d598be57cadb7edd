"""The open dataset of market dialogues: one row per published request, its supplier counts disclosure-controlled
so that a small count cannot be worked out by subtracting, nothing a supplier wrote, no supplier named."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from organisation import services as organisation
from organisation.models import PersonKind
from procurement.dialogue import services
from procurement.dialogue.datasets import dialogue_rows
from tests.procurement.dialogue.conftest import SECRET_SOLUTION, published_rfi, secret_response

pytestmark = pytest.mark.django_db

#: Valid organisation numbers (check digit) for the registered suppliers.
NUMBERS = ("556123-4567", "559000-1110", "556677-8899", "559126-4428", "556036-0793", "556781-2341", "559013-4671")


def _supplier(n: int):
    org = organisation.supplier_get_or_create(name=f"Leverantör {n} AB", org_number=NUMBERS[n])
    return organisation.person_create(
        email=f"person{n}@leverantor{n}.example.se",
        name=f"Person {n}",
        kind=PersonKind.SUPPLIER,
        supplier=org,
        password="a-long-test-password",
    )


def _rows(client) -> list[dict[str, str]]:
    response = client.get(reverse("opendata:csv", args=["market_dialogues"]))
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_a_small_count_of_responses_cannot_be_worked_out_from_the_suppliers_counts(client, case, officers):
    rfi = published_rfi(case, officers["officer"])
    people = [_supplier(n) for n in range(7)]
    for person in people:
        services.interest_register(rfi=rfi, by=person)
    for person in people[:2]:
        secret_response(rfi, person, submit=True)
    [row] = _rows(client)
    assert row["title"] == rfi.title
    assert row["responses"] == "<5"
    # The attack: registered minus those without a response gives the two. One of the two must be held back.
    published = [row["suppliers"], row["suppliers_without_response"]]
    assert not all(value.isdigit() for value in published), published
    # Nothing a supplier wrote and no supplier's name is in the file.
    text = str(dialogue_rows())
    assert SECRET_SOLUTION not in text
    assert "Leverantör 0 AB" not in text


def test_a_draft_request_is_not_in_the_dataset(client, case, officers):
    from tests.procurement.dialogue.conftest import write_rfi

    write_rfi(case, officers["officer"])
    assert _rows(client) == []


def test_the_public_page_and_api_do_not_give_the_count_the_dataset_protects(client, case, officers):
    # Three registered: the dataset says <5, so no public page or API answer may say 3.
    rfi = published_rfi(case, officers["officer"])
    for person in [_supplier(n) for n in range(3)]:
        services.interest_register(rfi=rfi, by=person)
    [row] = _rows(client)
    assert row["suppliers"] == "<5"
    page = client.get(reverse("procurement:rfi", args=[rfi.pk])).content.decode()
    api = client.get(f"/api/v1/procurement/cases/{rfi.case_id}").json()
    listed = client.get("/api/v1/procurement/cases").json()
    assert "supplier_count" not in api
    assert all("supplier_count" not in item for item in listed["items"])
    assert "Registrerade leverantörer" not in page and "Registered suppliers" not in page


def test_a_question_longer_than_a_question_is_refused_at_its_field(case, officers):
    import pytest as _pytest

    from core.errors import DomainError

    rfi = published_rfi(case, officers["officer"])
    person = _supplier(0)
    services.interest_register(rfi=rfi, by=person)
    with _pytest.raises(DomainError) as err:
        services.question_ask(rfi=rfi, by=person, text="x" * (services.QUESTION_MAX + 1))
    assert err.value.field == "text"
    assert not rfi.questions.exists()
