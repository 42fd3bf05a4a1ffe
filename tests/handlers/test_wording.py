"""Small wording fixes: what /back says with no question open, and no stray spaces."""

from __future__ import annotations

from .harness import BotEnv, new_interview, onboard, text_of


async def test_back_with_no_question_open_talks_about_going_back(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    reply = text_of(await user.send("/back"))
    assert "cancel" not in reply.casefold()
    assert "go back" in reply
    assert reply == reply.strip()


async def test_an_answered_question_button_has_no_trailing_space(env: BotEnv) -> None:
    user = env.user()
    await onboard(user)
    await new_interview(user)
    for message in await user.press_data("q:vibe:warm"):  # from a conversation long finished
        assert message.text == message.text.strip(), repr(message.text)
        assert "already answered" in message.text


async def test_an_answered_question_button_inside_another_question_points_to_it(
    env: BotEnv,
) -> None:
    user = env.user()
    await onboard(user)
    await user.send("/new")
    reply = text_of(await user.press_data("q:vibe:warm"))
    assert reply == "That question was already answered. Answer the question above, or /cancel."
