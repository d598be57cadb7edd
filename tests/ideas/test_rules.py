"""Who may do what with ideas: the role × permission matrix of ideas/rules.py.

Both ideas are written by Anna Anställd (employee) in Björkens äldreboende
(SDF-N-ALD-1, under Norra stadsdelsförvaltningen SDF-N), are still in stage
"idea", have Karin Medförfattare (an employee in Skola Södra) as co-author and Cecilia Coach
as their innovation coach. One is internal, one public.
"""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from ideas import services
from ideas.lock import Stage
from ideas.models import Idea, Visibility
from ideas.rules import scope_filter
from organisation.models import Role
from organisation.services import role_assign
from tests import factories

ROLES = (
    "anonymous",
    "employee",
    "co_author",
    "colleague",
    "manager",
    "coach",
    "office",
    "other_office",
    "director",
    "resident",
    "supplier",
)

PERMISSIONS = (
    "view_idea",
    "submit_idea",
    "edit_idea",
    "decide_gate",
    "assign_coach",
    "assess_idea",
    "comment_idea",
    "moderate_comment",
    "support_idea",
    "follow_idea",
    "add_attachment",
    "view_triage",
    "view_pipeline",
    "ask_to_publish",
    "consent_to_publish",
    "classify_idea",
    "view_lessons",
)

