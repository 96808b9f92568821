#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A portal that misbehaves (msk_bad_portal.py: a web page, a 500,
redirects away and in a circle, replies too big with and without a length,
a reply that never comes and one that trickles in, broken JSON, JSON of
the wrong shape, a connection closed without a word, and nobody listening):
the topics list and the topic page say what happened in words, with Try
again, and the window answers while a reply is pending. Text from the
portal shows as its characters, never as markup. "Show more" from the
keyboard brings the next page, and the focus goes to its first row."""

import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_bad_portal import MARKUP_TITLE, TOPIC_COUNT, BadPortal  # noqa: E402
from msk_harness import (App, Atspi, Tap, click, has_state, key, name_of, plain,  # noqa: E402
                         role_of, text_of, wait_for, walk)

tap = Tap()

# The app's timeout for each read, in seconds (--timeout); a whole reply
# may take four times as long.
TIMEOUT = 2

# What each fault is said to be, in the words of the core's messages.
FAULTS = [
    ("html", ["answered with a web page instead of its data"]),
    ("500", ["had a problem (error 500)"]),
    ("redirect", ["tried to send the app to another address (status 302)"]),
    ("redirect-loop", ["tried to send the app to another address (status 302)"]),
    ("huge", ["sent more data than the app accepts"]),
    ("huge-stream", ["sent more data than the app accepts"]),
    ("slow", ["did not answer in time"]),
    ("trickle", ["did not answer in time"]),
    ("close", ["cannot be reached", "reply was cut short or damaged"]),
    ("malformed", ["sent a reply the app cannot read"]),
    # Last: what it says is not what a refused connection says.
    ("wrong-shape", ["sent a reply the app cannot read"]),
]

ROW = re.compile(r"^(Practice topic \d+|%s)\. " % re.escape(MARKUP_TITLE))

portal = BadPortal()
portal.start()
app = App(locale="en_US.UTF-8", args=["--portal", portal.url, "--timeout", str(TIMEOUT)])


def labels():
    return [plain(name_of(n)) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.LABEL]


def says(text, timeout=15):
    return wait_for(lambda: any(text in label for label in labels()), timeout=timeout)


def said_failure(prefix, texts, timeout):
    """The label that says prefix followed by one of texts, if one does."""
    def find():
        for label in labels():
            if label.startswith(prefix) and any(t in label for t in texts):
                return label
        return None
    return wait_for(find, timeout=timeout)


def rows():
    return [name_of(n) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.PUSH_BUTTON and ROW.match(name_of(n))]


def focused_name():
    node = app.focused()
    return name_of(node) if node is not None else ""


def retry():
    return app.find_named("Try again", role=Atspi.Role.PUSH_BUTTON, timeout=5)


def responsive_while_pending(loading):
    """Keys and AT-SPI answered while a reply is pending: text size up and
    back, and the loading state read each time."""
    times = []
    for keys in ("ctrl+plus", "ctrl+0"):
        key(keys)
        t0 = time.monotonic()
        # (it answers at all while the reply is pending: how fast is for the
        # benchmarks, not for a test on a busy machine)
        found = says(loading, timeout=40)
        times.append(time.monotonic() - t0)
        if not found:
            return False, times
    return True, times


def run_faults(prefix, loading, page):
    """Each fault on the page that says prefix on failure; the first is
    read by the page's first load, the others by Try again."""
    for index, (fault, texts) in enumerate(FAULTS):
        tap.ok(portal.set_fault(fault), "%s: the portal now answers %s" % (page, fault))
        before = portal.requests
        if index > 0:
            button = retry()
            if button is None or not click(button):
                tap.ok(False, "%s: %s: Try again is offered" % (page, fault), labels())
                continue
        if fault == "slow":
            ok, times = responsive_while_pending(loading)
            tap.ok(ok, "%s: while the reply is pending, the window takes keys and answers "
                   "(%s s)" % (page, ", ".join("%.2f" % t for t in times)),
                   "labels: %r" % labels())
        # The page says "Loading" before it asks: once the portal has the
        # request, what the page says next is about this fault.
        asked = wait_for(lambda: portal.requests > before, timeout=10)
        t0 = time.monotonic()
        label = asked and said_failure(prefix, texts, timeout=TIMEOUT * 4 + 15)
        tap.ok(label is not None,
               "%s: %s is said in words after %.1f s: %r" % (page, fault, time.monotonic() - t0,
                                                             label),
               "labels: %r" % labels())
        tap.ok(retry() is not None, "%s: %s: Try again is offered" % (page, fault))
        tap.ok(app.alive(), "%s: %s: the app is still running" % (page, fault), app.output())


