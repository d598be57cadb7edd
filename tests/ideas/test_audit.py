"""Every write to ideas is in the audit log: who, and what changed (old → new), also outside a web request."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import ConflictError
from ideas import services
from ideas.lock import Stage
from ideas.models import Attachment, Comment, Follow, GateDecision, Idea, Support
from organisation.models import Role
from tests import factories
from tests.audit_log import CREATE, DELETE, UPDATE, assert_logged, entries

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PAST = datetime(2025, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture
def idea(people):
    return factories.idea(author=people["employee"], title="Digitala lås")


def test_submitting_logs_the_idea_with_its_author(people):
    idea = factories.idea(author=people["employee"], title="Digitala lås", now=PAST)
    assert_logged(
        idea, action=CREATE, actor=people["employee"], changes={"title": ("None", "Digitala lås"), "created_at": None}
    )
    assert not entries(idea, action=UPDATE).exists()  # created at its moment, not put back in time afterwards


def test_editing_logs_old_and_new_text_and_visibility(people, idea):
    services.idea_update(
        idea=idea,
        by=people["employee"],
        expected_version=idea.version,
        title="Digitala lås i hemtjänsten",
        visibility="public",
        public_consent=True,
        co_authors=[people["colleague"]],
    )
    entry = assert_logged(
        idea,
        action=UPDATE,
        actor=people["employee"],
        changes={"title": ("Digitala lås", "Digitala lås i hemtjänsten"), "visibility": ("internal", "public")},
    )
    assert "search_stems" not in entry.changes and "version" not in entry.changes
    m2m = entries(idea, action=UPDATE).filter(changes__has_key="co_authors").get()
    assert m2m.actor == people["employee"]


def test_a_stale_edit_is_refused_and_logs_nothing(people, idea):
    services.idea_update(idea=idea, by=people["employee"], expected_version=idea.version, title="Ny titel")
    before = entries(idea).count()
    stale = Idea.objects.get(pk=idea.pk)
    with pytest.raises(ConflictError):
        services.idea_update(idea=stale, by=people["employee"], expected_version=stale.version - 1, title="Gammal")
    assert entries(idea).count() == before
    assert Idea.objects.get(pk=idea.pk).title == "Ny titel"


def test_assigning_a_coach_is_logged(people, idea):
    services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
    assert_logged(idea, action=UPDATE, actor=people["office"], changes={"coach": ("None", str(people["coach"].pk))})


def test_a_gate_decision_logs_the_stage_change_and_the_decision(people, idea):
    decision = factories.move(idea, by=people["office"], to=Stage.PRESTUDY)
    assert_logged(
        idea,
        action=UPDATE,
        actor=people["office"],
        changes={"stage": (Stage.IDEA, Stage.PRESTUDY), "answered_at": None},
    )
    assert_logged(decision, action=CREATE, actor=people["office"], changes={"to_stage": None})


def test_a_gate_decision_through_the_api_names_the_token_holder(client, people, idea):
    from organisation.services import api_token_create

    _token, key = api_token_create(user=people["office"], name="Ärendesystemet")
    response = client.post(
        f"/api/v1/ideas/{idea.pk}/decisions",
        {"to_stage": Stage.CLOSED, "rationale": "Ingen budget.", "closed_reason": "too_costly"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
    assert_logged(idea, action=UPDATE, actor=people["office"], changes={"stage": (Stage.IDEA, Stage.CLOSED)})
    decision = GateDecision.objects.get(idea=idea)
    assert_logged(decision, action=CREATE, actor=people["office"])


def test_an_assessment_is_logged(people, idea):
    for stage in (Stage.PRESTUDY, Stage.PILOT, Stage.IMPLEMENTATION):
        factories.move(idea, by=people["office"], to=stage)
    assessment = services.assessment_record(
        idea=idea, assessed_by=people["office"], novelty="city", value_evidence="Mätt tid.", in_use=False
    )
    assert_logged(assessment, action=CREATE, actor=people["office"], changes={"novelty": ("None", "city")})


def test_comments_and_their_moderation_are_logged(people, idea):
    comment = services.comment_add(idea=idea, author=people["colleague"], body="Bra idé!", now=PAST)
    assert_logged(
        comment, action=CREATE, actor=people["colleague"], changes={"body": ("None", "Bra idé!"), "created_at": None}
    )
    assert not entries(comment, action=UPDATE).exists()  # created at its moment, not put back in time afterwards
    services.comment_hide(comment=Comment.objects.get(pk=comment.pk), by=people["office"], reason="Personuppgifter")
    assert_logged(comment, action=UPDATE, actor=people["office"], changes={"hidden": ("False", "True")})


def test_supports_and_follows_are_logged_when_given_and_taken_back(people, idea):
    person = people["colleague"]
    services.support_toggle(idea=idea, user=person, kind="same_need", now=PAST)
    support = Support.objects.get(idea=idea, user=person)
    assert_logged(support, action=CREATE, actor=person, changes={"created_at": None})
    assert not entries(support, action=UPDATE).exists()  # created at its moment, not put back in time afterwards
    services.support_toggle(idea=idea, user=person, kind="same_need")
    assert_logged(Support, support.pk, action=DELETE, actor=person)
    follow = Follow.objects.get(idea=idea, user=person)
    services.follow_toggle(idea=idea, user=person)
    assert_logged(Follow, follow.pk, action=DELETE, actor=person)
    services.follow_toggle(idea=idea, user=person)
    assert_logged(Follow.objects.get(idea=idea, user=person), action=CREATE, actor=person)


def test_an_attachment_is_logged(people, idea, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    services.attachment_add(
        idea=idea, uploaded_by=people["employee"], upload=SimpleUploadedFile("plan.pdf", PDF, "application/pdf")
    )
    attachment = Attachment.objects.get(idea=idea)
    assert_logged(attachment, action=CREATE, actor=people["employee"], changes={"original_name": ("None", "plan.pdf")})


def test_the_person_a_service_acts_for_is_the_actor_inside_another_scope(people, idea):
    """The actor is the person the service acts for, not whoever else is around in the same process."""
    other = factories.person(unit=people["office"].unit, role=Role.OFFICE, name="Otto Office")
    from core.audit import acting

    with acting(other):
        services.coach_assign(idea=idea, coach=people["coach"], by=people["office"])
        services.comment_add(idea=idea, author=other, body="Och jag")
    assert_logged(idea, action=UPDATE, actor=people["office"])
    assert_logged(Comment.objects.get(author=other), action=CREATE, actor=other)
