"""Rows kept as fragments (``core.fragments``): drawn once for what they show, never stale, never the viewer's."""

import pytest
from django.core.cache.backends.base import BaseCache
from django.test import override_settings
from django.utils import translation

from core.fragments import FRAGMENTS, Fragment
from ideas.models import Idea
from ideas.services import comment_add, support_toggle
from tests import factories


def _row(idea_pk):
    idea = Idea.objects.for_list().get(pk=idea_pk)
    return str(FRAGMENTS["components/idea_row.html"].render_many([idea])[0])


def test_a_row_changes_as_soon_as_what_it_shows_changes(people, tree):
    idea = factories.idea(author=people["employee"], title="Cykelpool")
    before = _row(idea.pk)
    assert _row(idea.pk) == before  # kept
    support_toggle(idea=idea, user=people["colleague"], kind="same_need")
    assert _row(idea.pk) != before
    Idea.objects.filter(pk=idea.pk).update(title="Lånecyklar")
    assert "Lånecyklar" in _row(idea.pk)
    idea.unit.name = "Nytt namn på enheten"
    idea.unit.save()
    assert "Nytt namn på enheten" in _row(idea.pk)


def test_each_language_has_its_own_rows(people, tree):
    idea = factories.idea(author=people["employee"])
    with translation.override("sv"):
        swedish = _row(idea.pk)
    with translation.override("en"):
        english = _row(idea.pk)
    assert 'data-label="Steg"' in swedish
    assert 'data-label="Stage"' in english


@override_settings(SPRANG_FRAGMENTS_VERIFY=False)
def test_a_kept_row_is_not_drawn_again(people, tree, monkeypatch):
    ideas = [factories.idea(author=people["employee"], title=f"Idé {n}") for n in range(3)]
    rows = FRAGMENTS["components/idea_row.html"]
    listed = list(Idea.objects.for_list().filter(pk__in=[i.pk for i in ideas]).order_by("pk"))
    first = rows.render_many(listed)
    drawn = []
    monkeypatch.setattr(Fragment, "draw", lambda self, item, context: drawn.append(item) or "")
    assert rows.render_many(listed) == first
    assert drawn == []


def test_the_page_values_are_part_of_the_key(people, tree):
    idea = factories.idea(author=people["employee"])
    comments = FRAGMENTS["ideas/partials/comment.html"]
    comment_add(idea=idea, author=people["colleague"], body="Bra idé!")
    listed = list(idea.comments.select_related("author").all())
    with translation.override("sv"):
        assert "Dölj" in str(comments.render_many(listed, can_moderate=True)[0])
        assert "Dölj" not in str(comments.render_many(listed, can_moderate=False)[0])


def test_a_fragment_that_shows_more_than_it_declares_is_caught(people, tree):
    idea = factories.idea(author=people["employee"], title="Första rubriken")
    careless = Fragment("components/idea_row.html", "idea", shows=lambda idea: (idea.pk,))
    careless.render_many(list(Idea.objects.for_list().filter(pk=idea.pk)))
    Idea.objects.filter(pk=idea.pk).update(title="Andra rubriken")
    changed = list(Idea.objects.for_list().filter(pk=idea.pk))
    with pytest.raises(AssertionError, match="shows more than it declares"):
        careless.render_many(changed)
    with override_settings(SPRANG_FRAGMENTS_VERIFY=False):
        assert "Första rubriken" in careless.render_many(changed)[0]  # what the check is there for


class AwayCache(BaseCache):
    """A cache whose server does not answer."""

    def __init__(self, location, params):
        super().__init__(params)

    def get_many(self, keys, version=None):
        raise ConnectionError("the cache does not answer")

    def set_many(self, data, timeout=None, version=None):
        raise ConnectionError("the cache does not answer")


def test_the_list_is_drawn_when_the_cache_is_away(client, people, tree):
    factories.idea(author=people["employee"], title="Cykelpool i Norra")
    client.force_login(people["director"])
    away = {"BACKEND": "tests.core.test_fragments.AwayCache"}
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "away": away},
        SPRANG_FRAGMENT_CACHE="away",
    ):
        page = client.get("/ideas/")
    assert page.status_code == 200
    assert "Cykelpool i Norra" in page.content.decode()


def test_the_release_is_read_from_the_project_alone(monkeypatch):
    from pathlib import Path

    from core.fragments import release

    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path) or original(path))
    release.cache_clear()
    try:
        release()
    finally:
        release.cache_clear()
    names = {str(path) for path in read}
    assert any(name.endswith("templates/components/idea_row.html") for name in names)
    assert any(name.endswith("locale/sv/LC_MESSAGES/django.mo") for name in names)
    assert any(name.endswith("ideas/fragments.py") for name in names)
    # Installed packages are not read, also where the virtual environment is inside the project's folder.
    assert not [name for name in names if "site-packages" in name]


class CountingCache(BaseCache):
    """A shared cache that keeps what it is given and counts how often it is asked."""

    def __init__(self, location, params):
        super().__init__(params)
        self.kept: dict = {}
        self.asked = 0

    def get_many(self, keys, version=None):
        self.asked += 1
        return {key: self.kept[key] for key in keys if key in self.kept}

    def set_many(self, data, timeout=None, version=None):
        self.kept.update(data)
        return []


@override_settings(SPRANG_FRAGMENT_CACHE="counting", SPRANG_FRAGMENTS_VERIFY=False)
def test_rows_read_once_are_kept_in_the_process_and_a_change_is_another_key(people, tree):
    from django.core.cache import caches

    from core.fragments import KEPT_HERE

    counting = {"BACKEND": "tests.core.test_fragments.CountingCache"}
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "counting": counting}
    ):
        shared = caches["counting"]
        idea = factories.idea(author=people["employee"], title="Cykelpool")
        first = _row(idea.pk)
        assert shared.asked == 1 and len(shared.kept) == 1  # drawn, kept in both
        KEPT_HERE.clear()  # another worker: it has the row from the shared cache once, then from itself
        assert _row(idea.pk) == first and shared.asked == 2
        assert _row(idea.pk) == first and _row(idea.pk) == first
        assert shared.asked == 2
        Idea.objects.filter(pk=idea.pk).update(title="Lånecyklar")
        assert "Lånecyklar" in _row(idea.pk)  # what it shows changed: another key, never the kept row
        assert shared.asked == 3


@override_settings(SPRANG_FRAGMENTS_KEPT_IN_PROCESS=3)
def test_the_process_keeps_only_the_rows_used_last():
    from core.fragments import KeptHere

    kept = KeptHere()
    kept.set_many({"a": "A", "b": "B", "c": "C"})
    assert kept.get_many(["a"]) == {"a": "A"}  # a is used again: b is now the oldest
    kept.set_many({"d": "D"})
    assert kept.get_many(["a", "b", "c", "d"]) == {"a": "A", "c": "C", "d": "D"}
    assert len(kept) == 3
    with override_settings(SPRANG_FRAGMENTS_KEPT_IN_PROCESS=0):
        kept.clear()
        kept.set_many({"e": "E"})
        assert len(kept) == 0
