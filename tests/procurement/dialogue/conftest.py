"""What the dialogue's tests build on: a case's request for information written and published through
``procurement.dialogue.services``, and suppliers registered for it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from procurement.dialogue import services
from procurement.models import Rfi

#: Words that stand for a business secret in every leak test: none of them may reach anything public.
SECRET_SOLUTION = "Kvantsensorer i ventilationsaggregaten"
SECRET_PRICE = "Hemligt pris 1 234 567 kronor"
SECRET_OTHER = "Vår hemliga leverantör Zeta"
SECRET_FILE_NAME = "hemlig-kalkyl.pdf"
PDF = b"%PDF-1.4\n% kalkyl\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def write_rfi(case, officer, *, now: datetime | None = None, **changes) -> Rfi:
    now = now or timezone.now()
    data = {
        "title": "Smartare energistyrning i skolor",
        "description": "Staden vill veta hur leverantörer kan minska energiförbrukningen i äldre skolbyggnader.",
        "terms": "Att delta ger ingen fördel i en senare upphandling.",
        "questions_close_at": now + timedelta(days=14),
        "responses_close_at": now + timedelta(days=28),
    }
    data.update(changes)
    return services.rfi_create(case=case, by=officer, **data)


def published_rfi(case, officer, **changes) -> Rfi:
    rfi = write_rfi(case, officer, **changes)
    return services.rfi_publish(rfi=rfi, by=officer, expected_version=rfi.version)


@pytest.fixture
def rfi(case, officers):
    return published_rfi(case, officers["officer"])


@pytest.fixture
def registered(rfi, suppliers):
    """Alfa and Beta registered for the RFI; Gamma not."""
    for key in ("alfa", "beta"):
        services.interest_register(rfi=rfi, by=suppliers[key])
    rfi.refresh_from_db()
    return rfi


def secret_response(rfi, person, **changes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "solution": SECRET_SOLUTION,
        "solution_secret": True,
        "maturity": "piloted",
        "price_indication": SECRET_PRICE,
        "price_secret": True,
        "other": SECRET_OTHER,
        "other_secret": True,
        "files": [SimpleUploadedFile(SECRET_FILE_NAME, PDF, content_type="application/pdf")],
        "submit": True,
    }
    data.update(changes)
    return services.response_save(rfi=rfi, by=person, expected_version=None, **data)
