"""`make screenshots`: full-page PNGs of each demo role's main pages, wide and narrow.

Builds a fresh demo database (var/screenshots.sqlite3: migrate + load_demo), serves it with the
development server on a free port, logs in as each demo role (password, and for staff the TOTP
code computed from the demo device's key, as an authenticator app would) and saves
var/screenshots/<role>-<page>-<width>.png at 1280 and 375 pixels wide. A TOTP code can be used
once: the narrow run reuses the browser storage (session cookie) of the wide one.

Run from the repository root: ``PYTHONPATH=src .venv/bin/python tools/screenshots.py``
(``--keep-db`` reuses an existing database; ``--only ROLE`` limits the roles).
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from base64 import b32decode
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DB = ROOT / "var" / "screenshots.sqlite3"
OUT = ROOT / "var" / "screenshots"
WIDTHS = {"wide": 1280, "narrow": 375}

os.environ["DJANGO_SETTINGS_MODULE"] = "omzien.conf.dev"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DEBUG", "true")
sys.path.insert(0, str(ROOT / "src"))

# Each role: the demo account (None: not logged in) and its main pages as (name, URL name or
# path, follow) — follow: a CSS selector of a link on that page to open instead (the first
# vacancy of the search, the first programme...).
ROLES = {
    "visitor": (
        None,
        [
            ("home", "ui:home", None),
            ("vacancies", "volunteering:vacancy_search", None),
            ("vacancy", "volunteering:vacancy_search", "main article a, main li a.utrecht-link"),
            ("login", "two_factor:login", None),
            ("sign-up", "accounts:sign_up", None),
            ("appreciation-rounds", "appreciation_public:rounds", None),
            ("appreciation-form", "appreciation_public:rounds", "main a[href$='/aanvragen/']"),
        ],
    ),
    "resident": (
        "inwoner.heerde@omzien.test",
        [
            ("dashboard", "ui:dashboard", None),
            ("volunteer-profile", "volunteering:profile_mine", None),
            ("my-responses", "volunteering:response_mine", None),
            ("carer-registration", "carer:mine", None),
        ],
    ),
    "organisation": (
        "organisatie.heerde@omzien.test",
        [
            ("dashboard", "ui:dashboard", None),
            ("our-vacancies", "volunteering:vacancy_mine", None),
            ("my-organisation", "volunteering:organisation_mine", None),
        ],
    ),
    "broker": (
        "makelaar.heerde@omzien.test",
        [
            ("dashboard", "ui:dashboard", None),
            ("work-queue", "volunteering:work_queue", None),
            ("volunteers", "volunteering:volunteer_list", None),
            ("figures", "volunteering:figures", None),
            ("buddy-programmes", "buddies:programme_list", None),
            ("buddy-programme", "buddies:programme_list", "main table a[href^='/buddies/']"),
        ],
    ),
    "beursvloer": (
        "makelaar.dalfsen@omzien.test",
        [
            ("events", "marketplace:events", None),
            ("event", "marketplace:events", "main table a[href^='/marketplace/']"),
            ("figures", "marketplace:figures", None),
        ],
    ),
    "beursvloer-public": (
        None,
        [
            ("events", "marketplace:public_events", None),
            ("register", "marketplace:public_events", "main a[href$='/aanmelden/']"),
        ],
    ),
    "consultant": (
        "consulent.heerde@omzien.test",
        [
            ("dashboard", "ui:dashboard", None),
            ("carers", "caregivers:registry", None),
            ("caseload", "caregivers:caseload", None),
            ("signals", "caregivers:alerts", None),
            ("incoming-referrals", "caregivers:incoming_list", None),
        ],
    ),
    "referrer": (
        "verwijzer.heerde@omzien.test",
        [("dashboard", "ui:dashboard", None), ("refer", "caregivers:refer", None)],
    ),
    "policy": (
        "beleid.heerde@omzien.test",
        [
            ("carer-figures", "caregivers:figures", None),
            ("surveys", "surveys:survey_list", None),
            ("survey", "surveys:survey_list", "main table tr:has-text('Gesloten') a"),
        ],
    ),
    "admin": (
        "beheer.heerde@omzien.test",
        [
            ("carer-settings", "caregivers:settings", None),
            ("audit-trail", "privacy:audit_list", None),
        ],
    ),
    "privacy": ("privacy.heerde@omzien.test", [("requests", "privacy:request_list", None)]),
    "welfare": (
        "welzijn.heerde@omzien.test",
        [
            ("dashboard", "ui:dashboard", None),
            ("trajectories", "wellbeing:trajectory_list", None),
            ("trajectory", "wellbeing:trajectory_list", "main table a[href^='/wellbeing/']"),
            ("effect-report", "wellbeing:effect_report", None),
        ],
    ),
    "appreciation": (
        "waardering.heerde@omzien.test",
        [
            ("dashboard", "ui:dashboard", None),
            ("rounds", "appreciation:round_list", None),
            ("round", "appreciation:round_list", "main a[href^='/appreciation/rounds/']"),
        ],
    ),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_database() -> None:
    from django.core.management import call_command

    DB.parent.mkdir(parents=True, exist_ok=True)
    DB.unlink(missing_ok=True)
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo", verbosity=0)


def serve(port: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "src/manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The development server did not start.")


def log_in(page, base: str, email: str) -> None:
    from django.urls import reverse
    from django_otp.oath import totp

    from omzien.demo.accounts import DEMO_PASSWORD, totp_secret_base32

    page.goto(base + reverse("two_factor:login"))
    form = page.locator("form:has(input[name='auth-username'])")
    form.locator("input[name='auth-username']").fill(email)
    form.locator("input[name='auth-password']").fill(DEMO_PASSWORD)
    submit = "button[type='submit']:not([name='wizard_goto_step'])"
    with page.expect_navigation():
        form.locator(submit).first.click()
    token = page.locator("input[name='token-otp_token']")
    if token.count():
        code = totp(b32decode(totp_secret_base32(email)))
        token.fill(f"{code:06d}")
        with page.expect_navigation():
            page.locator(f"form:has(input[name='token-otp_token']) {submit}").first.click()
    if page.locator("input[name='auth-password'], input[name='token-otp_token']").count():
        raise SystemExit(f"Could not log in as {email}.")


def shoot(browser, base: str, role: str, email, pages) -> list[Path]:
    from django.urls import reverse

    written = []
    state = None
    for label, width in WIDTHS.items():
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="nl-NL", storage_state=state
        )
        page = context.new_page()
        if email and state is None:
            log_in(page, base, email)
            state = context.storage_state()
        for name, target, follow in pages:
            page.goto(base + (target if target.startswith("/") else reverse(target)))
            if follow:
                link = page.locator(follow).first
                if not link.count():
                    print(f"  {role}/{name}: no link {follow!r}, skipped")
                    continue
                with page.expect_navigation():
                    link.click()
            path = OUT / f"{role}-{name}-{label}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
        context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep-db", action="store_true", help="reuse var/screenshots.sqlite3")
    parser.add_argument("--only", action="append", choices=list(ROLES), help="only this role")
    args = parser.parse_args()

    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from omzien.testing.browser import CHROMIUM, CHROMIUM_ARGS

    if not (args.keep_db and DB.exists()):
        print(f"Building the demo database {DB.relative_to(ROOT)} ...")
        build_database()
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = serve(port)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for role, (email, pages) in ROLES.items():
                if args.only and role not in args.only:
                    continue
                for path in shoot(browser, base, role, email, pages):
                    print(path.relative_to(ROOT))
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
