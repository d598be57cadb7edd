"""History is written at the moment a service is given: one INSERT, never put back in time afterwards."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from ideas import services as idea_services
from ideas.models import Comment, Idea, Support, SupportKind
from organisation import services as org_services
from tests import factories
from tests.audit_log import CREATE, UPDATE, entries

THEN = datetime(2024, 3, 5, 9, 30, tzinfo=ZoneInfo("Europe/Stockholm"))


def test_an_idea_comment_and_support_given_a_moment_are_created_and_last_changed_then_in_one_insert(people):
    idea = factories.idea(author=people["employee"], now=THEN)
    comment = idea_services.comment_add(idea=idea, author=people["colleague"], body="Bra idé.", now=THEN)
    idea_services.support_toggle(idea=idea, user=people["colleague"], kind=SupportKind.SAME_NEED, now=THEN)
    support = Support.objects.get(idea=idea, user=people["colleague"])

    for model, pk in ((Idea, idea.pk), (Comment, comment.pk), (Support, support.pk)):
        row = model.objects.get(pk=pk)
        assert (row.created_at, row.updated_at) == (THEN, THEN), model
        # Written once: created, never updated to put it back in time.
        assert [e.action for e in entries(model, pk)] == [CREATE], model
        assert not entries(model, pk, action=UPDATE).exists()


def test_a_row_without_a_moment_is_created_now_and_a_later_save_moves_only_updated_at(people):
    before = timezone.now()
    comment = idea_services.comment_add(
        idea=factories.idea(author=people["employee"]), author=people["colleague"], body="Ja"
    )
    comment.refresh_from_db()
    assert before <= comment.created_at == comment.updated_at <= timezone.now()

    idea = factories.idea(author=people["employee"], now=THEN)
    idea.save(update_fields=["updated_at"])
    idea.refresh_from_db()
    assert idea.created_at == THEN
    assert idea.updated_at >= before


def test_an_api_token_is_created_at_the_moment_given(people):
    token, _key = org_services.api_token_create(user=people["employee"], name="Rapporter", now=THEN)
    token.refresh_from_db()
    assert token.created_at == THEN
