"""Uploaded files: which kinds are accepted, the names they are stored under, and how they are served.

A file is accepted only when its extension, the type the browser declared and the type read
from its content agree on one kind of the allow-list (``KINDS``). It is stored under a
generated name without the uploader's extension (``attachments/2026/12/<uuid>``); the name it
was uploaded with is kept, cleaned, as data. Stored files are never served from the media
folder: each goes through a permission-checked view that answers with ``file_download``, as
a download that a browser neither renders nor sniffs.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import filetype
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models.fields.files import FieldFile

#: The type text files are stored as and served with (never rendered: see ``file_download``).
TEXT_TYPE = "text/plain"

#: What a browser or client sends when it does not know a file's type: no claim to check.
UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream"})


@dataclass(frozen=True)
class FileKind:
    """One kind of file on the allow-list."""

    content_type: str  # stored and served; for text files the content is checked, not sniffed
    extensions: frozenset[str]
    declared: frozenset[str]  # the types browsers send for it (besides ``UNDECLARED``)

    @property
    def is_text(self) -> bool:
        return self.content_type == TEXT_TYPE


def _kind(content_type: str, extensions: Iterable[str], declared: Iterable[str] = ()) -> FileKind:
    return FileKind(content_type, frozenset(extensions), frozenset({content_type, *declared}))


#: The allow-list: PDF, PNG, JPEG, Office and OpenDocument documents, plain text and CSV.
#: Never HTML, SVG, XML or anything a browser could run.
KINDS: tuple[FileKind, ...] = (
    _kind("application/pdf", [".pdf"], ["application/x-pdf"]),
    _kind("image/png", [".png"], ["image/x-png"]),
    _kind("image/jpeg", [".jpg", ".jpeg"], ["image/pjpeg"]),
    _kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]),
    _kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]),
    _kind("application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]),
    _kind("application/vnd.oasis.opendocument.text", [".odt"]),
    _kind("application/vnd.oasis.opendocument.spreadsheet", [".ods"]),
    _kind(TEXT_TYPE, [".txt"]),
    # CSV is text: Windows declares it as Excel's type when Excel is installed.
    _kind(TEXT_TYPE, [".csv"], ["text/csv", "application/csv", "text/x-csv", "application/vnd.ms-excel"]),
)

_BY_EXTENSION: dict[str, FileKind] = {ext: kind for kind in KINDS for ext in kind.extensions}

#: For a file input's ``accept``: the browser offers these files first (the server checks anyway).
ACCEPT = ",".join(sorted(_BY_EXTENSION))

#: Characters never kept in a file name: controls, and the invisible formatting ones
#: (bidi overrides such as U+202E, zero-width joiners) that can make "fdp.exe" read as "exe.pdf".
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})

_GENERATED = re.compile(r"^[a-z]+/\d{4}/\d{2}/[0-9a-f]{32}$")


@dataclass(frozen=True)
class AcceptedFile:
    name: str  # the cleaned original name, kept as data
    content_type: str
    size: int


def clean_filename(name: str | None) -> str:
    """The uploader's file name as data: no folders, no control or bidi override characters
    (each shown escaped, as ``\\u202e``), at most 200 characters."""
    base = re.split(r"[/\\]", name or "")[-1]
    shown = "".join(
        f"\\u{ord(ch):04x}" if unicodedata.category(ch) in _HIDDEN_CATEGORIES else ch
        for ch in unicodedata.normalize("NFC", base)
    ).strip()
    if shown in ("", ".", ".."):
        shown = "file"
    if len(shown) > 200:
        stem, dot, ext = shown.rpartition(".")
        shown = (stem[: 199 - len(ext)] + dot + ext) if dot and len(ext) <= 10 else shown[:200]
    return shown


def _extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def _is_utf8_text(upload: UploadedFile) -> bool:
    """The whole file decodes as UTF-8 and holds no NUL byte."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def _refuse_type(name: str, field: str) -> DomainError:
    return DomainError(
        _(
            "The file %(name)s is not of an allowed type. Attach PDF, images (PNG, JPEG), Word, Excel, PowerPoint, OpenDocument or plain text."
        )
        % {"name": name},
        field=field,
    )


