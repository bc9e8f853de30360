"""``make bench-faults``: PostgreSQL restarted in the middle of a load (issue 17 point 5).

Makes its own PostgreSQL server (``initdb`` in a temporary directory, port
``FAULT_PORT``, default 5435: the machine's own server is not touched), migrates it and loads
the demo and the synthetic data (``--scale``, default 1), starts gunicorn with two web
processes against it and runs ``make bench-web``'s clients (16, a person's pause between steps)
for ``--seconds`` (default 60). A third of the way in it restarts PostgreSQL
(``pg_ctl stop -m fast``, then ``start``). Then it checks:

- errors only while PostgreSQL was down and at most ``RECOVERY_S`` (10) seconds after it
  answered again, and none after that;
- every response to a vacancy the site accepted (its POST answered 302) is in the database
  afterwards: nothing accepted was lost.

Prints one JSON line; exit status 0 only when both hold.
"""

import argparse
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import web  # noqa: E402 - bench/web.py, beside this file
from replica_drill import Servers, server_folder  # noqa: E402

PORT = int(os.environ.get("FAULT_PORT", "5435"))
RECOVERY_S = 10.0

CHECK = """
import json, sys
from omzien.volunteering.models import VacancyResponse
pairs = json.loads(sys.stdin.read())
missing = [
    [user, vacancy] for user, vacancy in pairs
    if not VacancyResponse.objects.filter(profile__user_id=user, vacancy_id=vacancy).exists()
]
print(json.dumps(missing))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()

    servers = Servers(server_folder("omzien-fault-drill-"))
    static_root = tempfile.mkdtemp(prefix="omzien-fault-static-")
    web.SERVER = f"postgres://postgres@127.0.0.1:{PORT}"
    env = web._environment(static_root)
    try:
        servers.build_primary(port=PORT)
        web.build(env, args.scale)
        web.manage(env, "collectstatic", "--noinput", "-v0")
        plan = json.loads(web.manage(env, "shell", "-c", web.PLAN).strip().splitlines()[-1])
        server = web.serve(env, workers=2)
        try:
            load = web.Load(plan, seed=17)
            window: dict[str, float] = {}

            def restart() -> None:
                time.sleep(args.seconds / 3)
                window["down"] = time.monotonic()
                servers.stop(servers.primary, "fast")
                servers.start(servers.primary)  # waits until it accepts connections
                window["up"] = time.monotonic()

            fault = threading.Thread(target=restart)
            fault.start()
            started = time.monotonic()
            seconds = load.run(16, args.seconds, think=0.5)
            fault.join()
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        checked = web.manage(env, "shell", "-c", CHECK, stdin=json.dumps(load.accepted))
        missing = json.loads(checked.strip().splitlines()[-1])
    finally:
        servers.remove()
        shutil.rmtree(static_root, ignore_errors=True)

    errors = [at for _page, _ms, ok, at in load.results if not ok]
    late = [at for at in errors if at < window["down"] or at > window["up"] + RECOVERY_S]
    after_up = [at for _page, _ms, ok, at in load.results if ok and at > window["up"]]
    result = {
        "database": f"{web.SERVER}/{web.DATABASE}",
        "seconds": round(seconds, 1),
        "requests": len(load.results),
        "restart_at_s": round(window["down"] - started, 1),
        "database_down_s": round(window["up"] - window["down"], 2),
        "errors": len(errors),
        "errors_outside_the_outage": len(late),
        "last_error_after_up_s": round(max(errors) - window["up"], 2) if errors else None,
        "first_success_after_up_s": round(min(after_up) - window["up"], 2) if after_up else None,
        "responses_accepted": len(load.accepted),
        "responses_missing": len(missing),
        "error_statuses": {page: sorted(found) for page, found in load.statuses.items()},
    }
    result["ok"] = not late and not missing and bool(after_up)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
