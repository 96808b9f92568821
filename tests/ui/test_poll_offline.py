#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A vote sent while the portal is down: the page says it is kept on this
computer and will go when the connection returns; the portal comes back and
the vote goes by itself, once: the portal's own database holds one ballot,
the results count it once, and a restart of the app sends nothing again.
The app keeps its place in the poll's page all along: nothing is typed or
chosen twice."""

import os
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, free_port, has_state, key,  # noqa: E402
                         name_of, role_of, screenshot, wait_for, walk)

tap = Tap()

LIBRARY = "Public library opening hours"
OPTIONS = ("8 pm", "10 pm", "Midnight")
QUEUED = ("Your vote for 10 pm is saved on this computer. It will be sent when the connection"
          " returns.")


def ballots(data_dir):
    """The citizen's ballots on the library poll, in the portal's database:
    for each, the options chosen."""
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        rows = db.execute(
            "SELECT b.id, o.label_en FROM ballots b"
            " JOIN users u ON u.id = b.user_id JOIN topics t ON t.id = b.topic_id"
            " LEFT JOIN ballot_choices c ON c.ballot_id = b.id"
            " LEFT JOIN poll_options o ON o.id = c.option_id"
            " WHERE u.username = 'citizen' AND t.title_en = ?", (LIBRARY,)).fetchall()
    finally:
        db.close()
    found = {}
    for ballot, option in rows:
        found.setdefault(ballot, []).append(option)
    return list(found.values())


def radios(app):
    poll = app.find(lambda n: role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == "Poll",
                    timeout=1)
    return [n for n in walk(poll) if role_of(n) == Atspi.Role.RADIO_BUTTON] if poll else []


def result_line(app, option):
    return next((label for label in steps.labels(app) if label.startswith(option + ": ")), None)


def menu_item(app, name, timeout=5):
    key("F10")
    return app.find(lambda n: name_of(n) == name and role_of(n) == Atspi.Role.PUSH_BUTTON
                    and has_state(n, Atspi.StateType.VISIBLE), root=app.accessible,
                    timeout=timeout)


def open_poll(app):
    return (steps.open_topic(app, "Topics", "library", LIBRARY) and steps.press(app, "Vote")
            and wait_for(lambda: len(radios(app)) == 3, timeout=15))


data_dir = tempfile.mkdtemp(prefix="msk-poll-offline-")
server = Server(free_port(), data_dir)
apps = []
try:
    tap.ok(server.start(), "the portal runs on %s" % server.url)
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    apps.append(app)
    tap.ok(app.start(), "the app opens the portal", app.output())
    item = menu_item(app, "Sign In")
    tap.ok(item is not None and click(item) and steps.sign_in(app, "citizen", "Citizen-Demo-2026")
           and steps.says(app, "You are signed in as"), "signed in as the demo citizen")
    tap.ok(open_poll(app), "the library poll opens, with its three options")

    # The portal goes; the vote is cast all the same.
    server.stop()
    tap.ok(steps.tab_to(app, lambda n: n in OPTIONS), "Tab reaches the options")
    while steps.focused_name(app) != "10 pm" and steps.focused_name(app) in OPTIONS:
        key("Down")
        time.sleep(0.1)
    key("space")
    tap.ok(steps.focused_name(app) == "10 pm"
           and wait_for(lambda: has_state(app.focused(), Atspi.StateType.CHECKED), timeout=3),
           "«10 pm» is chosen from the keyboard")
    tap.ok(steps.tab_to(app, lambda n: n == "Vote"), "Tab reaches Vote")
    key("Return")
    tap.ok(wait_for(lambda: steps.focused_name(app) == "Send my vote", timeout=5),
           "the confirmation comes, with the focus on «Send my vote»")
    key("Return")
    agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                           timeout=10)
    if agree is not None:
        click(agree)
    tap.ok(steps.says(app, QUEUED, timeout=30),
           "with the portal down, the page says the vote is kept and will be sent later",
           repr(steps.labels(app)))
    tap.ok(ballots(data_dir) == [], "the portal holds no ballot of the citizen yet",
           repr(ballots(data_dir)))
    time.sleep(0.3)
    screenshot("poll-queued-en-100")

    # The portal returns: the vote goes by itself, once.
    tap.ok(server.start(), "the portal runs again, with the same data")
    tap.ok(steps.says(app, "Your vote was recorded on", timeout=60),
           "the vote goes by itself, and the receipt says when it was recorded",
           repr(steps.labels(app)))
    tap.ok(not steps.says(app, QUEUED, timeout=1), "the «saved on this computer» line goes")
    tap.ok(wait_for(lambda: result_line(app, "10 pm"), timeout=15) == "10 pm: 54% (59 votes)"
           and steps.results_say(app, "109 votes in all."),
           "the results count the vote once: 59 for 10 pm, 109 in all",
           repr([result_line(app, o) for o in OPTIONS]))
    tap.ok(ballots(data_dir) == [["10 pm"]], "the portal's database holds one ballot, for 10 pm",
           repr(ballots(data_dir)))
    key("ctrl+q")
    wait_for(lambda: not app.alive(), timeout=10)
    app.stop()

    # A new start sends nothing again.
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    apps.append(app)
    tap.ok(app.start(), "the app starts again", app.output())
    # (no Secret Service runs here, so the sign-in was kept in memory only)
    item = menu_item(app, "Sign In")
    tap.ok(item is not None and click(item) and steps.sign_in(app, "citizen", "Citizen-Demo-2026")
           and steps.says(app, "You are signed in as"), "signed in again")
    tap.ok(open_poll(app) and steps.says(app, "You voted for: 10 pm.")
           and steps.results_say(app, "109 votes in all."),
           "the poll still says the vote, and still 109 votes", repr(steps.labels(app)))
    time.sleep(3)
    tap.ok(ballots(data_dir) == [["10 pm"]], "and the database still one ballot",
           repr(ballots(data_dir)))
finally:
    for app in apps:
        app.stop()
    server.stop()

tap.finish()
