# Omzien: `make run` serves the demo, `make test` runs the whole suite.
# Both install everything first (virtual environment, locked Python packages,
# npm packages, static files); nothing is fetched at run time.

PYTHON ?= python3.11
# Development settings for everything make runs (manage.py itself defaults to production).
export DJANGO_SETTINGS_MODULE ?= omzien.conf.dev
# Python keeps each module it compiles (`__pycache__`), and pytest each test module it rewrites,
# for the next process, even where the environment says not to (PYTHONDONTWRITEBYTECODE=1, as
# on the CI machine): every test worker and command otherwise compiles all it imports again,
# about 5 s per process, and the suite's collection takes three times as long.
export PYTHONDONTWRITEBYTECODE :=
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) src/manage.py
STATIC_BUILD := build/static/vendor
DB_DIR := var

.PHONY: run test fuzz install assets migrate demo worker lint format messages lock clean bench-matching bench-pages bench-appreciation bench-calendar bench-newsletters bench-directory bench-monitor bench-concerns bench-web bench-faults screenshots backup-drill replica-drill hosts-drill worker-drill

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:8000

# In parallel (pytest-xdist): PYTEST_WORKERS processes, each with its own test database and
# browser; PYTEST_WORKERS=0 runs in this process. PYTEST_ARGS adds pytest options or paths.
PYTEST_WORKERS ?= auto
test: install
	DJANGO_SETTINGS_MODULE=omzien.conf.test $(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Hostile values in every form field and address parameter of every page, as every kind of
# user (src/omzien/ui/tests/fuzz.py): about 20 minutes on two cores, not part of `make test`.
# Run it on PostgreSQL too (DATABASE_URL=postgres://...).
fuzz: install
	DJANGO_SETTINGS_MODULE=omzien.conf.test $(BIN)/pytest -p no:cacheprovider -n 2 src/omzien/ui/tests/fuzz.py

install: $(VENV)/.installed node_modules/.installed $(STATIC_BUILD)/.built

# --no-compile: Python compiles a module when it is first imported (and keeps it: see
# PYTHONDONTWRITEBYTECODE above); compiling every installed file up front (most of them never
# imported) took two thirds of the install.
$(VENV)/.installed: requirements-dev.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --no-compile -r requirements-dev.lock
	$(PY) -m pip install --quiet --no-compile --no-deps -e .
	mkdir -p $(DB_DIR)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Copy the pinned front-end packages into a static folder Django serves (no CDN).
$(STATIC_BUILD)/.built: node_modules/.installed
	mkdir -p $(STATIC_BUILD)/utrecht $(STATIC_BUILD)/htmx
	cp node_modules/@utrecht/component-library-css/dist/index.css $(STATIC_BUILD)/utrecht/components.css
	cp node_modules/htmx.org/dist/htmx.min.js $(STATIC_BUILD)/htmx/htmx.min.js
	touch $@

assets: $(STATIC_BUILD)/.built

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

worker: install
	$(MANAGE) db_worker

# lint-imports checks the dependency rules ([tool.importlinter] in pyproject.toml) on src/.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONPATH=src $(BIN)/lint-imports --no-cache
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The matching engine at national scale (100,000 profiles, 20,000 vacancies) in its own SQLite
# database; prints its figures as one JSON line (last line). Takes a few minutes.
BENCH_DB := $(DB_DIR)/bench-matching.sqlite3
bench-matching: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_DB) PYTHONPATH=src $(PY) bench/matching.py

# The busiest pages at 1x and 10x synthetic data: one JSON line a page (median ms, queries, KB).
BENCH_PAGES_DB := $(DB_DIR)/bench-pages.sqlite3
bench-pages: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_PAGES_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_PAGES_DB) PYTHONPATH=src $(PY) bench/pages.py

# An appreciation round of Heerde's size: 5,000 applications submitted and granted, one payment
# batch and its pain.001 file, 1,000 paper letters as one PDF. One JSON line of figures.
BENCH_APPRECIATION_DB := $(DB_DIR)/bench-appreciation.sqlite3
bench-appreciation: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_APPRECIATION_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_APPRECIATION_DB) PYTHONPATH=src $(PY) bench/appreciation.py

