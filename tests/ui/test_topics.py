#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading the practice portal by the keyboard and AT-SPI actions alone:
the topics list, a search, a topic with its dates and an image's
description, the way to its comments, back with Escape to
the same row, the closed topics and one with its outcome, its data saved
as CSV to a chosen file, "Was this useful?" answered, then Results and a
report's table; every page audited for names, in Arabic and English, at
100% and 300% text."""

import json
import os
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Tap, click, cut_off, extents, key, name_of, plain,  # noqa: E402
                         role_of, screenshot, text_of, unnamed_controls, wait_for, walk)

tap = Tap()
app = App(locale="ar_SA.UTF-8", args=["--demo"])

PARKS = "مسودة لائحة الحدائق العامة"


def focused_name():
    return steps.focused_name(app)


def audit(label):
    window = app.window(timeout=2)
    count, bad = unnamed_controls(window)
    tap.ok(count >= 8 and not bad,
           "%s: all %d controls have real names, none a class name" % (label, count),
           "\n".join(bad))


def topic_button(title, timeout=10):
    """The button that opens a topic: named by its row's whole sentence."""
    return app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON
                    and name_of(n).startswith(title + "."), timeout=timeout)


def labels():
    return [plain(name_of(n)) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.LABEL]


def state_says(text, timeout=15):
    return wait_for(lambda: any(text in label for label in labels()), timeout=timeout)


def clipped(label):
    cut = cut_off(app.window(timeout=2))
    tap.ok(not cut, "%s: no label runs past the window's sides" % label, "\n".join(cut))


