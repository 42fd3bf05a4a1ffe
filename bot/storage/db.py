"""Async engine and session factory for SQLite (default) and PostgreSQL (asyncpg).

SQLite connections get, on every connect: a busy timeout, WAL journaling,
``synchronous=NORMAL``, ``secure_delete=ON`` and ``foreign_keys=ON``. Python's sqlite3
module is told to stay out of transaction handling and the engine's ``begin`` event
issues the ``BEGIN`` itself, as the SQLAlchemy documentation describes for
pysqlite/aiosqlite. By default that is ``BEGIN IMMEDIATE``: the write lock is
taken at the start, so a transaction that reads and then writes (claiming a
nudge, get-or-create) waits for the busy timeout instead of failing with
"database is locked" when another connection wrote in between. A read-only
session can ask for ``DEFERRED`` with :data:`READ_ONLY` execution options.

Statements of a SQLite transaction that holds the write lock (``BEGIN IMMEDIATE`` or
``EXCLUSIVE``) run in the event loop's thread, not in aiosqlite's worker thread: with the
lock held and WAL journaling nothing in them can wait for another connection (SQLite's busy
handler is only entered to take a lock), and a statement on a local file takes microseconds,
while every trip to the worker thread and back costs a thread switch and a wake-up of the
loop (each SQLAlchemy statement is three or four such trips: cursor, execute, fetch, close).
Everything else (``BEGIN`` itself, which may wait for the lock, and read-only transactions)
still goes through the worker thread, so a busy wait never blocks the loop.

The write-ahead log is copied into the database file (a checkpoint) by a connection of its
own in a worker thread, at most once per :data:`CHECKPOINT_GAP_SECONDS` after a commit, not
by SQLite's automatic checkpoint: that one runs inside the ``COMMIT`` that fills the log past
1,000 pages, and with the commit in the loop's thread its copy and ``fsync`` (20-30 ms on a
shared disk) held every user's turn. It is a PASSIVE checkpoint, which never holds a
writer; SQLite starts the log over at the next write once one has copied all of it.

PostgreSQL needs nothing special: claims there use ``FOR UPDATE SKIP LOCKED``.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, Final

import aiosqlite
from sqlalchemy import event, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.ext.asyncio import create_async_engine as _create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.config import ConfigError, normalize_database_url, one_line

__all__ = [
    "BEGIN_MODE_OPTION",
    "BUSY_TIMEOUT_MS",
    "CHECKPOINT_GAP_SECONDS",
    "READ_ONLY",
    "check_database",
    "checkpoint_wal",
    "db_reason",
    "describe_url",
    "immediate_transaction",
    "is_database_fault",
    "is_sqlite",
    "make_engine",
    "make_sessionmaker",
    "parse_url",
]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS: Final = 10_000
"""How long a SQLite connection waits for another writer before giving up."""

CHECKPOINT_GAP_SECONDS: Final = 1.0
"""The least time between two checkpoints of a SQLite file's write-ahead log (module doc)."""

CHECKPOINT_WAIT_MS: Final = 5
"""How long a checkpoint's last pass waits for a writer or a reader to finish (new writers
wait meanwhile) before it gives up until the next one."""

BEGIN_MODE_OPTION: Final = "hearback_sqlite_begin"
"""Execution option naming how a SQLite transaction begins (DEFERRED, IMMEDIATE, EXCLUSIVE)."""

READ_ONLY: Final[dict[str, Any]] = {BEGIN_MODE_OPTION: "DEFERRED"}
"""Execution options for a session that only reads (SQLite takes no write lock)."""

_BEGIN_MODES: Final = frozenset({"DEFERRED", "IMMEDIATE", "EXCLUSIVE"})


def parse_url(url: str) -> URL:
    """The normalised SQLAlchemy URL, or :class:`ConfigError` in one line."""
    normalized = normalize_database_url(url)
    try:
        parsed = make_url(normalized)
    except ArgumentError:
        raise ConfigError(
            "DATABASE_URL is not a database URL (expected e.g. sqlite+aiosqlite:///hearback.db "
            "or postgresql+asyncpg://user@host/db)"
        ) from None
    if parsed.drivername not in ("sqlite+aiosqlite", "postgresql+asyncpg"):
        raise ConfigError(
            f"DATABASE_URL uses {parsed.drivername!r}; HearBack supports SQLite "
            "(sqlite+aiosqlite://) and PostgreSQL (postgresql+asyncpg://)"
        )
    return parsed


