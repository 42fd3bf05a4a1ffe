"""``hearback``: run the bot, chat locally, migrate, and use the rules engine from a shell.

    hearback run                  the Telegram bot (long polling)
    hearback webhook              the Telegram bot behind a webhook
    hearback chat                 the same bot in this terminal, no token, no network
    hearback migrate              upgrade the database to the newest schema
    hearback health               exit 0 when the database (webhook mode: /healthz) answers
    hearback plan|check|draft|tone  the rules engine (JSON with --json)
    hearback understand           the facts one message states (reads standard input)

Bad input exits 2 with one line naming the flag; nothing prints a traceback.

The commands that run the bot import it when they run: the rules-engine commands then
start in about half a second instead of two (PTB and SQLAlchemy stay unloaded).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, NoReturn

import bot
from bot.core.calendar import BusinessCalendar, is_valid_zone
from bot.core.drafts import DraftFacts, make_draft
from bot.core.plan import DEFAULT_NUDGE_HOUR, make_plan
from bot.core.timeline import describe_date, read_timeline
from bot.core.tone import check_tone
from bot.core.types import (
    Attempt,
    Channel,
    DraftKind,
    Interview,
    Outcome,
    Recipient,
    Vibe,
)
from bot.core.understand import known_from_json, understand
from bot.core.verdict import decide

if TYPE_CHECKING:
    from bot.config import Settings


class BadInput(Exception):
    """Bad command-line input: one line naming the flag and what is expected."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"hearback: {message} (see hearback {self.prog.split()[-1]} --help)\n")


# --- argument types ----------------------------------------------------------------------------


def _zone(value: str) -> str:
    if not is_valid_zone(value):
        raise argparse.ArgumentTypeError(
            f"--tz expects an IANA zone like Europe/Berlin, got {value!r}"
        )
    return value


def _local_datetime(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an ISO date-time like 2026-11-18T10:00, got {value!r}"
        ) from None


def _hour(value: str) -> tuple[int, int]:
    """``--nudge-hour``: an hour ``H`` or a time ``H:MM``, as (hour, minute)."""
    match = re.fullmatch(r"(\d{1,2})(?::(\d{2}))?", value, re.ASCII)
    if not match or int(match[1]) > 23 or int(match[2] or 0) > 59:
        raise argparse.ArgumentTypeError(f"--nudge-hour expects 0-23 or H:MM, got {value!r}")
    return int(match[1]), int(match[2] or 0)


def _country(value: str) -> str:
    if len(value) != 2 or not value.isalpha():
        raise argparse.ArgumentTypeError(f"--country expects a two-letter code, got {value!r}")
    return value.upper()


def _interview_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--interviewed", required=True, type=_local_datetime, metavar="DATETIME")
    parser.add_argument("--tz", required=True, type=_zone, metavar="ZONE")
    parser.add_argument("--said", default="", metavar="TEXT")
    parser.add_argument("--vibe", choices=[v.value for v in Vibe], default=Vibe.NEUTRAL.value)
    parser.add_argument("--country", type=_country, default=None, metavar="CC")
    parser.add_argument(
        "--nudge-hour", type=_hour, default=(DEFAULT_NUDGE_HOUR, 0), metavar="H[:MM]"
    )
    parser.add_argument("--hiring-manager-known", action="store_true")
    parser.add_argument("--thank-you-sent", action="store_true")
    parser.add_argument("--json", action="store_true")


def _aware(moment: datetime, cal: BusinessCalendar) -> datetime:
    if moment.tzinfo is None:
        return cal.at_local(moment.date(), moment.hour, moment.minute)
    return moment.astimezone(cal.tz)


def _interview(args: argparse.Namespace, now: datetime) -> tuple[Interview, BusinessCalendar, Any]:
    cal = BusinessCalendar(args.tz, args.country)
    interviewed = _aware(args.interviewed, cal)
    reading = read_timeline(args.said, now=interviewed, cal=cal) if args.said else None
    interview = Interview(
        interviewed_at=interviewed,
        promised_by=reading.promised_by if reading else None,
        vibe=Vibe(args.vibe),
        thank_you_sent=args.thank_you_sent,
        hiring_manager_known=args.hiring_manager_known,
        company=getattr(args, "company", "") or "",
        role=getattr(args, "role", "") or "",
    )
    return interview, cal, reading


