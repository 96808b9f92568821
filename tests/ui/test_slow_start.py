#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A portal slow to name its public bodies: the topics wait for the names,
so that every row says which body put the topic to the public, however
the page was opened (--show topics, the tile) and whatever is typed in the
search meanwhile."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_bad_portal  # noqa: E402

from msk_harness import (App, Atspi, Tap, click, name_of, plain, role_of,  # noqa: E402
                         screenshot, wait_for, walk)

tap = Tap()
BODY = "Ministry of Practice"


def labels(app):
    return [plain(name_of(n)) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.LABEL]


def says(app, text, timeout=20):
    return wait_for(lambda: any(label.startswith(text) for label in labels(app)),
                    timeout=timeout)


def rows(app):
    """The buttons that open a topic: named by their row's whole sentence."""
    return [name_of(n) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.PUSH_BUTTON and name_of(n).startswith("Practice topic")]


def without_body(app):
    return [row for row in rows(app) if BODY not in row]


portal = msk_bad_portal.BadPortal()
portal.start()
apps = []
try:
    # --show topics: the page starts loading before anything is typed.
    tap.ok(portal.set_fault("slow-entities"), "the portal holds back its public bodies for %d s"
           % msk_bad_portal.ENTITIES_DELAY_S)
    app = App(locale="en_US.UTF-8", args=["--portal", portal.url, "--show", "topics"])
    apps.append(app)
    t0 = time.monotonic()
    tap.ok(app.start(), "--show topics: the app starts", app.output())
    tap.ok(says(app, "Loading the topics…", timeout=10),
           "while the bodies are on their way, the page says it is loading", repr(labels(app)))
    tap.ok(says(app, "Showing 20 topics; there are more."),
           "the topics come %.1f s after the start" % (time.monotonic() - t0), repr(labels(app)))
    tap.ok(rows(app) and not without_body(app),
           "--show topics: every row (%d) names its public body" % len(rows(app)),
           repr(without_body(app)[:3]))
    screenshot("slow-start-en-100")
    # The search entry's own late "changed" reloads nothing.
    time.sleep(1)
    tap.ok(says(app, "Showing 20 topics; there are more.", timeout=2) and not without_body(app),
           "a moment later the rows still name their body", repr(without_body(app)[:3]))
    app.stop()

    # The tile, and a search typed before the bodies are in.
    app = App(locale="en_US.UTF-8", args=["--portal", portal.url])
    apps.append(app)
    tap.ok(app.start(), "the app starts on the home page", app.output())
    tile = app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and name_of(n) == "Topics",
                    timeout=20)
    tap.ok(tile is not None and click(tile) and says(app, "Loading the topics…", timeout=10),
           "the Topics tile opens the page, loading", repr(labels(app)))
    entry = app.find(lambda n: role_of(n) == Atspi.Role.ENTRY and name_of(n) == "Search the topics")
    tap.ok(entry is not None, "the search field is there while the page loads")
    if entry is not None:
        entry.get_editable_text_iface().set_text_contents("topic 4")
    found = wait_for(lambda: says(app, "Showing 7 topics.", timeout=0.5)
                     and len(rows(app)) == 7, timeout=20)
    tap.ok(found, "the search typed meanwhile is the one shown: «topic 4» finds 7 topics",
           repr(labels(app)))
    tap.ok(found and not without_body(app), "and every row found names its public body",
           repr(without_body(app)[:3]))
    tap.ok(portal.set_fault("none"), "the portal answers at once again")
    if entry is not None:
        entry.get_editable_text_iface().set_text_contents("")
    tap.ok(says(app, "Showing 20 topics; there are more.") and not without_body(app),
           "the search cleared, the rows still name their public body", repr(labels(app)))
    tap.ok(app.alive() and not app.criticals(), "the app is still running, without criticals",
           app.output())
finally:
    for app in apps:
        app.stop()
    portal.stop()

tap.finish()
