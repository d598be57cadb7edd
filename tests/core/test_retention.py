"""Retention: application drafts never sent and invitations never used are removed once their time is up, by the
nightly ``manage.py apply_retention``, with one audit log entry per rule giving the count."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from calls import services as calls
from calls.models import Application, Programme
from core.retention import apply_retention
from organisation.models import PersonKind
from spread.models import NetworkInvitation, NetworkKind
from spread.networks import services as networks
from tests import factories

STHLM = ZoneInfo("Europe/Stockholm")


def _call(by, *, opens, closes):
    created = calls.call_create(
        by=by,
        programme=Programme.OPEN_DATA_AWARD,
        title="Öppna data-priset",
        summary="Sammanfattning.",
        description="Beskrivning.",
        year=opens.year,
        opens_at=opens,
        closes_at=closes,
    )
    calls.criterion_add(call=created, by=by, name="Nytta")
    return calls.call_publish(call=created, by=by)


@pytest.fixture
def old_and_new(people):
    """Two drafts of a call that closed long ago (one sent), a draft of a call still open, and invitations to a
    network: one expired long ago, one expired yesterday, one used."""
    resident = people["resident"]
    long_ago = datetime(2024, 3, 1, 9, tzinfo=STHLM)
    closed = _call(people["director"], opens=long_ago, closes=long_ago + timedelta(days=30))
    old_draft = calls.application_start(call=closed, applicant=resident, now=long_ago + timedelta(days=1))
    sent = calls.application_start(
        call=closed, applicant=factories.person(kind=PersonKind.RESIDENT), now=long_ago + timedelta(days=1)
    )
    sent = calls.application_save(
        application=sent,
        by=sent.applicant,
        expected_version=sent.version,
        title="Kartan",
        summary="Karta.",
        description="Karta.",
        open_data_used="Parkdata.",
    )
    calls.application_submit(
        application=sent, by=sent.applicant, expected_version=sent.version, now=long_ago + timedelta(days=2)
    )
    Application.objects.filter(pk__in=[old_draft.pk, sent.pk]).update(updated_at=long_ago + timedelta(days=2))
    now = timezone.now()
    open_call = _call(people["director"], opens=now - timedelta(days=1), closes=now + timedelta(days=30))
    fresh = calls.application_start(call=open_call, applicant=resident)
    region = networks.network_create(
        by=people["office"], name="Regionens nätverk", kind=NetworkKind.OPEN, description="Med grannkommunerna."
    )
    stale, _ = networks.invitation_send(network=region, by=people["office"], email="gammal@uppsala.se", now=long_ago)
    recent, _ = networks.invitation_send(
        network=region, by=people["office"], email="ny@uppsala.se", now=now - timedelta(days=15)
    )
    return {"old_draft": old_draft, "sent": sent, "fresh": fresh, "stale": stale, "recent": recent}


def test_old_drafts_and_expired_invitations_go_and_the_rest_stays(old_and_new):
    counts = apply_retention(now=timezone.now())
    assert counts["application_drafts"] == 1 and counts["network_invitations"] == 1
    assert not Application.objects.filter(pk=old_and_new["old_draft"].pk).exists()
    assert Application.objects.filter(pk__in=[old_and_new["sent"].pk, old_and_new["fresh"].pk]).count() == 2
    assert list(NetworkInvitation.objects.values_list("email", flat=True)) == ["ny@uppsala.se"]
    # One entry per rule that removed something: the count, never what was removed.
    entry = LogEntry.objects.get(additional_data__retention="application_drafts")
    assert entry.changes == {"removed": [None, "1"]} and entry.action == LogEntry.Action.DELETE
    assert not LogEntry.objects.filter(changes_text__icontains="gammal@uppsala.se").exists()
    assert "gammal@uppsala.se" not in str(list(LogEntry.objects.values_list("changes", flat=True)))


def test_the_command_runs_the_rules_and_says_what_it_removed(old_and_new):
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "application_drafts: 1 removed" in out.getvalue()
    assert "network_invitations: 1 removed" in out.getvalue()
    call_command("apply_retention", stdout=(again := StringIO()))
    assert "application_drafts: 0 removed" in again.getvalue()


def test_the_time_kept_is_a_setting(old_and_new, settings):
    # The recent invitation expired a day ago: ten days on, with ten days kept, it goes too.
    settings.SPRANG_RETENTION_EXPIRED_INVITATION_DAYS = 10
    assert apply_retention(now=timezone.now() + timedelta(days=5))["network_invitations"] == 1
    assert apply_retention(now=timezone.now() + timedelta(days=12))["network_invitations"] == 1
    assert not NetworkInvitation.objects.exists()
    settings.SPRANG_RETENTION_DRAFT_DAYS = 0
    with pytest.raises(ImproperlyConfigured, match="SPRANG_RETENTION_DRAFT_DAYS"):
        apply_retention(now=timezone.now())
