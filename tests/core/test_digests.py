"""Email at once, or a daily or weekly digest: one email per person, grouped by what it is about, sent once."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from core.digests import topic_of
from core.models import Notification
from core.scheduling import run_due
from core.services import notify
from ideas.lock import Stage
from organisation.models import EmailFrequency
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")
TUESDAY = datetime(2026, 3, 10, 15, tzinfo=STHLM)
WEDNESDAY_MORNING = datetime(2026, 3, 11, 7, 5, tzinfo=STHLM)
NEXT_MONDAY_MORNING = datetime(2026, 3, 16, 7, 5, tzinfo=STHLM)


def _choose(person, frequency: str, language: str = "sv"):
    person.email_frequency, person.language = frequency, language
    person.save(update_fields=["email_frequency", "language"])
    return person


def _digests(now, mailoutbox, capture):
    with capture(execute=True):
        [result] = run_due(now=now, only=["digests"])
    assert result.outcome == "ran"
    return result.sent


@pytest.mark.parametrize(
    ("url", "topic"),
    [
        ("/ideas/12/", "/ideas/12/"),
        ("/ideas/12/comments/?page=2#c4", "/ideas/12/"),
        ("/calls/applications/5/", "/calls/applications/5/"),
        ("/calls/jury/", "/calls/jury/"),
        ("", ""),
    ],
)
def test_a_notification_is_about_the_page_its_link_leads_to(url, topic):
    assert topic_of(url) == topic


def test_instant_mails_at_once_and_a_digest_choice_leaves_it_waiting(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    instant = people["office"]
    daily = _choose(people["manager"], EmailFrequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[instant, daily], message_factory=lambda: "Något hände", url="/ideas/1/")
    assert [m.to for m in mailoutbox] == [[instant.email]]
    mine = Notification.objects.get(recipient=instant)
    theirs = Notification.objects.get(recipient=daily)
    assert (mine.awaits_digest, mine.emailed_at is not None) == (False, True)
    assert (theirs.awaits_digest, theirs.emailed_at) == (True, None)


def test_a_daily_digest_gathers_the_days_notifications_by_idea_in_the_persons_language(
    people, mailoutbox, django_capture_on_commit_callbacks, settings
):
    author = _choose(people["employee"], EmailFrequency.DAILY, language="en")
    idea = factories.idea(author=author, title="Digitala lås i hemtjänsten", notify_office=False, now=TUESDAY)
    other = factories.idea(author=author, title="Cykelkök", notify_office=False, now=TUESDAY)
    factories.move(idea, by=people["office"], to=Stage.PRESTUDY, now=TUESDAY)
    factories.move(other, by=people["office"], to=Stage.PRESTUDY, now=TUESDAY)
    factories.move(idea, by=people["office"], to=Stage.PILOT, now=TUESDAY)
    assert mailoutbox == []  # nothing at once
    assert Notification.objects.filter(recipient=author, awaits_digest=True).count() == 3

    # At night nothing goes; the first run of the morning sends one email.
    with django_capture_on_commit_callbacks(execute=True):
        [night] = run_due(now=datetime(2026, 3, 11, 3, tzinfo=STHLM), only=["digests"])
    assert night.outcome == "deferred"
    assert _digests(WEDNESDAY_MORNING, mailoutbox, django_capture_on_commit_callbacks) == 1
    [mail] = mailoutbox
    assert mail.to == [author.email]
    assert mail.subject == "[Språng] Notifications since yesterday: 3"
    body = mail.body
    assert "Here is what happened in Språng since yesterday that concerns you." in body
    # Grouped by idea: both of the first idea's moves under one link, in the order they came.
    first = body.index("“Digitala lås i hemtjänsten” goes on to a pre-study.")
    second = body.index("“Digitala lås i hemtjänsten” goes on to a pilot.")
    link = body.index(f"{settings.SPRANG_SITE_URL}{idea.get_absolute_url()}")
    other_line = body.index("“Cykelkök” goes on to a pre-study.")
    assert first < second < link < other_line
    assert "== Digitala lås i hemtjänsten (Ideas and the innovation lock) ==" in body
    assert "== Cykelkök (Ideas and the innovation lock) ==" in body
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert "<h1>Your day in Språng</h1>" in html
    assert "<h2>Digitala lås i hemtjänsten</h2>" in html
    assert html.count("<h2>") == 2
    assert f'href="{settings.SPRANG_SITE_URL}{idea.get_absolute_url()}"' in html
    assert "“Digitala lås i hemtjänsten” goes on to a pilot." in html

    # Each notification is in one digest only: later the same day nothing more goes.
    assert not Notification.objects.filter(recipient=author, awaits_digest=True).exists()
    assert _digests(WEDNESDAY_MORNING.replace(hour=12), mailoutbox, django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1


def test_a_notification_after_the_days_digest_waits_for_the_next_day(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    person = _choose(people["manager"], EmailFrequency.DAILY)
    notify(recipients=[person], message_factory=lambda: "Första", url="/ideas/1/")
    assert _digests(WEDNESDAY_MORNING, mailoutbox, django_capture_on_commit_callbacks) == 1
    notify(recipients=[person], message_factory=lambda: "Andra", url="/ideas/1/")
    assert _digests(WEDNESDAY_MORNING.replace(hour=16), mailoutbox, django_capture_on_commit_callbacks) == 0
    assert _digests(datetime(2026, 3, 12, 7, 30, tzinfo=STHLM), mailoutbox, django_capture_on_commit_callbacks) == 1
    assert len(mailoutbox) == 2
    assert "Andra" in mailoutbox[1].body and "Första" not in mailoutbox[1].body
    assert mailoutbox[1].subject == "[Språng] Aviseringar sedan i går: 1"


def test_a_weekly_digest_goes_on_monday_mornings(people, mailoutbox, django_capture_on_commit_callbacks):
    person = _choose(people["manager"], EmailFrequency.WEEKLY)
    notify(recipients=[person], message_factory=lambda: "Veckans nyhet", url="/calls/jury/")
    assert _digests(WEDNESDAY_MORNING, mailoutbox, django_capture_on_commit_callbacks) == 0
    assert _digests(NEXT_MONDAY_MORNING, mailoutbox, django_capture_on_commit_callbacks) == 1
    assert _digests(NEXT_MONDAY_MORNING.replace(hour=18), mailoutbox, django_capture_on_commit_callbacks) == 0
    [mail] = mailoutbox
    assert mail.subject == "[Språng] Aviseringar den här veckan: 1"
    assert "Veckans nyhet" in mail.body


def test_no_email_at_all_means_no_digest_either(people, mailoutbox, django_capture_on_commit_callbacks):
    person = _choose(people["manager"], EmailFrequency.DAILY)
    notify(recipients=[person], message_factory=lambda: "Något", url="/ideas/1/")
    person.email_notifications = False
    person.save(update_fields=["email_notifications"])
    assert _digests(WEDNESDAY_MORNING, mailoutbox, django_capture_on_commit_callbacks) == 0
    assert mailoutbox == []
    note = Notification.objects.get(recipient=person)
    assert (note.awaits_digest, note.emailed_at) == (False, None)
    # Someone who gets no email leaves nothing waiting for a digest in the first place.
    notify(recipients=[person], message_factory=lambda: "Mer", url="/ideas/1/")
    assert not Notification.objects.filter(recipient=person, awaits_digest=True).exists()


def test_the_profile_chooses_how_often_to_email(client, people):
    person = people["employee"]
    client.force_login(person)
    data = {"name": person.name, "language": "sv", "email_notifications": "on", "email_frequency": "weekly"}
    assert client.post("/profile/", data).status_code == 302
    person.refresh_from_db()
    assert person.email_frequency == EmailFrequency.WEEKLY
    page = client.get("/profile/").content.decode()
    assert "Once a week, all in one email" in page or "En gång i veckan" in page


def test_a_choice_not_offered_is_refused_naming_the_field(client, people):
    person = people["employee"]
    client.force_login(person)
    data = {"name": person.name, "language": "en", "email_notifications": "on", "email_frequency": "hourly"}
    response = client.post("/profile/", data)
    assert response.status_code == 200
    assert "email_frequency" in response.context["form"].errors
    person.refresh_from_db()
    assert person.email_frequency == EmailFrequency.INSTANT
