"""The `hearback` command line: the stable JSON contract of the rules engine, and bad input."""

from __future__ import annotations

import importlib.metadata
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

import bot
from bot.cli import main

NY = ["--interviewed", "2026-11-18T10:00", "--tz", "America/New_York"]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main([*argv, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert isinstance(result, dict)
    return result


class TestPlan:
    def test_plan_contract(self, capsys: pytest.CaptureFixture[str]) -> None:
        result = run_json(capsys, "plan", *NY, "--said", "by Friday")
        assert result["promised_by"] == "2026-11-20"
        assert "Friday 20 November" in str(result["understood"])
        steps = result["steps"]
        assert isinstance(steps, list)
        assert [s["kind"] for s in steps] == [
            "thank_you", "check_in", "second_follow_up", "move_on",
        ]  # fmt: skip
        # S2: two business days after Fri 20 Nov = Tue 24 Nov, 10:00 local.
        assert steps[1]["at"] == "2026-11-24T10:00:00-05:00"
        assert "S2" in steps[1]["rules"]

    @pytest.mark.parametrize(("given", "at"), [("15", "15:00"), ("14:30", "14:30")])
    def test_nudge_time_to_the_minute(
        self, capsys: pytest.CaptureFixture[str], given: str, at: str
    ) -> None:
        result = run_json(capsys, "plan", *NY, "--said", "by Friday", "--nudge-hour", given)
        assert result["steps"][1]["at"] == f"2026-11-24T{at}:00-05:00"

    def test_unknown_date_and_hiring_manager(self, capsys: pytest.CaptureFixture[str]) -> None:
        result = run_json(capsys, "plan", *NY, "--said", "soon", "--hiring-manager-known")
        assert result["promised_by"] is None
        kinds = [s["kind"] for s in result["steps"]]
        assert "hiring_manager" in kinds

    def test_human_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["plan", *NY]) == 0
        assert "check_in" in capsys.readouterr().out


class TestCheck:
    def test_wait_the_day_after(self, capsys: pytest.CaptureFixture[str]) -> None:
        result = run_json(
            capsys, "check", *NY, "--said", "by Friday", "--channel", "email",
            "--to", "recruiter", "--now", "2026-11-19T10:00",
        )  # fmt: skip
        assert result["verdict"] == "wait"
        assert "G1" in result["rules"]
        assert result["next_ok_at"] == "2026-11-24T08:00:00-05:00"  # the working day opens

    def test_third_attempt_is_stop(self, capsys: pytest.CaptureFixture[str]) -> None:
        result = run_json(
            capsys, "check", *NY, "--channel", "email", "--to", "recruiter",
            "--attempt", "2026-12-02T10:00:email:recruiter",
            "--attempt", "2026-12-09T10:00:email:recruiter",
            "--now", "2026-12-21T10:00",
        )  # fmt: skip
        assert result["verdict"] == "stop"
        assert "G3" in result["rules"]

    def test_personal_channel_is_stop(self, capsys: pytest.CaptureFixture[str]) -> None:
        result = run_json(
            capsys, "check", *NY, "--channel", "personal_phone", "--to", "recruiter",
            "--now", "2026-12-21T10:00",
        )  # fmt: skip
        assert result["verdict"] == "stop"
        assert "G5" in result["rules"]


class TestDraftAndTone:
    def test_draft(self, capsys: pytest.CaptureFixture[str]) -> None:
        result = run_json(capsys, "draft", "thank_you", *NY, "--company", "Acme", "--name", "Sam")
        assert result["kind"] == "thank_you"
        assert "Acme" in str(result["body"])

    def test_tone_from_stdin_and_file(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        import io

        monkeypatch.setattr(
            "sys.stdin", io.StringIO("You dropped the ball. This is my final attempt.")
        )
        result = run_json(capsys, "tone", "-")
        assert result["ok"] is False
        assert {f["rule"] for f in result["findings"]} >= {"G3"}
        calm = tmp_path / "calm.txt"
        calm.write_text("Dear Dana, thank you again for your time. Best regards, Sam")
        assert run_json(capsys, "tone", str(calm)) == {"ok": True, "findings": []}


class TestBadInput:
    @pytest.mark.parametrize(
        ("argv", "flag"),
        [
            (["plan", "--interviewed", "yesterday", "--tz", "UTC"], "--interviewed"),
            (["plan", "--interviewed", "2026-11-18T10:00", "--tz", "Mars/Base"], "--tz"),
            (["plan", *NY, "--vibe", "hot"], "--vibe"),
            (["plan", *NY, "--nudge-hour", "25"], "--nudge-hour"),
            (["plan", *NY, "--nudge-hour", "14:60"], "--nudge-hour"),
            (["check", *NY, "--channel", "pigeon", "--to", "hr"], "--channel"),
            (["check", *NY, "--channel", "email", "--to", "hr", "--attempt", "x"], "--attempt"),
            (["tone", "/nonexistent/file.txt"], "FILE"),
        ],
    )
    def test_exit_2_with_one_line_naming_the_flag(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], flag: str
    ) -> None:
        with pytest.raises(SystemExit) as raised:
            code = main(argv)
            raise SystemExit(code)
        assert raised.value.code == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert flag in err
        assert "Traceback" not in err


def test_version_comes_from_the_one_in_pyproject(capsys: pytest.CaptureFixture[str]) -> None:
    with (Path(__file__).resolve().parent.parent / "pyproject.toml").open("rb") as f:
        declared = tomllib.load(f)["project"]["version"]
    assert bot.__version__ == importlib.metadata.version("hearback") == declared
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"hearback {declared}"
