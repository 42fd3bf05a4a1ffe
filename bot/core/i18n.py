"""The translation markers, shared by every layer that writes a sentence for the user.

``pybabel extract -F babel.cfg`` looks for calls of :func:`_` and :func:`ngettext`, so every
sentence wrapped in one of them lands in the one catalogue (``hearback.pot``). English is the
only language yet: both return their English text. A translation is added by replacing these
two functions (for example with ``gettext.translation(...).gettext``), not by touching the
code that calls them.
"""

from __future__ import annotations


def _(message: str) -> str:
    """Mark ``message`` for translation. English is the only language yet: it is returned."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """Mark a sentence that counts something; ``singular`` when ``count`` is 1."""
    return singular if count == 1 else plural
