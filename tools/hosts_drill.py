"""`make hosts-drill`: two web hosts and two task workers on one database keep no state of
their own (issue 17 point 4; docs/operations.md "Many hosts").

Makes its own PostgreSQL server (``initdb`` in a temporary directory, port ``HOSTS_DB_PORT``,
default 5436), migrates it, loads the demo and creates the shared cache table. Starts two
"hosts" (gunicorn, one web process each, ports 8081 and 8082, the production settings with the
cache in the database and mail written to files) and two task workers (``db_worker``). Then:

1. a resident logs in with a password on host A; host B knows the session (their start page
   answers 200 with their name);
2. the resident responds to eight vacancies, each time taking the form from one host and sending
   it to the other (the CSRF token, the session and the messages cross hosts); host B lists all
   eight under "My responses";
3. each response queues one confirmation mail; once both workers have emptied the queue, the
   resident has exactly eight (none lost, none twice), every task ran once, and it says which
   worker ran how many;
4. each host keeps its matching snapshot in a folder of its own (``MATCHING_SNAPSHOT_DIR``):
   both show the resident the same "Voor u" suggestions; a vacancy among them is closed in the
   database by another process (a bulk ``update()``), and the drill measures how long until
   neither host suggests it any more (the staleness target: a minute).

Prints one JSON line; exit status 0 only when every check holds.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "bench"))

import web  # noqa: E402 - bench/web.py: its HTTP client and gunicorn
from replica_drill import DATABASE, Servers, server_folder  # noqa: E402

DB_PORT = int(os.environ.get("HOSTS_DB_PORT", "5436"))
HOSTS = {"A": 8081, "B": 8082}
RESPONSES = 8

PLAN = (
    f"RESPONSES = {RESPONSES}\n"
    + r"""
import json
from django.contrib.auth import get_user_model
from django.urls import reverse
from omzien.demo.accounts import DEMO_DOMAIN, DEMO_PASSWORD
from omzien.volunteering import constants
from omzien.volunteering.models import Vacancy, VacancyResponse, VolunteerProfile
user = get_user_model().objects.get(email=f"inwoner.heerde@{DEMO_DOMAIN}")
profile = VolunteerProfile.objects.get(user=user, municipality__slug="heerde")
from omzien.volunteering.services import suggestions
answered = VacancyResponse.objects.filter(profile=profile).values_list("vacancy_id", flat=True)
# The vacancies suggested to the resident stay unanswered: step 4 closes one of them.
suggested = [s.vacancy.pk for s in suggestions.for_volunteer(profile=profile)]
vacancies = list(
    Vacancy.objects.filter(
        municipality__slug="heerde", status=constants.VacancyStatus.PUBLISHED
    ).exclude(pk__in=[*answered, *suggested]).order_by("pk").values_list("pk", "title")[:RESPONSES]
)
print(json.dumps({
    "email": user.email, "password": DEMO_PASSWORD, "name": user.get_short_name(),
    "vacancies": vacancies, "login": reverse("two_factor:login"),
    "start": reverse("ui:dashboard"), "mine": reverse("volunteering:response_mine"),
    "respond": reverse("volunteering:response_create", args=[0]),
    "for_you": reverse("volunteering:profile_mine"),
    "vacancy": reverse("volunteering:vacancy_detail", args=[0]),
}))
"""
)

TASKS = r"""
import json
from django_tasks_db.models import DBTaskResult
waiting = DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()
print(json.dumps({
    "waiting": waiting,
    "runs": list(DBTaskResult.objects.values_list("worker_ids", "status")),
}))
"""

CLOSE = r"""
import json, time
from omzien.volunteering.models import Vacancy
Vacancy.objects.filter(pk=VACANCY).update(status="closed")
print(json.dumps({"closed_at": time.time()}))
"""
STALENESS_TARGET_S = 60

EMPTY_QUEUE = "from django_tasks_db.models import DBTaskResult; DBTaskResult.objects.all().delete()"
CSRF = web.CSRF


class Host(web.Client):
    """A client of one host that carries the visitor's cookies to whichever host it asks."""

    def __init__(self, port: int, cookies: dict):
        super().__init__(cookies)
        self.connection.close()
        self.connection = web.http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.port = port
        self.cookies = cookies  # shared between the hosts: one browser

    def request(self, method, path, body=None):
        web.PORT = self.port  # the Host, Origin and Referer headers name this host
        return super().request(method, path, body)


