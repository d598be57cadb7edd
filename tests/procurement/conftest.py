"""What every part of the procurement app's tests builds on: a need routed to a market dialogue, the procurement
officers, registered suppliers and a case made through ``procurement.cases.services``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from challenges.models import Route
from organisation import services as organisation
from organisation.models import PersonKind, Role, Unit
from procurement.cases import services as cases
from tests import factories
from tests.challenges.conftest import routed_need


@pytest.fixture
def officers(tree):
    """A procurement officer of Norra stadsdelsförvaltningen and the city's central procurement function."""
    return {
        "officer": factories.person(unit=tree["SDF-N"], role=Role.PROCUREMENT, name="Petra Upphandlare"),
        "central": factories.person(
            unit=tree["SLK"], role=Role.PROCUREMENT, role_unit=Unit.objects.get_first_root_node(), name="Cenny Central"
        ),
    }


def supplier_person(name: str, org_name: str, org_number: str):
    """A supplier's person (email from the name, password ``a-long-test-password``) at a supplier organisation."""
    org = organisation.supplier_get_or_create(name=org_name, org_number=org_number)
    email = name.lower().replace(" ", ".") + "@" + org_name.split()[0].lower() + ".example.se"
    return organisation.person_create(
        email=email, name=name, kind=PersonKind.SUPPLIER, supplier=org, password="a-long-test-password"
    )


@pytest.fixture
def suppliers(db):
    """Three people at three supplier organisations (valid organisation numbers)."""
    return {
        "alfa": supplier_person("Alva Alfa", "Alfa Energi AB", "556036-0793"),
        "beta": supplier_person("Bengt Beta", "Beta Bygg AB", "556677-8899"),
        "gamma": supplier_person("Gun Gamma", "Gamma Teknik AB", "559126-4428"),
    }


@pytest.fixture
def market_need(people):
    """A need of Norra stadsdelsförvaltningen routed to a market dialogue by its innovation office."""
    return routed_need(
        writer=people["manager"],
        office=people["office"],
        route=Route.MARKET_DIALOGUE,
        title="Hög energiförbrukning i äldre skolbyggnader",
    )


@pytest.fixture
def case(market_need, officers):
    return cases.case_create(
        need=market_need,
        by=officers["officer"],
        title="Energismart styrning av skolbyggnader",
        estimated_value_sek=4_000_000,
        period_months=48,
        plan="Marknadsdialog under våren, sedan val av väg.",
    )


@pytest.fixture
def swedish_words(settings, tmp_path):
    """The Swedish words as they are now in ``django.po``, compiled outside the repository."""
    folder = tmp_path / "locale" / "sv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    source = Path(django_settings.BASE_DIR) / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    subprocess.run(["msgfmt", "-o", str(folder / "django.mo"), str(source)], check=True)  # noqa: S603, S607
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    settings.LANGUAGE_CODE = "sv"
