#!/usr/bin/env bash
# Fuzz the JSON API with Schemathesis against a throwaway copy of the app.
#
# Builds a SQLite database in a temporary folder (migrations, the default catalogue, a
# manager with a team, a member with a submitted assessment, a draft and an API token),
# serves it with gunicorn on a free loopback port, and runs Schemathesis over every
# operation of /api/v1/openapi.json with the token. Exits non-zero on any server error or
# any response that does not match the schema, and on every other Schemathesis check but
# one: a schema-valid request may still be refused (422) when it names a competency, layer
# or role the catalogue does not have, which the schema cannot express. Bounded:
# SCHEMATHESIS_MAX_EXAMPLES cases per operation (default 40) and SCHEMATHESIS_MAX_TIME
# seconds for the run (default 150).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
WORK="$(mktemp -d)"
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$WORK/fuzz.sqlite3"
export DJANGO_SECRET_KEY="fuzz-only-$($PY -c 'import secrets; print(secrets.token_urlsafe(40))')"
export DJANGO_DEBUG=0
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=0
export DJANGO_SECURE_COOKIES=0
export DJANGO_STATIC_MANIFEST=0
export DJANGO_LOG_LEVEL=ERROR
# The fuzzer sends thousands of requests a minute; the rate limit is tested elsewhere.
export API_RATE_LIMIT=1000000/m

$PY manage.py migrate --noinput -v0
$PY manage.py load_catalogue >/dev/null
# Prints the manager's token and writes the ids the fuzzer should also try.
TOKEN="$($PY manage.py shell -v0 -c "
import json
from django.contrib.auth import get_user_model
from django.utils import timezone
from assessments import tokens
from assessments.queries.catalogue import catalogue_snapshot
from assessments.services.assessments import save_draft, start_assessment, submit_assessment
from assessments.models import Membership, Team

User = get_user_model()
manager = User.objects.create_user('fuzz-manager', 'manager@example.com', 'unused-password-1')
member = User.objects.create_user('fuzz-member', 'member@example.com', 'unused-password-2')
team = Team.objects.create(name='Fuzz team', slug='fuzz-team')
Membership.objects.create(team=team, user=manager, role=Membership.Role.MANAGER)
Membership.objects.create(team=team, user=member, role=Membership.Role.MEMBER)
catalogue = catalogue_snapshot()
levels = {c.slug: i % 6 for i, c in enumerate(catalogue.competencies)}
submitted = {}
for person in (manager, member):
    draft, _ = start_assessment(person)
    save_draft(draft, levels=levels)
    submitted[person] = submit_assessment(draft, catalogue, timezone.now())
draft, _ = start_assessment(manager)
json.dump(
    {'assessment': draft.pk, 'submitted': submitted[manager].pk, 'member': member.pk, 'slug': team.slug},
    open('$WORK/ids.json', 'w'),
)
print(tokens.create_token(manager, 'Schemathesis', now=timezone.now()).plaintext)
")"

# Known names and ids, offered as well as random ones, so the fuzzer also reaches real
# objects: the draft, a submitted assessment (to share), the team and its member, the
# catalogue's slugs.
$PY - "$WORK" <<'EOF'
import json, sys
from pathlib import Path

work = Path(sys.argv[1])
ids = json.loads((work / "ids.json").read_text())
config = f"""
[dictionaries]
assessments = {{ values = [{ids["assessment"]}, {ids["submitted"]}, 1, 2, 3] }}
members = {{ values = [{ids["member"]}, 1, 2] }}
teams = {{ values = ["{ids["slug"]}", "fuzz-team-nope"] }}
layers = {{ values = ["producers", "distributors", "converters", "architects"] }}

[parameters]
"path.assessment_id" = {{ dictionary = "assessments", probability = 0.6 }}
"path.user_id" = {{ dictionary = "members", probability = 0.6 }}
"query.layer" = {{ dictionary = "layers", probability = 0.5 }}
"path.slug" = {{ dictionary = "teams", probability = 0.5 }}
"""
(work / "schemathesis.toml").write_text(config)
EOF

PORT="$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
# No request-line limit: gunicorn's own answer to a long query string (414) belongs to the
# server in front, and the fuzzer is here to test the app behind it.
.venv/bin/gunicorn config.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning \
  --limit-request-line 0 \
  >"$WORK/gunicorn.log" 2>&1 &
SERVER_PID=$!
$PY - "$PORT" <<'EOF'
import sys, time, urllib.request

url = f"http://127.0.0.1:{sys.argv[1]}/api/v1/openapi.json"
for _ in range(60):
    try:
        urllib.request.urlopen(url, timeout=2).close()
        break
    except OSError:
        time.sleep(0.5)
else:
    sys.exit(f"The app did not answer at {url}.")
EOF

status=0
.venv/bin/schemathesis --config-file "$WORK/schemathesis.toml" run \
  "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks all \
  --exclude-checks positive_data_acceptance \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-40}" \
  --max-time "${SCHEMATHESIS_MAX_TIME:-150}" \
  --seed "${SCHEMATHESIS_SEED:-20250301}" \
  --workers 2 \
  --request-timeout 20 \
  --no-color || status=$?

if [ "$status" -ne 0 ] && [ -s "$WORK/gunicorn.log" ]; then
  echo "--- server log ---"
  tail -n 80 "$WORK/gunicorn.log"
fi
exit "$status"
