#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A complaint through the portal's Open311 endpoint, from the keyboard: the
public body, then the service found by searching (a search that finds
nothing says so); the service's own questions, checked before the review
(a required one left empty is said there, with the focus); the
description, the place and contact details said not to be published; a
review; the policy; the receipt with its tracking number, which is copied,
read aloud and saved as PDF (read back with pdftotext). The portal holds
the request once, with its attributes and contact details. With the portal
down, a complaint waits on this computer and says so; when the portal
returns it goes by itself, once, and the receipt shows its number."""

import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, description_of,  # noqa: E402
                         free_port, has_state, key, name_of, plain, role_of, screenshot,
                         text_of, type_text, unnamed_controls, wait_for, walk)

tap = Tap()

TEXT_ROLES = steps.ROLES_TEXT
DESCRIPTION = "Bags of litter and graffiti on the wall behind the old market."


def page_nodes(app, page="Complaint or suggestion"):
    panes = [n for n in walk(app.window(timeout=2))
             if role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == page]
    return list(walk(panes[-1])) if panes else []


def visible_rows(app):
    return [plain(name_of(n)) for n in page_nodes(app)
            if role_of(n) == Atspi.Role.LIST_ITEM and has_state(n, Atspi.StateType.VISIBLE)]


def focused(app):
    node = app.focused()
    return (plain(name_of(node)), plain(description_of(node))) if node else ("", "")


def requests(data_dir, description):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        rows = db.execute("SELECT id, email, first_name, address FROM service_requests "
                          "WHERE description = ?", (description,)).fetchall()
        found = []
        for request_id, email, first_name, address in rows:
            values = sorted(v for (v,) in db.execute(
                "SELECT value FROM request_attributes WHERE request_id = ? AND code = 'type'",
                (request_id,)))
            found.append((email, first_name, address, values))
        return found
    finally:
        db.close()


data_dir = tempfile.mkdtemp(prefix="msk-request-")
pdf_dir = tempfile.mkdtemp(prefix="msk-receipt-")
server = Server(free_port(), data_dir)
app = None
try:
    tap.ok(server.start(), "the portal runs on %s" % server.url)
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "the app opens the portal", app.output())
    tap.ok(steps.press(app, "Send a complaint or suggestion"), "the complaint tile opens its page")

    body = app.find_named("Al Waha City Municipality", role=Atspi.Role.RADIO_BUTTON, timeout=15)
    tap.ok(body is not None and has_state(body, Atspi.StateType.CHECKED),
           "the first public body is chosen, as a radio button of 'Who is it for?'")
    tap.ok(wait_for(lambda: any(r.startswith("Street lighting. A street light that is out")
                                and r.endswith("Roads and lighting.") for r in visible_rows(app))),
           "each service is a row named with its description and its group",
           repr(visible_rows(app)[:3]))
    headings = [plain(name_of(n)) for n in page_nodes(app) if role_of(n) == Atspi.Role.HEADING]
    tap.ok("Roads and lighting" in headings and "Cleanliness and waste" in headings,
           "the services are grouped under headings", repr(headings))
    screenshot("request-choose-en-100")

    search = app.find_named("Search the services", role=Atspi.Role.ENTRY)
    search.get_editable_text_iface().set_text_contents("unicorns")
    tap.ok(steps.says(app, "No service matches unicorns. Try other words"),
           "a search that finds nothing says so", repr(visible_rows(app)))

    tap.ok(steps.fill_cleanliness(app, "Too short"), "Cleanliness is found by 'litter' and filled in",
           repr(focused(app)))
    screenshot("request-form-en-100")

    # A text too short is said at the description, with the focus.
    tap.ok(steps.press(app, "Review before sending")
           and wait_for(lambda: focused(app)[0] == "Description"
                        and "short" in focused(app)[1], timeout=5),
           "a description too short is said there, with the focus", repr(focused(app)))
    text = app.focused()
    text.get_editable_text_iface().set_text_contents(DESCRIPTION)

    # The place, and contact details that are not published.
    tap.ok(steps.type_into(app, "Address", "Old Market Square, Al Waha")
           and steps.type_into(app, "Landmark nearby (optional)", "the fish market")
           and steps.type_into(app, "Latitude (optional)", "25.28"),
           "the address, a landmark and half of the coordinates are typed")
    tap.ok(steps.says(app, "Your contact details are not published."),
           "the form says contact details are not published")
    tap.ok(steps.type_into(app, "First name", "Maryam") and steps.type_into(app, "Email address", "maryam@"),
           "a first name and an email address are typed")
    tap.ok(steps.press(app, "Review before sending")
           and wait_for(lambda: focused(app)[0] == "Longitude (optional)"
                        and "both the latitude and the longitude" in focused(app)[1], timeout=5),
           "half of the coordinates is said at the longitude, with the focus", repr(focused(app)))
    lat = app.find_named("Latitude (optional)", role=Atspi.Role.TEXT)
    lat.get_editable_text_iface().set_text_contents("")
    tap.ok(steps.press(app, "Review before sending")
           and wait_for(lambda: focused(app)[0] == "Email address"
                        and "name@example.com" in focused(app)[1], timeout=5),
           "an email address without its domain is said there, with the focus",
           repr(focused(app)))
    key("End")
    type_text("example.com")

    tap.ok(steps.press(app, "Review before sending"), "Review before sending is pressed")
    review = wait_for(lambda: app.find(lambda n: role_of(n) == Atspi.Role.LABEL
                                       and plain(name_of(n)).startswith("Service: Cleanliness"),
                                       timeout=1), timeout=10)
    said = plain(name_of(review)) if review else ""
    tap.ok(review is not None and "For: Al Waha City Municipality" in said
           and "Kind of problem: Litter, Graffiti" in said
           and "Place: Old Market Square, Al Waha, near the fish market" in said
           and "Contact details, not published: Maryam, maryam@example.com" in said,
           "the review says the body, the answers, the place and the contact details",
           said or repr(focused(app)))
    tap.ok(review is not None and has_state(review, Atspi.StateType.FOCUSED),
           "the review has the focus")
    screenshot("request-review-en-100")

    tap.ok(steps.press(app, "Send"), "Send is pressed")
    agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                           timeout=15)
    tap.ok(agree is not None and click(agree), "the participation policy is agreed with")

    tracking = wait_for(lambda: app.find(lambda n: plain(name_of(n)).startswith(
        "Tracking number MSK-"), timeout=1), timeout=20)
    number = plain(name_of(tracking))[len("Tracking number "):] if tracking else ""
    tap.ok(tracking is not None, "the receipt shows the tracking number",
           number or repr([t for t in steps.labels(app) if "request" in t]))
    tap.ok(steps.says(app, "Your request about Cleanliness was received on"),
           "the receipt says the request was received, with the date")
    tap.ok(steps.says(app, "What happens next: The cleaning team comes within 24 hours."),
           "the receipt says what happens next, as the portal says it")
    stored = requests(data_dir, DESCRIPTION)
    tap.ok(stored == [("maryam@example.com", "Maryam", "Old Market Square, Al Waha, near the "
                       "fish market", ["graffiti", "litter"])],
           "the portal holds the request once, with its attributes and contact details",
           repr(stored))
    screenshot("request-receipt-en-100")

    tap.ok(steps.press(app, "Copy the tracking number")
           and steps.says(app, "The tracking number is copied."),
           "the tracking number is copied, and that is said")
    # Read through the reader bar, which shows itself (its header toggle
    # goes on) even where there is no sound device to hear it.
    def reader_on():
        toggle = app.find(lambda n: name_of(n) == "Read aloud" and role_of(n) in (
            Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON), timeout=1)
        return toggle is not None and (has_state(toggle, Atspi.StateType.PRESSED)
                                       or has_state(toggle, Atspi.StateType.CHECKED))
    tap.ok(steps.press(app, "Read the number aloud") and wait_for(reader_on, timeout=5),
           "the number is read aloud: the reader bar is shown, its toggle on")
    key("ctrl+shift+x")

    count, nameless = unnamed_controls(app.window())
    tap.ok(count > 10 and not nameless, "every control of the window has a name",
           repr((count, nameless)))

    # With the portal down, the complaint waits here and says so.
    tap.ok(steps.press(app, "Send another request")
           and wait_for(lambda: focused(app)[0] == "Search the services", timeout=10),
           "Send another request starts again at the search")
    # A service that needs a place, sent without one: the portal's refusal
    # is said at the address, with the focus, and nothing written is lost.
    second = DESCRIPTION.replace("old market", "old market, again")
    tap.ok(steps.fill_cleanliness(app, second) and steps.press(app, "Review before sending")
           and steps.press(app, "Send"), "a second complaint is sent without a place")
    tap.ok(wait_for(lambda: focused(app)[0] == "Address"
                    and "A location is required" in focused(app)[1], timeout=20),
           "the portal's refusal is said at the address, with the focus", repr(focused(app)))
    description = app.find_named("Description", role=Atspi.Role.TEXT)
    tap.ok(description is not None and plain(text_of(description)) == second,
           "the description is kept as written")
    type_text("Old Market Square, Al Waha")
    # With the portal down, the complaint waits here and says so.
    server.stop()
    tap.ok(steps.press(app, "Review before sending") and steps.press(app, "Send"),
           "it is sent again with the portal down")
    tap.ok(steps.says(app, "Your request is saved on this computer. It will be sent when the "
                      "connection returns", timeout=40),
           "with the portal down, the request is kept on this computer and that is said")
    tap.ok(requests(data_dir, second) == [], "the portal does not have it yet")
    screenshot("request-queued-en-100")
    tap.ok(server.start(), "the portal is started again")
    tap.ok(wait_for(lambda: app.find(lambda n: plain(name_of(n)).startswith(
        "Tracking number MSK-"), timeout=1) is not None, timeout=90),
        "once the portal returns, the request goes by itself and the receipt shows its number",
        repr([t for t in steps.labels(app) if "request" in t]))
    tap.ok(len(requests(data_dir, second)) == 1, "the portal holds it exactly once",
           repr(requests(data_dir, second)))
    # Saved as PDF last: the file chooser is a window of its own, after
    # which GTK 4.18 with no window manager reports no focus.
    target = os.path.join(pdf_dir, "receipt.pdf")
    flat = steps.save_receipt_as_pdf(tap, app, target)
    tap.ok("Receipt MSK-" in flat and "Tracking number: MSK-" in flat
           and "Kind of problem: Litter, Graffiti" in flat
           and "What happens next: The cleaning team comes within 24 hours." in flat,
           "the PDF holds the tracking number, the answers and what happens next", flat[:400])

finally:
    if app is not None:
        app.stop()
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(pdf_dir, ignore_errors=True)


# Arabic, right to left, at 100 % and 300 %.
data_dir = tempfile.mkdtemp(prefix="msk-request-ar-")
server = Server(free_port(), data_dir)
app = None
try:
    tap.ok(server.start(), "ar: the portal runs")
    app = App(locale="ar_SA.UTF-8", args=["--portal", server.url])
    tap.ok(app.start(), "ar: the app opens the portal", app.output())
    tap.ok(steps.press(app, "أرسل شكوى أو اقتراحًا"), "ar: the complaint tile opens its page")
    tap.ok(app.find_named("بلدية مدينة الواحة", role=Atspi.Role.RADIO_BUTTON, timeout=15)
           is not None, "ar: the public bodies are named in Arabic")
    time.sleep(1)
    screenshot("request-choose-ar-100")
    tap.ok(steps.tab_to(app, lambda n: plain(n).startswith("حفر الطرق.")), "ar: Tab reaches Potholes")
    key("Return")
    tap.ok(wait_for(lambda: focused(app)[0] == "صغيرة", timeout=10),
           "ar: the first question's first value has the focus", repr(focused(app)))
    screenshot("request-form-ar-100")
    clipped = steps.at_300_percent(app, "request-form-ar-300")
    tap.ok(not clipped, "ar: at 300 % no label runs past the window's sides", repr(clipped[:3]))
    key("ctrl+0")

    # Filed in Arabic: the review and the receipt, at 100 % and 300 %.
    tap.ok(steps.choose(app, "متوسطة", ("صغيرة", "متوسطة", "كبيرة"))
           and steps.type_into(app, "الوصف", "حفرة عميقة أمام مدخل المدرسة الابتدائية.")
           and steps.type_into(app, "العنوان", "شارع الكورنيش، الواحة"),
           "ar: the size, the description and the address are given")
    tap.ok(steps.press(app, "راجِع قبل الإرسال")
           and wait_for(lambda: focused(app)[0].startswith("الخدمة: حفر الطرق"), timeout=10),
           "ar: the review has the focus and names the service", repr(focused(app)))
    screenshot("request-review-ar-100")
    tap.ok(steps.press(app, "أرسل"), "ar: Send is pressed")
    agree = app.find_named("أوافق وأريد المشاركة", role=Atspi.Role.PUSH_BUTTON, timeout=15)
    tap.ok(agree is not None and click(agree), "ar: the participation policy is agreed with")
    tracking = wait_for(lambda: app.find(lambda n: plain(name_of(n)).startswith(
        "رقم التتبع MSK-"), timeout=1), timeout=20)
    tap.ok(tracking is not None, "ar: the receipt shows the tracking number",
           repr(steps.labels(app)[-8:]))
    tap.ok(steps.says(app, "الخطوة التالية: تُصلح الحفر الخطرة خلال ثلاثة أيام عمل."),
           "ar: the receipt says what happens next, in the portal's Arabic",
           repr(steps.labels(app)[-8:]))
    time.sleep(0.5)
    screenshot("request-receipt-ar-100")
    clipped = steps.at_300_percent(app, "request-receipt-ar-300")
    tap.ok(not clipped, "ar: the receipt at 300 %: no label runs past the window's sides",
           repr(clipped[:3]))
finally:
    if app is not None:
        app.stop()
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)
tap.finish()
