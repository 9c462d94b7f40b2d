"""T-Profile under load, against bare Django: see docs/performance.md.

For each backend (a SQLite file in WAL mode, and PostgreSQL at 127.0.0.1:5432), this
script builds a database (migrate, load_catalogue, generate_load_data, collectstatic),
starts gunicorn with production settings and 2 workers pinned to core 0, and drives it
from core 1 with an asyncio client: 10 concurrent users, each a closed loop (the next
request as soon as the last answered), against each endpoint in turn. It prints per
endpoint p50, p95, requests per second, errors and the ratio to the control's throughput
(a bare Django view behind the same middleware, measured in the same run), the queries
each page runs, the first visit's transfer and the size of htmx partials.

    python bench/run.py                        # both backends, 10,000 people
    python bench/run.py --quick                # 2,000 people, shorter phases
    python bench/run.py --backend sqlite --reuse-data --duration 20

Only addresses on this machine are ever requested, and every phase stops by itself.
"""

# ruff: noqa: S603 -- runs manage.py, gunicorn and itself with arguments it builds

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "tprofile_bench"
PASSWORD = "bench-" + "load-password"  # the load accounts' password, local databases only
HOST = "127.0.0.1"
USERS = 10

TARGETS = {
    "profile_p95_ms": 50,
    "role_p95_ms": 50,
    "share_of_control": 0.5,
    "autosave_p95_ms": 100,
    "team50_p95_ms": 100,
    "team5000_p95_ms": 500,
    "first_visit_kb": 100,
    "partial_kb": 10,
}


# --- the environment of each backend ----------------------------------------------------


def backend_env(backend: str, workdir: Path, redis: bool) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CATALOGUE_"))
    }
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        # Plain HTTP on localhost: no redirect to HTTPS, cookies without the Secure flag.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_STATIC_MANIFEST="1",
        DJANGO_LOG_LEVEL="ERROR",
        TPROFILE_BENCH_CONTROL="1",
        PYTHONHASHSEED="0",
    )
    if backend == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'tprofile-bench.sqlite3'}"
    else:
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_BENCH_DB}"
    if redis:
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
        env["CACHE_KEY_PREFIX"] = "tprofile-bench"
    return env


def manage(env, *args, quiet=False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    if not quiet:
        print(result.stdout.strip())
    return result.stdout


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(sql)


def has_load_data(backend: str, env) -> bool:
    if backend == "sqlite":
        path = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        if not path.exists():
            return False
    else:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
            found = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [PG_BENCH_DB]
            ).fetchone()
        if not found:
            return False
    probe = subprocess.run(
        [PYTHON, __file__, "--has-data"], cwd=ROOT, env=env, capture_output=True, check=False
    )
    return probe.returncode == 0


def build_database(backend: str, env, args) -> None:
    if backend == "sqlite":
        path = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")
        pg_admin(f"CREATE DATABASE {PG_BENCH_DB}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_catalogue", quiet=True)
    manage(
        env,
        "generate_load_data",
        f"--people={args.people}",
        f"--teams={args.teams}",
        f"--history={args.history}",
        f"--password={PASSWORD}",
    )


def drop_database(backend: str, env) -> None:
    if backend == "sqlite":
        path = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")


# --- inside Django: what to request, and the queries per page ---------------------------


def django_setup():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def has_data_main() -> int:
    django_setup()
    from django.contrib.auth import get_user_model

    return 0 if get_user_model().objects.filter(username__startswith="load-").exists() else 1