# The activity calendar at 20,000 dates: month page and home page p95, equal query counts, iCal feed.
BENCH_CALENDAR_DB := $(DB_DIR)/bench-calendar.sqlite3
bench-calendar: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_CALENDAR_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_CALENDAR_DB) PYTHONPATH=src $(PY) bench/activity_calendar.py
# The social map and the calendar of a region: 5,000 entries, 20,000 dates. Search, month page
# and iCal feed timings, the HSDS export, equal query counts at 1/10 and all (one JSON line).
BENCH_DIRECTORY_DB := $(DB_DIR)/bench-directory.sqlite3
bench-directory: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_DIRECTORY_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_DIRECTORY_DB) PYTHONPATH=src $(PY) bench/directory.py

# The site under load: gunicorn (2 web processes, then 1) on PostgreSQL with a region's synthetic
# data, 16 clients for 10 minutes each; one JSON line per run (BENCH_WEB_ARGS="--seconds 60").
bench-web: install
	PYTHONPATH=src $(PY) bench/web.py $(BENCH_WEB_ARGS)

# PostgreSQL restarted mid-load on a server of its own (port 5435): errors only during the
# outage, recovery within 10 s, no accepted response lost; one JSON line.
bench-faults: install
	PYTHONPATH=src $(PY) bench/faults.py

# The policy monitor: a programme per municipality measuring every registered indicator; a
# quarter's snapshot, the dashboard's p95 and its queries at 1x and 10x synthetic data (one JSON line).
BENCH_MONITOR_DB := $(DB_DIR)/bench-monitor.sqlite3
bench-monitor: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_MONITOR_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_MONITOR_DB) PYTHONPATH=src $(PY) bench/monitor.py

# The central contact point of a region: 50,000 concerns and 20,000 loneliness measurements
# (bench/concerns.py, BUILDERS). Queue and concern page p50/p95, the effect report, and the
# queries of each at a tenth of the data and at all of it (one JSON line).
BENCH_CONCERNS_DB := $(DB_DIR)/bench-concerns.sqlite3
bench-concerns: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_CONCERNS_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_CONCERNS_DB) PYTHONPATH=src $(PY) bench/concerns.py

# A newsletter to 20,000 recipients through the database task queue and a real worker, killed
# halfway and started again (in-memory mail). One JSON line: queued_s, sent_s, duplicates_sent.
BENCH_NEWSLETTERS_DB := $(DB_DIR)/bench-newsletters.sqlite3
bench-newsletters: install
	mkdir -p $(DB_DIR) && rm -f $(BENCH_NEWSLETTERS_DB)
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_NEWSLETTERS_DB) PYTHONPATH=src $(PY) bench/newsletters.py

# Needs GNU gettext (xgettext, msgfmt); the compiled .mo files are committed.
messages: install
	cd src/omzien && ../../$(PY) ../manage.py makemessages -l nl --no-obsolete --ignore "conf/*"
	cd src/omzien && ../../$(PY) ../manage.py compilemessages -l nl

# Re-resolve both lock files after changing pyproject.toml (production and development sets).
lock: install
	$(BIN)/pip-compile -q --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile -q --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements-dev.lock pyproject.toml

# Backup and restore proven: pg_dump of a demo database, pg_restore into a new one, every
# table's rows counted on both sides, the restored site asked for three pages (docs/operations.md).
backup-drill: install
	$(PY) tools/backup_drill.py

# A primary and a streaming replica of its own (ports 5433 and 5434): the replica answers the
# monitor's and figures' reads, and the primary does when the replica is stopped or lags.
replica-drill: install
	$(PY) tools/replica_drill.py

# Two web hosts and two task workers on one PostgreSQL of its own (port 5436): a session, a
# form and the queued mails cross hosts; every task runs once.
hosts-drill: install
	$(PY) tools/hosts_drill.py

# A task worker killed with SIGKILL mid-task on a PostgreSQL of its own (port 5437): a new
# worker puts the task back and runs it; every queued mail is sent once (one JSON line).
worker-drill: install
	$(PY) tools/worker_drill.py

clean:
	rm -rf $(VENV) node_modules build $(DB_DIR)

# Full-page PNGs of each demo role's main pages at 1280 and 375 px wide in var/screenshots/
# (a fresh demo database var/screenshots.sqlite3, the development server on a free port).
screenshots: install
	PYTHONPATH=src $(PY) tools/screenshots.py
