"""Score ratings from a JSON file against the active catalogue; print the result, store nothing."""

import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from assessments.domain import scoring
from assessments.domain.catalogue import Catalogue
from assessments.domain.inputs import ScoringInputError, decode_json, parse_input, require_object
from assessments.domain.profile import contract
from assessments.queries.catalogue import catalogue_snapshot

# Exit status for input the command cannot score (argparse uses 2 for bad arguments too).
INPUT_ERROR = 2


class Command(BaseCommand):
    help = (
        'Score {"ratings": {"<competency-slug>": 0-5, ...}, "quick_ratings": '
        '{"<discipline-slug>": 0-5, ...}, "interests": ["<discipline-slug>", ...], '
        '"target_role": "<role-slug>"} (only "ratings" is required; a competency left out '
        "takes its discipline's quick rating, or counts as 0 without one) against the "
        "active catalogue and print the result as JSON. Nothing is stored."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("file", help='The JSON file to score, or "-" to read standard input.')

    def handle(self, *args, file: str, **options):
        data = self._read(file, options.get("stdin") or sys.stdin)
        try:
            # Checked before the catalogue is read, since the answer does not depend on it.
            require_object(data)
            catalogue = self._catalogue()
            given = parse_input(data, catalogue)
            profile = scoring.score_input(catalogue, given)
        except ScoringInputError as error:
            count = len(error.problems)
            lines = "\n".join(f"  - {problem}" for problem in error.problems)
            raise CommandError(
                f"The input has {count} problem{'s' if count > 1 else ''}:\n{lines}",
                returncode=INPUT_ERROR,
            ) from error
        result = contract(profile.to_dict())
        self.stdout.write(json.dumps(result, indent=2, ensure_ascii=False))

    def _read(self, file: str, stdin) -> object:
        """The input, read no further than the API's body limit: a larger input (or an
        endless one, such as /dev/zero) is refused once past it."""
        source = "standard input" if file == "-" else file
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        too_large = CommandError(
            f"{source} is larger than the {limit:,} bytes a scoring input may have.",
            returncode=INPUT_ERROR,
        )
        try:
            if file == "-":
                text = stdin.read(limit + 1)
                if len(text) > limit:
                    raise too_large
            else:
                with Path(file).open("rb") as stream:
                    raw = stream.read(limit + 1)
                if len(raw) > limit:
                    raise too_large
                text = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise CommandError(
                f"Cannot read {source}: {reason}.", returncode=INPUT_ERROR
            ) from error
        try:
            return decode_json(text)
        except ValueError as error:
            raise CommandError(
                f"{source} is not valid JSON: {error}.", returncode=INPUT_ERROR
            ) from error

    def _catalogue(self) -> Catalogue:
        try:
            return catalogue_snapshot()
        except DatabaseError as error:
            raise CommandError(
                f"The catalogue could not be read ({error}). Has `manage.py migrate` run?"
            ) from error