try:
    started = app.start()
    tap.ok(started, "the app opens the misbehaving portal", app.output())
    if not started:
        tap.finish()
    tap.ok(portal.set_fault("html"), "the portal answers a web page")
    tile = app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and name_of(n) == "Topics")
    tap.ok(tile is not None and click(tile), "the Topics tile opens the list")

    run_faults("The topics could not be loaded: ", "Loading the topics", "topics")


    # The portal behaves: Try again reads the first page of its topics.
    tap.ok(portal.set_fault("none"), "the portal behaves again")
    button = retry()
    tap.ok(button is not None and click(button) and says("Showing 20 topics; there are more."),
           "Try again reads the first 20 topics", "labels: %r" % labels())
    shown = rows()
    tap.ok(len(shown) == 20, "20 rows are shown (%d)" % len(shown), "rows: %r" % shown)

    # Markup from the portal stays text: in the row's name and its labels.
    tap.ok(any(name.startswith(MARKUP_TITLE + ". ") for name in shown),
           "the row's accessible name holds the title's characters, markup and all",
           "rows: %r" % shown[:3])
    tap.ok(MARKUP_TITLE in labels(), "a label shows %r as those characters" % MARKUP_TITLE,
           "labels: %r" % labels()[:20])

    # The list by the keyboard: Tab down the rows; as the last ones come into
    # view the next pages are read, and the focus stays where it is.
    more = app.find_named("Show more topics", role=Atspi.Role.PUSH_BUTTON, timeout=5)
    tap.ok(more is not None, "a Show more topics button is offered")
    for _ in range(200):
        if len(rows()) == TOPIC_COUNT and focused_name().startswith("Practice topic 4"):
            break
        key("Tab")
        time.sleep(0.03)
    tap.ok(says("Showing %d topics." % TOPIC_COUNT),
           "tabbing down the rows reads the next pages, to all %d" % TOPIC_COUNT,
           "labels: %r" % labels())
    tap.ok(len(rows()) == TOPIC_COUNT, "%d rows are shown (%d)" % (TOPIC_COUNT, len(rows())))
    tap.ok(focused_name().startswith("Practice topic "),
           "the focus stays on the rows while they are read", "focus: %r" % focused_name())
    tap.ok(app.find_named("Show more topics", role=Atspi.Role.PUSH_BUTTON, timeout=1) is None
           or not has_state(app.find_named("Show more topics", role=Atspi.Role.PUSH_BUTTON,
                                           timeout=1), Atspi.StateType.VISIBLE),
           "with nothing more to read, Show more is gone")

    # The topic page, with the portal misbehaving before it could answer.
    tap.ok(portal.set_fault("html"), "the portal answers a web page again")
    first = app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON
                     and name_of(n).startswith(MARKUP_TITLE + ". "), timeout=5)
    tap.ok(first is not None and click(first), "the topic with markup in its title opens")
    run_faults("The topic could not be loaded: ", "Loading the topic", "topic page")
    tap.ok(portal.set_fault("none"), "the portal behaves again")
    button = retry()
    tap.ok(button is not None and click(button)
           and wait_for(lambda: any(MARKUP_TITLE == label for label in labels()), timeout=15),
           "Try again reads the topic", "labels: %r" % labels())
    tap.ok(MARKUP_TITLE in labels(), "the topic page's title shows the markup as characters",
           "labels: %r" % labels())
    texts = [text_of(n) for n in walk(app.window(timeout=2)) if role_of(n) == Atspi.Role.TEXT]
    tap.ok(any("Body " + MARKUP_TITLE in t for t in texts),
           "the reader view holds the body's characters, markup and all", "texts: %r" % texts)
    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    app.stop()
    portal.stop()

tap.finish()
