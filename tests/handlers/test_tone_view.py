"""/tone on a long draft: each distinct finding once, with how many more are like it, in one
message that Telegram accepts."""

from __future__ import annotations

import re
from collections import Counter

from bot.core.tone import check_tone
from bot.core.types import ToneFinding
from bot.telegram.html import split_html, visible_len
from bot.telegram.localapi import visible_text
from bot.telegram.views import tone_text

from .harness import BotEnv, onboard

REPEATED = (
    "This is my third email and you never replied! Please respond ASAP or I will post about "
    "this on LinkedIn. I am begging you, I really need this job. "
)
# One or two sentences of every kind the checker knows, to fill a draft with all of them.
EVERY_KIND = (
    "I am furious that nobody has called. What a waste of my time this process was. "
    "After all I've done for this application. I need an answer by Friday. "
    "Thanks for nothing. I'll post about this on LinkedIn. Sorry to bother you again. "
    "I'm begging you for a chance. I sent you a cake to say thanks. "
    "Here is a gift card for your trouble. You're the most amazing recruiter. "
    "Someone dropped the ball here. Can I have your personal number? I'll drop by on Monday. "
)


async def tone_of(env: BotEnv, draft: str) -> list[str]:
    user = env.user()
    await onboard(user)
    return [m.text for m in await user.send("/tone " + draft)]


async def test_a_long_repetitive_draft_gets_one_message_with_each_finding_once(
    env: BotEnv,
) -> None:
    draft = (REPEATED * 40)[:4000]
    findings = check_tone(draft)
    wordings = Counter(" ".join(f.words.split()) for f in findings)
    assert len(findings) > 100 and len(wordings) <= 8  # the case this test is about

    replies = await tone_of(env, draft)
    assert len(replies) == 1
    (reply,) = replies
    assert visible_len(reply) <= 4096
    shown = visible_text(reply)
    for wording in wordings:
        assert shown.count(f"“{wording}”") == 1, wording
    # Every finding is accounted for: shown once, or counted in "N more like it".
    more = sum(int(n) for n in re.findall(r"and (\d+) more like (?:it|these)", shown))
    quoted = sum(shown.count(f"“{w}”") for w in wordings)
    assert quoted + more == len(findings)
    assert str(len(findings)) in shown


async def test_every_kind_at_once_still_fits_one_message(env: BotEnv) -> None:
    draft = (EVERY_KIND * 10)[:5000]
    kinds = {f.category for f in check_tone(draft)}
    assert len(kinds) >= 12
    replies = await tone_of(env, draft)
    assert len(replies) == 1
    assert visible_len(replies[0]) <= 4096


async def test_a_short_draft_still_lists_each_finding(env: BotEnv) -> None:
    (text,) = await tone_of(env, "This is my third email and you never replied!")
    assert "“This is my third email”" in visible_text(text)
    assert "“you never replied”" in visible_text(text)
    assert "more like" not in text


def test_kinds_that_would_not_fit_are_counted_not_sent() -> None:
    findings = tuple(
        ToneFinding(
            rule="G10",
            category=f"kind{k}",
            words=f"words of kind {k} " * 5,
            why="Why it matters. " * 15,
            instead="A calmer wording. " * 8,
        )
        for k in range(30)
        for _ in range(3)
    )
    text = tone_text(findings)
    assert visible_len(text) <= 4096
    assert len(split_html(text)) == 1
    match = re.search(r"…and (\d+) more kinds? of thing", text)
    assert match is not None
    shown = text.count("\n• ")
    assert shown + int(match.group(1)) == 30


def test_no_rule_id_or_internal_name_is_shown() -> None:
    findings = check_tone((REPEATED * 5) + EVERY_KIND)
    text = visible_text(tone_text(findings))
    assert not re.search(r"\b[GSTCD]\d{1,2}\b", text), text
    for finding in findings:
        if "_" in finding.category:
            assert finding.category not in text
