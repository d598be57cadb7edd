"""Full-text search that understands Swedish inflection, on SQLite and PostgreSQL.

Every idea keeps ``search_stems``: its words reduced by the Swedish Snowball
stemmer plus a few rules for forms Snowball leaves apart (cykel/cyklar,
äldreboende/äldreboendet). On SQLite an FTS5 table mirrors that column
(kept in step by triggers). On PostgreSQL a generated ``tsvector`` column
combines the text under the ``swedish`` configuration with those stems, and a
trigram index on the title catches misspellings. Beside it PostgreSQL keeps every
word's weight in every idea (``ideas_idea_search_term``, kept in step by triggers),
so the best matches of a common word are found without ranking every match
(``best_first``; ``docs/adr/0027-search-ranked-from-kept-word-weights.md``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer
from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

WORD = re.compile(r"[0-9a-zåäöéü]+", re.IGNORECASE)
_E_BEFORE_LNR = re.compile(r"([bcdfghjklmnpqrstvwxz])e([lnr])$")
_stemmer = snowballstemmer.stemmer("swedish")

#: Words too common to help.
_STOP = frozenset(
    [
        "och",
        "i",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "han",
        "men",
        "var",
        "jag",
        "sig",
        "från",
        "vi",
        "så",
        "kan",
        "man",
        "när",
        "år",
        "säger",
        "hon",
        "under",
        "också",
        "efter",
        "eller",
        "nu",
        "sin",
        "där",
        "vid",
        "mot",
        "ska",
        "skulle",
        "kommer",
        "ut",
        "får",
        "finns",
        "vara",
        "hade",
        "alla",
        "andra",
        "mycket",
        "än",
        "här",
        "då",
        "sedan",
        "över",
        "bara",
        "in",
        "blir",
        "upp",
        "även",
        "vad",
        "få",
        "två",
        "vill",
        "ha",
        "många",
        "hur",
        "mer",
        "går",
        "sina",
        "ju",
        "olika",
        "the",
        "and",
    ]
)


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    s = _stemmer.stemWord(word.lower())
    if len(s) > 6 and s.endswith("et"):
        s = s[:-2]
    if len(s) > 4 and (s.endswith("eln") or s.endswith("ern")):
        s = s[:-1]
    return _E_BEFORE_LNR.sub(r"\1\2", s)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text or "") if len(w) > 1 and w.lower() not in _STOP]


def stems_for(*texts: str) -> str:
    return " ".join(stem(w) for text in texts for w in words(text))


def idea_stems(idea) -> str:
    return stems_for(idea.title, idea.title, idea.problem, idea.proposal, idea.audience, idea.expected_value)


def _fts5_query(terms: list[str], *, any_term: bool, prefix: bool) -> str:
    suffix = "*" if prefix else ""
    parts = [f'"{t}"{suffix}' for t in terms]
    return (" OR " if any_term else " AND ").join(parts)


def search(qs: QuerySet, query: str, *, any_term: bool = False, prefix: bool = False, fuzzy: bool = True) -> QuerySet:
    """Filter ``qs`` (ideas) to those matching ``query`` and order them by relevance.

    ``fuzzy`` (PostgreSQL only) also matches titles by trigram similarity, which catches
    misspellings but cannot use the full-text index alone; suggestions while typing skip it.
    """
    terms = list(dict.fromkeys(stem(w) for w in words(query)))
    if not terms:
        return qs
    if connection.vendor == "postgresql":
        return _search_postgres(qs, query, terms, any_term=any_term, prefix=prefix, fuzzy=fuzzy)
    match = _fts5_query(terms, any_term=any_term, prefix=prefix)
    # One pass over the FTS index, joined to the ideas, ranked by bm25. The SQL text is
    # constant and the query is a bound parameter; the ORM has no join to a virtual table.
    return qs.extra(  # noqa: S610
        tables=["ideas_idea_fts"],
        where=["ideas_idea_fts.rowid = ideas_idea.id", "ideas_idea_fts MATCH %s"],
        params=[match],
        select={"rank": "ideas_idea_fts.rank"},
    ).order_by("rank", "-created_at")


def _postgres_tsquery(query: str, terms: list[str], *, any_term: bool, prefix: bool) -> tuple[str, str, str]:
    """The search's tsquery as SQL with two parameters, and those parameters: the query under the
    ``swedish`` configuration OR'ed with the stems under ``simple``."""
    joiner = " | " if any_term else " & "
    suffix = ":*" if prefix else ""
    stems_query = joiner.join(f"'{t}'{suffix}" for t in terms)
    if any_term:
        swedish = "to_tsquery('swedish', %s)"
        swedish_text = " | ".join(re.sub(r"[^\w]", "", w) for w in words(query))
    else:
        swedish = "websearch_to_tsquery('swedish', %s)"
        swedish_text = query
    return f"({swedish} || to_tsquery('simple', %s))", swedish_text, stems_query


