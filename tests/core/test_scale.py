"""The city-scale test data, generated at a tiny size: proportions, the lock's rules, determinism, search."""

from __future__ import annotations

import hashlib
import io
from collections import defaultdict
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from core import scale
from ideas.lock import ROUTE, Stage, gate_for
from ideas.models import Assessment, Comment, GateDecision, Idea, Source, Support, Visibility
from ideas.search import search, words
from ideas.services import TEXT_FIELDS
from organisation.models import ORGANISATION_KINDS, PersonKind, Role, RoleAssignment, Unit, UnitKind, User

FACTOR = 0.002  # 90 employees' worth, 200 ideas, 800 comments, 1,200 supports


def generate(*extra: str) -> str:
    out = io.StringIO()
    call_command("generate_scale_data", "--scale", "small", "--factor", str(FACTOR), "--seed", "7", *extra, stdout=out)
    return out.getvalue()


def digest() -> str:
    """A fingerprint of the data that does not depend on primary keys."""
    h = hashlib.sha256()
    queries = [
        Idea.objects.order_by("created_at", "title").values_list(
            "title", "problem", "stage", "created_at", "answered_at", "author__email", "unit__code", "coach__email"
        ),
        GateDecision.objects.order_by("idea__created_at", "idea__title", "decided_at").values_list(
            "idea__title", "from_stage", "to_stage", "decided_at", "decided_by__email", "rationale"
        ),
        Comment.objects.order_by("created_at", "author__email", "body").values_list(
            "idea__title", "author__email", "created_at", "body"
        ),
        Support.objects.order_by("created_at", "user__email").values_list("idea__title", "user__email", "kind"),
        User.objects.order_by("email").values_list("email", "name", "kind", "unit__code", "date_joined"),
    ]
    for query in queries:
        for row in query:
            h.update(repr(row).encode())
    return h.hexdigest()


@pytest.fixture(scope="module")
def generated_once(django_db_setup, django_db_blocker):
    """Generated once for the module (it takes a few seconds), committed, and flushed afterwards."""
    with django_db_blocker.unblock():
        output = generate()
        yield output
        call_command("flush", "--no-input", verbosity=0)


@pytest.fixture
def generated(generated_once, db):
    return generated_once


def test_counts_follow_the_requested_proportions(generated):
    sizes = scale.sizes_for(FACTOR)
    assert "ideas" in generated and "gate decisions" in generated
    assert Unit.objects.count() == 258
    assert Idea.objects.count() == sizes.ideas
    assert User.objects.filter(kind=PersonKind.RESIDENT).count() == sizes.residents
    assert User.objects.filter(kind=PersonKind.SUPPLIER).count() == sizes.suppliers
    assert User.objects.filter(kind=PersonKind.EMPLOYEE).count() >= sizes.employees
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()
    assert 0.7 * sizes.comments <= Comment.objects.count() <= 1.3 * sizes.comments
    assert 0.6 * sizes.supports <= Support.objects.count() <= 1.3 * sizes.supports
    decisions_per_idea = GateDecision.objects.count() / sizes.ideas
    assert 2.5 <= decisions_per_idea <= 3.5

    orgs = Unit.objects.filter(kind__in=ORGANISATION_KINDS)
    roles = RoleAssignment.objects
    assert roles.filter(role=Role.DIRECTOR, unit__depth=1).count() == 1
    assert set(roles.filter(role=Role.OFFICE).values_list("unit", flat=True)) == set(orgs.values_list("pk", flat=True))
    assert set(orgs.values_list("pk", flat=True)) <= set(roles.filter(role=Role.MANAGER).values_list("unit", flat=True))
    departments = Unit.objects.filter(kind=UnitKind.DEPARTMENT).count()
    assert roles.filter(role=Role.MANAGER, unit__kind=UnitKind.DEPARTMENT).count() >= 0.7 * departments
    assert roles.filter(role=Role.COACH).count() == sizes.coaches

    sources = dict.fromkeys(Source.values, 0)
    for source in Idea.objects.values_list("source", flat=True):
        sources[source] += 1
    assert sources[Source.EMPLOYEE] == max(sources.values())
    assert sources[Source.RESIDENT] > 0
    assert not Idea.objects.filter(source=Source.RESIDENT).exclude(visibility=Visibility.PUBLIC).exists()
    assert not Idea.objects.filter(visibility=Visibility.PUBLIC, public_consent_at__isnull=True).exists()
    assert Idea.objects.exclude(search_stems="").count() == sizes.ideas


def test_every_idea_moves_through_the_lock_in_order(generated):
    decisions = defaultdict(list)
    for decision in GateDecision.objects.order_by("decided_at", "pk"):
        decisions[decision.idea_id].append(decision)
    assessed = set(Assessment.objects.values_list("idea", flat=True))
    first_answer = timedelta(days=settings.SPRANG_FIRST_ANSWER_DAYS)
    for idea in Idea.objects.all():
        assert idea.answer_due_at == idea.created_at + first_answer
        steps = decisions[idea.pk]
        if not steps:
            assert (idea.stage, idea.answered_at, idea.stage_changed_at) == (Stage.IDEA, None, idea.created_at)
            continue
        stage, parked_from, when = Stage.IDEA, "", idea.created_at
        for step in steps:
            assert step.from_stage == stage
            assert gate_for(stage, step.to_stage) or (stage == Stage.PARKED and step.to_stage == parked_from)
            assert when < step.decided_at <= scale.REFERENCE
            if step.to_stage == Stage.SPREAD:
                assert idea.pk in assessed
            parked_from = stage if step.to_stage == Stage.PARKED else ""
            stage, when = step.to_stage, step.decided_at
        assert idea.stage == steps[-1].to_stage
        assert idea.stage_changed_at == steps[-1].decided_at
        assert idea.answered_at == steps[0].decided_at
        assert bool(idea.closed_reason) == (idea.stage == Stage.CLOSED)
        assert (idea.parked_from, idea.parked_until is not None) == (
            (parked_from, True) if idea.stage == Stage.PARKED else ("", False)
        )
    for assessment in Assessment.objects.select_related("idea"):
        reached = [d.to_stage for d in decisions[assessment.idea_id]]
        assert Stage.IMPLEMENTATION in reached
    assert Idea.objects.filter(stage__in=ROUTE).exists()


def test_search_finds_inflected_swedish_words(generated):
    ideas = Idea.objects.all()
    for query, inflected in (("cykel", "cyklar"), ("äldreboendet", "äldreboenden")):
        texts = [words(" ".join(getattr(i, f) for f in TEXT_FIELDS)) for i in search(ideas, query)]
        # Found by another form of the word only, not by the form searched for.
        assert any(inflected in text and query not in text for text in texts), query


def test_same_seed_gives_the_same_data_and_a_full_database_is_refused(generated):
    first = digest()
    with pytest.raises(CommandError, match="--reset"):
        generate()
    generate("--reset")
    assert digest() == first
