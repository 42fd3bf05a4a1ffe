"""Every command and button after an interview is stored: what the user sees, what is stored."""

from __future__ import annotations

import re

from icalendar import Calendar

from bot.core.records import InterviewStatus

from .harness import BotEnv, interviews, new_interview, onboard, text_of


async def ready(env: BotEnv, user_id: int = 1001) -> object:
    user = env.user(user_id)
    await onboard(user)
    await new_interview(user)
    return user


class TestListAndStatus:
    async def test_list_shows_state_and_next_step(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user, "Acme")
        await new_interview(user, "Globex")
        reply = text_of(await user.send("/list"))
        assert "1. <b>Acme</b>" in reply and "2. <b>Globex</b>" in reply
        assert "waiting" in reply and "next:" in reply

    async def test_status_shows_plan_people_and_history(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        reply = text_of(await user.send("/status"))
        assert "Dana Lee" in reply
        assert "Check-in" in reply and not re.search(r"\b[CGST]\d{1,2}\b", reply)
        assert "Check-in: <b>Tue 24 Nov, 10:00</b>" in reply
        # The thank-you is open until a day after the interview; the second follow-up has no
        # day of its own until the check-in is logged. No rule ids in what the user reads.
        assert (
            "Thank-you note: <b>Wed 18 Nov, 12:00</b> <i>(open until Thu 19 Nov, 09:00)</i>"
            in reply
        )
        assert "Second follow-up: <i>five business days after your check-in</i>" in reply
        assert not re.search(r"\b[GSTC]\d+\b", reply)
        assert "none yet" in reply
        reply = text_of(await user.send("/status 7"))
        assert "/list" in reply
        # Not a number /list shows (a superscript passes str.isdigit): the usual picker.
        for odd in ("/status ²", "/status -1", "/status 1000"):
            assert "Dana Lee" in text_of(await user.send(odd))

    async def test_empty_list_is_kind(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        assert "/new" in text_of(await user.send("/list"))


class TestShouldI:
    async def test_day_after_interview_says_wait_with_rule(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        env.clock.advance(days=1)
        reply = text_of(await user.send("should I call again?"))
        if "How would you contact" in reply:
            reply = text_of(await user.press("Office phone"))
        if "And whom" in reply:
            reply = text_of(await user.press("Recruiter"))
        assert "Wait" in reply
        assert "Wait" in reply and "G1" not in reply
        assert "Tue 24 Nov" in reply

    async def test_personal_channel_is_stopped(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("/shouldi")
        await user.press("Personal e-mail")
        reply = text_of(await user.press("Recruiter"))
        assert "🛑 <b>Not this way</b>" in reply and "G5" not in reply
        assert "work e-mail instead" in reply

    async def test_go_after_the_s2_day_offers_a_draft(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        env.clock.advance(days=6)  # Tue 24 Nov, 10:00 New York
        await user.send("/shouldi")
        await user.press("Work e-mail")
        reply = text_of(await user.press("Recruiter"))
        assert "Go" in reply
        reply = text_of(await user.press("Draft"))
        assert "Subject:" in reply
        assert "Acme" in reply


class TestSettingsInWords:
    async def test_a_move_changes_the_zone(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = text_of(await user.send("i moved to berlin last month"))
        assert "Europe/Berlin" in reply and "/timezone" in reply
        reply = text_of(await user.send("im now based in springfield"))
        assert "Which one is yours?" in reply  # several: asked, with the place kept
        reply = text_of(await user.press("America/Chicago"))
        assert "America/Chicago" in reply

    async def test_my_name_is_sets_the_name_on_drafts(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = text_of(await user.send("my name is priya sharma"))
        assert "Priya Sharma" in reply
        assert "Priya Sharma" in text_of(await user.send("/settings"))
        reply = text_of(await user.send("call me the best"))
        assert "The Best" not in reply  # not a name: nothing is saved

    async def test_stop_reminding_me_says_how_reminders_stop(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        for text in ("stop reminding me", "pls no more notifications"):
            reply = text_of(await user.send(text))
            assert "/reply" in reply and "/delete" in reply, text


class TestLogAndReply:
    async def test_an_outcome_is_confirmed_by_a_typed_yes(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        reply = text_of(await user.send("just got an email, they rejected me :("))
        assert "they said no?" in reply
        reply = text_of(await user.send("yes"))
        assert "I'm sorry" in reply and "stopped the reminders" in reply
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.REJECTED
        reply = text_of(await user.send("ugh"))
        assert "Deliveroo" not in reply and "Acme" in reply  # comfort about that news

    async def test_a_typed_no_or_other_words_close_nothing(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("they rejected me")
        reply = text_of(await user.send("no"))
        assert "What happened" in reply or "what happened" in reply
        assert (await interviews(env, user))[0].status is InterviewStatus.WAITING
        await user.send("they rejected me")
        reply = text_of(await user.send("should i call them?"))
        assert "they said no?" not in reply  # the question is dropped, the text answered
        assert (await interviews(env, user))[0].status is InterviewStatus.WAITING

    async def test_a_new_date_from_them_can_be_undone(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)  # promised by Fri 20 Nov
        reply = text_of(await user.send("dana said they need 2 more weeks"))
        assert "New date from them" in reply
        (record,) = await interviews(env, user)
        assert record.promised_by is not None and record.promised_by.isoformat() == "2026-12-02"
        reply = text_of(await user.press("Undo: keep"))
        assert "Undone" in reply
        (record,) = await interviews(env, user)
        assert record.promised_by is not None and record.promised_by.isoformat() == "2026-11-20"

    async def test_a_next_round_is_their_answer_not_a_new_decision_date(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        reply = text_of(await user.send("they replied! they want a second round next tuesday"))
        assert "next round with <b>Acme</b>" in reply and "New date" not in reply
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.REPLIED
        assert record.promised_by is not None and record.promised_by.day != 24  # unchanged
        await user.press("Not a next round")
        assert (await interviews(env, user))[0].status is InterviewStatus.WAITING

    async def test_chat_shorthand_is_nobody(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("can i call the hr tmrw?")
        (record,) = await interviews(env, user)
        assert [p.name for p in record.people] == ["Dana Lee"]

    async def test_a_sent_thank_you_is_not_logged_as_a_check_in(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        reply = text_of(await user.send("thanks! i sent the thank you note to dana"))
        assert "thank-you to Acme is sent" in reply
        assert "Logged" not in reply
        (record,) = await interviews(env, user)
        assert record.thank_you_sent_at is not None
        assert record.attempts == ()  # the check-in is still ahead, not done
        reply = text_of(await user.send("i emailed dana to say thank you"))
        assert "Already noted" in reply
        assert (await interviews(env, user))[0].attempts == ()
        reply = text_of(await user.send("thanks, i emailed dana to check in"))
        assert "Logged" in reply  # a thanks to me is not a thank-you note

    async def test_log_in_two_taps_then_wait(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        env.clock.advance(days=6)
        await user.send("/log")
        await user.press("Work e-mail")
        reply = text_of(await user.press("Recruiter"))
        assert "Logged" in reply
        (record,) = await interviews(env, user)
        assert len(record.attempts) == 1
        env.clock.advance(days=1)
        await user.send("/shouldi")
        await user.press("Work e-mail")
        reply = text_of(await user.press("Recruiter"))
        assert "Wait" in reply and "G2" not in reply

    async def test_rejection_closes_and_offers_feedback_draft(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        reply = text_of(await user.send("they rejected me"))
        assert "Just to be sure" in reply  # an outcome typed in words is confirmed first
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.WAITING
        reply = text_of(await user.press("Yes"))
        assert "sorry" in reply.lower()
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.REJECTED
        reply = text_of(await user.press("feedback"))
        assert "Subject:" in reply

    async def test_new_date_replans(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("/reply")
        await user.press("new date")
        await user.send("by December 4")
        reply = text_of(await user.press("Yes"))
        assert "S7" not in reply
        assert "Tue 8 Dec" in reply  # 2 business days after Fri 4 Dec
        (record,) = await interviews(env, user)
        assert record.promised_by is not None and record.promised_by.isoformat() == "2026-12-04"


class TestWritingHelp:
    async def test_draft_menu_in_plan_order(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("/draft")
        labels = [label for _, label, _ in user.last_buttons()]
        assert labels[0] == "Thank-you note"
        asked = text_of(await user.press("Thank-you note"))
        assert "one thing from the interview" in asked
        reply = text_of(await user.press("Skip"))
        assert "Subject:" in reply and "G10" not in reply
        reply = text_of(await user.press("I sent it"))
        assert "sent" in reply
        (record,) = await interviews(env, user)
        assert record.thank_you_sent_at is not None

    async def test_tone_finds_problems_and_passes_calm_text(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = text_of(await user.send("/tone This is my third email and you never replied!"))
        assert "“This is my third email”" in reply and "Instead:" in reply
        assert not re.search(r"\b[GSTCD]\d{1,2}\b", reply)  # no rule ids in a reply
        await user.send("/tone")
        reply = text_of(
            await user.send(
                "Hello Dana, thank you again for your time on Tuesday. I enjoyed learning "
                "about the team and remain very interested in the role. Best regards, Sam"
            )
        )
        assert "calm and professional" in reply

    async def test_why_and_calm(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        await user.send("/cancel")
        reply = text_of(await user.send("/why"))
        assert "Silence is common" in reply and "C1" not in reply
        anxious = text_of(await user.send("I'm so anxious"))
        calm = text_of(await user.send("/calm"))
        for words in (anxious, calm):
            assert "interview" in words and not re.search(r"\b[CGST]\d\b", words)
        assert anxious != calm  # not one canned paragraph


class TestDataCommands:
    async def test_calendar_file(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        reply = await user.send("/calendar")
        document = next(m.document for m in reply if m.document)
        assert document is not None
        calendar = Calendar.from_ical(document[1])
        events = list(calendar.walk("VEVENT"))
        assert len(events) >= 3
        assert any("Check-in" in str(e["summary"]) for e in events)

    async def test_help_lists_every_command(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        reply = text_of(await user.send("/help"))
        for name in ("/new", "/shouldi", "/draft", "/export", "/delete", "/calendar"):
            assert name in reply

    async def test_unknown_text_suggests(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = await user.send("blorp wibble")
        assert "/help" in text_of(reply)
        assert user.last_buttons()
        reply = await user.send("/frobnicate")
        assert "/help" in text_of(reply)


class TestOwnership:
    async def test_forged_ids_in_buttons_reach_nothing(self, env: BotEnv) -> None:
        alice = env.user(1001, "Alice")
        await onboard(alice)
        await new_interview(alice, "Secret Corp")
        (record,) = await interviews(env, alice)
        mallory = env.user(2002, "Mallory")
        await onboard(mallory)
        for data in (
            f"st:{record.id}",
            f"sh:{record.id}:email:recruiter",
            f"lg:{record.id}:email:recruiter",
            f"rp:{record.id}:offer",
            f"dr:{record.id}:check_in",
            f"ic:{record.id}",
            f"ed:{record.id}:company",
            f"ty:{record.id}",
            "zz:1",
            "st:99999999999999999999",
            "\u0000\u00ff",
        ):
            reply = text_of(await mallory.press_data(data))
            assert "Secret Corp" not in reply
            assert "expired" in reply
        (after,) = await interviews(env, alice)
        assert after == record


class TestEditAndSettings:
    async def test_edit_company_from_the_summary(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user, "Acme")
        await user.send("/status")
        await user.press("Edit")
        await user.press("Company")
        reply = text_of(await user.send("Acme Robotics"))
        assert "Updated" in reply and "Acme Robotics" in reply
        (record,) = await interviews(env, user)
        assert record.company == "Acme Robotics"

    async def test_edit_timeline_replans(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("/status")
        await user.press("Edit")
        await user.press("Their timeline")
        await user.send("by December 4")
        reply = text_of(await user.press("Yes"))
        assert "Tue 8 Dec" in reply

    async def test_new_zone_moves_pending_nudges(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user, "New York")
        await new_interview(user)
        before = text_of(await user.send("/status"))
        assert "Tue 24 Nov, 10:00" in before
        await user.send("/settings")
        await user.press("Time zone")
        await user.send("Tokyo")
        after = text_of(await user.send("/status"))
        # Still 10:00 local, now in Tokyo, and Japan's holidays count: Mon 23 Nov is Labour
        # Thanksgiving Day, so two business days after Fri 20 Nov is Wed 25 Nov (S2, S6).
        assert "Check-in: <b>Wed 25 Nov, 10:00</b>" in after

    async def test_reminder_hour_setting(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("/settings")
        await user.press("Reminder time")
        reply = text_of(await user.send("2pm"))
        assert "14:00" in reply
        assert "Tue 24 Nov, 14:00" in text_of(await user.send("/status"))
        await user.send("/settings")
        await user.press("Reminder time")
        assert "between 07:00 and 21:00" in text_of(await user.send("3am"))


class TestUndo:
    async def test_undo_a_logged_follow_up(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("/log")
        await user.press("Office phone")
        await user.press("Recruiter")
        reply = text_of(await user.press("Undo"))
        assert "Removed" in reply
        (record,) = await interviews(env, user)
        assert record.attempts == ()
        # The same button again acts once only.
        reply = text_of(await user.press_data(user.env.api.sent[-2].button_list[0][1]))
        assert "already removed" in reply or "expired" in reply

    async def test_reopen_after_a_mistaken_outcome(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user)
        await user.send("/reply")
        await user.press("position was closed")
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.CLOSED
        reply = text_of(await user.press("Undo"))
        assert "Reopened" in reply
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.WAITING
        assert "Check-in" in text_of(await user.send("/status"))
