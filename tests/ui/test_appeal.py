#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""An information request and its appeal, from the keyboard. The request is
filed on a Wednesday (the portal's clock set back to 11 November 2026): the
receipt says the answer is due ten working days later (Sunday to
Thursday), on 25 November. It is late by now, so My participation offers
"Appeal", which opens the appeal filled in from it. Two appeals sent while
the portal is down wait on this computer; when it returns, still on its
Wednesday clock, it refuses them (the answer is not late yet for it) and
each says "Failed" with the portal's reason. One is discarded (asked
first), the other tried again once the portal is on today's clock: the
portal then holds exactly one appeal, and it names the request."""

import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, cut_off, description_of,  # noqa: E402
                         free_port, key, name_of, plain, role_of, screenshot, text_of,
                         unnamed_controls, wait_for, walk)

tap = Tap()

WEDNESDAY = "--clock-start=2026-11-11T09:00:00+04:00"
ASKED = "Please publish the budget of the community centres for 2026."
EMAIL = "maryam@example.com"


def page_rows(app, page):
    panes = [n for n in walk(app.window(timeout=2))
             if role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == page]
    nodes = list(walk(panes[-1])) if panes else []
    return [plain(name_of(n)) for n in nodes if role_of(n) == Atspi.Role.LIST_ITEM]


def participation_rows(app):
    return page_rows(app, "My participation")


def focused(app):
    node = app.focused()
    return (plain(name_of(node)), plain(description_of(node))) if node else ("", "")


def press(app, name, timeout=10):
    """The push button whose name, as read, is name, pressed."""
    button = app.find(lambda n: plain(name_of(n)) == name and role_of(n) == Atspi.Role.PUSH_BUTTON,
                      timeout=timeout)
    return button is not None and click(button)



def appeals(data_dir, original):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute("SELECT r.id, r.description FROM service_requests r "
                          "WHERE r.service_code = 'information_appeal' "
                          "AND r.original_request = ?", (original,)).fetchall()
    finally:
        db.close()


def go_home(app):
    """Back to the home page with the header's Back button."""
    for _ in range(4):
        if not press(app, "Back", timeout=2):
            break
        time.sleep(0.5)
    return app.find_named("My participation", role=Atspi.Role.PUSH_BUTTON, timeout=10) is not None


def send_reviewed(app):
    """Review, then Send; the participation policy agreed with if asked."""
    if not steps.press(app, "Review before sending"):
        return False
    # the review takes the focus once it is shown: Send is pressed then
    if not wait_for(lambda: focused(app)[0].startswith("Service: "), timeout=10):
        return False
    if not steps.press(app, "Send"):
        return False
    def next_step():
        agree = app.find(lambda n: name_of(n) == "I agree and want to take part"
                         and role_of(n) == Atspi.Role.PUSH_BUTTON, timeout=0.5)
        if agree is not None:
            return agree
        return any(t.startswith("Tracking number MSK-") or "saved on this computer" in t
                   for t in steps.labels(app))
    found = wait_for(next_step, timeout=20)
    return found is True or (found is not None and click(found))


def appeal_from_participation(app, tracking):
    """My participation's Appeal on the request: the appeal page, filled in."""
    return (press(app, "Appeal on Information request")
            and wait_for(lambda: "I appeal because my information request %s was not answered "
                         "in time." % tracking in [plain(text_of(n)) for n in walk(app.window())
                                                   if role_of(n) == Atspi.Role.TEXT], timeout=20))


