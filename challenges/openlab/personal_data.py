"""OpenLab's part of a person's own data: their university and role, invitations sent to them or by them, the
assignments they are a contact of, gave or cancelled, the projects they lead, are members of or decided, the milestones and
files of those projects, and the ideas started from them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from challenges.models import (
    Affiliation,
    Assignment,
    Deliverable,
    Milestone,
    Project,
    ProjectIdea,
    UniversityInvitation,
)
from core.personal_data_registry import iso, part
from organisation.models import User


@part("openlab_affiliation", models=[Affiliation, UniversityInvitation])
def affiliation(user: User) -> dict[str, Any]:
    row = Affiliation.objects.filter(user=user).select_related("university").first()
    invitations = UniversityInvitation.objects.filter(
        Q(invited_by=user) | Q(email__iexact=user.email) | Q(accepted_by=user)
    ).select_related("university")
    return {
        "university": row.university.name if row else None,
        "role": row.role if row else None,
        "invitations": [
            {
                "university": i.university.name,
                "email": i.email,
                "role": i.role,
                "sent_by_me": i.invited_by_id == user.pk,
                "sent": i.created_at.isoformat(),
                "expires": iso(i.expires_at),
                "accepted": iso(i.accepted_at),
            }
            for i in invitations.order_by("created_at", "pk")
        ],
    }


@part("openlab_assignments", models=[Assignment])
def assignments(user: User) -> list[dict[str, Any]]:
    """Assignments the person is the city's or the university's contact of, gave or cancelled."""
    rows = Assignment.objects.filter(
        Q(contact=user) | Q(university_contact=user) | Q(created_by=user) | Q(cancelled_by=user)
    )
    return [
        {
            "id": a.pk,
            "title": a.title,
            "university": a.university.name,
            "city_contact": a.contact_id == user.pk,
            "university_contact": a.university_contact_id == user.pk,
            "assigned_by_me": a.created_by_id == user.pk,
            "cancelled_by_me": a.cancelled_by_id == user.pk,
            "why_i_cancelled": a.cancel_reason if a.cancelled_by_id == user.pk else "",
            "created": a.created_at.isoformat(),
        }
        for a in rows.select_related("university").order_by("created_at", "pk")
    ]


@part("openlab_projects", models=[Project, Milestone, Deliverable, ProjectIdea])
def projects(user: User) -> dict[str, list]:
    """Projects led, joined or decided; their milestones; the files the person uploaded; ideas started from them."""
    rows = (
        Project.objects.filter(Q(lead=user) | Q(members=user) | Q(decided_by=user))
        .distinct()
        .prefetch_related("members", "milestones", "ideas_started")
        .order_by("created_at", "pk")
    )
    listed = []
    for p in rows:
        listed.append(
            {
                "id": p.pk,
                "title": p.title,
                "lead": p.lead_id == user.pk,
                "member": any(m.pk == user.pk for m in p.members.all()),
                "decided_by_me": p.decided_by_id == user.pk,
                "status": p.status,
                "decision_comment": p.decision_comment if p.decided_by_id == user.pk else "",
                "milestones": [
                    {"title": m.title, "due": iso(m.due_on), "done": iso(m.done_at)} for m in p.milestones.all()
                ],
                "ideas_started": [pi.idea_id for pi in p.ideas_started.all()],
            }
        )
    files = [
        {
            "project": f.project_id,
            "title": f.title,
            "file_name": f.original_name,
            "final_report": f.is_final_report,
            "uploaded": f.created_at.isoformat(),
        }
        for f in Deliverable.objects.filter(uploaded_by=user).order_by("created_at", "pk")
    ]
    return {"projects": listed, "files_uploaded": files}
