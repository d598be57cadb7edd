import pytest
from django.db import transaction

from tests.forms import world as world_module


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The small city, built once for the module inside a transaction that is rolled back after it.

    Each test runs in its own savepoint inside it (pytest-django's ``db``), so what one test submits
    is gone before the next.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = world_module.build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
