"""Settings shared by every environment.

Every value is read from the environment with a secure default; secrets have no
default. The environment modules (dev, test, production) only set defaults with
``os.environ.setdefault`` and then import this module.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parents[2]
BASE_DIR = SRC_DIR.parent
PACKAGE_DIR = SRC_DIR / "omzien"


def env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Set the environment variable {name}.")
    return value


def env_bool(name: str, default: bool) -> bool:
    return env(name, "true" if default else "false").strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    return int(env(name, str(default)))


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The address of the site, for links in e-mails sent without a request (nightly jobs, workers).
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "csp",
    # Before django_tasks_db: its ``db_worker`` command is common's (a heartbeat, and the tasks
    # of a worker that died mid-task put back; common/workers.py).
    "omzien.common",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    # The Swagger UI and ReDoc files as static files of our own (no CDN, docs/api.md).
    "drf_spectacular_sidecar",
    "omzien.ui",
    "omzien.tenants",
    "omzien.accounts",
    "omzien.privacy",
    "omzien.notifications",
    "omzien.caregivers",
    "omzien.volunteering",
    "omzien.buddies",
    "omzien.appreciation",
    "omzien.directory",
    "omzien.activities",
    "omzien.newsletters",
    "omzien.api",
    "omzien.monitor",
    "omzien.concerns",
    "omzien.wellbeing",
    "omzien.surveys",
    "omzien.marketplace",
    "omzien.recognition",
    "omzien.homevisits",
    "omzien.academy",
    "omzien.trajectories",
]

MIDDLEWARE = [
    "omzien.common.middleware.RequestIdMiddleware",
    # 413 for a body over OMZIEN_MAX_REQUEST_BYTES, before Django streams it to disk.
    "omzien.common.middleware.RequestSizeMiddleware",
    # Request latency by view for /metrics (docs/operations.md).
    "omzien.common.metrics.MetricsMiddleware",
    # Cache-Control: no-store for logged-in users, Permissions-Policy on every response.
    "omzien.common.middleware.PrivacyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "omzien.ui.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # request.htmx: a page updated in place by htmx gets only the part that changes.
    "django_htmx.middleware.HtmxMiddleware",
    "omzien.accounts.middleware.IdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "omzien.urls"
# The largest request body taken (common.middleware.RequestSizeMiddleware): above the largest
# upload (an HSDS file, 20 MB) with room for the form around it.
OMZIEN_MAX_REQUEST_BYTES = env_int("MAX_REQUEST_MB", 25) * 1024 * 1024
CSRF_FAILURE_VIEW = "omzien.ui.views.csrf_failure"
WSGI_APPLICATION = "omzien.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "omzien.ui.context_processors.omzien",
            ],
        },
    },
]
FORM_RENDERER = "omzien.ui.forms.OmzienFormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'omzien.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: Omzien's queries are short, and PostgreSQL compiled those it
    # estimated as costly (the matching engine's sync, with its subqueries) on every call,
    # 44 ms of compiling for 1 ms of work (docs/deployment.md, section 4).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# A PostgreSQL streaming replica for the policy monitor's and the figures' reads (optional;
# omzien.common.replica, docs/operations.md "Read replica"). It is used while it is at most
# DATABASE_REPLICA_MAX_LAG_SECONDS behind and answers; else those reads go to the primary.
if env("DATABASE_REPLICA_URL", ""):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # A replica that is down must not hold a page up for long.
    DATABASES["replica"]["OPTIONS"] = {
        "connect_timeout": env_int("DATABASE_REPLICA_TIMEOUT", 2),
        "options": "-c jit=off",
    }
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["omzien.common.replica.ReplicaRouter"]
OMZIEN_REPLICA_MAX_LAG_SECONDS = env_int("DATABASE_REPLICA_MAX_LAG_SECONDS", 30)
OMZIEN_REPLICA_CHECK_SECONDS = env_int("DATABASE_REPLICA_CHECK_SECONDS", 5)
# The matching engine's snapshot (docs/operations.md, "One matching engine for every process"):
# a directory on the host's own disk that ``manage.py build_matching_snapshot`` writes and
# every web process of the host maps read-only. Empty: each process builds its engine in its
# own memory (development, tests).
MATCHING_SNAPSHOT_DIR = env("MATCHING_SNAPSHOT_DIR", "")
MATCHING_SNAPSHOT_CHECK_SECONDS = env_int("MATCHING_SNAPSHOT_CHECK_SECONDS", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and authentication -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Axes first so a locked-out account is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "omzien.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "ui:dashboard"
LOGOUT_REDIRECT_URL = "ui:home"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)
TWO_FACTOR_PATCH_ADMIN = False
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Omzien")
TWO_FACTOR_REMEMBER_COOKIE_AGE = None

# django-axes: five wrong passwords lock the account (by e-mail address) for a while.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Lock the account, not the address: a municipality's staff often share one NAT address, and an
# address-wide lockout would let one person lock all of them out (see docs/adr/0005).
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "omzien.accounts.auth.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client address as the audit trail and the rate limits see it (TRUSTED_PROXY_COUNT).
AXES_CLIENT_IP_CALLABLE = "omzien.common.clients.client_ip"
AXES_VERBOSE = False
# The two-factor login posts "auth-password": never store it in axes' attempt log.
AXES_PASSWORD_FORM_FIELD = "auth-password"
AXES_SENSITIVE_PARAMETERS = ["auth-password", "password", "token-otp_token", "backup-otp_token"]
# Successful logins are in our own audit trail; axes need not keep a second log forever.
AXES_DISABLE_ACCESS_LOG = True

# Idle timeout in minutes, by role: a session idle longer than the shortest timeout of the
# user's roles ends. Staff handle special personal data and get the short one.
OMZIEN_IDLE_TIMEOUT_MINUTES = {
    "staff": env_int("IDLE_TIMEOUT_STAFF_MINUTES", 15),
    "default": env_int("IDLE_TIMEOUT_DEFAULT_MINUTES", 60),
}
# Absolute session lifetime in hours, counted from the login: however active, a session ends
# then and the user logs in again (the idle check renews the session cookie, so without this an
# active session would never end). Staff 8 hours (a working day), others 14 days.
OMZIEN_SESSION_LIFETIME_HOURS = {
    "staff": env_int("SESSION_LIFETIME_STAFF_HOURS", 8),
    "default": env_int("SESSION_LIFETIME_DEFAULT_HOURS", 24 * 14),
}

# --- Sessions and cookies --------------------------------------------------------------------
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Load balancers probe over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if env_int("SECURE_PROXY_SSL", 0):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Permissions-Policy on every response: Omzien uses none of these browser features, so no page
# (nor a script injected into one) may. "self" only where a page of our own could need it.
OMZIEN_PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": ["self"],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "web-share": [],
    "xr-spatial-tracking": [],
}

# --- Content-Security-Policy (django-csp 4): nothing inline without the nonce ----------------
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- Language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date rule in both languages: "30 november 2026" (|date) or "30-11-2026"
# (|date:"SHORT_DATE_FORMAT"); English follows it too (never "11/30/2026").
FORMAT_MODULE_PATH = ["omzien.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "build" / "static", PACKAGE_DIR / "static"]
# Uploaded and made files (a municipality's logo, newsletter images, large exports). Never served
# as a directory: views stream each file with its checked content type to who may see it
# (tenants:logo, docs/administration.md; the newsletter image views; common:export_download).
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"


def s3_storage(bucket: str) -> dict:
    """The default storage in an S3-compatible object store (django-storages): private
    objects, never overwritten, read through the views above, so no web host or worker keeps a
    file of its own (docs/deployment.md, "Files")."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env("S3_ENDPOINT_URL", "") or None,
            "region_name": env("S3_REGION", "") or None,
            "access_key": env("S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env("S3_SECRET_ACCESS_KEY", "") or None,
            "location": env("S3_PREFIX", ""),
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }


