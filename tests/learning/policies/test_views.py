"""The policy register's pages: read by all staff, kept by the executive office."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import PolicyDocument, PolicyStatus
from learning.policies import services

pytestmark = pytest.mark.django_db

LIST = reverse("learning:policies")


@pytest.fixture
def policy(people, tree):
    return services.policy_create(by=people["director"], title="Lönepolicy", owner=tree["SLK"])


@pytest.mark.parametrize("who", ["employee", "manager", "director"])
def test_staff_read_the_register(client, people, policy, who):
    client.force_login(people[who])
    page = client.get(LIST).content.decode()
    assert "Lönepolicy" in page
    assert ("Lägg till ett dokument" in page) == (who == "director")
    assert client.get(policy.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["resident", "supplier"])
def test_people_outside_the_city_do_not(client, people, policy, who):
    client.force_login(people[who])
    assert client.get(LIST).status_code == 403
    assert client.get(policy.get_absolute_url()).status_code == 403


def test_the_empty_register_says_what_to_do(client, people):
    client.force_login(people["director"])
    assert "Lägg till det första dokumentet" in client.get(LIST).content.decode()
    client.force_login(people["employee"])
    assert "Inga policydokument är tillagda än" in client.get(LIST).content.decode()


@pytest.mark.parametrize("url", ["learning:policy_add", "learning:policy_edit", "learning:policy_delete"])
def test_only_the_executive_office_changes(client, people, policy, url):
    client.force_login(people["manager"])
    args = [] if url == "learning:policy_add" else [policy.pk]
    assert client.get(reverse(url, args=args)).status_code == 403
    assert client.post(reverse(url, args=args), {"title": "X", "lock_version": 1}).status_code == 403
    assert PolicyDocument.objects.get().title == "Lönepolicy"


def test_recording_a_review_without_its_conclusion_names_the_field(client, people, policy, tree):
    client.force_login(people["director"])
    response = client.post(
        reverse("learning:policy_edit", args=[policy.pk]),
        {
            "lock_version": 1,
            "title": "Lönepolicy",
            "owner": tree["SLK"].pk,
            "status": "no_change",
            "reviewed_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 200
    assert "Skriv översynens slutsats" in response.content.decode()


def test_no_change_needed_with_a_change_decided_is_refused_at_that_field(django_app, people, policy):
    page = django_app.get(reverse("learning:policy_edit", args=[policy.pk]), user=people["director"])
    (form,) = [f for f in page.forms.values() if "change_decided" in f.fields]
    form["status"] = "no_change"
    form["reviewed_on"] = timezone.localdate().isoformat()
    form["conclusion"] = "Policyn håller."
    form["change_decided"] = "Ett nytt avsnitt om distansarbete."
    response = form.submit(user=people["director"])
    assert response.status_int == 200
    assert 'href="#id_change_decided"' in response.text
    assert "En översyn som inte behöver någon ändring har ingen beslutad ändring" in response.text
    policy.refresh_from_db()
    assert policy.status == PolicyStatus.NOT_REVIEWED


def test_a_concurrent_edit_keeps_what_was_typed(client, people, policy, tree):
    services.policy_update(
        policy=policy, by=people["director"], expected_version=1, title="Lönepolicy 2026", owner=tree["SLK"]
    )
    client.force_login(people["director"])
    response = client.post(
        reverse("learning:policy_edit", args=[policy.pk]),
        {"lock_version": 1, "title": "Min ändring", "owner": tree["SLK"].pk, "status": "under_review"},
    )
    page = response.content.decode()
    assert "Någon annan ändrade dokumentet" in page and 'value="Min ändring"' in page
    assert PolicyDocument.objects.get().title == "Lönepolicy 2026"


def test_the_page_shows_the_history(client, people, policy, tree):
    services.policy_update(
        policy=policy,
        by=people["director"],
        expected_version=1,
        title="Lönepolicy",
        owner=tree["SLK"],
        status=PolicyStatus.UNDER_REVIEW,
    )
    client.force_login(people["employee"])
    page = client.get(policy.get_absolute_url()).content.decode()
    assert "Diana Direktör" in page
    assert page.count('class="sprang-timeline__item"') == 2  # added, then the status changed


def test_delete_asks_first(client, people, policy):
    client.force_login(people["director"])
    url = reverse("learning:policy_delete", args=[policy.pk])
    assert "Ta bort dokumentet" in client.get(url).content.decode()
    assert PolicyDocument.objects.exists()
    response = client.post(url, {"lock_version": 1})
    assert response.status_code == 302
    assert not PolicyDocument.objects.exists()


def test_filter_sort_and_search(client, people, policy, tree):
    services.policy_create(
        by=people["director"], title="Arbetsmiljöpolicy", owner=tree["SLK"], status=PolicyStatus.UNDER_REVIEW
    )
    client.force_login(people["employee"])
    page = client.get(LIST, {"status": "under_review", "sort": "reviewed"}).content.decode()
    assert "Arbetsmiljöpolicy" in page and "Lönepolicy" not in page
    page = client.get(LIST, {"q": "ingenting sådant"}).content.decode()
    assert "Inga dokument matchar" in page
