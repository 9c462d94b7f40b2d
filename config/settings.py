"""Settings for T-Profile, all read from the environment with safe defaults.

Every variable is listed in README.md ("Configuration"). With nothing set, the app
runs on a SQLite file with DEBUG off, which is why the development secret key is
refused unless DEBUG is asked for.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-t-profile-never-use-in-production"  # noqa: S105


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip() or DEV_SECRET_KEY
if SECRET_KEY == DEV_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. The development key is only accepted with "
        "DJANGO_DEBUG=1; set DJANGO_SECRET_KEY to a long random value in production."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# Where e-mailed links (password resets) point: scheme, host and port of the public site.
# Without it, a link takes the host and port the request arrived with (fine on a laptop).
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "config.storage.StaticFilesConfig",
    "django.contrib.humanize",
    "django_htmx",
    # For its Swagger UI files: the API docs page serves them, never a CDN.
    "ninja",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "simple_history",
    "import_export",
    "axes",
    # The tasks' queue and results when TASKS_BACKEND is "db" (the default); its tables
    # exist whichever backend runs the tasks.
    "django_tasks_db",
    "careers",
    "assessments",
]

MIDDLEWARE = [
    # First, so it counts every answer and its time (config.metrics; served at /metrics).
    "config.metrics.measure",
    "django.middleware.security.SecurityMiddleware",
    # Pages compress to about a tenth (the assessment form: 207 KB → 23 KB). CSRF tokens
    # are masked per response and Django pads compressed responses at random, which
    # defeats BREACH-style guessing.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A 400 for a NUL character in the address or a cookie, before any of it is looked up.
    "config.middleware.refuse_null_characters",
    "config.middleware.json_method_not_allowed",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A 413 for a body larger than its endpoint takes, before any of it is read (no
    # middleware above reads it; the person is known, for the page's layout).
    "config.middleware.refuse_large_bodies",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An htmx request sent to the login page is answered 401, which its page can tell.
    "config.middleware.signed_out_htmx",
    # Turns a rate-limited request into RATELIMIT_VIEW's 429 answer.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Records the signed-in user on every catalogue history row written during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it answers a locked-out login before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "config.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE makes a writer take its lock
    # up front, so concurrent writes wait for each other instead of failing mid-transaction.
    # Tests use a file too (not SQLite's shared in-memory database), so the browser tests'
    # live server handles concurrent requests the way a deployment does; one file per
    # test run, so runs side by side never share a database.
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"tprofile-test-{os.getpid()}.sqlite3")
    }
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
            ),
        }
    )
else:
    # One test database per test run, so runs side by side never collide.
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The session is read on every signed-in request: keep it in the cache too (written
# through to the database, so nothing is lost when the cache is).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# How long a worker may keep its copy of the catalogue for scoring; changes made through
# the app give the catalogue a new version at once (careers.versioning).
CATALOGUE_CACHE_SECONDS = env_int("CATALOGUE_CACHE_SECONDS", 300)

# The benchmark's control (bench/run.py): a bare view at /bench/control/ behind the same
# middleware, and an empty signed-in page at /bench/signed-in/, there only when asked for;
# normal deployments have no such URLs.
BENCH_CONTROL = env_bool("TPROFILE_BENCH_CONTROL")

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
# Seconds one call to Redis may take to connect or to answer. The cache serves as a miss
# while Redis cannot be reached (config.cache), so a dead Redis costs this much now and
# then, never a worker's timeout.
REDIS_TIMEOUT = env_int("REDIS_TIMEOUT_MS", 250) / 1000
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tprofile"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Slow work (a team import's writes) runs as a task of Django's Tasks framework, in a worker
# beside the web processes (`manage.py run_worker`; `make run` starts one). TASKS_BACKEND
# picks where tasks wait: "db" (the default) keeps them in the database, needing nothing
# more; "rq" keeps them in Redis (REDIS_URL) for RQ's workers, to scale out; "immediate"
# runs each task at once inside the request that enqueues it (tests, one-off scripts).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "db").strip().lower() or "db"
TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq keeps the tasks in Redis: set REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 30 * 60}}

# Prometheus metrics at /metrics (config.metrics), served only with METRICS_TOKEN set, to a
# scraper sending it as a bearer token; without it /metrics is a 404.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "").strip()
if METRICS_TOKEN and len(METRICS_TOKEN) < 32:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 32 characters long.")

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Refuses nothing: a new password revokes the person's API tokens (assessments.tokens).
    {"NAME": "assessments.tokens.TokensEndWithThePassword"},
    # Refuses nothing either: a new password lifts the account's login pause.
    {"NAME": "assessments.lockout.PauseEndsWithThePassword"},
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "assessments.auth.UsernameOrEmailBackend",
]

# Brute-force protection that locks out no innocent (assessments.lockout): failed logins
# pause logging in to an account from one address after LOGIN_FAILURE_LIMIT (5), to the
# account from anywhere after LOGIN_ACCOUNT_FAILURE_LIMIT (20), and from one address to any
# account after LOGIN_ADDRESS_FAILURE_LIMIT (100), each for LOGIN_LOCKOUT_MINUTES. An email
# address counts as its account's username. A refused attempt is not counted, so a right
# password during a pause never is. Counted in the database, with or without Redis: every
# worker sees the same count, and it holds while Redis is down or after it restarts.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 100)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HANDLER = "assessments.lockout.LoginPauseHandler"
AXES_USERNAME_CALLABLE = "assessments.auth.login_name"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "assessments.lockout.paused"
AXES_VERBOSE = False
# Behind a proxy, the client's address is the last one the proxy appended.
AXES_CLIENT_IP_CALLABLE = "assessments.lockout.client_address"

# Downloads are costly to build: each person may take EXPORT_RATE_LIMIT of them (team
# CSVs, their own data) before getting a "try again shortly" answer (429).
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_VIEW = "assessments.views.errors.rate_limited"
# While the cache cannot count (Redis down), downloads and uploads go through uncounted
# rather than every one being refused: the limits guard the server's time, not an account.
RATELIMIT_FAIL_OPEN = True
EXPORT_RATE_LIMIT = os.environ.get("EXPORT_RATE_LIMIT", "30/m")
# Sheet uploads are read and checked in the request: each manager may upload
# IMPORT_RATE_LIMIT of them, and each team take IMPORT_TEAM_RATE_LIMIT from all its managers.
IMPORT_RATE_LIMIT = os.environ.get("IMPORT_RATE_LIMIT", "20/h")
IMPORT_TEAM_RATE_LIMIT = os.environ.get("IMPORT_TEAM_RATE_LIMIT", "40/h")
# Accounts: sign-ups and password-reset requests per client address (a 429 beyond), and
# reset e-mails per address asked for (beyond, the answer is the same and no e-mail goes).
SIGNUP_RATE_LIMIT = os.environ.get("SIGNUP_RATE_LIMIT", "10/h")
PASSWORD_RESET_RATE_LIMIT = os.environ.get("PASSWORD_RESET_RATE_LIMIT", "10/h")
PASSWORD_RESET_EMAIL_RATE_LIMIT = os.environ.get("PASSWORD_RESET_EMAIL_RATE_LIMIT", "3/h")
# The JSON API: calls per token (or signed-in person, or address when anonymous).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300/m")
# Anonymous API calls are counted per address: the connection's own, or behind a proxy the
# last one it appended (never an X-Forwarded-For that the caller wrote).
NINJA_NUM_PROXIES = 1 if env_bool("DJANGO_BEHIND_PROXY") else 0

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:dashboard"
LOGOUT_REDIRECT_URL = "careers:home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production `collectstatic` writes hashed, compressed files that whitenoise serves with
# long cache lifetimes. Without it (DEBUG, tests) files come straight from the finders.
STATIC_MANIFEST = env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "config.storage.StaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
# Only the hashed names are kept: templates link to them through the manifest, and the
# unhashed copies would double the folder and the compression work. Source maps are for a
# developer's browser, rarely fetched: they are served as they are, not compressed.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")
WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST

# Mail goes to the console unless EMAIL_HOST names an SMTP server.
SMTP_HOST = os.environ.get("EMAIL_HOST", "").strip()
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": env_int("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
        if SMTP_HOST
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "T-Profile <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

MESSAGE_TAGS = {40: "danger"}

# Security: safe by default, each switch overridable from the environment.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
)
# Probes and scrapers ask each instance directly, on the private network.
SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^health/ready/$", r"^metrics$"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
