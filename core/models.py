from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Where ``changed_at`` leaves the moment of a row's next save.
CHANGED_AT = "_sprang_changed_at"


def changed_at(instance: models.Model, moment: datetime | None) -> None:
    """Date the row's next save to ``moment``, a moment a service was given (the demo city's history), in that same
    UPDATE; with ``None`` the save takes the clock's time as always."""
    if moment is not None:
        instance.__dict__[CHANGED_AT] = moment


class UpdatedAtField(models.DateTimeField):
    """The moment a row last changed: on every save, the clock's time; on the row's first save, its ``created_at``.

    A row written at a moment of its own (history that a service is given ``now`` for) was
    last changed at that moment, not when it was written.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_now", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        given = model_instance.__dict__.pop(CHANGED_AT, None)
        if self.auto_now and given is not None:
            setattr(model_instance, self.attname, given)
            return given
        created_at = getattr(model_instance, "created_at", None)
        if self.auto_now and add and created_at is not None:
            setattr(model_instance, self.attname, created_at)
            return created_at
        return super().pre_save(model_instance, add)


class TimeStampedModel(models.Model):
    """``created_at`` is when the row came to be: the clock's time unless the service writing it names the moment
    (``Model(..., created_at=now)``), so that history is written in one INSERT, never put back in time afterwards.
    """

    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False, blank=True, db_index=True)
    updated_at = UpdatedAtField(_("updated"))

    class Meta:
        abstract = True


class StoredFile(TimeStampedModel):
    """What every uploaded file keeps beside the file itself (stored under a generated name, ``core.uploads``):
    the name it was uploaded with, its checked type and size, and who uploaded it. A subclass adds ``file``
    with its own folder and the key to what the file belongs to."""

    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.original_name


class Notification(TimeStampedModel):
    """An in-app message to one person, usually about an idea they take part in."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    message = models.CharField(_("message"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    #: Left for the person's daily or weekly digest (``core.digests``): true until a digest carries it.
    awaits_digest = models.BooleanField(_("waits for the digest"), default=False)
    #: When it was emailed, at once or in a digest (empty: not emailed, or not yet).
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["awaits_digest", "recipient"], name="notification_digest"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.message


class ScheduledRun(models.Model):
    """One scheduled job (``core.scheduling``): its row is locked while it runs, and says when it last ran."""

    job = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    #: How many reminders or digests the last run sent.
    last_sent = models.PositiveIntegerField(_("sent in the last run"), default=0)

    class Meta:
        ordering = ["job"]
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.job


class SentReminder(models.Model):
    """A reminder (or digest) sent to one person: the key names what it was about, so it is sent once."""

    key = models.CharField(_("reminder"), max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["key", "recipient"], name="one_reminder_per_person")]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")

    def __str__(self) -> str:
        return self.key
