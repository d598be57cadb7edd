"""Write the city's compiled report for a period to a file, and say how long it took."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from governance import exports
from governance.models import Period, ReportingPeriod


class Command(BaseCommand):
    help = (
        "Write the city's compiled report for a period (every report but the drafts) as PDF or XLSX, with its timing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("year", type=int)
        parser.add_argument("period", choices=Period.values)
        parser.add_argument("--format", choices=("pdf", "xlsx"), default="pdf", dest="file_format")
        parser.add_argument("--output", type=Path, help="Where to write it (default: the file name people download).")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, choices=[c for c, _n in settings.LANGUAGES])

    def handle(self, *args, year: int, period: str, file_format: str, output: Path | None, language: str, **options):
        reporting_period = ReportingPeriod.objects.filter(year=year, period=period).first()
        if reporting_period is None:
            raise CommandError(f"No reporting period {period} {year} is open.")
        output = output or Path(exports.city_filename(reporting_period, file_format))
        if file_format == "pdf":
            content, timing = exports.city_pdf_timed(reporting_period, language=language)
            output.write_bytes(content)
            self.stdout.write(
                f"{output}: {timing.reports} reports, {timing.pages} pages, {timing.size / 1e6:.1f} MB in "
                f"{timing.seconds:.1f} s (data and HTML {timing.html_seconds:.1f} s, layout "
                f"{timing.layout_seconds:.1f} s, PDF {timing.write_seconds:.1f} s)"
            )
        else:
            started = time.perf_counter()
            content = exports.city_xlsx(reporting_period, language=language)
            output.write_bytes(content)
            self.stdout.write(f"{output}: {len(content) / 1e6:.2f} MB in {time.perf_counter() - started:.1f} s")