def probe_main() -> None:
    """Print, as JSON, the URLs and accounts the load client uses and each page's queries.

    Query counts come from Django's test client with the catalogue cache warm (each page
    is requested once before it is counted), as a worker serves it in steady state.
    """
    django_setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from assessments import loadgen
    from assessments.models import Assessment, Membership, Rating
    from careers.models import Competency, Role

    drafts = list(
        Assessment.objects.filter(
            status=Assessment.Status.DRAFT, owner__username__startswith=loadgen.USERNAME_PREFIX
        )
        .select_related("owner")
        .order_by("owner__username")[:USERS]
    )
    people = []
    for draft in drafts:
        latest = Assessment.objects.get(owner=draft.owner, is_latest=True)
        people.append(
            {
                "username": draft.owner.username,
                "profile": reverse("assessments:profile", kwargs={"pk": latest.pk}),
                "edit": reverse("assessments:edit", kwargs={"pk": draft.pk}),
            }
        )
    teams = {}
    for key, number in (("team50", 2), ("team5000", 1)):
        slug = loadgen.team_slug(number)
        manager = Membership.objects.select_related("user", "team").get(
            team__slug=slug, role=Membership.Role.MANAGER
        )
        teams[key] = {
            "username": manager.user.username,
            "url": reverse("assessments:team-dashboard", kwargs={"slug": slug}),
            "members": manager.team.memberships.count(),
        }
    role = Role.objects.active().get(slug="marketing-director")
    competencies = list(Competency.objects.active().values_list("slug", flat=True))

    def count(user, method, url, **extra) -> int:
        client = Client(HTTP_HOST=HOST)
        if user is not None:
            client.force_login(user)
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                response = getattr(client, method)(url, **extra)
            assert response.status_code == 200, (url, response.status_code)
        return len(captured)

    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    first = users.get(username=people[0]["username"])
    queries = {
        "control": count(None, "get", "/bench/control/"),
        "role": count(None, "get", role.get_absolute_url()),
        "profile": count(first, "get", people[0]["profile"]),
        "form": count(first, "get", people[0]["edit"]),
        "autosave": count(
            first,
            "post",
            people[0]["edit"],
            data={f"level-{competencies[0]}": "3"},
            HTTP_HX_REQUEST="true",
        ),
        "team50": count(
            users.get(username=teams["team50"]["username"]), "get", teams["team50"]["url"]
        ),
        "team5000": count(
            users.get(username=teams["team5000"]["username"]), "get", teams["team5000"]["url"]
        ),
    }
    dataset = {
        "people": users.filter(username__startswith=loadgen.USERNAME_PREFIX).count(),
        "submitted": Assessment.objects.filter(status=Assessment.Status.SUBMITTED).count(),
        "drafts": Assessment.objects.filter(status=Assessment.Status.DRAFT).count(),
        "ratings": Rating.objects.count(),
    }
    print(
        json.dumps(
            {
                "dataset": dataset,
                "people": people,
                "teams": teams,
                "role": role.get_absolute_url(),
                "competencies": competencies,
                "queries": queries,
            }
        )
    )


# --- gunicorn ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_server(env, port: int, workers: int) -> subprocess.Popen:
    command = [
        str(Path(PYTHON).parent / "gunicorn"),
        "config.wsgi",
        f"--workers={workers}",
        f"--bind={HOST}:{port}",
        "--log-level=warning",
        "--timeout=60",
    ]
    if shutil.which("taskset") and (os.cpu_count() or 1) > 1:
        command = ["taskset", "-c", "0", *command]
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    sys.exit("gunicorn did not start")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def server_cpu_seconds(server: subprocess.Popen) -> float:
    """CPU time used so far by gunicorn's master and workers (Linux /proc; 0 elsewhere).

    Other work on the machine slows requests down but does not add to this, so CPU per
    request is the steadier figure on a busy machine.
    """
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    pids = [server.pid]
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        # taskset execs gunicorn in place, so its pid is the master's.
        pids += [int(pid) for pid in children]
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, ValueError):
        return 0.0
    return total / tick


# --- the load client -------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    server_cpu: float = 0.0
    """Seconds of CPU gunicorn used over the whole phase (warm-up included)."""
    requests: int = 0
    """Every request of the phase, warm-up included."""
    seconds: float = 0.0
    client_cpu: float = 0.0
    sizes: list[int] = field(default_factory=list)

    @property
    def cpu_ms(self) -> float:
        return self.server_cpu / self.requests * 1000 if self.requests else float("nan")

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))] * 1000


async def login(session, base: str, username: str) -> None:
    async with session.get(f"{base}/accounts/login/") as response:
        page = await response.text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    async with session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
    ) as response:
        if response.status != 302:
            sys.exit(f"login as {username} failed: {response.status}")


def csrf_token(session) -> str:
    for cookie in session.cookie_jar:
        if cookie.key == "csrftoken":
            return cookie.value
    raise RuntimeError("no CSRF cookie")


