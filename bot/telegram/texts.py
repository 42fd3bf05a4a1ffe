"""Every fixed sentence the bot says in the chat, in one catalogue to review and translate.

Each sentence is wrapped in :func:`_` (or :func:`ngettext` where it counts something), the
markers from :mod:`bot.core.i18n` that ``pybabel extract -F babel.cfg`` looks for
(``tests/test_texts.py`` runs it), so a translation can be added by replacing those two
functions, without touching the handlers.
Placeholders are ``str.format`` fields with names (``{company}``), filled by the caller.

Texts here are HTML for Telegram. Anything the user typed is escaped by the caller
(``bot.telegram.html.esc``) before it is put into one of them; button labels are plain text.
No sentence shows a rule id: the ids stay in the code, and a "Why?" button explains a rule
in plain words (``bot.core.coaching.explain``).
"""

from __future__ import annotations

from typing import Final

from bot.core.i18n import _, ngettext
from bot.core.progress import StepState
from bot.core.records import InterviewStatus
from bot.core.types import Channel, DraftKind, Outcome, Recipient, StepKind, Verdict, Vibe

# --- everywhere ----------------------------------------------------------------------------

WELCOME: Final = _(
    "👋 <b>Hi, I'm HearBack.</b>\n"
    "I help you through the silence after a job interview: I plan your follow-ups "
    "(a thank-you, a check-in, at most one more, then a kind nudge to move on), remind you "
    "on the right business day, write the e-mails, and tell you honestly whether to call "
    "again: <b>go</b>, <b>wait</b> or <b>stop</b>, with the rule behind it."
)
ASK_ZONE: Final = _(
    "First, where are you? Type your city (for example <i>Berlin</i> or "
    "<i>San Francisco</i>) or a time zone like <i>Europe/Paris</i>, or share your location "
    "with the 📎 button. I use it to remind you at a sensible local time."
)
ZONE_NOT_FOUND: Final = _(
    "I couldn't find that place. Try a larger city nearby, or a time zone name such as "
    "<i>America/New_York</i>."
)
ZONE_PICK: Final = _("I found a few places with that name. Which one is yours?")
ZONE_GREETING: Final = _(
    "Hi! 👋 To set you up, I just need to know roughly where you are: which city are you "
    "in? A time zone such as <i>Europe/Paris</i> or <i>EST</i> works too."
)
ZONE_WHY: Final = _(
    "I only use it to send your reminders at a sensible hour on your working days, and to "
    "skip your public holidays. A big city near you is enough, for example <i>London</i> or "
    "<i>Mumbai</i>, or a time zone such as <i>UTC+2</i>."
)
ZONE_NEEDED: Final = _(
    "I do need a rough idea to time your reminders, but nothing precise: a big city near "
    "you, or just a time zone like <i>UTC</i> or <i>PST</i>, is enough."
)
ZONE_ASK_AGAIN: Final = _(
    "Which city are you in? For example <i>Berlin</i> or <i>Toronto</i>; a time zone such "
    "as <i>EST</i> or <i>UTC+1</i> works too."
)
ZONE_DID_YOU_MEAN: Final = _("I couldn't find “{place}”. Did you mean one of these?")
ZONE_DID_YOU_MEAN_ONE: Final = _("I couldn't find “{place}”. Did you mean this one?")
ZONE_TIME_FIRST: Final = _(
    "Thanks, I'll ask for the reminder time right after this. First, which city or time "
    "zone are you in?"
)
ZONE_NOT_FOUND_NAMED: Final = _(
    "I couldn't find “{place}”. Try a larger city nearby (you can add the country, like "
    "<i>Portland, US</i>), or a time zone such as <i>America/New_York</i> or <i>UTC+1</i>."
)
ASK_HOUR: Final = _(
    "When should my reminders arrive? Pick an hour, or type any time from 07:00 to 21:00, "
    "like <i>9</i>, <i>14:30</i> or <i>7:30pm</i>. (Reminders only come on business days.)"
)
HOUR_BAD: Final = _(
    "Please send a time between 07:00 and 21:00, like <i>10</i>, <i>14:30</i> or <i>7:30pm</i>."
)
ONBOARDED_SHORT: Final = _("All set.")
HELD_FOR_SETUP: Final = _(
    "I've kept what you just wrote and I'll come back to it right after this quick setup."
)
ONBOARDED: Final = _(
    "All set. Whenever you finish an interview, send /new or just tell me "
    '(<i>"I just had an interview at Acme"</i>).'
)
ASK_COMPANY: Final = _("Which company was the interview with?")
ASK_ROLE: Final = _("What role was it for? (/skip if you'd rather not say)")
ASK_WHEN: Final = _(
    "When was the interview? For example <i>today 2pm</i>, <i>yesterday</i> or "
    "<i>18 November</i>. Tap <b>Just now</b> if it just ended."
)
WHEN_BAD: Final = _(
    "I couldn't read that as a time in the past. Try <i>today 2pm</i>, <i>yesterday</i> or "
    "a date like <i>18 November</i>."
)
WHEN_IMPOSSIBLE: Final = _(
    "{clock} isn't a time on the clock: hours go from 0 to 23 (or 1 to 12 with am/pm) and "
    "minutes from 0 to 59. When was it? For example <i>yesterday at 15:00</i>."
)
WHEN_AHEAD: Final = _(
    "That's still ahead of us. I plan follow-ups from when the interview ended: come back "
    "once it's over and tap <b>Just now</b>, or tell me when it was if it already happened."
)
WHEN_TOO_OLD: Final = _(
    "That's more than a year ago, further back than I can plan follow-ups for. Did you mean "
    "a more recent date? For example <i>yesterday</i> or <i>18 November</i>."
)
ASK_PEOPLE: Final = _(
    "Who did you meet? Send one person per message, like "
    "<i>Dana Lee, recruiter, dana@acme.com</i> (role and work e-mail are optional). "
    "Tap <b>That's everyone</b> when done, or /skip."
)
ASK_TIMELINE: Final = _(
    "What did they say about when you'd hear back? Type it as they said it "
    '(<i>"within two weeks"</i>, <i>"by Friday"</i>, <i>"early next week"</i>).'
)
TIMELINE_UNKNOWN: Final = _(
    "I couldn't find a date in that, so I won't guess. You can rephrase it, or tap "
    "<b>They didn't say</b>."
)
TIMELINE_TOO_FAR: Final = _(
    "{day} is more than a year away, further than any hiring timeline I can plan around. "
    "Did they name a nearer date? Tell me again as they said it, or tap "
    "<b>They didn't say</b>."
)
TIMELINE_TIP: Final = _(
    "Tip for next time: at the end of an interview, ask when they expect to decide. "
    "It makes the wait much easier to plan."
)
ASK_VIBE: Final = _("How did it feel?")
ASK_THANK_YOU: Final = _("Have you already sent a thank-you note?")
CANCELLED: Final = _("Okay, I've left that. Nothing was saved from it.")
NOTHING_TO_CANCEL: Final = _("There's nothing to cancel right now.")
NO_QUESTION_TO_GO_BACK: Final = _(
    "There's no question open, so there's nothing to go back to. Send /help to see what I can do."
)
NOTHING_TO_GO_BACK: Final = _(
    "That's the first question; there's nothing before it. /cancel leaves."
)
NOTHING_TO_SKIP: Final = _("There's no question open that can be skipped.")
CANNOT_SKIP: Final = _("I need an answer to this one, sorry. /cancel leaves.")
EXPIRED: Final = _("That button has expired. Send /list to see your interviews.")
NO_INTERVIEWS: Final = _("You haven't told me about any interview yet. Send /new to start.")
BACK_TO_QUESTION: Final = _("Now, back to where we were:")
ONE_AT_A_TIME: Final = _(
    "Sounds like more than one interview, well done! Let's take them one at a time so each "
    "gets its own plan. Tell me about the first, for example <i>interview at razorpay on "
    "tuesday for the pm role, they said 10 days</i>, then the next the same way."
)
BUTTON_FIRST_ONE: Final = _("➕ Start with the first")
PICK_INTERVIEW: Final = _("Which interview?")
DB_FAULT: Final = _(
    "Sorry, I can't save anything right now: my storage has a problem. What you told me "
    "before is safe. If I haven't answered in a few minutes, please send that again."
)
ERROR: Final = _(
    "Sorry, something went wrong on my side. Nothing you told me before was lost; please try "
    "again in a moment."
)
PERSONAL_EMAIL: Final = _(
    "⚠️ That looks like a personal address. Follow-ups belong on work channels only: "
    "use their work e-mail if you have it."
)
DELETE_CONFIRM: Final = _(
    "This erases <b>everything</b> I know about you: interviews, people, follow-ups and "
    "reminders. It can't be undone. Sure?"
)
DELETED: Final = _("Done: all your data is erased. If you come back, /start begins afresh.")
NO_ACCOUNT: Final = _("I don't have anything stored for you. Send /start to begin.")
DELETE_KEPT: Final = _("Kept everything as it was.")
TONE_ASK: Final = _("Paste the draft you want me to check.")
TONE_OK: Final = _(
    "✅ That reads calm and professional. Before sending: reread it once more, and put "
    "the recipient's address in last."
)
RECIPIENT_LAST: Final = _(
    "Reminder: cool off, reread, and put the recipient's address in <b>last</b>."
)
UNKNOWN: Final = _("I'm not sure what you mean.")
ABOUT_AN_INTERVIEW: Final = _(
    "This sounds like it's about an interview, but I couldn't read it all; I read English "
    "best. Tell me in one sentence, like <i>interview at infosys yesterday, hr said 2 weeks"
    "</i>, or tap below and I'll ask step by step."
)
ABOUT_AN_INTERVIEW_EN: Final = _(
    "This sounds like it's about an interview, but I couldn't tell what you'd like me to do. "
    "You can tell me about one in a sentence, like <i>interview at infosys yesterday, hr "
    "said 2 weeks</i>, ask <i>should I e-mail the recruiter?</i>, or tap below and I'll ask "
    "step by step."
)
BUTTON_STEP_BY_STEP: Final = _("➕ Tell me step by step")
EMPTY: Final = _("I didn't catch any words there.")


