#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a blind user hears along the poll journey, from the screen
reader's own words: Orca runs beside the app and logs each utterance; the
journey (find the poll, choose, confirm, agree, sign in, the receipt, the
results) is driven from the keyboard, and the transcript is read. Every
stop has a meaningful name and its role, no class names are heard, the
list's count is true, and the receipt and the results are spoken."""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import App, Tap, key, wait_for  # noqa: E402
from msk_orca import BUTTON, heard, reach, stop, transcript  # noqa: E402
import msk_orca  # noqa: E402

tap = Tap()

LIBRARY = "Public library opening hours"
OPTIONS = ("8 pm", "10 pm", "Midnight")


log = os.path.join(tempfile.mkdtemp(prefix="msk-orca-"), "orca-debug.txt")
app = App(locale="en_US.UTF-8", args=["--demo"])
orca = None
try:
    tap.ok(app.start(), "the app starts on the practice portal", app.output())
    app.find_named("Portal: Practice portal", timeout=20)
    orca = msk_orca.start(log)
    tap.ok(orca is not None, "Orca runs and speaks")
    time.sleep(1)

    tap.ok(steps.open_topic(app, "Topics", "library", LIBRARY)
           and steps.says(app, "Take part"), "the poll's topic opens")
    tap.ok(reach(app, "Vote"), "Tab reaches Vote")
    key("Return")
    time.sleep(1.5)
    tap.ok(steps.choose(app, "10 pm", OPTIONS), "10 pm is chosen from the keyboard")
    tap.ok(reach(app, "Vote"), "Tab reaches the poll's Vote")
    key("Return")
    tap.ok(wait_for(lambda: steps.focused_name(app) == "Send my vote", timeout=10),
           "the confirmation comes")
    key("Return")
    # (a person listens to the policy's first words before moving on)
    tap.ok(app.find_named("I agree and want to take part", timeout=10) is not None
           and time.sleep(1.5) is None
           and reach(app, "I agree and want to take part"),
           "the policy comes, and Tab reaches «I agree»")
    key("Return")
    tap.ok(steps.sign_in(app, "citizen", "Citizen-Demo-2026", pause=1.5), "signed in from the keyboard")
    tap.ok(steps.says(app, "Your vote was recorded on", timeout=30)
           and steps.results_say(app, "109 votes in all."),
           "the vote is recorded, and the results show")
    time.sleep(1)
    tap.ok(reach(app, "Change my vote") and reach(app, "Results"),
           "Tab reaches «Change my vote», then the results as one text")
    # line by line, as a screen reader user reads a text
    for _ in range(4):
        time.sleep(0.8)
        key("Down")
    time.sleep(3)
    stop(orca)

    said = transcript(log)
    tap.ok(heard(said, "List with 1 item"), "the list of topics found is said with its true count")
    row = re.escape(LIBRARY + ". Poll by Al Waha City Municipality, Open.")
    tap.ok(heard(said, row) and heard(said, BUTTON, after=row),
           "the topic's row is said with its kind, body and status, as a button")
    tap.ok(heard(said, r"^10 pm\b") and heard(said, "selected radio button", after=r"^10 pm\b"),
           "an option is said by its text, its state and its role")
    tap.ok(heard(said, "Send my vote " + BUTTON)
           and heard(said, re.escape("You are voting for: 10 pm. Send your vote?"),
                     after="Send my vote " + BUTTON),
           "«Send my vote» is said with what will be sent")
    tap.ok(heard(said, "I agree and want to take part " + BUTTON), "«I agree» is said")
    tap.ok(heard(said, "^Username text"), "the sign-in's first field is said by its name")
    tap.ok(any(s.startswith("Your vote was recorded on") and "You voted for: 10 pm." in s
               for s in said), "the receipt is heard, with what the vote was")
    tap.ok(heard(said, "Participation policy"), "the policy is heard")
    tap.ok(heard(said, "^Change my vote " + BUTTON), "«Change my vote» is said by its own name")
    tap.ok(heard(said, re.escape("Results of the poll «%s»:" % LIBRARY),
                 after="Results read only text")
           and heard(said, re.escape("10 pm: 54% (59 votes)"), after="Results read only text")
           and heard(said, re.escape("109 votes in all."), after="Results read only text"),
           "the results are heard line by line, the vote counted: 59 for 10 pm, 109 in all")
    # (Orca 43 says an option's state and role after its name, on their
    # own: "selected radio button" is not a bare role)
    msk_orca.audit(tap, said, "Search the topics")
finally:
    stop(orca)
    app.stop()
    msk_orca.report(tap, log)

tap.finish()
