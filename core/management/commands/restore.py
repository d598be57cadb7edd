from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Load an archive written by the backup command into an empty, migrated database and the file storage, "
        "then check every row count and file hash."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The archive written by the backup command.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to restore into.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Delete everything in the database first (and overwrite stored files with the archive's names).",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="With --force, do not ask for confirmation.",
        )

    def handle(
        self, *args, path: Path, database: str, force: bool, interactive: bool, verbosity: int, **options
    ) -> None:
        out = (lambda message: self.stdout.write(f"  {message}")) if verbosity >= 2 else None
        try:
            result = restore(
                path=path,
                using=database,
                force=force,
                confirm=self.confirm if interactive else None,
                out=out,
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity:
            replaced = " (after deleting what the database held)" if result.flushed else ""
            self.stdout.write(
                self.style.SUCCESS(
                    f"Restored {result.rows} rows in {result.tables} tables ({result.matched} content types and "
                    f"permissions matched by natural key) and {result.files} files "
                    f"({result.file_bytes / 1_048_576:.1f} MB, {result.files_already_present} already in place)"
                    f"{replaced} in {result.seconds:.1f} s. Every row count and file hash matches the archive."
                )
            )

    def confirm(self, doomed: list[str]) -> bool:
        self.stdout.write(f"Restoring replaces what is here now: {len(doomed)} item(s), among them")
        for item in doomed[:10]:
            self.stdout.write(f"  {item}")
        answer = input("This cannot be undone. Type 'yes' to continue, or anything else to stop: ")
        return answer.strip().lower() == "yes"
