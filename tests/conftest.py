import pytest
from hypothesis import settings as hypothesis_settings

from organisation.models import PersonKind, Role, Unit, User
from tests import factories
from tests.snapshots import build_once


@pytest.fixture
def tree(db):
    """The test city's unit tree, by code (built through the import once, then put back)."""
    build_once("tree", factories.build_tree)
    return {u.code: u for u in Unit.objects.all()}


def _build_people() -> dict[str, int]:
    tree = {u.code: u for u in Unit.objects.all()}
    north, unit = tree["SDF-N"], tree["SDF-N-ALD-1"]
    people = {
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
    return {key: user.pk for key, user in people.items()}


@pytest.fixture
def people(tree):
    """One person in each role, around Norra stadsdelsförvaltningen (built through the services once, then put back)."""
    pks = build_once("people", _build_people)
    users = User.objects.in_bulk(pks.values())
    return {key: users[pk] for key, pk in pks.items()}


@pytest.fixture(autouse=True, scope="session")
def _mail_through_the_queue(django_test_environment):
    """Every test's mail goes through the queue as in production (Django's test set-up puts its outbox in
    EMAIL_BACKEND's place; the queue's task delivers to that outbox)."""
    from django.conf import settings

    settings.EMAIL_BACKEND = "core.background.mail.QueuedEmailBackend"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the start page caches its figures) and no fragments kept in the process."""
    from django.core.cache import cache

    from core.fragments import KEPT_HERE

    cache.clear()
    KEPT_HERE.clear()
    yield
    cache.clear()
    KEPT_HERE.clear()


# Property tests draw the same examples on every run, so a run's outcome depends only on the code: the suite is
# what CI and the README's test command run. Explore further with `--hypothesis-profile=default`.
hypothesis_settings.register_profile("sprang", derandomize=True)
hypothesis_settings.load_profile("sprang")
