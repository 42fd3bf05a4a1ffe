"""Scheduled nudges (issue 5): the ``nudges`` table is the truth, PTB's JobQueue the clock.

- :mod:`bot.scheduling.dispatcher`: claims due nudges atomically and delivers them
  (at least once, paced, with Telegram's faults handled).
- :mod:`bot.scheduling.service`: wakes the dispatcher at the next due moment and on a sweep.
- :mod:`bot.scheduling.policy`: send, skip or move a due nudge (pure; S1, S6, S7).
- :mod:`bot.scheduling.messages`: the nudge texts with their rule ids and buttons.
- :mod:`bot.scheduling.buttons`: what the buttons do, once each, for their owner only.
- :mod:`bot.scheduling.install`: ``install_nudges``/``shutdown_nudges`` for the application.
"""
