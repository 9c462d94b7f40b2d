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
This file runs each backend in turn; the work itself is split by job: backends.py (the
environment, the database, gunicorn), probe.py (inside Django: what to request, and each
page's queries), load.py (the load client) and report.py (the tables and the targets).
"""

# ruff: noqa: S603 -- runs the probe in a process of its own, with the backend's environment

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from backends import (
    ENTRY_POINT,
    HOST,
    PYTHON,
    ROOT,
    backend_env,
    build_database,
    drop_database,
    flush_redis,
    free_port,
    has_load_data,
    manage,
    start_server,
    stop_server,
)
from load import USERS, drive
from probe import has_data_main, probe_main
from report import check_targets, report


def bench_backend(backend: str, args: argparse.Namespace, workdir: Path) -> list[str]:
    """Build, probe, serve and load one backend; its lines of the report."""
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
        [PYTHON, ENTRY_POINT, "--probe"],
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
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