# --- commands: the menu and /help ------------------------------------------------------------

HELP_NEW: Final = _("Tell me about an interview you just had")
HELP_LIST: Final = _("All your interviews and what comes next")
HELP_STATUS: Final = _("One interview's full plan and history")
HELP_SHOULDI: Final = _("Should I call or e-mail again? Go, wait or stop")
HELP_DRAFT: Final = _("Write a thank-you, check-in or other e-mail")
HELP_LOG: Final = _("Record a follow-up you made")
HELP_REPLY: Final = _("Record that they replied, or the outcome")
HELP_TONE: Final = _("Check a draft's tone before you send it")
HELP_WHY: Final = _("Why haven't they called?")
HELP_CALM: Final = _("A few words for the anxious wait")
HELP_CALENDAR: Final = _("Your follow-up plan as a calendar file")
HELP_TIMEZONE: Final = _("Change your time zone")
HELP_SETTINGS: Final = _("Time zone, reminder time, country")
HELP_EXPORT: Final = _("Download all your data")
HELP_DELETE: Final = _("Erase all your data")
HELP_CANCEL: Final = _("Leave the current question")
HELP_HELP: Final = _("What I can do")
HELP_TITLE: Final = _("<b>What I can do</b>")
HELP_LINE: Final = "/{command} — {line}"
HELP_FREE_TEXT: Final = _(
    "You can also just write to me: <i>“should I call again?”</i>, "
    "<i>“I emailed the recruiter today”</i>, <i>“they rejected me”</i>."
)
WELCOME_BACK: Final = _("Welcome back! Send /new after an interview, or /help.")
ZONE_FIRST: Final = _("Before the interview, one thing about you:")
SUGGEST: Final = _("{opening} Here's what I can do for you — or send /help for the whole list.")
ONLY_TEXT: Final = _(
    "I can only read text (and a shared location for your time zone). "
    "Tell me in words, or send /help."
)
ALREADY_ANSWERED: Final = _("That question was already answered.")
ANSWER_ABOVE: Final = _("Answer the question above, or /cancel.")
PICK_A_BUTTON: Final = _("Please tap one of the buttons below, or /cancel to stop here.")
THANKS_NOT_YET_NOTED: Final = _("Noted: no thank-you yet. I'll offer a draft once this is saved.")
PERSON_NOTED: Final = _("Noted for {name}: {email}.")
HELD_FOR_LATER: Final = _(
    "I've kept what you just wrote and I'll come back to it as soon as this interview is "
    "saved. First, one more thing:"
)
NEW_WITH_WORDS: Final = _("I had an interview at {words}")
"""How the words after /new are read (and shown back, if held): as the start of the story."""
FINISH_THIS_ONE_FIRST: Final = _(
    "We're still in the middle of your interview with <b>{company}</b>, so I've kept it. "
    "Let's finish it first (or send /cancel to drop it), then tell me about the next one."
)
BACK_TO_HELD: Final = _("Now, what you told me a moment ago: <i>{text}</i>")
OK_REMIND: Final = _("👍 I'll remind you when it's time. /list shows everything.")

