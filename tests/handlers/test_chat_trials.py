"""Whole turns found wrong by chat trials (30 November 2026), through the real Application.

Each test types what an anxious user typed and checks the advice, not only the reading:
a follow-up told on the way counts before "should I?" is answered, "no news yet" keeps the
wait going, and an offer accepted is that interview's outcome.
"""

from __future__ import annotations

from .harness import BotEnv, interviews, new_interview, onboard, text_of


async def test_a_follow_up_told_in_the_question_counts_before_the_answer(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    reply = text_of(await user.send("i emailed dana today, can i call her tomorrow?"))
    assert "Logged: work e-mail to Dana Lee at Acme, today." in reply
    assert "<b>Wait</b>" in reply and "Go</b>" not in reply
    (record,) = await interviews(env, user)
    assert len(record.attempts) == 1


async def test_no_news_yet_is_not_their_answer(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    reply = text_of(
        await user.send("dana replied but just said no update yet, theyre still interviewing")
    )
    assert "isn't a decision" in reply
    assert "paused the reminders" not in reply
    done = text_of(await user.send("they didnt say"))
    assert "no date from them" in done
    (record,) = await interviews(env, user)
    assert record.status.value == "waiting"


async def test_no_date_typed_ends_the_date_question(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    await user.send("dana replied, no news yet")
    await user.send("no date")
    after = text_of(await user.send("i accepted an offer at acme"))
    assert "they made you an offer?" in after  # no longer caught by the date question


async def test_an_offer_accepted_is_confirmed_as_that_interviews_offer(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    reply = text_of(await user.send("acme offered me the job and i accepted!!"))
    assert "they made you an offer?" in reply
    assert "remain very interested" not in reply


async def test_deleting_one_interview_removes_only_that_one(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user, "Acme")
    await new_interview(user, "Globex")
    asked = text_of(await user.send("delete this interview pls, it was a duplicate"))
    assert "everything" not in asked
    confirm = text_of(await user.press("Globex"))
    assert "Your other interviews stay" in confirm
    assert [r.company for r in await interviews(env, user)] == ["Acme", "Globex"]  # not yet
    assert "Removed" in text_of(await user.press("Yes, remove"))
    assert [r.company for r in await interviews(env, user)] == ["Acme"]
    await user.send("remove the acme one")
    assert "Kept" in text_of(await user.press("No, keep"))
    assert [r.company for r in await interviews(env, user)] == ["Acme"]


async def test_deleting_my_data_still_asks_about_everything(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    assert "erases <b>everything</b>" in text_of(await user.send("delete my data"))


async def test_the_edit_menu_offers_removal(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    (record,) = await interviews(env, user)
    await user.press_data(f"ed:{record.id}")
    assert any("Remove this interview" in label for _, label, _ in user.last_buttons())


async def test_an_interview_still_to_come_is_wished_luck_not_planned(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    reply = text_of(await user.send("i have an interview at initech tmrw for the sales role"))
    assert "Good luck with Initech on Thu 19 Nov" in reply
    assert await interviews(env, user) == ()


async def test_a_next_round_to_come_is_their_answer_to_the_last(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user, "Acme")
    reply = text_of(await user.send("got invited to a second interview at acme on friday!!"))
    assert "next round" in reply.casefold()
    (record,) = await interviews(env, user)
    assert record.status.value == "replied"


async def test_corrections_in_passing_fix_the_interview_told_last(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user, "Acme")  # Wednesday 18 November, "by Friday" (20 Nov)
    fixed = text_of(await user.send("actually it was monday not wednesday"))
    assert fixed.startswith("✏️ Fixed:") and "Interviewed Mon 16 Nov" in fixed
    fixed = text_of(await user.send("sorry she said next friday not this friday"))
    assert "they'll answer by Fri 27 Nov" in fixed
    fixed = text_of(await user.send("no sorry the role is senior designer"))
    assert "— senior designer" in fixed
    (record,) = await interviews(env, user)
    assert (record.role, str(record.promised_by)) == ("senior designer", "2026-11-27")


async def test_corrections_while_telling_change_the_answer_so_far(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    for text in ("/new", "Globex", "designer"):
        await user.send(text)
    fixed = text_of(await user.send("no sorry the role is senior designer"))
    assert "Fixed: the role is senior designer." in fixed and "When was the interview?" in fixed
    await user.send("yesterday")
    fixed = text_of(await user.send("actually it was monday not tuesday"))
    assert "Fixed: the interview was Mon 16 Nov." in fixed and "Who did you meet?" in fixed


async def test_timezone_with_a_place_sets_it_at_once(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    reply = text_of(await user.send("/timezone tokyo"))
    assert "Asia/Tokyo" in reply
    assert "where are you" not in reply.casefold()


async def test_should_i_reminds_of_a_thank_you_still_due(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)  # this morning, thank-you "Not yet"
    reply = text_of(await user.send("should i follow up?"))
    assert "<b>Wait</b>" in reply
    assert "thank-you note is still due" in reply
    assert any("thank-you" in label.casefold() for _, label, _ in user.last_buttons())


async def test_new_with_words_reads_them_as_the_story(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    reply = text_of(await user.send("/new globex, backend dev"))
    assert "Company: <b>Globex</b>" in reply
    assert "Role: backend dev" in reply
    assert "When was the interview?" in reply  # the next thing not told yet


async def test_new_while_one_is_half_told_keeps_it(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    await user.send("Acme")
    kept = text_of(await user.send("/new"))
    assert "still in the middle of your interview with <b>Acme</b>" in kept
    assert "What role" in kept  # its question again: nothing dropped
    held = text_of(await user.send("/new initech"))
    assert "kept what you just wrote" in held
    assert "What role" in held


async def test_abbreviations_in_a_role_get_their_capitals(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    await user.send("acme")
    await user.send("senior ux designer")
    await user.send("today 9am")
    await user.send("/skip")
    await user.send("the recruiter said by Friday")
    await user.press("Yes")
    await user.press("warm")
    await user.press("Not yet")
    (record,) = await interviews(env, user)
    assert record.company == "Acme"
    assert record.role == "senior UX designer"


async def test_what_a_step_means_is_explained_not_decided(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    reply = text_of(await user.send("wait what's a check-in?"))
    assert "A <b>check-in</b> is one short, friendly e-mail" in reply
    assert "What comes next at Acme" in reply
    assert "Wait</b>" not in reply and "Go</b>" not in reply
    moving = text_of(await user.send("what do you mean by move on"))
    assert "<b>Time to move on</b>" in moving
    assert "not sure what you mean" not in moving


async def test_a_step_asked_about_mid_conversation_is_explained_then_asked_again(
    env: BotEnv,
) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    reply = text_of(await user.send("what's a thank you note?"))
    assert "<b>thank-you note</b>" in reply
    assert "Which company" in reply


async def test_several_undated_follow_ups_in_a_question_count(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    reply = text_of(await user.send("i emailed dana twice and called her once, should i call?"))
    assert "counted them as today" in reply
    assert "three times without a reply" in reply
    assert "twice without a reply" not in reply
    (record,) = await interviews(env, user)
    assert len(record.attempts) == 3


async def test_a_wrong_channel_is_not_a_stop_to_following_up(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    reply = text_of(await user.send("can i message dana on linkedin instead?"))
    assert "<b>Not this way</b>" in reply
    assert "work e-mail" in reply
    assert "<b>Stop</b>" not in reply


async def test_a_move_to_come_keeps_the_zone_until_then(env: BotEnv) -> None:
    user = env.user()
    await onboard(user, city="Berlin")
    reply = text_of(await user.send("im moving to london next week"))
    assert "Good luck with the move" in reply
    assert "/timezone london" in reply
    done = text_of(await user.send("i moved to london"))
    assert "Europe/London" in done