STORAGES = {
    "default": (
        s3_storage(env("S3_BUCKET"))
        if env("S3_BUCKET", "")
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- E-mail: sent from background tasks ------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# With EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend (a staging site, the
# hosts drill): the folder the messages are written to.
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", "") or None
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Omzien <noreply@omzien.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (django-tasks, database backend) ---------------------------------------
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A task worker that has not said it is alive for this many seconds counts as gone: the tasks it
# was running go back in the queue and run again (common/workers.py).
TASK_WORKER_TIMEOUT = env_int("TASK_WORKER_TIMEOUT", 60)

# --- Logging: JSON lines with the request id when LOG_FORMAT=json ----------------------------
LOG_FORMAT = env("LOG_FORMAT", "text")
LOG_LEVEL = env("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "omzien.common.logging.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.security.DisallowedHost": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# --- Cache: the rate limits' counters -----------------------------------------------------------
# CACHE_URL: "locmem://" (the default: each process counts on its own, so with N web processes a
# limit is up to N times looser), "db://<table>" (a table in the database, shared by every
# machine; create it with `manage.py createcachetable`) or "redis://host:6379/0" (needs the
# `redis` package installed). See docs/deployment.md.
CACHE_URL = env("CACHE_URL", "locmem://")
if CACHE_URL.startswith("db://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_URL.removeprefix("db://") or "omzien_cache",
        }
    }
elif CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL.startswith("locmem://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    raise ImproperlyConfigured("CACHE_URL must start with locmem://, db:// or redis://.")

# --- Rate limits on the public forms that send mail or create records (common/ratelimit.py) ----
# Valid submissions per window, per client address ("ip") and per e-mail address entered
# ("address"). A new public form adds its scope here.
OMZIEN_RATE_LIMIT_PERIOD = env_int("RATE_LIMIT_PERIOD_SECONDS", 60 * 60)
_ip_limit = env_int("RATE_LIMIT_PER_IP", 30)
_address_limit = env_int("RATE_LIMIT_PER_ADDRESS", 5)
# Sign-up and password reset mail an account: fewer per address, so nobody floods a mailbox.
_account_mail_limit = env_int("RATE_LIMIT_ACCOUNT_MAILS_PER_ADDRESS", 3)
# Vouchers a shop's redemption page takes per window (per client address and per shop).
_redeem_limit = env_int("RATE_LIMIT_VOUCHER_REDEEMS", 200)
OMZIEN_RATE_LIMITS = {
    "sign_up": {"ip": _ip_limit, "address": _account_mail_limit},
    "password_reset": {"ip": _ip_limit, "address": _account_mail_limit},
    "carer_register": {"ip": _ip_limit, "address": _address_limit},
    "campaign_signup": {"ip": _ip_limit, "address": _address_limit},
    "appreciation_apply": {"ip": _ip_limit, "address": _address_limit},
    "activity_signup": {"ip": _ip_limit, "address": _address_limit},
    "concern_report": {"ip": _ip_limit, "address": _address_limit},
    "survey_response": {"ip": _ip_limit, "address": _address_limit},
    "marketplace_register": {"ip": _ip_limit, "address": _address_limit},
    "recognition_nominate": {"ip": _ip_limit, "address": _address_limit},
    "newsletter_subscribe": {"ip": _ip_limit, "address": _account_mail_limit},
    # A shop's till redeems many vouchers an hour; the "address" is the shop.
    "voucher_redeem": {"ip": _redeem_limit, "address": _redeem_limit},
}
# Behind a load balancer REMOTE_ADDR is the balancer's: set the number of trusted proxies that
# append to X-Forwarded-For (common.clients), or the audit trail and django-axes record the
# balancer and one rate limit holds for every visitor together. RATE_LIMIT_PROXY_COUNT is the
# setting's former name, still read.
OMZIEN_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", env_int("RATE_LIMIT_PROXY_COUNT", 0))

# --- Omzien ----------------------------------------------------------------------------------
# Statistics never show a group smaller than this (privacy by design).
OMZIEN_MIN_GROUP_SIZE = env_int("MIN_GROUP_SIZE", 5)

# /metrics (Prometheus) answers only a request with "Authorization: Bearer <METRICS_TOKEN>";
# without a token set it does not exist (404). docs/operations.md.
OMZIEN_METRICS_TOKEN = env("METRICS_TOKEN", "")
# Needs surveys: free-text answers (which may name someone) are erased this many months after
# the survey closed (docs/privacy.md).
OMZIEN_SURVEY_TEXT_RETENTION_MONTHS = env_int("SURVEY_TEXT_RETENTION_MONTHS", 12)
# The policy monitor keeps today's computed indicator values this many seconds in the cache
# (0: computed on every request); the dashboard says when they were computed (docs/monitor.md).
OMZIEN_MONITOR_LIVE_SECONDS = env_int("MONITOR_LIVE_SECONDS", 300)
# The activity calendar: how far ahead the dates of a repeating activity are made, and after
# how many days a sign-up without an account is anonymised (docs/privacy.md).
OMZIEN_ACTIVITY_HORIZON_DAYS = env_int("ACTIVITY_HORIZON_DAYS", 365)
OMZIEN_ACTIVITY_SIGNUP_RETENTION_DAYS = env_int("ACTIVITY_SIGNUP_RETENTION_DAYS", 90)
# Newsletters (docs/newsletters.md): e-mails per minute where a municipality set no rate of its
# own, and the days after sending that a delivery keeps its address (then counts only).
OMZIEN_NEWSLETTER_PER_MINUTE = env_int("NEWSLETTER_PER_MINUTE", 600)
OMZIEN_NEWSLETTER_ADDRESS_DAYS = env_int("NEWSLETTER_ADDRESS_DAYS", 90)
# Exports (common.exports): one of more rows than this is made by a worker, with a progress
# page and a download link; smaller ones are sent at once. The file is kept this many hours in
# the default storage, then deleted by apply_retention (docs/privacy.md).
OMZIEN_EXPORT_BACKGROUND_ROWS = env_int("EXPORT_BACKGROUND_ROWS", 2000)
OMZIEN_EXPORT_RETENTION_HOURS = env_int("EXPORT_RETENTION_HOURS", 24)

# --- The public REST API (docs/api.md) ---------------------------------------------------------
# Requests per client address and period ("s", "m", "h" or "d"), counted in the cache above
# (CACHE_URL): with locmem each web process counts on its own. The client address is
# common.clients.client_ip's (TRUSTED_PROXY_COUNT).
OMZIEN_API_RATE = env("API_RATE", "120/m")
if not re.fullmatch(r"[1-9][0-9]*/[smhd]", OMZIEN_API_RATE):
    raise ImproperlyConfigured("API_RATE must be a number of requests per s, m, h or d: 120/m.")
REST_FRAMEWORK = {
    # Public and read-only: no session, no key; the partner views set their own key class.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["omzien.api.throttling.PublicRateThrottle"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "omzien.api.pagination.Cursor",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "omzien.api.problems.problem_handler",
    "DEFAULT_SCHEMA_CLASS": "omzien.api.schema.ApiAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Omzien API",
    "DESCRIPTION": (
        "Openbare gegevens van Omzien: vrijwilligerswerk, organisaties, de sociale kaart, "
        "activiteiten en de openbare indicatoren van de beleidsmonitor, zonder sleutel en met "
        "een limiet per adres. Partnersystemen werken onder /partner/ met een sleutel die de "
        "functioneel beheerder uitgeeft. Zie docs/api.md."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "VacancyStatusEnum": "omzien.volunteering.constants.VacancyStatus",
        "ResponseStatusEnum": "omzien.volunteering.constants.ResponseStatus",
    },
}
