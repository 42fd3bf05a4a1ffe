"""HearBack's rules as code (docs/rules.md; ids T, S, G, C, D in :mod:`bot.core.rules`).

Everything here is pure: no clock, no files, no network, no Telegram, no
database. Callers pass ``now`` and the user's zone.
"""
