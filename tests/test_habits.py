"""The README, CI and the task runner agree: the two set-up commands, and CI running the
README's test command verbatim, once, with the checks CI promises."""

from __future__ import annotations

import ast
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


# Calls that wait, and where their time limit goes: (name, position of the limit).
WAITS = {
    "wait_for_message": 0,
    "wait_for_answer": 1,
    "wait_until": 1,
    "wait_for": 1,
    "timeout": 0,
    "sleep": 0,
}
ON_PURPOSE = "fixed on purpose"


def fixed_waits(path: Path) -> list[str]:
    """Waits in ``path`` whose limit is a number written in the code, not a budget."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        if name not in WAITS:
            continue
        at = WAITS[name]
        limits = [kw.value for kw in node.keywords if kw.arg == "timeout"]
        if len(node.args) > at:
            limits.append(node.args[at])
        for limit in limits:
            if not (isinstance(limit, ast.Constant) and isinstance(limit.value, int | float)):
                continue
            if name == "sleep" and limit.value == 0:
                continue  # a yield to the event loop, not a wait
            if ON_PURPOSE in lines[node.lineno - 1]:
                continue
            found.append(f"{path.name}:{node.lineno}: {name}({limit.value})")
    return found


def test_every_wait_in_the_tests_is_a_budget() -> None:
    """A number of seconds written into a wait fails on a slower machine: waits take
    ``wait_budget(seconds)`` (tests/testkit/waits.py), or say why the number is fixed."""
    found = [line for path in sorted((ROOT / "tests").rglob("*.py")) for line in fixed_waits(path)]
    assert found == []


def test_the_wait_check_sees_a_fixed_wait(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "async def t(user, fake):\n"
        "    await user.wait_for_message(\n        10, lambda m: True\n    )\n"
        "    await fake.wait_until(lambda: True, timeout=5)\n"
        "    await asyncio.sleep(0)\n"
        "    await user.wait_for_message(timeout=0.2)  # fixed on purpose: the timeout itself\n"
        "    await user.wait_for_message(wait_budget(REPLY))\n",
        encoding="utf-8",
    )
    found = fixed_waits(sample)
    assert [line.split(": ", 1)[1] for line in found] == ["wait_for_message(10)", "wait_until(5)"]
