#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A survey on the practice portal, from the keyboard: every question
numbered, "required" or "optional" said in words, options as radio buttons
and check buttons named by their text, a rating named "4 out of 5",
written answers named by their question. Half answered, the app quits and
starts again: the draft is back. A required question left empty is said at
the question, which gets the focus; fixed, the answers are reviewed, sent
after the policy and the sign-in, and a receipt says when they were
recorded. Then the page in Arabic, looked at."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Tap, click, description_of, has_state, key,  # noqa: E402
                         name_of, plain, role_of, screenshot, text_of, type_text,
                         unnamed_controls, wait_for, walk)

tap = Tap()

SURVEY = "Customer satisfaction survey on municipal services"
SERVICES = ("Building permits", "Cleanliness", "Parks", "Other")
RATINGS = tuple("%d out of 5" % n for n in range(1, 6))
NEEDED = "This question needs an answer."


def page_nodes(app, page="Survey"):
    """The nodes of the survey's page (the topic's page stays beneath it)."""
    survey = app.find(lambda n: role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == page,
                      timeout=1)
    return list(walk(survey)) if survey is not None else []


def named(app, name, role):
    return next((n for n in page_nodes(app) if role_of(n) == role and plain(name_of(n)) == name),
                None)


def checked(app, name, role=Atspi.Role.RADIO_BUTTON):
    node = named(app, name, role)
    return node is not None and has_state(node, Atspi.StateType.CHECKED)


def focused(app):
    node = app.focused()
    return (plain(name_of(node)), role_of(node).value_nick, plain(description_of(node))) \
        if node else None


def open_survey(app):
    return (steps.open_topic(app, "Topics", "satisfaction", SURVEY)
            and steps.press(app, "Answer the survey")
            and wait_for(lambda: named(app, "Parks", Atspi.Role.RADIO_BUTTON), timeout=15))


def audit(app, what):
    _, bad = unnamed_controls(app.window(), skip_containers=True)
    tap.ok(not bad, "%s: every control has a real name" % what, "\n".join(bad))