# --- onboarding and settings ------------------------------------------------------------------

ZONE_SET: Final = _("Got it: <b>{zone}</b>, where it's now {weekday} {time}.")
ZONE_HOLIDAYS: Final = _(" Holidays: {country}.")
HOUR_NOW: Final = _(" Now: {time}.")
HOUR_SET: Final = _("Reminders will come at <b>{time}</b> your time, on business days.")
ASK_COUNTRY: Final = _(
    "Which country's public holidays should I skip? Send a two-letter code like "
    "<i>US</i>, <i>DE</i> or <i>GB</i>. Now: <b>{country}</b>."
)
COUNTRY_BAD: Final = _(
    "I don't know that country code. Try two letters, like <i>US</i> or <i>FR</i>."
)
COUNTRY_SET: Final = _("Holidays now follow <b>{country}</b>.")
NONE_SET: Final = _("none")
NOT_SET: Final = _("not set")
SETTINGS: Final = _(
    "<b>Your settings</b>\n"
    "Time zone: <b>{zone}</b>\n"
    "Reminder time: <b>{time}</b>\n"
    "Holidays of: <b>{country}</b>"
)
BUTTON_ZONE: Final = _("Time zone")
BUTTON_HOUR: Final = _("Reminder time")
BUTTON_COUNTRY: Final = _("Holiday country")

# --- a new interview ----------------------------------------------------------------------------

BUTTON_JUST_NOW: Final = _("Just now")
INTERVIEW_AT: Final = _("Interview: <b>{when}</b>.")
PEOPLE_SO_FAR: Final = _(" So far: {count}.")
BUTTON_EVERYONE: Final = _("That's everyone")
PEOPLE_FULL: Final = _("That's {limit} people, the most I keep for one interview.")
PERSON_ADDED: Final = _("Added <b>{name}</b> ({role})")
PERSON_EMAIL: Final = ", {email}"
ANYONE_ELSE: Final = _(". Anyone else? Send the next person, or tap <b>That's everyone</b>.")
BUTTON_NO_DATE: Final = _("They didn't say")
NO_DATE: Final = _("Okay, no date: I'll plan from the interview day (two working weeks).\n{tip}")
VIBE_NOTED_AS: Final = _("Noted: it felt {vibe}. Now, the date:")
READ_AS: Final = _("I read that as: <i>{understood}</i>. {unknown}")
CONFIRM_DATE: Final = _("So, by <b>{day}</b>? <i>({understood})</i>")
COUNTED_FROM_INTERVIEW: Final = _("{reason}, counted from the interview on {day}")
BUTTON_YES: Final = _("Yes")
BUTTON_REPHRASE: Final = _("No, rephrase")
BUTTON_SENT_YES: Final = _("Yes, sent")
BUTTON_NOT_YET: Final = _("Not yet")
THE_COMPANY: Final = _("the company")
UPDATED: Final = _("Updated.")
NEW_DATE_NOTED: Final = _(
    "New date noted: the plan starts again from it; your earlier follow-ups still count."
)
NO_NEW_DATE_NOTED: Final = _(
    "Noted: no date from them. The plan below keeps going; your earlier follow-ups still count."
)
ASK_DETAIL: Final = _(
    "Is there one thing from the interview you'd like your note to mention? A few words are "
    "enough, like <i>the data platform migration</i> or <i>their plans for the mobile app</i>. "
    "Or tap <b>Skip</b>."
)
BUTTON_SKIP_DETAIL: Final = _("Skip")
ASK_NEWS: Final = _(
    "What is the real news? (a competing offer, a move, a promotion.) Only share "
    "something true; I'll put it in the draft as you write it."
)

# --- one interview: its card --------------------------------------------------------------------

INTERVIEWED: Final = _("Interviewed {when}")
ANSWER_BY: Final = _("they'll answer by {day}")
NO_DATE_GIVEN: Final = _("no date given")
FELT: Final = _("felt {vibe}")
MET: Final = _("met {names}")
PERSON_IN_ROLE: Final = "{name} ({role})"
SAVED: Final = _("Saved: {title}")
YOUR_PLAN: Final = _("<b>Your plan</b>")
BUTTON_DRAFT_THANKS: Final = _("✍️ Draft the thank-you")
BUTTON_EDIT: Final = _("✏️ Edit")
BUTTON_DONE: Final = _("👍 Done")
BUTTON_SENT_IT: Final = _("I sent it ✅")
BUTTON_SENT_LOG: Final = _("I sent it: log it")

# --- lists and status ---------------------------------------------------------------------------

