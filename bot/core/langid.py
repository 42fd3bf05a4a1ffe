"""langdetect's language identifier with its n-gram table kept sparse: 15 MB instead of 58.

langdetect keeps, for each of its ~88,000 n-grams, a list with one probability per language
(55 of them), although an n-gram occurs in two languages on average: loaded, the table
holds about 58 MB for good, the biggest single thing in the bot. Here the same table is
read from the same profiles in the same order, but each n-gram keeps only its non-zero
probabilities, packed in one ``bytes``; the detector gets the full row when it looks an
n-gram up. The probabilities are the very same floats, so every answer is the same
(tests/test_understand.py compares the two on the understanding corpora).

langdetect's detector reads ``word_lang_prob_map``, ``langlist`` and ``seed`` from its
factory and uses the map only for ``in`` and ``[]``; that is all this relies on.
"""

from __future__ import annotations

import json
import os
import struct
import threading
from collections.abc import Iterator, Mapping
from typing import Any

from bot.core.heap import give_back_free_heap

__all__ = ["detect_langs"]

_PAIR = struct.Struct("<Bd")  # a language's index and the n-gram's probability in it


class SparseTable(Mapping[str, list[float]]):
    """n-gram -> one probability per language, stored without its zeros."""

    def __init__(self, rows: dict[str, bytes], languages: int) -> None:
        self._rows = rows
        self._languages = languages

    def __contains__(self, word: object) -> bool:
        return word in self._rows

    def __getitem__(self, word: str) -> list[float]:
        row = [0.0] * self._languages
        for index, probability in _PAIR.iter_unpack(self._rows[word]):
            row[index] = probability
        return row

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def load_factory(directory: str | None = None) -> Any:
    """A langdetect ``DetectorFactory`` holding the profiles of ``directory`` (default: the
    ones langdetect ships) as :class:`SparseTable`.

    Mirrors ``DetectorFactory.load_profile``: the files in ``os.listdir`` order, hidden ones
    and folders skipped, and an n-gram of length 1-3 weighs its count over the language's
    number of n-grams of that length.
    """
    from langdetect.detector_factory import (  # type: ignore[import-untyped]
        PROFILES_DIRECTORY,
        DetectorFactory,
    )

    folder = directory or PROFILES_DIRECTORY
    names = [
        name
        for name in os.listdir(folder)
        if not name.startswith(".") and os.path.isfile(os.path.join(folder, name))
    ]
    if len(names) > 256:
        raise ValueError("at most 256 language profiles fit one byte of index")
    rows: dict[str, bytes] = {}
    languages: list[str] = []
    for index, name in enumerate(names):
        with open(os.path.join(folder, name), encoding="utf-8") as file:
            profile = json.load(file)
        languages.append(profile["name"])
        counts = profile["n_words"]
        for word, count in profile["freq"].items():
            size = len(word)
            packed = _PAIR.pack(index, 1.0 * count / counts[size - 1]) if 1 <= size <= 3 else b""
            rows[word] = rows.get(word, b"") + packed
    factory = DetectorFactory()
    factory.langlist = languages
    factory.word_lang_prob_map = SparseTable(rows, len(languages))
    return factory


_factory: Any = None
_loading = threading.Lock()


def _loaded() -> Any:
    global _factory
    if _factory is None:
        with _loading:  # the understanding step runs in worker threads: load once
            if _factory is None:
                _factory = load_factory()
                give_back_free_heap()  # the profiles read: ~7 MB of garbage
    return _factory


def detect_langs(text: str) -> list[Any]:
    """As ``langdetect.detect_langs``: the likely languages of ``text``, likeliest first
    (objects with ``lang`` and ``prob``); raises ``LangDetectException`` when it has no
    features. Seeded through ``DetectorFactory.seed``, as langdetect is."""
    detector = _loaded().create()
    detector.append(text)
    result: list[Any] = detector.get_probabilities()
    return result