def _search_postgres(
    qs: QuerySet, query: str, terms: list[str], *, any_term: bool, prefix: bool, fuzzy: bool
) -> QuerySet:
    tsquery, swedish_text, stems_query = _postgres_tsquery(query, terms, any_term=any_term, prefix=prefix)
    # Parameters are bound, never interpolated: the SQL text is built from constants only.
    if fuzzy:
        matches = RawSQL(  # noqa: S611
            f"(ideas_idea.search_tsv @@ {tsquery} OR ideas_idea.title %% %s)",
            [swedish_text, stems_query, query],
            output_field=BooleanField(),
        )
    else:
        matches = RawSQL(  # noqa: S611
            f"ideas_idea.search_tsv @@ {tsquery}", [swedish_text, stems_query], output_field=BooleanField()
        )
    # Ranked by the words alone (the title counts twice in the vector): titles matched only by
    # trigram similarity, that is misspellings, come after. Computing the similarity of every
    # match as well doubled the time of a search for a common word at city scale. Such a title
    # ranks nothing even when it holds some of several words: ``ts_rank`` would give it a share.
    if fuzzy:
        rank = RawSQL(  # noqa: S611
            f"CASE WHEN ideas_idea.search_tsv @@ {tsquery} THEN -ts_rank(ideas_idea.search_tsv, {tsquery}) ELSE 0 END",
            [swedish_text, stems_query, swedish_text, stems_query],
        )
    else:
        rank = RawSQL(f"-ts_rank(ideas_idea.search_tsv, {tsquery})", [swedish_text, stems_query])  # noqa: S611
    return (
        qs.annotate(search_match=matches).filter(search_match=True).annotate(rank=rank).order_by("rank", "-created_at")
    )


