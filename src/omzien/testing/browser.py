"""Shared helpers for the browser tests (headless Chromium driven by Playwright, axe-core).

The ``browser`` and ``page`` fixtures live in ``omzien/conftest.py``; a browser test module
sets ``pytestmark = BROWSER_MARKS`` and uses :func:`axe_violations` and :func:`log_in`.
"""

import functools
import os
import shutil
import time
from pathlib import Path

import pytest

# Chromium's headless shell (Debian package ``chromium-headless-shell``, the browser Playwright
# itself runs headless) is the same Blink without the desktop browser around it: over the 101
# browser tests it took 199-201 s against 251-330 s for the full browser, run one after the other.
# Where only the full browser is installed, it is started directly: Debian's /usr/bin/chromium is
# a shell script that starts /usr/lib/chromium/chromium with flags for a desktop (the bundled
# extensions loaded, GPU rasterisation), and started directly the browser's main process spent
# about a fifth less CPU (26 s instead of 34 s over the volunteering browser tests).
# CHROMIUM_PATH chooses another browser.
DEBIAN_CHROMIUMS = (
    Path("/usr/lib/chromium/chromium-headless-shell"),
    Path("/usr/lib/chromium/chromium"),
)
CHROMIUM = (
    os.environ.get("CHROMIUM_PATH")
    or next((str(path) for path in DEBIAN_CHROMIUMS if path.exists()), None)
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or "/usr/bin/chromium"
)
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # as the launcher script sets it where /dev/shm is small
    # V8 without its optimising compilers (Maglev, TurboFan), with Sparkplug's baseline code.
    # Every test opens a fresh context, so a page lives a few seconds: optimising axe-core's
    # code for it costs more than it saves. Over the 101 browser tests, run one after the
    # other on two cores, the renderers used 15-18 % less CPU (98-101 s against 115-118 s) and
    # the tests took 5 % less time; the WCAG checks themselves are unchanged.
    "--js-flags=--max-opt=1",
]

BROWSER_MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=(
            f"Chromium not found at {CHROMIUM} "
            "(install the Debian package 'chromium-headless-shell' or 'chromium')"
        ),
    ),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (run `make install`)"),
    pytest.mark.django_db(transaction=True),
]


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


# The contexts new_context made in this test that are still open, each with the requests its
# pages sent and have not had the whole answer to. See close_contexts.
_OPEN: dict = {}


def new_context(browser, *, axe: bool = True, **options):
    """A browser context (Playwright's ``browser.new_context(**options)``) whose every page
    loads axe-core before its own scripts (unless ``axe`` is false). The ``page`` fixture
    closes it when the test ends, with :func:`close_contexts`; a test need not.

    An init script is sent to the browser once per context, and later pages reuse its
    compiled code. Sent with each check instead, the 650 kB took about 0.1 s to arrive and
    compile, and the first run on each page took twice as long as a warm one. Init scripts
    come through the DevTools protocol, so the page's CSP (rightly without inline scripts)
    does not apply to them.
    """
    context = browser.new_context(**options)
    if axe:
        context.add_init_script(path=str(AXE))
    pending = _OPEN[context] = set()
    context.on("request", lambda request: pending.add(request))
    context.on("requestfinished", lambda request: pending.discard(request))
    context.on("requestfailed", lambda request: pending.discard(request))
    context.on("close", lambda closed: _OPEN.pop(closed, None))
    return context


SETTLE_SECONDS = 15


def close_contexts() -> None:
    """Close every context new_context made in this test, each once its pages have had the
    whole answer to every request they sent.

    A test may end while a page is still loading (a redirect's target, a fragment htmx
    fetches, an image): closing the browser does not stop the live server answering it. On
    SQLite the server's threads share the test's in-memory database connection, and an answer
    still reading the session while the test database was emptied for the next test failed
    that test ("database table is locked: django_session"). Waiting for the answers first
    means the server is done with the database before it is emptied.
    """
    for context, pending in list(_OPEN.items()):
        deadline = time.monotonic() + SETTLE_SECONDS
        while pending and context.pages:
            if time.monotonic() > deadline:
                unanswered = sorted(request.url for request in pending)
                context.close()
                pytest.fail(f"no answer within {SETTLE_SECONDS} s to {unanswered}")
            context.pages[0].wait_for_timeout(20)  # lets Playwright deliver the events
        context.close()


