"""On SQLite, a table keeps a hidden ``rowid`` that grows with every insert, so the order answers came in would be
stored beside them. The responses' table is made ``WITHOUT ROWID``: its rows are stored by their key, which is drawn
at random (``surveys.models.random_key``). PostgreSQL has no such column; its tables are rewritten in key order when
a round closes (``surveys.results.compute.forget_order``)."""

from django.db import migrations


def without_rowid(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'surveys_response'")
        (create,) = cursor.fetchone()
        if "WITHOUT ROWID" in create.upper():
            return
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'surveys_response' AND sql IS NOT NULL")
        indexes = [row[0] for row in cursor.fetchall()]
        cursor.execute("ALTER TABLE surveys_response RENAME TO surveys_response_old")
        cursor.execute(create + " WITHOUT ROWID")
        cursor.execute("INSERT INTO surveys_response SELECT * FROM surveys_response_old")
        cursor.execute("DROP TABLE surveys_response_old")
        for sql in indexes:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(without_rowid, migrations.RunPython.noop, elidable=False)]
