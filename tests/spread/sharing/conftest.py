"""Good examples to share: made directly on the model (the library's services publish them)."""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from ideas.search import stems_for
from spread.models import Example, ExampleStatus, ExampleVisibility

STHLM = ZoneInfo("Europe/Stockholm")
_seq = itertools.count(1)

TEXT = {
    "problem": "Äldre som bor hemma känner sig ensamma på kvällarna.",
    "what_was_done": "Vi startade kvällsfika med frivilliga i träffpunkterna.",
    "cost": "20 000 kronor om året för fika och material.",
    "time_taken": "Tre månader från idé till första fikat.",
    "roles": "Enhetschef, två undersköterskor, frivilliga.",
    "tools": "Gruppintervjuer med brukarna.",
    "effect": "Andelen som känner sig ensamma sjönk från 40 till 25 procent.",
    "watch_out_for": "Frivilliga behöver en fast kontaktperson.",
}


def example(*, unit=None, owner=None, public: bool = False, **overrides) -> Example:
    n = next(_seq)
    data = {
        **TEXT,
        "title": f"Kvällsfika mot ensamhet {n}",
        "unit": unit,
        "owner": owner,
        "contact": owner,
        "sector": "elderly_care",
        "kind": "service",
        "value_social": True,
        "status": ExampleStatus.PUBLISHED,
        "visibility": ExampleVisibility.PUBLIC if public else ExampleVisibility.INTERNAL,
        "public_consent_at": timezone.now() if public else None,
        "published_at": datetime(2026, 1, n % 28 + 1, 10, tzinfo=STHLM),
    }
    data.update(overrides)
    made = Example(**data)
    made.search_stems = stems_for(made.title, made.problem, made.what_was_done, made.effect)
    made.save()
    return made


def _example_path(self) -> str:
    try:
        return reverse("spread:example", args=[self.pk])
    except NoReverseMatch:  # the library's pages are not in this tree: its address as the library gives it
        return f"/spread/examples/{self.pk}/"


@pytest.fixture(autouse=True)
def example_addresses(monkeypatch):
    monkeypatch.setattr(Example, "get_absolute_url", _example_path)


@pytest.fixture
def examples(people, tree):
    """Two public examples of Norra's elderly care, an internal one, an unpublished public one and one
    whose owner has not consented."""
    office = people["office"]
    unit = tree["SDF-N-ALD-1"]
    return {
        "public": example(unit=unit, owner=people["employee"], public=True, title="Kvällsfika mot ensamhet"),
        "public_school": example(
            unit=tree["SDF-S-SKO"],
            owner=people["colleague"],
            public=True,
            title="Läsgrupper på rasten",
            sector="school",
            kind="process",
            problem="Elever läser för lite på fritiden.",
            what_was_done="Äldre elever leder läsgrupper för yngre på lunchrasten.",
            effect="Utlåningen på skolbiblioteket ökade med en tredjedel.",
            adoption_count=3,
        ),
        "internal": example(unit=unit, owner=office, title="Internt schemaverktyg för hemtjänsten"),
        "unpublished": example(
            unit=unit, owner=office, public=True, status=ExampleStatus.UNPUBLISHED, title="Avpublicerat"
        ),
        "no_consent": example(
            unit=unit, owner=office, visibility=ExampleVisibility.PUBLIC, title="Utan samtycke", public_consent_at=None
        ),
    }
