from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write the whole database and every uploaded file to one archive (a zip file) that the restore command "
        "loads into an empty instance, on SQLite or PostgreSQL."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="The archive to write, e.g. sprang-2026-05-01.zip.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to back up.")
        parser.add_argument("--overwrite", action="store_true", help="Replace the archive if it already exists.")

    def handle(self, *args, path: Path, database: str, overwrite: bool, verbosity: int, **options) -> None:
        out = (lambda message: self.stdout.write(f"  {message}")) if verbosity >= 2 else None
        try:
            result = backup_create(path=path, using=database, overwrite=overwrite, out=out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Backed up {result.rows} rows in {result.tables} tables and {result.files} files "
                    f"({result.file_bytes / 1_048_576:.1f} MB) to {result.path} "
                    f"({result.path.stat().st_size / 1_048_576:.1f} MB) in {result.seconds:.1f} s."
                )
            )
