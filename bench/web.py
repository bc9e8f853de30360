"""``make bench-web``: the site under load, through gunicorn on PostgreSQL (issue 17 point 5).

1. Builds ``omzien_bench_web`` on ``BENCH_WEB_SERVER`` (default the local PostgreSQL): migrate,
   the demo, and the synthetic data at a region's scale (``--scale``, default 10: 1,250 volunteer
   profiles a municipality, Heerde's real size, in eight municipalities). ``--reuse`` keeps a
   database built before.
2. Starts gunicorn with the production settings (``--workers`` web processes, default 2 and then
   1 for comparison; sync workers, as docs/deployment.md runs them) on 127.0.0.1.
3. Runs ``--clients`` (default 16) clients for ``--seconds`` (default 600), each on its own
   keep-alive connection, each waiting a moment between steps as a person reads (``--think``,
   on average 0.5 s; 0 asks as fast as the server answers), each step picked at random by
   weight: the public vacancy search
   (municipalities, words, villages), a vacancy, the social map, the activity calendar; a
   resident's response to a vacancy (the form, then the POST with its CSRF token); a log-in
   with a password; a consultant's carer registry search and start page and a broker's
   volunteer search and a vacancy's responses (both logged in with their second factor, as
   ``omzien.testing.login`` does). A status other than 200, or 302 after a POST or log-in, is an
   error.
4. Prints one JSON line per web-process count: requests per second, errors, p50/p95/p99 per
   page, and the CPU milliseconds the web processes spent per request (read from /proc) and the
   load client's own.

Not a test: run it on a quiet machine; the load client runs on the same two cores.
"""

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
SERVER = os.environ.get("BENCH_WEB_SERVER", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DATABASE = "omzien_bench_web"
PORT = int(os.environ.get("BENCH_WEB_PORT", "8077"))
PUBLIC = ("vacancy_search", "vacancy_detail", "social_map", "activity_calendar")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _environment(static_root: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "omzien.conf.production",
        "PYTHONPATH": str(ROOT / "src"),
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "SECRET_KEY": "bench-web-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
        "STATIC_ROOT": static_root,
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def demo_environment(env: dict) -> dict:
    """``env`` for the demo's commands: they live in the development settings, and the demo
    wants DEBUG on (its passwords are published)."""
    return {**env, "DJANGO_SETTINGS_MODULE": "omzien.conf.dev", "DEBUG": "true"}


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    """Our own manage.py in ``env``; its output, or the end of its errors and an exit."""
    done = subprocess.run(  # noqa: S603 - our own manage.py
        [PY, str(ROOT / "src" / "manage.py"), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def build(env: dict, scale: int) -> None:
    psql = shutil.which("psql") or "psql"
    drop, create = (
        f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)',
        f'CREATE DATABASE "{DATABASE}"',
    )
    for sql in (drop, create):
        subprocess.run([psql, "-q", f"{SERVER}/postgres", "-c", sql], check=True)  # noqa: S603
    _log("migrate …")
    manage(env, "migrate", "--noinput", "-v0")
    demo = demo_environment(env)
    _log("the demo …")
    manage(demo, "load_demo")
    _log(f"synthetic data at scale {scale} …")
    manage(demo, "generate_synthetic", "--scale", str(scale))
    # The planner's statistics, as autovacuum keeps them on a database in use: measured at
    # once, the tables just filled look empty to it (a one-vacancy query took 50 ms, not 2).
    subprocess.run([psql, "-q", f"{SERVER}/{DATABASE}", "-c", "ANALYZE"], check=True)  # noqa: S603


# The plan: what the clients ask, made once in a Django process against the bench database.
PLAN = r"""
import json, random
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from omzien.accounts.constants import Role
from omzien.accounts.models import Membership
from omzien.demo.accounts import DEMO_DOMAIN
from omzien.tenants.models import Locality, Municipality
from omzien.testing.login import login_verified
from omzien.volunteering import constants
from omzien.volunteering.models import Vacancy, VolunteerProfile

User = get_user_model()
heerde = Municipality.objects.get(slug="heerde")
public_vacancies = list(
    Vacancy.objects.filter(status=constants.VacancyStatus.PUBLISHED).values_list("pk", flat=True)
)
heerde_vacancies = list(
    Vacancy.objects.filter(municipality=heerde, status=constants.VacancyStatus.PUBLISHED)
    .values_list("pk", flat=True)
)

def session_of(user, verified):
    client = Client()
    login_verified(client, user) if verified else client.force_login(user)
    return client.cookies["sessionid"].value

residents = []
for profile in VolunteerProfile.objects.filter(municipality=heerde, user=None).order_by("pk")[:40]:
    email = f"bench.{profile.pk}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=None, full_name=str(profile)
    )
    Membership.objects.get_or_create(user=user, municipality=heerde, role=Role.RESIDENT)
    profile.user = user
    profile.save(update_fields=["user"])
    residents.append([session_of(user, verified=False), user.pk])

staff = {
    name: session_of(User.objects.get(email=f"{prefix}.heerde@{DEMO_DOMAIN}"), verified=True)
    for name, prefix in (("consultant", "consulent"), ("broker", "makelaar"))
}
active = Municipality.objects.filter(is_active=True)
print(json.dumps({
    "municipalities": list(active.values_list("pk", flat=True)),
    "localities": list(Locality.objects.filter(municipality=heerde).values_list("pk", flat=True)),
    "vacancies": public_vacancies,
    "heerde_vacancies": heerde_vacancies,
    "residents": residents,
    "staff": staff,
    "login": {"email": f"inwoner.heerde@{DEMO_DOMAIN}", "password": "Omzien-demo-2026"},
    "urls": {
        "search": reverse("volunteering:vacancy_search"),
        "respond": reverse("volunteering:response_create", args=[0]),
        "detail": reverse("volunteering:vacancy_detail", args=[0]),
        "social_map": reverse("directory_public:search"),
        "calendar": reverse("activities_public:calendar"),
        "login": reverse("two_factor:login"),
        "registry": reverse("caregivers:registry"),
        "start": reverse("ui:dashboard"),
        "volunteers": reverse("volunteering:volunteer_list"),
        "responses": reverse("volunteering:broker_vacancy_responses", args=[0]),
    },
}))
"""

# What a client does next, and how often (of 100 steps).
STEPS = ("search", "detail", "social_map", "calendar", "respond", "login", "consultant", "broker")
WEIGHTS = (30, 20, 15, 10, 8, 1, 8, 8)
WORDS = ("", "", "", "tuin", "vervoer", "koffie", "lezen", "boodschappen", "sport", "xyzzy")


class Client:
    """One keep-alive connection with its cookies."""

    def __init__(self, cookies: dict | None = None):
        self.connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, body: dict | None = None):
        headers = {"Host": f"127.0.0.1:{PORT}", "User-Agent": "omzien-bench-web"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{PORT}{path}"
            headers["Origin"] = f"http://127.0.0.1:{PORT}"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return 0, b""
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, content


class Load:
    def __init__(self, plan: dict, seed: int):
        self.plan = plan
        self.random = random.Random(seed)  # noqa: S311 - a repeatable mix of requests
        # (page, milliseconds, answered as expected, when it was answered: time.monotonic())
        self.results: list[tuple[str, float, bool, float]] = []
        self.accepted: list[tuple[int, int]] = []  # (user, vacancy) of each response accepted
        self.statuses: dict[str, set[int]] = {}  # the statuses of a page's errors
        self.lock = threading.Lock()

    def record(self, page: str, started: float, ok: bool) -> None:
        with self.lock:
            ms = (time.perf_counter() - started) * 1000
            self.results.append((page, ms, ok, time.monotonic()))

    def timed(self, page, client, method, path, body=None, expect=(200,)):
        started = time.perf_counter()
        status, content = client.request(method, path, body)
        self.record(page, started, status in expect)
        if status not in expect:
            with self.lock:
                self.statuses.setdefault(page, set()).add(status)
        return status, content

    # One step of a client: a page or two, chosen by weight.
    def step(self, anonymous: Client, rng: random.Random) -> None:
        plan, urls = self.plan, self.plan["urls"]
        choice = rng.choices(STEPS, weights=WEIGHTS)[0]
        if choice == "search":
            query = {"municipality": rng.choice(plan["municipalities"])}
            if word := rng.choice(WORDS):
                query["q"] = word
            if rng.random() < 0.2 and plan["localities"]:
                query["locality"] = rng.choice(plan["localities"])
            self.timed("vacancy_search", anonymous, "GET", f"{urls['search']}?{urlencode(query)}")
        elif choice == "detail":
            path = urls["detail"].replace("/0/", f"/{rng.choice(plan['vacancies'])}/")
            self.timed("vacancy_detail", anonymous, "GET", path)
        elif choice == "social_map":
            query = urlencode({"q": rng.choice(("", "mantelzorg", "eten", "vervoer"))})
            self.timed("social_map", anonymous, "GET", f"{urls['social_map']}?{query}")
        elif choice == "calendar":
            self.timed("activity_calendar", anonymous, "GET", urls["calendar"])
        elif choice == "respond":
            session, user = rng.choice(plan["residents"])
            resident = Client({"sessionid": session})
            vacancy = rng.choice(plan["heerde_vacancies"])
            path = urls["respond"].replace("/0/", f"/{vacancy}/")
            status, content = self.timed("response_form", resident, "GET", path)
            token = CSRF.search(content.decode(errors="replace"))
            if status == 200 and token:
                body = {"csrfmiddlewaretoken": token.group(1), "message": "Ik help graag."}
                status, _content = self.timed(
                    "response_post", resident, "POST", path, body, expect=(302,)
                )
                if status == 302:
                    with self.lock:
                        self.accepted.append((user, vacancy))
            resident.connection.close()
        elif choice == "login":
            visitor = Client()
            status, content = self.timed("login_form", visitor, "GET", urls["login"])
            token = CSRF.search(content.decode(errors="replace"))
            if status == 200 and token:
                body = {
                    "csrfmiddlewaretoken": token.group(1),
                    "login_view-current_step": "auth",
                    "auth-username": plan["login"]["email"],
                    "auth-password": plan["login"]["password"],
                }
                self.timed("login_post", visitor, "POST", urls["login"], body, expect=(302,))
            visitor.connection.close()
        elif choice == "consultant":
            staff = Client({"sessionid": plan["staff"]["consultant"]})
            if rng.random() < 0.5:
                query = urlencode({"q": rng.choice(("jan", "de", "bakker", "an"))})
                self.timed("carer_registry", staff, "GET", f"{urls['registry']}?{query}")
            else:
                self.timed("start_page_consultant", staff, "GET", urls["start"])
            staff.connection.close()
        else:
            staff = Client({"sessionid": plan["staff"]["broker"]})
            if rng.random() < 0.5:
                query = urlencode({"q": rng.choice(("jan", "de", "bakker", "an"))})
                self.timed("volunteer_search", staff, "GET", f"{urls['volunteers']}?{query}")
            else:
                vacancy = rng.choice(plan["heerde_vacancies"])
                path = urls["responses"].replace("/0/", f"/{vacancy}/")
                self.timed("vacancy_responses", staff, "GET", path)
            staff.connection.close()

    def run(self, clients: int, seconds: float, think: float) -> float:
        deadline = time.monotonic() + seconds

        def client(number: int) -> None:
            rng = random.Random(self.random.random() + number)  # noqa: S311
            anonymous = Client()
            while time.monotonic() < deadline:
                self.step(anonymous, rng)
                if think:  # a person reads the page before the next click
                    time.sleep(rng.uniform(0, 2 * think))

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and all its children alive (gunicorn's workers), from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, pids = 0.0, [pid]
    while pids:
        current = pids.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pids.extend(int(child) for child in children)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def serve(env: dict, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - gunicorn from our virtualenv
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "omzien.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--keep-alive",
            "30",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],  # fmt: skip
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        status, _content = Client().request("GET", "/healthz")
        if status == 200:
            return server
        time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz")


def summary(load: Load, seconds: float, cpu: float, client_cpu: float, args, workers) -> dict:
    pages: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    for page, ms, ok, _at in load.results:
        pages.setdefault(page, []).append(ms)
        if not ok:
            errors[page] = errors.get(page, 0) + 1

    def pct(values, q):
        return round(statistics.quantiles(values, n=100, method="inclusive")[q - 1], 1)

    requests = len(load.results)
    return {
        "workers": workers,
        "clients": args.clients,
        "think_s": args.think,
        "seconds": round(seconds, 1),
        "requests": requests,
        "rps": round(requests / seconds, 1),
        "errors": sum(errors.values()),
        "errors_by_page": errors,
        "error_statuses": {page: sorted(found) for page, found in load.statuses.items()},
        "cpu_ms_per_request": round(cpu * 1000 / max(requests, 1), 1),
        "client_cpu_ms_per_request": round(client_cpu * 1000 / max(requests, 1), 1),
        "public_p95_ms": pct([r[1] for r in load.results if r[0] in PUBLIC], 95),
        "pages": {
            page: {
                "n": len(values),
                "p50_ms": pct(values, 50),
                "p95_ms": pct(values, 95),
                "p99_ms": pct(values, 99),
            }
            for page, values in sorted(pages.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument(
        "--think",
        type=float,
        default=0.5,
        help="mean seconds a client waits between steps (0: as fast as the server answers)",
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 1])
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="keep the database built before")
    args = parser.parse_args()

    static_root = tempfile.mkdtemp(prefix="omzien-bench-static-")
    env = _environment(static_root)
    try:
        if not args.reuse:
            build(env, args.scale)
        manage(env, "collectstatic", "--noinput", "-v0")
        plan = json.loads(manage(env, "shell", "-c", PLAN).strip().splitlines()[-1])
        for workers in args.workers:
            server = serve(env, workers)
            try:
                load = Load(plan, seed=workers)
                load.run(args.clients, min(10.0, args.seconds), args.think)  # warm-up
                load.results.clear()
                load.statuses.clear()
                cpu_before, client_before = _cpu_seconds(server.pid), time.process_time()
                seconds = load.run(args.clients, args.seconds, args.think)
                cpu = _cpu_seconds(server.pid) - cpu_before
                client_cpu = time.process_time() - client_before
            finally:
                server.send_signal(signal.SIGTERM)
                server.wait(timeout=30)
            print(json.dumps(summary(load, seconds, cpu, client_cpu, args, workers)), flush=True)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
