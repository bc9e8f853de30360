"""Production: SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL must come from the environment.

Secure cookies, HSTS, HTTPS redirect and JSON logs are on by default here.
"""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_COOKIES", "true")
os.environ.setdefault("SECURE_SSL_REDIRECT", "true")
os.environ.setdefault("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
os.environ.setdefault("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
os.environ.setdefault("SECURE_HSTS_PRELOAD", "true")
os.environ.setdefault("LOG_FORMAT", "json")

from omzien.conf.base import *  # noqa: E402, F403
from omzien.conf.base import ALLOWED_HOSTS, BASE_DIR, env  # noqa: E402
from omzien.conf.base import STORAGES as BASE_STORAGES  # noqa: E402

if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set ALLOWED_HOSTS for production.")
env("DATABASE_URL")  # required: no SQLite fallback in production
SITE_URL = env("SITE_URL", f"https://{ALLOWED_HOSTS[0]}")
# Every web process of a host maps one matching snapshot (docs/operations.md).
MATCHING_SNAPSHOT_DIR = env("MATCHING_SNAPSHOT_DIR", str(BASE_DIR / "var" / "matching"))

STORAGES = {
    "default": BASE_STORAGES["default"],  # the file system, or S3 with S3_BUCKET (base.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
