"""API tokens expire and end when the person's password changes.

Tokens made before this get 90 days from the upgrade and the fingerprint of their person's
current password, so they keep working until one of those ends them.
"""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone
from django.utils.crypto import salted_hmac

#: The same salt as organisation.selectors.PASSWORD_FINGERPRINT_SALT (kept here as it was when written).
SALT = "organisation.ApiToken.password_fingerprint"


def existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("organisation", "ApiToken")
    expires = timezone.now() + timedelta(days=90)
    for token in ApiToken.objects.select_related("user"):
        token.expires_at = expires
        token.password_fingerprint = salted_hmac(SALT, token.user.password, algorithm="sha256").hexdigest()
        token.save(update_fields=["expires_at", "password_fingerprint"])


class Migration(migrations.Migration):
    dependencies = [("organisation", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_fingerprint",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires"),
        ),
    ]