def _serve(env: dict, port: int, matching: Path) -> subprocess.Popen:
    web.PORT = port
    return web.serve({**env, "MATCHING_SNAPSHOT_DIR": str(matching)}, workers=1)


def set_up(name: str, port: int, **settings: str) -> tuple[Servers, str, Path, dict]:
    """A drill's PostgreSQL server (not started yet), static folder, mail folder (mail written
    to files) and the production environment on them, with ``settings`` added."""
    servers = Servers(server_folder(f"omzien-{name}-drill-"))
    static_root = tempfile.mkdtemp(prefix=f"omzien-{name}-static-")
    outbox = Path(tempfile.mkdtemp(prefix=f"omzien-{name}-mail-"))
    web.SERVER, web.DATABASE = f"postgres://postgres@127.0.0.1:{port}", DATABASE
    env = {
        **web._environment(static_root),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
        **settings,
    }
    return servers, static_root, outbox, env


def main() -> int:
    servers, static_root, outbox, env = set_up("hosts", DB_PORT, CACHE_URL="db://omzien_cache")
    matching = Path(tempfile.mkdtemp(prefix="omzien-hosts-matching-"))
    processes: list[subprocess.Popen] = []
    try:
        servers.build_primary(port=DB_PORT)
        web._log("migrate, the demo, the cache table …")
        web.manage(env, "migrate", "--noinput", "-v0")
        web.manage(env, "createcachetable")
        web.manage(
            {**env, "DJANGO_SETTINGS_MODULE": "omzien.conf.dev", "DEBUG": "true"}, "load_demo"
        )
        web.manage(env, "collectstatic", "--noinput", "-v0")
        # The demo queued its own mails: the drill counts from an empty queue.
        web.manage(env, "shell", "-c", EMPTY_QUEUE)
        plan = json.loads(web.manage(env, "shell", "-c", PLAN).strip().splitlines()[-1])
        for name, port in HOSTS.items():
            processes.append(_serve(env, port, matching / name))
        for number in (1, 2):
            processes.append(worker(env, f"worker-{number}"))
        result = _checks(env, plan, outbox, matching)
    finally:
        tear_down(processes, servers, static_root, outbox, matching)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


