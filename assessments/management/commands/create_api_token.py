"""Create a personal API token for an account and print it, once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessments import tokens


class Command(BaseCommand):
    help = (
        "Create a personal API token for USERNAME and print it. The token is shown only "
        "this once: T-Profile keeps a digest of it, never the token itself."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="The account the token acts as.")
        parser.add_argument(
            "--name", default="Command line", help="What the token is for (default: %(default)s)."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"Expire after this many days (1 to {tokens.MAX_DAYS}); without it the "
            "token lasts until revoked.",
        )

    def handle(self, *args, username: str, name: str, days: int | None, **options):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist as error:
            raise CommandError(f"There is no account with the username “{username}”.") from error
        if not user.is_active:
            raise CommandError(f"The account “{username}” is disabled.")
        try:
            new = tokens.create_token(user, name, now=timezone.now(), days=days)
        except ValueError as error:
            raise CommandError(str(error)) from error
        expiry = (
            f"expires {new.token.expires_at:%Y-%m-%d %H:%M} UTC"
            if new.token.expires_at
            else "does not expire"
        )
        self.stderr.write(
            f"Token “{new.token.name}” for {username} ({expiry}). Copy it now; "
            "it will not be shown again."
        )
        self.stdout.write(new.plaintext)
