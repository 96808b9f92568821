#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A poll on the practice portal, from the keyboard: the options as radio
buttons named by their text, an empty vote said at the options, a
confirmation that says what will be sent, the policy and the sign-in asked
on the way and the vote carried on after them, a receipt, the results as
bars with their figures written and as one text, and the vote changed.
Then a closed poll's results for everyone, a poll of several choices, and
the page in Arabic, looked at."""

import datetime
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Tap, click, description_of, key,  # noqa: E402
                         name_of, plain, role_of, screenshot, text_of, unnamed_controls, wait_for,
                         walk)

tap = Tap()

LIBRARY = "Public library opening hours"
VOTES = {"8 pm": 31, "10 pm": 58, "Midnight": 19}


def choices(app, role=Atspi.Role.RADIO_BUTTON, page="Poll"):
    """The options on the poll's page (the topic's page stays beneath it)."""
    poll = app.find(lambda n: role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == page,
                    timeout=1)
    return [n for n in walk(poll) if role_of(n) == role] if poll is not None else []


def focused(app):
    node = app.focused()
    return (name_of(node), role_of(node).value_nick, description_of(node)) if node else None


def press_key_on(app, name, role=Atspi.Role.PUSH_BUTTON):
    """Tab to the button called name, and Return."""
    reached = steps.tab_to(app, lambda n: n == name)
    if reached:
        key("Return")
    return reached


def result_line(app, option):
    return next((label for label in steps.labels(app) if label.startswith(option + ": ")), None)


def on_list(app):
    """Whether the focus is on the list of topics: on a row, given back to
    it by the page left, or on the search."""
    node = app.focused()
    return node is not None and (description_of(node) == steps.OPENS_TOPIC["en"]
                                 or name_of(node) == "Search the topics")


def back_to_list(app):
    """Escape, page by page, until the list of topics has the focus (at most
    three: a toast is dismissed first)."""
    for _ in range(3):
        key("Escape")
        if wait_for(lambda: on_list(app), timeout=3):
            return True
    return False


def audit(app, what):
    _, bad = unnamed_controls(app.window(), skip_containers=True)
    tap.ok(not bad, "%s: every control has a real name" % what, "\n".join(bad))


app = App(locale="en_US.UTF-8", args=["--demo"])
apps = [app]
try:
    tap.ok(app.start(), "the app starts on the practice portal", app.output())
    app.find_named("Portal: Practice portal", timeout=20)
    tap.ok(steps.open_topic(app, "Topics", "library", LIBRARY), "the poll's topic opens")
    tap.ok(steps.press(app, "Vote"), "the topic offers Vote")
    tap.ok(steps.says(app, "What is the best closing time for public libraries in the evening?"),
           "the poll page asks its question", repr(steps.labels(app)))
    radios = wait_for(lambda: choices(app) if len(choices(app)) == 3 else None, timeout=10)
    tap.ok(radios and [name_of(r) for r in radios] == list(VOTES),
           "one choice: the options are radio buttons named by their text",
           repr([name_of(r) for r in radios or []]))
    tap.ok(steps.says(app, "Choose one option.")
           and steps.says(app, "The results are shown once you have voted."),
           "it says how many to choose, and when the results are shown", repr(steps.labels(app)))
    tap.ok(not any(label.startswith("10 pm: ") for label in steps.labels(app)),
           "no results before voting")
    time.sleep(0.3)
    screenshot("poll-en-100")
    audit(app, "poll page")

    # Vote with nothing chosen: said at the options, which get the focus.
    tap.ok(press_key_on(app, "Vote") and steps.says(app, "Choose an option first.", timeout=5),
           "Vote with nothing chosen says «Choose an option first.»")
    tap.ok(wait_for(lambda: (focused(app) or ("",))[0] == "8 pm", timeout=5),
           "and the focus goes to the first option", repr(focused(app)))

    # Choose, confirm: what will be sent is said first.
    tap.ok(steps.choose(app, "10 pm", VOTES), "Tab, Down and Space choose «10 pm»")
    tap.ok(not steps.says(app, "Choose an option first.", timeout=1), "the error goes")
    tap.ok(press_key_on(app, "Vote"), "Vote is pressed from the keyboard")
    confirm = "You are voting for: 10 pm. Send your vote?"
    tap.ok(wait_for(lambda: focused(app) is not None and focused(app)[0] == "Send my vote"
                    and plain(focused(app)[2]) == confirm, timeout=5)
           and steps.says(app, confirm),
           "a confirmation says what will be sent, with the focus on «Send my vote»",
           repr(focused(app)))
    screenshot("poll-confirm-en-100")

    # Send: the policy, then the sign-in, then the vote goes on.
    key("Return")
    agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                           timeout=10)
    tap.ok(agree is not None, "sending asks to agree with the participation policy first")
    if agree is not None:
        click(agree)
    tap.ok(steps.sign_in(app, "citizen", "Citizen-Demo-2026"),
           "then to sign in, with the focus on Username", repr(focused(app)))
    tap.ok(steps.says(app, "Your vote was recorded on", timeout=20),
           "after signing in the vote goes on, and the receipt says when it was recorded",
           repr(steps.labels(app)))
    tap.ok(wait_for(lambda: (focused(app) or ("",))[0].startswith("Your vote was recorded on"),
                    timeout=5), "the receipt has the focus, so that it is heard", repr(focused(app)))
    line = wait_for(lambda: result_line(app, "10 pm"), timeout=15)
    tap.ok(line == "10 pm: 54% (59 votes)",
           "the results show: each option's share and count in words, the vote counted",
           repr(line))
    bars = [n for n in walk(app.window()) if role_of(n) == Atspi.Role.PROGRESS_BAR
            and plain(name_of(n)).startswith(("8 pm: ", "10 pm: ", "Midnight: "))]
    tap.ok(len(bars) == 3, "a bar for each option, named by its figures",
           repr([name_of(b) for b in bars]))
    tap.ok(steps.results_say(app, "109 votes in all."), "and the total",
           repr(steps.results_text(app)))
    shown = app.find(lambda n: role_of(n) in steps.ROLES_TEXT and name_of(n) == "Results",
                     timeout=5)
    text = plain(text_of(shown)) if shown is not None else ""
    tap.ok(text.endswith("8 pm: 28% (31 votes)\n10 pm: 54% (59 votes)\nMidnight: 17% (19 votes)"
                         "\n109 votes in all."),
           "the whole result as one text, a read-only text named «Results»", repr(text))
    tap.ok(app.find_named("Read the results", role=Atspi.Role.PUSH_BUTTON, timeout=5)
           is not None, "a button reads the results aloud")
    tap.ok(steps.says(app, "You voted for: 10 pm."), "the page says what the vote was",
           repr(steps.labels(app)))
    time.sleep(0.3)
    screenshot("poll-results-en-100")
    audit(app, "poll page with results")

    # Change the vote.
    tap.ok(steps.choose(app, "Midnight", VOTES) and press_key_on(app, "Change my vote"),
           "«Midnight», then Change my vote")
    confirm = "Your vote will be changed to: Midnight. Send it?"
    tap.ok(wait_for(lambda: focused(app) is not None and plain(focused(app)[2]) == confirm,
                    timeout=5), "the confirmation says what the vote becomes",
           repr(focused(app)))
    key("Return")
    tap.ok(wait_for(lambda: result_line(app, "Midnight") == "Midnight: 18% (20 votes)"
                    and result_line(app, "10 pm") == "10 pm: 53% (58 votes)", timeout=20),
           "the vote is changed: one vote moves, the total stays",
           repr([result_line(app, o) for o in VOTES]))
    tap.ok(steps.results_say(app, "109 votes in all.")
           and steps.says(app, "You voted for: Midnight."),
           "still 109 votes, and the page says the new vote", repr(steps.labels(app)))

    # A closed poll: the results for everyone, nothing to vote with.
    tap.ok(back_to_list(app), "Escape twice goes back to the list of topics")
    tap.ok(steps.find_topic(app, "priority", "Priority of road projects")
           and steps.press(app, "See the poll and its results"),
           "a closed poll's topic offers its results")
    tap.ok(steps.says(app, "The poll has closed: these are its final results.")
           and wait_for(lambda: result_line(app, "Footbridge by the schools"), timeout=15)
           == "Footbridge by the schools: 43% (97 votes)",
           "a closed poll shows its final results", repr(steps.labels(app)))
    tap.ok(app.find_named("Poll", role=Atspi.Role.SCROLL_PANE, timeout=1) is not None
           and not choices(app) and app.find_named("Vote", role=Atspi.Role.PUSH_BUTTON, timeout=1)
           is None, "and nothing to vote with")
    screenshot("poll-closed-en-100")
    cut = steps.at_300_percent(app, "poll-closed-en-300")
    tap.ok(not cut, "at 300 %: no label runs past the window's sides", "\n".join(cut))
    key("ctrl+0")

    # Several choices: check buttons, and the limit said.
    back_to_list(app)
    tap.ok(steps.find_topic(app, "centre", "Community centre services")
           and steps.press(app, "Vote"), "the poll of several choices opens")
    boxes = wait_for(lambda: choices(app, Atspi.Role.CHECK_BOX)
                     if len(choices(app, Atspi.Role.CHECK_BOX)) == 4 else None, timeout=10)
    tap.ok(boxes is not None and steps.says(app, "Choose up to 2 options.")
           and steps.says(app, "The results are hidden until the poll closes on"),
           "several choices: check boxes, the limit and the hidden results said",
           repr([name_of(n) for n in choices(app, Atspi.Role.CHECK_BOX)]))
    for option in ("Digital literacy classes", "Childcare", "Family counselling"):
        steps.choose(app, option)
    tap.ok(press_key_on(app, "Vote") and steps.says(app, "Choose at most 2 options.", timeout=5),
           "three chosen: «Choose at most 2 options.»")
    tap.ok(app.alive() and not app.criticals(), "the app is still running, without criticals",
           app.output())

    # My participation lists the vote, with the date the public body owes
    # its feedback: 30 days after the poll closes (in 25 days).
    for _ in range(3):
        if not steps.press(app, "Back"):
            break
        time.sleep(0.5)
    tap.ok(steps.press(app, "My participation"), "the home page's My participation is opened")
    owed = [datetime.date.today() + datetime.timedelta(days=25 + 30 + d) for d in (0, -1, 1)]
    owed = ["(%d %s %d)" % (d.day, d.strftime("%B"), d.year) for d in owed]

    def vote_row():
        panes = [n for n in walk(app.window(timeout=2))
                 if role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == "My participation"]
        rows = [plain(name_of(n)) for n in (walk(panes[-1]) if panes else [])
                if role_of(n) == Atspi.Role.LIST_ITEM]
        votes = [r for r in rows if r.startswith(LIBRARY + ". Vote, sent on ")]
        return votes[0] if len(votes) == 1 else None
    # the vote was changed once: the changed one is the vote, listed once
    row = wait_for(vote_row, timeout=15)
    tap.ok(row is not None and "State: Sent." in row
           and any("The public body's feedback is due by " in row and date in row
                   for date in owed),
           "the changed vote is listed once: sent, feedback due 30 days after the poll "
           "closes", repr(row))
    screenshot("poll-participation-en-100")
    app.stop()

    # Arabic, right to left, at 100 % and 300 %.
    app = App(locale="ar_SA.UTF-8", args=["--demo"])
    apps.append(app)
    tap.ok(app.start(), "the app starts in Arabic", app.output())
    app.find_named("البوابة: بوابة التدريب", timeout=20)
    tap.ok(steps.open_topic(app, "الموضوعات", "المكتبات", "أوقات عمل المكتبات العامة")
           and steps.press(app, "صوّت"), "Arabic: the poll opens")
    radios = wait_for(lambda: choices(app, page="تصويت") if len(choices(app, page="تصويت")) == 3
                      else None, timeout=10)
    tap.ok(radios and [name_of(r) for r in radios] == ["الثامنة مساءً", "العاشرة مساءً",
                                                        "منتصف الليل"],
           "Arabic: the options in Arabic", repr([name_of(r) for r in radios or []]))
    tap.ok(steps.says(app, "اختر خيارًا واحدًا."), "Arabic: how many to choose, in Arabic",
           repr(steps.labels(app)))
    time.sleep(0.3)
    screenshot("poll-ar-100")
    audit(app, "Arabic poll page")
    cut = steps.at_300_percent(app, "poll-ar-300")
    tap.ok(not cut, "Arabic at 300 %: no label runs past the window's sides", "\n".join(cut))
finally:
    for app in apps:
        app.stop()

tap.finish()
