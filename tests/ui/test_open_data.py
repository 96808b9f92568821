#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The end of a topic page, by the keyboard and AT-SPI actions alone: its
open data saved as CSV to a file the person chooses (and nothing written
when the choice is cancelled), then "Was this useful?" answered with a
reason and sent to the portal."""

import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, children, free_port, key, name_of,  # noqa: E402
                         plain, role_of, screenshot, unnamed_controls, wait_for, walk)

tap = Tap()
data_dir = tempfile.mkdtemp(prefix="msk-open-data-")
server = Server(free_port(), data_dir)
app = App(locale="en_US.UTF-8", args=["--portal", server.url])
PARKS = "Draft by-law on public parks"


def labels():
    window = app.window(timeout=2)
    return [plain(name_of(n)) for n in walk(window)
            if role_of(n) == Atspi.Role.LABEL] if window else []


def says(text, timeout=15):
    return wait_for(lambda: any(text in label for label in labels()), timeout=timeout)


def focused_name():
    return steps.focused_name(app)


def tab_to(predicate, stops=80):
    return steps.tab_to(app, predicate, stops)


def chooser():
    return steps.chooser(app, "Save the Data")


def get(path):
    return steps.get(server.url, path)


try:
    tap.ok(server.start(), "the portal runs on %s" % server.url)
    topics = json.loads(get("/v1/topics?q=parks"))["items"]
    parks_id = next(t["id"] for t in topics if "parks" in json.dumps(t["title"]).lower())
    tap.ok(app.start(), "the app opens the portal", app.output())
    tap.ok(says("Portal: ", timeout=20), "the home page names the portal", "%r" % labels())

    # The topic, from the keyboard: Topics, a search, its row.
    tap_ok = tab_to(lambda n: n == "Topics")
    key("Return")
    entry = app.find(lambda n: role_of(n) == Atspi.Role.ENTRY and name_of(n) == "Search the topics")
    tap.ok(tap_ok and entry is not None, "the Topics tile opens the list with its search field")
    entry.get_editable_text_iface().set_text_contents("parks")
    tap.ok(says("Showing 1 topic."), "searching «parks» finds the parks by-law", "%r" % labels())
    tap.ok(tab_to(lambda n: n.startswith(PARKS + ".")), "Tab reaches its row",
           "focus: %r" % focused_name())
    key("Return")
    save = app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON
                    and name_of(n) == "Save as CSV (spreadsheet)", timeout=15)
    tap.ok(save is not None, "the topic page offers its data as CSV")

    # Choosing, then cancelling: nothing is written.
    before = set(os.listdir(data_dir))
    tap.ok(tab_to(lambda n: n == "Save as CSV (spreadsheet)"), "Tab reaches the CSV button",
           "focus: %r" % focused_name())
    key("Return")
    dialog = chooser()
    tap.ok(dialog is not None, "a file chooser opens",
           "%r" % [(name_of(c), role_of(c)) for c in children(app.accessible)])
    time.sleep(0.5)
    screenshot("open-data-chooser-en-100")
    key("Escape")
    tap.ok(says("Nothing was saved."), "cancelling says nothing was saved", "%r" % labels())
    tap.ok(set(os.listdir(data_dir)) == before, "and no file was written")

    # Choosing a file: the portal's own CSV lands there.
    target = os.path.join(data_dir, "parks-data.csv")
    tap.ok(steps.save_through_chooser(app, "Save as CSV (spreadsheet)", "Save the Data", target),
           "the file chooser opens again")
    saved = says("The data was saved to", timeout=20)
    tap.ok(saved and os.path.exists(target), "saving says where the data went",
           "%r" % labels())
    if os.path.exists(target):
        with open(target, "rb") as f:
            mine = f.read()
        theirs = get("/v1/export/%d.csv" % parks_id)
        rows = steps.csv_rows_but_time(mine)
        tap.ok(len(rows) > 3 and rows == steps.csv_rows_but_time(theirs),
               "the file holds the portal's CSV for the topic (%d rows)" % len(rows),
               "%r\n%r" % (mine[:300], theirs[:300]))
    else:
        tap.ok(False, "the file holds the portal's CSV for the topic")

    # Was this useful? Yes, because it is clear.
    # From the keyboard: Tab to Yes, Space; Tab to a reason, Space.
    clear = steps.answer_useful(app, "Yes", "Clear")
    tap.ok(clear is not None, "“Was this useful?”: Yes, then the reason “Clear” ticked with Space",
           "focus: %r" % focused_name())
    time.sleep(0.3)
    screenshot("feedback-en-100")
    window = app.window(timeout=2)
    count, bad = unnamed_controls(window)
    tap.ok(not bad, "the end of the topic page: all %d controls have real names" % count,
           "\n".join(bad))
    tap.ok(steps.press(app, "Send"), "Send sends the answer")
    tap.ok(says("Thank you — sent", timeout=20), "the portal took it: “Thank you — sent”",
           "%r" % labels())
    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    app.stop()
    server.stop()
    tap.finish()
