"""What the tools that generate a module share: write it, or check that it is current."""

from __future__ import annotations

import sys
from pathlib import Path


def write_or_check(target: Path, text: str, *, root: Path, script: str) -> int:
    """Write ``text`` to ``target``; with ``--check`` on the command line, exit status 1
    (and a line saying which script to run) when ``target`` differs from ``text``."""
    if "--check" in sys.argv[1:]:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text:
            print(f"{target.relative_to(root)} is stale: run python tools/{script}")
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target.relative_to(root)}")
    return 0
