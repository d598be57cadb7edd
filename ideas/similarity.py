"""How alike a new idea is to an existing one: shared stems, rare ones weighing more, titles most.

Pure functions, no database: ``ideas.selectors.similar_ideas`` reads the counts and the
candidates and ranks them here. See docs/adr/0017-similar-ideas-ranking.md.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ideas.search import stem, words

#: A term in the new idea's title counts this many times a term in its text.
QUERY_TITLE_WEIGHT = 2.0
#: A term found only in an existing idea's text (not its title) counts this share.
BODY_MATCH_WEIGHT = 0.5
#: The least share of the new idea's weight an existing idea must match to be shown.
MIN_SCORE = 0.25
#: At most this many terms are looked up (title first); later words of a long text add little.
MAX_TERMS = 20
#: A term's ideas are counted up to this many; a term in more is common, and weighs the least.
COUNT_CAP = 250
#: Prefixes shorter than this are not looked up while the person is still typing.
MIN_PREFIX = 3
#: A stem this long also matches longer words it begins: inflections Snowball leaves
#: (nattfasta/nattfastan) and compounds (hemtjänst/hemtjänstgruppen).
LONG_STEM = 6

_ENDS_IN_WORD = re.compile(r"[0-9a-zåäöéü]$", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    stem: str
    weight: float
    prefix: bool


def query_terms(*, title: str, text: str) -> list[Term]:
    """The stems of a new idea, title first; the word still being typed at the end of a field is a prefix."""
    weights: dict[str, float] = {}
    prefixes: set[str] = set()
    for field, weight in ((title, QUERY_TITLE_WEIGHT), (text, 1.0)):
        field_words = words(field)
        for position, word in enumerate(field_words):
            term = stem(word)
            weights[term] = max(weights.get(term, 0.0), weight)
            if position == len(field_words) - 1 and _ENDS_IN_WORD.search(field) and field.lower().endswith(word):
                prefixes.add(term)
    terms = [Term(term, weight, term in prefixes or len(term) >= LONG_STEM) for term, weight in weights.items()]
    return [t for t in terms if not t.prefix or len(t.stem) >= MIN_PREFIX][:MAX_TERMS]


def idf(total: int, frequency: int) -> float:
    return math.log(1 + total / frequency)


def _has(stems: str, term: Term) -> bool:
    """Whether ``stems`` (space-separated, with a space at each end) holds the term, or a word it begins."""
    return (" " + term.stem + ("" if term.prefix else " ")) in stems


def score(*, terms: list[Term], weights: dict[str, float], title: str, stems: str) -> float:
    """The share (0 to 1) of the new idea's weight that an existing idea matches.

    ``weights`` is each term's query weight times its IDF, for the terms some idea has.
    """
    total = sum(weights.values())
    if not total:
        return 0.0
    title_stems = " " + " ".join(stem(w) for w in words(title)) + " "
    text_stems = " " + stems + " "
    matched = 0.0
    for term in terms:
        weight = weights.get(term.stem)
        if not weight:
            continue
        if _has(title_stems, term):
            matched += weight
        elif _has(text_stems, term):
            matched += weight * BODY_MATCH_WEIGHT
    return matched / total
