"""The Bot API's HTTP client: PTB's ``BaseRequest`` on aiohttp instead of httpx.

PTB's own client (``HTTPXRequest``) spends about 2.6 ms of CPU on one ``sendMessage``
through a PTB ``Bot`` on a slow 2-core machine, this one about 0.8 ms
(``bench/http_client.py``, medians of alternating rounds). Every reply, button answer,
nudge and ``getUpdates`` is one request, so with httpx the HTTP client took about 40% of
the bot's CPU at 100 updates a second (py-spy during bench/updates.py). PTB
leaves the transport open to any ``BaseRequest``; what this one does is what
``HTTPXRequest`` does: the same form or multipart body, the same timeouts (read, write for
uploads, connect, waiting for a pooled connection) and the same errors
(``TimedOut``, ``NetworkError``) with the transport's exception as their cause.

Which of aiohttp's errors prove that nothing left this machine is
:data:`bot.botapi.NOT_SENT_CAUSES`: a retry after those cannot duplicate a message.
"""

from __future__ import annotations

import io
from typing import IO, Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

__all__ = ["AiohttpRequest"]


class AiohttpRequest(BaseRequest):
    """One pool of keep-alive connections to the Bot API, on aiohttp.

    ``connection_pool_size`` bounds the connections; a request beyond it waits up to
    ``pool_timeout`` for a free one, then fails as ``TimedOut`` without having been sent.
    ``media_write_timeout`` bounds an upload (aiohttp has no write timeout of its own: the
    whole request is bounded instead).
    """

    __slots__ = (
        "_connect_timeout",
        "_media_write_timeout",
        "_pool_size",
        "_pool_timeout",
        "_read_timeout",
        "_session",
        "_write_timeout",
    )

    def __init__(
        self,
        connection_pool_size: int = 16,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        # Idempotent, like HTTPXRequest: the application's Bot and the direct Bot that
        # sends nudges share this client, and each may initialise it.
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                limit=self._pool_size,
                limit_per_host=self._pool_size,
                enable_cleanup_closed=False,
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                headers={aiohttp.hdrs.USER_AGENT: self.USER_AGENT},
                # Telegram's answers are JSON; PTB parses them itself.
                auto_decompress=True,
                raise_for_status=False,
            )

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        uploads = bool(request_data and request_data.contains_files)
        read = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = (
            self._connect_timeout if isinstance(connect_timeout, DefaultValue) else connect_timeout
        )
        pool = self._pool_timeout if isinstance(pool_timeout, DefaultValue) else pool_timeout
        write = write_timeout
        if isinstance(write, DefaultValue):
            write = self._media_write_timeout if uploads else self._write_timeout
        timeout = aiohttp.ClientTimeout(
            total=_upload_bound(uploads, write, read, connect, pool),
            # aiohttp's ``connect`` covers waiting for a pooled connection and making one.
            connect=None if pool is None or connect is None else pool + connect,
            sock_connect=connect,
            sock_read=read,
        )
        body = _body(request_data)
        try:
            async with session.request(method, url, data=body, timeout=timeout) as response:
                return response.status, await response.read()
        except aiohttp.ConnectionTimeoutError as exc:
            raise TimedOut(
                "No connection to the Bot API in time; the request was not sent"
            ) from exc
        except TimeoutError as exc:
            raise TimedOut from exc
        except aiohttp.ClientError as exc:
            # The class name helps when the message is empty, as with a dropped connection.
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {exc}") from exc


def _upload_bound(
    uploads: bool,
    write: float | None,
    read: float | None,
    connect: float | None,
    pool: float | None,
) -> float | None:
    """An upload is bounded as a whole (its write phase has no timeout of its own)."""
    if not uploads or write is None or read is None:
        return None
    return write + read + (connect or 0.0) + (pool or 0.0)


def _body(request_data: RequestData | None) -> Any:
    """The parameters as PTB's httpx client posts them: a form, or multipart with files."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    if not request_data.contains_files:
        return fields or None
    form = aiohttp.FormData()
    for name, value in fields.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in request_data.multipart_data.items():
        form.add_field(name, _upload(content), filename=filename, content_type=mime)
    return form


def _upload(content: bytes | IO[bytes]) -> bytes | io.RawIOBase:
    """What aiohttp uploads for a file part. aiohttp closes a file it has sent, but the
    caller's file must stay open (an export's spool is sent again on a retry and closed by
    its owner): a file on disk is lent through :class:`_Borrowed`, whose size aiohttp still
    reads from the file; one in memory (a small spool) is sent as its bytes."""
    if isinstance(content, bytes | bytearray):
        return bytes(content)
    try:
        content.fileno()
    except (OSError, AttributeError, ValueError):
        return content.read()
    return _Borrowed(content)


class _Borrowed(io.RawIOBase):
    """A read-only view of another file that leaves it open when it is closed itself."""

    def __init__(self, inner: IO[bytes]) -> None:
        super().__init__()
        self._inner = inner

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._inner.seek(offset, whence)

    def tell(self) -> int:
        return self._inner.tell()

    def fileno(self) -> int:
        return self._inner.fileno()
