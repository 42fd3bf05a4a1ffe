"""The rulebook as code (see RULEBOOK.md ids T, S, G, C, D).

Everything here is pure: no clock, no files, no network, no Telegram, no
database. Callers pass ``now`` and the user's zone.
"""
