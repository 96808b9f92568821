#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a blind user hears on a public computer, from the screen reader's
own words: Orca runs beside the app and logs each utterance. The bar's
"Finish and Clear" is heard with what it does; left idle, the warning is
spoken with the time left in words, and the time left again as it runs
down; one key and "The session goes on" is heard; left alone again, the
warning comes back and then the session is cleared, and that is said
too."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import App, Server, Tap, free_port, key, wait_for  # noqa: E402
from msk_orca import BUTTON, heard, reach, stop, transcript, wait_heard  # noqa: E402
import msk_orca  # noqa: E402

tap = Tap()

IDLE = 40  # seconds: the warning comes in the last 20
WARNING = r"Are you still there\? In \d+ seconds this session ends and everything in it is " \
          r"cleared\. Press any key to stay\."


log = os.path.join(tempfile.mkdtemp(prefix="msk-orca-"), "orca-debug.txt")
data_dir = tempfile.mkdtemp(prefix="msk-orca-public-")
server = Server(free_port(), data_dir)
app = App(locale="en_US.UTF-8",
          args=["--public", "--portal", server.url, "--idle-timeout", str(IDLE)])
orca = None
try:
    tap.ok(server.start(), "the portal runs")
    tap.ok(app.start(), "the app starts as on a public computer", app.output())
    app.find_named("Topics", timeout=20)
    orca = msk_orca.start(log)
    tap.ok(orca is not None, "Orca runs and speaks")
    time.sleep(1)

    tap.ok(reach(app, "Finish and Clear"), "Tab reaches Finish and Clear")
    tap.ok(wait_heard(log, r"Finish and Clear.*%s" % BUTTON),
           "heard: «Finish and Clear», a button")
    tap.ok(heard(transcript(log), r"Public computer: nothing is kept after you finish"),
           "and what it is about: nothing is kept")

    # Left idle: the warning, spoken.
    tap.ok(wait_heard(log, WARNING, timeout=IDLE + 10), "left idle, the warning is heard, "
           "with the seconds left in words")
    # (Orca 48 says the warning's new text; Orca 43 the time left on Stay)
    tap.ok(wait_heard(log, r"^(Are you still there\? In 15 seconds|15 seconds left\. Press any "
                      r"key to stay\.)", timeout=25),
           "then the time left is heard as it runs down: 15 seconds")
    key("shift")
    tap.ok(wait_heard(log, r"^The session goes on\.$", timeout=10),
           "one key (Shift), and «The session goes on.» is heard")

    # Left alone: the warning again, then the session cleared, and said.
    tap.ok(wait_for(lambda: heard(transcript(log), WARNING, after=r"^The session goes on"),
                    timeout=IDLE + 10) is not None,
           "left alone, the warning is heard again")
    tap.ok(wait_heard(log, r"The session is cleared: nothing of it is kept\. The app is ready "
                      r"for the next person\.", timeout=IDLE),
           "then the session is cleared, and that is heard")
    said = transcript(log)
    msk_orca.audit(tap, said, "Finish and Clear")
    msk_orca.report(tap, log)
finally:
    stop(orca)
    app.stop()
    server.stop()
tap.finish()
