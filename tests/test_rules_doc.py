"""The rules live in the repository: every rule id the code cites is written up in
``docs/rules.md`` and is a member of :class:`bot.core.rules.Rule`, and the two agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core import coaching
from bot.core.rules import Rule
from bot.core.types import DraftKind

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"
CITED = re.compile(r"\b[TSGCD]\d{1,2}\b")
SECTION = re.compile(r"^### ([TSGCD]\d{0,2}): ", re.MULTILINE)
FIELDS = ("**Rule**", "**Numbers**", "**Why**", "**Sources**")


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def sections() -> dict[str, str]:
    """Each rule's section of docs/rules.md, keyed by its id."""
    text = doc_text()
    found = list(SECTION.finditer(text))
    bodies: dict[str, str] = {}
    for match, after in zip(found, [*found[1:], None], strict=True):
        end = after.start() if after is not None else len(text)
        body = text[match.end() : end]
        bodies[match.group(1)] = body.split("\n## ", 1)[0]
    return bodies


def titles() -> list[str]:
    """The five source titles, from the table of sources."""
    return re.findall(r"^\| [A-E] \| \*(.+?)\* \|$", doc_text(), re.MULTILINE)


def cited_in_code() -> dict[str, list[str]]:
    """Every rule-shaped id anywhere in bot/, with the places that cite it."""
    cited: dict[str, list[str]] = {}
    for path in sorted((ROOT / "bot").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for rule_id in CITED.findall(line):
                where = f"{path.relative_to(ROOT)}:{number}"
                cited.setdefault(rule_id, []).append(where)
    return cited


def test_the_code_cites_rules_at_all() -> None:
    # Guards the scan itself: a broken pattern would make the next test pass vacuously.
    assert {"T4", "S2", "G3", "G10", "C1"} <= set(cited_in_code())


def test_every_id_cited_in_the_code_is_documented_and_in_the_enum() -> None:
    documented = set(sections())
    members = {rule.value for rule in Rule}
    unknown = {
        rule_id: places[:3]
        for rule_id, places in cited_in_code().items()
        if rule_id not in documented or rule_id not in members
    }
    assert unknown == {}, "rule ids cited in bot/ without a section in docs/rules.md or a Rule"


def test_the_document_and_the_enum_list_the_same_rules_in_the_same_order() -> None:
    assert list(sections()) == [rule.value for rule in Rule]


def test_the_enum_covers_every_family_in_full() -> None:
    expected = (
        [f"T{n}" for n in range(1, 5)]
        + [f"S{n}" for n in range(1, 8)]
        + [f"G{n}" for n in range(1, 13)]
        + [f"C{n}" for n in range(1, 6)]
        + ["D"]
    )
    assert [rule.value for rule in Rule] == expected


def test_the_document_names_the_five_source_articles() -> None:
    found = titles()
    assert len(found) == 5
    assert len(set(found)) == 5


@pytest.mark.parametrize("rule", list(Rule), ids=str)
def test_each_section_gives_the_rule_its_numbers_its_reason_and_its_sources(rule: Rule) -> None:
    body = sections()[rule.value]
    for field in FIELDS:
        assert f"- {field}: " in body, f"{rule}: no {field} line"
    sources = body.split("**Sources**: ", 1)[1]
    flat = " ".join(sources.split())
    named = [title for title in titles() if title in flat]
    assert named or flat.startswith("this project"), f"{rule}: no source title"


@pytest.mark.parametrize("rule", list(Rule), ids=str)
def test_each_rule_has_a_plain_summary_without_ids(rule: Rule) -> None:
    summary = rule.summary
    assert 10 < len(summary) <= 120
    assert CITED.search(summary) is None, "users never see rule ids"
    assert summary.endswith(".")


def test_a_rule_equals_its_id_string() -> None:
    assert Rule.S2 == "S2"
    assert Rule("G10") is Rule.G10
    assert {"S2", "S6"} == {Rule.S2, Rule.S6}


def test_every_draft_kind_is_described() -> None:
    drafts = sections()["D"]
    for kind in DraftKind:
        assert f"| `{kind.value}` |" in drafts


def test_nothing_in_the_code_points_outside_the_repository() -> None:
    outside = re.compile(r"RULEBOOK|\.\./shared|/work/|\bissue \d|\bscenarios? \d", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for top in ("bot", "tests", "bench", "migrations")
        for path in sorted((ROOT / top).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if outside.search(line) and path != Path(__file__).resolve()
    ]
    assert offenders == []


@pytest.mark.parametrize("rule", list(Rule), ids=str)
def test_every_rule_has_a_why_sentence_for_users(rule: Rule) -> None:
    sentence = coaching.explain(rule)
    assert sentence and CITED.search(sentence) is None


def test_the_why_sentences_are_only_for_rules() -> None:
    assert set(coaching._EXPLAIN) == {rule.value for rule in Rule}
    with pytest.raises(ValueError):
        coaching.explain("G13")
