"""Whether this instance is ready to serve, for a load balancer or a person on call.

`/health/ready/` answers 200 with what it found, "ok" or "degraded" for the cache. A cache
that cannot be reached does not make the instance unready: the app serves every page
without it (config.cache), and since every instance shares the one Redis, answering 503
would take all of them out of the load balancer at once. So the degraded state is in the
answer and in the log, for monitoring to alert on.
"""

from django.core.cache import caches
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def cache_state() -> str:
    """The default cache's state, asked now: "degraded" while it is a Redis that cannot be
    reached, "ok" otherwise (a cache in the worker's own memory always answers)."""
    reachable = getattr(caches["default"], "reachable", None)
    return "degraded" if reachable is not None and not reachable() else "ok"


@never_cache
@require_GET
def ready(request):
    cache = cache_state()
    return JsonResponse({"status": "ok" if cache == "ok" else "degraded", "cache": cache})
