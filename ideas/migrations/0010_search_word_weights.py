"""On PostgreSQL, keep every idea's word weights beside its search vector, filled for the ideas already there.

The table, its indexes and triggers live outside Django's model, like the search column
(``ideas.search.ensure_schema``, run after every migrate as well); this migration puts them in place
and fills them once. See docs/adr/0027-search-ranked-from-kept-word-weights.md.
"""

from django.db import migrations


def add_word_weights(apps, schema_editor):
    from ideas.search import ensure_schema

    if schema_editor.connection.vendor == "postgresql":
        ensure_schema(schema_editor.connection.alias)
        # The list reads the weights by index-only scans, which need the table's visibility map.
        schema_editor.execute("VACUUM (ANALYZE) ideas_idea_search_term")


def drop_word_weights(apps, schema_editor):
    from ideas.search import POSTGRES_TERMS_TEARDOWN

    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_TERMS_TEARDOWN:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    atomic = False  # VACUUM runs outside a transaction

    dependencies = [
        ("ideas", "0009_created_at_given_by_the_service"),
    ]

    operations = [
        migrations.RunPython(add_word_weights, drop_word_weights),
    ]
