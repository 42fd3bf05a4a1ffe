"""The onboarding and /new conversations, end to end through the real Application."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.core.records import InterviewStatus
from bot.core.types import Vibe
from bot.storage import repo
from bot.storage.db import make_sessionmaker

from .harness import BotEnv, User, interviews, new_interview, onboard, text_of


class TestOnboarding:
    async def test_start_asks_zone_then_hour(self, env: BotEnv) -> None:
        user = env.user()
        reply = text_of(await user.send("/start"))
        assert "HearBack" in reply
        assert "city" in reply
        reply = text_of(await user.send("Berlin"))
        assert "Europe/Berlin" in reply
        assert "16:00" in reply  # 15:00 UTC is 16:00 in Berlin
        reply = text_of(await user.press("9:00"))
        assert "9:00" in reply

    async def test_ambiguous_city_offers_buttons(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        reply = await user.send("Springfield")
        assert "Which one" in text_of(reply)
        assert len(user.last_buttons()) >= 2
        reply = await user.press("America/Chicago")
        assert "America/Chicago" in text_of(reply)

    async def test_replies_that_are_not_places_get_their_own_answer(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        assert "Hi!" in text_of(await user.send("hi"))
        assert "public holidays" in text_of(await user.send("why do you need that?"))
        assert "Which city" in text_of(await user.send("ok"))
        assert "reminder time right after" in text_of(await user.send("9am"))
        assert "nothing precise" in text_of(await user.send("skip"))
        reply = text_of(await user.send("<b>atlantis</b>"))
        assert "“&lt;b&gt;atlantis&lt;/b&gt;”" in reply  # escaped, and nothing was set
        reply = text_of(await user.send("hey, im based in toronto canada"))
        assert "America/Toronto" in reply

    async def test_a_mistyped_city_is_offered_and_yes_takes_it(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        reply = await user.send("berlinn")
        assert "Did you mean this one?" in text_of(reply)
        assert [label for _, label, _ in user.last_buttons()] == ["Berlin, DE (Europe/Berlin)"]
        assert "Europe/Berlin" in text_of(await user.send("yes"))

    async def test_an_offset_is_shown_as_typed(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        reply = text_of(await user.send("gmt+3"))
        assert "UTC+3" in reply and "Etc/" not in reply

    async def test_location_sets_zone(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        reply = await user.share_location(48.85, 2.35)
        assert "Europe/Paris" in text_of(reply)

    async def test_an_interview_told_before_setup_is_read_after_it(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        held = text_of(
            await user.send(
                "I just had an interview at Razorpay for senior data analyst, they said "
                "theyd get back to me by the 15th"
            )
        )
        assert "after this quick setup" in held and "city" in held
        await user.send("Berlin")
        after = text_of(await user.press("9:00"))
        assert "what you told me a moment ago" in after
        assert "Razorpay" in after and "senior data analyst" in after
        assert "Which company" not in after

    async def test_unknown_city_is_kind(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        reply = text_of(await user.send("Atlantis-under-the-sea"))
        assert "couldn't find" in reply


class TestNewInterview:
    async def test_whole_conversation_stores_and_plans(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        summary = await new_interview(user)
        assert "Acme" in summary
        assert "Check-in" in summary and not re.search(r"\b[CGST]\d{1,2}\b", summary)
        assert "Thank-you note" in summary and "(open until" in summary
        # Promised by Friday 20 Nov → check-in two business days later: Tue 24 Nov (S2).
        assert "Tue 24 Nov, 10:00" in summary
        (record,) = await interviews(env, user)
        assert record.company == "Acme"
        assert record.role == "Backend engineer"
        assert record.promised_by is not None and record.promised_by.isoformat() == "2026-11-20"
        assert record.people[0].name == "Dana Lee"
        assert record.people[0].email == "dana@acme.com"
        assert record.status is InterviewStatus.WAITING

    async def test_a_feeling_told_at_the_date_check_keeps_the_date(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("/new")
        await user.send("globex")
        await user.send("/skip")
        await user.send("last wednesday afternoon")
        await user.press("everyone")
        reply = text_of(await user.send("end of next week"))
        assert "(end of next week, counted from the interview on" in reply
        assert "(by " not in reply  # the day is not said twice
        reply = text_of(await user.send("meh, kinda awkward"))
        assert "it felt chilly" in reply and "So, by" in reply  # the date is asked again
        reply = text_of(await user.send("yes"))
        assert "thank-you" in reply and "How did it feel" not in reply
        await user.press("Not yet")
        (record,) = await interviews(env, user)
        assert record.company == "Globex"  # typed in lower case, stored with a capital
        assert record.promised_by is not None and record.vibe is Vibe.CHILLY

    async def test_steering_words_are_not_answers(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("/new")
        assert "left that" in text_of(await user.send("cancel"))
        await user.send("/new")
        await user.send("Acme")
        assert "Which company" in text_of(await user.send("oops go back"))
        await user.send("Initech")
        assert "left that" in text_of(await user.send("never mind"))
        assert await interviews(env, user) == ()
        await user.send("/new")
        await user.send("Initech")
        await user.send("/skip")
        reply = text_of(await user.send("delete my account"))
        assert "Sure?" in reply  # still asks to confirm; nothing is typed into the date
        assert "Yes, erase everything" in [label for _, label, _ in user.last_buttons()]

    async def test_a_side_command_mid_question_returns_to_it(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("/new")
        await user.send("Globex")
        reply = text_of(await user.send("/list"))
        assert "back to where we were" in reply and "What role" in reply
        reply = text_of(await user.send("Analyst"))
        assert "When was the interview" in reply  # the answer still lands where it should

    async def test_new_before_onboarding_asks_zone_first(self, env: BotEnv) -> None:
        user = env.user()
        await user.send("/start")
        await user.send("/cancel")  # left onboarding before giving a city
        reply = text_of(await user.send("I just had an interview at Globex"))
        assert "city" in reply
        await user.send("London")
        reply = text_of(await user.press("10:00"))
        assert "role" in reply  # the company came from the free text

    async def test_back_returns_to_previous_question(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("/new")
        await user.send("Acme")
        reply = text_of(await user.send("/back"))
        assert "Which company" in reply
        await user.send("Initech")
        reply = text_of(await user.send("/skip"))  # role is optional
        assert "When was the interview" in reply

    async def test_cancel_leaves_and_stores_nothing(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("/new")
        await user.send("Acme")
        reply = text_of(await user.send("/cancel"))
        assert "left that" in reply
        assert await interviews(env, user) == ()
        reply = text_of(await user.send("/cancel"))
        assert "nothing to cancel" in reply

    async def test_unreadable_timeline_is_not_guessed(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        for answer in ("/new", "Acme", "/skip", "/skip", "/skip"):
            await user.send(answer)
        reply = text_of(await user.send("they were a bit vague honestly"))
        assert "won't guess" in reply
        reply = text_of(await user.press("They didn't say"))
        assert "How did it feel" in reply

    async def test_personal_email_warning(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        for answer in ("/new", "Acme", "/skip", "/skip"):
            await user.send(answer)
        reply = text_of(await user.send("Bob, hiring manager, bob.smith@gmail.com"))
        assert "work channels" in reply

    async def test_restart_mid_conversation_loses_nothing(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("/new")
        await user.send("Acme")
        await user.send("Designer")
        await env.restart()
        user = env.user()
        reply = text_of(await user.send("yesterday 3pm"))
        assert "Who did you meet" in reply
        await user.send("/skip")
        await user.press("They didn't say")
        await user.press("neutral")
        await user.press("Yes, sent")
        (record,) = await interviews(env, user)
        assert (record.company, record.role) == ("Acme", "Designer")
        assert record.thank_you_sent_at is not None

    async def test_stale_question_button_does_not_answer_current_question(
        self, env: BotEnv
    ) -> None:
        user = env.user()
        await onboard(user)
        for answer in ("/new", "Acme", "/skip", "/skip", "/skip"):
            await user.send(answer)
        await user.press("They didn't say")
        reply = text_of(await user.press_data("q:hour:9"))
        assert "already answered" in reply

    async def test_same_update_twice_creates_one_interview(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        for answer in ("/new", "Acme", "/skip", "/skip", "/skip"):
            await user.send(answer)
        await user.press("They didn't say")
        await user.press("neutral")
        await user.send("no", update_id=777_000_001)
        again = await user.send("no", update_id=777_000_001)
        assert again == []
        assert len(await interviews(env, user)) == 1


async def test_export_and_delete(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    reply = await user.send("/export")
    document = next(m.document for m in reply if m.document)
    assert document is not None
    assert b"Acme" in document[1]
    await user.send("/delete")
    assert "erased" in text_of(await user.press("Yes, erase"))
    assert env.engine is not None
    from bot.storage.models import InterviewRow

    async with make_sessionmaker(env.engine)() as session:
        assert (await session.scalars(select(InterviewRow))).all() == []


async def test_timeline_counts_from_the_interview_day(env: BotEnv) -> None:
    """ "Within a week", said at an interview two days ago, ends a week after the interview."""
    user = env.user()
    await onboard(user)
    for answer in ("/new", "Acme", "/skip", "monday 10am", "/skip"):
        await user.send(answer)
    # Now is Wed 18 Nov; the interview was Mon 16 Nov; a week from it is Mon 23 Nov.
    reply = text_of(await user.send("they said within a week"))
    assert "Monday 23 November" in reply


class TestStoredAnswers:
    """Answers are typed in the code and JSON in the database, converted at the edge."""

    async def _profile_id(self, env: BotEnv, user: User) -> int:
        assert env.engine is not None
        async with make_sessionmaker(env.engine)() as session:
            profile = await repo.get_user_by_telegram_id(session, telegram_user_id=user.user_id)
            assert profile is not None
            return profile.id

    async def _store(self, env: BotEnv, owner_id: int, state: str, data: dict[str, Any]) -> None:
        assert env.engine is not None
        async with make_sessionmaker(env.engine)() as session, session.begin():
            await repo.save_conversation(
                session, owner_id=owner_id, name="main", state=state, data=data
            )

    async def test_answers_are_stored_as_iso_json(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        for answer in ("/new", "Acme", "Designer", "today 9am"):
            await user.send(answer)
        await user.send("Dana Lee, recruiter, dana@acme.com")
        assert env.engine is not None
        async with make_sessionmaker(env.engine)() as session:
            found = await repo.get_conversation(
                session, owner_id=await self._profile_id(env, user), name="main"
            )
        assert found is not None
        state, data = found
        assert state == "new.people"
        answers = data["answers"]
        assert answers["company"] == "Acme"
        # 9am in New York, kept as an ISO string with its offset
        assert datetime.fromisoformat(answers["interviewed_at"]) == datetime(
            2026, 11, 18, 14, 0, tzinfo=UTC
        )
        assert answers["people"] == [["Dana Lee", "recruiter", "dana@acme.com"]]

    async def test_a_conversation_stored_by_the_older_version_carries_on(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        legacy = {
            "answers": {
                "company": "Initech",
                "role": "",
                "interviewed_at": "2026-11-17T15:00:00+00:00",
                "people": [["Bob", "hiring_manager", None]],
                "said": "by Friday",
                "promised_by": "2026-11-20",
                "understood": "by Friday",
            },
            "history": ["company", "role", "when", "people", "timeline", "timeline_ok"],
        }
        await self._store(env, await self._profile_id(env, user), "new.vibe", legacy)
        await user.press_data("q:vibe:warm")
        assert "Saved" in text_of(await user.press_data("q:thanks:no"))
        (record,) = await interviews(env, user)
        assert record.company == "Initech"
        assert record.promised_by is not None and record.promised_by.isoformat() == "2026-11-20"
        assert [(p.name, p.role.value) for p in record.people] == [("Bob", "hiring_manager")]

    async def test_answers_that_do_not_fit_close_the_conversation_kindly(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        broken = {"answers": {"interviewed_at": "not a date", "vibe": "hot"}, "history": []}
        await self._store(env, await self._profile_id(env, user), "new.vibe", broken)
        reply = text_of(await user.send("warm"))
        assert "expired" in reply
        assert await interviews(env, user) == ()
        assert "nothing to cancel" in text_of(await user.send("/cancel"))


class TestOneSentence:
    """A new interview told in one message: only what is missing is asked, then a review."""

    async def test_a_promise_told_days_later_counts_from_the_interview(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)  # now: Wed 18 Nov 2026
        reply = text_of(
            await user.send(
                "interviewed with initech on nov 9, talked to kelly (recruiter). she said i'd "
                "hear back in a week. it went great"
            )
        )
        assert "Mon 16 Nov" in reply, reply  # a week from the interview, not from Wed 25
        await user.send("/skip")  # the role
        await user.press("Not yet")
        await user.press("Save")
        (record,) = await interviews(env, user)
        assert record.promised_by is not None and record.promised_by.isoformat() == "2026-11-16"
        reply = text_of(await user.send("its been over a week, should i follow up?"))
        assert "Go" in reply and "Wait" not in reply, reply  # the check-in is due, not weeks away

    async def test_opener_with_company_role_and_promise(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = text_of(
            await user.send(
                "I just had an interview at Razorpay for senior data analyst, hiring manager "
                "said theyd get back to me by the 15th"
            )
        )
        assert "Razorpay" in reply and "senior data analyst" in reply
        assert "Which company" not in reply and "Who did you meet" in reply
        await user.press("everyone")  # people
        await user.press("warm")
        review = text_of(await user.press("Not yet"))
        assert "Is this right?" in review and "Razorpay" in review
        saved = text_of(await user.press("Save"))
        assert "Saved" in saved and "Check-in" in saved
        (record,) = await interviews(env, user)
        assert record.company == "Razorpay" and record.promised_by is not None

    async def test_news_told_in_between_is_held_then_answered(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send(
            "I just had an interview at Razorpay for senior data analyst, hiring manager "
            "said theyd get back to me by the 15th"
        )
        await user.press("everyone")
        await user.press("warm")
        held = text_of(
            await user.send(
                "zomato made me an offer, they want an answer by friday. tell razorpay?"
            )
        )
        assert "come back to it" in held and "thank-you" in held  # the question again
        review = text_of(await user.press("Not yet"))
        assert "Is this right?" in review and "Zomato" not in review  # not taken as an answer
        after = text_of(await user.press("Save"))
        assert "Saved" in after and "what you told me a moment ago" in after
        assert "offer from Zomato" in after  # the update draft, with the news
        (record,) = await interviews(env, user)
        assert record.status is InterviewStatus.WAITING  # news from elsewhere closes nothing
        assert record.said == "theyd get back to me by the 15th"

    async def test_a_short_answer_is_never_held(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("had my interview at acme yesterday for the pm role, no date yet")
        await user.press("everyone")
        await user.press("warm")
        reply = text_of(await user.send("not yet, i will send it tonight"))
        assert "come back to it" not in reply and "Is this right?" in reply

    async def test_facts_told_in_between_are_noted_not_lost(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send(
            "had my interview at acme yesterday for the pm role with markus the hiring "
            "manager, no date yet"
        )
        await user.press("warm")
        noted = text_of(await user.send("also markus email is markus.b@acme.de"))
        assert "markus.b@acme.de" in noted and "thank-you" in noted
        review = text_of(await user.send("i sent the thank you last night"))
        assert "Is this right?" in review and "markus.b@acme.de" in review
        saved = text_of(await user.press("Save"))
        assert "done ✅" in saved
        (record,) = await interviews(env, user)
        assert record.thank_you_sent_at is not None

    async def test_a_bad_answer_to_a_button_question_is_told_so(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("had my interview at acme yesterday for the pm role, no date yet")
        await user.press("everyone")
        reply = text_of(await user.send("lena"))
        assert "tap one of the buttons" in reply and "How did it feel?" in reply

    async def test_a_person_named_picks_their_interview(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await new_interview(user, "Acme")  # met Dana Lee
        await user.send("had my interview at globex yesterday with the team, no date yet")
        await user.send("Priya, recruiter")
        await user.press("everyone")
        await user.press("warm")
        await user.press("Not yet")
        await user.press("Save")
        reply = text_of(await user.send("dana replied!! they want a second round next week"))
        assert "Which interview" not in reply and "Acme" in reply, reply
        by_company = {r.company: r for r in await interviews(env, user)}
        assert "next round with <b>Acme</b>" in reply  # their answer paused Acme, not Globex
        assert by_company["Acme"].status is InterviewStatus.REPLIED
        assert by_company["Globex"].status is not InterviewStatus.REPLIED

    async def test_a_thank_you_asks_for_one_thing_to_mention(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send(
            "had my interview at monzo yesterday for data engineer, met tom (hiring manager) "
            "and jess the recruiter, no date yet"
        )
        await user.press("warm")
        await user.press("Not yet")
        await user.press("Save")
        asked = text_of(await user.send("can u write a thank you to tom"))
        assert "one thing from the interview" in asked
        note = text_of(await user.send("the kafka migration"))
        assert "Dear Tom," in note and "Dear Jess," not in note  # only the one asked for
        assert "kafka migration" in note
        (record,) = await interviews(env, user)
        assert record.notes == "the kafka migration"
        again = text_of(await user.send("write the thank you notes"))
        assert "one thing from the interview" not in again  # asked once
        assert "Dear Tom," in again and "Dear Jess," in again

    async def test_the_thing_to_mention_can_be_skipped(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("had my interview at monzo yesterday for data engineer, no date yet")
        await user.press("everyone")
        await user.press("warm")
        await user.press("Not yet")
        await user.press("Save")
        await user.send("draft a thank you note")
        note = text_of(await user.send("nope"))
        assert "Thank you" in note and "nope" not in note

    async def test_two_interviews_in_one_message_are_taken_one_at_a_time(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = text_of(
            await user.send(
                "2 interviews this week - razorpay on monday (pm role) and cred yesterday for "
                "growth analyst. razorpay said theyll revert in 10 days, cred didnt say anything"
            )
        )
        assert "one at a time" in reply and "not sure what you mean" not in reply
        reply = text_of(
            await user.send("interview at razorpay on monday for the pm role, they said 10 days")
        )
        assert "Razorpay" in reply and "Who did you meet?" in reply  # the example works

    async def test_an_unread_message_about_an_interview_offers_the_questions(
        self, env: BotEnv
    ) -> None:
        user = env.user()
        await onboard(user)
        reply = text_of(await user.send("kal infosys mein interview tha, hr ne bola 2 hafte"))
        assert "about an interview" in reply and "not sure what you mean" not in reply
        reply = text_of(await user.press("step by step"))
        assert "Which company" in reply
        reply = text_of(
            await user.send("/cancel")
            + await user.send("interview at infosys yesterday, hr said 2 weeks")
        )
        assert "Infosys" in reply  # the example it gives is understood

    async def test_command_words_are_never_people(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send("had my interview at globex yesterday, no date yet")
        reply = text_of(await user.send("undo"))  # at the role: nothing before it
        assert "Added" not in reply and "What role" in reply
        await user.send("/skip")
        reply = text_of(await user.send("back"))  # at the people: back to the role
        assert "Added" not in reply and "What role" in reply
        await user.send("/skip")
        reply = text_of(await user.send("thats everyone"))
        assert "How did it feel?" in reply

    async def test_a_fact_fixed_from_the_review(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        await user.send(
            "had my interview at acme yesterday for the pm role, went great, no date yet"
        )
        await user.press("everyone")
        await user.press("Not yet")
        await user.press("Company")
        review = text_of(await user.send("Acme Corp"))
        assert "Is this right?" in review and "Acme Corp" in review

    async def test_another_language_gets_one_english_line(self, env: BotEnv) -> None:
        user = env.user()
        await onboard(user)
        reply = text_of(
            await user.send("Tive uma entrevista ontem na Nubank, quando devo mandar email?")
        )
        assert "only understand English" in reply


async def test_a_people_answer_without_a_name_adds_nobody(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    await user.send("Acme")
    await user.send("/skip")
    await user.press("Just now")
    reply = text_of(await user.send("ugh still nothing 😭"))
    assert "couldn't find a name" in reply


def test_typos_of_interview_and_yesterday_are_read() -> None:
    from bot.core.calendar import calendar_for
    from bot.core.understand import FrameIntent, understand

    cal = calendar_for("Asia/Kolkata", "IN")
    frame = understand(
        "interveiw w/ swiggy yday, hr priya said 1-2 wks",
        now=datetime(2026, 11, 30, 10, 10, tzinfo=cal.tz),
        cal=cal,
    )
    assert frame.intent is FrameIntent.NEW_INTERVIEW and frame.company == "swiggy"
    assert str(frame.interview_at) == "2026-11-29"
