# HearBack in a container: `docker build -t hearback .`, then see README.md ("Docker").
#
# Two stages: the first installs HearBack and only its runtime dependencies into a virtual
# environment and trims it; the second copies that environment into a clean slim image and
# runs it as an unprivileged user (uid/gid 10001). Secrets come from the environment at run
# time (`--env-file .env`); .dockerignore keeps .env (and everything else not needed) out
# of the build context.
#
# BASE_IMAGE is any Debian-based image with Python 3.11 (python3, venv) and a shell: the
# official slim image by default; .ci/docker-smoke builds a local one when the public
# registry cannot be reached (`--build-arg BASE_IMAGE=...`).

ARG BASE_IMAGE=python:3.11-slim

# ---------------------------------------------------------------------------- build stage
FROM ${BASE_IMAGE} AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

# strip (binutils) for the trimming below; tini as the runtime's PID 1 (see ENTRYPOINT).
RUN apt-get update \
    && apt-get install -y --no-install-recommends binutils tini \
    && rm -rf /var/lib/apt/lists/*

RUN python3 -m venv /opt/hearback
WORKDIR /src

# The runtime dependencies first, read from pyproject.toml: this layer stays cached while
# only HearBack's own code changes. (Every dependency ships wheels: no compiler needed.)
COPY pyproject.toml ./
RUN python3 -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && /opt/hearback/bin/pip install --no-compile -r requirements.txt

# Then HearBack itself (no dev extras; the city index is package data), and the installers
# go: the image only runs it.
COPY README.md ./
COPY bot ./bot
RUN /opt/hearback/bin/pip install --no-compile --no-deps . \
    && /opt/hearback/bin/pip uninstall -y pip setuptools

# Trim what running never reads: symbols of the wheels' native code (about 31 MB), the
# packages' own test suites (SQLAlchemy's and Alembic's are called "testing"), C/Cython
# sources and type stubs. Libraries a wheel vendors (in <name>.libs, or found through an
# RPATH) were rewritten by auditwheel's patchelf, and strip can break such a file (numpy's
# OpenBLAS once failed to load: "ELF load command address/offset not page-aligned"): each
# file is stripped into a copy beside it, which replaces it only when it loads (dlopen in a
# fresh process); a file that would break stays as it came.
RUN set -eu; \
    site="$(/opt/hearback/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"; \
    find "$site" -name '*.so*' -type f | while read -r so; do \
        readelf -S "$so" | grep -qE ' \.(symtab|debug_)' || continue; \
        if strip --strip-unneeded -o "$so.stripped" "$so" \
            && /opt/hearback/bin/python -c 'import ctypes, sys; ctypes.CDLL(sys.argv[1])' "$so.stripped"; then \
            chmod --reference="$so" "$so.stripped" && mv "$so.stripped" "$so"; \
        else \
            rm -f "$so.stripped"; echo "left unstripped (it would not load): $so"; \
        fi; \
    done; \
    find "$site" -depth -type d \( -name tests -o -name test \) -exec rm -rf {} +; \
    rm -rf "$site/sqlalchemy/testing" "$site/alembic/testing"; \
    find "$site" -type f \( -name '*.pyx' -o -name '*.pxd' -o -name '*.pyi' -o -name '*.c' \
        -o -name '*.h' -o -name '*.cpp' -o -name '*.hpp' \) -delete

# Pillow draws one thing here: the /status picture, a PNG with FreeType text. Its wheel also
# brings optional codecs, each an extension module of its own that Pillow loads only for its
# format and otherwise reports as unavailable (PIL.features): AVIF, WebP, colour management
# (LittleCMS) and Tk. The bot reads and writes none of them: they go, then every library in
# pillow.libs that nothing left needs (libavif alone is 4.9 MB). The dry run below draws a
# picture with the bot's own code, so a Pillow that cannot is a failed build.
RUN set -eu; \
    site="$(/opt/hearback/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"; \
    rm -f "$site"/PIL/_avif.*.so "$site"/PIL/_webp.*.so "$site"/PIL/_imagingcms.*.so "$site"/PIL/_imagingtk.*.so; \
    while :; do \
        needed="$(find "$site" -name '*.so*' -type f -exec readelf -d {} + | sed -n 's/.*(NEEDED).*\[\(.*\)\]$/\1/p' | sort -u)"; \
        orphans=""; \
        for lib in "$site"/pillow.libs/*; do \
            [ -e "$lib" ] || continue; \
            printf '%s\n' "$needed" | grep -qxF "${lib##*/}" || orphans="$orphans $lib"; \
        done; \
        [ -n "$orphans" ] || break; \
        echo "no longer needed:$orphans"; \
        rm -f $orphans; \
    done

