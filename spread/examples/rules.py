"""Who may do what with good examples. Views, the API and the library's filter all ask here.

Staff read every published example; residents, suppliers and visitors who have not signed in read the
published examples that are public (their owner consented). An example waiting for confirmation or taken
out of the library is read only by those who may change it: its owner, the innovation office of its unit,
the director and the city's innovation office (who confirms proposed examples).
"""

from __future__ import annotations

import rules
from django.db.models import Q

from ideas.lock import Stage
from organisation.models import PersonKind, Role
from spread.models import ExampleStatus, ExampleVisibility

#: The stages from which an idea may be published as a good example (it has been put into practice).
PUBLISHABLE_STAGES = (Stage.IMPLEMENTATION, Stage.SPREAD)


@rules.predicate
def is_staff_member(user) -> bool:
    return user.is_authenticated and user.kind == PersonKind.EMPLOYEE


@rules.predicate
def is_published(user, example) -> bool:
    return example is not None and example.status == ExampleStatus.PUBLISHED


@rules.predicate
def is_public(user, example) -> bool:
    return example is not None and example.visibility == ExampleVisibility.PUBLIC


@rules.predicate
def is_proposed(user, example) -> bool:
    return example is not None and example.status == ExampleStatus.PROPOSED


@rules.predicate
def is_owner(user, example) -> bool:
    return example is not None and user.is_authenticated and example.owner_id == user.pk


@rules.predicate
def is_office_for_example(user, example) -> bool:
    return (
        example is not None
        and user.is_authenticated
        and example.unit_id is not None
        and user.has_role(Role.OFFICE, example.unit)
    )


@rules.predicate
def is_director(user) -> bool:
    return user.is_authenticated and user.is_director


@rules.predicate
def is_city_office(user) -> bool:
    """The city's innovation office (an office role at the top of the tree) or the director."""
    return user.is_authenticated and user.is_executive_office


@rules.predicate
def is_external(user, example) -> bool:
    return example is not None and example.is_external


@rules.predicate
def is_idea_author(user, idea) -> bool:
    return idea is not None and user.is_authenticated and idea.author_id == user.pk


@rules.predicate
def is_office_for_idea(user, idea) -> bool:
    return idea is not None and user.is_authenticated and user.has_role(Role.OFFICE, idea.unit)


@rules.predicate
def idea_in_practice(user, idea) -> bool:
    return idea is not None and idea.stage in PUBLISHABLE_STAGES


may_change = is_owner | is_office_for_example | is_director | is_city_office

rules.add_perm(
    "spread.view_example",
    (is_published & is_public) | (is_published & is_staff_member) | (is_staff_member & may_change),
)
# The owner of the idea, or the innovation office of its unit (and the director), publish it as a good example.
rules.add_perm("spread.publish_idea_as_example", idea_in_practice & (is_idea_author | is_office_for_idea | is_director))
rules.add_perm("spread.change_example", is_staff_member & ~is_external & may_change)
rules.add_perm("spread.confirm_example", is_proposed & is_city_office)
rules.add_perm("spread.view_proposed_examples", is_city_office)
# Only the owner consents to publishing the example outside the city, and withdraws that consent.
rules.add_perm("spread.consent_example", ~is_external & is_owner & ~is_proposed)


def visible_examples_filter(user) -> Q:
    """The library's twin of ``spread.view_example`` for published examples: what this person may find."""
    published = Q(status=ExampleStatus.PUBLISHED)
    if user.is_authenticated and user.kind == PersonKind.EMPLOYEE:
        return published
    return published & Q(visibility=ExampleVisibility.PUBLIC)
