"""Every fixed sentence the bot says, in one place so it can be reviewed and translated.

Texts here are HTML for Telegram. Anything the user typed is escaped by the caller
(``bot.telegram.html.esc``) before it is put into one of them.
"""

from __future__ import annotations

from typing import Final

WELCOME: Final = (
    "👋 <b>Hi, I'm HearBack.</b>\n"
    "I help you through the silence after a job interview: I plan your follow-ups "
    "(a thank-you, a check-in, at most one more, then a kind nudge to move on), remind you "
    "on the right business day, write the e-mails, and tell you honestly whether to call "
    "again: <b>go</b>, <b>wait</b> or <b>stop</b>, with the rule behind it."
)
ASK_ZONE: Final = (
    "First, where are you? Type your city (for example <i>Berlin</i> or "
    "<i>San Francisco</i>) or a time zone like <i>Europe/Paris</i>, or share your location "
    "with the 📎 button. I use it to remind you at a sensible local time."
)
ZONE_NOT_FOUND: Final = (
    "I couldn't find that place. Try a larger city nearby, or a time zone name such as "
    "<i>America/New_York</i>."
)
ZONE_PICK: Final = "I found a few places with that name. Which one is yours?"
ASK_HOUR: Final = (
    "When should my reminders arrive? Pick an hour, or type one like <i>9</i> or "
    "<i>14:30</i>. (Reminders only come on business days, S6.)"
)
HOUR_BAD: Final = "Please send an hour between 7 and 21, like <i>10</i> or <i>9:30</i>."
ONBOARDED: Final = (
    "All set. Whenever you finish an interview, send /new or just tell me "
    '(<i>"I just had an interview at Acme"</i>).'
)

ASK_COMPANY: Final = "Which company was the interview with?"
ASK_ROLE: Final = "What role was it for? (/skip if you'd rather not say)"
ASK_WHEN: Final = (
    "When was the interview? For example <i>today 2pm</i>, <i>yesterday</i> or "
    "<i>18 November</i>. Tap <b>Just now</b> if it just ended."
)
WHEN_BAD: Final = (
    "I couldn't read that as a time in the past. Try <i>today 2pm</i>, <i>yesterday</i> or "
    "a date like <i>18 November</i>."
)
ASK_PEOPLE: Final = (
    "Who did you meet? Send one person per message, like "
    "<i>Dana Lee, recruiter, dana@acme.com</i> (role and work e-mail are optional). "
    "Tap <b>That's everyone</b> when done, or /skip."
)
ASK_TIMELINE: Final = (
    "What did they say about when you'd hear back? Type it as they said it "
    '(<i>"within two weeks"</i>, <i>"by Friday"</i>, <i>"early next week"</i>).'
)
TIMELINE_UNKNOWN: Final = (
    "I couldn't find a date in that, so I won't guess (T4). You can rephrase it, or tap "
    "<b>They didn't say</b>."
)
TIMELINE_TIP: Final = (
    "Tip for next time (T1): at the end of an interview, ask when they expect to decide. "
    "It makes the wait much easier to plan."
)
ASK_VIBE: Final = "How did it feel?"
ASK_THANK_YOU: Final = "Have you already sent a thank-you note?"
CANCELLED: Final = "Okay, I've left that. Nothing was saved from it."
NOTHING_TO_CANCEL: Final = "There's nothing to cancel right now."
NOTHING_TO_GO_BACK: Final = "That's the first question; there's nothing before it. /cancel leaves."
NOTHING_TO_SKIP: Final = "There's no question open that can be skipped."
CANNOT_SKIP: Final = "I need an answer to this one, sorry. /cancel leaves."
EXPIRED: Final = "That button has expired. Send /list to see your interviews."
NO_INTERVIEWS: Final = "You haven't told me about any interview yet. Send /new to start."
PICK_INTERVIEW: Final = "Which interview?"
ERROR: Final = (
    "Sorry, something went wrong on my side. Nothing you told me before was lost; please try "
    "again in a moment."
)
TOO_LONG_NOTE: Final = "(I kept the first {limit} characters.)"
PERSONAL_EMAIL: Final = (
    "⚠️ That looks like a personal address. Follow-ups belong on work channels only (G5): "
    "use their work e-mail if you have it."
)
DELETE_CONFIRM: Final = (
    "This erases <b>everything</b> I know about you: interviews, people, follow-ups and "
    "reminders. It can't be undone. Sure?"
)
DELETED: Final = "Done: all your data is erased. If you come back, /start begins afresh."
DELETE_KEPT: Final = "Kept everything as it was."
TONE_ASK: Final = "Paste the draft you want me to check."
TONE_OK: Final = (
    "✅ That reads calm and professional (G10). Before sending: reread it once more, and put "
    "the recipient's address in last."
)
RECIPIENT_LAST: Final = (
    "Reminder (G10): cool off, reread, and put the recipient's address in <b>last</b>."
)
UNKNOWN: Final = "I'm not sure what you mean."
EMPTY: Final = "I didn't catch any words there."
