"""Every write moves its table's version on, whatever made it (core.tables): a save, an UPDATE past ``save()``, a
bulk insert, a delete, raw SQL; inside a transaction at once and again at the commit."""

from __future__ import annotations

import pytest
from django.db import connection

from core import tables
from ideas.models import Comment, Idea
from organisation.models import Unit
from tests import factories

IDEAS, COMMENTS, UNITS = Idea._meta.db_table, Comment._meta.db_table, Unit._meta.db_table


@pytest.mark.parametrize(
    ("sql", "table"),
    [
        ('INSERT INTO "ideas_idea" ("title") VALUES (%s)', "ideas_idea"),
        ('INSERT OR IGNORE INTO "ideas_support" ("idea_id") VALUES (%s)', "ideas_support"),
        ('UPDATE "ideas_idea" SET "title" = %s WHERE "ideas_idea"."id" = %s', "ideas_idea"),
        ('DELETE FROM "ideas_comment" WHERE "ideas_comment"."id" IN (%s)', "ideas_comment"),
        ("  insert into ideas_comment (body, idea_id) values (%s, %s)", "ideas_comment"),
        ('UPDATE ONLY "public"."ideas_idea" SET "title" = %s', "ideas_idea"),
        ('UPDATE OR IGNORE "ideas_idea" SET "title" = %s', "ideas_idea"),
        ("/* a comment */ DELETE FROM ideas_comment WHERE id = %s", "ideas_comment"),
        ("WITH gone AS (SELECT id FROM ideas_idea) UPDATE ideas_idea SET title = %s", "ideas_idea"),
    ],
)
def test_a_write_statement_names_the_table_it_writes(sql, table):
    assert tables.written(sql) == {table}


def test_a_statement_that_only_reads_writes_nothing():
    assert tables.written('SELECT "ideas_idea"."id" FROM "ideas_idea" WHERE "title" = \'UPDATE "x"\'') == set()
    assert tables.written('SAVEPOINT "s1"') == set()


def test_only_the_models_tables_are_followed():
    """A cache kept in the database writes its own table: following it would move a version, which writes the cache,
    which writes the table..."""
    assert tables.written('INSERT INTO "sprang_cache" ("cache_key", "value", "expires") VALUES (%s, %s, %s)') == set()


def test_truncate_writes_every_known_table_it_names():
    assert tables.written('TRUNCATE "ideas_idea", "ideas_comment", "no_such_table";') == {IDEAS, COMMENTS}


def _now(*names: str) -> dict[str, int]:
    return tables.versions(names)


def test_every_kind_of_write_moves_its_own_tables_version_only(db, people):
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    before = _now(IDEAS, COMMENTS, UNITS)
    list(Idea.objects.all())
    Unit.objects.count()
    assert _now(IDEAS, COMMENTS, UNITS) == before  # reading moves nothing

    Idea.objects.filter(pk=idea.pk).update(title="Elcykelpool för hemtjänsten")  # past save()
    after_update = _now(IDEAS, COMMENTS, UNITS)
    assert after_update[IDEAS] != before[IDEAS]
    assert (after_update[COMMENTS], after_update[UNITS]) == (before[COMMENTS], before[UNITS])

    Comment.objects.bulk_create([Comment(idea=idea, author=people["resident"], body="Bra idé.")])
    after_insert = _now(IDEAS, COMMENTS)
    assert after_insert[COMMENTS] != after_update[COMMENTS]
    assert after_insert[IDEAS] == after_update[IDEAS]

    Comment.objects.filter(idea=idea).delete()
    assert _now(COMMENTS)[COMMENTS] != after_insert[COMMENTS]

    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {UNITS} SET name = name WHERE id = %s", [people["employee"].unit_id])  # noqa: S608
    assert _now(UNITS)[UNITS] != before[UNITS]


def test_in_a_transaction_a_table_moves_with_each_write_and_again_at_the_commit(db, people):
    before = _now(IDEAS)[IDEAS]
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    created = _now(IDEAS)[IDEAS]
    assert created != before  # the transaction itself (here the test's) reads the change
    Idea.objects.filter(pk=idea.pk).update(title="Elcykelpool")
    last = _now(IDEAS)[IDEAS]
    assert last != created
    # Once more when the transaction commits: one callback for the transaction, however many writes and tables.
    at_commit = [f for _ids, f, _robust in connection.run_on_commit if isinstance(f, tables._Committed)]
    assert len(at_commit) == 1
    assert IDEAS in at_commit[0].tables
    # Robust: it never stops the transaction's other callbacks.
    assert [robust for _ids, f, robust in connection.run_on_commit if f is at_commit[0]] == [True]
    at_commit[0]()
    assert _now(IDEAS)[IDEAS] != last


def test_a_lost_version_comes_back_as_a_new_one(db, people):
    first = _now(IDEAS)[IDEAS]
    Idea.objects.update(title="x")
    moved = _now(IDEAS)[IDEAS]
    from django.core.cache import cache

    cache.delete(tables.KEY.format(IDEAS))
    assert _now(IDEAS)[IDEAS] not in (first, moved)


def test_a_write_stands_when_the_cache_cannot_be_reached(db, people, monkeypatch, caplog):
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    from django.core.cache import cache

    def unreachable(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(cache, "set_many", unreachable)
    Idea.objects.filter(pk=idea.pk).update(title="Elcykelpool")
    assert Idea.objects.get(pk=idea.pk).title == "Elcykelpool"
    assert "Could not move the versions" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_writes_go_on_with_the_cache_kept_in_the_database(settings, people):
    from django.core.cache import cache
    from django.core.management import call_command

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "test_sprang_cache"}
    }
    call_command("createcachetable", verbosity=0)
    before = _now(IDEAS)[IDEAS]
    Idea.objects.update(title="x")  # moves a version: a write to the cache's table, which is not followed
    cache.set("anything", 1)
    assert cache.get("anything") == 1
    assert _now(IDEAS)[IDEAS] != before


def test_reading_gathers_every_table_the_statements_name(db, people):
    with tables.reading() as read:
        list(Idea.objects.select_related("unit").filter(comments__body__contains="cykel"))
    assert read == {IDEAS, UNITS, COMMENTS}


def test_a_connection_opened_while_reading_keeps_tracking_writes_after(db):
    """Django opens a thread's connection at its first query, perhaps inside ``reading``: the block's end, which
    takes the last wrapper off, must leave the tracking of writes on."""
    connection.execute_wrappers.remove(tables.track_writes)
    try:
        with tables.reading():
            tables.watch_connection(sender=None, connection=connection)  # as ``connection_created`` does
        assert tables.track_writes in connection.execute_wrappers
    finally:
        if tables.track_writes not in connection.execute_wrappers:
            connection.execute_wrappers.insert(0, tables.track_writes)
