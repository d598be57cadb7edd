"""Uploaded files: the allow-list, generated names, the download's headers, and no /media/ route."""

from __future__ import annotations

import importlib.util
import io
import sys
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from core.errors import DomainError
from core.uploads import accept_upload, clean_filename, content_disposition, is_generated_name, move_to_generated_names
from ideas import services as idea_services
from ideas.models import Attachment
from tests import factories
from tests.ideas.test_services import PDF_BYTES, png_bytes

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="5"/></svg>\n'
POLYGLOT = png_bytes() + b"<html><script>alert(document.cookie)</script></html>"


def _xlsx() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("sida.html", HTML, "text/html"),
        ("sida.html", HTML, "application/octet-stream"),
        ("sida.htm", HTML, "text/plain"),
        ("bild.svg", SVG, "image/svg+xml"),
        ("bild.svg", SVG, "text/plain"),
        ("skiss.html", POLYGLOT, "image/png"),  # a PNG header with a page behind it, named as a page
        ("skiss.html", POLYGLOT, "text/html"),
        ("anteckningar.html", "Möte med enhetschefen.\n".encode(), "text/plain"),  # text, not named as text
        ("anteckningar.xml", b"<?xml version='1.0'?><a/>\n", "text/plain"),
        ("skiss.png", png_bytes(), "text/html"),  # a PNG declared as a page
        ("skiss.png", png_bytes(), "application/pdf"),
        ("rapport.pdf", png_bytes(), "application/pdf"),  # an image named and declared as PDF
        ("rapport.pdf", PDF_BYTES, "text/plain"),
        ("budget.xlsx", PDF_BYTES, "application/octet-stream"),
        ("sida.txt", png_bytes(), "text/plain"),  # binary named as text
        ("sida.txt", b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "text/plain"),  # not UTF-8
        ("utan-filandelse", PDF_BYTES, "application/pdf"),
    ],
)
def test_a_file_whose_name_declared_type_and_content_disagree_is_refused(db, name, content, declared):
    with pytest.raises(DomainError) as excinfo:
        accept_upload(SimpleUploadedFile(name, content, content_type=declared))
    assert excinfo.value.field == "attachments"
    assert name in excinfo.value.message


@pytest.mark.parametrize(
    ("name", "content", "declared", "stored_as"),
    [
        ("förstudie.pdf", PDF_BYTES, "application/pdf", "application/pdf"),
        ("förstudie.PDF", PDF_BYTES, "application/octet-stream", "application/pdf"),  # a client that does not know
        ("skiss.png", png_bytes(), "image/png", "image/png"),
        ("budget.xlsx", _xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", None),
        ("anteckningar.txt", "Möte med enhetschefen.\n".encode(), "text/plain", "text/plain"),
        ("kostnader.csv", "post;belopp\nlås;120000\n".encode(), "application/vnd.ms-excel", "text/plain"),
        # A page named as text is text: stored and served as text/plain, never rendered.
        ("sida.txt", HTML, "text/plain", "text/plain"),
    ],
)
def test_a_file_of_an_allowed_kind_is_accepted(db, name, content, declared, stored_as):
    accepted = accept_upload(SimpleUploadedFile(name, content, content_type=declared))
    assert accepted.name == name
    assert accepted.content_type == (stored_as or declared)
    assert accepted.size == len(content)


def test_the_original_name_is_kept_as_data_without_folders_or_hidden_characters():
    assert clean_filename("../../etc/passwd") == "passwd"
    assert clean_filename("C:\\fakepath\\förstudie.pdf") == "förstudie.pdf"
    # A right-to-left override would show "Invoice exe.pdf": it is shown escaped instead.
    assert clean_filename("Invoice \u202efdp.exe") == "Invoice \\u202efdp.exe"
    assert clean_filename("rad\nbrytning\x00.pdf") == "rad\\u000abrytning\\u0000.pdf"
    assert clean_filename("") == "file"
    long = clean_filename("a" * 300 + ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


def test_a_bidi_override_cannot_hide_the_real_extension(db):
    with pytest.raises(DomainError) as excinfo:
        accept_upload(SimpleUploadedFile("Invoice \u202efdp.exe", PDF_BYTES, content_type="application/pdf"))
    assert "Invoice \\u202efdp.exe" in excinfo.value.message


def test_files_are_stored_under_generated_names(people):
    idea = factories.idea(author=people["employee"])
    attachment = idea_services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("../Förstudie \u202e.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    assert is_generated_name(attachment.file.name), attachment.file.name
    assert attachment.file.name.startswith("attachments/")
    assert "." not in attachment.file.name and "Förstudie" not in attachment.file.name
    assert attachment.original_name == "Förstudie \\u202e.pdf"


def test_content_disposition_names_the_original_file_in_utf8():
    assert content_disposition("förstudie 1.pdf") == (
        "attachment; filename=\"forstudie 1.pdf\"; filename*=UTF-8''f%C3%B6rstudie%201.pdf"
    )
    assert content_disposition('a"b;c.pdf') == "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf"


def _dev_urlconf(monkeypatch, settings) -> str:
    """The project's URLs as they are built with DEBUG on (the demo's settings)."""
    settings.DEBUG = True
    spec = importlib.util.find_spec("config.urls")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setitem(sys.modules, "tests_dev_urls", module)
    return "tests_dev_urls"


def test_the_media_folder_is_not_served_even_with_debug_on(db, monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "ideas").mkdir()
    (tmp_path / "ideas" / "sida.html").write_bytes(HTML)
    (tmp_path / "attachments" / "2026" / "12").mkdir(parents=True)
    (tmp_path / "attachments" / "2026" / "12" / ("a" * 32)).write_bytes(PDF_BYTES)
    settings.ROOT_URLCONF = _dev_urlconf(monkeypatch, settings)
    client = Client()
    assert client.get("/media/ideas/sida.html").status_code == 404
    assert client.get(f"/media/attachments/2026/12/{'a' * 32}").status_code == 404
    assert client.get("/").status_code == 200  # the rest of the site is there


def test_existing_files_move_to_generated_names_keeping_their_names(people, django_capture_on_commit_callbacks):
    idea = factories.idea(author=people["employee"])
    attachment = idea_services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("underlag.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    # As stored before: under the uploader's name, with its extension.
    old = default_storage.save(f"ideas/{idea.pk}/20260101120000-sida.html", ContentFile(HTML))
    Attachment.objects.filter(pk=attachment.pk).update(file=old, original_name="sida\u202e.html")
    kept = idea_services.attachment_add(
        idea=idea,
        uploaded_by=people["employee"],
        upload=SimpleUploadedFile("skiss.png", png_bytes(), content_type="image/png"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert move_to_generated_names(Attachment, "attachments") == 1
    attachment.refresh_from_db()
    assert is_generated_name(attachment.file.name)
    assert attachment.original_name == "sida\\u202e.html"
    with attachment.file.open("rb") as stored:
        assert stored.read() == HTML
    assert not default_storage.exists(old)
    assert Attachment.objects.get(pk=kept.pk).file.name == kept.file.name  # already generated: left alone
    # Running it again moves nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert move_to_generated_names(Attachment, "attachments") == 0


def test_an_office_zip_that_is_no_document_is_refused(db):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", HTML)
    with pytest.raises(DomainError):
        accept_upload(
            SimpleUploadedFile(
                "budget.docx",
                buffer.getvalue(),
                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        )