YOUR_INTERVIEWS: Final = _("<b>Your interviews</b>")
LIST_LINE: Final = "{number}. {title} · {status}"
LIST_NEXT: Final = " · {next}"
LIST_BUTTON: Final = "{number}. {label}"
YOUR_INTERVIEWS_PAGE: Final = _("<b>Your interviews</b> (page {page} of {pages})")
LIST_EARLIER: Final = _("‹ Earlier")
LIST_LATER: Final = _("Later ›")
TOO_MANY_OPEN: Final = _(
    "You have {count} interviews waiting for news, the most I can follow at once. "
    "When you hear back from one, tell me (or mark it in /list), then send /new again."
)
EDIT_HINT: Final = _(
    "I read each message once, so editing it doesn't change what I have. "
    "If something needs correcting, just send it again as a new message."
)
LOCATION_NOT_ASKED: Final = _(
    "Thanks, but I only use a location to set your time zone. Send /timezone if you'd like "
    "to change it."
)
SAVE_LATER: Final = _(
    "Sorry, I couldn't save that just now. I've kept your message and will try again in a "
    "moment, so there's no need to send it again."
)
GAVE_UP: Final = _(
    "Sorry, something went wrong on my side and I couldn't handle that message. "
    "Please try again in a moment, or send /help."
)
SLOW_DOWN: Final = _(
    "That's a lot of messages at once, so I've skipped some of them. "
    "Give me a moment, then send the one you need again."
)
STATUS_HEAD: Final = "{title} · {status}"
ALL_CLOSED: Final = _("All your interviews are closed. Send /new when you have another one.")
THEY_SAID: Final = _("They said: <i>{said}</i>")
THANKS_SENT: Final = _("Thank-you: sent ✅")
THANKS_NOT_YET: Final = _("Thank-you: not yet")
PLAN: Final = _("<b>Plan</b>")
NONE_ITEM: Final = _("• none")
YOUR_FOLLOW_UPS: Final = _("<b>Your follow-ups</b>")
FOLLOW_UP_LINE: Final = _("• {when}: {channel} to the {recipient}")
FOLLOW_UP_ANSWERED: Final = _(" — answered")
NONE_YET: Final = _("• none yet")
BUTTON_SHOULD_I: Final = _("Should I follow up?")
BUTTON_DRAFT: Final = _("Draft")
BUTTON_LOG: Final = _("Log a follow-up")
BUTTON_THEY_REPLIED: Final = _("They replied")
BUTTON_CALENDAR: Final = _("📅 Calendar")

# --- follow-ups, replies, "should I?", drafts ---------------------------------------------------

HOW_FOLLOWED_UP: Final = _("How did you follow up?")
TO_WHOM: Final = _("To whom?")
LOGGED: Final = _("Logged: {channel} to the {recipient} at {company}, today.")
WORK_CHANNELS: Final = _("Next time, keep to work channels: work e-mail or office phone.")
WHAT_NEXT: Final = _("<b>What comes next</b>")
WHAT_NEXT_AT: Final = _("<b>What comes next at {company}</b>")
TERMS: Final = {
    "check_in": _(
        "A <b>check-in</b> is one short, friendly e-mail asking whether they have news on "
        "their decision. It goes out two business days after the date they gave you (never "
        "on that day itself), or two working weeks after the interview if they gave no date. "
        "I remind you when it's due and can draft it for you."
    ),
    "thank_you": _(
        "A <b>thank-you note</b> is a short e-mail to the people you met: thanks for their "
        "time, one thing you enjoyed talking about, and that you're still keen. It's best "
        "sent within a day of the interview, and it never counts as pestering."
    ),
    "second": _(
        "The <b>second follow-up</b> is one more polite e-mail if your check-in gets no "
        "answer, a working week after it. It's the last one: two unanswered messages is the "
        "limit. After an interview that felt chilly I leave it out."
    ),
    "follow_up": _(
        "A <b>follow-up</b> is a message you send after the interview to ask about their "
        "decision: first the check-in, then at most one more if that goes unanswered. Beyond "
        "two unanswered messages, more would hurt more than help."
    ),
    "move_on": _(
        "<b>Time to move on</b> comes a working week after your last follow-up if nobody has "
        "answered. It doesn't mean you did anything wrong: a silence that long is usually an "
        "answer in itself. I stop the reminders for that interview (a late reply still "
        "counts: just tell me), and your energy goes to the next ones."
    ),
}
BUTTON_UNDO: Final = _("↩️ Undo")
ATTEMPT_GONE: Final = _("That follow-up is already removed, or the button has expired.")
ATTEMPT_REMOVED: Final = _("Removed that follow-up from {title}; the plan is as before.")
WHAT_HAPPENED: Final = _("What happened with {company}?")
REPLY_REPLIED: Final = _("They replied, no decision yet")
REPLY_NEW_DATE: Final = _("They gave a new date")
REPLY_OFFER: Final = _("I got an offer 🎉")
REPLY_REJECTED: Final = _("They said no")
REPLY_CLOSED: Final = _("The position was closed")
REPLY_WITHDREW: Final = _("I withdrew")
REOPENED: Final = _("Reopened {title}: the reminders are back.")
WHICH_ANSWERED: Final = _(
    "Reopened {title}: the reminders are back. When you told me they replied, I marked your "
    "follow-ups as answered. Which of them really got an answer? The ones that did not "
    "count again toward your plan."
)
BUTTON_ANSWERED_NONE: Final = _("None of them")
BUTTON_ANSWERED_ALL: Final = _("All of them")
BUTTON_ANSWERED_ONLY: Final = _("Only {when}: {channel}")
ANSWERED_NOTED: Final = _("Noted for {title}.")
WITHDRAWN: Final = _(
    "Noted: you withdrew from {title}. I've closed it and stopped its reminders. "
    "Good luck with what comes next."
)
WITHDRAWN_ALREADY: Final = _("Already noted: you withdrew from {title}.")
WITHDRAW_CLOSED: Final = _(
    "{title} is already closed ({status}), so there is nothing to withdraw from."
)
NEWS_NOTED: Final = _(
    "Noted. Sharing real news doesn't count as a follow-up, so your plan stays as it is."
)
REPLIED_WORD: Final = _(
    "They got back to you, so that counts as their answer and I've paused the reminders. "
    "If they gave you a new date, tap below and I'll plan from it."
)
OUTCOME_WORDS: Final = {
    Outcome.OFFER: _("Congratulations! 🎉 That's wonderful news. I've stopped the reminders."),
    Outcome.REJECTED: _(
        "I'm sorry. It stings, and it says less about you than it feels like. "
        "I've stopped the reminders. One polite request for feedback is fine, if you want it."
    ),
    Outcome.CLOSED: _(
        "That's frustrating, and not about you: roles get cut or frozen all the time. "
        "I've stopped the reminders."
    ),
    Outcome.WITHDREW: _("Noted, and good for you for deciding. I've stopped the reminders."),
}
OUTCOME_SAID: Final = "{title}: {word}"
BUTTON_FEEDBACK: Final = _("Draft a feedback request")
BUTTON_WITHDRAW_OTHER: Final = _("Draft a withdrawal for another one")
BUTTON_STILL_WAITING: Final = _("↩️ Undo: still waiting")
HOW_CONTACT: Final = _("How would you contact {company}?")
AND_WHOM: Final = _("And whom?")
BUTTON_DRAFT_KIND: Final = _("✍️ Draft: {kind}")
BUTTON_DID_IT: Final = _("I did it: log it")
VERDICT_FOR: Final = _("<b>{company}</b>, {channel} to the {recipient}:\n{decision}")
WHICH_DRAFT: Final = _("Which draft?")
THANKS_ALREADY: Final = _("Already noted: the thank-you is sent. ✅")
THANKS_NOTED: Final = _("Thank-you noted as sent. ✅ Nice work.")
THANKS_NOTED_FOR: Final = _("Noted: your thank-you to {company} is sent. ✅ Nice work.")
EDIT_WHAT: Final = _("What should I change for {company}?")
EDIT_COMPANY: Final = _("Company")
EDIT_ROLE: Final = _("Role")
EDIT_WHEN: Final = _("When")
EDIT_TIMELINE: Final = _("Their timeline")
EDIT_VIBE: Final = _("How it felt")
EDIT_REMOVE: Final = _("🗑 Remove this interview")
REMOVE_CONFIRM: Final = _(
    "Remove {title} with its people, follow-ups and reminders? Your other interviews stay "
    "as they are. This can't be undone."
)
BUTTON_REMOVE: Final = _("Yes, remove it")
REMOVED: Final = _("🗑 Removed {title}. Everything else is as it was.")
REMOVE_KEPT: Final = _("Kept {title} as it was.")
COACHING: Final = "<b>{title}</b>\n{text}"

