"""The ideas' part of a person's own data: what they wrote, supported, followed, coached, decided and assessed."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.audit import delete_forgetting
from core.personal_data_registry import erasure, iso, part
from ideas.models import (
    Assessment,
    Attachment,
    Comment,
    Follow,
    GateDecision,
    Idea,
    Lesson,
    PublicationEvent,
    Support,
)
from organisation.models import User


@part("ideas", models=[Idea])
def ideas(user: User) -> list[dict[str, Any]]:
    return [
        {
            "id": i.pk,
            "title": i.title,
            "stage": i.stage,
            "visibility": i.visibility,
            "public_consent": iso(i.public_consent_at),
            "created": i.created_at.isoformat(),
        }
        for i in Idea.objects.filter(author=user).order_by("created_at")
    ]


@part("co_authored_ideas", models=[Idea])
def co_authored_ideas(user: User) -> list[int]:
    return list(Idea.objects.filter(co_authors=user).order_by("pk").values_list("pk", flat=True))


@part("coached_ideas", models=[Idea])
def coached_ideas(user: User) -> list[int]:
    return list(Idea.objects.filter(coach=user).order_by("pk").values_list("pk", flat=True))


@part("comments", models=[Comment])
def comments(user: User) -> list[dict[str, Any]]:
    return [
        {"idea": c.idea_id, "body": c.body, "created": c.created_at.isoformat(), "hidden": c.hidden}
        for c in Comment.objects.filter(author=user).order_by("created_at")
    ]


@part("comments_hidden", models=[Comment])
def comments_hidden(user: User) -> list[dict[str, Any]]:
    """Comments the person hid as a moderator, with the reason they gave."""
    return [
        {"idea": c.idea_id, "comment": c.pk, "reason": c.hidden_reason, "updated": c.updated_at.isoformat()}
        for c in Comment.objects.filter(hidden_by=user).order_by("updated_at")
    ]


@part("supports", models=[Support])
def supports(user: User) -> list[dict[str, Any]]:
    return [
        {"idea": s.idea_id, "kind": s.kind, "created": s.created_at.isoformat()}
        for s in Support.objects.filter(user=user).order_by("created_at")
    ]


@part("follows", models=[Follow])
def follows(user: User) -> list[int]:
    return list(Follow.objects.filter(user=user).order_by("idea_id").values_list("idea_id", flat=True))


@part("publication_steps", models=[PublicationEvent])
def publication_steps(user: User) -> list[dict[str, Any]]:
    """Asking an author to publish, consenting, declining, withdrawing."""
    return [
        {"idea": e.idea_id, "step": e.step, "at": e.at.isoformat(), "message": e.message}
        for e in PublicationEvent.objects.filter(by=user).order_by("at", "pk")
    ]


@part("attachments", models=[Attachment])
def attachments(user: User) -> list[dict[str, Any]]:
    return [
        {"idea": a.idea_id, "file_name": a.original_name, "size": a.size, "uploaded": a.created_at.isoformat()}
        for a in Attachment.objects.filter(uploaded_by=user).order_by("created_at")
    ]


@part("gate_decisions", models=[GateDecision, Lesson])
def gate_decisions(user: User) -> list[dict[str, Any]]:
    return [
        {
            "idea": d.idea_id,
            "from": d.from_stage,
            "to": d.to_stage,
            "rationale": d.rationale,
            "lessons": [{"factor": x.factor, "effect": x.effect, "note": x.note} for x in d.lessons.all()],
            "decided": d.decided_at.isoformat(),
        }
        for d in GateDecision.objects.filter(decided_by=user).prefetch_related("lessons").order_by("decided_at", "pk")
    ]


@part("assessments", models=[Assessment])
def assessments(user: User) -> list[dict[str, Any]]:
    return [
        {
            "idea": a.idea_id,
            "novelty": a.novelty,
            "value_evidence": a.value_evidence,
            "in_use": a.in_use,
            "is_innovation": a.is_innovation,
            "assessed": a.assessed_at.isoformat(),
        }
        for a in Assessment.objects.filter(assessed_by=user).order_by("assessed_at", "pk")
    ]


# Erasure. An idea is in the lock once sent: its content, comments, attachments, the steps about publishing it,
# gate decisions and assessments are the city's public record (arkivlagen) and are kept, the person shown as the
# placeholder. A support or a follow is the person's own and no record: deleted.


@erasure(
    "idea_supports_and_follows",
    models=[Support, Follow],
    keeps=[],
    removes=[_("your support for ideas, and the ideas you follow")],
)
def erase_supports_and_follows(user: User, placeholder: str) -> int:
    return delete_forgetting(Support.objects.filter(user=user)) + delete_forgetting(Follow.objects.filter(user=user))


@erasure(
    "ideas_kept",
    models=[Idea, Comment, Attachment, PublicationEvent, GateDecision, Lesson, Assessment],
    keeps=[
        _("ideas you sent, wrote with others or coached, in the innovation lock, with their attachments"),
        _("your comments on ideas, your own and others'"),
        _("the decisions and assessments about ideas, and your consent to publish an idea"),
    ],
    removes=[],
)
def erase_ideas_kept(user: User, placeholder: str) -> int:
    """Kept as public records: ideas written, co-authored or coached, comments (received by the city on an idea's
    case), attachments, publishing steps (the consent that made an idea public), gate decisions and assessments."""
    return 0
