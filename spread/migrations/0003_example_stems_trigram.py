"""On PostgreSQL, a trigram index on the good examples' search stems: the library's search (``LIKE '%cykl%'``, a
stem found inside compounds) reads the matching examples only, not every example's row. SQLite reads its rows
without one; nothing changes there."""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS spread_example_stems_trgm ON spread_example USING gin (search_stems gin_trgm_ops)",
]
DROP = ["DROP INDEX IF EXISTS spread_example_stems_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("spread", "0002_example_unit_index")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP), elidable=False)]
