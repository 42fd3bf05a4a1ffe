"""The layers hold: lint-imports checks pyproject's [tool.importlinter] contracts.

core ← storage ← services ← scheduling ← telegram ← webhook, runner, cli: no module imports a
layer above its own (not even inside a function), and no package's modules import each other
in a cycle; the rules, storage and services import neither Telegram nor the scheduler. The
second test shows the same contracts fail on an upward import and on a service importing
Telegram, so the first cannot pass by checking nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(config: Path, cwd: Path, *extra_path: Path) -> subprocess.CompletedProcess[str]:
    env_path = ":".join(str(p) for p in extra_path)
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(config)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": env_path} if env_path else None,
    )


def _rename(module: str) -> str:
    return re.sub(r"\bbot\b", "layered", module)


def test_the_layer_contracts_are_kept() -> None:
    result = _lint(ROOT / "pyproject.toml", ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    # A copy of the package under another name, so the installed one is not analysed.
    copy = tmp_path / "layered"
    shutil.copytree(ROOT / "bot", copy, ignore=shutil.ignore_patterns("__pycache__"))
    for source in copy.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        source.write_text(re.sub(r"\bbot\.", "layered.", text), encoding="utf-8")
    pacing = copy / "scheduling" / "pacing.py"
    pacing.write_text(
        pacing.read_text(encoding="utf-8") + "\n\ndef _up() -> None:\n"
        "    from layered.telegram import texts  # an upward import, inside a function\n"
        "\n    del texts\n",
        encoding="utf-8",
    )
    plans = copy / "services" / "plans.py"
    plans.write_text(
        plans.read_text(encoding="utf-8") + "\n\nimport telegram  # the library, in a service\n",
        encoding="utf-8",
    )
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    config = settings["tool"]["importlinter"]
    lines = ['[tool.importlinter]\nroot_package = "layered"\ninclude_external_packages = true\n']
    for contract in config["contracts"]:
        lines.append("[[tool.importlinter.contracts]]")
        for key, value in contract.items():
            if isinstance(value, list):
                items = ", ".join(f'"{_rename(v)}"' for v in value)
                lines.append(f"{key} = [{items}]")
            else:
                lines.append(f'{key} = "{value}"')
        lines.append("")
    toml = tmp_path / "layers.toml"
    toml.write_text("\n".join(lines), encoding="utf-8")
    result = _lint(toml, tmp_path, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert "layered.scheduling.pacing -> layered.telegram.texts" in result.stdout
    assert "layered.services.plans -> telegram" in result.stdout
    assert "0 kept, 3 broken" in result.stdout  # the upward import also makes a cycle
