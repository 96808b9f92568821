#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a blind user hears along a complaint, from the screen reader's own
words: Orca runs beside the app and logs each utterance; the journey (the
public body, the service found by searching, its question, the
description and the place, the review, the policy, the receipt) is
driven from the keyboard, and the transcript is read. Every stop has a
meaningful name and its role, no class names are heard (the steps of the
page are named), and the receipt, with its tracking number, is spoken."""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import App, Atspi, Server, Tap, free_port, key, type_text  # noqa: E402
from msk_harness import plain, wait_for  # noqa: E402
from msk_orca import BUTTON, heard, reach, stop, transcript  # noqa: E402
import msk_orca  # noqa: E402

tap = Tap()

DESCRIPTION = "Bags of litter behind the old market."


def focused(app):
    return plain(steps.focused_name(app) or "")


log = os.path.join(tempfile.mkdtemp(prefix="msk-orca-"), "orca-debug.txt")
data_dir = tempfile.mkdtemp(prefix="msk-orca-request-")
server = Server(free_port(), data_dir)
app = None
orca = None
try:
    tap.ok(server.start(), "the portal runs")
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "the app opens the portal", app.output())
    app.find_named("Send a complaint or suggestion", role=Atspi.Role.PUSH_BUTTON, timeout=20)
    orca = msk_orca.start(log)
    tap.ok(orca is not None, "Orca runs and speaks")
    time.sleep(1)

    tap.ok(reach(app, "Send a complaint or suggestion"), "Tab reaches the complaint tile")
    key("Return")
    tap.ok(app.find_named("Al Waha City Municipality", role=Atspi.Role.RADIO_BUTTON, timeout=15)
           is not None and reach(app, "Search the services"),
           "the page opens, and Tab reaches the search of the services")
    type_text("litter")
    time.sleep(1)
    tap.ok(steps.tab_to(app, lambda n: plain(n).startswith("Cleanliness.")),
           "Tab reaches Cleanliness, the one service found")
    time.sleep(0.8)
    key("Return")
    tap.ok(wait_for(lambda: focused(app) == "Litter", timeout=10),
           "its question's first answer has the focus", focused(app))
    time.sleep(0.8)
    key("space")
    tap.ok(steps.type_into(app, "Description", DESCRIPTION)
           and steps.type_into(app, "Address", "Old Market Square, Al Waha"),
           "the description and the address are written")
    # (Orca speaks each key typed: it is given time to catch up)
    time.sleep(3)
    tap.ok(reach(app, "Review before sending"), "Tab reaches Review before sending")
    msk_orca.wait_heard(log, "^Review before sending " + BUTTON)
    key("Return")
    tap.ok(wait_for(lambda: focused(app).startswith("Service: Cleanliness"), timeout=10),
           "the review has the focus", focused(app))
    # (listened to before going on)
    msk_orca.wait_heard(log, re.escape("Place: Old Market Square, Al Waha"))
    tap.ok(reach(app, "Send"), "Tab reaches Send")
    msk_orca.wait_heard(log, "^Send " + BUTTON)
    key("Return")
    tap.ok(app.find_named("I agree and want to take part", timeout=15) is not None
           and time.sleep(1.5) is None and reach(app, "I agree and want to take part"),
           "the policy comes, and Tab reaches «I agree»")
    key("Return")
    tap.ok(wait_for(lambda: any(t.startswith("Tracking number MSK-") for t in steps.labels(app)),
                    timeout=30), "the receipt shows the tracking number")
    time.sleep(2)
    tap.ok(reach(app, "Copy the tracking number"), "Tab reaches «Copy the tracking number»")
    key("Return")
    tap.ok(steps.says(app, "The tracking number is copied.", timeout=10),
           "Return copies it, and the window says so")
    time.sleep(4)
    stop(orca)

    said = transcript(log)
    tap.ok(heard(said, "^Search the services"), "the search is said by its name")
    tap.ok(heard(said, r"^Cleanliness\. .*Cleanliness and waste"),
           "the service's row is said with its description and its group")
    tap.ok(heard(said, r"^Litter\b") and heard(said, "check box", after=r"^Litter\b"),
           "the answer is said by its text and its role")
    tap.ok(heard(said, "^Description"), "the description's field is said by its name")
    tap.ok(heard(said, re.escape("Service: Cleanliness\nFor: Al Waha City Municipality"))
           and heard(said, re.escape("Place: Old Market Square, Al Waha")),
           "the review is heard, line by line, with the service and the place")
    # GTK 4.14 and newer announce it; older GTK puts it in the focused
    # button's description, which Orca 43 presents in braille only.
    if tuple(int(p) for p in os.environ.get("MSK_GTK_VERSION", "4.8").split(".")[:2]) >= (4, 14):
        # (Orca presents an announcement as a message: with speech off
        # here, its log has it in braille)
        tap.ok(heard(said, "The tracking number is copied"), "copying it is heard")
    else:
        with open(log, encoding="utf-8", errors="replace") as debug:
            changed = "accessible-description (0, 0, The tracking number is copied.)" in debug.read()
        tap.ok(changed, "copying it reaches Orca, as the button's new description")
    tap.ok(heard(said, "^Send " + BUTTON), "«Send» is said")
    tap.ok(heard(said, "I agree and want to take part " + BUTTON), "«I agree» is said")
    tap.ok(heard(said, "Your request about Cleanliness was received on")
           and heard(said, "MSK-[0-9]+"),
           "the receipt is heard, with the tracking number")
    msk_orca.audit(tap, said, "Send a complaint")
finally:
    stop(orca)
    if app is not None:
        app.stop()
    server.stop()
    msk_orca.report(tap, log)

tap.finish()
