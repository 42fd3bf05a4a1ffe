"""Every sentence the bot says is in one catalogue, and Babel can extract it.

bot/telegram/texts.py wraps each sentence of the chat in ``_()`` or ``ngettext()``; no other
chat module may say a sentence of its own (a literal in ``turn.say``, a button label, an
f-string with words). The core writes sentences too (drafts, verdict advice, coaching, the
timeline's reading, day names): those are marked where they are written, and no literal or
f-string with words is left unmarked there, except the words the bot *reads* and reasons kept
for logs. ``pybabel extract`` with the repository's babel.cfg must find every marked sentence.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Sequence, Set
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TELEGRAM = ROOT / "bot" / "telegram"
CATALOGUE = TELEGRAM / "texts.py"
PYBABEL = Path(sys.executable).with_name("pybabel")

# Modules of the chat that are not the bot talking: Bot API stand-ins, the terminal chat,
# protocol helpers.
NOT_CHAT = {
    "texts.py",
    "localapi.py",
    "localchat.py",
    "parsehtml.py",
    "updates.py",
    "ratelimit.py",
    "__init__.py",
}
# Constants of the catalogue that are not sentences to translate: words the bot *reads*, and
# machine names (file names, the calendar's ids).
NOT_SENTENCES = {
    "TONE_MARKERS",
    "VIBE_WORDS",
    "YES_WORDS",
    "REVIEW_OK_WORDS",
    "NO_WORDS",
    "CONFIRM_YES_WORDS",
    "CONFIRM_NO_WORDS",
    "CALENDAR_FILE",
    "CALENDAR_PRODID",
    "CALENDAR_UID",
    "EXPORT_FILE",
    "CALENDAR_FALLBACK_NAME",
    "PICTURE_FILE",
    "PICTURE_FONT",
}
MARKERS = {"_", "ngettext"}
SAYING = {"say", "button", "send_file"}

BOT = ROOT / "bot"
# Modules outside the Telegram layer that write what the user reads (or may): every sentence in
# them is marked with _()/ngettext() where it is written.
SAYING_OUTSIDE_CHAT = (
    "core/calendar.py",
    "core/coaching.py",
    "core/drafts.py",
    "core/nudging.py",
    "core/phrasing.py",
    "core/progress.py",
    "core/rules.py",
    "core/timeline.py",
    "core/tone.py",
    "core/verdict.py",
    *sorted(str(p.relative_to(BOT)) for p in (BOT / "services").glob("*.py")),
    *sorted(str(p.relative_to(BOT)) for p in (BOT / "scheduling").glob("*.py")),
)
# Modules that belong in the list but are marked on another branch. Remove an entry (so the
# module is checked) once that branch is merged.
PENDING: dict[str, str] = {}
# Strings in those modules that are not said to the user, by the name of the constant, variable,
# function or call that holds them: words the bot reads, and reasons kept in the database and
# logs (they cite rule ids, which replies never show). Regex calls, comparisons, raises, log
# calls and ``reason=`` keywords are left out everywhere.
NOT_SAID: dict[str, set[str]] = {
    # the patterns the tone check reads, and the word groups they are built from
    "core/tone.py": {
        "_ci",
        "_rx",
        "_rxq",
        "_CONTACT_VERB",
        "_MESSAGE_NOUN",
        "_DAYLIKE",
        "_READER_SIDE",
        "_GIFT_OBJECTS",
    },
    "core/calendar.py": {"_LINKS", "__repr__"},
    "core/nudging.py": {"ONE_A_DAY", "Skip", "Shelve", "Move", "reason"},
    "core/timeline.py": {
        "_COUNT_WORD",
        "_MONTH_PART_RULES",
        "_holiday_table",  # holiday names are matched as well as shown, in the package's words
        "_HOLIDAY_ALIASES",
        "_AFTER",
        "_BEFORE",
        "_END_OF",
        "_EARLY",
        "_MID",
        "post",
    },
    "scheduling/dispatcher.py": {"_Failed"},
    "scheduling/policy.py": {"Judgement"},
    "scheduling/shared_rate.py": {"text"},  # SQL
}
READING_CALLS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "sub",
    "finditer",
    "findall",
    "split",
    "startswith",
    "endswith",
    "removeprefix",
    "removesuffix",
    "replace",
    "_p",
    "_set",
    "frozenset",
}
LOG_CALLS = {"debug", "info", "warning", "error", "exception"}


def sentence_like(text: str) -> bool:
    """Words a person would read: letters left once {fields} and <tags> are taken out, and
    either a space between words or a capital (a label such as "Yes")."""
    plain = re.sub(r"\{[^{}]*\}|<[^<>]*>", " ", text)
    return bool(re.search(r"[A-Za-z]{2,}", plain)) and bool(
        re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}|(?<![A-Za-z])[A-Z][a-z]", plain)
    )


def _docstrings(tree: ast.AST) -> set[int]:
    """Ids of the string nodes that are docstrings (including attribute docstrings)."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        for stmt in body if isinstance(body, list) else []:
            if (
                isinstance(stmt, ast.Expr)
                and isinstance(stmt.value, ast.Constant)
                and isinstance(stmt.value.value, str)
            ):
                found.add(id(stmt.value))
    return found