#: The ideas of a search that can be among its best ``rows``, found from the kept word weights.
#: ``ts_rank`` ranks an idea for a query whose top operator is OR (the search's always is, unless its
#: Swedish half is empty and its stems are several) by the mean, over the query's distinct words, of
#: what it gives the idea for each word alone, and that is what ``ideas_idea_search_term`` keeps. The
#: words are read from the query PostgreSQL built, so they are exactly those ``ts_rank`` uses.
#:
#: The best are found without summing every match (Fagin's threshold algorithm): each word's ``depth``
#: best weights are read from the index in its order (``head``); an idea in no head can score at most
#: the sum of each word's last weight read (``bound``; nothing for a word whose rows were all read).
#: The ideas in the heads get their other words' weights by key, and are walked in the list's order
#: (sum, then newest first), each looked up by its key among the ideas the list may show (``among``:
#: its visibility and filters, without the search; ``OFFSET 0`` keeps PostgreSQL from turning the walk
#: into a join that reads every one first), until ``want`` are found. They are the answer when all
#: ``want`` were found and the last of them sums above the bound (or the query has one word, whose head
#: is its index order itself). Only a query of one or two words is read this way, that is one word and
#: its stem: the best matches of several words are the ideas that hold all of them, which seldom lead any
#: one word's weights, so the heads would not settle them. Otherwise every match's weights are summed
#: (``ranked``) and the best ``5 × want`` walked the same way (for several plain words, only the ideas that
#: hold each word in one of its forms, ``covers``: the others cannot match): the cost then grows with the
#: matches, as it always did. When the rank is not such a mean nothing is found, and the caller ranks every
#: match.
_BEST_FIRST = r"""ideas_idea.id = ANY(ARRAY(
    WITH query AS (
        SELECT {tsquery} AS q,
               numnode(websearch_to_tsquery('swedish', %s)) > 0
               OR numnode(to_tsquery('simple', %s)) = 1 AS by_words
    ),
    word AS MATERIALIZED (
        SELECT DISTINCT regexp_replace(m[1], '''('')|\\(.)', '\1\2', 'g') AS term
        FROM query, regexp_matches(query.q::text, '''((?:[^''\\]|''''|\\.)*)''', 'g') AS m
        WHERE query.by_words
    ),
    head AS MATERIALIZED (
        SELECT word.term, top.idea_id, top.score, top.created_at
        FROM word CROSS JOIN LATERAL (
            SELECT t.idea_id, t.score, t.created_at FROM ideas_idea_search_term t
            WHERE t.term = word.term
            ORDER BY t.score DESC, t.created_at DESC, t.idea_id
            LIMIT %s
        ) AS top
        WHERE (SELECT count(*) FROM word) <= 2
    ),
    bound AS MATERIALIZED (
        SELECT count(*) AS words, coalesce(sum(last.score), 0) AS score, min(last.created_at) AS created_at
        FROM word CROSS JOIN LATERAL (
            SELECT CASE WHEN count(*) < %s THEN 0 ELSE min(head.score::float8) END AS score,
                   CASE WHEN count(*) < %s THEN NULL ELSE min(head.created_at) FILTER (
                       WHERE head.score = (SELECT min(h.score) FROM head AS h WHERE h.term = word.term)
                   ) END AS created_at
            FROM head WHERE head.term = word.term
        ) AS last
    ),
    candidate AS (
        SELECT seen.idea_id, seen.created_at, sum(coalesce(own.score, (
                   SELECT t.score FROM ideas_idea_search_term t WHERE t.idea_id = seen.idea_id AND t.term = word.term
               ), 0)::float8) AS score
        FROM (SELECT DISTINCT idea_id, created_at FROM head) AS seen
        CROSS JOIN word
        LEFT JOIN head AS own ON own.idea_id = seen.idea_id AND own.term = word.term
        GROUP BY seen.idea_id, seen.created_at
    ),
    found AS MATERIALIZED (
        SELECT walked.idea_id, walked.score, walked.created_at
        FROM (SELECT idea_id, score, created_at FROM candidate ORDER BY score DESC, created_at DESC OFFSET 0) AS walked
        WHERE EXISTS (SELECT 1 FROM ({listed}) AS listed (id) WHERE listed.id = walked.idea_id OFFSET 0)
        LIMIT %s
    ),
    enough AS MATERIALIZED (
        SELECT count(*) = %s AND (
            (SELECT words FROM bound) = 1
            OR (min(score), min(created_at) FILTER (WHERE score = (SELECT min(score) FROM found)))
               > ((SELECT score FROM bound), coalesce((SELECT created_at FROM bound), '-infinity'))
        ) AS yes
        FROM found
    ),
    covers AS (
        SELECT term, bit_or(bit) AS words
        FROM (
            SELECT l.lexeme AS term, 1 << (w.n::int - 1) AS bit
            FROM unnest(%s::text[]) WITH ORDINALITY AS w (word, n), unnest(to_tsvector('swedish', w.word)) AS l
            UNION ALL
            SELECT s.stem, 1 << (s.n::int - 1) FROM unnest(%s::text[]) WITH ORDINALITY AS s (stem, n)
        ) AS bits
        GROUP BY term
    ),
    ranked AS (
        SELECT t.idea_id, t.created_at, sum(t.score::float8) AS score
        FROM ideas_idea_search_term t JOIN word ON t.term = word.term LEFT JOIN covers ON covers.term = word.term
        GROUP BY t.idea_id, t.created_at
        HAVING coalesce(bit_or(covers.words), 0) & %s = %s
    )
    SELECT idea_id FROM found WHERE (SELECT yes FROM enough)
    UNION ALL
    SELECT walked.idea_id
    FROM (SELECT idea_id, score, created_at FROM ranked ORDER BY score DESC, created_at DESC LIMIT %s) AS walked
    WHERE NOT (SELECT yes FROM enough)
      AND EXISTS (SELECT 1 FROM ({listed}) AS listed (id) WHERE listed.id = walked.idea_id OFFSET 0)
    LIMIT %s
))"""


#: A search of words alone, without a phrase, a negation or OR's punctuation (``websearch_to_tsquery``).
_PLAIN_WORDS = re.compile(r"\s*[0-9a-zåäöéü]+(?:\s+[0-9a-zåäöéü]+)*\s*", re.IGNORECASE)


