"""Coaching texts (RULEBOOK C1-C5): short, plain, warm, and citing the right facts."""

from __future__ import annotations

import dataclasses

import pytest

from bot.core.coaching import COACHING, MAX_CHARS, Coaching, calm_down, why_silence


class TestNotes:
    def test_exactly_the_five_rules(self) -> None:
        assert list(COACHING) == ["C1", "C2", "C3", "C4", "C5"]

    @pytest.mark.parametrize("rule", ["C1", "C2", "C3", "C4", "C5"])
    def test_each_note(self, rule: str) -> None:
        note = COACHING[rule]
        assert note.rule == rule
        assert note.title and note.title == note.title.strip()
        assert 80 < len(note.text) <= MAX_CHARS == 400
        assert "\n" not in note.text
        assert not any(ch in note.text for ch in "<>*_`[]"), "plain text only"
        assert "you" in note.text.lower(), "speaks to the user"

    def test_c1_cites_the_survey(self) -> None:
        text = COACHING["C1"].text
        for fact in ("CareerBuilder", "3,991", "2013", "75%", "60%"):
            assert fact in text

    def test_c2_names_reasons_that_are_not_about_the_candidate(self) -> None:
        text = COACHING["C2"].text.lower()
        for reason in ("holiday", "hiring freeze", "reorganisation", "cut", "other candidates"):
            assert reason in text

    def test_c3_is_the_post_mortem(self) -> None:
        text = COACHING["C3"].text.lower()
        for question in ("when you would hear", "thank-you", "fit"):
            assert question in text

    def test_c4_and_c5(self) -> None:
        assert "treats" in COACHING["C4"].text
        assert "personally" in COACHING["C5"].text
        assert "applying" in COACHING["C5"].text

    def test_the_mapping_and_notes_are_read_only(self) -> None:
        with pytest.raises(TypeError):
            COACHING["C6"] = COACHING["C1"]  # type: ignore[index]
        with pytest.raises(dataclasses.FrozenInstanceError):
            COACHING["C1"].text = "x"  # type: ignore[misc]


class TestSelections:
    def test_why_silence(self) -> None:
        assert [n.rule for n in why_silence()] == ["C1", "C2", "C4"]

    def test_calm_down(self) -> None:
        notes = calm_down()
        assert [n.rule for n in notes] == ["C5", "C1", "C3"]
        assert all(isinstance(n, Coaching) for n in notes)
        # Short enough to read in one breath: the three together fit one chat message.
        assert sum(len(n.title) + len(n.text) for n in notes) < 1000