# --- the picture of the wait ----------------------------------------------------------------

BUTTON_PICTURE: Final = _("🖼 Show as picture")
PICTURE_CAPTION: Final = _("Your wait with {company}, as it stands today.")
PICTURE_TITLE: Final = "{company} · {role}"
PICTURE_SUBTITLE: Final = _("Your wait, step by step")
PICTURE_INTERVIEW: Final = _("Interview")
PICTURE_PROMISED: Final = _("Their date")
PICTURE_TODAY: Final = _("Today")
PICTURE_OPEN_UNTIL: Final = _("open until {until}")
PICTURE_STATES: Final = {
    StepState.DUE: _("due"),
    StepState.OPEN: _("open now"),
    StepState.DONE: _("done"),
    StepState.SKIPPED: _("not needed now"),
    StepState.PASSED: _("passed"),
}
PICTURE_FILE: Final = "hearback-timeline-{id}.png"
PICTURE_FONT: Final = "DejaVuSans.ttf"  # a font file's name, found in the system's font folders

# --- files --------------------------------------------------------------------------------------

CALENDAR_EMPTY: Final = _("There's nothing planned for {company} to put in a calendar.")
CALENDAR_FILE: Final = "hearback-{name}.ics"
CALENDAR_PRODID: Final = "-//HearBack//follow-up plan//EN"  # the iCalendar producer id
CALENDAR_UID: Final = "hearback-{id}@hearback"
CALENDAR_FALLBACK_NAME: Final = "interview"
CALENDAR_CAPTION: Final = _("Your follow-up plan for your calendar 📅")
CALENDAR_EVENT: Final = _("{step}: {company}")
CALENDAR_DESCRIPTION: Final = _("A step of your HearBack follow-up plan.")
EXPORT_FILE: Final = "hearback-export.json"
EXPORT_CAPTION: Final = _("Everything I store about you, as JSON.")
EXPORT_PREPARING: Final = _("Preparing your file… you have a lot stored, so it takes a moment. ⏳")
EXPORT_TRUNCATED: Final = _(
    "You have more stored than one file can carry, so this file holds the first {size} MB of "
    "it: your settings and your oldest records."
)
EXPORT_GONE: Final = _("There's nothing stored about you any more, so there is no file to send.")
BUTTON_ERASE: Final = _("Yes, erase everything")
BUTTON_KEEP: Final = _("No, keep it")

# --- the nudges ---------------------------------------------------------------------------------

