#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading the practice portal by the keyboard and AT-SPI actions alone:
the topics list, a search, a topic with its dates and an image's
description, back with Escape to the same row, the closed topics and one
with its outcome; every page audited for names, in Arabic and English, at
100% and 300% text."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, Tap, click, extents, key, name_of, role_of,  # noqa: E402
                         screenshot, text_of, unnamed_controls, wait_for, walk)

tap = Tap()
app = App(locale="ar_SA.UTF-8", args=["--demo"])

PARKS = "مسودة لائحة الحدائق العامة"


def focused_name():
    node = app.focused()
    return name_of(node) if node is not None else None


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
    return [name_of(n) for n in walk(app.window(timeout=2)) if role_of(n) == Atspi.Role.LABEL]


def state_says(text, timeout=15):
    return wait_for(lambda: any(text in label for label in labels()), timeout=timeout)


def clipped(label):
    window = app.window(timeout=2)
    wx, wy, ww, wh = extents(window)
    cut = []
    for node in walk(window):
        if role_of(node) != Atspi.Role.LABEL or not name_of(node):
            continue
        x, y, w, h = extents(node)
        if w > 0 and (x < -1 or x + w > ww + 1):
            cut.append("%r x=%d w=%d" % (name_of(node), x, w))
    tap.ok(not cut, "%s: no label runs past the window's sides (%d px wide)" % (label, ww),
           "\n".join(cut))


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
    tap.ok(state_says("يُعرض 14 موضوعًا."), "the topics list says how many it shows",
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
    found = wait_for(lambda: not any("يُعرض 14" in label for label in labels())
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

    # Taking part asks, once, to agree with the policy; the topic stays where it was.
    def tab_to(name, tries=60):
        for _ in range(tries):
            if focused_name() == name:
                return True
            key("Tab")
            time.sleep(0.05)
        return focused_name() == name

    tap.ok(tab_to("علّق"), "Tab reaches «Comment»", "focus: %r" % focused_name())
    key("Return")
    tap.ok(app.find_named("قبل أن تشارك", timeout=10) is not None,
           "taking part first shows the policy to agree with")
    screenshot("policy-accept-ar-100")
    tap.ok(tab_to("أوافق وأريد المشاركة"), "Tab reaches «I agree»",
           "focus: %r" % focused_name())
    key("Return")
    back_on_topic = wait_for(lambda: focused_name() == "علّق", timeout=10)
    tap.ok(back_on_topic and app.find_named("قبل أن تشارك", timeout=1) is None,
           "agreeing goes back to the topic, on «Comment»", "focus: %r" % focused_name())
    tap.ok(state_says("ستتاح المشاركة من التطبيق في إصدار لاحق"),
           "and says what taking part does in this version", "labels: %r" % labels())
    key("Return")
    time.sleep(1)
    tap.ok(app.find_named("قبل أن تشارك", timeout=1) is None and focused_name() == "علّق",
           "once agreed, it does not ask again", "focus: %r" % focused_name())
    audit("Arabic topic page with a message")
    # Each message stays until it is closed, by a button with a name.
    closed = 0
    for _ in range(2):
        close = app.find_named("أغلق الرسالة", role=Atspi.Role.PUSH_BUTTON, timeout=5)
        if close is None or not click(close):
            break
        closed += 1
        time.sleep(0.8)
    tap.ok(closed == 2, "the two messages close by their «Close the message» buttons",
           "closed %d" % closed)
    if focused_name() != "علّق":
        tab_to("علّق")
    key("Escape")
    back = wait_for(lambda: (focused_name() or "").startswith(PARKS + "."), timeout=5)
    tap.ok(back, "Escape goes back to the list, to the same row", "focus: %r" % focused_name())

    # The closed topics with their results, and one of them with its outcome.
    entry.get_editable_text_iface().set_text_contents("")
    state_says("يُعرض 14 موضوعًا.")
    expander = app.find(lambda n: name_of(n).startswith("التصفية:")
                        and role_of(n) == Atspi.Role.PUSH_BUTTON)
    tap.ok(expander is not None and click(expander), "the filters open")
    closed = app.find(lambda n: role_of(n) in (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON)
                      and name_of(n) == "مغلق، ونُشرت النتائج", timeout=5)
    tap.ok(closed is not None and click(closed), "the filter of closed topics with results")
    tap.ok(state_says("تُعرض 3 موضوعات."), "three closed topics have their results published",
           "labels: %r" % labels())
    rows = [name_of(n) for n in walk(app.window()) if role_of(n) == Atspi.Role.PUSH_BUTTON
            and "مغلق، ونُشرت النتائج." in name_of(n)]
    tap.ok(len(rows) == 3, "every row shown is closed with results", "rows: %r" % rows)
    volunteering = topic_button("سياسة العمل التطوعي")
    tap.ok(volunteering is not None and click(volunteering), "one of them opens")
    tap.ok(state_says("قلتم، وفعلنا") and state_says("اعتمدت الوزارة المنصة الموحدة"),
           "its outcome says what was decided", "labels: %r" % labels())
    progress = app.find(lambda n: role_of(n) == Atspi.Role.PROGRESS_BAR, timeout=5)
    tap.ok(progress is not None and "60" in name_of(progress),
           "the progress of what was decided is said in words",
           name_of(progress) if progress else None)
    tap.ok(state_says("نُشرت النتائج في"), "the page says when the results were published")
    screenshot("topic-outcome-ar-100")
    audit("Arabic topic page with an outcome")

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