# Each cell is two letters: the answer for the internal idea, then for the public idea.
# Y = allowed, n = refused. The table is read off the rules, not off the code's output:
# - city staff read every idea; residents and suppliers read public ideas and their own;
# - the author edits and attaches only while the idea is in stage "idea", and never supports their own idea;
# - the manager and the innovation office of SDF-N (and the director) decide; the office of SDF-S does not;
# - the office and the director classify an idea (its unit and kind), as they assign its coach;
# - the coach assigned to the idea assesses it and may attach files;
# - triage is for anyone with an office role (and the director), the pipeline for managers, offices and coaches;
# - only the author consents to publishing (and withdraws consent from the public idea); co-authors, the office
#   and the director may ask the author to publish an internal idea. Nobody else, and nobody about a public idea.
# - the lessons view is for everyone on the staff (each sees the lessons of the ideas they may read).
MATRIX = {
    #                view  subm  edit  dec   coach asses comm  moder supp  foll  attch triag pipe  ask   cons  class less
    "anonymous":    ("nY", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn", "nn"),
    "employee":     ("YY", "YY", "YY", "nn", "nn", "nn", "YY", "nn", "nn", "YY", "YY", "nn", "nn", "nn", "YY", "nn", "YY"),
    "co_author":    ("YY", "YY", "YY", "nn", "nn", "nn", "YY", "nn", "nn", "YY", "YY", "nn", "nn", "Yn", "nn", "nn", "YY"),
    "colleague":    ("YY", "YY", "nn", "nn", "nn", "nn", "YY", "nn", "YY", "YY", "nn", "nn", "nn", "nn", "nn", "nn", "YY"),
    "manager":      ("YY", "YY", "nn", "YY", "nn", "YY", "YY", "nn", "YY", "YY", "YY", "nn", "YY", "nn", "nn", "nn", "YY"),
    "coach":        ("YY", "YY", "nn", "nn", "nn", "YY", "YY", "nn", "YY", "YY", "YY", "nn", "YY", "nn", "nn", "nn", "YY"),
    "office":       ("YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "Yn", "nn", "YY", "YY"),
    "other_office": ("YY", "YY", "nn", "nn", "nn", "nn", "YY", "nn", "YY", "YY", "nn", "YY", "YY", "nn", "nn", "nn", "YY"),
    "director":     ("YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "YY", "Yn", "nn", "YY", "YY"),
    "resident":     ("nY", "YY", "nn", "nn", "nn", "nn", "nY", "nn", "nY", "nY", "nn", "nn", "nn", "nn", "nn", "nn", "nn"),
    "supplier":     ("nY", "YY", "nn", "nn", "nn", "nn", "nY", "nn", "nY", "nY", "nn", "nn", "nn", "nn", "nn", "nn", "nn"),
}  # fmt: skip

#: Permissions that are about the person, not about one idea.
GLOBAL_PERMISSIONS = ("submit_idea", "view_triage", "view_pipeline", "view_lessons")

CASES = [pytest.param(role, perm, id=f"{role}-{perm}") for role in ROLES for perm in PERMISSIONS]


def _user(people, role):
    return AnonymousUser() if role == "anonymous" else people[role]


@pytest.fixture
def ideas(people):
    author, office = people["employee"], people["office"]
    people["co_author"] = co_author = factories.person(unit=people["colleague"].unit, name="Karin Medförfattare")
    internal = factories.idea(
        author=author, title="Nattfasta på Björken", visibility=Visibility.INTERNAL, co_authors=[co_author]
    )
    public = factories.idea(
        author=author, title="Gemensam lunch med förskolan", visibility=Visibility.PUBLIC, co_authors=[co_author]
    )
    for idea in (internal, public):
        services.coach_assign(idea=idea, coach=people["coach"], by=office)
    return {"internal": Idea.objects.get(pk=internal.pk), "public": Idea.objects.get(pk=public.pk)}


def test_matrix_covers_every_declared_permission():
    declared = {name.removeprefix("ideas.") for name in rules.permissions.permissions if name.startswith("ideas.")}
    assert declared == set(PERMISSIONS)
    assert set(MATRIX) == set(ROLES)
    assert all(len(row) == len(PERMISSIONS) for row in MATRIX.values())


@pytest.mark.parametrize(("role", "perm"), CASES)
def test_permission_matrix(people, ideas, role, perm):
    user = _user(people, role)
    expected_internal, expected_public = (cell == "Y" for cell in MATRIX[role][PERMISSIONS.index(perm)])
    actual = {
        "internal": user.has_perm(f"ideas.{perm}", ideas["internal"]),
        "public": user.has_perm(f"ideas.{perm}", ideas["public"]),
    }
    assert actual == {"internal": expected_internal, "public": expected_public}
    if perm in GLOBAL_PERMISSIONS:
        assert expected_internal == expected_public
        assert user.has_perm(f"ideas.{perm}") is expected_internal


def test_author_may_edit_and_attach_only_while_the_idea_is_new(people, ideas):
    author, office = people["employee"], people["office"]
    idea = ideas["internal"]
    assert author.has_perm("ideas.edit_idea", idea)
    factories.move(idea, by=office, to=Stage.PRESTUDY)
    idea = Idea.objects.get(pk=idea.pk)
    assert not author.has_perm("ideas.edit_idea", idea)
    assert not author.has_perm("ideas.add_attachment", idea)
    # The office and the director still may.
    assert office.has_perm("ideas.edit_idea", idea)
    assert people["director"].has_perm("ideas.edit_idea", idea)
    # Reading, commenting and following do not depend on the stage.
    for perm in ("view_idea", "comment_idea", "follow_idea"):
        assert author.has_perm(f"ideas.{perm}", idea), perm


def test_only_the_assigned_coach_may_assess(people, ideas):
    other_coach = factories.person(unit=people["coach"].unit, role=Role.COACH, name="Bo Bisittare")
    idea = ideas["internal"]
    assert people["coach"].has_perm("ideas.assess_idea", idea)
    assert not other_coach.has_perm("ideas.assess_idea", idea)
    services.coach_assign(idea=idea, coach=None, by=people["office"])
    idea = Idea.objects.get(pk=idea.pk)
    assert not people["coach"].has_perm("ideas.assess_idea", idea)
    assert not people["coach"].has_perm("ideas.add_attachment", idea)


def test_a_coach_assigned_elsewhere_may_assess_outside_their_units(people, tree):
    idea = factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], title="Läxhjälp på lunchen")
    assert not people["coach"].has_perm("ideas.assess_idea", idea)
    services.coach_assign(idea=idea, coach=people["coach"], by=people["other_office"])
    idea = Idea.objects.get(pk=idea.pk)
    assert people["coach"].has_perm("ideas.assess_idea", idea)
    assert not people["coach"].has_perm("ideas.decide_gate", idea)


def test_co_author_counts_as_author(people):
    idea = factories.idea(author=people["employee"], co_authors=[people["supplier"]], title="Smartare tvättstuga")
    supplier, resident = people["supplier"], people["resident"]
    assert idea.visibility == Visibility.INTERNAL
    assert supplier.has_perm("ideas.view_idea", idea)
    assert supplier.has_perm("ideas.edit_idea", idea)
    assert not supplier.has_perm("ideas.support_idea", idea)
    assert not resident.has_perm("ideas.view_idea", idea)


def test_an_office_role_below_the_ideas_unit_does_not_decide(people, tree):
    """Roles reach down the tree, never up: an office for Björken does not decide for all of SDF-N."""
    small_office = factories.person(unit=tree["SDF-N-ALD-1"], role=Role.OFFICE, name="Lisa Lokal")
    idea_in_north = factories.idea(author=people["employee"], unit=tree["SDF-N"], title="Gemensam bilpool")
    idea_in_unit = factories.idea(author=people["employee"], unit=tree["SDF-N-ALD-1"], title="Fler sittplatser")
    assert not small_office.has_perm("ideas.decide_gate", idea_in_north)
    assert small_office.has_perm("ideas.decide_gate", idea_in_unit)


# --- Idea.objects.visible_to is the list twin of ideas.view_idea ---


@pytest.fixture
def many_ideas(people, tree, ideas):
    """Ideas of every kind of author and visibility, in both districts."""
    more = [
        factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], title="Skolgård som odlingslott"),
        factories.idea(
            author=people["colleague"], unit=tree["SDF-S-SKO"], title="Öppen skolgård", visibility=Visibility.PUBLIC
        ),
        factories.idea(author=people["resident"], unit=tree["SDF-N-ALD-1"], title="Fler bänkar vid entrén"),
        factories.idea(author=people["supplier"], unit=tree["SDF-S"], title="Gemensam leveranscentral"),
        factories.idea(
            author=people["colleague"], unit=tree["SDF-S"], co_authors=[people["resident"]], title="Medborgarpanel"
        ),
    ]
    return [ideas["internal"], ideas["public"], *more]


