"""Production settings: secrets from the environment, `check --deploy` clean, no demo app."""

import os
import subprocess
import sys
from pathlib import Path

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


def test_check_deploy_is_clean():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


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


def test_production_cookies_and_hsts():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = run_manage("shell", "-v", "0", "-c", code, env_overrides=PRODUCTION_ENV)
    assert result.stdout.split() == ["True", "True", "True", "True", "False"], result.stderr


def test_production_has_no_demo_app_and_no_demo_commands():
    code = (
        "from django.apps import apps; from django.core.management import get_commands as c;"
        "print(apps.is_installed('omzien.demo'), 'load_demo' in c(), 'generate_synthetic' in c())"
    )
    result = run_manage("shell", "-v", "0", "-c", code, env_overrides=PRODUCTION_ENV)
    assert result.stdout.split() == ["False", "False", "False"], result.stderr


# `manage.py check`, then every module it imported (-X importtime misses import_module()).
CHECK_THEN_LIST_MODULES = """
import runpy, sys
sys.argv = ["manage.py", "check"]
runpy.run_path("manage.py", run_name="__main__")
print("imported:", *sorted(sys.modules))
"""


def test_check_imports_nothing_of_the_demo_data():
    """Not the demo app, and no app's demo or synthetic module (they register with it)."""
    result = run_python("-c", CHECK_THEN_LIST_MODULES, env_overrides=PRODUCTION_ENV)
    assert "imported:" in result.stdout, result.stderr
    imported = result.stdout.split("imported:")[-1].split()
    assert {"omzien.caregivers.apps", "omzien.privacy.retention"} <= set(imported)  # apps loaded
    demo = [
        name
        for name in imported
        if name.startswith("omzien.")
        and (name.split(".")[1] == "demo" or name.endswith((".demo", ".synthetic")))
    ]
    assert demo == []
