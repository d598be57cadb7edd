"""Full-text search that understands Swedish inflection, on SQLite and PostgreSQL.

Every idea keeps ``search_stems``: its words reduced by the Swedish Snowball
stemmer plus a few rules for forms Snowball leaves apart (cykel/cyklar,
äldreboende/äldreboendet). On SQLite an FTS5 table mirrors that column
(kept in step by triggers). On PostgreSQL a generated ``tsvector`` column
combines the text under the ``swedish`` configuration with those stems, and a
trigram index on the title catches misspellings.
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


def _search_postgres(
    qs: QuerySet, query: str, terms: list[str], *, any_term: bool, prefix: bool, fuzzy: bool
) -> QuerySet:
    joiner = " | " if any_term else " & "
    suffix = ":*" if prefix else ""
    stems_query = joiner.join(f"'{t}'{suffix}" for t in terms)
    if any_term:
        swedish = "to_tsquery('swedish', %s)"
        swedish_text = " | ".join(re.sub(r"[^\w]", "", w) for w in words(query))
    else:
        swedish = "websearch_to_tsquery('swedish', %s)"
        swedish_text = query
    tsquery = f"({swedish} || to_tsquery('simple', %s))"
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
]
POSTGRES_TEARDOWN = [
    "DROP INDEX IF EXISTS ideas_idea_title_trgm",
    "DROP INDEX IF EXISTS ideas_idea_search_tsv",
    "ALTER TABLE ideas_idea DROP COLUMN IF EXISTS search_tsv",
]


def rebuild_index(using: str = "default") -> None:
    """Make sure search covers every idea in the table, such as those a restore loaded (PostgreSQL
    computes its search column by itself)."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO ideas_idea_fts(ideas_idea_fts) VALUES ('rebuild')")


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
            for sql in POSTGRES_SETUP:
                cursor.execute(sql)