def best_first(
    qs: QuerySet, query: str, rows: int, *, among: QuerySet | None = None, depth: int | None = None
) -> QuerySet:
    """``qs`` (a ``search`` in relevance order) narrowed to ideas that include its first ``rows``, if it
    has that many ranked above zero.

    On PostgreSQL, ranking every match of a common word reads each one's whole search vector (5,936
    matches of "cykel" at city scale). The kept word weights give the order from an index alone; the
    best ``2 × rows`` ideas of ``qs`` in that order are then ranked by ``ts_rank`` as before, so the
    order is the same: twice as many, so that ideas whose sums differ from ``ts_rank`` only by rounding
    do not fall on the edge. ``among`` is ``qs`` without the search (its visibility and filters): for a
    search of one word the walk checks each idea by its key without reading its text; a search of several
    words, a phrase or a negation is walked among its own matches, so that ideas holding only some of the
    words are passed over rather than found and dropped (which left the page short, and every match was
    ranked: 230 ms for "cykel skolan" at city scale). Each word's ``depth`` best weights (``10 × rows`` unless told) are read first, and
    only when they cannot settle the best does every match's weight count (``_BEST_FIRST``). When fewer
    come back than asked for (few matches, matches only by a misspelt title, filters that leave out most
    of the best, a query whose rank is not a mean of its words), the caller ranks every match
    (``core.pagination.DeferredJoinPaginator``). On SQLite, where bm25 ranks inside the full-text
    index, ``qs`` is returned as it is.
    """
    query_words = words(query)
    terms = list(dict.fromkeys(stem(w) for w in query_words))
    if connection.vendor != "postgresql" or not terms:
        return qs
    tsquery, swedish_text, stems_query = _postgres_tsquery(query, terms, any_term=False, prefix=False)
    # A search of one word matches exactly the ideas that have a kept weight for it, so each is looked up among
    # the ideas the list may show; a search of several words (AND), a phrase or a negation, among its own matches.
    walked_among = among if among is not None and _one_word(query, terms) else qs
    listed, listed_params = walked_among.order_by().values("pk").query.sql_with_params()
    want = 2 * max(rows, 1)
    depth = depth or 5 * want
    # Several words and nothing else: every match holds each word in one of its forms (its Swedish lexeme or its
    # stem), so ideas that lack one are not summed. At most 30 words are told apart; more are not narrowed so.
    plain = _PLAIN_WORDS.fullmatch(query) and "or" not in query_words and len(query_words) > 1
    query_words = query_words[:30] if plain else []
    every_word = (1 << len(query_words)) - 1
    # Every value is a bound parameter; the SQL text is built from constants and Django's own compilation of ``qs``.
    narrowed = RawSQL(  # noqa: S611
        _BEST_FIRST.format(tsquery=tsquery, listed=listed),
        [
            *(swedish_text, stems_query, swedish_text, stems_query),
            *(depth, depth, depth),
            *(*listed_params, want, want),
            *(query_words, [stem(w) for w in query_words], every_word, every_word),
            *(5 * want, *listed_params, want),
        ],
        output_field=BooleanField(),
    )
    return qs.filter(narrowed)


