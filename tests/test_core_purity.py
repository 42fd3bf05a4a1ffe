"""The rules core stays pure: importing it loads no Telegram, database or scheduler code."""

import subprocess
import sys


def test_core_imports_no_adapters() -> None:
    code = (
        "import sys, pkgutil, importlib, bot.core\n"
        "for m in pkgutil.walk_packages(bot.core.__path__, 'bot.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
        "('telegram', 'sqlalchemy', 'apscheduler', 'aiosqlite', 'asyncpg', 'httpx'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout.strip()}"
    # The probe must really have imported the core modules.
    count = subprocess.run(
        [
            sys.executable,
            "-c",
            "import pkgutil, bot.core; print(len(list(pkgutil.walk_packages(bot.core.__path__))))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(count.stdout) >= 2
