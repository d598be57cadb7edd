"""Who may do what with ideas. Declared once; views, the API and list filters all ask here."""

from __future__ import annotations

import rules
from django.db.models import Q

from ideas.lock import Stage
from ideas.models import Visibility
from organisation.models import PersonKind, Role


@rules.predicate
def is_city_staff(user) -> bool:
    return user.is_authenticated and user.kind == PersonKind.EMPLOYEE


@rules.predicate
def is_director(user) -> bool:
    return user.is_authenticated and user.is_director


@rules.predicate
def is_author(user, idea) -> bool:
    if idea is None or not user.is_authenticated:
        return False
    if idea.author_id == user.pk:
        return True
    # A page asks several rules about one idea: use its prefetched co-authors when it has them.
    if "co_authors" in getattr(idea, "_prefetched_objects_cache", {}):
        return any(person.pk == user.pk for person in idea.co_authors.all())
    return idea.co_authors.filter(pk=user.pk).exists()


@rules.predicate
def is_the_author(user, idea) -> bool:
    """The one person who wrote the idea and speaks for it; co-authors are not this."""
    return idea is not None and user.is_authenticated and idea.author_id == user.pk


@rules.predicate
def is_co_author(user, idea) -> bool:
    return is_author(user, idea) and not is_the_author(user, idea)


@rules.predicate
def is_public(user, idea) -> bool:
    return idea is not None and idea.visibility == Visibility.PUBLIC


@rules.predicate
def is_office_for(user, idea) -> bool:
    return idea is not None and user.is_authenticated and user.has_role(Role.OFFICE, idea.unit)


@rules.predicate
def is_manager_for(user, idea) -> bool:
    return idea is not None and user.is_authenticated and user.has_role(Role.MANAGER, idea.unit)


@rules.predicate
def is_coach_of(user, idea) -> bool:
    return idea is not None and user.is_authenticated and idea.coach_id == user.pk


@rules.predicate
def is_new(user, idea) -> bool:
    return idea is not None and idea.stage == Stage.IDEA


@rules.predicate
def has_office_role(user) -> bool:
    return user.is_authenticated and user.has_role(Role.OFFICE)


@rules.predicate
def leads_something(user) -> bool:
    return user.is_authenticated and any(user.has_role(r) for r in (Role.MANAGER, Role.OFFICE, Role.COACH))


is_authenticated = rules.is_authenticated
can_view = is_public | is_city_staff | is_author
is_decider = is_director | is_office_for | is_manager_for

rules.add_perm("ideas.view_idea", can_view)
rules.add_perm("ideas.submit_idea", is_authenticated)
rules.add_perm("ideas.edit_idea", (is_author & is_new) | is_office_for | is_director)
rules.add_perm("ideas.decide_gate", is_decider)
rules.add_perm("ideas.assign_coach", is_office_for | is_director)
# Naming the unit and kind of an idea its sender could not classify (a resident's, a supplier's).
rules.add_perm("ideas.classify_idea", is_office_for | is_director)
rules.add_perm("ideas.assess_idea", is_decider | is_coach_of)
rules.add_perm("ideas.comment_idea", is_authenticated & can_view)
rules.add_perm("ideas.moderate_comment", is_office_for | is_director)
rules.add_perm("ideas.support_idea", is_authenticated & can_view & ~is_author)
rules.add_perm("ideas.follow_idea", is_authenticated & can_view)
rules.add_perm("ideas.add_attachment", (is_author & is_new) | is_coach_of | is_decider)
# Only the author consents to publishing (and withdraws consent); those who work on the idea with them may ask.
rules.add_perm("ideas.consent_to_publish", is_the_author)
rules.add_perm("ideas.ask_to_publish", ~is_public & ~is_the_author & (is_co_author | is_office_for | is_director))
rules.add_perm("ideas.view_triage", has_office_role | is_director)
rules.add_perm("ideas.view_pipeline", leads_something | is_director)
# What helped and blocked ideas, counted: for everyone on the staff, over the ideas they may read.
rules.add_perm("ideas.view_lessons", is_city_staff)


def visible_ideas_filter(user) -> Q:
    """The list-filter twin of ``ideas.view_idea``."""
    if not user.is_authenticated:
        return Q(visibility=Visibility.PUBLIC)
    if user.kind == PersonKind.EMPLOYEE:
        return Q()
    from ideas.models import Idea

    co_authored = Idea.co_authors.through.objects.filter(user_id=user.pk).values("idea_id")
    return Q(visibility=Visibility.PUBLIC) | Q(author_id=user.pk) | Q(pk__in=co_authored)


def scope_filter(user, roles=(Role.MANAGER, Role.OFFICE, Role.COACH)) -> Q | None:
    """Ideas in the units this person leads, supports or triages; ``None`` means the whole city."""
    if user.is_director:
        return None
    from organisation.models import Unit

    units = Q(pk__in=[])
    for role in roles:
        for path in user.role_paths.get(role, []):
            units |= Q(path__startswith=path)
    q = Q(unit__in=Unit.objects.filter(units).values("pk"))
    if Role.COACH in roles:
        q |= Q(coach_id=user.pk)
    return q
