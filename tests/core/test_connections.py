"""On SQLite as on PostgreSQL, a worker thread keeps its database connection between requests."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connections
from django.db.backends.signals import connection_created

ON_SQLITE = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_connections_are_kept_and_checked_on_either_database():
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


@pytest.mark.skipif(not ON_SQLITE, reason="the PRAGMAs and the connection kept are SQLite's; PostgreSQL keeps it alike")
def test_a_second_request_reuses_the_connection_and_its_pragmas(tmp_path, django_db_blocker):
    """What Django does when a request finishes (``close_old_connections``) keeps the connection open, so the next
    request in the thread neither reconnects nor runs the PRAGMAs of ``init_command`` again."""
    default = connections["default"]
    probe = type(default)({**default.settings_dict, "NAME": str(tmp_path / "probe.sqlite3")}, alias="probe")
    opened = []

    def count(sender, connection, **kwargs):
        if connection is probe:
            opened.append(connection)

    connection_created.connect(count)
    try:
        used = []
        with django_db_blocker.unblock():  # a database file of this test's own, not the test database
            for _request in range(2):
                probe.close_if_unusable_or_obsolete()  # request_started
                with probe.cursor() as cursor:
                    cursor.execute("PRAGMA journal_mode")
                    assert cursor.fetchone()[0] == "wal"
                used.append(probe.connection)
                probe.close_if_unusable_or_obsolete()  # request_finished
        assert used[0] is used[1]
        assert probe.connection is used[0]
        assert len(opened) == 1
    finally:
        connection_created.disconnect(count)
        probe.close()
