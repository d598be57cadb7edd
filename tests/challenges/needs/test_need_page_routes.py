"""A need's page shows what its route has led to (the challenges published from it, its assignments to
universities) and the route's next step to whoever may take it."""

import re

import pytest
from django.urls import reverse

from challenges.models import NeedStatus, Route
from tests.challenges.challenges.conftest import make_challenge
from tests.challenges.conftest import routed_need

pytestmark = pytest.mark.django_db


def test_the_office_is_led_from_a_need_routed_to_a_challenge_to_writing_one(client, people):
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.PUBLIC_CHALLENGE)
    client.force_login(people["office"])
    page = client.get(need.get_absolute_url()).text
    assert "Ingen utmaning har publicerats från behovet än." in page
    assert reverse("challenges:challenge_create", args=[need.pk]) in page
    client.force_login(people["colleague"])
    assert reverse("challenges:challenge_create", args=[need.pk]) not in client.get(need.get_absolute_url()).text


def test_a_published_challenge_is_listed_on_its_needs_page(client, people):
    challenge = make_challenge(people)
    client.force_login(people["colleague"])
    page = client.get(challenge.need.get_absolute_url()).text
    assert challenge.get_absolute_url() in page and challenge.title in page


def test_the_office_closes_a_need_with_why_after_a_page_that_asks(client, people):
    """Rendered, filled in as shown and sent; the reason is asked for, the history kept, the writer told."""
    need = routed_need(writer=people["manager"], office=people["office"], route=Route.OPENLAB)
    client.force_login(people["colleague"])
    assert reverse("challenges:need_close", args=[need.pk]) not in client.get(need.get_absolute_url()).text
    assert client.get(reverse("challenges:need_close", args=[need.pk])).status_code == 403
    client.force_login(people["office"])
    page = client.get(need.get_absolute_url()).text
    assert reverse("challenges:need_close", args=[need.pk]) in page
    form = client.get(reverse("challenges:need_close", args=[need.pk])).text
    assert "Stäng behovet" in form and 'name="reason"' in form
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    refused = client.post(reverse("challenges:need_close", args=[need.pk]), {"version": version, "reason": " "})
    assert refused.status_code == 200 and "Skriv varför behovet stängs" in refused.text
    done = client.post(
        reverse("challenges:need_close", args=[need.pk]), {"version": version, "reason": "Löst med ny e-tjänst."}
    )
    assert done.status_code == 302
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED
    assert need.decisions.last().rationale == "Löst med ny e-tjänst."
    assert people["manager"].notifications.filter(message__contains="är stängt").exists()
    assert client.get(reverse("challenges:need_close", args=[need.pk])).status_code == 403  # once closed