async def run_phase(name, sessions, make_request, warmup: float, duration: float) -> Phase:
    """Each session loops make_request(session, i) for warmup + duration seconds; only the
    requests that start and end inside the measured window count."""
    phase = Phase(name)
    start = time.monotonic()
    measure_from = start + warmup
    stop_at = measure_from + duration
    cpu = {}

    async def user(number, session):
        i = 0
        while True:
            began = time.monotonic()
            if began >= stop_at:
                return
            if "start" not in cpu and began >= measure_from:
                cpu["start"] = time.process_time()
            try:
                status, size, expected = await make_request(session, number, i)
                ok = status == expected
            except Exception:
                ok, size = False, 0
            ended = time.monotonic()
            phase.requests += 1
            if began >= measure_from and ended <= stop_at:
                if ok:
                    phase.latencies.append(ended - began)
                    phase.sizes.append(size)
                else:
                    phase.errors += 1
            i += 1

    await asyncio.gather(*(user(n, s) for n, s in enumerate(sessions)))
    phase.seconds = duration
    phase.client_cpu = (time.process_time() - cpu.get("start", time.process_time())) / duration
    return phase


async def drive(base: str, plan: dict, warmup: float, duration: float, server) -> dict:
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=30)

    def session():
        return aiohttp.ClientSession(
            timeout=timeout,
            connector=aiohttp.TCPConnector(limit=1),
            cookie_jar=aiohttp.CookieJar(unsafe=True),
        )

    anonymous = [session() for _ in range(USERS)]
    people = plan["people"]
    owners = [session() for _ in range(USERS)]
    await asyncio.gather(
        *(login(s, base, people[n % len(people)]["username"]) for n, s in enumerate(owners))
    )
    managers = {}
    for key in ("team50", "team5000"):
        managers[key] = [session() for _ in range(USERS)]
        await asyncio.gather(
            *(login(s, base, plan["teams"][key]["username"]) for s in managers[key])
        )

    async def get(session, url, expected=200, headers=None):
        async with session.get(base + url, headers=headers, allow_redirects=False) as response:
            body = await response.read()
            return response.status, len(body), expected

    competencies = plan["competencies"]

    async def autosave(session, number, i):
        person = people[number % len(people)]
        slug = competencies[(number * 7 + i) % len(competencies)]
        async with session.post(
            base + person["edit"],
            data={f"level-{slug}": str(i % 6)},
            headers={"HX-Request": "true", "X-CSRFToken": csrf_token(session)},
            allow_redirects=False,
        ) as response:
            body = await response.read()
            return response.status, len(body), 200

    # Each owner's CSRF cookie comes with their first page.
    for number, s in enumerate(owners):
        await get(s, people[number % len(people)]["edit"])

    phases = [
        ("control", anonymous, lambda s, n, i: get(s, "/bench/control/")),
        ("role", anonymous, lambda s, n, i: get(s, plan["role"])),
        ("profile", owners, lambda s, n, i: get(s, people[n % len(people)]["profile"])),
        ("form", owners, lambda s, n, i: get(s, people[n % len(people)]["edit"])),
        ("autosave", owners, autosave),
        ("team50", managers["team50"], lambda s, n, i: get(s, plan["teams"]["team50"]["url"])),
        (
            "team5000",
            managers["team5000"],
            lambda s, n, i: get(s, plan["teams"]["team5000"]["url"]),
        ),
    ]
    results = {}
    for name, sessions, request in phases:
        load_before = os.getloadavg()[0]
        cpu_before = server_cpu_seconds(server)
        results[name] = await run_phase(name, sessions, request, warmup, duration)
        results[name].server_cpu = server_cpu_seconds(server) - cpu_before
        results[name].load = (load_before, os.getloadavg()[0])
        phase = results[name]
        print(
            f"  {name:9} {phase.rps:7.1f} req/s  p95 {phase.percentile(0.95):7.1f} ms"
            f"  server CPU {phase.cpu_ms:5.1f} ms/request  errors {phase.errors}",
            flush=True,
        )

    sizes = await measure_sizes(base, plan, anonymous[0], owners[0])
    for s in anonymous + owners + managers["team50"] + managers["team5000"]:
        await s.close()
    return {"phases": results, "sizes": sizes}


