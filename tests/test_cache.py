"""The Redis cache serves as a miss while Redis cannot be reached (config.cache): every read
finds nothing, every write is dropped, a Redis that does not answer is asked once per
`retry_after`, the outage and its end are logged once each, and the health check asks
Redis afresh."""

import logging
import os
import secrets
import socket
import subprocess
import sys

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError

from config.cache import DegradingRedisCache
from config.health import cache_state
from tests.server import BASE

LIVE_REDIS = "redis://127.0.0.1:6379/14"
TINY = {"socket_connect_timeout": 0.05, "socket_timeout": 0.05}


def redis_cache(location, **options):
    return DegradingRedisCache(
        location, {"KEY_PREFIX": f"cache-test-{secrets.token_hex(8)}", "OPTIONS": options}
    )


@pytest.fixture
def warnings(caplog):
    caplog.set_level(logging.WARNING, logger="config.cache")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "config.cache"]


@pytest.fixture
def silent_redis():
    """A port that takes connections and never answers, like a Redis that hangs; yields
    the URL and a function counting the connections made since the last count."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        listener.setblocking(False)

        def connections() -> int:
            count = 0
            while True:
                try:
                    connection, _ = listener.accept()
                except BlockingIOError:
                    return count
                connection.close()
                count += 1

        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0", connections


@pytest.fixture
def live():
    cache = redis_cache(LIVE_REDIS, retry_after=0, **TINY)
    yield cache
    cache.delete_many(["a", "b", "n"])
    for pool in cache._cache._pools.values():
        pool.disconnect()


def test_every_call_answers_as_a_miss_while_redis_refuses(warnings):
    cache = redis_cache("redis://127.0.0.1:1/0", **TINY)
    assert cache.get("a") is None
    assert cache.get("a", "default") == "default"
    assert cache.set("a", 1) is None
    assert cache.add("a", 1) is False
    assert cache.get_or_set("a", 2) == 2
    assert cache.touch("a") is False
    assert cache.delete("a") is False
    assert "a" not in cache
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == []
    assert cache.delete_many(["a", "b"]) is None
    assert cache.clear() is False
    with pytest.raises(ValueError, match="not found"):
        cache.incr("n")
    assert cache.reachable() is False
    [warning] = warnings()
    assert warning == (
        "Redis cannot be reached (Error 111 connecting to 127.0.0.1:1. Connection refused.): "
        "the app carries on without its cache (sessions from the database, nothing shared "
        "between workers) and tries again in 5 seconds."
    )


def test_a_redis_that_hangs_is_asked_once_per_retry_interval(silent_redis, warnings):
    url, connections = silent_redis
    cache = redis_cache(url, **TINY)
    for _ in range(20):
        assert cache.get("a") is None
        cache.set("a", 1)
    assert connections() == 1
    assert warnings()[0].startswith("Redis cannot be reached (Timeout reading from 127.0.0.1:")
    # The health check asks again all the same.
    assert cache.reachable() is False
    assert connections() == 1


def test_the_cache_works_as_usual_while_redis_answers(live, warnings):
    live.set("a", {"x": 1})
    assert live.get("a") == {"x": 1}
    assert live.add("a", 2) is False
    live.set("n", 1)
    assert live.incr("n", 2) == 3
    assert live.get_many(["a", "n", "b"]) == {"a": {"x": 1}, "n": 3}
    assert live.reachable() is True
    assert warnings() == []


def test_errors_other_than_reaching_redis_are_raised(live):
    live.set("a", "text")
    with pytest.raises(ResponseError):
        live.incr("a")


def test_the_end_of_an_outage_is_logged_once(live, warnings, monkeypatch):
    client = live._cache

    def refused(*args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(client, "get_client", refused)
        live.set("a", 1)
        assert live.get("a") is None
    live.set("a", 2)
    assert live.get("a") == 2
    assert warnings() == [
        "Redis cannot be reached (Error 111 connecting to 127.0.0.1:6379. Connection "
        "refused.): the app carries on without its cache (sessions from the database, "
        "nothing shared between workers) and tries again in 0 seconds.",
        "Redis answers again: the app uses its cache once more.",
    ]


@pytest.mark.parametrize(
    ("backend", "location", "state"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", "", "ok"),
        ("config.cache.DegradingRedisCache", LIVE_REDIS, "ok"),
        ("config.cache.DegradingRedisCache", "redis://127.0.0.1:1/0", "degraded"),
    ],
)
def test_the_cache_state_is_asked_now(settings, backend, location, state):
    settings.CACHES = {"default": {"BACKEND": backend, "LOCATION": location, "OPTIONS": {}}}
    assert cache_state() == state


@pytest.mark.parametrize(("env", "timeout"), [({}, 0.25), ({"REDIS_TIMEOUT_MS": "40"}, 0.04)])
def test_with_redis_the_settings_take_the_degrading_cache_with_short_timeouts(env, timeout):
    script = (
        "import config.settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.CACHES['default']['OPTIONS'], "
        "s.AXES_HANDLER, s.RATELIMIT_FAIL_OPEN)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "REDIS_URL": "redis://127.0.0.1:6379/0", **env},
        capture_output=True,
        text=True,
        cwd=BASE,
        check=True,
    )
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    assert result.stdout.split(" ", 1) == [
        "config.cache.DegradingRedisCache",
        f"{options} assessments.lockout.LoginPauseHandler True\n",
    ]
