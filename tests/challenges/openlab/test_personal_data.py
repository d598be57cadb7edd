"""OpenLab's part of a person's own data, and a university partner's own export."""

from __future__ import annotations

import json

import pytest

from challenges.models import (
    Affiliation,
    Assignment,
    Deliverable,
    Milestone,
    Project,
    ProjectIdea,
    UniversityInvitation,
)
from challenges.openlab import services
from core.personal_data_registry import covered_models
from tests.challenges.openlab.conftest import pdf, propose

pytestmark = pytest.mark.django_db


def test_openlabs_models_are_covered():
    assert {Affiliation, Assignment, Project, Milestone, Deliverable, ProjectIdea, UniversityInvitation} <= set(
        covered_models()
    )


def test_a_university_partner_downloads_their_own_data(client, people, lab):
    project = propose(lab["assignment"], lab["teacher"], members=[lab["student"]])
    services.project_decide(by=people["employee"], project=project, expected_version=1, accept=True)
    services.milestone_add(by=lab["student"], project=project, title="Intervjuer", due_on=project.ends_on)
    services.deliverable_add(by=lab["student"], project=project, title="Intervjusammanfattning", upload=pdf("i.pdf"))
    client.force_login(lab["student"])
    response = client.get("/profile/data.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    blob = json.dumps(data, ensure_ascii=False)
    assert "KTH" in blob and "Intervjuer" in blob and "i.pdf" in blob
    mine = data["openlab_projects"] if "openlab_projects" in data else data["parts"]["openlab_projects"]
    assert mine["projects"][0]["member"] is True
    client.force_login(people["employee"])
    contact = json.loads(client.get("/profile/data.json").content)
    assert "Snabbare bygglov" in json.dumps(contact, ensure_ascii=False)