def _refuse_mismatch(name: str, field: str) -> DomainError:
    return DomainError(
        _(
            "The content of the file %(name)s does not match its name or type. Save it again in one of the allowed formats (PDF, PNG, JPEG, Word, Excel, PowerPoint, OpenDocument or plain text) with the matching file extension, and attach it again."
        )
        % {"name": name},
        field=field,
    )


def accept_upload(upload: UploadedFile, *, field: str = "attachments") -> AcceptedFile:
    """Check an uploaded file against the allow-list; return its cleaned name and the type to store.

    The extension picks the kind; the type the client declared must be one of that kind's
    (or none); the content must be of that kind: sniffed by ``filetype`` for binary formats,
    valid UTF-8 without NUL bytes (and no known binary signature) for text. So a PNG with HTML
    appended and named ``.html``, HTML or SVG named as text, and a PDF declared as an image
    are all refused.
    """
    name = clean_filename(upload.name)
    limit = settings.SPRANG_ATTACHMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise DomainError(
            _("The file %(name)s is %(size)s MB; the largest allowed is %(limit)s MB.")
            % {"name": name, "size": f"{upload.size / 1_048_576:.1f}", "limit": f"{limit / 1_048_576:.0f}"},
            field=field,
        )
    kind = _BY_EXTENSION.get(_extension(name))
    if kind is None:
        raise _refuse_type(name, field)
    declared = (upload.content_type or "").split(";", 1)[0].strip().lower()
    if declared not in UNDECLARED and declared not in kind.declared:
        raise _refuse_mismatch(name, field)
    head = upload.read(8192)
    upload.seek(0)
    if not head:
        raise _refuse_type(name, field)
    sniffed = filetype.guess(head)
    if kind.is_text:
        if sniffed is not None or not _is_utf8_text(upload):
            raise _refuse_mismatch(name, field)
    elif sniffed is None or sniffed.mime != kind.content_type:
        raise _refuse_mismatch(name, field)
    return AcceptedFile(name=name, content_type=kind.content_type, size=upload.size or 0)


def stored_name(folder: str, *, now: datetime | None = None) -> str:
    """A generated name for a stored file: ``<folder>/<year>/<month>/<uuid>``, no extension."""
    moment = timezone.localtime(now) if now is not None else timezone.localtime()
    return f"{folder}/{moment:%Y/%m}/{uuid.uuid4().hex}"


def is_generated_name(name: str) -> bool:
    return bool(_GENERATED.match(name))


def content_disposition(filename: str) -> str:
    """``attachment`` with the original name: an ASCII fallback and the exact name (RFC 6266, RFC 5987)."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"[^A-Za-z0-9 ._()\-]", "_", ascii_name).strip() or "file"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def file_download(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """Serve a stored file as a download only: never rendered, sniffed, framed, run or kept in a shared cache."""
    if content_type == TEXT_TYPE or content_type.startswith("text/"):
        content_type = "text/plain; charset=utf-8"
    response = FileResponse(file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def move_to_generated_names(model: Any, folder: str) -> int:
    """Move every stored file of ``model`` (with ``file``, ``original_name``, ``created_at``) that still
    has the uploader's name to a generated one, keeping the cleaned original name; returns how many.

    The rows change in the caller's transaction; the old files are deleted once it commits, so
    a failure leaves them where the rows still point."""
    moved = 0
    old_names: list[str] = []
    for row in model.objects.order_by("pk").iterator():
        old = row.file.name
        if not old or is_generated_name(old):
            continue
        if not default_storage.exists(old):
            continue  # nothing to move; the backup's check names missing files
        with default_storage.open(old, "rb") as source:
            new = default_storage.save(stored_name(folder, now=row.created_at), File(source))
        original = clean_filename(row.original_name or old)
        model.objects.filter(pk=row.pk).update(file=new, original_name=original)
        old_names.append(old)
        moved += 1

    def delete_old() -> None:
        for name in old_names:
            default_storage.delete(name)

    transaction.on_commit(delete_old)
    return moved


def delete_stored_later(names: Iterable[str]) -> None:
    """Delete these stored files once the surrounding transaction commits; a rollback keeps them."""
    kept = [name for name in names if name]

    def delete() -> None:
        for name in kept:
            default_storage.delete(name)

    if kept:
        transaction.on_commit(delete)
