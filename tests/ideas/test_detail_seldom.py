"""An idea's page reads its co-authors, attachments, assessments and publication steps only when the idea has some
(``ideas.selectors.idea_detail``): one statement, written once per process (``core.statements``), asks which."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ideas import selectors, services
from ideas.models import Assessment, Novelty
from tests import factories

pytestmark = pytest.mark.django_db

SELDOM_TABLES = ("ideas_idea_co_authors", "ideas_attachment", "ideas_assessment", "ideas_publicationevent")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def reads_of(queries, table: str) -> int:
    """Statements that read ``table`` themselves, the one that asks about all of them apart."""
    return sum(f'"{table}"' in q["sql"] and not q["sql"].startswith("SELECT EXISTS") for q in queries.captured_queries)


def test_an_idea_with_none_of_them_reads_none_and_its_rules_ask_nothing_more(client, people):
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    client.force_login(people["director"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/ideas/{idea.pk}/")
    assert page.status_code == 200
    for table in SELDOM_TABLES:
        assert reads_of(queries, table) == 0, table
    html = page.content.decode()
    assert "Inga bilagor." in html
    assert "Innovation eller förbättring?" not in html


def test_an_idea_with_each_shows_each(client, people):
    idea = factories.idea(
        author=people["employee"], title="Cykelpool för hemtjänsten", co_authors=[people["colleague"]]
    )
    services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("kalkyl.pdf", PDF, content_type="application/pdf"),
    )
    services.publication_ask(idea=idea, by=people["office"], message="Får vi visa den för invånarna?")
    Assessment.objects.create(
        idea=idea,
        novelty=Novelty.CITY,
        value_evidence="Restiden halverades.",
        in_use=True,
        used_by="Hemtjänsten",
        is_innovation=True,
        assessed_by=people["director"],
        assessed_at=timezone.now(),
    )
    client.force_login(people["employee"])  # the author: the request to publish is theirs to answer
    with CaptureQueriesContext(connection) as queries:
        html = client.get(f"/ideas/{idea.pk}/").content.decode()
    for table in SELDOM_TABLES:
        assert reads_of(queries, table) >= 1, table
    assert people["colleague"].name in html
    assert "kalkyl.pdf" in html
    assert "Restiden halverades." in html
    assert "Får vi visa den för invånarna?" in html


def _with(part: str, idea, people) -> None:
    if part == "ideas_idea_co_authors":
        idea.co_authors.add(people["colleague"])
    elif part == "ideas_attachment":
        upload = SimpleUploadedFile("kalkyl.pdf", PDF, content_type="application/pdf")
        services.attachment_add(idea=idea, uploaded_by=people["employee"], upload=upload)
    elif part == "ideas_assessment":
        Assessment.objects.create(
            idea=idea,
            novelty=Novelty.CITY,
            value_evidence="Restiden halverades.",
            in_use=False,
            is_innovation=False,
            assessed_by=people["director"],
            assessed_at=timezone.now(),
        )
    else:
        services.publication_ask(idea=idea, by=people["office"], message="Får vi visa den?")


@pytest.mark.parametrize("part", SELDOM_TABLES)
def test_an_idea_with_one_of_them_reads_that_one_alone(client, people, part):
    idea = factories.idea(author=people["employee"], title="Cykelpool för hemtjänsten")
    _with(part, idea, people)
    client.force_login(people["director"])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/ideas/{idea.pk}/").status_code == 200
    assert {table: reads_of(queries, table) for table in SELDOM_TABLES} == {
        table: int(table == part) for table in SELDOM_TABLES
    }


def test_a_relation_found_empty_still_asks_about_this_idea_alone(people):
    """What the selector notes as empty answers a further question about the idea, not about every idea."""
    elsewhere = factories.idea(author=people["employee"], co_authors=[people["colleague"]])
    idea = factories.idea(author=people["employee"])
    loaded = selectors.idea_detail(user=people["director"], pk=idea.pk)
    assert list(loaded.co_authors.all()) == []
    assert not loaded.co_authors.filter(pk=people["colleague"].pk).exists()
    assert elsewhere.co_authors.filter(pk=people["colleague"].pk).exists()


def test_the_question_is_written_once_per_process(people, monkeypatch):
    written = []
    build = selectors._seldom.build
    monkeypatch.setattr(selectors._seldom, "build", lambda pk: written.append(pk) or build(pk))
    monkeypatch.setattr(selectors._seldom, "_written", {})
    for _ in range(3):
        selectors.idea_detail(user=people["director"], pk=factories.idea(author=people["employee"]).pk)
    assert len(written) == 1
