from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisation.services import UnitImportError, units_import_csv


class Command(BaseCommand):
    help = "Import or update the unit tree from a CSV file (columns: code,name,kind,parent_code,headcount[,sectors])."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options) -> None:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text; save it as UTF-8 and try again.") from exc
        try:
            result = units_import_csv(text=text)
        except UnitImportError as exc:
            for line, message in exc.errors:
                self.stderr.write(f"{path}:{line}: {message}")
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"{result.created} units created, {result.updated} updated."))
