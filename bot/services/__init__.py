"""What the bot does with a user's interviews, below any chat: plans, interviews, people,
attempts.

Each function takes an open database session and the user (a
:class:`~bot.core.records.UserProfile`), and returns records; the caller owns the
transaction. Nothing here knows Telegram: the chat adapter (:mod:`bot.telegram`) turns what
these return into replies.
"""