# Byte-code (the unprivileged user cannot write __pycache__ later) for the short processes
# that run again and again: the HEALTHCHECK's `hearback health` every 30 s (settings and
# storage only, bot/health.py), `migrate` and `--help`, on SQLite and on PostgreSQL. A dry
# run of each writes it for every module it imports (13.5 MB). The long-running bot
# compiles the rest of what it imports (the Telegram layer, the scheduler, a conversation's
# drafts, language and tone checks, the picture) in memory, once per process: 14 MB less
# than byte-code for all of it, for about 0.2 s more CPU at start and 0.3 s over its first
# conversation (measured, medians of 5; `hearback health` takes 0.6 s of CPU).
# Then, writing no byte-code, the dry run proves that the rest still works after the
# trimming: a chat in the terminal, both ways of running, a picture drawn by the bot's own
# code, and every installed package imports.
COPY migrations ./migrations
RUN set -eu; \
    export HEARBACK_MIGRATIONS_DIR=/src/migrations DATABASE_URL=sqlite+aiosqlite:////tmp/dry.db; \
    unset PYTHONDONTWRITEBYTECODE; \
    cd /tmp; \
    /opt/hearback/bin/hearback --help > /dev/null; \
    /opt/hearback/bin/hearback migrate; \
    /opt/hearback/bin/hearback health; \
    /opt/hearback/bin/python -c 'import sqlalchemy.dialects.postgresql.asyncpg'; \
    export PYTHONDONTWRITEBYTECODE=1; \
    printf '%s\n' /start Berlin 1 /new Acme Engineer yesterday "Dana Lee, recruiter" 1 \
        "by Friday" 1 1 1 /list /status /shouldi /draft /tone /help /quit \
        | /opt/hearback/bin/hearback chat > /dev/null; \
    /opt/hearback/bin/python -c 'import bot.runner, bot.webhook'; \
    /opt/hearback/bin/python -c 'from datetime import UTC, datetime; from bot.core.calendar import BusinessCalendar; from bot.telegram.picture import timeline_png; now = datetime(2025, 3, 7, 9, tzinfo=UTC); png = timeline_png(title="Acme", states=(), interviewed_at=now, promised_by=None, cal=BusinessCalendar("Europe/Berlin"), now=now); assert png.startswith(bytes.fromhex("89504e47")), png[:8]'; \
    /opt/hearback/bin/python -c 'import importlib, importlib.metadata as m; [importlib.import_module(n) for n in sorted(m.packages_distributions()) if n.isidentifier() and not n.startswith("_")]'; \
    rm -f /tmp/dry.db*

# -------------------------------------------------------------------------- runtime stage
FROM ${BASE_IMAGE} AS runtime

LABEL org.opencontainers.image.title="HearBack" \
      org.opencontainers.image.description="A Telegram coach for the silence after a job interview"

# uid and gid 10001: an ordinary id (inside useradd's UID_MIN..UID_MAX, so no warning),
# unlikely to own anything on the host; --no-log-init keeps lastlog/faillog empty.
RUN groupadd --gid 10001 hearback \
    && useradd --uid 10001 --gid hearback --no-log-init --no-create-home --home-dir /app \
       --shell /usr/sbin/nologin hearback \
    && mkdir -p /app /data \
    && chown hearback:hearback /data

COPY --from=build /usr/bin/tini /usr/local/bin/tini
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
# SQLite lives here unless DATABASE_URL points at PostgreSQL. A bind mount instead of a
# named volume must be writable by uid 10001 (README.md, "Docker").
VOLUME ["/data"]
# Only used in webhook mode (`hearback webhook`): updates at WEBHOOK_URL's path, /healthz.
EXPOSE 8080

# Webhook mode (WEBHOOK_URL set): asks the server's /healthz, which checks the database.
# Polling mode: connects to the database and runs SELECT 1.
HEALTHCHECK --interval=30s --timeout=10s --start-period=40s --retries=3 \
    CMD ["hearback", "health"]

# tini as PID 1 passes `docker stop`'s SIGTERM on to hearback: a process that is PID 1
# itself never gets a signal it has no handler for yet, so a stop during start-up (before
# the bot installs its own handler) would wait out Docker's 10 s and end in SIGKILL.
ENTRYPOINT ["tini", "--", "hearback"]
CMD ["run"]