def _callee(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _extracted(tmp_path: Path) -> set[str]:
    pot = tmp_path / "hearback.pot"
    result = subprocess.run(
        [str(PYBABEL), "extract", "-F", "babel.cfg", "-o", str(pot), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with pot.open("rb") as handle:
        catalog = read_po(handle)
    ids: set[str] = set()
    for message in catalog:
        if isinstance(message.id, tuple | list):
            ids.update(message.id)
        elif message.id:
            ids.add(message.id)
    return ids


def _sentences_left(tree: ast.AST, skip: set[int], path: Path) -> list[str]:
    """Sentence-like string literals and f-strings of ``tree`` not in ``skip``, located."""
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = " ".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
        else:
            continue
        if sentence_like(text):
            found.append(f"{path.name}:{node.lineno}: {text[:60]!r}")
    return found


def _marked(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _callee(node) in MARKERS:
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield arg.value


class TestCatalogue:
    def test_pybabel_extracts_every_marked_sentence(self, tmp_path: Path) -> None:
        marked = set(_marked(ast.parse(CATALOGUE.read_text(encoding="utf-8"))))
        assert len(marked) > 200  # the whole catalogue, not a sample
        missing = marked - _extracted(tmp_path)
        assert not missing, f"pybabel did not extract: {sorted(missing)[:5]}"

    def test_every_sentence_of_the_catalogue_is_marked(self) -> None:
        tree = ast.parse(CATALOGUE.read_text(encoding="utf-8"))
        inside_markers = {
            id(sub)
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _callee(node) in MARKERS
            for sub in ast.walk(node)
        }
        exempt = {
            id(sub)
            for node in tree.body
            if isinstance(node, ast.AnnAssign | ast.Assign)
            and any(
                isinstance(t, ast.Name) and t.id in NOT_SENTENCES
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
            )
            for sub in ast.walk(node)
        }
        skip = inside_markers | exempt | _docstrings(tree)
        unmarked = [
            (node.lineno, node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and sentence_like(node.value)
        ]
        assert not unmarked, f"sentences in texts.py without _(): {unmarked}"


def _chat_modules() -> list[Path]:
    return sorted(p for p in TELEGRAM.glob("*.py") if p.name not in NOT_CHAT)


def _sentences_outside(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and (
            _callee(node) in {"debug", "info", "warning", "error", "exception", "compile"}
            or _callee(node).endswith("Error")
        ):
            skip.update(id(sub) for sub in ast.walk(node))
        if isinstance(node, ast.Raise | ast.Assert):
            skip.update(id(sub) for sub in ast.walk(node))
        if isinstance(node, ast.keyword) and node.arg == "reason":  # stored, never shown
            skip.update(id(sub) for sub in ast.walk(node))
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            skip.update(id(sub) for sub in ast.walk(node))
        if isinstance(node, ast.JoinedStr):
            skip.update(id(sub) for sub in ast.walk(node) if sub is not node)
    return _sentences_left(tree, skip, path)


def unmarked_sentences(path: Path, not_said: Set[str] = frozenset()) -> list[str]:
    """Sentence-like literals and f-strings of ``path`` that no _()/ngettext() wraps, leaving
    out docstrings, regexes and other words the bot reads, raises, log lines, ``reason=``
    keywords, and whatever is held by a name in ``not_said``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)

    def leave_out(node: ast.AST) -> None:
        skip.update(id(sub) for sub in ast.walk(node))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = _callee(node)
            if callee in MARKERS | READING_CALLS | LOG_CALLS | not_said or callee.endswith("Error"):
                leave_out(node)
        elif isinstance(node, ast.Raise | ast.Assert | ast.Compare) or (
            isinstance(node, ast.keyword) and node.arg == "reason"
        ):
            leave_out(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(
                isinstance(t, ast.Name) and (t.id == "__all__" or t.id in not_said) for t in targets
            ):
                leave_out(node)
        elif isinstance(node, ast.FunctionDef) and node.name in not_said:
            leave_out(node)
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(sub) for sub in ast.walk(node) if sub is not node)
    return sorted(_sentences_left(tree, skip, path))


def _saying_modules() -> Sequence[object]:
    checked = [pytest.param(name, id=name) for name in SAYING_OUTSIDE_CHAT]
    pending = [
        pytest.param(name, id=name, marks=pytest.mark.skip(reason=why))
        for name, why in PENDING.items()
    ]
    return [*checked, *pending]


class TestOutsideTheChat:
    """The core (and the services and scheduling) mark the sentences they write."""

    @pytest.mark.parametrize("name", _saying_modules())
    def test_every_sentence_is_marked(self, name: str) -> None:
        found = unmarked_sentences(BOT / name, NOT_SAID.get(name, set()))
        assert not found, "sentences without _():\n" + "\n".join(found)

    def test_the_list_names_real_modules(self) -> None:
        for name in [*SAYING_OUTSIDE_CHAT, *PENDING, *NOT_SAID]:
            assert (BOT / name).is_file(), name
        assert {"core/drafts.py", "core/verdict.py", "core/coaching.py"} <= set(SAYING_OUTSIDE_CHAT)
        assert "core/tone.py" in {*SAYING_OUTSIDE_CHAT, *PENDING}

    def test_pybabel_extracts_the_sentences_of_the_core(self, tmp_path: Path) -> None:
        marked = {
            text
            for name in SAYING_OUTSIDE_CHAT
            for text in _marked(ast.parse((BOT / name).read_text(encoding="utf-8")))
        }
        # Drafts, verdicts, coaching, the timeline's words: hundreds, not a sample.
        assert len(marked) > 300
        assert "Hold off until {when}: {reasons}." in marked
        assert "{count} days ago" in marked  # the plural of an ngettext()
        missing = marked - _extracted(tmp_path)
        assert not missing, f"pybabel did not extract: {sorted(missing)[:5]}"

    def test_the_check_sees_an_unmarked_sentence(self, tmp_path: Path) -> None:
        module = tmp_path / "sample.py"
        module.write_text(
            textwrap.dedent(
                '''
                import re
                from bot.core.i18n import _

                WORDS = re.compile("next week|the week after")
                HELD = "a reason kept for the logs"
                ADVICE = "Hold off until Monday, please."


                def advice(company: str, late: str) -> str:
                    """A docstring is no sentence to translate."""
                    if late == "after next":
                        return _("Wait a little longer.")
                    return f"Your interview at {company} went well."
                '''
            ),
            encoding="utf-8",
        )
        assert unmarked_sentences(module, {"HELD"}) == [
            "sample.py:14: 'Your interview at   went well.'",
            "sample.py:7: 'Hold off until Monday, please.'",
        ]
        assert len(unmarked_sentences(module)) == 3  # HELD too, when it is not exempt


class TestNothingOutside:
    def test_no_chat_module_says_a_sentence_of_its_own(self) -> None:
        modules = _chat_modules()
        assert {"actions.py", "flows.py", "commands.py", "nudges.py", "views.py"} <= {
            p.name for p in modules
        }
        found = [line for path in modules for line in _sentences_outside(path)]
        assert not found, "\n".join(found)

    def test_no_say_or_button_gets_a_literal(self) -> None:
        found = []
        for path in _chat_modules():
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and _callee(node) in SAYING and node.args):
                    continue
                shown = node.args[-1] if _callee(node) == "send_file" else node.args[0]
                for sub in ast.walk(shown):
                    if (
                        isinstance(sub, ast.Constant)
                        and isinstance(sub.value, str)
                        and sentence_like(sub.value)
                    ):
                        found.append(f"{path.name}:{node.lineno}: {sub.value[:60]!r}")
        assert not found, "\n".join(found)

    def test_the_checks_see_a_sentence_when_there_is_one(self, tmp_path: Path) -> None:
        module = tmp_path / "sample.py"
        module.write_text(
            'def reply(turn, name):\n    turn.say(f"Hello {name}, welcome back")\n',
            encoding="utf-8",
        )
        assert _sentences_outside(module) == ["sample.py:2: 'Hello  , welcome back'"]
        assert sentence_like("Yes") and sentence_like("two words")
        assert not sentence_like("{number}. {title} · {status}")
        assert not sentence_like("timeline_ok") and not sentence_like("done")
