"""What a case's page offers its officer as the next step."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_planning_cases_next_step_is_to_write_its_request(client, case, officers):
    client.force_login(officers["officer"])
    page = client.get(reverse("procurement:case", args=[case.pk])).content.decode()
    step = page.split('id="next-step"', 1)[1].split("</div>\n</div>", 1)[0]
    assert reverse("procurement:rfi_create", args=[case.pk]) in step
