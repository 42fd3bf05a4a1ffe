"""Scheduled nudges: the ``nudges`` table is the truth, PTB's JobQueue the clock.

- :mod:`bot.scheduling.dispatcher`: claims due nudges atomically and delivers them
  (at least once, paced, with Telegram's faults handled). What a nudge says is given to it
  (``render``): the messages and their buttons belong to the chat, :mod:`bot.telegram.nudges`.
- :mod:`bot.scheduling.service`: wakes the dispatcher at the next due moment and on a sweep.
- :mod:`bot.scheduling.policy`: send, skip or move a due nudge (pure; S1, S6, S7).
- :mod:`bot.scheduling.ledger`, :mod:`bot.scheduling.pacing`: batched writes, Telegram's pace.

Nothing here imports :mod:`bot.telegram` (``tests/test_layers.py`` checks it).
"""
