# syntax=docker/dockerfile:1
# HearBack in a container: `docker build -t hearback .`, then see README.md ("Docker").
#
# Two stages: the first installs HearBack and only its runtime dependencies into a virtual
# environment; the second copies that environment into a clean slim image and runs it as
# an unprivileged user. Secrets come from the environment at run time (`--env-file .env`);
# .dockerignore keeps .env (and everything else not needed) out of the build context.

ARG PYTHON_VERSION=3.11

# ---------------------------------------------------------------------------- build stage
FROM python:${PYTHON_VERSION}-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/hearback
WORKDIR /src

# The runtime dependencies first, read from pyproject.toml: this layer stays cached while
# only HearBack's own code changes. (Every dependency ships wheels: no compiler needed.)
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && /opt/hearback/bin/pip install -r requirements.txt

# Then HearBack itself (no dev extras), and the installers go: the image only runs it.
COPY README.md ./
COPY bot ./bot
RUN /opt/hearback/bin/pip install --no-deps . \
    && /opt/hearback/bin/pip uninstall -y pip setuptools wheel

# -------------------------------------------------------------------------- runtime stage
FROM python:${PYTHON_VERSION}-slim AS runtime

LABEL org.opencontainers.image.title="HearBack" \
      org.opencontainers.image.description="A Telegram coach for the silence after a job interview"

RUN groupadd --system --gid 10001 hearback \
    && useradd --system --uid 10001 --gid hearback --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin hearback \
    && mkdir -p /app /data \
    && chown hearback:hearback /data

COPY --from=build /opt/hearback /opt/hearback
# The Alembic scripts: the bot upgrades the database to the newest schema at every start.
COPY migrations /app/migrations

ENV PATH=/opt/hearback/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HEARBACK_MIGRATIONS_DIR=/app/migrations \
    DATABASE_URL=sqlite+aiosqlite:////data/hearback.db \
    WEBHOOK_LISTEN=0.0.0.0 \
    WEBHOOK_PORT=8080

WORKDIR /app
USER hearback
# SQLite lives here unless DATABASE_URL points at PostgreSQL.
VOLUME ["/data"]
# Only used in webhook mode (`hearback webhook`): updates at WEBHOOK_URL's path, /healthz.
EXPOSE 8080

# Webhook mode (WEBHOOK_URL set): asks the server's /healthz, which checks the database.
# Polling mode: connects to the database and runs SELECT 1.
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
    CMD ["hearback", "health"]

ENTRYPOINT ["hearback"]
CMD ["run"]
