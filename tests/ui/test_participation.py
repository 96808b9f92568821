#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""My participation on a real portal, from the keyboard. An information
request filed through the Open311 API by another client, on a Wednesday
(the portal's clock set back to 11 November 2026), is followed by its
tracking number: its answer was due ten working days later (Sunday to
Thursday), on 25 November, and is now said to be overdue. A number the
portal does not know is said so. A staff account moves the request to "in
progress" with a note: its history shows both steps with their dates, and
a desktop notification was sent (a notification server on the test's bus
records it); activating the notification opens the item."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, description_of, free_port,  # noqa: E402
                         has_state, key, name_of, plain, role_of, screenshot,
                         type_text, unnamed_controls, wait_for, walk)

tap = Tap()

WEDNESDAY = "--clock-start=2026-11-11T09:00:00+04:00"
ASKED = "Please publish the number of community centres opened in 2026."
NOTE = "Assigned to the records team."


def page_nodes(app, page="My participation"):
    panes = [n for n in walk(app.window(timeout=2))
             if role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == page]
    return list(walk(panes[-1])) if panes else []


def rows(app, page="My participation"):
    return [plain(name_of(n)) for n in page_nodes(app, page)
            if role_of(n) == Atspi.Role.LIST_ITEM]


def row_with(app, text):
    return next((r for r in rows(app) if text in r), None)


def focused(app):
    node = app.focused()
    return (plain(name_of(node)), plain(description_of(node))) if node else ("", "")


def file_elsewhere(url):
    """An information request filed by another Open311 client."""
    form = urllib.parse.urlencode({
        "api_key": "musharaka-demo-key-2026", "jurisdiction_id": "mocd.example",
        "service_code": "information_request", "description": ASKED,
        "attribute[preferred_format]": "electronic", "email": "someone@example.com",
    }).encode()
    with urllib.request.urlopen(url + "/open311/v2/requests.json", data=form, timeout=10) as reply:
        return json.load(reply)[0]["service_request_id"]


def press(app, name):
    """The push button whose name, as read, is name, pressed."""
    button = app.find(lambda n: plain(name_of(n)) == name and role_of(n) == Atspi.Role.PUSH_BUTTON)
    return button is not None and click(button)


def notifications(path):
    try:
        with open(path) as log:
            return [json.loads(line) for line in log if line.strip()]
    except OSError:
        return []


data_dir = tempfile.mkdtemp(prefix="msk-participation-")
log_dir = tempfile.mkdtemp(prefix="msk-notifications-")
log_path = os.path.join(log_dir, "notifications.jsonl")
server = Server(free_port(), data_dir)
app = None
recorder = subprocess.Popen(["/usr/bin/python3", os.path.join(os.path.dirname(
    os.path.abspath(__file__)), "msk_notifications.py"), log_path], stdout=subprocess.PIPE)
