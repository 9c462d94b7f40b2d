"""The load client: an asyncio loop of closed-loop users on aiohttp (docs/performance.md).

Each of USERS sessions sends its next request as soon as the last one answered; only the
requests that start and end inside a phase's measured window count.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import re
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from backends import PASSWORD, server_cpu_seconds

if TYPE_CHECKING:
    from aiohttp import ClientSession

USERS = 10

Answer = tuple[int, int, int]
"""A request's status, body size and expected status."""
MakeRequest = Callable[["ClientSession", int, int], Awaitable[Answer]]
"""Sends one request for a session, given the user's number and the request's number."""


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
    load: tuple[float, float] = (0.0, 0.0)
    """The machine's load average when the phase began and when it ended."""

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


async def login(session: ClientSession, base: str, username: str) -> None:
    async with session.get(f"{base}/accounts/login/") as response:
        page = await response.text()
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if found is None:
        sys.exit(f"no CSRF token on the login page for {username}")
    async with session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": found[1]},
        allow_redirects=False,
    ) as response:
        if response.status != 302:
            sys.exit(f"login as {username} failed: {response.status}")


def csrf_token(session: ClientSession) -> str:
    for cookie in session.cookie_jar:
        if cookie.key == "csrftoken":
            return cookie.value
    raise RuntimeError("no CSRF cookie")


async def run_phase(
    name: str,
    sessions: list[ClientSession],
    make_request: MakeRequest,
    warmup: float,
    duration: float,
) -> Phase:
    """Each session loops make_request(session, i) for warmup + duration seconds; only the
    requests that start and end inside the measured window count."""
    phase = Phase(name)
    start = time.monotonic()
    measure_from = start + warmup
    stop_at = measure_from + duration
    cpu = {}

    async def user(number: int, session: ClientSession) -> None:
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


async def drive(
    base: str,
    plan: dict[str, Any],
    warmup: float,
    duration: float,
    server: subprocess.Popen[bytes],
) -> dict[str, Any]:
    """Log the users in, run each endpoint's phase in turn, then measure transfer sizes."""
    import aiohttp

    timeout = aiohttp.ClientTimeout(total=30)

    def session() -> ClientSession:
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

    async def get(
        session: ClientSession,
        url: str,
        expected: int = 200,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        async with session.get(base + url, headers=headers, allow_redirects=False) as response:
            body = await response.read()
            return response.status, len(body), expected

    competencies = plan["competencies"]

    async def autosave(session: ClientSession, number: int, i: int) -> Answer:
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

    phases: list[tuple[str, list[ClientSession], MakeRequest]] = [
        ("control", anonymous, lambda s, n, i: get(s, "/bench/control/")),
        ("signed-in", owners, lambda s, n, i: get(s, "/bench/signed-in/")),
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


async def measure_sizes(
    base: str, plan: dict[str, Any], anonymous: ClientSession, owner: ClientSession
) -> dict[str, Any]:
    """First visit (HTML plus every stylesheet and script it links, as served with
    Accept-Encoding) and the htmx partials' sizes on the wire."""
    import aiohttp

    sizes: dict[str, Any] = {}
    async with aiohttp.ClientSession(auto_decompress=False) as raw:
        for page_name, url in (("home", "/"), ("role", plan["role"])):
            for encoding in ("gzip", "br, gzip"):
                headers = {"Accept-Encoding": encoding}
                async with raw.get(base + url, headers=headers) as response:
                    html = await response.read()
                total: dict[str, Any] = {
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
