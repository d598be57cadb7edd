"""How well similar ideas are found: precision and recall on labelled Swedish idea pairs.

The existing ideas are the demo city's (sample_data/demo/ideas_texts.py); the new ideas and which of
those they must and must not be shown with are in fixtures/similar_ideas.json.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from ideas import selectors, similarity
from sample_data.demo.ideas_texts import IDEAS
from tests import factories

CASES = json.loads((Path(__file__).parent / "fixtures" / "similar_ideas.json").read_text(encoding="utf-8"))["cases"]

#: Floors under the figures measured when the ranking was chosen (see docs/adr/0017-similar-ideas-ranking.md).
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.9


@pytest.fixture
def demo_ideas(people):
    start = timezone.now()
    return [
        factories.idea(
            author=people["employee"],
            **{key: idea[key] for key in ("title", "problem", "audience", "proposal", "expected_value")},
            notify_office=False,
            now=start - timedelta(minutes=5 * n),  # within the hourly limit on new ideas
        )
        for n, idea in enumerate(IDEAS)
    ]


def evaluate(user) -> tuple[float, float, list[str]]:
    true_pos = false_pos = false_neg = 0
    misses: list[str] = []
    for case in CASES:
        shown = {idea.title for idea in selectors.similar_ideas(user=user, title=case["title"], text=case["problem"])}
        for title in case["match"]:
            if title in shown:
                true_pos += 1
            else:
                false_neg += 1
                misses.append(f"missed: {case['title']} -> {title}")
        for title in case["no_match"]:
            if title in shown:
                false_pos += 1
                misses.append(f"noise: {case['title']} -> {title}")
    return true_pos / (true_pos + false_pos), true_pos / (true_pos + false_neg), misses


def test_the_labelled_set_is_large_enough():
    assert sum(len(case["match"]) + len(case["no_match"]) for case in CASES) >= 30


def test_precision_and_recall_on_labelled_pairs(people, demo_ideas):
    precision, recall, misses = evaluate(people["employee"])
    print(f"\nsimilar ideas: precision {precision:.2f}, recall {recall:.2f}", *misses, sep="\n")  # noqa: T201
    assert precision >= PRECISION_FLOOR, misses
    assert recall >= RECALL_FLOOR, misses


def test_a_few_shared_common_words_show_nothing(people, demo_ideas):
    """Words like “i”, “på” and a district name are no reason to show an idea."""
    found = selectors.similar_ideas(
        user=people["employee"], title="Ny belysning i Farsta", text="Det är mörkt på kvällen."
    )
    assert all("belysning" in idea.title.lower() for idea in found)


def test_the_title_weighs_more_than_the_text():
    terms = similarity.query_terms(title="Digitala lås", text="Nycklar ")
    weights = {term.stem: term.weight for term in terms}
    assert weights["digital"] > weights["nyckl"]


def test_the_word_being_typed_and_long_stems_are_prefixes():
    prefixes = {t.stem: t.prefix for t in similarity.query_terms(title="Nattfasta på äldreboendet", text="Lås ny")}
    assert prefixes == {"nattfast": True, "äldreboend": True, "lås": False}
    typing = {t.stem: t.prefix for t in similarity.query_terms(title="", text="Digitala lås")}
    assert typing == {"digital": True, "lås": True}
