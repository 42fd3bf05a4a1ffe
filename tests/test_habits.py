"""The README, CI and the task runner agree: the two set-up commands, and CI running the
README's test command verbatim, once, with the checks CI promises."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The one-line code blocks at the top of the README, before its first section."""
    top = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"^```\n(.*?)^```$", top, re.M | re.S)]


def test_the_readme_starts_with_exactly_two_set_up_commands() -> None:
    run, test = readme_commands()
    assert "\n" not in run and run.endswith("hearback run")
    assert "\n" not in test and test.endswith("-m pytest")


def test_ci_runs_the_readmes_test_command_verbatim_and_installs_nowhere_else() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test = readme_commands()[1]
    assert f'bash -c "{test}"' in ci
    assert "rm -rf" not in ci
    assert ci.count("pip install") == 1


def test_ci_keeps_its_checks() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for check in (
        "ensure_postgres",
        "ruff check .",
        "ruff format --check .",
        "mypy --strict bot/ tests/",
    ):
        assert check in ci, check


def test_make_test_is_the_readmes_pytest_and_test_fast_skips_e2e() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/python -m pytest\n" in makefile
    assert '\t$(BIN)/python -m pytest -m "not e2e"\n' in makefile
