#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Ideas on a real portal, from the keyboard: each with its supporters in
words, the most supported first. An idea sent with no title and a text
too short is stopped at the title, then at the text, each said with the
focus there; fixed, it goes after the policy and the sign-in and comes
back marked "your idea". Another idea is supported once: its count grows
by one, its row says so, and the portal holds one support. With the portal
down, an idea is kept on this computer and said so; it goes by itself,
once, when the portal returns."""

import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, description_of, free_port,  # noqa: E402
                         has_state, key, name_of, plain, role_of, screenshot, type_text,
                         unnamed_controls, wait_for, walk)

tap = Tap()

GREENING = "Ideas for greening neighbourhoods"
SHADE = "Shade over bus stops"
TITLE = "Water fountains in every park"
BODY = "Drinking water fountains near the playgrounds, checked every week."


def page_nodes(app, page="Ideas"):
    panes = [n for n in walk(app.window(timeout=2))
             if role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == page]
    return list(walk(panes[-1])) if panes else []


def rows(app):
    return [plain(name_of(n)) for n in page_nodes(app) if role_of(n) == Atspi.Role.LIST_ITEM]


def row(app, title):
    return next((r for r in rows(app) if r.startswith(title + ". ")), None)


def focused(app):
    node = app.focused()
    return (plain(name_of(node)), plain(description_of(node))) if node else ("", "")


def ideas_titled(data_dir, title):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute("SELECT count(*) FROM ideas WHERE title = ?", (title,)).fetchone()[0]
    finally:
        db.close()


def supports(data_dir, title):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute("SELECT count(*) FROM idea_supports s JOIN ideas i ON i.id = s.idea_id "
                          "JOIN users u ON u.id = s.user_id "
                          "WHERE i.title = ? AND u.username = 'citizen'", (title,)).fetchone()[0]
    finally:
        db.close()


data_dir = tempfile.mkdtemp(prefix="msk-ideas-")
server = Server(free_port(), data_dir)
app = None
try:
    tap.ok(server.start(), "the portal runs on %s" % server.url)
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "the app opens the portal", app.output())
    tap.ok(steps.open_topic(app, "Topics", "greening", GREENING)
           and steps.press(app, "See the ideas, send yours and support others")
           and wait_for(lambda: len(rows(app)) >= 3, timeout=15),
           "the ideas open from the topic", repr(rows(app)))
    shade = row(app, SHADE)
    tap.ok(shade is not None and "Sent by Fatima Al Hashimi. 35 supporters." in shade,
           "an idea says who sent it and how many support it", repr(rows(app)))
    tap.ok(rows(app)[0].startswith("شجرة لكل مولود. ") and "42 supporters" in rows(app)[0],
           "the most supported comes first", repr(rows(app)))
    _, bad = unnamed_controls(app.window(), skip_containers=True)
    tap.ok(not bad, "every control has a real name", "\n".join(bad))
    screenshot("ideas-en-100")

    # No title, a text too short: each stopped where it is, with the focus.
    tap.ok(steps.tab_to(app, lambda n: n == "Your idea"), "Tab reaches the idea's text")
    type_text("More trees")
    tap.ok(steps.press(app, "Send the idea"), "Send the idea")
    tap.ok(wait_for(lambda: focused(app)[0] == "Title of your idea"
                    and "at least 5 characters" in focused(app)[1], timeout=5),
           "with no title, the title has the focus and says what it needs", repr(focused(app)))
    type_text(TITLE)
    tap.ok(steps.press(app, "Send the idea"), "Send the idea again")
    tap.ok(wait_for(lambda: focused(app)[0] == "Your idea"
                    and "too short to be understood" in focused(app)[1], timeout=5),
           "a text too short: the text has the focus and says so", repr(focused(app)))
    time.sleep(0.3)
    screenshot("ideas-errors-en-100")
    key("ctrl+a")
    type_text(BODY)
    tap.ok(steps.press(app, "Send the idea"), "Send the idea, fixed")
    agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                           timeout=10)
    tap.ok(agree is not None and click(agree), "the participation policy is agreed with")
    tap.ok(steps.sign_in(app, "citizen", "Citizen-Demo-2026"), "then the citizen signs in")
    tap.ok(steps.says(app, "Your idea was received on", timeout=20),
           "the receipt says when the idea was received", repr(steps.labels(app)))
    tap.ok(wait_for(lambda: (row(app, TITLE) or "").startswith(
        TITLE + ". Your idea. No supporters yet. " + BODY), timeout=15),
        "the idea is listed, marked as the person's own", repr(rows(app)))

    # Supporting another idea: once.
    support = app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON
                       and plain(name_of(n)) == "Support the idea " + SHADE, timeout=5)
    tap.ok(support is not None and click(support), "Support, on «%s»" % SHADE)
    tap.ok(steps.says(app, "You support %s. Thank you." % SHADE, timeout=15),
           "the support is recorded, and said", repr(steps.labels(app)))
    tap.ok(wait_for(lambda: "36 supporters" in (row(app, SHADE) or "")
                    and (row(app, SHADE) or "").endswith("You support this idea."), timeout=15),
           "its count grows by one and its row says the person supports it",
           repr(row(app, SHADE)))
    tap.ok(app.find(lambda n: plain(name_of(n)) == "Support the idea " + SHADE
                    and has_state(n, Atspi.StateType.VISIBLE), timeout=1) is None,
           "and it cannot be supported twice")
    tap.ok(supports(data_dir, SHADE) == 1, "the portal holds one support of the citizen",
           repr(supports(data_dir, SHADE)))
    time.sleep(0.3)
    screenshot("ideas-supported-en-100")
    # Offline: kept here, said so, sent once when the portal returns.
    server.stop()
    offline_title = "Benches in the shade of trees"
    tap.ok(steps.tab_to(app, lambda n: n == "Title of your idea"), "Tab reaches the title")
    type_text(offline_title)
    key("Tab")
    type_text("Put the benches of every park under its trees, not in the sun.")
    tap.ok(steps.press(app, "Send the idea"), "the idea is sent with the portal down")
    tap.ok(steps.says(app, "Your idea is saved on this computer. It will be sent when the "
                           "connection returns.", timeout=30),
           "the page says the idea is kept and will be sent later", repr(steps.labels(app)))
    tap.ok(ideas_titled(data_dir, offline_title) == 0, "the portal does not have it yet")
    tap.ok(server.start(), "the portal runs again, with the same data")
    tap.ok(steps.says(app, "Your idea was received on", timeout=60),
           "the idea goes by itself, and the receipt says when", repr(steps.labels(app)))
    tap.ok(wait_for(lambda: row(app, offline_title) is not None, timeout=15)
           and ideas_titled(data_dir, offline_title) == 1,
           "it is listed, and the portal holds it once", repr(ideas_titled(data_dir, offline_title)))
    cut = steps.at_300_percent(app, "ideas-en-300")
    tap.ok(not cut, "at 300 %: no label runs past the window's sides", "\n".join(cut))
    tap.ok(app.alive() and not app.criticals(), "the app is still running, without criticals",
           app.output())
finally:
    if app is not None:
        app.stop()
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)

tap.finish()
