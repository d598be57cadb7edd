"""What the commands that import a CSV file share: who imports, the file's text, and a refused file's lines."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper

from core.errors import DomainError
from organisation.models import User
from organisation.services import units_csv_decode


def importing_person(by: str) -> User | None:
    """The person named by ``--by`` (the audit log's actor), or ``None`` when none is named."""
    if not by:
        return None
    actor = User.objects.filter(email=by.strip().lower()).first()
    if actor is None:
        raise CommandError(f"No account has the email address {by}; give the address of the person importing.")
    return actor


def csv_text(path: Path) -> str:
    """The file's text, UTF-8 or Windows-1252 as Excel saves it; a file that cannot be read or decoded is refused."""
    try:
        return units_csv_decode(path.read_bytes())
    except OSError as exc:
        raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
    except DomainError as exc:
        raise CommandError(f"{path}: {exc.message}") from exc


def refuse_lines(stderr: OutputWrapper, path: Path, errors: list[tuple[int, str]], message: str) -> CommandError:
    """Each refused line as ``FILE:LINE: message``, and the error that stops the command."""
    for line, text in errors:
        stderr.write(f"{path}:{line}: {text}")
    return CommandError(message)
