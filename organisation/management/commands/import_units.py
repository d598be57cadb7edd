from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from organisation.models import User
from organisation.services import UnitImportError, units_csv_decode, units_import_csv


class Command(BaseCommand):
    help = (
        "Import or update the unit tree from a CSV file (columns: code,name,kind,parent_code,headcount[,sectors]; "
        "separated by commas or semicolons; UTF-8, or Windows-1252 as Excel saves it)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            default="",
            help="The email address of the person importing (the audit log's actor).",
        )

    def handle(self, *args, path: Path, by: str = "", **options) -> None:
        actor = None
        if by:
            actor = User.objects.filter(email=by.strip().lower()).first()
            if actor is None:
                raise CommandError(f"No account has the email address {by}; give the address of the person importing.")
        try:
            text = units_csv_decode(path.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except DomainError as exc:
            raise CommandError(f"{path}: {exc.message}") from exc
        try:
            result = units_import_csv(text=text, by=actor)
        except UnitImportError as exc:
            for line, message in exc.errors:
                self.stderr.write(f"{path}:{line}: {message}")
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"{result.created} units created, {result.updated} updated."))
