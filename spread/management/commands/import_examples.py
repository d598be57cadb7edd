from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from organisation.models import User
from spread.sharing.services import examples_import


class Command(BaseCommand):
    help = (
        "Import the public good examples of another Språng from its feed (the Atom feed "
        ".../spread/shared/examples.atom or the JSON feed .../api/v1/examples/feed.json). New examples come in "
        "as external and internal; those imported before are updated, unless changed here since."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("url", help="The address of the other city's feed.")
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            required=True,
            help="The email address of the innovation office's person importing (the audit log's actor).",
        )

    def handle(self, *args, url: str, by: str, **options) -> None:
        actor = User.objects.filter(email=by.strip().lower(), is_active=True).first()
        if actor is None:
            raise CommandError(
                f"No account in use has the email address {by}; give the address of the person importing."
            )
        try:
            result = examples_import(by=actor, url=url)
        except DomainError as exc:
            raise CommandError(f"{url}: {exc.message}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.source_name}: {len(result.created)} new, {len(result.updated)} updated, "
                f"{result.unchanged} unchanged, {len(result.kept_local)} changed here and kept."
            )
        )
        for example in result.kept_local:
            self.stdout.write(f"Kept as changed here: {example.title} ({example.source_url})")