NUDGE_ALREADY: Final = {
    "done": _("Already done ✅"),
    "snoozed": _("Already snoozed ⏰"),
    "replied": _("Already noted: they replied."),
    "stopped": _("Already stopped: no more reminders for this interview."),
}
"""What a nudge button press recorded on the nudge, and how to say it when pressed again."""
NUDGE_DEALT_WITH: Final = _("That reminder was already dealt with. /list shows what comes next.")
NUDGE_SNOOZED_AGAIN: Final = _("{already} I'll remind you again {when}.")
NUDGE_CLOSED: Final = _(
    "{title} is already closed ({status}), so there is nothing left to do for it."
)
YOUR_INTERVIEW: Final = _("your interview")
NUDGE_TITLE: Final = "<b>{company}</b>{role}"
NUDGE_ROLE: Final = " — {role}"
NUDGE_THANK_YOU: Final = _(
    "✉️ <b>Thank-you note</b> for {title}\n"
    "A short thank-you to everyone who interviewed you keeps you in mind while they "
    "decide. It is best sent within a day of the interview: until {until}."
)
NUDGE_CHECK_IN_DATE: Final = _(
    "They said you would hear back by {day}, and at least two business days "
    "have passed since, so a check-in is welcome now."
)
NUDGE_CHECK_IN_NO_DATE: Final = _(
    "They gave no date, and at least two working weeks have passed since the interview "
    "on {day}: a fair moment to ask where things stand."
)
NUDGE_CHECK_IN: Final = _(
    "📬 <b>Today is a good day for your check-in</b> with {title}\n{why}\n"
    "Bring something useful, such as an article or a piece of news that matters to "
    "them, and one line saying you are still keen. Work e-mail is the right channel."
)
NUDGE_CHECK_IN_AGAIN: Final = _(
    "📬 <b>Did you check in</b> with {title}?\n"
    "On {day} I suggested a check-in, and none is logged yet. If you sent it, tap "
    "<b>Done</b> and I'll count the next step from it; if not, today is still a good day "
    "for it."
)
NUDGE_SECOND: Final = _(
    "🔁 <b>One more follow-up</b> with {title}\n"
    "Your check-in went on {day}, at least five business days ago, with no answer logged, "
    "so a second, short note is fine today. It is the last one to this person: after two "
    "unanswered follow-ups, more would hurt rather than help."
)
NUDGE_HIRING_MANAGER: Final = _(
    "🧭 <b>A note to the hiring manager</b> at {title}\n"
    "Your two follow-ups, the last on {day}, went unanswered, so one respectful note to "
    "the hiring manager is fair now: show your enthusiasm and what you would bring, and "
    "never blame anyone for the silence."
)
NUDGE_MOVE_ON: Final = _(
    "🌅 <b>Time to let go</b> of {title}\n"
    "{history} It says little about you: thin staff, freezes and changed roles are the "
    "usual reasons. I've marked it as moved on and will stop reminding you; the door stays "
    "open, and if they write, tap below. Keep applying elsewhere."
)
MOVE_ON_QUIET: Final = _(
    "No follow-up of yours is logged, and no reply either, since the interview on {day}."
)
BUTTON_NUDGE_REPLIED: Final = _("📨 They replied")
BUTTON_NUDGE_SENT: Final = _("✅ I sent it")
BUTTON_NUDGE_DONE: Final = _("✅ Done: I sent it")
BUTTON_NUDGE_DRAFT: Final = _("✍️ Draft it")
BUTTON_NUDGE_SNOOZE: Final = _("⏰ Snooze a day")
BUTTON_NUDGE_STOP: Final = _("🔕 Stop reminders")
BUTTON_NUDGE_STOP_ALL: Final = _("🔕 Stop reminders for this interview")
SNOOZED: Final = _(
    "⏰ Snoozed. I'll remind you about {title} again {when} "
    "(a business day, at your reminder time).{note}"
)
SNOOZE_LATE_THANKS: Final = _(
    "\nBy then it will be more than a day since the interview, so I'll only remind you "
    "if it still makes sense."
)
NUDGES_STOPPED: Final = _(
    "🔕 No more reminders for {company}{more}. If they give you a new date, "
    "tell me with /reply and I'll plan from it."
)

# --- names of things ----------------------------------------------------------------------------

STEP_NAMES: Final = {
    StepKind.THANK_YOU: _("Thank-you note"),
    StepKind.CHECK_IN: _("Check-in"),
    StepKind.SECOND_FOLLOW_UP: _("Second follow-up"),
    StepKind.HIRING_MANAGER: _("Note to the hiring manager"),
    StepKind.MOVE_ON: _("Time to move on"),
}
DRAFT_NAMES: Final = {
    DraftKind.THANK_YOU: _("Thank-you note"),
    DraftKind.CHECK_IN: _("Check-in"),
    DraftKind.SECOND_FOLLOW_UP: _("Second follow-up"),
    DraftKind.HIRING_MANAGER: _("Note to the hiring manager"),
    DraftKind.UPDATE: _("Share real news"),
    DraftKind.FEEDBACK_REQUEST: _("Ask for feedback"),
    DraftKind.WITHDRAW: _("Withdraw politely"),
}
CHANNEL_NAMES: Final = {
    Channel.EMAIL: _("Work e-mail"),
    Channel.PHONE: _("Office phone"),
    Channel.PERSONAL_EMAIL: _("Personal e-mail"),
    Channel.PERSONAL_PHONE: _("Personal phone / text"),
    Channel.IN_PERSON: _("In person"),
    Channel.SOCIAL: _("LinkedIn / social"),
}
RECIPIENT_NAMES: Final = {
    Recipient.RECRUITER: _("Recruiter"),
    Recipient.HR: _("HR"),
    Recipient.HIRING_MANAGER: _("Hiring manager"),
    Recipient.INTERVIEWER: _("Interviewer"),
}
STATUS_NAMES: Final = {
    InterviewStatus.WAITING: _("waiting"),
    InterviewStatus.REPLIED: _("they replied"),
    InterviewStatus.OFFER: _("offer 🎉"),
    InterviewStatus.REJECTED: _("rejected"),
    InterviewStatus.CLOSED: _("position closed"),
    InterviewStatus.WITHDREW: _("you withdrew"),
    InterviewStatus.MOVED_ON: _("moved on"),
}
VIBE_NAMES: Final = {
    Vibe.WARM: _("warm 🙂"),
    Vibe.NEUTRAL: _("neutral 😐"),
    Vibe.CHILLY: _("chilly 🥶"),
}
VERDICT_HEAD: Final = {
    Verdict.GO: _("✅ <b>Go</b>"),
    Verdict.WAIT: _("⏳ <b>Wait</b>"),
    Verdict.STOP: _("🛑 <b>Stop</b>"),
}
VERDICT_NOT_THIS_WAY: Final = _("🛑 <b>Not this way</b>")
"""The head of a Stop that is about the channel only (G5): a follow-up is still fine, by
another way; a plain "Stop" read as "give up"."""
VERDICT_UNTIL: Final = _(" until <b>{when}</b>")
VERDICT: Final = _("{head}\n{advice}")
STEP_LINE: Final = "• {step}: <b>{when}</b>{state}"
STEP_WAITS: Final = "• {step}: <i>{after}</i>"
AFTER_CHECK_IN: Final = _("five business days after your check-in")
AFTER_SECOND: Final = _("five business days after your second follow-up")
STEP_STATES: Final = {
    StepState.DUE: "",
    StepState.OPEN: _(" <i>(open now)</i>"),
    StepState.DONE: _(" <i>(done ✅)</i>"),
    StepState.SKIPPED: _(" <i>(not needed now)</i>"),
    StepState.PASSED: _(" <i>(passed)</i>"),
}
OPEN_UNTIL: Final = _(" <i>(open until {until})</i>")
NO_REMINDERS_PLANNED: Final = _("• No reminders planned.")
NO_REMINDERS_PENDING: Final = _("nothing left to do")
NOW_STEP: Final = _("now: {step}")
NEXT_STEP: Final = _("next: {step} {when}")
NOW_AND_NEXT: Final = "{now} · {next}"
TITLE: Final = "<b>{company}</b>{role}"
TITLE_ROLE: Final = " — {role}"
DRAFT: Final = _("<b>{name}</b>\nSubject: <code>{subject}</code>\n\n<pre>{body}</pre>")
TONE_FINDING: Final = _("\n• {quotes}: {why}\n  <i>Instead:</i> {instead}")
TONE_QUOTE: Final = _("<b>“{words}”</b>")
TONE_MORE_LIKE_IT: Final = _("\n  <i>…and {count} more like it.</i>")
TONE_MORE_LIKE_THESE: Final = _("\n  <i>…and {count} more like these.</i>")

