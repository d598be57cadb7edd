"""Nothing lost: a backup of the demo city, restored into an empty database, gives back every row and every file."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from challenges.models import Deliverable, NeedFile
from core.backup import MANIFEST, storage_files
from ideas import services as idea_services
from ideas.models import Attachment, GateDecision, Idea
from ideas.search import search
from procurement.models import ResponseFile, RfiDocument
from sample_data.demo import DemoBuilder
from spread.models import NetworkFile
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def png_bytes() -> bytes:
    """A real 2×2 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00\x00\xff\x00" for _row in range(2))
    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def clear_storage() -> None:
    for name in list(storage_files(default_storage)):
        default_storage.delete(name)


def stored_files() -> dict[str, bytes]:
    contents = {}
    for name in storage_files(default_storage):
        with default_storage.open(name, "rb") as fh:
            contents[name] = fh.read()
    return contents


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, as ``values()``, sorted.

    Content types and permissions are created by ``migrate`` with ids of their
    own, so they (and every reference to them) are compared by natural key.
    """
    content_types = {ct.pk: (ct.app_label, ct.model) for ct in ContentType.objects.all()}
    permissions = {p.pk: (content_types[p.content_type_id], p.codename) for p in Permission.objects.all()}
    by_natural_key = {ContentType: content_types, Permission: permissions}
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        relations = [f for f in model._meta.concrete_fields if f.is_relation and f.related_model in by_natural_key]
        rows = []
        for row in model._base_manager.values():
            for f in relations:
                if row[f.attname] is not None:
                    row[f.attname] = by_natural_key[f.related_model][row[f.attname]]
            if model in by_natural_key:
                row["id"] = by_natural_key[model][row["id"]]
            rows.append(row)
        tables[model._meta.label_lower] = sorted(rows, key=repr)
    return tables


@pytest.fixture
def empty_storage():
    clear_storage()
    yield default_storage
    clear_storage()


@pytest.fixture
def city(empty_storage):
    cast = DemoBuilder(ideas=40, governance_years=1).build()
    ideas = list(Idea.objects.order_by("pk")[:2])
    idea_services.attachment_add(
        idea=ideas[0],
        uploaded_by=cast.director,
        upload=SimpleUploadedFile("ritning.png", png_bytes(), content_type="image/png"),
    )
    idea_services.attachment_add(
        idea=ideas[1],
        uploaded_by=cast.director,
        upload=SimpleUploadedFile("förstudie.pdf", PDF, content_type="application/pdf"),
    )
    # A co-author, so that a many-to-many table has rows too.
    idea_services.idea_update(
        idea=ideas[0], by=cast.director, expected_version=ideas[0].version, co_authors=[cast.coaches[0]]
    )
    return cast


def test_backup_then_restore_into_an_empty_database_gives_back_every_row_and_file(city, tmp_path, monkeypatch):
    before, files_before = snapshot(), stored_files()
    assert Attachment.objects.count() == 2
    # The demo's networks hold the two files their discussions point to; the needs and OpenLab's projects theirs,
    # and the market dialogue its request's document.
    kept = [Attachment, NetworkFile, NeedFile, Deliverable, RfiDocument, ResponseFile]
    assert len(files_before) == sum(model.objects.count() for model in kept) >= 4
    assert GateDecision.objects.exists()
    assert LogEntry.objects.exists()
    assert Idea.co_authors.through.objects.exists()
    archive = tmp_path / "sprang.zip"

    call_command("backup", str(archive), verbosity=0)

    assert archive.stat().st_mode & 0o077 == 0  # personal data: readable by its owner only
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read(MANIFEST))
    counts = {t["model"]: t["rows"] for t in manifest["tables"]}
    assert counts["ideas.idea"] == Idea.objects.count() >= 40  # the demo's 40, and answers to its challenges
    assert counts["auditlog.logentry"] == LogEntry.objects.count()
    assert {f["name"]: f["size"] for f in manifest["files"]} == {n: len(b) for n, b in files_before.items()}
    assert manifest["migrations"]["ideas"]

    call_command("flush", interactive=False, verbosity=0)
    clear_storage()
    assert not Idea.objects.exists()
    assert not stored_files()

    call_command("restore", str(archive), verbosity=0)

    assert snapshot() == before
    assert stored_files() == files_before

    # Search finds a restored idea (SQLite: the FTS table; PostgreSQL: the generated column).
    idea = Idea.objects.order_by("pk").first()
    assert idea is not None
    assert idea in search(Idea.objects.all(), idea.title)

    # Sequences were moved on: a new idea gets a fresh id.
    highest = max(Idea.objects.values_list("pk", flat=True))
    fresh = idea_services.idea_submit(
        author=idea.author,
        unit=idea.unit,
        title="Återställd och vidare",
        problem="Ett problem.",
        audience="Alla.",
        proposal="Ett förslag.",
        expected_value="Ett värde.",
        kind=idea.kind,
        values=["social"],
        notify_office=False,
    )
    assert fresh.pk > highest

    # A database that holds data is refused …
    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive), verbosity=0)
    # … and so is --force when the answer to the question is not yes; nothing changes.
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="cancelled"):
        call_command("restore", str(archive), "--force", verbosity=0)
    assert Idea.objects.filter(pk=fresh.pk).exists()

    # --force --no-input replaces everything with the archive's content.
    call_command("restore", str(archive), "--force", "--no-input", verbosity=0)
    assert snapshot() == before
    assert stored_files() == files_before


def doctor(archive: Path, target: Path, change) -> Path:
    """A copy of ``archive`` whose manifest ``change`` has edited."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as copy:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == MANIFEST:
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
            copy.writestr(info, data)
    return target


def test_restore_refuses_an_archive_from_other_migrations(people, empty_storage, tmp_path):
    call_command("backup", str(tmp_path / "a.zip"), verbosity=0)
    doctored = doctor(
        tmp_path / "a.zip", tmp_path / "b.zip", lambda m: m["migrations"]["ideas"].append("9999_from_the_future")
    )
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(CommandError, match="9999_from_the_future"):
        call_command("restore", str(doctored), verbosity=0)
    assert not Idea.objects.exists()


def test_a_restore_that_fails_its_checks_keeps_nothing(people, empty_storage, tmp_path):
    idea = factories.idea(author=people["employee"])
    idea_services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("ritning.png", png_bytes(), content_type="image/png"),
    )
    call_command("backup", str(tmp_path / "a.zip"), verbosity=0)

    def wrong_hash(manifest) -> None:
        manifest["files"][0]["sha256"] = "0" * 64

    doctored = doctor(tmp_path / "a.zip", tmp_path / "b.zip", wrong_hash)
    call_command("flush", interactive=False, verbosity=0)
    clear_storage()

    with pytest.raises(CommandError, match="differ from the archive"):
        call_command("restore", str(doctored), verbosity=0)
    assert not Idea.objects.exists()
    assert not Attachment.objects.exists()
    assert not stored_files()


def test_backup_does_not_overwrite_an_existing_archive(tmp_path):
    archive = tmp_path / "a.zip"
    archive.write_bytes(b"an older backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(archive), verbosity=0)
    assert archive.read_bytes() == b"an older backup"
