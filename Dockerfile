# Omzien's production image: docs/deployment.md, "Containers".
#
# The same install as on a server (sections 2 and 5): the packages of requirements.lock and
# nothing else (no test tools), the project itself with `pip install --no-deps -e .`, the
# front-end packages with `make assets`, static files collected with the production settings.
# Web (the default command), task worker, migrations and nightly jobs all run from this image
# with a different command (compose.yaml, deploy/kubernetes/).

# --- 1. Front-end packages: npm ci and the copies `make assets` makes ---------------------------
FROM node:20-bookworm-slim AS assets
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends make \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Makefile package.json package-lock.json ./
RUN make assets

# --- 2. Python packages: exactly requirements.lock, in a virtual environment --------------------
FROM python:3.11-slim-bookworm AS python
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
WORKDIR /app
COPY requirements.lock ./
RUN /opt/venv/bin/python -m pip install -r requirements.lock
COPY pyproject.toml README.md ./
COPY src ./src
RUN /opt/venv/bin/python -m pip install --no-deps -e . \
    && /opt/venv/bin/python -m compileall -q src

# --- 3. Runtime: Python, Pango for WeasyPrint's PDFs, the code, no compiler, no Node ------------
FROM python:3.11-slim-bookworm
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin omzien
# manage.py and wsgi.py default to the production settings; set here too, to be explicit.
# Bytecode is compiled at build time, so nothing needs to write next to the code; fontconfig
# (WeasyPrint) keeps its cache under /tmp, the one place the containers may write. The matching
# engine's compiled loops are cached in the snapshot's volume, which the web processes and the
# snapshot builder share (ADR 0013); a container without that volume caches them under /tmp.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    XDG_CACHE_HOME=/tmp/cache \
    NUMBA_CACHE_DIR=/app/var/matching/.numba \
    DJANGO_SETTINGS_MODULE=omzien.conf.production
WORKDIR /app
COPY --from=python /opt/venv /opt/venv
COPY --from=python /app /app
COPY --from=assets /app/build/static /app/build/static
# collectstatic needs the production settings, which refuse to load without these three; it
# opens no database connection, so build-time values serve (set for this RUN only, never in
# the image's environment).
RUN SECRET_KEY=collectstatic-at-build-time ALLOWED_HOSTS=localhost \
        DATABASE_URL=postgres://build@127.0.0.1:1/build \
        python src/manage.py collectstatic --noinput \
    && mkdir -p var/media \
    && chown omzien:omzien var/media
USER 10001:10001
EXPOSE 8000
# /healthz answers only a Host from ALLOWED_HOSTS: ask with the first one.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/healthz', headers={'Host': os.environ['ALLOWED_HOSTS'].split(',')[0].strip()}), timeout=4)"]
# As the systemd unit in docs/deployment.md section 6, plus: the heartbeat files in shared
# memory and no control socket (the root file system is read-only in compose and Kubernetes).
CMD ["gunicorn", "omzien.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", "--timeout", "30", "--graceful-timeout", "30", "--max-requests", "1000", "--max-requests-jitter", "100", "--access-logfile", "-", "--worker-tmp-dir", "/dev/shm", "--no-control-socket"]