#: How many ideas a search of one word holds, up to ``cap + 1``, counted from the kept word weights. Its
#: query is the word under the ``swedish`` configuration OR its stem (either may be the same word, the
#: first may be missing), and an idea's vector matches it exactly when it holds one of those words, that is
#: when ``ideas_idea_search_term`` has a row for the idea and the word. The words are read from the query
#: PostgreSQL built; each word's rows are walked from the index, the stem first, each idea checked by its
#: key among the ideas the list may show (``listed_word``: its visibility and filters, without the search;
#: nothing to check for whoever sees every idea) and, for a later word, against the earlier words, until
#: ``cap + 1`` are found. Only when fewer are found are the ideas matched by their title's trigram
#: similarity alone added (``fuzzy``). Should the query PostgreSQL built be anything but one or two words
#: joined by OR, the answer is NULL and the caller counts the search itself. ``LIMIT 2`` tells the planner
#: there are at most two words: its estimate for any number of them made the walk look costly enough, for
#: a signed-in resident, for PostgreSQL to compile it (JIT, 45 ms).
_COUNT = r"""WITH query AS (
        SELECT q, q::text ~ '^''(?:[^''\\]|''''|\\.)*''(?: \| ''(?:[^''\\]|''''|\\.)*'')?$' AS by_words
        FROM (SELECT {tsquery} AS q) AS built
    ),
    word AS MATERIALIZED (
        SELECT term, row_number() OVER (ORDER BY term <> ALL(%s::text[]), term) AS n
        FROM (
            SELECT DISTINCT regexp_replace(m[1], '''('')|\\(.)', '\1\2', 'g') AS term
            FROM query, regexp_matches(query.q::text, '''((?:[^''\\]|''''|\\.)*)''', 'g') AS m
            WHERE query.by_words
        ) AS terms
        ORDER BY n
        LIMIT 2
    ),
    found AS MATERIALIZED (
        SELECT found.idea_id
        FROM word CROSS JOIN LATERAL (
            SELECT t.idea_id FROM ideas_idea_search_term t
            WHERE t.term = word.term
              AND (word.n = 1 OR NOT EXISTS (
                  SELECT 1 FROM ideas_idea_search_term e JOIN word AS earlier ON e.term = earlier.term
                  WHERE e.idea_id = t.idea_id AND earlier.n < word.n
              ))
              AND {listed_word}
        ) AS found
        LIMIT %s
    )
    SELECT CASE
        WHEN NOT (SELECT by_words FROM query) THEN NULL
        WHEN (SELECT count(*) FROM found) > %s OR NOT %s THEN (SELECT count(*) FROM found)
        ELSE (SELECT count(*) FROM found) + (
            SELECT count(*) FROM (
                SELECT 1 FROM ideas_idea AS titled
                WHERE titled.title %% %s
                  AND NOT EXISTS (SELECT 1 FROM found WHERE found.idea_id = titled.id)
                  AND {listed_title}
                LIMIT %s
            ) AS titled
        )
    END"""

#: A search of one word: letters and digits alone, which PostgreSQL's parser reads as one token.
_ONE_WORD = re.compile(r"\s*[0-9a-zåäöéü]+\s*", re.IGNORECASE)


def _one_word(query: str, terms: list[str]) -> bool:
    """Whether ``query`` is one word, letters and digits alone: its matches are exactly the ideas with a kept
    weight for one of its lexemes."""
    return len(terms) == 1 and bool(_ONE_WORD.fullmatch(query))


def count_matches(qs: QuerySet, query: str, cap: int, *, among: QuerySet, fuzzy: bool = True) -> int:
    """How many ideas ``qs`` (``search(among, query, fuzzy=fuzzy)``, in any order) holds, counting at most
    ``cap + 1``, in one query; on PostgreSQL, for a search of one word, at a cost bounded by ``cap`` rather
    than by the matches.

    Counting ``qs`` itself checks every match against its search vector, which PostgreSQL keeps out of
    line: 10 ms for the 5,936 matches of "cykel" at city scale, 130–200 ms for the most common words, for
    which it reads the whole table. The kept word weights (``_COUNT``) answer a search of one word from an
    index; ``among`` is ``qs`` without the search (its visibility and filters). On SQLite ``qs`` is counted as
    it is. On PostgreSQL a search of several words (joined by AND), a phrase or a negation counts the ideas its
    words match first, from the full-text index (``_count_words_first``).
    """
    searched = qs.order_by().values("pk")[: cap + 1]
    terms = list(dict.fromkeys(stem(w) for w in words(query)))
    if connection.vendor != "postgresql":
        return searched.count()
    if not _one_word(query, terms):
        return _count_words_first(query, cap, among=among, fuzzy=fuzzy)
    tsquery, swedish_text, stems_query = _postgres_tsquery(query, terms, any_term=False, prefix=False)
    listed_qs = among.order_by().values("pk")
    # Whoever may see every idea has nothing to check: the kept weights hold rows for existing ideas only.
    listed_word = listed_title = "TRUE"
    listed_params: tuple = ()
    if listed_qs.query.where or len(listed_qs.query.alias_map) != 1:
        listed, listed_params = listed_qs.query.sql_with_params()
        listed_word = f"EXISTS (SELECT 1 FROM ({listed}) AS listed (id) WHERE listed.id = t.idea_id OFFSET 0)"  # noqa: S608
        listed_title = f"EXISTS (SELECT 1 FROM ({listed}) AS listed (id) WHERE listed.id = titled.id OFFSET 0)"  # noqa: S608
    sql = _COUNT.format(tsquery=tsquery, listed_word=listed_word, listed_title=listed_title)
    params = [swedish_text, stems_query, terms, *listed_params, cap + 1, cap, fuzzy, query, *listed_params, cap + 1]
    with connection.cursor() as cursor:
        # Every value is a bound parameter; the SQL text is built from constants and Django's own compilation.
        cursor.execute(sql, params)
        found = cursor.fetchone()[0]
    return searched.count() if found is None else min(found, cap + 1)


