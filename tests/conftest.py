import pytest

from organisation.models import PersonKind, Role
from tests import factories


@pytest.fixture
def tree(db):
    return factories.build_tree()


@pytest.fixture
def people(tree):
    """One person in each role, around Norra stadsdelsförvaltningen."""
    north, unit = tree["SDF-N"], tree["SDF-N-ALD-1"]
    return {
        "employee": factories.person(unit=unit, name="Anna Anställd"),
        "colleague": factories.person(unit=tree["SDF-S-SKO"], name="Kalle Kollega"),
        "manager": factories.person(unit=north, role=Role.MANAGER, name="Maria Chef"),
        "coach": factories.person(unit=north, role=Role.COACH, name="Cecilia Coach"),
        "office": factories.person(unit=north, role=Role.OFFICE, name="Olle Kontor"),
        "other_office": factories.person(unit=tree["SDF-S"], role=Role.OFFICE, name="Sofia Södra"),
        "director": factories.person(unit=tree["SLK"], role=Role.DIRECTOR, name="Diana Direktör"),
        "resident": factories.person(kind=PersonKind.RESIDENT, name="Rut Invånare"),
        "supplier": factories.person(kind=PersonKind.SUPPLIER, name="Sam Leverantör"),
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the start page caches its figures)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
