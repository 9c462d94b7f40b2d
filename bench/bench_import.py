"""How long importing a 10,000-row sheet into one team takes, and how much memory it needs.

Builds a throwaway database with Django's test-database machinery (a temporary SQLite file,
or test_<name>_<pid> on PostgreSQL when DATABASE_URL names one), loads the default
catalogue, adds one team of N people, writes their ratings as a CSV sheet and an .xlsx
workbook, then times each step of an import as the pages run it: reading and checking the
sheet, matching its rows to the team, keeping the checked rows for the preview and taking
them back, and saving. The import runs twice: first for people without a submitted
assessment, then again, when each new assessment replaces a latest one. Each reading
step and the second import run under tracemalloc for their peak of Python memory (which
makes them slower: their times are not the timings above). The database is dropped at
the end.

    python bench/bench_import.py [--rows N] [--seed S]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tprofile python bench/bench_import.py
"""

# ruff: noqa: S311 -- seeded pseudo-random data for a benchmark, not secrets

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-not-used-for-anything-real-0123")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments.domain import sheet_files, sheets  # noqa: E402
from assessments.models import Assessment, Membership, Rating  # noqa: E402
from assessments.queries.catalogue import catalogue_snapshot  # noqa: E402
from assessments.services import imports as import_services  # noqa: E402
from assessments.services import staged_imports  # noqa: E402
from assessments.services.teams import create_team  # noqa: E402
from careers.catalogue.loader import load_catalogue  # noqa: E402


@contextmanager
def step(name: str, results: list, *, memory: bool = False):
    if memory:
        tracemalloc.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    yield
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = None
    if memory:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    results.append((name, elapsed, cpu, peak))


def people(count: int):
    users = get_user_model()
    users.objects.bulk_create(
        (
            users(
                username=f"person{n}",
                email=f"Person{n}@example.com",
                password=make_password(None),  # nobody logs in
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    manager = users.objects.create(username="bench-manager", email="manager@example.com")
    team = create_team("Bench team", manager)
    Membership.objects.bulk_create(
        (
            Membership(team=team, user_id=pk)
            for pk in users.objects.filter(username__startswith="person").values_list(
                "pk", flat=True
            )
        ),
        batch_size=2000,
    )
    return team, manager


def write_sheets(folder: Path, slugs, count: int, rng: random.Random) -> tuple[Path, Path]:
    import openpyxl

    csv_path, xlsx_path = folder / "ratings.csv", folder / "ratings.xlsx"
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet()
    with csv_path.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        heading = ["email", "name", *slugs]
        writer.writerow(heading)
        worksheet.append(heading)
        for n in range(count):
            row = [f"person{n}@example.com", f"Person {n}", *(rng.randint(0, 5) for _ in slugs)]
            writer.writerow(row)
            worksheet.append(row)
    workbook.save(xlsx_path)
    return csv_path, xlsx_path


def read(path: Path, columns, retired) -> sheets.Sheet:
    with path.open("rb") as stream:
        return sheet_files.read_sheet(path.name, stream, path.stat().st_size, columns, retired)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    folder = Path(tempfile.mkdtemp(prefix="t-profile-bench-"))
    results: list = []
    try:
        load_catalogue()
        catalogue = catalogue_snapshot()
        columns = sheets.competency_columns(catalogue)
        retired = import_services.retired_competencies(catalogue)
        team, manager = people(args.rows)
        csv_path, xlsx_path = write_sheets(folder, list(columns), args.rows, rng)

        with step("read and check the CSV sheet", results):
            sheet = read(csv_path, columns, retired)
        assert sheet.ok, sheet.problems[:5]
        with step("read and check the .xlsx sheet", results):
            assert read(xlsx_path, columns, retired).ok
        with step("match the rows to the team", results):
            import_services.check_people(sheet, team)
        assert sheet.ok, sheet.problems[:5]
        with step("keep the checked rows, take them back", results):
            token = staged_imports.stage(sheet, team, manager, csv_path.name, now=timezone.now())
            claimed = staged_imports.claim(token, team, manager, now=timezone.now())
        assert claimed is not None
        assert claimed.sheet is not None
        with step("import (nobody had an assessment)", results):
            import_services.import_sheet(
                claimed.sheet, team, imported_by=manager, catalogue=catalogue, now=timezone.now()
            )

        with step("read and check the CSV sheet", results, memory=True):
            read(csv_path, columns, retired)
        with step("read and check the .xlsx sheet", results, memory=True):
            read(xlsx_path, columns, retired)
        with step("import again (each replaces a latest)", results, memory=True):
            import_services.import_sheet(
                read(csv_path, columns, retired),
                team,
                imported_by=manager,
                catalogue=catalogue,
                now=timezone.now(),
            )
        saved = (Assessment.objects.count(), Rating.objects.count())
        latest = Assessment.objects.filter(is_latest=True).count()
    finally:
        connection.creation.destroy_test_db(test_name, verbosity=0)

    vendor = connection.vendor
    print(
        f"{args.rows:,} rows × {len(columns)} competencies on {vendor}; CSV "
        f"{csv_path.stat().st_size / 1e6:.1f} MB, .xlsx {xlsx_path.stat().st_size / 1e6:.1f} MB"
    )
    print(f"  {'step':<42} {'wall':>8} {'cpu':>8}")
    for name, elapsed, cpu, peak in results:
        memory = f"   peak {peak / 1e6:6.1f} MB (tracemalloc)" if peak is not None else ""
        print(f"  {name:<42} {elapsed:7.2f}s {cpu:7.2f}s{memory}")
    print(f"saved: {saved[0]:,} assessments, {saved[1]:,} ratings; {latest:,} marked latest")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak resident memory: {rss:.0f} MB")


if __name__ == "__main__":
    main()
