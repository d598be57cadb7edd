"""The admin site's pages of the scheduled jobs and the reminders they sent: read only, by job, kind, day and person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import ScheduledRun, SentReminder
from core.scheduling import remind
from organisation import services as org_services
from organisation.models import PersonKind, User
from tests import factories


@pytest.fixture
def administrator(db) -> User:
    person = factories.person(kind=PersonKind.RESIDENT, name="Ada Admin")
    User.objects.filter(pk=person.pk).update(is_staff=True, is_superuser=True)
    person.refresh_from_db()
    org_services.person_authenticator_app_set(user=person, secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")  # noqa: S106
    return person


@pytest.fixture
def sent(people) -> None:
    now = timezone.now()
    ScheduledRun.objects.create(job="calls.drafts", last_started_at=now, last_finished_at=now, last_sent=2)
    ScheduledRun.objects.create(job="ideas.overdue")  # declared, never run yet
    hello = lambda: "Hej"  # noqa: E731
    remind(key="calls.draft:7:2026-03-20:7", recipients=[people["employee"]], message_factory=hello, url="", now=now)
    remind(key="calls.draft:8:2026-03-20:7", recipients=[people["manager"]], message_factory=hello, url="", now=now)
    remind(key="ideas.overdue.office:12", recipients=[people["office"]], message_factory=hello, url="", now=now)


def test_the_jobs_list_says_when_each_ran_and_what_it_sent(django_app, administrator, sent):
    django_app.set_cookie("django_language", "en")
    page = django_app.get("/admin/", user=administrator).click("Scheduled jobs")
    assert page.request.path == "/admin/core/scheduledrun/"
    rows = page.html.select("#result_list tbody tr")
    assert [r.select_one("th").get_text(strip=True) for r in rows] == ["calls.drafts", "ideas.overdue"]
    assert "Last started" in page.text and "Sent in the last run" in page.text
    # Filtered by job and searched.
    assert len(page.click("ideas.overdue", href="job").html.select("#result_list tbody tr")) == 1
    found = django_app.get("/admin/core/scheduledrun/?q=calls", user=administrator)
    assert len(found.html.select("#result_list tbody tr")) == 1


def test_the_reminders_list_filters_by_kind_and_day_and_finds_a_person(
    django_app, administrator, sent, people, django_assert_max_num_queries
):
    django_app.set_cookie("django_language", "en")
    with django_assert_max_num_queries(20):
        page = django_app.get("/admin/core/sentreminder/", user=administrator)
    assert len(page.html.select("#result_list tbody tr")) == 3
    assert people["office"].name in page.text

    drafts = page.click("calls.draft", href="kind=")
    keys = {r.select_one("th").get_text(strip=True) for r in drafts.html.select("#result_list tbody tr")}
    assert keys == {"calls.draft:7:2026-03-20:7", "calls.draft:8:2026-03-20:7"}

    today = page.click("Today", href="sent_at")
    assert len(today.html.select("#result_list tbody tr")) == 3
    SentReminder.objects.filter(key__startswith="ideas.").update(sent_at=timezone.now() - timedelta(days=40))
    today = page.click("Today", href="sent_at")
    assert len(today.html.select("#result_list tbody tr")) == 2

    found = django_app.get("/admin/core/sentreminder/", {"q": people["office"].name}, user=administrator)
    assert [r.select_one("th").get_text(strip=True) for r in found.html.select("#result_list tbody tr")] == [
        "ideas.overdue.office:12"
    ]


def test_both_lists_are_read_only(django_app, administrator, sent):
    for url in ("/admin/core/scheduledrun/", "/admin/core/sentreminder/"):
        page = django_app.get(url, user=administrator)
        assert f'href="{url}add/"' not in page.text
        assert not page.html.select("#changelist-form select[name=action]")
        detail = page.click(index=0, href=r"/change/$")
        assert detail.status_code == 200
        assert "_save" not in detail.text
        assert django_app.get(f"{url}add/", user=administrator, expect_errors=True).status_code == 403
    reminder = SentReminder.objects.first()
    answer = django_app.get(f"/admin/core/sentreminder/{reminder.pk}/delete/", user=administrator, expect_errors=True)
    assert answer.status_code == 403
    assert SentReminder.objects.count() == 3


def test_others_do_not_see_them(django_app, people):
    answer = django_app.get("/admin/core/sentreminder/", user=people["employee"], expect_errors=True)
    assert answer.status_code == 302
