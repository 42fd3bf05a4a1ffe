"""HearBack: a Telegram coach for the wait after a job interview."""

__version__ = "0.1.0"
