"""Every events form, submitted the way a browser does: rendered, only the shown fields filled in, sent.

The same harness as ``tests/forms/test_roundtrip.py`` (``tests.forms.browser_like``): a form whose page leaves
out a field the view needs cannot pass here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from spread.events import services
from spread.models import (
    Adoption,
    Event,
    Exhibitor,
    ExhibitorStatus,
    Lead,
    LeadStatus,
    Registration,
    RegistrationStatus,
)
from tests.forms.browser_like import errors, fill, post_forms
from tests.spread.events.conftest import make_event, started

pytestmark = pytest.mark.django_db


@dataclass
class Case:
    id: str
    role: str | None
    page: Callable[[dict], str]  # builds what it needs and answers where the form is
    posts_to: str
    check: Callable[[dict], object]
    values: Callable[[dict], dict] = lambda w: {}
    button: tuple[str, str] | None = None


def _fair(w: dict, **fields) -> Event:
    w["event"] = make_event(by=w["people"]["office"], capacity=1, **fields)
    return w["event"]


def _stand(w: dict) -> Exhibitor:
    event = _fair(w)
    exhibitor = services.exhibitor_apply(event=event, example=w["example"], by=w["people"]["employee"])
    w["exhibitor"] = services.exhibitor_decide(exhibitor=exhibitor, by=w["people"]["office"], accept=True)
    return w["exhibitor"]


def _event_values(w: dict) -> dict:
    day = (timezone.localdate() + timedelta(days=40)).isoformat()
    return {
        "title": "Goda exempelmässan hösten",
        "starts_on": day,
        "starts_time": "09:00",
        "ends_time": "15:00",
        "place": "Stadshuset",
        "capacity": "80",
    }


def _registered(w: dict, who: str) -> Registration:
    w["registration"] = services.registration_create(event=_fair(w), by=w["people"][who])
    return w["registration"]


def _lead(w: dict) -> Lead:
    w["lead"] = services.lead_create(exhibitor=_stand(w), by=w["people"]["colleague"])
    Adoption.objects.create(
        example=w["example"],
        unit=w["people"]["colleague"].unit,
        started_by=w["people"]["colleague"],
        start_date=timezone.localdate(),
    )
    return w["lead"]


def _attended(w: dict) -> bool:
    return Registration.objects.get(pk=w["registration"].pk).attended is True


CASES = [
    Case(
        "create an event (office)",
        "office",
        lambda w: reverse("spread:event_create"),
        "spread:event_create",
        lambda w: Event.objects.filter(title="Goda exempelmässan hösten", capacity=80).exists(),
        values=_event_values,
    ),
    Case(
        "edit an event (director)",
        "director",
        lambda w: reverse("spread:event_edit", args=[_fair(w).pk]),
        "spread:event_edit",
        lambda w: Event.objects.get(pk=w["event"].pk).title == "Ny titel",
        values=lambda w: {"title": "Ny titel"},
    ),
    Case(
        "cancel an event (office)",
        "office",
        lambda w: reverse("spread:event_cancel", args=[_fair(w).pk]),
        "spread:event_cancel",
        lambda w: Event.objects.get(pk=w["event"].pk).cancelled_at is not None,
    ),
    Case(
        "register (staff)",
        "employee",
        lambda w: reverse("spread:event", args=[_fair(w).pk]),
        "spread:event_register",
        lambda w: Registration.objects.filter(event=w["event"], person=w["people"]["employee"]).exists(),
    ),
    Case(
        "register (a visitor signed out, public event)",
        None,
        lambda w: reverse("spread:event_register", args=[_fair(w, is_public=True).pk]),
        "spread:event_register",
        lambda w: Registration.objects.filter(event=w["event"], person=None, name="Vera Besökare").exists(),
        values=lambda w: {"name": "Vera Besökare", "email": "vera@example.com"},
    ),
    Case(
        "cancel one's registration",
        "employee",
        lambda w: reverse("spread:registration_cancel", args=[_registered(w, "employee").pk]),
        "spread:registration_cancel",
        lambda w: Registration.objects.get(pk=w["registration"].pk).status == RegistrationStatus.CANCELLED,
    ),
    Case(
        "apply to exhibit (the example's owner)",
        "employee",
        lambda w: reverse("spread:exhibitor_apply", args=[_fair(w).pk]),
        "spread:exhibitor_apply",
        lambda w: Exhibitor.objects.filter(event=w["event"], example=w["example"]).exists(),
        values=lambda w: {"example": str(w["example"].pk)},
    ),
    Case(
        "accept an exhibitor (office)",
        "office",
        lambda w: (
            services.exhibitor_apply(event=_fair(w), example=w["example"], by=w["people"]["employee"])
            and reverse("spread:event", args=[w["event"].pk])
        ),
        "spread:exhibitor_decide",
        lambda w: Exhibitor.objects.get(event=w["event"]).status == ExhibitorStatus.ACCEPTED,
        button=("decision", "accept"),
    ),
    Case(
        "withdraw an application to exhibit (the example's owner)",
        "employee",
        lambda w: reverse("spread:exhibitor_withdraw", args=[_stand(w).event_id, w["exhibitor"].pk]),
        "spread:exhibitor_withdraw",
        lambda w: Exhibitor.objects.get(pk=w["exhibitor"].pk).status == ExhibitorStatus.WITHDRAWN,
    ),
    Case(
        "we want to know more (a visitor)",
        "colleague",
        lambda w: reverse("spread:lead_create", args=[_stand(w).event_id, w["exhibitor"].pk]),
        "spread:lead_create",
        lambda w: Lead.objects.filter(example=w["example"], person=w["people"]["colleague"]).exists(),
    ),
    Case(
        "note a visitor's interest (the exhibitor)",
        "employee",
        lambda w: reverse("spread:lead_create", args=[_stand(w).event_id, w["exhibitor"].pk]),
        "spread:lead_create",
        lambda w: Lead.objects.filter(example=w["example"], email="vera@example.com").exists(),
        values=lambda w: {"name": "Vera Besökare", "email": "vera@example.com"},
    ),
    Case(
        "follow a lead up into an adoption (the owner)",
        "employee",
        lambda w: reverse("spread:lead_edit", args=[_lead(w).pk]),
        "spread:lead_edit",
        lambda w: Lead.objects.get(pk=w["lead"].pk).adoption is not None,
        values=lambda w: {"status": LeadStatus.ADOPTING, "adoption": ...},
    ),
    Case(
        "mark attendance (office)",
        "office",
        lambda w: (
            _registered(w, "employee"),
            started(w["event"]),
            reverse("spread:event_attendance", args=[w["event"].pk]),
        )[-1],
        "spread:event_attendance",
        _attended,
        values=lambda w: {"attended": [str(w["registration"].pk)]},
    ),
]


@pytest.mark.parametrize("c", [pytest.param(c, id=c.id) for c in CASES])
def test_form_round_trip(c: Case, people, example, django_app):
    w: dict[str, Any] = {"people": people, "example": example}
    user = people[c.role] if c.role else None
    url = c.page(w)
    mail.outbox.clear()
    page = django_app.get(url, user=user)
    forms = post_forms(page, url)
    assert c.posts_to in forms, f"{url} as {c.role} shows no form posting to {c.posts_to}; it shows {sorted(forms)}"
    form = fill(forms[c.posts_to][0], c.values(w))
    resp = form.submit(c.button[0], value=c.button[1]) if c.button else form.submit()
    assert resp.status_int in (200, 302, 303), resp.status
    assert not errors(resp), errors(resp)
    if resp.status_int in (302, 303):
        followed = resp.follow(user=user) if user else resp.follow()
        assert not errors(followed), errors(followed)
    assert c.check(w)