@pytest.mark.parametrize("role", ROLES)
def test_visible_to_matches_view_idea(people, many_ideas, role):
    user = _user(people, role)
    expected = {idea.pk for idea in many_ideas if user.has_perm("ideas.view_idea", idea)}
    assert set(Idea.objects.visible_to(user).values_list("pk", flat=True)) == expected
    # Outsiders see some ideas but not all; city staff see every one.
    if role in ("resident", "supplier", "anonymous"):
        assert 0 < len(expected) < len(many_ideas)
    else:
        assert len(expected) == len(many_ideas)


def test_visible_to_for_residents_and_suppliers(people, many_ideas):
    titles = lambda user: set(Idea.objects.visible_to(user).values_list("title", flat=True))  # noqa: E731
    public = {"Gemensam lunch med förskolan", "Öppen skolgård"}
    assert titles(AnonymousUser()) == public
    assert titles(people["resident"]) == public | {"Fler bänkar vid entrén", "Medborgarpanel"}
    assert titles(people["supplier"]) == public | {"Gemensam leveranscentral"}
    # A co-authored idea appears once, not once per author.
    assert Idea.objects.visible_to(people["resident"]).filter(title="Medborgarpanel").count() == 1


# --- scope_filter: the ideas in the units a person leads, supports or triages ---


@pytest.fixture
def scoped(people, tree, ideas):
    south = factories.idea(author=people["colleague"], unit=tree["SDF-S-SKO"], title="Läxhjälp på lunchen")
    south_coached = factories.idea(author=people["colleague"], unit=tree["SDF-S"], title="Cykelpool för personal")
    services.coach_assign(idea=south_coached, coach=people["coach"], by=people["other_office"])
    north_admin = factories.idea(author=people["manager"], unit=tree["SDF-N"], title="Gemensam bilpool")
    return {
        "north": {ideas["internal"].pk, ideas["public"].pk, north_admin.pk},
        "south": {south.pk, south_coached.pk},
        "south_coached": {south_coached.pk},
    }


def _scoped(user, **kwargs):
    q = scope_filter(user, **kwargs)
    qs = Idea.objects.all() if q is None else Idea.objects.filter(q)
    return set(qs.values_list("pk", flat=True))


def test_scope_filter_director_sees_the_whole_city(people, scoped):
    assert scope_filter(people["director"]) is None
    assert scope_filter(people["director"], roles=(Role.OFFICE,)) is None


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("manager", "north"),
        ("office", "north"),
        ("other_office", "south"),
        ("coach", "north+south_coached"),
        ("employee", ""),
        ("colleague", ""),
        ("resident", ""),
        ("supplier", ""),
    ],
)
def test_scope_filter_default_roles(people, scoped, role, expected):
    want = set().union(*(scoped[part] for part in expected.split("+") if part))
    assert _scoped(people[role]) == want


@pytest.mark.parametrize(
    ("role", "expected"),
    [("office", "north"), ("other_office", "south"), ("manager", ""), ("coach", ""), ("employee", "")],
)
def test_scope_filter_office_only(people, scoped, role, expected):
    """The triage queue asks for the office role only: managers and coaches triage nothing."""
    want = scoped[expected] if expected else set()
    assert _scoped(people[role], roles=(Role.OFFICE,)) == want


def test_scope_filter_person_with_roles_in_two_districts(people, tree, scoped):
    both = factories.person(unit=tree["SDF-N"], role=Role.MANAGER, name="Tove Tvåfaldig")
    role_assign(user=both, role=Role.MANAGER, unit=tree["SDF-S"])
    assert _scoped(both) == scoped["north"] | scoped["south"]