def _attempt(value: str, cal: BusinessCalendar) -> Attempt:
    when, sep, rest = value.rpartition(":")
    when, sep2, channel = when.rpartition(":")
    to = rest
    if not sep or not sep2:
        raise BadInput(f"--attempt expects WHEN:CHANNEL:TO, got {value!r}")
    try:
        moment = _aware(datetime.fromisoformat(when), cal)
    except ValueError:
        raise BadInput(f"--attempt: WHEN must be an ISO date-time, got {when!r}") from None
    answered = to.endswith("+answered")
    to = to.removesuffix("+answered")
    if channel not in {c.value for c in Channel}:
        raise BadInput(f"--attempt: CHANNEL must be one of {', '.join(c.value for c in Channel)}")
    if to not in {r.value for r in Recipient}:
        raise BadInput(f"--attempt: TO must be one of {', '.join(r.value for r in Recipient)}")
    return Attempt(at=moment, channel=Channel(channel), to=Recipient(to), answered=answered)


# --- the subcommands ---------------------------------------------------------------------------


def cmd_plan(args: argparse.Namespace) -> int:
    interview, cal, reading = _interview(args, datetime.now(UTC))
    hour, minute = args.nudge_hour
    plan = make_plan(interview, cal=cal, nudge_hour=hour, nudge_minute=minute)
    understood = reading.understood if reading else "no date given (T4)"
    result = {
        "promised_by": interview.promised_by.isoformat() if interview.promised_by else None,
        "understood": understood,
        "steps": [
            {"kind": s.kind.value, "at": s.at.isoformat(), "rules": list(s.rules)}
            for s in plan.steps
        ],
    }
    if args.json:
        _print_json(result)
    else:
        by = describe_date(interview.promised_by) if interview.promised_by else "unknown"
        print(f"Promised by: {by} ({understood})")
        for step in plan.steps:
            local = cal.localize(step.at)
            print(f"  {step.kind.value:<17} {local:%a %d %b %Y %H:%M %Z}  {', '.join(step.rules)}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    now = datetime.now(UTC) if args.now is None else args.now
    interview, cal, _ = _interview(args, now)
    now = _aware(now, cal)
    attempts = [_attempt(a, cal) for a in args.attempt]
    decision = decide(
        interview,
        channel=Channel(args.channel),
        to=Recipient(args.to),
        now=now,
        cal=cal,
        attempts=attempts,
        outcome=Outcome(args.outcome),
        real_news=args.real_news,
    )
    result = {
        "verdict": decision.verdict.value,
        "rules": list(decision.rules),
        "next_ok_at": decision.next_ok_at.isoformat() if decision.next_ok_at else None,
        "advice": decision.advice,
    }
    if args.json:
        _print_json(result)
    else:
        tail = (
            f" until {cal.localize(decision.next_ok_at):%a %d %b %H:%M}"
            if decision.next_ok_at
            else ""
        )
        print(f"{decision.verdict.value.upper()}{tail} ({', '.join(decision.rules)})")
        print(decision.advice)
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    interview, cal, _ = _interview(args, datetime.now(UTC))
    facts = DraftFacts(
        company=args.company or "",
        role=args.role or "",
        user_name=args.name or "",
        contact_name=args.contact or "",
        interview_day=cal.local_date(interview.interviewed_at),
        promised_by=interview.promised_by,
        detail=args.detail or "",
        news=args.news or "",
    )
    draft = make_draft(DraftKind(args.kind), facts)
    if args.json:
        _print_json({"kind": draft.kind.value, "subject": draft.subject, "body": draft.body})
    else:
        print(f"Subject: {draft.subject}\n\n{draft.body}")
    return 0


def cmd_tone(args: argparse.Namespace) -> int:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
        except OSError as exc:
            raise BadInput(f"FILE: cannot read {args.file!r}: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise BadInput(f"FILE: {args.file!r} is not UTF-8 text") from None
    findings = check_tone(text)
    if args.json:
        _print_json(
            {
                "ok": not findings,
                "findings": [
                    {
                        "rule": f.rule,
                        "category": f.category,
                        "words": f.words,
                        "why": f.why,
                        "instead": f.instead,
                    }
                    for f in findings
                ],
            }
        )
    elif not findings:
        print("OK: calm and professional (G10).")
    else:
        for f in findings:
            print(f'{f.rule} {f.category}: "{f.words}" — {f.why} Instead: {f.instead}')
    return 0


def cmd_understand(args: argparse.Namespace) -> int:
    cal = BusinessCalendar(args.tz, args.country)
    context: Any = None
    if args.context:
        try:
            with open(args.context, encoding="utf-8") as handle:
                context = json.load(handle)
        except OSError as exc:
            raise BadInput(f"--context: cannot read {args.context!r}: {exc.strerror}") from None
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise BadInput(f"--context: {args.context!r} is not a JSON file") from None
        if not isinstance(context, dict):
            raise BadInput('--context: expected an object like {"interviews": [...]}')
    now = _aware(args.now, cal) if args.now else datetime.now(UTC)
    text = sys.stdin.read()
    frame = understand(text, now=now, cal=cal, known=known_from_json(context, cal=cal))
    if args.json:
        _print_json(frame.to_json())
    else:
        for key, value in frame.to_json().items():
            if value not in (None, []):
                print(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    return 0


def _settings(command: str) -> Settings:
    """The settings, or exit 2 with the one-line reason (never a traceback)."""
    from bot.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as exc:
        print(f"hearback {command}: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def cmd_migrate(args: argparse.Namespace) -> int:
    from bot.storage.migrate import migrate_main

    return migrate_main(_settings("migrate").database_url)


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run_polling

    return run_polling()


def cmd_webhook(args: argparse.Namespace) -> int:
    from bot.runner import run_webhook

    return run_webhook()


def cmd_health(args: argparse.Namespace) -> int:
    from bot.health import check_health

    settings = _settings("health")
    ok, line = check_health(settings, mode=args.mode)
    print(
        f"hearback health: {'ok' if ok else 'UNHEALTHY'}: {line}",
        file=sys.stdout if ok else sys.stderr,
    )
    return 0 if ok else 1


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging
    from bot.runner import clock_for
    from bot.telegram.localchat import chat

    settings = _settings("chat")
    setup_logging("WARNING")
    try:
        return asyncio.run(chat(settings, clock=clock_for(settings)))
    except KeyboardInterrupt:
        return 0


def _print_json(value: object) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False, default=_json_default))


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def build_parser() -> Parser:
    parser = Parser(prog="hearback", description="HearBack: follow up after an interview, kindly.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {bot.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    sub.add_parser("run", help="run the Telegram bot (long polling)").set_defaults(func=cmd_run)
    sub.add_parser("webhook", help="run the Telegram bot behind a webhook").set_defaults(
        func=cmd_webhook
    )
    sub.add_parser("chat", help="talk to the bot in this terminal").set_defaults(func=cmd_chat)
    sub.add_parser("migrate", help="upgrade the database").set_defaults(func=cmd_migrate)
    health = sub.add_parser(
        "health", help="exit 0 when the bot's database (or webhook server) answers"
    )
    health.add_argument(
        "--mode",
        choices=("auto", "webhook", "database"),
        default="auto",
        help="webhook: ask /healthz of the running server; database: SELECT 1; "
        "auto: webhook when WEBHOOK_URL is set",
    )
    health.set_defaults(func=cmd_health)

    plan = sub.add_parser("plan", help="the follow-up plan for an interview")
    _interview_flags(plan)
    plan.set_defaults(func=cmd_plan)

    check = sub.add_parser("check", help="should I follow up now? go / wait / stop")
    _interview_flags(check)
    check.add_argument("--attempt", action="append", default=[], metavar="WHEN:CHANNEL:TO")
    check.add_argument("--outcome", choices=[o.value for o in Outcome], default="none")
    check.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    check.add_argument("--to", required=True, choices=[r.value for r in Recipient])
    check.add_argument("--now", type=_local_datetime, default=None, metavar="DATETIME")
    check.add_argument("--real-news", action="store_true")
    check.set_defaults(func=cmd_check)

    draft = sub.add_parser("draft", help="write an e-mail draft")
    draft.add_argument("kind", choices=[k.value for k in DraftKind])
    _interview_flags(draft)
    for flag in ("--name", "--company", "--role", "--contact", "--detail", "--news"):
        draft.add_argument(flag, default="")
    draft.set_defaults(func=cmd_draft)

    tone = sub.add_parser("tone", help="check a draft's tone (G10)")
    tone.add_argument("file", metavar="FILE|-")
    tone.add_argument("--json", action="store_true")
    tone.set_defaults(func=cmd_tone)

    understand_ = sub.add_parser(
        "understand", help="the facts one message (on standard input) states, as a frame"
    )
    understand_.add_argument("--now", type=_local_datetime, default=None, metavar="DATETIME")
    understand_.add_argument("--tz", required=True, type=_zone, metavar="ZONE")
    understand_.add_argument("--country", type=_country, default=None, metavar="CC")
    understand_.add_argument("--context", default=None, metavar="FILE")
    understand_.add_argument("--json", action="store_true")
    understand_.set_defaults(func=cmd_understand)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
    except BadInput as exc:
        print(f"hearback: {exc}", file=sys.stderr)
        return 2
    return code


if __name__ == "__main__":
    raise SystemExit(main())