app = App(locale="en_US.UTF-8", args=["--demo"])
apps = [app]
try:
    tap.ok(app.start(), "the app starts on the practice portal", app.output())
    app.find_named("Portal: Practice portal", timeout=20)
    tap.ok(open_survey(app), "the survey opens from its topic")
    headings = [plain(name_of(n)) for n in page_nodes(app) if role_of(n) == Atspi.Role.HEADING]
    tap.ok(headings[1:] == ["1. Which service did you use last?",
                            "2. How did you contact the municipality?",
                            "3. Rate your overall satisfaction from 1 to 5.",
                            "4. Was your request completed on time?",
                            "5. What did you like most?", "6. What could we improve?"],
           "each question is a numbered heading", repr(headings))
    labels = steps.labels(app)
    tap.ok(labels.count("Required.") == 3 and "Optional. You can choose more than one answer."
           in labels and labels.count("Optional.") == 2,
           "required or optional is said in words, with the help", repr(labels))
    tap.ok(all(named(app, s, Atspi.Role.RADIO_BUTTON) for s in SERVICES)
           and named(app, "Website", Atspi.Role.CHECK_BOX) is not None
           and all(named(app, r, Atspi.Role.RADIO_BUTTON) for r in RATINGS),
           "options are radio or check buttons named by their text; ratings «4 out of 5»",
           repr([plain(name_of(n)) for n in page_nodes(app)
                 if role_of(n) in (Atspi.Role.RADIO_BUTTON, Atspi.Role.CHECK_BOX)]))
    texts = [n for n in page_nodes(app) if role_of(n) in steps.ROLES_TEXT]
    tap.ok([name_of(n) for n in texts] == ["What did you like most?", "What could we improve?"],
           "the written answers are named by their questions",
           repr([name_of(n) for n in texts]))
    time.sleep(0.3)
    screenshot("survey-en-100")
    audit(app, "survey page")

    # Half answered, then the app quits.
    tap.ok(steps.choose(app, "Parks", SERVICES), "«Parks» is chosen from the keyboard")
    tap.ok(steps.choose(app, "Website"), "«Website» is checked")
    tap.ok(steps.choose(app, "4 out of 5", RATINGS, step="Right"), "the rating «4 out of 5»")
    tap.ok(steps.tab_to(app, lambda n: n == "What did you like most?"), "Tab reaches question 5")
    type_text("Friendly staff")
    time.sleep(1.5)
    key("ctrl+q")
    wait_for(lambda: not app.alive(), timeout=10)
    app.stop()

    app = App(locale="en_US.UTF-8", args=["--demo"])
    apps.append(app)
    tap.ok(app.start(), "the app starts again", app.output())
    app.find_named("Portal: Practice portal", timeout=20)
    tap.ok(open_survey(app) and steps.says(app, "Your answers from"),
           "the survey says the answers kept are back", repr(steps.labels(app)))
    short = named(app, "What did you like most?", Atspi.Role.TEXT) \
        or named(app, "What did you like most?", Atspi.Role.ENTRY)
    tap.ok(checked(app, "Parks") and checked(app, "Website", Atspi.Role.CHECK_BOX)
           and checked(app, "4 out of 5") and short is not None
           and text_of(short) == "Friendly staff",
           "the draft is back: Parks, Website, 4 out of 5 and the text typed",
           repr(text_of(short) if short else None))

    # A required question left empty: said there, with the focus.
    tap.ok(steps.tab_to(app, lambda n: n == "Review my answers"), "Tab reaches Review")
    key("Return")
    tap.ok(wait_for(lambda: (focused(app) or ("",))[0] == "Yes"
                    and NEEDED in focused(app)[2], timeout=5),
           "the empty required question gets the focus, its error as description",
           repr(focused(app)))
    yes = app.focused()
    tap.ok(has_state(yes, Atspi.StateType.INVALID) or has_state(yes, Atspi.StateType.INVALID_ENTRY),
           "and is marked invalid")
    tap.ok(steps.says(app, NEEDED) and steps.says(app, "1 answer needs your attention"),
           "the error shows under the question, and the form says how many",
           repr(steps.labels(app)))
    time.sleep(0.3)
    screenshot("survey-error-en-100")
    key("space")
    tap.ok(wait_for(lambda: checked(app, "Yes"), timeout=3)
           and not steps.says(app, NEEDED, timeout=1), "Yes chosen: the error goes")

    # Review, then send.
    tap.ok(steps.tab_to(app, lambda n: n == "Review my answers"), "Tab reaches Review again")
    key("Return")
    review = "4. Was your request completed on time?\nYes"
    tap.ok(steps.says(app, review) and steps.says(app, "6. What could we improve?\nNo answer")
           and steps.says(app, "3. Rate your overall satisfaction from 1 to 5.\n4 out of 5"),
           "the review lists every question with its answer", repr(steps.labels(app)))
    tap.ok(wait_for(lambda: review in (focused(app) or ("",))[0], timeout=5),
           "the review has the focus, to be read first", repr(focused(app)))
    time.sleep(0.3)
    screenshot("survey-review-en-100")
    tap.ok(steps.tab_to(app, lambda n: n == "Send my answers"), "Tab reaches Send my answers")
    key("Return")
    agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                           timeout=10)
    tap.ok(agree is not None, "sending asks to agree with the participation policy first")
    if agree is not None:
        click(agree)
    tap.ok(steps.sign_in(app, "citizen", "Citizen-Demo-2026"), "then to sign in",
           repr(focused(app)))
    tap.ok(steps.says(app, "Your answers were recorded on", timeout=20),
           "after signing in the answers go, and the receipt says when", repr(steps.labels(app)))
    tap.ok(wait_for(lambda: (focused(app) or ("",))[0].startswith("Your answers were recorded"),
                    timeout=5), "the receipt has the focus", repr(focused(app)))
    time.sleep(0.3)
    screenshot("survey-sent-en-100")

    # Opened again: answered, nothing to fill in.
    # (Escape would dismiss the toast of the sign-in first)
    key("alt+Left")
    tap.ok(wait_for(lambda: not page_nodes(app), timeout=5), "Alt+Left goes back to the topic")
    tap.ok(steps.press(app, "Answer the survey")
           and steps.says(app, "You have answered this survey.")
           and named(app, "Parks", Atspi.Role.RADIO_BUTTON) is None,
           "opened again, the survey says it was answered, with no form",
           repr(steps.labels(app)))
    cut = steps.at_300_percent(app, "survey-answered-en-300")
    tap.ok(not cut, "at 300 %: no label runs past the window's sides", "\n".join(cut))
    tap.ok(app.alive() and not app.criticals(), "the app is still running, without criticals",
           app.output())
    app.stop()

    # Arabic, right to left, at 100 % and 300 %.
    app = App(locale="ar_SA.UTF-8", args=["--demo"])
    apps.append(app)
    tap.ok(app.start(), "the app starts in Arabic", app.output())
    app.find_named("البوابة: بوابة التدريب", timeout=20)
    tap.ok(steps.open_topic(app, "الموضوعات", "رضا", "استبيان رضا المتعاملين عن خدمات البلدية")
           and steps.press(app, "أجب عن الاستبيان")
           and wait_for(lambda: page_nodes(app, "استبيان"), timeout=15),
           "Arabic: the survey opens")
    tap.ok(steps.says(app, "مطلوب.") and steps.says(app, "اختياري."),
           "Arabic: required and optional in words", repr(steps.labels(app)))
    time.sleep(0.3)
    screenshot("survey-ar-100")
    audit(app, "Arabic survey page")
    cut = steps.at_300_percent(app, "survey-ar-300")
    tap.ok(not cut, "Arabic at 300 %: no label runs past the window's sides", "\n".join(cut))
finally:
    for app in apps:
        app.stop()

tap.finish()
