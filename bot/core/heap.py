"""Giving freed heap memory back to the system, after a big one-off load.

glibc's allocator keeps the pages of its heap that the program freed, for later: after
building a large table (the city index, the language identifier's n-grams), the garbage of
the building stays in the process's RSS for good. ``malloc_trim`` returns it. Here, in the
lowest layer, so that every layer may call it; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

__all__ = ["give_back_free_heap"]


def give_back_free_heap() -> None:
    """Return the heap pages freed so far to the system (a few milliseconds)."""
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
    except (ImportError, OSError, AttributeError):
        return
    trim(0)
