from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from organisation.management.file_import import csv_text, importing_person, refuse_lines
from organisation.people_sync import PeopleImportError, people_file_import


class Command(BaseCommand):
    help = (
        "Import the nightly people file from HR (columns: employee_number,name,email,unit_code,manager; separated by "
        "commas or semicolons; UTF-8, or Windows-1252 as Excel saves it). People in the file are created or updated; "
        "active staff with an employee number who are not in it leave. All or nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            default="",
            help="The email address of the person importing (the audit log's actor); without it, the people file.",
        )
        parser.add_argument(
            "--confirm-leaving",
            action="store_true",
            help="Import even when more of the staff would leave than SPRANG_PEOPLE_FILE_MAX_LEAVING_SHARE allows.",
        )

    def handle(self, *args, path: Path, by: str = "", confirm_leaving: bool = False, **options) -> None:
        actor, text = importing_person(by), csv_text(path)
        try:
            plan = people_file_import(text=text, by=actor, many_leaving_confirmed=confirm_leaving)
        except PeopleImportError as exc:
            raise refuse_lines(self.stderr, path, exc.errors, exc.message) from exc
        except DomainError as exc:
            raise CommandError(f"{exc.message} (--confirm-leaving)") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(plan.created)} people created, {len(plan.updated)} updated, {plan.unchanged} unchanged, "
                f"{len(plan.leaving)} left."
            )
        )
