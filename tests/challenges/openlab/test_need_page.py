"""A need routed to OpenLab shows its assignments to universities on its page, and the office is led to assign it."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_need_routed_to_openlab_shows_its_assignment_and_the_office_may_assign_it_again(client, people, lab):
    client.force_login(people["office"])
    page = client.get(lab["need"].get_absolute_url()).text
    assert lab["assignment"].get_absolute_url() in page and "KTH" in page
    assert reverse("challenges:assignment_create", args=[lab["need"].pk]) in page
    client.force_login(people["manager"])
    assert (
        reverse("challenges:assignment_create", args=[lab["need"].pk])
        not in client.get(lab["need"].get_absolute_url()).text
    )
