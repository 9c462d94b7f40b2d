"""The benchmark's databases and servers: each backend's environment, its load data, gunicorn.

Every backend runs with production settings (see backend_env); its database is built with
the project's own management commands, and gunicorn is pinned to core 0 so the load client
can have core 1.
"""

# ruff: noqa: S603 -- runs manage.py, gunicorn and the benchmark with arguments it builds

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY_POINT = Path(__file__).resolve().with_name("run.py")
PYTHON = sys.executable
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "tprofile_bench"
PASSWORD = "bench-" + "load-password"  # the load accounts' password, local databases only
HOST = "127.0.0.1"


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


def manage(env: dict[str, str], *args: str, quiet: bool = False) -> str:
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


def flush_redis(env: dict[str, str]) -> None:
    """Empty the benchmark's own Redis database, so no run starts with another's cache."""
    if env.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()


# --- the database --------------------------------------------------------------------


def pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute(sql)


def has_load_data(backend: str, env: dict[str, str]) -> bool:
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
        [PYTHON, ENTRY_POINT, "--has-data"], cwd=ROOT, env=env, capture_output=True, check=False
    )
    return probe.returncode == 0


def build_database(backend: str, env: dict[str, str], args: argparse.Namespace) -> None:
    drop_database(backend, env)
    if backend != "sqlite":
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


def drop_database(backend: str, env: dict[str, str]) -> None:
    if backend == "sqlite":
        path = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        pg_admin(f"DROP DATABASE IF EXISTS {PG_BENCH_DB} WITH (FORCE)")


# --- gunicorn ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(env: dict[str, str], port: int, workers: int) -> subprocess.Popen[bytes]:
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


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def server_cpu_seconds(server: subprocess.Popen[bytes]) -> float:
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