async def measure_sizes(base, plan, anonymous, owner) -> dict:
    """First visit (HTML plus every stylesheet and script it links, as served with
    Accept-Encoding) and the htmx partials' sizes on the wire."""
    import aiohttp

    sizes = {}
    async with aiohttp.ClientSession(auto_decompress=False) as raw:
        for page_name, url in (("home", "/"), ("role", plan["role"])):
            for encoding in ("gzip", "br, gzip"):
                headers = {"Accept-Encoding": encoding}
                async with raw.get(base + url, headers=headers) as response:
                    html = await response.read()
                total = {
                    "html": len(html),
                    "css": 0,
                    "js": 0,
                    "html_encoding": response.headers.get("Content-Encoding", "identity"),
                }
                # Links are read from the page as a browser would see it: decompressed.
                plain = gzip.decompress(html) if total["html_encoding"] == "gzip" else html
                text = plain.decode("utf-8", "replace")
                assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text)
                scripts = re.findall(r'<script[^>]* src="([^"]+)"', text)
                for kind, urls in (("css", assets), ("js", scripts)):
                    for asset in urls:
                        async with raw.get(base + asset, headers=headers) as response:
                            body = await response.read()
                            total[kind] += len(body)
                            total.setdefault("encodings", set()).add(
                                response.headers.get("Content-Encoding", "identity")
                            )
                total["encodings"] = sorted(total.get("encodings", ()))
                total["total"] = total["html"] + total["css"] + total["js"]
                sizes[f"first_visit_{page_name}_{encoding.split(',')[0]}"] = total
    async with anonymous.get(
        base + plan["role"] + "?country=GB", headers={"HX-Request": "true"}
    ) as response:
        sizes["role_salary_partial"] = len(await response.read())
    person = plan["people"][0]
    async with owner.post(
        base + person["edit"],
        data={f"level-{plan['competencies'][0]}": "2"},
        headers={"HX-Request": "true", "X-CSRFToken": csrf_token(owner)},
    ) as response:
        sizes["autosave_response"] = len(await response.read())
    return sizes


# --- the report ------------------------------------------------------------------------