def axe_violations(page) -> list[dict]:
    """WCAG 2.1 A and AA violations axe-core finds on the page as it is now."""
    # Only violations are collected: passes and incomplete results are not asserted on, and
    # leaving them out makes each run faster.
    # It checks after the next frame: what the page's scripts do on a resize (a table that
    # starts to scroll becomes focusable, tables.js) is done by then.
    run = """async () => {
        if (typeof axe === 'undefined') return null;
        await new Promise(done => requestAnimationFrame(() => setTimeout(done)));
        return await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations']
        });
    }"""
    result = page.evaluate(run)
    if result is None:  # a page of a context not made by new_context
        page.evaluate(_axe_source())
        result = page.evaluate(run)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["html"] for n in v["nodes"][:3]]}
        for v in result["violations"]
    ]


def log_in(page, live_server, user, *, totp: bool = True) -> None:
    """Open the page logged in, on the page the login leads to, with the session the
    two-factor login leaves (password, and the TOTP device too when ``totp``).

    The session is made in the test and handed to the browser as its cookie: going through
    the form took a second or two per test. The login form itself is tested in the browser
    by omzien/ui/tests/test_browser.py, and for every demo role by omzien/demo/tests.
    """
    from django.conf import settings
    from django.shortcuts import resolve_url
    from django.test import Client

    from omzien.testing.login import login_verified

    client = Client()
    if totp:
        login_verified(client, user)
    else:
        client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
    )
    page.goto(live_server.url + resolve_url(settings.LOGIN_REDIRECT_URL))


def open_menu_group(page, label: str) -> None:
    """Open the task group ``label`` of the staff navigation (a <details> in the header row),
    so the links in it can be clicked."""
    page.locator(".omzien-nav__wide summary", has_text=label).click()


PHONE = {"width": 375, "height": 800}


# The words of table cells that the browser broke over two lines (a hyphenated header,
# hyphens: auto, does not count).
_SPLIT_WORDS = r"""() => {
    const split = [];
    for (const cell of document.querySelectorAll('main th, main td')) {
        if (getComputedStyle(cell).hyphens === 'auto') continue;
        const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
            for (const word of node.textContent.matchAll(/[\p{L}\p{N}]{2,}/gu)) {
                const range = document.createRange();
                range.setStart(node, word.index);
                range.setEnd(node, word.index + word[0].length);
                const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (lines.size > 1) split.push(word[0]);
            }
        }
    }
    return split;
}"""


def assert_fits_a_phone(page, what: str) -> None:
    """The page, at PHONE width, scrolls no sideways (a wide table scrolls inside its own
    container, its words kept whole) and axe-core finds no violations."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        pytest.fail(f"{what}: {width} px wide at {PHONE['width']} px")
    split = page.evaluate(_SPLIT_WORDS)
    if split:
        pytest.fail(f"{what}: words broken in a table: {split[:10]}")
    violations = axe_violations(page)
    if violations:
        pytest.fail(f"{what}: {violations}")


DESKTOP = {"width": 1280, "height": 800}


def start_page_todo(page, live_server, label: str, count: int | None, *, check: bool = False):
    """Open the start page and find the to-do ``label`` showing ``count`` (None: a next step,
    without a count); returns its locator. With ``check``, axe-core finds no violations at
    desktop width and at PHONE width, where the page scrolls no sideways."""
    from django.urls import reverse
    from playwright.sync_api import expect

    page.goto(live_server.url + reverse("ui:dashboard"))
    todo = page.locator(".omzien-todo", has_text=label)
    if count is None:
        expect(todo).to_have_count(1)
    else:
        expect(todo.locator(".omzien-todo__count")).to_have_text(str(count))
    if check:
        violations = axe_violations(page)
        if violations:
            pytest.fail(f"start page: {violations}")
        page.set_viewport_size(PHONE)
        assert_fits_a_phone(page, "start page")
        page.set_viewport_size(DESKTOP)
    return todo
