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
from msk_harness import (App, Atspi, Tap, click, key, name_of, role_of, text_of,  # noqa: E402
                         wait_for, walk)

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
    return [name_of(n) for n in walk(app.window(timeout=2)) if role_of(n) == Atspi.Role.LABEL]


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
        found = says(loading, timeout=5)
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

    # "Show more" by the keyboard: the focus on it, Return.
    more = app.find_named("Show more topics", role=Atspi.Role.PUSH_BUTTON, timeout=5)
    focused = more is not None and more.get_component_iface().grab_focus()
    focused = focused and wait_for(lambda: focused_name() == "Show more topics", timeout=5)
    tap.ok(focused, "the focus is on Show more topics", "focus: %r" % focused_name())
    key("Return")
    tap.ok(says("Showing 40 topics; there are more."), "Show more brings the next 20",
           "labels: %r" % labels())
    shown = rows()
    tap.ok(len(shown) == 40, "40 rows are shown (%d)" % len(shown))
    landed = wait_for(lambda: focused_name().startswith("Practice topic 21. "), timeout=5)
    tap.ok(landed, "the focus goes to the first new row", "focus: %r" % focused_name())
    # Again: the last 5, and no more button.
    more = app.find_named("Show more topics", role=Atspi.Role.PUSH_BUTTON, timeout=5)
    focused = more is not None and more.get_component_iface().grab_focus() \
        and wait_for(lambda: focused_name() == "Show more topics", timeout=5)
    key("Return")
    tap.ok(focused and says("Showing %d topics." % TOPIC_COUNT),
           "the last page brings all %d" % TOPIC_COUNT, "labels: %r" % labels())
    landed = wait_for(lambda: focused_name().startswith("Practice topic 41. "), timeout=5)
    tap.ok(landed and len(rows()) == TOPIC_COUNT,
           "the focus is on the first new row, though the button has gone",
           "focus: %r" % focused_name())

    # The topic page, with the portal misbehaving before it could answer.
    tap.ok(portal.set_fault("html"), "the portal answers a web page again")
    first = app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON
                     and name_of(n).startswith(MARKUP_TITLE + ". "), timeout=5)
    tap.ok(first is not None and first.get_component_iface().grab_focus(),
           "the focus is on the topic with markup in its title")
    key("Return")
    run_faults("The topic could not be loaded: ", "Loading the topic", "topic page")
    portal.stop()
    button = retry()
    tap.ok(button is not None and click(button)
           and said_failure("The topic could not be loaded: ", ["cannot be reached"], 15),
           "topic page: a refused connection is said in words", "labels: %r" % labels())
    portal.start()
    tap.ok(portal.set_fault("none"), "the portal behaves again")
    button = retry()
    tap.ok(button is not None and click(button) and says("Summary 1"),
           "Try again reads the topic", "labels: %r" % labels())
    tap.ok(MARKUP_TITLE in labels(), "the topic page's title shows the markup as characters",
           "labels: %r" % labels())
    tap.ok(app.window(title="%s — Musharaka" % MARKUP_TITLE, timeout=2) is not None
           or any(name_of(w).startswith(MARKUP_TITLE) for w in app.windows())
           or MARKUP_TITLE in [name_of(n) for n in walk(app.window(timeout=2))
                               if role_of(n) == Atspi.Role.HEADING],
           "the header names the page by the title's characters",
           "windows: %r" % [name_of(w) for w in app.windows()])
    texts = [text_of(n) for n in walk(app.window(timeout=2)) if role_of(n) == Atspi.Role.TEXT]
    tap.ok(any("Body " + MARKUP_TITLE in t for t in texts),
           "the reader view holds the body's characters, markup and all", "texts: %r" % texts)
    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    app.stop()
    portal.stop()

tap.finish()