try:
    tap.ok(recorder.stdout.readline().decode().strip() == "ready",
           "a notification server records what the desktop would show")
    tap.ok(server.start([WEDNESDAY]), "the portal runs, its clock on Wednesday 11 November 2026")
    tracking = file_elsewhere(server.url)
    tap.ok(tracking.startswith("MSK-"), "another client files an information request", tracking)
    server.stop()
    tap.ok(server.start(), "the portal runs again, on today's clock")

    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "the app opens the portal", app.output())
    tap.ok(steps.press(app, "My participation"), "the My participation tile opens its page")
    tap.ok(steps.says(app, "You have not sent anything yet."), "nothing is listed yet, in words")

    # A number the portal does not know.
    tap.ok(steps.tab_to(app, lambda n: n == "Tracking number"), "Tab reaches Tracking number")
    type_text("MSK-999999")
    key("Return")
    tap.ok(wait_for(lambda: "No request has the tracking number MSK-999999" in focused(app)[1],
                    timeout=20),
           "a number the portal does not know is said at the field", repr(focused(app)))
    key("ctrl+a")
    type_text(tracking.lower())
    key("Return")
    tap.ok(steps.says(app, "%s, a request about Information request, is now followed here."
                      % tracking, timeout=20), "the number is followed", repr(steps.labels(app)))
    row = wait_for(lambda: row_with(app, tracking), timeout=10)
    tap.ok(row is not None and row.startswith("Information request. Information request, "
                                              "tracking number %s, sent on" % tracking)
           and "(11 November 2026 at " in row
           and "State: Received." in row,
           "its row says what it is, its number, when it was sent and its state", repr(row))
    tap.ok(wait_for(lambda: "Overdue: the answer was due on" in (row_with(app, tracking) or "")
                    and "(25 November 2026)" in (row_with(app, tracking) or ""), timeout=20),
           "filed on a Wednesday, its answer was due ten working days later, on 25 November, "
           "and it is said to be overdue", repr(row_with(app, tracking)))
    screenshot("participation-en-100")

    # A staff member moves it on, from the app.
    key("F10")
    item = app.find(lambda n: name_of(n) == "Sign In" and role_of(n) == Atspi.Role.PUSH_BUTTON
                    and has_state(n, Atspi.StateType.VISIBLE), root=app.accessible, timeout=5)
    tap.ok(item is not None and click(item), "Sign In from the main menu")
    tap.ok(steps.sign_in(app, "staff", "Staff-Demo-2026"), "signed in as staff")
    tap.ok(steps.says(app, "You are signed in as", timeout=20), "the staff account is signed in")
    # Signed in, the person is back where they were (GTK 4.18) or home.
    if app.find_named("Check for news", role=Atspi.Role.PUSH_BUTTON, timeout=3) is None:
        steps.press(app, "My participation")
    tap.ok(app.find_named("Check for news", role=Atspi.Role.PUSH_BUTTON, timeout=10) is not None,
           "My participation is shown again")
    tap.ok(steps.choose(app, "In progress", ("In progress", "Answered and closed", "Rejected")),
           "the staff member chooses In progress", repr(focused(app)))
    tap.ok(steps.tab_to(app, lambda n: n == "Note for the person who sent it (optional)"),
           "Tab reaches the note")
    type_text(NOTE)
    tap.ok(steps.press(app, "Change the status")
           and steps.says(app, "The request is now: In progress.", timeout=20),
           "the status is changed, and that is said")
    tap.ok(wait_for(lambda: "State: In progress: " + NOTE + " Overdue" in (row_with(app, tracking)
                                                                  or ""),
                    timeout=30),
           "the row shows the new state with the note", repr(row_with(app, tracking)))
    sent = wait_for(lambda: [n for n in notifications(log_path)
                             if n["summary"] == "Information request"], timeout=20)
    tap.ok(bool(sent) and sent[-1]["body"] == "Now: In progress. " + NOTE
           and "default" in sent[-1]["actions"],
           "a desktop notification says the new state, and can be activated",
           repr(notifications(log_path)))

    tap.ok(press(app, "Show the history of Information request"),
           "Show the history is pressed")
    history = wait_for(lambda: next((plain(name_of(n)) for n in page_nodes(app)
                                     if role_of(n) == Atspi.Role.LABEL
                                     and "In progress. " + NOTE in plain(name_of(n))), None),
                       timeout=20)
    tap.ok(history is not None and history.count("\n") == 1 and "(11 November 2026" in history
           and ": Received." in history,
           "the history lists both steps with their dates", repr(history))
    screenshot("participation-history-en-100")
    count, nameless = unnamed_controls(app.window())
    tap.ok(count > 10 and not nameless, "every control of the page has a name",
           repr((count, nameless)))

    # The notification, activated, opens the item.
    key("Escape")
    tap.ok(wait_for(lambda: steps.focused_name(app) is not None, timeout=5), "back home")
    if sent:
        subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.Notifications",
                        "--object-path", "/org/freedesktop/Notifications", "--method",
                        "org.freedesktop.Notifications.Invoke", str(sent[-1]["id"]), "default"],
                       capture_output=True)
    tap.ok(wait_for(lambda: row_with(app, tracking) is not None
                    and any("In progress. " + NOTE in plain(name_of(n)) for n in page_nodes(app)
                            if role_of(n) == Atspi.Role.LABEL), timeout=20),
           "activating the notification opens My participation with the item's history")
finally:
    if app is not None:
        app.stop()
    server.stop()
    recorder.terminate()
    recorder.wait()
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(log_dir, ignore_errors=True)
tap.finish()
