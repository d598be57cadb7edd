"""Two offices are named apart: the city's innovation office (Stadsledningskontoret), which runs the calls, and an
administration's own innovation office, which reads the ideas of its units."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_an_applicant_is_told_the_citys_innovation_office_checks_the_application(people, fund_application):
    client = Client()  # Swedish, the default
    client.force_login(people["employee"])
    html = text_of(client.get(f"/calls/applications/{fund_application.pk}/"))
    assert "Nu kontrollerar stadens innovationskontor (stadsledningskontoret) att ansökan uppfyller" in html
    assert "innovationskontoret" not in html.lower().replace("stadens innovationskontor", "")


def test_the_call_page_names_the_citys_innovation_office(people, fund):
    client = Client()
    html = text_of(client.get(f"/calls/{fund.pk}/"))
    assert "Stadens innovationskontor (stadsledningskontoret) kontrollerar att varje inskickad ansökan" in html


def test_the_idea_form_names_the_administrations_own_office(people):
    client = Client()
    client.force_login(people["employee"])
    html = text_of(client.get("/ideas/new/"))
    assert "Ert innovationskontor på förvaltningen eller bolaget läser alla idéer" in html
    client.cookies["django_language"] = "en"
    html = text_of(client.get("/ideas/new/"))
    assert "Every idea is read by your administration's or company's innovation office" in html