def _count_words_first(query: str, cap: int, *, among: QuerySet, fuzzy: bool) -> int:
    """``count_matches`` of a search PostgreSQL's words alone may not answer from the kept weights: the ideas
    its words match, from the full-text index, and only when they are at most ``cap``, those its trigram
    condition adds (a misspelt title), told apart by key. The count is that of the search (words OR title).

    Asked of the search itself, the trigram condition made PostgreSQL recheck every title sharing a few
    trigrams with the query, each against its search vector as well: 16,593 titles, 150 ms, for "cykel
    skolan" at city scale, whose words alone find 1,520 in 2.5 ms.
    """
    matched = search(among, query, fuzzy=False).order_by()
    found = list(matched.values_list("pk", flat=True)[: cap + 1])
    if len(found) > cap or not fuzzy:
        return len(found)
    titled = among.order_by().extra(where=["ideas_idea.title %% %s"], params=[query]).exclude(pk__in=found)  # noqa: S610
    return len(found) + titled.values("pk")[: cap + 1 - len(found)].count()


def matching_any(qs: QuerySet, terms: list[tuple[str, bool]]) -> QuerySet:
    """The ideas of ``qs`` whose stems include any of ``terms`` (stem, is_prefix), unranked and unordered.

    Stems hold only letters and digits (``WORD``), so quoting them is enough.
    """
    if connection.vendor == "postgresql":
        tsquery = " | ".join(f"'{term}'" + (":*" if prefix else "") for term, prefix in terms)
        return qs.extra(  # noqa: S610
            where=["ideas_idea.search_tsv @@ to_tsquery('simple', %s)"], params=[tsquery]
        ).order_by()
    match = " OR ".join(f'"{term}"' + ("*" if prefix else "") for term, prefix in terms)
    return qs.extra(  # noqa: S610
        tables=["ideas_idea_fts"],
        where=["ideas_idea_fts.rowid = ideas_idea.id", "ideas_idea_fts MATCH %s"],
        params=[match],
    ).order_by()


def document_frequencies(qs: QuerySet, terms: list[tuple[str, bool]], *, cap: int) -> tuple[int, list[int]]:
    """How many ideas ``qs`` holds, and how many of them contain each term (at most ``cap``), in one query.

    Each count is a subquery the full-text index answers, stopped at ``cap`` rows, so its cost
    stays small however common the term is: joining a common term's every match to the ideas
    took a tenth of a second per term at 10,000 ideas.
    """
    selects: list[str] = []
    params: list = []
    sql, sub_params = qs.order_by().values("pk").query.sql_with_params()
    selects.append(f"(SELECT count(*) FROM ({sql}) AS counted)")  # noqa: S608
    params.extend(sub_params)
    for term in terms:
        sql, sub_params = matching_any(qs, [term]).values("pk")[:cap].query.sql_with_params()
        selects.append(f"(SELECT count(*) FROM ({sql}) AS counted)")  # noqa: S608
        params.extend(sub_params)
    with connection.cursor() as cursor:
        # The SQL is Django's own compilation of the querysets; every value is a bound parameter.
        cursor.execute("SELECT " + ", ".join(selects), params)  # noqa: S608
        row = cursor.fetchone()
    return row[0], list(row[1:])