try:
    started = app.start()
    tap.ok(started, "the app starts on the practice portal", app.output())
    if not started:
        tap.finish()
    window = app.window(title="مشاركة")
    tap.ok(app.find_named("البوابة: بوابة التدريب", timeout=20) is not None,
           "the home page names the practice portal")

    # The Topics tile, from the keyboard.
    for _ in range(40):
        if focused_name() == "الموضوعات":
            break
        key("Tab")
        time.sleep(0.05)
    key("Return")
    tap.ok(state_says("يُعرض ١٤ موضوعًا."), "the topics list says how many it shows",
           "labels: %r" % labels())
    parks = topic_button(PARKS)
    tap.ok(parks is not None and "بلدية مدينة الواحة" in name_of(parks)
           and "استشارة" in name_of(parks) and "يُغلق في" in name_of(parks)
           and "هـ" in name_of(parks),
           "a row says title, body, kind, status and its Hijri and Gregorian dates in one "
           "sentence", name_of(parks) if parks else None)
    time.sleep(0.5)
    screenshot("topics-ar-100")
    audit("Arabic topics list")

    # Search as one types: the portal's q=.
    entry = app.find(lambda n: role_of(n) == Atspi.Role.ENTRY and name_of(n) == "ابحث في الموضوعات")
    tap.ok(entry is not None, "the search field is named")
    entry.get_editable_text_iface().set_text_contents("حدائق")
    tap.ok(state_says("يُعرض موضوع واحد."), "searching «حدائق» finds one topic",
           "labels: %r" % labels())
    parks = topic_button(PARKS)
    tap.ok(parks is not None, "the parks by-law is the one found")
    # As people type Arabic: no hamza on the alef still finds «الأحياء».
    entry.get_editable_text_iface().set_text_contents("الاحياء")
    found = wait_for(lambda: not any("يُعرض ١٤" in label for label in labels())
                     and topic_button("أفكار لتشجير الأحياء", 0) is not None
                     and topic_button("تنظيم مواقف السيارات في الأحياء السكنية", 0) is not None
                     and topic_button(PARKS, 0) is None, timeout=15)
    tap.ok(found, "searching «الاحياء» finds the topics on «الأحياء», and not the parks",
           "labels: %r" % labels())
    entry.get_editable_text_iface().set_text_contents("حدائق")
    state_says("يُعرض موضوع واحد.")
    parks = topic_button(PARKS)

    # The topic page from the keyboard, and back to the same row with Escape.
    for _ in range(30):
        if (focused_name() or "").startswith(PARKS + "."):
            break
        key("Tab")
        time.sleep(0.05)
    tap.ok((focused_name() or "").startswith(PARKS + "."), "Tab reaches the row found",
           "focus: %r" % focused_name())
    key("Return")
    title = app.find(lambda n: role_of(n) == Atspi.Role.LABEL and name_of(n) == PARKS
                     and extents(n)[3] > 20, timeout=10)
    tap.ok(title is not None, "the topic page shows the title as a heading")
    tap.ok(state_says("يُغلق في") and state_says("فُتح في"),
           "the topic page says when it opened and when it closes", "labels: %r" % labels())
    tap.ok(state_says("صورة: حديقة عامة"), "an image is given by its description",
           "labels: %r" % labels())
    tap.ok(state_says("بلدية مدينة الواحة"), "the topic page names the public body")
    body = [text_of(n) for n in walk(app.window()) if role_of(n) == Atspi.Role.TEXT]
    tap.ok(any("الحدائق" in b for b in body), "the reader view holds the topic's text",
           "texts: %r" % body)
    time.sleep(0.3)
    screenshot("topic-ar-100")
    audit("Arabic topic page")

    # Taking part opens where one does it: the topic's comments, with the
    # guidelines; back, the topic is where it was.
    def tab_to(name, tries=60):
        return steps.tab_to(app, lambda n: n == name, tries)

    comments = "اقرأ التعليقات واكتب تعليقك"
    tap.ok(tab_to(comments), "Tab reaches «Read the comments and write yours»",
           "focus: %r" % focused_name())
    key("Return")
    tap.ok(state_says("يقرأ مشرفٌ كل تعليق قبل نشره") and state_says("ردًّا على سالم العلي"),
           "Return opens the topic's comments, with the guidelines and the threads",
           "labels: %r" % labels())
    audit("Arabic comments page")
    key("Escape")
    tap.ok(wait_for(lambda: focused_name() == comments, timeout=10),
           "back on the topic, on the button that opened them", "focus: %r" % focused_name())
    key("Escape")
    back = wait_for(lambda: (focused_name() or "").startswith(PARKS + "."), timeout=5)
    tap.ok(back, "Escape goes back to the list, to the same row", "focus: %r" % focused_name())

    # The closed topics with their results, and one of them with its outcome.
    entry.get_editable_text_iface().set_text_contents("")
    state_says("يُعرض ١٤ موضوعًا.")
    expander = app.find(lambda n: name_of(n).startswith("التصفية:")
                        and role_of(n) == Atspi.Role.PUSH_BUTTON)
    tap.ok(expander is not None and click(expander), "the filters open")
    closed = app.find(lambda n: role_of(n) in (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON)
                      and name_of(n) == "مغلق، ونُشرت النتائج", timeout=5)
    tap.ok(closed is not None and click(closed), "the filter of closed topics with results")
    tap.ok(state_says("تُعرض ٣ موضوعات."), "three closed topics have their results published",
           "labels: %r" % labels())
    rows = [name_of(n) for n in walk(app.window()) if role_of(n) == Atspi.Role.PUSH_BUTTON
            and "مغلق، ونُشرت النتائج." in name_of(n)]
    tap.ok(len(rows) == 3, "every row shown is closed with results", "rows: %r" % rows)
    volunteering = topic_button("سياسة العمل التطوعي")
    tap.ok(volunteering is not None and click(volunteering), "one of them opens")
    tap.ok(state_says("قلتم، وفعلنا") and state_says("اعتمدت الوزارة المنصة الموحدة"),
           "its outcome says what was decided", "labels: %r" % labels())
    progress = app.find(lambda n: role_of(n) == Atspi.Role.PROGRESS_BAR, timeout=5)
    tap.ok(progress is not None and "٦٠٪" in plain(name_of(progress)),
           "the progress of what was decided is said in words",
           name_of(progress) if progress else None)
    tap.ok(state_says("نُشرت النتائج في"), "the page says when the results were published")
    screenshot("topic-outcome-ar-100")
    audit("Arabic topic page with an outcome")

    # Its open data, saved to the file the person chooses, is the portal's
    # own export of the topic.
    portal = steps.practice_portal_url(app)
    found = json.loads(steps.get(portal, "/v1/topics?q=" + urllib.parse.quote("التطوعي")))
    topic_id = found["items"][0]["id"] if found["items"] else 0
    target = os.path.join(tempfile.mkdtemp(prefix="msk-journey-"), "volunteering.csv")
    tap.ok(steps.save_through_chooser(app, "احفظ بصيغة CSV (جدول بيانات)", "احفظ البيانات", target),
           "Tab reaches «احفظ بصيغة CSV (جدول بيانات)» and Return opens a file chooser",
           "focus: %r" % focused_name())
    saved = state_says("حُفظت البيانات في", timeout=20) and os.path.exists(target)
    tap.ok(saved, "the page says where the data was saved", "labels: %r" % labels())
    mine = open(target, "rb").read() if saved else b""
    export = "/v1/export/%d.csv" % topic_id
    rows = steps.csv_rows_but_time(mine)
    tap.ok(len(rows) > 3 and rows == steps.csv_rows_but_time(steps.get(portal, export)),
           "the file holds the portal's CSV of the topic (%d rows)" % len(rows), repr(mine[:300]))

    # Was this useful? Yes, because it is clear: the portal counts it.
    def counts():
        lines = steps.get(portal, export).decode().splitlines()
        return [line for line in lines if line.startswith(("feedback,,,,useful,",
                                                            "feedback,,,,reason_clear,"))]
    def value(line):
        # section,item_id,label_ar,label_en,metric,value,assisted
        return int(line.split(",")[5])
    before = [value(line) for line in counts()]
    clear = steps.answer_useful(app, "نعم", "واضح")
    tap.ok(clear is not None, "«هل كانت هذه الصفحة مفيدة؟»: Space on «نعم», then on «واضح»",
           "focus: %r" % focused_name())
    time.sleep(0.3)
    screenshot("topic-feedback-ar-100")
    tap.ok(steps.press(app, "أرسل") and state_says("شكرًا لك — أُرسلت إجابتك", timeout=20),
           "«أرسل» sends it and the page thanks", "labels: %r" % labels())

    after = wait_for(lambda: [value(line) for line in counts()] == [
        n + 1 for n in before] and counts(), timeout=15)
    tap.ok(len(before) == 2 and after,
           "the portal counts one more «useful», for being clear",
           "before: %r, now: %r" % (before, counts()))

    # 300%: everything wraps, nothing is cut.
    for _ in range(10):
        key("ctrl+plus")
        time.sleep(0.1)
    time.sleep(1)
    screenshot("topic-outcome-ar-300")
    clipped("Arabic topic page at 300%")
    key("Escape")
    time.sleep(1)
    screenshot("topics-ar-300")
    clipped("Arabic topics list at 300%")
    key("ctrl+0")
    time.sleep(0.5)

    # Results, from the home page: a participation report read as a table.
    key("Escape")
    tap.ok(steps.tab_to(app, lambda n: n == "النتائج"), "back home, Tab reaches «النتائج»",
           "focus: %r" % focused_name())
    key("Return")
    table, headers, rows = steps.report_table(app, "المشاركة شهريًا:")
    tap.ok(headers == ["الشهر", "المشاركون", "المساهمات", "الطلبات المجاب عنها",
                       "الوقت الوسيط للرد"] and len(rows) == 13,
           "Results reads a report's table: its five column headers and twelve months",
           "headers: %r, %d rows" % (headers, len(rows)))
    cells = [plain(name_of(c)) for c in steps.cells_of(rows[-1])] if rows else []
    tap.ok(len(cells) == 5 and cells[1].startswith("المشاركون")
           and any("٠" <= c <= "٩" for c in cells[1]),
           "a month's cells say their column and figure, in Arabic digits", "cells: %r" % cells)
    screenshot("journey-results-ar-100")
    key("Escape")
    tap.ok(steps.tab_to(app, lambda n: n == "الموضوعات"), "back home, Tab reaches «الموضوعات»")
    key("Return")
    state_says("يُعرض ١٤ موضوعًا.")

    # English: the page stays, the layout flips.
    english = app.find_named("English", role=Atspi.Role.PUSH_BUTTON)
    tap.ok(english is not None and click(english), "the language button offers English")
    window = app.window(title="Musharaka")
    tap.ok(state_says("Showing 14 topics."), "the topics list comes back in English",
           "labels: %r" % labels())
    time.sleep(0.5)
    screenshot("topics-en-100")
    audit("English topics list")
    parks = topic_button("Draft by-law on public parks")
    tap.ok(parks is not None and click(parks), "the parks by-law opens in English",
           "buttons: %r" % [name_of(n) for n in walk(app.window(timeout=2))
                            if role_of(n) == Atspi.Role.PUSH_BUTTON])
    tap.ok(state_says("Image: A public park"), "its image is described in English")
    time.sleep(0.3)
    screenshot("topic-en-100")
    audit("English topic page")
    for _ in range(10):
        key("ctrl+plus")
        time.sleep(0.1)
    time.sleep(1)
    screenshot("topic-en-300")
    clipped("English topic page at 300%")
    key("Escape")
    time.sleep(1)
    screenshot("topics-en-300")
    clipped("English topics list at 300%")
    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    app.stop()

tap.finish()
