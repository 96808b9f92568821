#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Assisted participation at a service center, from the keyboard and the
accessibility actions: a staff member signs in, starts an assisted session
from the menu; the window says who helps. The citizen, without an account,
files a complaint with contact details for the receipt: the portal stores
it with the staff member in assisted_by, the receipt and its PDF say it was
made with help at the center. "End Assisted Session" clears the citizen's
session and brings the staff member's back, still signed in; the portal
has the session ended. The practice portal is one menu item away."""

import os
import shutil
import sqlite3
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, free_port, has_state,  # noqa: E402
                         key, name_of, plain, role_of, screenshot, unnamed_controls, wait_for)

tap = Tap()

DESCRIPTION = "Litter left beside the bus stop for a week, helped at the counter."
HELPED = "Made with help at the service center."


def db_rows(data_dir, sql, args=()):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute(sql, args).fetchall()
    finally:
        db.close()


def user(data_dir, username):
    rows = db_rows(data_dir, "SELECT id, display_name FROM users WHERE username = ?", (username,))
    return rows[0] if rows else (None, None)


def menu_item(app, name, timeout=5):
    """An item of the main menu, opened with F10; None when the menu does
    not show it (the menu is closed again then)."""
    key("F10")
    item = app.find(lambda n: name_of(n) == name and role_of(n) == Atspi.Role.PUSH_BUTTON
                    and has_state(n, Atspi.StateType.VISIBLE), root=app.accessible,
                    timeout=timeout)
    if item is None:
        key("Escape")
    return item


def menu_has(app, name):
    item = menu_item(app, name, timeout=3)
    if item is not None:
        key("Escape")
    return item is not None


data_dir = tempfile.mkdtemp(prefix="msk-assisted-")
pdf_dir = tempfile.mkdtemp(prefix="msk-assisted-pdf-")
server = Server(free_port(), data_dir)
app = None
try:
    tap.ok(server.start(), "the portal runs on %s" % server.url)
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "the app opens the portal", app.output())
    staff_id, staff_name = user(data_dir, "staff")

    # The staff member signs in; the menu offers the assisted session.
    tap.ok(not menu_has(app, "Start Assisted Session"),
           "signed out, the menu offers no assisted session")
    item = menu_item(app, "Sign In")
    tap.ok(item is not None and click(item) and steps.sign_in(app, "staff", "Staff-Demo-2026"),
           "the staff member signs in from the menu")
    tap.ok(steps.says(app, "Signed in as %s" % staff_name, timeout=20),
           "the window says who is signed in", repr(steps.labels(app)))
    tap.ok(menu_has(app, "Practice Portal"), "the menu offers the practice portal")
    item = menu_item(app, "Start Assisted Session")
    tap.ok(item is not None, "signed in as staff, the menu offers Start Assisted Session")
    if item is not None:
        click(item)
    notice = "Assisted session with %s: nothing of it is kept after it ends" % staff_name
    tap.ok(steps.says(app, notice, timeout=20), "the window says: " + notice,
           repr(steps.labels(app)))
    tap.ok(wait_for(lambda: "Assisted session: started with" in app.output(), timeout=5),
           "the app started it")
    sessions = db_rows(data_dir, "SELECT code, staff_id, ended_at FROM assisted_sessions")
    tap.ok(len(sessions) == 1 and sessions[0][1] == staff_id and sessions[0][2] is None,
           "the portal holds one open session, of the staff member", repr(sessions))
    tap.ok(app.find_named("End Assisted Session", role=Atspi.Role.PUSH_BUTTON) is not None,
           "and offers «End Assisted Session»")
    tap.ok(menu_has(app, "Sign In") and not menu_has(app, "Start Assisted Session"),
           "nobody is signed in for the citizen, and no session starts inside one")
    screenshot("assisted-en-100")
    count, nameless = unnamed_controls(app.window())
    tap.ok(count > 10 and not nameless, "every control of the window has a name",
           "\n".join(nameless))

    # The citizen, without an account, files a complaint.
    tap.ok(steps.press(app, "Send a complaint or suggestion"), "the complaint tile opens its page")
    tap.ok(steps.fill_cleanliness(app, DESCRIPTION), "Cleanliness is chosen and described")
    tap.ok(steps.type_into(app, "Address", "Old Market Square, Al Waha")
           and steps.type_into(app, "First name", "Maryam")
           and steps.type_into(app, "Email address", "maryam@example.com"),
           "the place and contact details for the receipt are typed")
    tap.ok(steps.press(app, "Review before sending")
           and wait_for(lambda: plain(steps.focused_name(app) or "").startswith(
               "Service: Cleanliness"), timeout=10),
           "the review has the focus", repr(steps.focused_name(app)))
    tap.ok(steps.press(app, "Send"), "Send is pressed")
    agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                           timeout=10)
    if agree is not None:
        click(agree)
    tracking = wait_for(lambda: app.find(lambda n: plain(name_of(n)).startswith(
        "Tracking number MSK-"), timeout=1), timeout=30)
    tap.ok(tracking is not None, "the receipt shows the tracking number",
           repr(steps.labels(app)[-12:]))
    tap.ok(steps.says(app, HELPED), "the receipt says: " + HELPED)
    stored = db_rows(data_dir, "SELECT assisted_by, email FROM service_requests "
                     "WHERE description = ?", (DESCRIPTION,))
    tap.ok(stored == [(staff_id, "maryam@example.com")],
           "the portal holds the complaint with assisted_by, the staff member", repr(stored))
    screenshot("assisted-receipt-en-100")

    target = os.path.join(pdf_dir, "receipt.pdf")
    flat = steps.save_receipt_as_pdf(tap, app, target)
    tap.ok(HELPED in flat and "Tracking number: MSK-" in flat,
           "the PDF says the request was made with help at the center", flat[:300])

    # One action ends it: the staff member's session comes back.
    end = app.find_named("End Assisted Session", role=Atspi.Role.PUSH_BUTTON)
    tap.ok(end is not None and click(end), "End Assisted Session")
    tap.ok(wait_for(lambda: "Assisted session: the session is cleared (0 not sent)"
                    in app.output() and "Assisted session: ended on the portal" in app.output(),
                    timeout=20),
           "the citizen's session is cleared and the portal told", app.output()[-600:])
    tap.ok(steps.says(app, "Signed in as %s" % staff_name, timeout=20)
           and not steps.says(app, notice, timeout=1),
           "the staff member is still signed in, in their own window", repr(steps.labels(app)))
    tap.ok(app.find(lambda n: plain(name_of(n)).startswith("Tracking number MSK-"),
                    timeout=1) is None and not steps.says(app, HELPED, timeout=1),
           "nothing of the citizen's receipt is left on screen")
    ended = db_rows(data_dir, "SELECT ended_at FROM assisted_sessions")
    tap.ok(len(ended) == 1 and ended[0][0] is not None, "the portal has the session ended",
           repr(ended))
    tokens = db_rows(data_dir, "SELECT COUNT(*) FROM tokens WHERE user_id = ?", (staff_id,))
    tap.ok(tokens[0][0] >= 1, "the staff member's sign-in stands on the portal")
    tap.ok(menu_has(app, "Start Assisted Session"), "the next citizen can be helped")
    screenshot("assisted-ended-en-100")

    # The practice portal, one action away.
    item = menu_item(app, "Practice Portal")
    tap.ok(item is not None and click(item), "Practice Portal, from the menu")
    tap.ok(steps.practice_portal_url(app) is not None,
           "the practice portal runs", app.output()[-400:])
    tap.ok(app.find_named("Topics", role=Atspi.Role.PUSH_BUTTON, timeout=30) is not None
           and not menu_has(app, "Practice Portal"),
           "its start shows, and the menu offers it no more")
finally:
    if app is not None:
        app.stop()
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(pdf_dir, ignore_errors=True)
tap.finish()