def describe_url(url: str | URL) -> str:
    """The URL with its password hidden, fit for logs and error messages."""
    try:
        parsed = url if isinstance(url, URL) else make_url(normalize_database_url(url))
    except ArgumentError:
        return "<unparseable URL>"
    return parsed.render_as_string(hide_password=True)


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str, *, echo: bool = False, foreign_keys: bool = True) -> AsyncEngine:
    """An async engine for ``url``, normalised by :func:`bot.config.normalize_database_url`.

    ``foreign_keys=False`` is for migrations only: SQLite batch migrations
    copy and drop tables, which must not cascade.
    """
    parsed = parse_url(url)
    try:
        # A pre-ping guards against dropped server connections; a SQLite file has none,
        # and the extra round trip through aiosqlite's thread would cost every update.
        sqlite_file = parsed.get_backend_name() == "sqlite"
        extra: dict[str, Any] = {}
        if sqlite_file:
            extra["async_creator"] = _sqlite_connector(parsed)
        engine = _create_async_engine(parsed, echo=echo, pool_pre_ping=not sqlite_file, **extra)
    except (ArgumentError, NoSuchModuleError, TypeError) as exc:
        raise ConfigError(f"DATABASE_URL {describe_url(parsed)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        _install_sqlite_hooks(engine, foreign_keys=foreign_keys)
    return engine


_LOCKING_BEGINS: Final = ("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE")
_SQLITE_BUSY: Final = 5


def _locking_begin(args: tuple[Any, ...]) -> bool:
    return bool(args) and isinstance(args[0], str) and args[0].upper().startswith(_LOCKING_BEGINS)


class _LockHolderConnection(aiosqlite.Connection):
    """An aiosqlite connection that runs the statements of a transaction holding SQLite's
    write lock in the caller's thread (see the module docstring); the rest in its thread.

    A locking ``BEGIN`` is first tried here without waiting (busy timeout 0): when the lock
    is free, as it nearly always is (the turns and the nudges of this process queue for it
    in :class:`~bot.telegram.pipeline.writes.WriteGate`), it is taken at once; when another
    connection holds it, the ``BEGIN`` goes to the worker thread and waits there as before.
    """

    _inline = False
    _keeper: _WalKeeper | None = None

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        in_thread: Callable[..., Awaitable[Any]] = super()._execute
        raw = self._connection
        if raw is None:
            return await in_thread(fn, *args, **kwargs)
        committing = self._keeper is not None and _is_commit(fn, raw)
        if (self._inline and raw.in_transaction) or _never_waits(fn, raw):
            result = fn(*args, **kwargs)
        else:
            locking = _locking_begin(args) and not raw.in_transaction
            if locking:
                taken, result = _try_now(raw, fn, args, kwargs)
                if taken:
                    self._inline = True
                    return result
            result = await in_thread(fn, *args, **kwargs)
            # The write lock is held from a locking BEGIN until the transaction ends.
            self._inline = locking and raw.in_transaction
        if committing and self._keeper is not None:
            self._keeper.committed()
        return result

    async def close(self) -> None:
        keeper, self._keeper = self._keeper, None
        if keeper is not None:
            # The keeper's connection closes first, so the engine's last connection to close
            # still checkpoints the log into the file and removes it, as SQLite does.
            await keeper.leave()
        await super().close()


class _WalKeeper:
    """Checkpoints one SQLite file's write-ahead log from a worker thread (the module doc),
    on a connection of its own that lives as long as the engine's connections do."""

    def __init__(self, database: str, *, uri: bool) -> None:
        self._database = database
        self._uri = uri
        self._lock = threading.Lock()  # one checkpoint at a time; close waits for it
        self._connection: sqlite3.Connection | None = None
        self._users = 0
        self._running = False
        self._last = float("-inf")

    def join(self) -> None:
        self._users += 1

    async def leave(self) -> None:
        self._users -= 1
        if self._users <= 0:
            await asyncio.to_thread(self._close)

    def committed(self) -> None:
        """A transaction committed: start a checkpoint unless one ran a moment ago."""
        now = time.monotonic()
        if self._running or self._users <= 0 or now - self._last < CHECKPOINT_GAP_SECONDS:
            return
        self._running = True
        self._last = now
        done = asyncio.get_running_loop().run_in_executor(None, self._checkpoint)
        done.add_done_callback(self._finished)

    def _finished(self, done: asyncio.Future[None]) -> None:
        self._running = False
        error = None if done.cancelled() else done.exception()
        if error is not None:
            # The next commit tries again; nothing is lost, the log only grows meanwhile.
            log.warning("WAL checkpoint failed: %s", db_reason(error))

    def _checkpoint(self) -> None:
        with self._lock:
            if self._users <= 0:
                return
            if self._connection is None:
                self._connection = sqlite3.connect(
                    self._database,
                    uri=self._uri,
                    check_same_thread=False,
                    isolation_level=None,
                    timeout=CHECKPOINT_WAIT_MS / 1000,
                )
            # PASSIVE copies the log while writers go on; SQLite starts the log over at the
            # next write once a checkpoint has copied all of it. A RESTART pass after it
            # made the log start over even under steady writes, but it holds every writer
            # while it waits: with nudges going out at 30/s, the bot-side p99 was 0.3-1.3 s
            # with it and 24-27 ms without (bench/updates.py, same machine, quiet).
            self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def _close(self) -> None:
        with self._lock:
            connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()


def _is_commit(fn: Callable[..., Any], raw: sqlite3.Connection) -> bool:
    return (
        getattr(fn, "__self__", None) is raw
        and getattr(fn, "__name__", "") == "commit"
        and raw.in_transaction
    )


def _try_now(
    raw: sqlite3.Connection, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[bool, Any]:
    """Run a locking ``BEGIN`` if the lock is free: ``(True, result)``, else ``(False, None)``."""
    busy_ms = int(raw.execute("PRAGMA busy_timeout").fetchone()[0])
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        return True, fn(*args, **kwargs)
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF != _SQLITE_BUSY:
            raise
        return False, None
    finally:
        raw.execute(f"PRAGMA busy_timeout = {busy_ms:d}")


def _never_waits(fn: Callable[..., Any], raw: sqlite3.Connection) -> bool:
    """Calls that take no lock: making or closing a cursor, and the commit or rollback
    of no transaction (the pool's reset of a connection it takes back)."""
    owner = getattr(fn, "__self__", None)
    name = getattr(fn, "__name__", "")
    if owner is raw:
        return name == "cursor" or (name in ("commit", "rollback") and not raw.in_transaction)
    return isinstance(owner, sqlite3.Cursor) and name == "close"


def _sqlite_connector(url: URL) -> Callable[[], Any]:
    """The engine's ``async_creator``: the dialect's own connect arguments, on a
    :class:`_LockHolderConnection` (usable from both threads; calls never overlap)."""
    dialect = url.get_dialect()()
    args, kwargs = dialect.create_connect_args(url)
    kwargs = {**kwargs, "check_same_thread": False}
    database = str(args[0])
    uri = bool(kwargs.get("uri"))
    in_memory = database in ("", ":memory:") or (uri and "mode=memory" in database)
    keeper = None if in_memory else _WalKeeper(database, uri=uri)

    def open_file() -> sqlite3.Connection:
        raw: sqlite3.Connection = sqlite3.connect(database, **kwargs)
        if keeper is not None:
            raw.execute("PRAGMA wal_autocheckpoint = 0")  # the keeper checkpoints instead
        return raw

    async def connect() -> aiosqlite.Connection:
        connection = _LockHolderConnection(open_file, 64)
        connection._thread.daemon = True  # as SQLAlchemy does for its own aiosqlite connections
        await connection
        if keeper is not None:
            keeper.join()
            connection._keeper = keeper
        return connection

    return connect


def _install_sqlite_hooks(engine: AsyncEngine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: ConnectionPoolEntry) -> None:
        # Let the begin listener below emit BEGIN; sqlite3 would otherwise start
        # deferred transactions on its own and commit before DDL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            # Setting the mode takes a lock for which SQLite may answer "locked" at once
            # while another connection opens or closes the file; reading it waits like
            # any read. WAL is a property of the file, so it is set once, by the first.
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()
            if not mode or str(mode[0]).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            # Deleted rows are overwritten with zeros, not only unlinked: /delete must not
            # leave a user's words in free pages (some SQLite builds default to OFF).
            cursor.execute("PRAGMA secure_delete = ON")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = str(conn.get_execution_options().get(BEGIN_MODE_OPTION, "IMMEDIATE")).upper()
        if mode not in _BEGIN_MODES:
            raise ValueError(f"unknown SQLite begin mode {mode!r}")
        conn.exec_driver_sql(f"BEGIN {mode}")


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose records stay readable after commit (``expire_on_commit=False``)."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)


@asynccontextmanager
async def immediate_transaction(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """Run the block in a transaction that takes the write lock first (claims).

    On SQLite this is ``BEGIN IMMEDIATE``; on PostgreSQL an ordinary
    transaction (claim statements there use ``FOR UPDATE SKIP LOCKED``).
    Commits at the end, rolls back on error. The session must not already be
    in a transaction.
    """
    if session.in_transaction():
        raise RuntimeError("immediate_transaction needs a session with no open transaction")
    async with session.begin():
        await session.connection(execution_options={BEGIN_MODE_OPTION: "IMMEDIATE"})
        yield session


async def checkpoint_wal(engine: AsyncEngine) -> bool:
    """SQLite: copy the write-ahead log into the database file and truncate the log to zero
    bytes; True when that completed. Elsewhere a no-op (True).

    After rows are erased (with ``secure_delete`` the file's copy is overwritten), the log
    still holds every earlier version of their pages until it is checkpointed and cut.
    """
    if not is_sqlite(engine):
        return True
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        # The driver's own connection: outside any transaction, as the pragma requires.
        driver: Any = raw.driver_connection
        cursor = await driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        try:
            busy, _frames, _done = await cursor.fetchone()
        finally:
            await cursor.close()
    return bool(busy == 0)


async def check_database(url: str, *, wait_seconds: float = 10.0) -> None:
    """Connect once and run ``SELECT 1``; any problem becomes a one-line :class:`ConfigError`."""
    parsed = parse_url(url)
    shown = describe_url(parsed)
    engine = make_engine(url)
    try:
        async with asyncio.timeout(wait_seconds):
            if parsed.get_backend_name() == "sqlite":
                # Open the file with the standard library first: when aiosqlite fails to
                # connect it stops its worker thread without waiting, and that thread then
                # touches the (by then possibly closed) event loop.
                await asyncio.to_thread(_probe_sqlite_file, parsed.database)
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except TimeoutError:
        likely = (
            "locked by another writer?"
            if parsed.get_backend_name() == "sqlite"
            else "is it running and reachable?"
        )
        raise ConfigError(
            f"database {shown} did not answer within {wait_seconds:g} s ({likely})"
        ) from None
    except Exception as exc:  # driver errors differ by backend; report every one in one line
        raise ConfigError(f"cannot use database {shown}: {db_reason(exc)}") from None
    finally:
        await engine.dispose()


def _probe_sqlite_file(database: str | None) -> None:
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("SELECT 1")
    finally:
        connection.close()


# What SQLite says when it cannot write now but may later: locked, read-only, full, I/O.
_SQLITE_FAULTS: Final = (
    "database is locked",
    "database table is locked",
    "readonly database",
    "database or disk is full",
    "disk i/o error",
    "unable to open database file",
    "locking protocol",
)
# asyncpg's exceptions for the same, by class name (SQLSTATE classes 08, 53, 57, 40, 25006,
# 55P03), so this module needs no asyncpg import on a SQLite-only install.
_ASYNCPG_FAULTS: Final = frozenset(
    {
        "PostgresConnectionError",  # 08: connection lost, refused, failed
        "InsufficientResourcesError",  # 53: disk full, out of memory, too many connections
        "OperatorInterventionError",  # 57: admin shutdown, cannot connect now, canceled
        "TransactionRollbackError",  # 40: deadlock, serialization failure
        "ReadOnlySQLTransactionError",  # 25006: a read-only server or transaction
        "LockNotAvailableError",  # 55P03: lock_timeout
    }
)


def is_database_fault(exc: BaseException) -> bool:
    """True when ``exc`` says the database cannot be used *now* (locked, read-only, full,
    an I/O error, unreachable, restarting), so the same work may succeed when retried later;
    False for everything else, bugs included (a constraint violation, bad SQL, a missing
    table, a ``ValueError``).

    Looks through SQLAlchemy's wrapper to the driver's exception (and the asyncpg error
    the adapter wraps); a bare ``ConnectionError`` or ``TimeoutError`` counts too, since
    asyncpg raises those unwrapped when it cannot connect.
    """
    if isinstance(exc, PoolTimeoutError | ConnectionError | TimeoutError):
        return True
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        if exc.orig is None:
            return False
        exc = exc.orig
    elif not _is_driver_error(exc):
        return False  # e.g. Telegram's NetworkError, whose cause may be a ConnectionError
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 6:
        seen.add(id(current))
        if isinstance(current, sqlite3.OperationalError | sqlite3.DatabaseError):
            message = str(current).casefold()
            if any(fault in message for fault in _SQLITE_FAULTS):
                return True
        names = {cls.__name__ for cls in type(current).__mro__}
        module = type(current).__module__
        if module.startswith("asyncpg") and names & _ASYNCPG_FAULTS:
            return True
        closed = "connection" in str(current) and "closed" in str(current)
        if module.startswith("asyncpg") and "InterfaceError" in names and closed:
            return True
        if isinstance(current, ConnectionError):
            return True
        current = current.__cause__ or current.__context__
    return False


def _is_driver_error(exc: BaseException) -> bool:
    module = type(exc).__module__
    return isinstance(exc, sqlite3.Error) or module.startswith(("asyncpg", "sqlalchemy"))


def db_reason(exc: BaseException) -> str:
    """What a database error says, in one line: the driver's own exception and message."""
    inner: BaseException = exc
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        inner = orig
        # The asyncpg adapter wraps the driver's own, better named, exception.
        if type(inner).__name__ == "Error" and isinstance(inner.__cause__, BaseException):
            inner = inner.__cause__
    message = str(inner) or type(inner).__name__
    # SQLAlchemy appends a "(Background on this error at: …)" link; drop it.
    message = message.split("(Background on this error")[0]
    return one_line(f"{type(inner).__name__}: {message}", limit=240)
