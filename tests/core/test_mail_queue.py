"""Every email is sent by a task: queued by the email backend, delivered by the worker through a real SMTP
server (aiosmtpd) that refuses for a while or is not there at all, and tried again until it is delivered."""

from __future__ import annotations

import email
import json
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.background import ATTEMPT
from core.background.mail import deliver_email, message_from_data, message_to_data
from core.models import Notification
from core.services import notify
from tests import factories
from tests.core.test_background import DATABASE_TASKS, make_due, run_due_work


class Refusing:
    """An SMTP server's handler that answers "451, try again later" to the first ``refuse`` messages."""

    def __init__(self, refuse: int = 0) -> None:
        self.refuse = refuse
        self.refused = 0
        self.received: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        if self.refuse > 0:
            self.refuse -= 1
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def smtp_settings(port: int):
    return override_settings(
        TASKS=DATABASE_TASKS,
        EMAIL_BACKEND="core.background.mail.QueuedEmailBackend",
        SPRANG_EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=5,
    )


def send_notification(person) -> None:
    with transaction.atomic():
        notify(recipients=[person], message_factory=lambda: "Din idé har fått ett svar", url="/ideas/1/")


def delivered(handler: Refusing) -> list[email.message.EmailMessage]:
    return [email.message_from_bytes(e.original_content, policy=policy.default) for e in handler.received]


@pytest.mark.django_db(transaction=True)
def test_a_notification_refused_by_the_mail_server_is_tried_again_and_delivered(tree):
    person = factories.person(name="Mona Mottagare")
    handler = Refusing(refuse=2)
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with smtp_settings(controller.port):
            send_notification(person)
            assert Notification.objects.filter(recipient=person).count() == 1  # in the app at once
            queued = DBTaskResult.objects.get()
            assert queued.task_path == "core.background.mail.deliver_email"
            assert queued.status == TaskResultStatus.READY

            run_due_work()
            assert handler.refused == 1 and handler.received == []
            failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
            assert failed.exception_class_path == "smtplib.SMTPDataError"
            assert "451" in failed.traceback and "Try again later" in failed.traceback
            retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
            assert retry.args_kwargs["kwargs"][ATTEMPT] == 2

            make_due()
            run_due_work()
            assert handler.refused == 2 and handler.received == []
            assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 2

            make_due()  # the server accepts now
            run_due_work()
        [message] = delivered(handler)
        assert handler.received[0].rcpt_tos == [person.email]
        assert "Din idé har fått ett svar" in message["Subject"]
        assert "Din idé har fått ett svar" in message.get_content()
        assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
        assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    finally:
        controller.stop()


@pytest.mark.django_db(transaction=True)
def test_a_notification_while_the_mail_server_is_down_waits_and_is_never_lost(tree):
    person = factories.person(name="Mona Mottagare")
    port = free_port()  # nothing listens here
    with smtp_settings(port):
        send_notification(person)
        run_due_work()
        failed = DBTaskResult.objects.get(status=TaskResultStatus.FAILED)
        assert failed.exception_class_path == "builtins.ConnectionRefusedError"
        waiting = DBTaskResult.objects.get(status=TaskResultStatus.READY)
        assert waiting.args_kwargs["args"][0]["to"] == [person.email]

        handler = Refusing()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            run_due_work()  # not due yet: still waiting, not lost
            assert handler.received == []
            make_due()
            run_due_work()
        finally:
            controller.stop()
    [message] = delivered(handler)
    assert "Din idé har fått ett svar" in message["Subject"]


def test_a_message_travels_as_json_with_its_html_attachments_and_identity():
    original = mail.EmailMultiAlternatives(
        subject="Välkommen till träffen",
        body="Hej!\n",
        from_email="Språng <noreply@sprang.local>",
        to=["anna@example.se"],
        cc=["bo@example.se"],
        bcc=["dold@example.se"],
        reply_to=["svar@example.se"],
        headers={"X-Sprang": "ja"},
    )
    original.attach_alternative("<p>Hej!</p>", "text/html")
    original.attach("event.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; charset=utf-8")
    original.attach("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")

    data = json.loads(json.dumps(message_to_data(original)))
    copy = message_from_data(data)

    assert (copy.subject, copy.body, copy.from_email) == (original.subject, original.body, original.from_email)
    assert (copy.to, copy.cc, copy.bcc, copy.reply_to) == (original.to, original.cc, original.bcc, original.reply_to)
    assert copy.alternatives == [("<p>Hej!</p>", "text/html")]
    assert [tuple(a) for a in copy.attachments] == [
        ("event.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar; charset=utf-8"),
        ("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png"),
    ]
    assert copy.extra_headers["X-Sprang"] == "ja"
    # Fixed when queued: every attempt sends the same message.
    assert (
        message_from_data(data).message()["Message-ID"] == copy.message()["Message-ID"] == data["headers"]["Message-ID"]
    )


def test_mail_sent_by_any_caller_goes_through_the_queue_to_the_delivery_backend(mailoutbox, settings):
    assert settings.EMAIL_BACKEND == "core.background.mail.QueuedEmailBackend"
    queued = []
    from django_tasks.signals import task_enqueued

    def seen(sender, task_result, **kwargs):
        queued.append(task_result.task.module_path)

    task_enqueued.connect(seen)
    try:
        assert mail.send_mail("Ämne", "Text", None, ["anna@example.se"], fail_silently=True) == 1
    finally:
        task_enqueued.disconnect(seen)
    assert queued == [deliver_email.module_path]
    assert [m.subject for m in mailoutbox] == ["Ämne"]
