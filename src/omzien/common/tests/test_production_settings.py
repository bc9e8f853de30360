"""Production settings: secrets from the environment, `check --deploy` clean, no demo app."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[3]


def run_manage(*args, env_overrides):
    return run_python(str(SRC / "manage.py"), *args, env_overrides=env_overrides)


def run_python(*args, env_overrides):
    # A clean environment: the test run's own settings must not leak into production's.
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    env.update({"DJANGO_SETTINGS_MODULE": "omzien.conf.production", **env_overrides})
    return subprocess.run(  # noqa: S603
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=SRC,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "k3!Qz9#Lm2$Vb8^Rt5&Wy1*Pc7(Hn4)Jd6_Gs0+Fx" * 2,
    "ALLOWED_HOSTS": "omzien.heerde.nl",
    "DATABASE_URL": "postgres://omzien@db.internal:5432/omzien",
}


def test_secret_key_is_required():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_allowed_hosts_is_required():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = run_manage("check", env_overrides=env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


# One production process answers every question below: `manage.py check --deploy`, then the
# settings, the commands and every module it imported, as JSON (-X importtime misses
# import_module()). Each interpreter start costs a second, so the tests share it.
INSPECT_PRODUCTION = """
import json, runpy, sys
sys.argv = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
try:
    runpy.run_path("manage.py", run_name="__main__")
except SystemExit as stop:
    if stop.code:
        raise
from django.apps import apps
from django.conf import settings as s
from django.core.management import get_commands
print("inspected:" + json.dumps({
    "cookies_and_hsts": [s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,
                         s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_SSL_REDIRECT, s.DEBUG],
    "demo": [apps.is_installed("omzien.demo"), "load_demo" in get_commands(),
             "generate_synthetic" in get_commands()],
    "modules": sorted(sys.modules),
}))
"""


@pytest.fixture(scope="module")
def production():
    result = run_python("-c", INSPECT_PRODUCTION, env_overrides=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    check_output, _, inspected = result.stdout.partition("inspected:")
    return {"check": check_output, **json.loads(inspected)}


def test_check_deploy_is_clean(production):
    assert "no issues" in production["check"]


def test_production_cookies_and_hsts(production):
    assert production["cookies_and_hsts"] == [True, True, True, True, False]


def test_production_has_no_demo_app_and_no_demo_commands(production):
    assert production["demo"] == [False, False, False]


def test_check_imports_nothing_of_the_demo_data(production):
    """Not the demo app, and no app's demo or synthetic module (they register with it)."""
    imported = production["modules"]
    assert {"omzien.caregivers.apps", "omzien.privacy.retention"} <= set(imported)  # apps loaded
    demo = [
        name
        for name in imported
        if name.startswith("omzien.")
        and (name.split(".")[1] == "demo" or name.endswith((".demo", ".synthetic")))
    ]
    assert demo == []
