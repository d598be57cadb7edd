"""Application files stored under the uploader's file name move to generated names; the name stays as data."""

from django.db import migrations

from core.uploads import move_to_generated_names


def forwards(apps, schema_editor):
    move_to_generated_names(apps.get_model("calls", "ApplicationFile"), "applications")


class Migration(migrations.Migration):
    dependencies = [("calls", "0003_application_open_data_used")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
