"""HearBack: a Telegram coach for the wait after a job interview."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("hearback")  # the one place it is set is pyproject.toml
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
