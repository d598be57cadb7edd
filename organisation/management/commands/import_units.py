from pathlib import Path

from django.core.management.base import BaseCommand

from organisation.management.file_import import csv_text, importing_person, refuse_lines
from organisation.services import UnitImportError, units_import_csv


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
        actor, text = importing_person(by), csv_text(path)
        try:
            result = units_import_csv(text=text, by=actor)
        except UnitImportError as exc:
            raise refuse_lines(self.stderr, path, exc.errors, exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"{result.created} units created, {result.updated} updated."))