def report(backend: str, measured: dict, queries: dict, plan: dict) -> list[str]:
    phases = measured["phases"]
    control = phases["control"].rps
    data = plan["dataset"]
    lines = [
        f"### {backend}",
        "",
        f"Data: {data['people']:,} people, {data['submitted']:,} submitted assessments, "
        f"{data['drafts']:,} drafts, {data['ratings']:,} ratings.",
        "",
        "| endpoint | req/s | share of control | p50 ms | p95 ms | errors | queries "
        "| server CPU ms/req | CPU share of control | client CPU | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, phase in phases.items():
        share = phase.rps / control if control else float("nan")
        lines.append(
            f"| {name} | {phase.rps:.0f} | {share:.0%} | {phase.percentile(0.5):.1f} | "
            f"{phase.percentile(0.95):.1f} | {phase.errors} | {queries.get(name, '')} | "
            f"{phase.cpu_ms:.2f} | {phases['control'].cpu_ms / phase.cpu_ms:.0%} | "
            f"{phase.client_cpu:.0%} | {phase.load[0]:.1f}→{phase.load[1]:.1f} |"
        )
    sizes = measured["sizes"]
    lines += ["", "| transfer | HTML | CSS | JS | total |", "|---|---:|---:|---:|---:|"]
    for key, value in sizes.items():
        if key.startswith("first_visit"):
            lines.append(
                f"| {key} (HTML {value['html_encoding']}, assets {'/'.join(value['encodings'])}) | "
                f"{value['html'] / 1024:.1f} KB | {value['css'] / 1024:.1f} KB | "
                f"{value['js'] / 1024:.1f} KB | {value['total'] / 1024:.1f} KB |"
            )
    lines += [
        "",
        f"Role salary partial (htmx): {sizes['role_salary_partial'] / 1024:.1f} KB; "
        f"autosave response (htmx): {sizes['autosave_response'] / 1024:.1f} KB.",
        f"Team dashboards: {plan['teams']['team50']['members']} and "
        f"{plan['teams']['team5000']['members']} members.",
        "",
    ]
    return lines


def check_targets(measured: dict) -> list[str]:
    phases = measured["phases"]
    control = phases["control"].rps
    missed = []

    def need(ok, text):
        if not ok:
            missed.append(text)

    for name in ("profile", "role"):
        p95 = phases[name].percentile(0.95)
        need(p95 <= TARGETS[f"{name}_p95_ms"], f"{name} p95 {p95:.0f} ms > 50 ms")
        share = phases[name].rps / control
        need(share >= TARGETS["share_of_control"], f"{name} at {share:.0%} of the control")
    for name, key in (
        ("autosave", "autosave_p95_ms"),
        ("team50", "team50_p95_ms"),
        ("team5000", "team5000_p95_ms"),
    ):
        p95 = phases[name].percentile(0.95)
        need(p95 <= TARGETS[key], f"{name} p95 {p95:.0f} ms > {TARGETS[key]} ms")
    for name, phase in phases.items():
        need(phase.errors == 0, f"{name}: {phase.errors} errors")
    sizes = measured["sizes"]
    first = min(v["total"] for k, v in sizes.items() if k.startswith("first_visit_role"))
    need(first <= TARGETS["first_visit_kb"] * 1024, f"first visit {first / 1024:.0f} KB")
    for key in ("role_salary_partial", "autosave_response"):
        need(sizes[key] <= TARGETS["partial_kb"] * 1024, f"{key} {sizes[key] / 1024:.1f} KB")
    return missed


# --- main ------------------------------------------------------------------------------


def flush_redis(env) -> None:
    """Empty the benchmark's own Redis database, so no run starts with another's cache."""
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()


def bench_backend(backend: str, args, workdir: Path) -> list[str]:
    print(f"\n== {backend} ==", flush=True)
    env = backend_env(backend, workdir, args.redis)
    flush_redis(env)
    if args.reuse_data and has_load_data(backend, env):
        print("Reusing the load data from an earlier run.")
        manage(env, "migrate", "--noinput", "-v0")
    else:
        started = time.monotonic()
        build_database(backend, env, args)
        print(f"Database ready in {time.monotonic() - started:.0f} s.")
    manage(env, "collectstatic", "--noinput", "-v0")
    probe = subprocess.run(
        [PYTHON, __file__, "--probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode:
        sys.exit(f"probe failed:\n{probe.stderr}")
    plan = json.loads(probe.stdout.strip().splitlines()[-1])
    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > 1:
            os.sched_setaffinity(0, {1})
        measured = asyncio.run(
            drive(f"http://{HOST}:{port}", plan, args.warmup, args.duration, server)
        )
    finally:
        stop_server(server)
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, range(os.cpu_count() or 1))
    if not args.keep:
        drop_database(backend, env)
    flush_redis(env)
    lines = report(backend, measured, plan["queries"], plan)
    missed = check_targets(measured)
    lines.append("Targets missed: " + ("; ".join(missed) if missed else "none") + ".")
    lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=100)
    parser.add_argument("--history", type=int, default=4)
    parser.add_argument(
        "--duration", type=float, default=20.0, help="Seconds measured per endpoint."
    )
    parser.add_argument("--warmup", type=float, default=3.0, help="Seconds before measuring.")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
    parser.add_argument("--quick", action="store_true", help="2,000 people and 8 s phases.")
    parser.add_argument("--reuse-data", action="store_true", help="Keep a database with load data.")
    parser.add_argument("--keep", action="store_true", help="Leave the database for another run.")
    parser.add_argument(
        "--redis", action="store_true", help="Use Redis (127.0.0.1:6379/15) as the cache."
    )
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "tprofile-bench"
    )
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--has-data", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        probe_main()
        return
    if args.has_data:
        sys.exit(has_data_main())
    if args.quick:
        args.people, args.duration = min(args.people, 2_000), min(args.duration, 8.0)
    if args.people < 5_000:
        print(
            f"With {args.people:,} people the largest team has {args.people:,} members, not 5,000."
        )
    args.workdir.mkdir(parents=True, exist_ok=True)
    backends = ["sqlite", "postgres"] if args.backend == "both" else [args.backend]
    lines = [
        f"T-Profile benchmark, {time.strftime('%Y-%m-%d %H:%M')}: {os.cpu_count()} cores, "
        f"{args.workers} gunicorn workers, {USERS} concurrent users, {args.duration:.0f} s "
        f"per endpoint after {args.warmup:.0f} s warm-up.",
        "",
    ]
    for backend in backends:
        lines += bench_backend(backend, args, args.workdir)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
