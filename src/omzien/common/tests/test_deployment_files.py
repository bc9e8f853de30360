"""The container image, the compose file and the Kubernetes manifests against the product
(docs/deployment.md, "Containers" and "Kubernetes").

Every command they run is gunicorn with the real WSGI application or a management command that
exists in production and takes those options; every nightly job of section 11 is scheduled in
each place that schedules them; every variable they set is one Omzien reads; the manifests are
valid Kubernetes objects (with kubernetes-validate installed). Nothing here builds or runs the
image: no container registry was reachable where these files were written.
"""

import fnmatch
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import resolve
from gunicorn.config import Config as GunicornConfig

ROOT = Path(settings.BASE_DIR)
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
COMPOSE = ROOT / "compose.yaml"
COMPOSE_ENV_EXAMPLE = ROOT / "deploy" / "compose.env.example"
KUBERNETES = ROOT / "deploy" / "kubernetes"
DEPLOYMENT_DOC = ROOT / "docs" / "deployment.md"

# The oldest Kubernetes the manifests need (a CronJob's timeZone is GA since 1.27) and the
# newest whose schemas kubernetes-validate has.
KUBERNETES_VERSIONS = ["1.27", "1.37"]
# Variables of the processes around Django that the image sets; everything else set anywhere
# must be read by Omzien itself.
PROCESS_VARIABLES = {
    "PATH",
    "PYTHONUNBUFFERED",
    "PYTHONDONTWRITEBYTECODE",
    "XDG_CACHE_HOME",  # fontconfig's cache (WeasyPrint)
    "NUMBA_CACHE_DIR",  # the matching engine's compiled loops (ADR 0013)
    "PIP_DISABLE_PIP_VERSION_CHECK",
    "PIP_NO_CACHE_DIR",
    "DEBIAN_FRONTEND",  # apt-get while building
}
# What a `sh -c` script in these files may start besides `python src/manage.py`.
SHELL_WORDS = {"while", "do", "done", "sleep", "echo", "[", "exit"}
# The one writable place in every container besides its volumes (large uploads, fontconfig).
TMP = "/tmp"  # noqa: S108 - a path inside the containers, not a file this test writes
# conf/base.py's TASKS when TASKS_BACKEND is not set, as in production.
PRODUCTION_TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}
SECRET_NAME = re.compile(r"KEY|PASSWORD|TOKEN|SECRET")

Invocation = tuple[str, ...]


# --- Reading the files ---------------------------------------------------------------------------


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, rest) per instruction, continuation lines joined, comments dropped."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    instructions = []
    for line in joined.splitlines():
        if line.strip():
            name, _, rest = line.strip().partition(" ")
            instructions.append((name.upper(), " ".join(rest.split())))
    return instructions


def dockerfile_stages(text: str) -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction in dockerfile_instructions(text):
        if instruction[0] == "FROM":
            stages.append([])
        stages[-1].append(instruction)
    return stages


def exec_form(rest: str) -> list[str]:
    """The JSON array of CMD or HEALTHCHECK ... CMD."""
    return yaml.safe_load(rest[rest.index("[") :])


def kubernetes_documents() -> list[tuple[str, dict]]:
    return [
        (path.name, document)
        for path in sorted(KUBERNETES.glob("*.yaml"))
        if path.name != "kustomization.yaml"
        for document in yaml.safe_load_all(path.read_text())
        if document
    ]


def pod_specs(document: dict) -> list[dict]:
    kind = document["kind"]
    if kind in {"Deployment", "Job"}:
        return [document["spec"]["template"]["spec"]]
    if kind == "CronJob":
        return [document["spec"]["jobTemplate"]["spec"]["template"]["spec"]]
    return []


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def app_services(config: dict) -> dict[str, dict]:
    """The compose services that run Omzien's image (not PostgreSQL)."""
    return {
        name: service
        for name, service in config["services"].items()
        if service["image"].startswith("omzien:")
    }


