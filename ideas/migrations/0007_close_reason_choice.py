"""The reason for closing becomes one of ``lock.CloseReason``; the closing decision's rationale says the rest.

A reason written as free text before (its words are also in the closing decision's rationale,
which the old form asked for beside it) becomes "another reason".
"""

from django.db import migrations, models

REASONS = {
    "implemented",
    "no_effect",
    "too_costly",
    "duplicate",
    "outside_remit",
    "legal",
    "need_gone",
    "solved_elsewhere",
    "withdrawn",
    "other",
}


def to_choice(apps, schema_editor):
    Idea = apps.get_model("ideas", "Idea")
    Idea.objects.exclude(closed_reason="").exclude(closed_reason__in=REASONS).update(closed_reason="other")


class Migration(migrations.Migration):
    dependencies = [("ideas", "0006_publication_consent")]

    operations = [
        migrations.RunPython(to_choice, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="idea",
            name="closed_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("implemented", "It is part of ordinary work now"),
                    ("no_effect", "It was tried without enough effect"),
                    ("too_costly", "The cost is too high for the value"),
                    ("duplicate", "Another idea covers the same thing"),
                    ("outside_remit", "It is outside the city's responsibility"),
                    ("legal", "The law or an agreement stands in the way"),
                    ("need_gone", "The need no longer exists"),
                    ("solved_elsewhere", "It is being solved elsewhere in the city"),
                    ("withdrawn", "The author withdrew it"),
                    ("other", "Another reason (say which in the rationale)"),
                ],
                max_length=20,
                verbose_name="reason for closing",
            ),
        ),
    ]