# --- words the bot reads (matched in what the user writes, never shown) --------------------------

TONE_MARKERS: Final = ("check this", "check my", "tone", "review this", "look at this")
"""Before a pasted draft: "check this: ..." (the draft follows the marker)."""
VIBE_WORDS: Final = {
    Vibe.WARM: ("warm", "good", "great", "well", "positive", "friendly", "amazing"),
    Vibe.CHILLY: ("chilly", "cold", "bad", "badly", "awful", "terrible", "poor", "cool"),
    Vibe.NEUTRAL: ("neutral", "ok", "okay", "fine", "so so", "meh", "average", "not sure"),
}
YES_WORDS: Final = ("yes", "y", "yep", "yeah", "correct", "right", "ok", "okay")
# More ways to answer "they said no?" (read, not shown).
CONFIRM_YES_WORDS: Final = ("yes it is", "yes they did", "sadly yes", "yup", "unfortunately")
CONFIRM_NO_WORDS: Final = ("no it isnt", "no they didnt", "not that", "nope not that")
REVIEW_OK_WORDS: Final = (
    "save",
    "save it",
    "looks good",
    "all good",
    "perfect",
    "great",
    "thats right",
    "that's right",
    "good",
    "fine",
    "done",
)
NO_WORDS: Final = ("no", "n", "nope", "wrong")


# --- sentences that count -----------------------------------------------------------------------


def interviews_you_have(count: int) -> str:
    """``/status N`` for an N beyond the list."""
    return ngettext(
        "You have {count} interview; see /list.",
        "You have {count} interviews; see /list.",
        count,
    ).format(count=count)


def tone_found(count: int, kinds: int | None = None) -> str:
    """The head of the tone check's findings (``kinds``: how many kinds they are of)."""
    if kinds is not None and kinds != count:
        return ngettext(
            "I found {count} things worth a second look, of {kinds} kind:",
            "I found {count} things worth a second look, of {kinds} kinds:",
            kinds,
        ).format(count=count, kinds=kinds)
    return ngettext(
        "I found {count} thing worth a second look:",
        "I found {count} things worth a second look:",
        count,
    ).format(count=count)


def tone_more_kinds(count: int) -> str:
    """The end of a tone reply that had no room for every kind of finding."""
    return ngettext(
        "\n…and {count} more kind of thing. Fix these first, then check the draft again.",
        "\n…and {count} more kinds of thing. Fix these first, then check the draft again.",
        count,
    ).format(count=count)


def followed_up(count: int, day: str) -> str:
    """The move-on reminder: the follow-ups the user logged, the last one's day."""
    return ngettext(
        "You followed up once, on {day}, and no answer is logged since.",
        "You followed up {count} times, the last on {day}, and no answer is logged since.",
        count,
    ).format(count=count, day=day)


def reminders_cancelled(count: int) -> str:
    """After "Stop reminders": how many planned ones went (empty when none)."""
    if not count:
        return ""
    return ngettext(
        " ({count} planned reminder cancelled)",
        " ({count} planned reminders cancelled)",
        count,
    ).format(count=count)


# --- free text, understood ------------------------------------------------------------------

