"""The clock around the dispatcher: PTB's JobQueue wakes it, one task runs it.

APScheduler (through PTB's ``JobQueue``) holds exactly two jobs, however many nudges are
pending: a one-off job at the earliest moment something becomes due (re-armed after every
run and whenever a plan changes) and a periodic safety sweep. Both only *wake* a single
background task, which runs :meth:`Dispatcher.run` until nothing is due and re-arms the
one-off job. Waking while a run is going makes it run once more afterwards, so no wake-up
is lost and two runs never overlap in one process. At start the task runs once: whatever
fell due while the bot was down goes out then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import JobQueue

from bot.scheduling.dispatcher import Clock, Dispatcher, DispatchReport, database_locked

__all__ = ["NEXT_JOB", "SWEEP_JOB", "NudgeService"]

log = logging.getLogger(__name__)

NEXT_JOB = "hearback-nudges-next"
SWEEP_JOB = "hearback-nudges-sweep"
RETRY_GAP = timedelta(seconds=1)
"""The least time between the end of a run and the next, when something is still due."""


class NudgeService:
    """Runs a :class:`Dispatcher` when nudges fall due; see the module docstring."""

    def __init__(
        self,
        dispatcher: Dispatcher,
        *,
        job_queue: JobQueue[Any] | None,
        clock: Clock,
        sweep_seconds: float = 60.0,
    ) -> None:
        self.dispatcher = dispatcher
        self._jobs = job_queue
        self._clock = clock
        self._sweep_seconds = sweep_seconds
        self._wanted = asyncio.Event()
        self._idle = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._closing = False
        self.runs = 0
        self.total = DispatchReport()
        self.armed_for: datetime | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Schedule the sweep and run once now (what fell due while the bot was down)."""
        if self._task is not None:
            return
        if self._jobs is not None:
            self._jobs.run_repeating(
                self._on_job,
                interval=self._sweep_seconds,
                first=self._sweep_seconds,
                name=SWEEP_JOB,
                job_kwargs={"misfire_grace_time": None, "coalesce": True, "max_instances": 1},
            )
        self._task = asyncio.create_task(self._loop(), name="hearback-nudges")
        self.wake()

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109 - a bound, not a schedule
        """Stop waking; finish messages in flight and give back the rest of the claims."""
        self._closing = True
        self.dispatcher.stop()
        self._remove(NEXT_JOB)
        self._remove(SWEEP_JOB)
        task, self._task = self._task, None
        if task is None:
            return
        self._wanted.set()
        try:
            await asyncio.wait_for(asyncio.shield(task), timeout)
        except TimeoutError:
            log.warning("nudge dispatcher did not stop within %.0f s; cancelling it", timeout)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @property
    def closing(self) -> bool:
        return self._closing

    # -- waking --------------------------------------------------------------------------------

    def wake(self) -> None:
        """Ask for a run as soon as possible (a run in progress is followed by another)."""
        self._idle.clear()
        self._wanted.set()

    async def settled(self) -> None:
        """Wait until no run is going and none is asked for (tests, orderly shutdowns)."""
        if self._task is None:
            return
        await self._idle.wait()

    async def plan_changed(self) -> None:
        """A plan listener (``Deps.plan_listeners``): re-arm for the new earliest nudge."""
        await self.rearm(just_ran=False)

    async def run_now(self) -> DispatchReport:
        """Run the dispatcher once to the end and re-arm; runs never overlap."""
        async with self._lock:
            report = await self.dispatcher.run()
            self.runs += 1
            self.total.add(report)
            if report.claimed or report.expired:
                log.info(
                    "nudges: %d sent, %d skipped, %d moved, %d failed, %d blocked, "
                    "%d possible duplicate(s)",
                    report.sent,
                    report.skipped,
                    report.moved,
                    report.failed,
                    report.blocked,
                    len(report.possible_duplicates),
                )
        await self.rearm(just_ran=True)
        return report

    async def rearm(self, *, just_ran: bool) -> datetime | None:
        """Point the one-off job at the next moment something is due; returns that moment."""
        if self._closing:
            return None
        wake_at = await self.dispatcher.next_wake()
        now = self._clock()
        if wake_at is None:
            self._remove(NEXT_JOB)
            self.armed_for = None
            return None
        if wake_at <= now:
            if not just_ran:
                self.wake()
                self.armed_for = now
                return now
            # Still due right after a run (e.g. another instance holds those rows): look
            # again shortly instead of spinning.
            wake_at = now + RETRY_GAP
        self.armed_for = wake_at
        if self._jobs is not None:
            self._remove(NEXT_JOB)
            self._jobs.run_once(
                self._on_job,
                when=(wake_at - now).total_seconds(),
                name=NEXT_JOB,
                job_kwargs={"misfire_grace_time": None},
            )
        return wake_at

    def _remove(self, name: str) -> None:
        if self._jobs is None:
            return
        for job in self._jobs.get_jobs_by_name(name):
            job.schedule_removal()

    async def _on_job(self, context: object) -> None:
        self.wake()

    async def _loop(self) -> None:
        try:
            while not self._closing:
                if not self._wanted.is_set():
                    self._idle.set()
                await self._wanted.wait()
                self._wanted.clear()
                if self.closing:
                    break
                try:
                    await self.run_now()
                except Exception as exc:
                    if database_locked(exc):
                        log.warning("the database stayed locked; the sweep will try again")
                    else:
                        log.exception("nudge dispatch failed; the sweep will try again")
        finally:
            self._idle.set()
