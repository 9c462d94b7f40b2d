"""The shared cache: Django's Redis cache, serving as a miss while Redis cannot be reached.

Nothing the app keeps in the cache is the only copy: sessions are written through to the
database, the catalogue's version stamp and the page parts are built again on a miss, and
failed logins are counted in the database. So when Redis is down or unreachable, every
read answers as a miss and every write is dropped, and the app goes on, a little slower,
instead of answering 500. What that means for each user of the cache is in
docs/operations.md ("When Redis is down").

- The socket timeouts in CACHES' OPTIONS bound what one call costs while Redis hangs.
- After a failure, the cache is not asked again for `retry_after` seconds (an OPTION,
  default 5), so a request with many cache reads pays for at most one timeout.
- The failure is logged as a warning once a minute at most, and its end once.
- `reachable()` asks Redis now, for the health endpoint (config.health).
"""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Redis cannot be reached (refused, reset, unknown host, no answer in time, still loading):
# a fact of the network. Any other error is a fault of the call and is raised as before.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 5.0
WARN_EVERY_SECONDS = 60.0
_MISSING = object()


class DegradingRedisClient(RedisCacheClient):
    """Each call to Redis, or its answer as a miss while Redis cannot be reached."""

    def __init__(self, servers, *, retry_after: float = RETRY_AFTER_SECONDS, **options):
        super().__init__(servers, **options)
        self.retry_after = retry_after
        self.down_until = 0.0  # time.monotonic() before which Redis is not asked
        self.warned_at: float | None = None  # when the last warning was logged

    def _or_miss(self, miss: Any, call: Callable[..., Any], *args: Any) -> Any:
        if time.monotonic() < self.down_until:
            return miss
        try:
            answer = call(*args)
        except UNREACHABLE as error:
            self._went_down(error)
            return miss
        if self.down_until:
            self._came_back()
        return answer

    def _went_down(self, error: Exception) -> None:
        now = time.monotonic()
        self.down_until = now + self.retry_after
        if self.warned_at is None or now - self.warned_at >= WARN_EVERY_SECONDS:
            self.warned_at = now
            # The error names the host and port, never the URL (it may hold a password).
            logger.warning(
                "Redis cannot be reached (%s): the app carries on without its cache "
                "(sessions from the database, nothing shared between workers) and tries "
                "again in %g seconds.",
                error,
                self.retry_after,
            )

    def _came_back(self) -> None:
        self.down_until = 0.0
        if self.warned_at is not None:
            self.warned_at = None
            logger.warning("Redis answers again: the app uses its cache once more.")

    def reachable(self) -> bool:
        """Whether Redis answers now (asked whatever happened before)."""
        try:
            self.get_client(write=True).ping()
        except UNREACHABLE as error:
            self._went_down(error)
            return False
        self._came_back()
        return True

    def add(self, key, value, timeout):
        return self._or_miss(False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._or_miss(default, super().get, key, default)

    def set(self, key, value, timeout):
        self._or_miss(None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._or_miss(False, super().touch, key, timeout)

    def delete(self, key):
        return self._or_miss(False, super().delete, key)

    def get_many(self, keys):
        return self._or_miss({}, super().get_many, keys)

    def has_key(self, key):
        return self._or_miss(False, super().has_key, key)

    def incr(self, key, delta):
        answer = self._or_miss(_MISSING, super().incr, key, delta)
        if answer is _MISSING:
            # What Django's caches do for a key they do not hold.
            raise ValueError(f"Key {key!r} not found.")
        return answer

    def set_many(self, data, timeout):
        self._or_miss(None, super().set_many, data, timeout)

    def delete_many(self, keys):
        self._or_miss(None, super().delete_many, keys)

    def clear(self):
        return self._or_miss(False, super().clear)


class DegradingRedisCache(RedisCache):
    """CACHES' BACKEND for Redis: see the module's docstring."""

    _cache: DegradingRedisClient

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = DegradingRedisClient

    def reachable(self) -> bool:
        return self._cache.reachable()
