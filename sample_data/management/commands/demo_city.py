from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from organisation.models import Unit
from sample_data.demo import DEMO_ADMIN_TOTP_SECRET, DEMO_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD, DemoBuilder


class Command(BaseCommand):
    help = (
        "Build the demo city from a seed: units, about 300 people, about 400 ideas over three years, "
        "and three years of innovation goals and reports."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=2015)
        parser.add_argument("--ideas", type=int, default=400)
        parser.add_argument("--reset", action="store_true", help="Delete everything in the database first.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if the database already has units.")

    def handle(self, *args, seed: int, ideas: int, reset: bool, if_empty: bool, **options) -> None:
        if Unit.objects.exists():
            if if_empty:
                self.stdout.write("The database already has a city; leaving it as it is.")
                self.print_logins()
                return
            if not reset:
                raise CommandError("The database already has data. Run with --reset to replace it with the demo city.")
            call_command("flush", "--no-input", verbosity=0)
        DemoBuilder(seed=seed, ideas=ideas, out=lambda m: self.stdout.write(f"  {m}")).build()
        self.stdout.write(self.style.SUCCESS("The demo city is built."))
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
        for login, _role, description in DEMO_LOGINS:
            self.stdout.write(f"  {login + '@' + DEMO_DOMAIN:<38} {description}")
        from sample_data.demo.spread_networks import PARTNER_EMAIL

        # Someone from another municipality, invited into one network: they see that network and nothing else.
        self.stdout.write(f"  {PARTNER_EMAIL:<38} Partner från Uppsala kommun i ett regionalt nätverk (ser bara det)")
        # OpenLab: a university's teachers, researchers and students see their university's assignments.
        from sample_data.demo.challenges_openlab import LOGINS as UNIVERSITY_LOGINS

        for email, _name, _university, _role, about in UNIVERSITY_LOGINS:
            self.stdout.write(f"  {email:<38} {about}")
        counter = next(yield_hotp_counters_from_time())
        code = format_hotp_value(hotp_value(DEMO_ADMIN_TOTP_SECRET, counter))
        self.stdout.write(
            f"\nThe admin site asks admin@{DEMO_DOMAIN} for a code from an authenticator app. Add the secret\n"
            f"  {DEMO_ADMIN_TOTP_SECRET}\n"
            f"to your app (Google Authenticator, Microsoft Authenticator, FreeOTP, ...), or use the code valid now: {code}\n"
            "(a new code every 30 seconds; `manage.py demo_city --if-empty` prints the current one again)."
        )
