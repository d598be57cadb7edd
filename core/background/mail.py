"""Every email is sent by a task: ``QueuedEmailBackend`` (the ``EMAIL_BACKEND``) enqueues each message, and
the task ``deliver_email`` sends it through the real backend (``SPRANG_EMAIL_DELIVERY_BACKEND``: SMTP in
production, the console in development, Django's outbox in the tests), tried again with back-off while the
mail server refuses it or is down.

A message travels as JSON (``message_to_data`` / ``message_from_data``): its addresses, headers, text, HTML
alternatives and attachments (the event's iCalendar file among them). It is given its Message-ID and Date when
it is queued, so every attempt sends the same message. A queued message holds addresses: the results that
carry it are pruned after ``SPRANG_TASK_RESULTS_KEEP_DAYS`` (``core.background.prune``).
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence
from email.mime.base import MIMEBase
from email.utils import formatdate, make_msgid
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME

from core.background import background_task

logger = logging.getLogger(__name__)

# 1, 5, 25, 125, 625 and 3125 minutes between the attempts: a mail server down over a weekend loses nothing.
MAIL_ATTEMPTS = 7


def _content(value: str | bytes) -> dict[str, str]:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    return {"text": value}


def _from_content(data: dict[str, str]) -> str | bytes:
    if "base64" in data:
        return base64.b64decode(data["base64"])
    return data["text"]


def _attachment(attachment: Any) -> dict[str, Any]:
    if isinstance(attachment, MIMEBase):
        payload = attachment.get_payload(decode=True)
        return {
            "filename": attachment.get_filename(),
            "content": _content(payload if isinstance(payload, bytes) else str(attachment.get_payload())),
            "mimetype": attachment.get_content_type(),
        }
    filename, content, mimetype = attachment
    return {"filename": filename, "content": _content(content), "mimetype": mimetype}


def message_to_data(message: EmailMessage) -> dict[str, Any]:
    """A message as JSON, with its Message-ID and Date fixed now so every attempt sends the same message."""
    headers = dict(message.extra_headers)
    names = {name.lower() for name in headers}
    if "message-id" not in names:
        headers["Message-ID"] = make_msgid(domain=str(DNS_NAME))
    if "date" not in names:
        headers["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(a) for a in message.to],
        "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc],
        "reply_to": [str(a) for a in message.reply_to],
        "headers": {str(k): str(v) for k, v in headers.items()},
        "content_subtype": message.content_subtype,
        "mixed_subtype": getattr(message, "mixed_subtype", "mixed"),
        "encoding": message.encoding,
        "alternatives": [
            {"content": _content(content), "mimetype": mimetype}
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "alternative_subtype": getattr(message, "alternative_subtype", "alternative"),
        "attachments": [_attachment(a) for a in message.attachments],
    }


def message_from_data(data: dict[str, Any]) -> EmailMultiAlternatives:
    """The message ``message_to_data`` gave, ready to send."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]  # type: ignore[attr-defined]
    message.alternative_subtype = data["alternative_subtype"]  # type: ignore[attr-defined]
    message.encoding = data["encoding"]
    for alternative in data["alternatives"]:
        message.attach_alternative(_from_content(alternative["content"]), alternative["mimetype"])
    for attachment in data["attachments"]:
        message.attach(attachment["filename"], _from_content(attachment["content"]), attachment["mimetype"])
    return message


def delivery_backend() -> str:
    """The backend that really sends, which must not be the queue itself."""
    path = settings.SPRANG_EMAIL_DELIVERY_BACKEND
    if path == f"{QueuedEmailBackend.__module__}.{QueuedEmailBackend.__qualname__}":
        raise ImproperlyConfigured(
            "SPRANG_EMAIL_DELIVERY_BACKEND must be the backend that sends the mail (for example "
            "django.core.mail.backends.smtp.EmailBackend), not the queue set as EMAIL_BACKEND."
        )
    return str(path)


@background_task(max_attempts=MAIL_ATTEMPTS)
def deliver_email(message: dict[str, Any]) -> int:
    """Send one queued message through the delivery backend; a refusal or an unreachable server raises, and
    the message is tried again later."""
    connection = get_connection(delivery_backend(), fail_silently=False)
    return connection.send_messages([message_from_data(message)]) or 0


class QueuedEmailBackend(BaseEmailBackend):
    """An email backend that sends nothing itself: each message becomes a ``deliver_email`` task.

    Set as ``EMAIL_BACKEND``, it carries every mail of the project (allauth's, notifications, surveys, events)
    without a change to the callers. The message is queued at once, in the caller's transaction when the
    tasks live in the database; callers that send after their transaction commits (``on_commit``) keep
    doing so. Delivery ignores ``fail_silently``: a refused message is tried again, and the last failure is
    shown to the administrators. Only a failure to queue is subject to it, and then it is logged as an error.
    """

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(message_to_data(message))
            except Exception:
                logger.exception("An email to %d recipient(s) could not be queued", len(message.recipients()))
                if not self.fail_silently:
                    raise
                continue
            queued += 1
        return queued