SQLITE_SETUP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS ideas_idea_fts USING fts5(search_stems, content='ideas_idea', content_rowid='id')",
    """CREATE TRIGGER IF NOT EXISTS ideas_idea_fts_ai AFTER INSERT ON ideas_idea BEGIN
         INSERT INTO ideas_idea_fts(rowid, search_stems) VALUES (new.id, new.search_stems);
       END""",
    """CREATE TRIGGER IF NOT EXISTS ideas_idea_fts_ad AFTER DELETE ON ideas_idea BEGIN
         INSERT INTO ideas_idea_fts(ideas_idea_fts, rowid, search_stems) VALUES ('delete', old.id, old.search_stems);
       END""",
    """CREATE TRIGGER IF NOT EXISTS ideas_idea_fts_au AFTER UPDATE OF search_stems ON ideas_idea BEGIN
         INSERT INTO ideas_idea_fts(ideas_idea_fts, rowid, search_stems) VALUES ('delete', old.id, old.search_stems);
         INSERT INTO ideas_idea_fts(rowid, search_stems) VALUES (new.id, new.search_stems);
       END""",
    "INSERT INTO ideas_idea_fts(ideas_idea_fts) VALUES ('rebuild')",
]
SQLITE_TEARDOWN = [
    "DROP TRIGGER IF EXISTS ideas_idea_fts_ai",
    "DROP TRIGGER IF EXISTS ideas_idea_fts_ad",
    "DROP TRIGGER IF EXISTS ideas_idea_fts_au",
    "DROP TABLE IF EXISTS ideas_idea_fts",
]
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """ALTER TABLE ideas_idea ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector('swedish', coalesce(title, '')), 'A')
         || setweight(to_tsvector('swedish', coalesce(problem, '') || ' ' || coalesce(proposal, '')), 'B')
         || setweight(to_tsvector('swedish', coalesce(audience, '') || ' ' || coalesce(expected_value, '')), 'C')
         || to_tsvector('simple', coalesce(search_stems, ''))
       ) STORED""",
    "CREATE INDEX IF NOT EXISTS ideas_idea_search_tsv ON ideas_idea USING gin (search_tsv)",
    "CREATE INDEX IF NOT EXISTS ideas_idea_title_trgm ON ideas_idea USING gin (title gin_trgm_ops)",
    # Every word of every idea with what ts_rank gives the idea for that word alone (``best_first``).
    """CREATE TABLE IF NOT EXISTS ideas_idea_search_term (
         term text NOT NULL, idea_id bigint NOT NULL, score real NOT NULL, created_at timestamptz NOT NULL
       )""",
    # Each lexeme is written as a tsquery operand: quoted, its quotes and backslashes doubled.
    r"""CREATE OR REPLACE FUNCTION ideas_idea_search_terms(v tsvector) RETURNS TABLE (term text, score real)
       LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
         SELECT l.lexeme, ts_rank(v, ('''' || replace(replace(l.lexeme, '\', '\\'), '''', '''''') || '''')::tsquery)
         FROM unnest(v) AS l
       $$""",
    """CREATE OR REPLACE FUNCTION ideas_idea_search_term_sync() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP IN ('UPDATE', 'DELETE') THEN
           DELETE FROM ideas_idea_search_term WHERE idea_id = OLD.id;
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO ideas_idea_search_term (term, idea_id, score, created_at)
             SELECT t.term, NEW.id, t.score, NEW.created_at FROM ideas_idea_search_terms(NEW.search_tsv) AS t;
         END IF;
         RETURN NULL;
       END
       $$""",
    """CREATE OR REPLACE FUNCTION ideas_idea_search_term_clear() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         TRUNCATE ideas_idea_search_term;
         RETURN NULL;
       END
       $$""",
    "DROP TRIGGER IF EXISTS ideas_idea_search_term_write ON ideas_idea",
    """CREATE TRIGGER ideas_idea_search_term_write AFTER INSERT OR DELETE ON ideas_idea
       FOR EACH ROW EXECUTE FUNCTION ideas_idea_search_term_sync()""",
    "DROP TRIGGER IF EXISTS ideas_idea_search_term_change ON ideas_idea",
    """CREATE TRIGGER ideas_idea_search_term_change AFTER UPDATE ON ideas_idea
       FOR EACH ROW WHEN (OLD.search_tsv IS DISTINCT FROM NEW.search_tsv OR OLD.created_at IS DISTINCT FROM NEW.created_at)
       EXECUTE FUNCTION ideas_idea_search_term_sync()""",
    "DROP TRIGGER IF EXISTS ideas_idea_search_term_truncate ON ideas_idea",
    """CREATE TRIGGER ideas_idea_search_term_truncate AFTER TRUNCATE ON ideas_idea
       FOR EACH STATEMENT EXECUTE FUNCTION ideas_idea_search_term_clear()""",
]
#: Built after the first fill, which is then quicker.
POSTGRES_TERMS_INDEXES = [
    "CREATE INDEX IF NOT EXISTS ideas_idea_search_term_rank ON ideas_idea_search_term (term, score DESC, created_at DESC, idea_id)",
    # By idea and word: an idea's weight for a word, read by key (``best_first``), and its rows, deleted with it.
    "CREATE INDEX IF NOT EXISTS ideas_idea_search_term_idea_term ON ideas_idea_search_term (idea_id, term) INCLUDE (score)",
    # Before the index above, by idea alone.
    "DROP INDEX IF EXISTS ideas_idea_search_term_idea",
]
#: How many titles PostgreSQL keeps as statistics (its default is 100). To estimate how many titles a search's
#: trigram condition (``title % query``) matches, the planner works out the similarity of the query to every
#: title it keeps: 200 of them took 1.5–1.7 ms of planning in each of the search's three statements, 20 take
#: 0.2. Nothing else filters by title. See docs/adr/0042-search-reads-each-words-best-weights-first.md.
TITLE_STATISTICS = 10
#: Fills the kept word weights from every idea: once when they are added to a database that already
#: has ideas, and after a restore.
POSTGRES_TERMS_FILL = [
    "TRUNCATE ideas_idea_search_term",
    """INSERT INTO ideas_idea_search_term (term, idea_id, score, created_at)
       SELECT t.term, i.id, t.score, i.created_at FROM ideas_idea AS i, ideas_idea_search_terms(i.search_tsv) AS t""",
    "ANALYZE ideas_idea_search_term",
]
POSTGRES_TERMS_TEARDOWN = [
    "DROP TRIGGER IF EXISTS ideas_idea_search_term_truncate ON ideas_idea",
    "DROP TRIGGER IF EXISTS ideas_idea_search_term_change ON ideas_idea",
    "DROP TRIGGER IF EXISTS ideas_idea_search_term_write ON ideas_idea",
    "DROP FUNCTION IF EXISTS ideas_idea_search_term_clear()",
    "DROP FUNCTION IF EXISTS ideas_idea_search_term_sync()",
    "DROP FUNCTION IF EXISTS ideas_idea_search_terms(tsvector)",
    "DROP TABLE IF EXISTS ideas_idea_search_term",
]
POSTGRES_TEARDOWN = [
    *POSTGRES_TERMS_TEARDOWN,
    "DROP INDEX IF EXISTS ideas_idea_title_trgm",
    "DROP INDEX IF EXISTS ideas_idea_search_tsv",
    "ALTER TABLE ideas_idea DROP COLUMN IF EXISTS search_tsv",
]