data_dir = tempfile.mkdtemp(prefix="msk-appeal-")
server = Server(free_port(), data_dir)
app = None
try:
    tap.ok(server.start([WEDNESDAY]), "the portal runs, its clock on Wednesday 11 November 2026")
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "the app opens the portal", app.output())

    # The information request, filed on the Wednesday.
    tap.ok(steps.press(app, "Send a complaint or suggestion"), "the complaint tile opens its page")
    body = app.find_named("Ministry of Community Development", role=Atspi.Role.RADIO_BUTTON,
                          timeout=15)
    tap.ok(body is not None and steps.choose(app, "Ministry of Community Development",
                                             ("Al Waha City Municipality",
                                              "Government of the Emirate of Al Sahel",
                                              "Ministry of Community Development")),
           "the Ministry is chosen among the public bodies")
    tap.ok(steps.tab_to(app, lambda n: plain(n).startswith("Information request.")),
           "Tab reaches Information request", repr(focused(app)))
    key("Return")
    tap.ok(wait_for(lambda: focused(app)[0] == "Electronic copy", timeout=10),
           "its question's first answer has the focus", repr(focused(app)))
    tap.ok(steps.choose(app, "Electronic copy") and steps.type_into(app, "Description", ASKED)
           and steps.type_into(app, "Email address", EMAIL), "the request is written, with an email")
    tap.ok(send_reviewed(app), "it is reviewed and sent",
           repr((focused(app), steps.labels(app)[-6:])))
    tracking = wait_for(lambda: app.find(lambda n: plain(name_of(n)).startswith(
        "Tracking number MSK-"), timeout=1), timeout=20)
    number = plain(name_of(tracking))[len("Tracking number "):] if tracking else ""
    tap.ok(tracking is not None, "the receipt shows the tracking number", number)
    tap.ok(steps.says(app, "The answer is due by 15 Jumada II 1448 AH (25 November 2026)"),
           "the receipt says the answer is due on 25 November, ten working days later",
           repr([t for t in steps.labels(app) if "due" in t]))
    screenshot("appeal-request-receipt-en-100")

    # Late now: My participation offers the appeal, filled in.
    tap.ok(go_home(app) and steps.press(app, "My participation"), "My participation is opened")
    tap.ok(wait_for(lambda: any(number in r and "Overdue: the answer was due on 15 Jumada II 1448 AH "
                                "(25 November 2026)" in r for r in participation_rows(app)),
                    timeout=20),
           "the request's row says it is overdue since 25 November",
           repr(participation_rows(app)))
    # Each appeal is written while the portal is up and sent once it is
    # down: it waits on this computer. When the portal returns, still on its
    # Wednesday clock, it refuses it: the answer is not late yet for it.
    for n in (1, 2):
        tap.ok(appeal_from_participation(app, number),
               "appeal %d: Appeal opens the appeal, its description written from the request" % n)
        field = app.find(lambda n: role_of(n) in steps.ROLES_TEXT and plain(name_of(n)).startswith(
            "Tracking number of the original information request"), timeout=5)
        tap.ok(field is not None and plain(text_of(field)) == number,
               "appeal %d: it names the request by its tracking number" % n,
               repr(plain(text_of(field)) if field else None))
        if n == 1:
            screenshot("appeal-form-en-100")
        server.stop()
        tap.ok(steps.type_into(app, "Email address", EMAIL) and send_reviewed(app),
               "appeal %d: it is reviewed and sent with the portal down" % n)
        tap.ok(steps.says(app, "Your request is saved on this computer.", timeout=40),
               "appeal %d: it waits on this computer, and that is said" % n)
        tap.ok(go_home(app) and steps.press(app, "My participation"),
               "appeal %d: back to My participation" % n)
        tap.ok(wait_for(lambda: sum(r.startswith("Appeal on an information request.") and "Waiting for the connection" in r
                                    for r in participation_rows(app)) == 1, timeout=10),
               "appeal %d: it is listed as waiting for the connection" % n,
               repr(participation_rows(app)))
        if n == 1:
            screenshot("appeal-waiting-en-100")
        tap.ok(server.start([WEDNESDAY]), "appeal %d: the portal returns, on its Wednesday clock" % n)
        # The page loaded again (F5) finds the portal answering: what waited
        # for it goes then, not when its backoff ends.
        key("F5")
        tap.ok(wait_for(lambda: sum(r.startswith("Appeal on an information request.") and "Failed: " in r
                                    for r in participation_rows(app)) == n, timeout=30),
               "appeal %d: the portal refuses it, and it says Failed with the reason" % n,
               repr(participation_rows(app)))
    screenshot("appeal-failed-en-100")
    tap.ok(appeals(data_dir, int(number.split("-")[-1])) == [], "the portal holds no appeal")

    # One discarded: asked first.
    tap.ok(press(app, "Discard Appeal on an information request"), "Discard is pressed on the first")
    tap.ok(steps.says(app, "for good? It was not sent"), "the app asks before discarding")
    screenshot("appeal-discard-ask-en-100")
    tap.ok(press(app, "Discard for good"), "Discard for good is pressed")
    tap.ok(wait_for(lambda: sum(r.startswith("Appeal on an information request.") for r in participation_rows(app)) == 1,
                    timeout=10), "one appeal is left", repr(participation_rows(app)))

    # The other tried again, the portal now on today's clock.
    server.stop()
    tap.ok(server.start(), "the portal runs again, on today's clock")
    tap.ok(press(app, "Try sending Appeal on an information request again"), "Try again is pressed on the other")
    tap.ok(wait_for(lambda: any(r.startswith("Appeal on an information request.") and "tracking number MSK-" in r
                                and "State: Received. The answer is due by" in r
                                for r in participation_rows(app)),
                    timeout=60),
           "the appeal is received, with its own tracking number and the date its answer is due",
           repr(participation_rows(app)))
    held = appeals(data_dir, int(number.split("-")[-1]))
    tap.ok(len(held) == 1, "the portal holds exactly one appeal, on the request", repr(held))
    screenshot("appeal-received-en-100")
    count, nameless = unnamed_controls(app.window())
    tap.ok(count > 10 and not nameless, "every control of the window has a name",
           repr((count, nameless)))
    clipped = steps.at_300_percent(app, "appeal-participation-en-300")
    tap.ok(not clipped, "at 300 % no label of My participation runs past the window's sides",
           repr(clipped[:3]))

    # The same, in Arabic, right to left: what this computer sent stays.
    app.stop()
    app = App(locale="ar_SA.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "ar: the app opens the portal", app.output())
    tap.ok(steps.press(app, "مشاركاتي"), "ar: the My participation tile opens its page")
    said = wait_for(lambda: [r for r in page_rows(app, "مشاركاتي")
                             if r.startswith("تظلم بشأن طلب معلومات.")], timeout=20)
    tap.ok(said and "الحالة: تم الاستلام." in said[0] and "رقم التتبع MSK-" in said[0],
           "ar: the appeal's row is read in Arabic, named by the portal in Arabic, with its "
           "state and tracking number",
           repr(page_rows(app, "مشاركاتي")))
    screenshot("appeal-participation-ar-100")
    clipped = steps.at_300_percent(app, "appeal-participation-ar-300")
    tap.ok(not clipped, "ar: at 300 % no label of My participation runs past the window's sides",
           repr(clipped[:3]))
    # the rows, scrolled to with the keyboard
    tap.ok(steps.tab_to(app, lambda n: plain(n).startswith("اعرض سجل ")),
           "ar: at 300 %, Tab reaches the first row's history button", repr(focused(app)))
    time.sleep(0.8)
    screenshot("appeal-participation-rows-ar-300")
    clipped = cut_off(app.window())
    tap.ok(not clipped, "ar: at 300 % no label of the rows runs past the window's sides",
           repr(clipped[:3]))
finally:
    if app is not None:
        app.stop()
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)
tap.finish()