def env_file_values(text: str) -> dict[str, str]:
    pairs = [line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#")]
    return dict(pairs)


def deployment_section(number: int) -> str:
    text = DEPLOYMENT_DOC.read_text()
    start = text.index(f"\n## {number}. ")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def leading_assignments(script: str) -> set[str]:
    """The NAME=value words before a command of a shell script."""
    names = set()
    for part in re.split(r"&&|\|\||[;\n|]", script):
        for word in shlex.split(part):
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", word):
                break
            names.add(word.split("=", 1)[0])
    return names


# --- Commands ------------------------------------------------------------------------------------


def invocations(argv: list[str]) -> list[Invocation]:
    """The product commands an argv runs: ("manage.py", command, *options) or ("gunicorn",
    *options), each command of a ``sh -c`` script in turn. Anything else is an error: these
    files run nothing but the product."""
    if argv[:2] == ["sh", "-c"]:
        found = []
        for part in re.split(r"&&|\|\||[;\n|]", argv[2]):
            words = shlex.split(part)
            while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
                words = words[1:]  # NAME=value before a command, or an assignment
            if words and words[0] in SHELL_WORDS:
                continue
            if words:
                found.extend(invocations(words))
        return found
    if argv[:2] == ["python", "src/manage.py"] and len(argv) > 2:
        return [("manage.py", *argv[2:])]
    if argv[:1] == ["gunicorn"]:
        return [tuple(argv)]
    raise AssertionError(f"not a product command: {argv}")


def invocation_errors(invocation: Invocation) -> list[str]:
    """Why an invocation would not run in production ([] when it would)."""
    if invocation[0] == "gunicorn":
        try:
            options = GunicornConfig().parser().parse_args(list(invocation[1:]))
        except SystemExit:
            return [f"gunicorn does not take {invocation[1:]}"]
        module, _, attribute = settings.WSGI_APPLICATION.rpartition(".")
        if options.args != [f"{module}:{attribute}"]:
            return [f"gunicorn serves {options.args}, not {module}:{attribute}"]
        return []
    name, options = invocation[1], list(invocation[2:])
    app = get_commands().get(name)
    if app is None:
        return [f"no management command {name}"]
    if app == "omzien.demo":
        return [f"{name} exists only with the demo app, never in production"]
    parser = load_command_class(app, name).create_parser("manage.py", name)
    try:
        # Options naming a task backend are checked against production's (the test settings
        # run tasks immediately).
        with override_settings(TASKS=PRODUCTION_TASKS):
            parser.parse_args(options)
    except CommandError as error:
        return [f"{name} {options}: {error}"]
    return []


def test_invocations_refuse_what_would_not_run():
    assert invocation_errors(("manage.py", "no_such_command")) == [
        "no management command no_such_command"
    ]
    assert invocation_errors(("manage.py", "load_demo"))  # the demo app is not in production
    assert invocation_errors(("manage.py", "prune_db_task_results", "--min-age", "x"))
    assert invocation_errors(("gunicorn", "omzien.wsgi:application", "--no-such-option"))
    assert invocation_errors(("gunicorn", "omzien.other:application"))
    assert invocation_errors(("manage.py", "prune_db_task_results", "--min-age-days", "14")) == []
    with pytest.raises(AssertionError, match="not a product command"):
        invocations(["sh", "-c", "python src/manage.py migrate && celery worker"])


def dockerfile_invocations() -> list[Invocation]:
    found = []
    for stage in dockerfile_stages(DOCKERFILE.read_text()):
        for name, rest in stage:
            if name == "RUN":  # building the image may run other programs too
                for part in rest.split("&&"):
                    if "manage.py" in part:
                        found.extend(invocations(["sh", "-c", part]))
            if name == "CMD":
                found.extend(invocations(exec_form(rest)))
    return found


def compose_invocations() -> dict[str, list[Invocation]]:
    """Per app service; a service without a command runs the image's CMD."""
    image_command = exec_form(dict(dockerfile_stages(DOCKERFILE.read_text())[-1])["CMD"])
    found = {}
    for name, service in app_services(compose()).items():
        command = service.get("command", image_command)
        # compose reads $$ as a literal $
        found[name] = invocations([word.replace("$$", "$") for word in command])
    return found


def kubernetes_invocations() -> dict[str, list[Invocation]]:
    found = {}
    for _, document in kubernetes_documents():
        for spec in pod_specs(document):
            for container in spec["containers"]:
                argv = [*container.get("command", []), *container.get("args", [])]
                assert argv, f"{document['metadata']['name']} relies on the image's command"
                found.setdefault(document["metadata"]["name"], []).extend(invocations(argv))
    return found


def test_every_command_is_gunicorn_or_a_real_management_command():
    every = [
        ("Dockerfile", dockerfile_invocations()),
        *compose_invocations().items(),
        *kubernetes_invocations().items(),
    ]
    assert all(runs for _, runs in every)
    errors = [
        f"{where}: {error}"
        for where, runs in every
        for run in runs
        for error in invocation_errors(run)
    ]
    assert errors == []
    # The web processes are gunicorn, the workers db_worker, and each set up migrates first.
    compose_runs = compose_invocations()
    assert compose_runs["web"][0][0] == "gunicorn"
    assert compose_runs["worker"] == [("manage.py", "db_worker")]
    assert compose_runs["migrate"][0] == ("manage.py", "migrate", "--noinput")
    # Beside the web processes, on the same disk: the matching snapshot they map.
    assert compose_runs["matching"] == [("manage.py", "build_matching_snapshot")]
    kubernetes_runs = kubernetes_invocations()
    assert kubernetes_runs["omzien-web"][0][0] == "gunicorn"
    assert kubernetes_runs["omzien-web"][1:] == [("manage.py", "build_matching_snapshot")]
    assert kubernetes_runs["omzien-worker"] == [("manage.py", "db_worker")]
    assert kubernetes_runs["omzien-migrate"] == compose_runs["migrate"]


# --- The nightly jobs ----------------------------------------------------------------------------


def documented_nightly_jobs() -> list[Invocation]:
    """Section 11's list, the one place that says which commands run every night."""
    section = deployment_section(11)
    block = section[section.index("```sh\n") + 6 :]
    block = block[: block.index("```")]
    return [
        ("manage.py", *shlex.split(line, comments=True)[2:])
        for line in block.splitlines()
        if line.strip()
    ]


def scheduled_nightly_jobs() -> dict[str, list[Invocation]]:
    """Every place that schedules the nightly jobs, with the jobs in its order."""
    section = deployment_section(11)
    systemd = re.findall(
        r"^ExecStart=/srv/omzien/\.venv/bin/(python src/manage\.py .+)$", section, re.M
    )
    cron = re.search(r"^30 3 \* \* \* (.+)$", section, re.M).group(1)
    cron_commands = [part.strip().removeprefix(".venv/bin/") for part in cron.split("&&")]
    kubernetes = kubernetes_invocations()
    return {
        "systemd unit (section 11)": [invocations(shlex.split(line))[0] for line in systemd],
        "crontab line (section 11)": [
            invocations(shlex.split(part))[0] for part in cron_commands if "manage.py" in part
        ],
        "compose scheduler": compose_invocations()["scheduler"],
        "Kubernetes CronJobs": [
            run
            for _, document in kubernetes_documents()
            if document["kind"] == "CronJob"
            for run in kubernetes[document["metadata"]["name"]]
        ],
    }


def schedule_differences(
    expected: list[Invocation], scheduled: dict[str, list[Invocation]]
) -> dict[str, str]:
    differences = {}
    for where, jobs in scheduled.items():
        if jobs != expected:
            missing = [job for job in expected if job not in jobs]
            extra = [job for job in jobs if job not in expected]
            differences[where] = f"missing {missing}, extra {extra}, or another order"
    return differences


def test_every_nightly_job_is_scheduled_everywhere_in_the_same_order():
    expected = documented_nightly_jobs()
    assert ("manage.py", "apply_retention") in expected
    assert ("manage.py", "prune_db_task_results", "--min-age-days", "14") in expected
    assert schedule_differences(expected, scheduled_nightly_jobs()) == {}
    assert all(invocation_errors(job) == [] for job in expected)


def test_a_nightly_job_added_to_the_docs_only_is_reported():
    expected = [*documented_nightly_jobs(), ("manage.py", "a_new_nightly_job")]
    differences = schedule_differences(expected, scheduled_nightly_jobs())
    assert set(differences) == {
        "systemd unit (section 11)",
        "crontab line (section 11)",
        "compose scheduler",
        "Kubernetes CronJobs",
    }
    assert "a_new_nightly_job" in differences["Kubernetes CronJobs"]


def test_one_cronjob_per_nightly_job():
    cronjobs = [d for _, d in kubernetes_documents() if d["kind"] == "CronJob"]
    assert len(cronjobs) == len(documented_nightly_jobs())
    for cronjob in cronjobs:
        assert cronjob["spec"]["timeZone"] == settings.TIME_ZONE
        assert cronjob["spec"]["concurrencyPolicy"] == "Forbid"
        hour = int(cronjob["spec"]["schedule"].split()[1])
        assert hour != 2, "02:00-03:00 is skipped or repeated by daylight saving time"


# --- The image -----------------------------------------------------------------------------------


def test_dockerfile_is_multi_stage_on_pinned_images_and_installs_the_production_lock():
    text = DOCKERFILE.read_text()
    stages = dockerfile_stages(text)
    assert len(stages) >= 2
    aliases = set()
    for stage in stages:
        image, *alias = stage[0][1].split(" AS ")
        name, _, tag = image.partition(":")
        if name not in aliases:
            assert tag and tag != "latest", f"{image} is not pinned to a tag"
        aliases.update(alias)
    final_image = stages[-1][0][1]
    python = re.search(r'requires-python = ">=(\d+\.\d+)', (ROOT / "pyproject.toml").read_text())
    assert final_image.startswith(f"python:{python.group(1)}-slim")
    runs = [rest for stage in stages for name, rest in stage if name == "RUN"]
    installs = [part for run in runs for part in run.split("&&") if "pip install" in part]
    assert any(part.strip().endswith("pip install -r requirements.lock") for part in installs)
    assert all(
        part.strip().endswith(("-r requirements.lock", "--no-deps -e .")) for part in installs
    ), installs
    assert "requirements-dev.lock" not in text
    assert "make assets" in " ".join(runs)
    final_runs = [rest for name, rest in stages[-1] if name == "RUN"]
    assert any("python src/manage.py collectstatic --noinput" in run for run in final_runs)


def test_dockerfile_runs_as_a_user_that_is_not_root_and_checks_healthz():
    final = dockerfile_stages(DOCKERFILE.read_text())[-1]
    users = [rest for name, rest in final if name == "USER"]
    assert users, "the image would run as root"
    uid = users[-1].split(":")[0]
    assert uid.isdigit() and int(uid) != 0, "a numeric uid, so runAsNonRoot can verify it"
    created = re.search(
        r"useradd .*--uid (\d+)", " ".join(rest for name, rest in final if name == "RUN")
    )
    assert created.group(1) == uid
    last_user = max(i for i, (name, _) in enumerate(final) if name == "USER")
    assert all(name != "RUN" for name, _ in final[last_user:])
    healthcheck = [rest for name, rest in final if name == "HEALTHCHECK"]
    assert len(healthcheck) == 1 and "http://127.0.0.1:8000/healthz" in " ".join(
        exec_form(healthcheck[0])
    )
    assert resolve("/healthz").url_name == "healthz"
    for document in kubernetes_documents():
        for spec in pod_specs(document[1]):
            assert spec["securityContext"]["runAsNonRoot"] is True
            assert spec["securityContext"]["runAsUser"] == int(uid)


def test_the_image_holds_the_compiled_messages_and_no_local_environment():
    patterns = [
        line.strip()
        for line in DOCKERIGNORE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]

    def ignored(path: str) -> bool:
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        return any(
            fnmatch.fnmatch(prefix, pattern.removeprefix("**/"))
            or fnmatch.fnmatch(parts[i], pattern.removeprefix("**/"))
            for pattern in patterns
            for i, prefix in enumerate(prefixes)
        )

    catalogues = sorted(ROOT.glob("src/omzien/**/locale/*/LC_MESSAGES/django.po"))
    assert catalogues
    for po in catalogues:
        compiled = po.with_suffix(".mo")
        assert compiled.exists(), f"{compiled} is not compiled"
        assert not ignored(str(compiled.relative_to(ROOT)))
    for needed in [
        "src/manage.py",
        "src/omzien/conf/production.py",
        "requirements.lock",
        "pyproject.toml",
        "README.md",
        "Makefile",
        "package-lock.json",
    ]:
        assert not ignored(needed), needed
    for kept_out in [
        ".venv",
        "node_modules",
        ".env",
        "deploy/compose.env",
        "var/omzien.sqlite3",
        "requirements-dev.lock",
        ".git",
    ]:
        assert ignored(kept_out), kept_out


# --- Compose -------------------------------------------------------------------------------------


def test_compose_runs_web_worker_scheduler_after_migrate_on_postgresql():
    config = compose()
    services = config["services"]
    assert set(services) == {"db", "migrate", "web", "worker", "scheduler", "matching"}
    db = services["db"]
    assert re.fullmatch(r"postgres:15(\.\d+)?-\w+", db["image"])
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"]
    assert "pg_isready" in db["healthcheck"]["test"]
    assert services["migrate"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name, service in app_services(config).items():
        assert service["build"] == "."
        assert service["env_file"] == "deploy/compose.env"
        assert service["read_only"] is True and TMP in service["tmpfs"]
        if name != "migrate":
            assert service["depends_on"] == {
                "migrate": {"condition": "service_completed_successfully"}
            }
        # The image's HEALTHCHECK asks gunicorn: only the web service has one.
        assert ("healthcheck" not in service) == (name == "web")
    assert services["worker"]["volumes"] == ["media:/app/var/media"]
    snapshot = "matching:/app/var/matching"
    assert services["web"]["volumes"] == ["media:/app/var/media", snapshot]
    assert services["matching"]["volumes"] == [snapshot]
    assert Path(settings.BASE_DIR / "var" / "matching").relative_to(ROOT) == Path("var/matching")
    assert Path(settings.MEDIA_ROOT).relative_to(ROOT) == Path("var/media")
    assert services["web"]["environment"]["PROMETHEUS_MULTIPROC_DIR"] in services["web"]["tmpfs"]


def shell_scripts() -> dict[str, str]:
    """Every ``sh -c`` script of the compose file and the manifests, as the shell gets it."""
    scripts = {}
    for name, service in app_services(compose()).items():
        command = service.get("command", [])
        if command[:2] == ["sh", "-c"]:
            scripts[f"compose {name}"] = command[2].replace("$$", "$")
    for _, document in kubernetes_documents():
        for spec in pod_specs(document):
            for container in spec["containers"]:
                if container["command"][:2] == ["sh", "-c"]:
                    scripts[document["metadata"]["name"]] = container["command"][2]
    return scripts


def test_shell_scripts_parse():
    scripts = shell_scripts()
    assert {"compose scheduler", "compose migrate", "omzien-migrate"} <= set(scripts)
    shell = shutil.which("sh")
    for where, script in [*scripts.items(), ("a broken script", "while :; do echo")]:
        result = subprocess.run([shell, "-n", "-c", script], capture_output=True, check=False)  # noqa: S603
        assert (result.returncode == 0) == (where != "a broken script"), (where, result.stderr)


def test_no_secret_is_committed():
    example = env_file_values(COMPOSE_ENV_EXAMPLE.read_text())
    assert {"SECRET_KEY", "ALLOWED_HOSTS"} <= set(example)
    assert {
        name: value for name, value in example.items() if SECRET_NAME.search(name) and value
    } == {}
    database = compose()["services"]["db"]["environment"]["POSTGRES_PASSWORD"]
    assert database.startswith("${POSTGRES_PASSWORD:?")
    for service in app_services(compose()).values():
        assert service["environment"]["DATABASE_URL"].startswith(
            "postgres://omzien:${POSTGRES_PASSWORD:?"
        )
    assert not any(d["kind"] == "Secret" for _, d in kubernetes_documents())
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in ignored and "deploy/compose.env" in ignored


# --- Kubernetes ----------------------------------------------------------------------------------


def test_kustomization_lists_every_manifest():
    kustomization = yaml.safe_load((KUBERNETES / "kustomization.yaml").read_text())
    on_disk = {p.name for p in KUBERNETES.glob("*.yaml")} - {"kustomization.yaml"}
    assert set(kustomization["resources"]) == on_disk
    assert [image["name"] for image in kustomization["images"]] == ["omzien"]


def test_web_probes_ask_the_real_endpoints_with_an_allowed_host():
    documents = {d["metadata"]["name"] + "/" + d["kind"]: d for _, d in kubernetes_documents()}
    config = documents["omzien-config/ConfigMap"]["data"]
    allowed_hosts = config["ALLOWED_HOSTS"].split(",")
    web = pod_specs(documents["omzien-web/Deployment"])[0]["containers"][0]
    probes = {
        kind: web[kind]["httpGet"] for kind in ("startupProbe", "livenessProbe", "readinessProbe")
    }
    assert probes["livenessProbe"]["path"] == "/healthz"
    assert probes["readinessProbe"]["path"] == "/readyz"
    for probe in probes.values():
        assert resolve(probe["path"]).url_name == probe["path"].removeprefix("/")
        hosts = [h["value"] for h in probe["httpHeaders"] if h["name"] == "Host"]
        assert hosts and hosts[0] in allowed_hosts
    assert documents["omzien-web/Service"]["metadata"]["name"] == hosts[0]


def test_containers_write_only_to_their_volumes():
    media = "/" + str(Path("app") / Path(settings.MEDIA_ROOT).relative_to(ROOT))
    for _, document in kubernetes_documents():
        for spec in pod_specs(document):
            volumes = {volume["name"]: volume for volume in spec["volumes"]}
            for container in spec["containers"]:
                assert container["image"] == "omzien"  # set by kustomization.yaml
                security = container["securityContext"]
                assert security["readOnlyRootFilesystem"] is True
                assert security["allowPrivilegeEscalation"] is False
                assert security["capabilities"]["drop"] == ["ALL"]
                mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
                assert "emptyDir" in volumes[mounts[TMP]]
                for variable in container.get("env", []):
                    if variable["name"] == "PROMETHEUS_MULTIPROC_DIR":
                        assert variable["value"] in mounts
                if media in mounts:
                    claim = volumes[mounts[media]]["persistentVolumeClaim"]["claimName"]
                    assert claim == "omzien-media"
    names = {d["metadata"]["name"] for _, d in kubernetes_documents()}
    assert "omzien-media" in names


def test_manifests_are_valid_kubernetes_objects():
    kubernetes_validate = pytest.importorskip(
        "kubernetes_validate",
        reason="kubernetes-validate (dev dependency; the Kubernetes JSON schemas) is not installed",
    )
    documents = kubernetes_documents()
    assert {d["kind"] for _, d in documents} >= {
        "Deployment",
        "Service",
        "Job",
        "CronJob",
        "ConfigMap",
    }
    for version in KUBERNETES_VERSIONS:
        for name, document in documents:
            try:
                kubernetes_validate.validate(document, version, strict=True)
            except kubernetes_validate.ValidationError as error:
                pytest.fail(
                    f"{name} {document['metadata']['name']} (Kubernetes {version}): {error.message}"
                )
    broken = yaml.safe_load((KUBERNETES / "worker.yaml").read_text())
    broken["spec"]["template"]["spec"]["containers"][0]["comand"] = ["db_worker"]
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSIONS[-1], strict=True)


# --- Environment variables -----------------------------------------------------------------------


def variables_omzien_reads() -> set[str]:
    """Names read with conf.base's env helpers or os.environ anywhere in the product (not in
    tests, test helpers or the demo)."""
    reads = re.compile(
        r"""\benv(?:_bool|_int|_list)?\(\s*"([A-Z][A-Z0-9_]*)"|os\.environ(?:\.get|\.setdefault)?[(\[]\s*"([A-Z][A-Z0-9_]*)\""""
    )
    names = set()
    for path in (ROOT / "src" / "omzien").rglob("*.py"):
        parts = set(path.relative_to(ROOT / "src" / "omzien").parts)
        if parts & {"tests", "testing", "demo"} or path.name == "conftest.py":
            continue
        for match in reads.finditer(path.read_text()):
            names.add(match.group(1) or match.group(2))
    return names


def variables_set() -> dict[str, set[str]]:
    config = compose()
    set_by = {
        "compose.yaml": {
            name
            for service in app_services(config).values()
            for name in service.get("environment", {})
        },
        "deploy/compose.env.example": set(env_file_values(COMPOSE_ENV_EXAMPLE.read_text())),
    }
    kubernetes = set()
    for _, document in kubernetes_documents():
        if document["kind"] == "ConfigMap":
            kubernetes |= set(document["data"])
        for spec in pod_specs(document):
            for container in spec["containers"]:
                kubernetes |= {variable["name"] for variable in container.get("env", [])}
    set_by["deploy/kubernetes"] = kubernetes
    secret = re.search(
        r"kubectl create secret generic omzien-secrets(.+?)\n```", DEPLOYMENT_DOC.read_text(), re.S
    )
    set_by["Secret omzien-secrets (docs)"] = set(
        re.findall(r"--from-literal=([A-Z][A-Z0-9_]*)=", secret.group(1))
    )
    image = set()
    for stage in dockerfile_stages(DOCKERFILE.read_text()):
        for name, rest in stage:
            if name == "ENV":
                image |= set(re.findall(r"([A-Z][A-Z0-9_]*)=", rest))
            if name == "RUN":
                image |= leading_assignments(rest)
    set_by["Dockerfile"] = image - PROCESS_VARIABLES
    return set_by


def test_every_variable_set_is_one_omzien_reads():
    read = variables_omzien_reads()
    assert {
        "SECRET_KEY",
        "DATABASE_URL",
        "CACHE_URL",
        "PROMETHEUS_MULTIPROC_DIR",
        "DJANGO_SETTINGS_MODULE",
    } <= read
    unknown = {
        where: sorted(names - read) for where, names in variables_set().items() if names - read
    }
    assert unknown == {}


def test_every_set_up_gives_the_settings_production_requires():
    set_by = variables_set()
    required = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    assert required <= set_by["compose.yaml"] | set_by["deploy/compose.env.example"]
    assert required <= set_by["deploy/kubernetes"] | set_by["Secret omzien-secrets (docs)"]
    assert set_by["Secret omzien-secrets (docs)"] >= {"SECRET_KEY", "DATABASE_URL"}