def worker(env: dict, worker_id: str) -> subprocess.Popen:
    """A task worker (``manage.py db_worker``) in ``env``, polling every 0.2 s."""
    return subprocess.Popen(  # noqa: S603 - our own manage.py
        [
            web.PY, str(ROOT / "src" / "manage.py"), "db_worker",
            "--interval", "0.2", "--no-startup-delay", "--worker-id", worker_id,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip


def tear_down(processes: list[subprocess.Popen], servers: Servers, *folders) -> None:
    """Stop the processes (SIGTERM, then SIGKILL after 30 s), the PostgreSQL server and
    remove the folders."""
    for process in processes:
        process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    servers.remove()
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def _suggested(host: Host, plan: dict) -> list[int]:
    """The vacancies the resident's "Voor u" on this host links to (not those answered)."""
    _status, content = host.request("GET", plan["for_you"])
    pattern = re.escape(plan["vacancy"]).replace("/0/", r"/(\d+)/")
    answered = {pk for pk, _title in plan["vacancies"]}
    found = [int(pk) for pk in re.findall(pattern, content.decode())]
    return [pk for pk in dict.fromkeys(found) if pk not in answered]


def _staleness(env: dict, plan: dict, hosts: dict[str, Host], matching: Path) -> dict:
    """Close a vacancy both hosts suggest; how long until neither does."""
    before = {name: _suggested(host, plan) for name, host in hosts.items()}
    common = [pk for pk in before["A"] if pk in before["B"]]
    result = {
        "suggested_on_a": len(before["A"]),
        "same_on_both": before["A"] == before["B"],
        "snapshots": sorted(name for name in hosts if (matching / name / "current").is_symlink()),
    }
    if not common:
        return {**result, "ok": False}
    shell = CLOSE.replace("VACANCY", str(common[0]))
    closed_at = json.loads(web.manage(env, "shell", "-c", shell).strip().splitlines()[-1])
    seen_after = {}
    while len(seen_after) < len(hosts):
        for name, host in hosts.items():
            if name not in seen_after and common[0] not in _suggested(host, plan):
                seen_after[name] = round(time.time() - closed_at["closed_at"], 2)
        if time.time() - closed_at["closed_at"] > 2 * STALENESS_TARGET_S:
            break
        time.sleep(0.1)
    result["gone_after_s"] = seen_after
    result["ok"] = (
        result["same_on_both"]
        and result["snapshots"] == sorted(hosts)
        and len(seen_after) == len(hosts)
        and max(seen_after.values()) <= STALENESS_TARGET_S
    )
    return result


def _checks(env: dict, plan: dict, outbox: Path, matching: Path) -> dict:
    cookies: dict = {}
    a, b = Host(HOSTS["A"], cookies), Host(HOSTS["B"], cookies)

    # 1. Log in on A; B knows the session.
    status, content = a.request("GET", plan["login"])
    token = CSRF.search(content.decode()).group(1)
    body = {
        "csrfmiddlewaretoken": token,
        "login_view-current_step": "auth",
        "auth-username": plan["email"],
        "auth-password": plan["password"],
    }
    login_status, _ = a.request("POST", plan["login"], body)
    start_status, start = b.request("GET", plan["start"])
    session = {
        "login_on_a": login_status,
        "start_page_on_b": start_status,
        "b_knows_the_name": plan["name"] in start.decode(),
    }

    # 2. Responses: the form from one host, sent to the other.
    answers = []
    for number, (vacancy, _title) in enumerate(plan["vacancies"]):
        form_host, post_host = (a, b) if number % 2 == 0 else (b, a)
        path = plan["respond"].replace("/0/", f"/{vacancy}/")
        _status, content = form_host.request("GET", path)
        token = CSRF.search(content.decode())
        body = {"csrfmiddlewaretoken": token.group(1) if token else "", "message": "Graag!"}
        answers.append(post_host.request("POST", path, body)[0])
    _status, mine = b.request("GET", plan["mine"])
    listed = sum(title in mine.decode() for _pk, title in plan["vacancies"])

    # 3. The workers send each confirmation once.
    started = time.monotonic()
    while True:
        tasks = json.loads(web.manage(env, "shell", "-c", TASKS).strip().splitlines()[-1])
        if tasks["waiting"] == 0 or time.monotonic() - started > 120:
            break
        time.sleep(0.5)
    mails = "\n".join(path.read_text(errors="replace") for path in outbox.glob("*.log"))
    to_resident = len(re.findall(rf"^To: {re.escape(plan['email'])}$", mails, re.MULTILINE))
    by_worker: dict[str, int] = {}
    for worker_ids, _status in tasks["runs"]:
        for worker in worker_ids:
            by_worker[worker] = by_worker.get(worker, 0) + 1
    runs_per_task = {len(worker_ids) for worker_ids, _status in tasks["runs"]}
    result = {
        "session": session,
        "responses": {
            "sent": len(plan["vacancies"]),
            "answers": sorted(set(answers)),
            "listed_on_b": listed,
        },
        "tasks": {
            "count": len(tasks["runs"]),
            "waiting": tasks["waiting"],
            "statuses": sorted({status for _ids, status in tasks["runs"]}),
            "runs_per_task": sorted(runs_per_task),
            "by_worker": by_worker,
            "seconds_to_empty": round(time.monotonic() - started, 1),
        },
        "confirmation_mails_to_resident": to_resident,
        "suggestions": _staleness(env, plan, {"A": a, "B": b}, matching),
    }
    result["ok"] = (
        session == {"login_on_a": 302, "start_page_on_b": 200, "b_knows_the_name": True}
        and set(answers) == {302}
        and listed == len(plan["vacancies"]) == RESPONSES
        and tasks["waiting"] == 0
        and runs_per_task == {1}
        and to_resident == RESPONSES
        and result["suggestions"]["ok"]
    )
    return result


if __name__ == "__main__":
    sys.exit(main())
