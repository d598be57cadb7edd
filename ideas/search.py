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
    # match as well doubled the time of a search for a common word at city scale.
    rank = RawSQL(f"-ts_rank(ideas_idea.search_tsv, {tsquery})", [swedish_text, stems_query])  # noqa: S611
    return (
        qs.annotate(search_match=matches).filter(search_match=True).annotate(rank=rank).order_by("rank", "-created_at")
    )


#: The ideas of a search that can be among its best ``rows``, found from the kept word weights.
#: ``ts_rank`` ranks an idea for a query whose top operator is OR (the search's always is, unless its
#: Swedish half is empty and its stems are several) by the mean, over the query's distinct words, of
#: what it gives the idea for each word alone, and that is what ``ideas_idea_search_term`` keeps. The
#: words are read from the query PostgreSQL built, so they are exactly those ``ts_rank`` uses. The
#: kept weights are summed per idea from the index alone, and the best ``10 × rows`` are walked in the
#: list's order (sum, then newest first), each looked up by its key among the ideas the list may show
#: (``among``: its visibility and filters, without the search), until ``2 × rows`` are found; ``OFFSET
#: 0`` keeps PostgreSQL from turning the walk into a join that reads every one first. When the rank is
#: not such a mean nothing is found, and the caller ranks every match.
_BEST_FIRST = r"""ideas_idea.id = ANY(ARRAY(
    WITH query AS (
        SELECT {tsquery} AS q,
               numnode(websearch_to_tsquery('swedish', %s)) > 0 OR numnode(to_tsquery('simple', %s)) = 1 AS by_words
    ),
    word AS (
        SELECT DISTINCT regexp_replace(m[1], '''('')|\\(.)', '\1\2', 'g') AS term
        FROM query, regexp_matches(query.q::text, '''((?:[^''\\]|''''|\\.)*)''', 'g') AS m
        WHERE query.by_words
    ),
    ranked AS (
        SELECT t.idea_id, t.created_at, sum(t.score::float8) AS score
        FROM ideas_idea_search_term t JOIN word ON t.term = word.term
        GROUP BY t.idea_id, t.created_at
    )
    SELECT walked.idea_id
    FROM (SELECT idea_id, score, created_at FROM ranked ORDER BY score DESC, created_at DESC LIMIT %s) AS walked
    WHERE EXISTS (SELECT 1 FROM ({listed}) AS listed (id) WHERE listed.id = walked.idea_id OFFSET 0)
    LIMIT %s
))"""


def best_first(qs: QuerySet, query: str, rows: int, *, among: QuerySet | None = None) -> QuerySet:
    """``qs`` (a ``search`` in relevance order) narrowed to ideas that include its first ``rows``, if it
    has that many ranked above zero.

    On PostgreSQL, ranking every match of a common word reads each one's whole search vector (5,936
    matches of "cykel" at city scale). The kept word weights give the order from an index alone; the
    best ``2 × rows`` ideas of ``qs`` in that order are then ranked by ``ts_rank`` as before, so the
    order is the same: twice as many, so that ideas whose sums differ from ``ts_rank`` only by rounding
    do not fall on the edge. ``among`` is ``qs`` without the search (its visibility and filters): the
    walk then checks each idea by its key without reading its text, and ``qs`` drops those that do not
    match every word. When fewer come back than asked for (few matches, matches only by a misspelt
    title, filters that leave out most of the best, a query whose rank is not a mean of its words),
    the caller ranks every match
    (``core.pagination.DeferredJoinPaginator``). On SQLite, where bm25 ranks inside the full-text
    index, ``qs`` is returned as it is.
    """
    terms = list(dict.fromkeys(stem(w) for w in words(query)))
    if connection.vendor != "postgresql" or not terms:
        return qs
    tsquery, swedish_text, stems_query = _postgres_tsquery(query, terms, any_term=False, prefix=False)
    listed, listed_params = (qs if among is None else among).order_by().values("pk").query.sql_with_params()
    # Every value is a bound parameter; the SQL text is built from constants and Django's own compilation of ``qs``.
    narrowed = RawSQL(  # noqa: S611
        _BEST_FIRST.format(tsquery=tsquery, listed=listed),
        [swedish_text, stems_query, swedish_text, stems_query, 10 * max(rows, 1), *listed_params, 2 * max(rows, 1)],
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


def count_matches(qs: QuerySet, query: str, cap: int, *, among: QuerySet, fuzzy: bool = True) -> int:
    """How many ideas ``qs`` (``search(among, query, fuzzy=fuzzy)``, in any order) holds, counting at most
    ``cap + 1``, in one query; on PostgreSQL, for a search of one word, at a cost bounded by ``cap`` rather
    than by the matches.

    Counting ``qs`` itself checks every match against its search vector, which PostgreSQL keeps out of
    line: 10 ms for the 5,936 matches of "cykel" at city scale, 130–200 ms for the most common words, for
    which it reads the whole table. The kept word weights (``_COUNT``) answer a search of one word from an
    index; ``among`` is ``qs`` without the search (its visibility and filters). On SQLite, and for a search
    of several words (joined by AND), a phrase or a negation, ``qs`` is counted as it is.
    """
    searched = qs.order_by().values("pk")[: cap + 1]
    terms = list(dict.fromkeys(stem(w) for w in words(query)))
    if connection.vendor != "postgresql" or len(terms) != 1 or not _ONE_WORD.fullmatch(query):
        return searched.count()
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
    "CREATE INDEX IF NOT EXISTS ideas_idea_search_term_idea ON ideas_idea_search_term (idea_id)",
]
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