def rebuild_index(using: str = "default") -> None:
    """Make sure search covers every idea in the table, such as those a restore loaded (PostgreSQL
    computes its search column by itself; its kept word weights are filled again from it)."""
    from django.db import connections

    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO ideas_idea_fts(ideas_idea_fts) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            for sql in POSTGRES_TERMS_FILL:
                cursor.execute(sql)


def ensure_schema(using: str = "default") -> None:
    """Create the search table, triggers, column and indexes if they are missing (idempotent).

    Runs after every ``migrate``: on SQLite a migration that rebuilds ``ideas_idea``
    drops its triggers, so they are put back and the index rebuilt.
    """
    from django.db import connections

    conn = connections[using]
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'ideas_idea_fts_%'")
            if cursor.fetchone()[0] == 3:
                return
            for sql in SQLITE_TEARDOWN + SQLITE_SETUP:
                cursor.execute(sql)
        elif conn.vendor == "postgresql":
            cursor.execute("SELECT to_regclass('ideas_idea_search_term') IS NULL")
            adding_terms = cursor.fetchone()[0]
            for sql in POSTGRES_SETUP:
                cursor.execute(sql)
            if adding_terms:
                # A database that already has ideas gets their word weights once, here.
                for sql in POSTGRES_TERMS_FILL:
                    cursor.execute(sql)
            for sql in POSTGRES_TERMS_INDEXES:
                cursor.execute(sql)
            cursor.execute(
                "SELECT coalesce(attstattarget, -1) FROM pg_attribute"
                " WHERE attrelid = 'ideas_idea'::regclass AND attname = 'title'"
            )
            if cursor.fetchone()[0] != TITLE_STATISTICS:
                cursor.execute(f"ALTER TABLE ideas_idea ALTER COLUMN title SET STATISTICS {TITLE_STATISTICS}")
                cursor.execute("ANALYZE ideas_idea (title)")
