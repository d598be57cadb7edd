"""OpenLab in the demo city and at city scale."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from challenges.models import (
    Assignment,
    AssignmentStatus,
    Deliverable,
    Project,
    ProjectIdea,
    ProjectKind,
    ProjectStatus,
    University,
)
from organisation.models import PersonKind, User

NOW = datetime(2026, 11, 27, 10, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.mark.django_db
def test_the_demo_has_a_completed_student_team_and_a_research_collaboration(client):
    from sample_data.demo import DemoBuilder, organisation
    from sample_data.demo import challenges_openlab as demo_openlab

    demo = DemoBuilder(ideas=0, governance_years=1, now=NOW)
    organisation.build(demo)
    demo_openlab.build(demo)
    assert University.objects.count() == 5
    team = Project.objects.get(kind=ProjectKind.STUDENT_TEAM)
    assert team.status == ProjectStatus.COMPLETED and team.milestones.count() == 3
    assert Deliverable.objects.filter(project=team, is_final_report=True).exists()
    assert ProjectIdea.objects.filter(project=team).exists()
    research = Project.objects.get(kind=ProjectKind.RESEARCH_GROUP)
    assert research.status == ProjectStatus.ACCEPTED
    assert Assignment.objects.filter(status=AssignmentStatus.OPEN).count() == 1
    for email, *_rest in demo_openlab.LOGINS:
        person = User.objects.get(email=email)
        assert person.kind == PersonKind.UNIVERSITY
        assert client.login(email=email, password="demo-Sprang-2026")
        assert client.get("/challenges/openlab/").status_code == 200


@pytest.mark.django_db
def test_no_two_people_with_demo_logins_share_a_name():
    from sample_data.demo import DemoBuilder, organisation
    from sample_data.demo import challenges_openlab as demo_openlab

    demo = DemoBuilder(ideas=0, governance_years=1, now=NOW)
    organisation.build(demo)
    demo_openlab.build(demo)
    assert User.objects.filter(name="Johan Ek").count() == 1
    assert User.objects.filter(email="jonas.berg@ki.example.se", name="Jonas Berg").exists()


@pytest.mark.django_db
def test_the_city_scale_openlab_has_four_universities_and_collaborations_over_ten_years():
    from sample_data.scale import ScaleBuilder
    from sample_data.scale import challenges_openlab as scale_openlab
    from sample_data.scale import organisation as scale_organisation

    builder = ScaleBuilder(factor=0.002, seed=7)
    scale_organisation.build(builder)
    scale_openlab.build(builder)
    assert University.objects.count() == 4
    assert Assignment.objects.count() >= 12
    assert Project.objects.filter(status=ProjectStatus.COMPLETED).exists()
    assert scale_openlab.counts()["universities"] == 4
    years = {d.year for d in Assignment.objects.values_list("created_at", flat=True)}
    assert len(years) >= 5
