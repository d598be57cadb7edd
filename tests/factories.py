"""Test data, made through the same services the product uses."""

from __future__ import annotations

import itertools
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY

from ideas import services as idea_services
from ideas.lessons import Effect, Factor, LessonEntry, lessons_required
from ideas.lock import Stage, gate_for
from organisation import services as org_services
from organisation.models import PersonKind, Role, Unit, UnitKind, User

_seq = itertools.count(1)

TREE_CSV = """code,name,kind,parent_code,headcount,sectors
CITY,Teststaden,city,,1000,
KS,Kommunstyrelsen,committee,CITY,10,
SLK,Stadsledningskontoret,specialist_administration,KS,10,administration
SDN-N,Norra stadsdelsnämnden,committee,CITY,0,
SDF-N,Norra stadsdelsförvaltningen,district_administration,SDN-N,500,elderly_care
SDF-N-ALD,Äldreomsorg Norra,department,SDF-N,300,elderly_care
SDF-N-ALD-1,Björkens äldreboende,unit,SDF-N-ALD,60,elderly_care
SDN-S,Södra stadsdelsnämnden,committee,CITY,0,
SDF-S,Södra stadsdelsförvaltningen,district_administration,SDN-S,400,school
SDF-S-SKO,Skola Södra,department,SDF-S,200,school
"""


def build_tree() -> dict[str, Unit]:
    org_services.units_import_csv(text=TREE_CSV)
    return {u.code: u for u in Unit.objects.all()}


def person(
    *,
    kind: str = PersonKind.EMPLOYEE,
    unit: Unit | None = None,
    role: str | None = None,
    role_unit: Unit | None = None,
    name: str | None = None,
    capacity: int = 10,
) -> User:
    n = next(_seq)
    if kind == PersonKind.EMPLOYEE and unit is None:
        unit = Unit.objects.filter(kind=UnitKind.UNIT).first() or Unit.objects.exclude(kind=UnitKind.CITY).first()
    supplier = None
    if kind == PersonKind.SUPPLIER:
        supplier = org_services.supplier_get_or_create(name="Leverantören AB", org_number="556036-0793")
    user = org_services.person_create(
        email=f"person{n}@example.se",
        name=name or f"Person {n}",
        kind=kind,
        unit=unit,
        supplier=supplier,
        password="a-long-test-password",
    )
    if role:
        target = role_unit or (Unit.objects.get_first_root_node() if role == Role.DIRECTOR else unit)
        org_services.role_assign(user=user, role=role, unit=target, capacity=capacity)
        user = User.objects.get(pk=user.pk)
    return user


IDEA_TEXT = {
    "title": "Digitala lås i hemtjänsten",
    "problem": "Personalen i hemtjänsten hämtar och lämnar nycklar flera gånger om dagen.",
    "audience": "Hemtjänstpersonal och brukare.",
    "proposal": "Inför digitala lås så att personalen öppnar med mobilen.",
    "expected_value": "Mindre tid på nyckelhantering och färre borttappade nycklar.",
}


def idea(*, author: User, unit: Unit | None = None, **overrides):
    data = {**IDEA_TEXT, "kind": "process", "values": ["economic", "social"]}
    data.update(overrides)
    if data.get("visibility") == "public":
        data.setdefault("public_consent", True)
    return idea_services.idea_submit(
        author=author, unit=unit or author.unit or Unit.objects.get(code="SDF-N-ALD-1"), **data
    )


#: The lesson a move records when the lock asks for one and the test names none.
DEFAULT_LESSON = LessonEntry(Factor.TIME, Effect.HELPED, "Tid avsattes i schemat för arbetet.")


def move(idea_obj, *, by: User, to: str, **kwargs):
    """Move an idea as its decider would: every checklist point ticked, a lesson when one is required, and before
    spread, its good example published (``example=False`` leaves it out, to see the gate refuse)."""
    gate = gate_for(idea_obj.stage, to)
    checklist = {item.key: True for item in (gate.checklist if gate else ())}
    if to == Stage.CLOSED:
        kwargs.setdefault("closed_reason", "too_costly")
    if lessons_required(idea_obj.stage, to, parked_from=idea_obj.parked_from):
        kwargs.setdefault("lessons", [DEFAULT_LESSON])
    if kwargs.pop("example", True) and to == Stage.SPREAD:
        from django.utils import timezone

        from sample_data.demo.spread_examples_for_ideas import publish_example

        publish_example(idea_obj, at=kwargs.get("now") or timezone.now())
    return idea_services.gate_decide(
        idea=idea_obj, decided_by=by, to_stage=to, rationale="Beslut enligt underlag.", checklist=checklist, **kwargs
    )


def quality_award(*, by: User, chair: User, classes: tuple[str, ...], opens_at, closes_at, year: int):
    """A published quality award with one criterion, the given classes and ``chair`` chairing its jury."""
    from calls import services as call_services

    award = call_services.call_create(
        by=by,
        programme="quality_award",
        title="Kvalitetsutmärkelsen",
        summary="För verksamheter som utvecklar kvaliteten.",
        description="Anmäl verksamheten genom förvaltningen.",
        year=year,
        opens_at=opens_at,
        closes_at=closes_at,
    )
    call_services.criterion_add(call=award, by=by, name="Resultat")
    for name in classes:
        call_services.category_add(call=award, by=by, name=name)
    call_services.call_publish(call=award, by=by)
    call_services.juror_add(call=award, by=by, user=chair, is_chair=True)
    return award


def award_entry(
    award, *, by: User, unit: Unit, klass: str, title: str, juror: User | None = None, score=None, now=None
):
    """An entry in a class of ``award``, registered by ``by``, screened eligible and, with a ``score``, scored and
    submitted by ``juror`` on the award's one criterion."""
    from calls import services as call_services

    draft = call_services.application_start(call=award, applicant=by, now=now)
    draft = call_services.application_save(
        application=draft,
        by=by,
        expected_version=draft.version,
        unit=unit,
        category=award.categories.get(name=klass),
        title=title,
        summary="Kvalitet i vardagen.",
        description="Vi har arbetat om hela flödet.",
        staff_count=40,
        has_budget_responsibility=True,
    )
    entry = call_services.application_submit(application=draft, by=by, expected_version=draft.version, now=now)
    call_services.application_screen(application=entry, by=by, eligible=True)
    if score is not None and juror is not None:
        call_services.assignment_add(application=entry, juror=juror, by=by)
        call_services.scores_save(
            application=entry,
            juror=juror,
            expected_version=entry.assignments.get(juror=juror).version,
            scores={award.criteria.get().pk: (score, "Motivering.")},
            submit=True,
        )
    entry.refresh_from_db()
    return entry


def signed_in(user, times=1) -> list[str]:
    """Sessions of the person in the session store, as a browser's sign-in leaves them; their keys."""
    keys = []
    for _ in range(times):
        session = import_module(settings.SESSION_ENGINE).SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session.create()
        keys.append(session.session_key)
    return keys