ONLY_ENGLISH: Final = _(
    "Sorry, I only understand English for now. Could you write that in English? "
    "Or send /help to see what I can do."
)
TOLD_SO_FAR: Final = _("Got it. Here's what I have so far:\n{facts}")
FACT_COMPANY: Final = _("🏢 Company: <b>{company}</b>")
FACT_ROLE: Final = _("💼 Role: {role}")
FACT_WHEN: Final = _("🗓 Interview: {when}")
FACT_PROMISE: Final = _("⏳ They'll get back by: <b>{day}</b>")
FACT_NO_PROMISE: Final = _("⏳ No date from them yet")
FACT_PERSON: Final = _("👤 {name} ({role})")
FACT_VIBE: Final = _("🌡 It felt: {vibe}")
FACT_NOTHING: Final = _("(nothing yet)")
EDIT_PEOPLE: Final = _("People")
REVIEW: Final = _(
    "<b>Is this right?</b>\n{facts}\n\nTap anything to fix it, or save it and I'll plan your "
    "follow-ups."
)
BUTTON_SAVE_INTERVIEW: Final = _("✅ Save it")
WHICH_INTERVIEW_FOR_THIS: Final = _("Which interview is this about?")
LOGGED_ON: Final = _("Logged: {channel} to {recipient} at {company}, {day}.")
TODAY_WORD: Final = _("today")
UNDATED_AS_TODAY: Final = _(
    "You didn't say when, so I counted them as today: that only ever makes me more patient "
    "for you. Undo and tell me the days if you remember them."
)
UNKNOWN_PERSON: Final = _(
    "I don't know {names} yet, so I counted it as a follow-up to your main contact. "
    'Tell me who they are (e.g. "{names} is the recruiter") to keep it exact.'
)
ATTEMPT_BEFORE_INTERVIEW: Final = _(
    "⚠️ {day} is before your interview ({interview}), so I didn't log that one. If the date "
    "is wrong, tell me again with the right day."
)
BUTTON_UNDO_ONE: Final = _("↩️ Undo {n}")
THANK_YOU_STILL_DUE: Final = _(
    "💌 Meanwhile, your thank-you note is still due: there's time until <b>{until}</b>."
)
CORRECTED: Final = _("✏️ Fixed:")
CORRECTED_IN_FLOW: Final = _("✏️ Fixed: {what}.")
CORRECTED_ROLE: Final = _("the role is {role}")
CORRECTED_DAY: Final = _("the interview was {day}")
CORRECTED_SAID: Final = _("they'll get back by {day}")
BUTTON_CHANGE_MORE: Final = _("✏️ Change something else")
UPCOMING_INTERVIEW: Final = _(
    "🍀 Good luck with {company} on {day}! There's nothing to wait for yet. Once it's done, "
    "tell me how it went (for example <i>had my interview at acme today, they said by "
    "friday</i>) and I'll plan the thank-you and the follow-ups from there."
)
NO_DECISION_YET: Final = _(
    'Good that they answered. "No news yet" isn\'t a decision, so the wait for {title} goes '
    "on and so do your reminders."
)
NEXT_ROUND: Final = _(
    "🎉 A next round with {title}{when}: they want to see more of you, and that is their "
    "answer to this one. I've paused the reminders for it. Once the next round has happened, "
    "tell me how it went (for example <i>had my second round today, they'll decide by "
    "friday</i>) and I'll plan the thank-you and check-in from there. Good luck!"
)
NEXT_ROUND_ON: Final = _(" on {day}")
BUTTON_NOT_NEXT_ROUND: Final = _("↩️ Not a next round, keep waiting")
BUTTON_KEEP_DATE: Final = _("↩️ Undo: keep {day}")
BUTTON_NO_NEW_DATE: Final = _("↩️ Undo: no date from them")
DATE_KEPT: Final = _("↩️ Undone: the date before is back.")
REPLY_NEW_DATE_NOTE: Final = _("🗓 New date from them: {day}. Your plan now:")
NEW_DATE_SAID: Final = _("a new date: {day}")
CONFIRM_OUTCOME: Final = _("Just to be sure before I stop your reminders: {title} — {outcome}?")
OUTCOME_NAMES: Final = {
    Outcome.OFFER: _("they made you an offer"),
    Outcome.REJECTED: _("they said no"),
    Outcome.CLOSED: _("the position was closed"),
    Outcome.WITHDREW: _("you withdrew"),
}
BUTTON_YES_RECORD: Final = _("Yes, that's right")
BUTTON_NOT_THAT: Final = _("No, something else")
NEWS_HEAD: Final = _("That's real news, and sharing real news with {company} is never pestering.")
NEWS_DEADLINE: Final = _("⏰ Your deadline elsewhere: <b>{day}</b>. Mention it once, politely.")
NEWS_STAYS_OPEN: Final = _(
    "I've kept this interview open: news from another company doesn't end this one."
)
BUTTON_WHY_SILENCE: Final = _("Why the silence?")
YOU_ARE_WELCOME: Final = _("You're welcome 🙂 I'm here whenever the wait gets heavy.")
NO_REMINDERS: Final = _("No reminders coming up. Tell me about an interview with /new.")
REMINDERS_HEAD: Final = _("<b>Coming up</b>")
REMINDER_LINE: Final = _("• {when}: {step} ({company})")
HOUR_NOW_SET: Final = _("Done: your reminders will come at {time} from now on.")
HOW_REMINDERS_STOP: Final = _(
    "Reminders stop by themselves for an interview once you tell me they answered, or that "
    "you've moved on: send /reply and pick what happened. They only come on business days at "
    "your reminder time, which /settings changes. To stop everything and erase your data, "
    "send /delete."
)
ZONE_MOVED: Final = _(
    "Done: your time zone is now <b>{zone}</b>, where it's {time}. Reminders will come at "
    "{nudge} there, on its business days. Not right? Send /timezone."
)
MOVE_TO_COME: Final = _(
    "Good luck with the move! Until then your reminders stay on <b>{zone}</b> time. Once "
    "you're there, send <code>/timezone {place}</code> and they'll follow you."
)
NOTHING_TO_UNDO: Final = _("There's nothing recent to undo.")
UNDO_WHICH: Final = _("What should I undo?")
BUTTON_UNDO_ATTEMPT: Final = _("↩️ The follow-up to {company} ({day})")
BUTTON_REOPEN: Final = _("↩️ Reopen {company}")
REVIEW_HOW: Final = _(
    'Tap ✅ Save it to keep this (or type "save"), tap a fact to fix it, or send /cancel '
    "to drop it."
)
BUTTON_WHY: Final = _("Why?")
WHY_RULE: Final = "• {text}"
SETTINGS_NAME: Final = _("\nYour name on drafts: <b>{name}</b>")
BUTTON_NAME: Final = _("Your name")
BUTTON_SET_NAME: Final = _("✍️ Sign my drafts with my name")
BUTTON_SIGN_AS: Final = _("Sign as {name}")
ASK_NAME: Final = _("How should I sign your e-mail drafts? Type your name as you sign e-mails.")
NAME_SAVED: Final = _(
    "Thanks, {name}: your drafts will be signed with that. Change it in /settings."
)
VIBE_NOTE: Final = _(
    "Should I note that {title} felt {vibe}? It changes how many follow-ups I plan."
)
BUTTON_YES_NOTE_IT: Final = _("Yes, note it")
BUTTON_NO_THANKS: Final = _("No, leave it")
VIBE_NOTED: Final = _("Noted how it felt.")
THE_ROLE: Final = _("the {role}")
PEOPLE_NO_NAME: Final = _(
    "I couldn't find a name in that, so I didn't add anyone. Send one person like "
    "<i>Dana Lee, recruiter</i>, or tap <b>That's everyone</b>."
)
