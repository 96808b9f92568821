#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A 360 px window, at 100% and 300% text, on the home page, the topics list
and a topic: the window really gets that narrow, no label runs past its
sides, and every header control is still there, named and reached by Tab."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, Tap, click, cut_off, has_state, key, name_of,  # noqa: E402
                         role_of, screenshot, wait_for)

NARROW = 360
# The window's frame (borders, shadow) may add a few pixels.
TOLERANCE = 12
SMALLER = "تصغير النص"
LARGER = "تكبير النص"
HEADER_AR = ["رجوع", "القراءة بصوت مسموع", SMALLER, LARGER, "English", "المساعدة",
             "القائمة الرئيسية"]
PARKS = "مسودة لائحة الحدائق العامة"

tap = Tap()
app = App(locale="ar_SA.UTF-8", args=["--demo"])


def focused_name():
    node = app.focused()
    return name_of(node) if node is not None else None


def narrow_window():
    pids = subprocess.run(["xdotool", "search", "--pid", str(app.proc.pid)],
                          capture_output=True, text=True).stdout.split()
    for wid in pids:
        subprocess.run(["xdotool", "windowsize", wid, str(NARROW), "700"], check=False)
    time.sleep(1.0)


def window_width():
    window = app.window(timeout=2)
    rect = window.get_component_iface().get_extents(Atspi.CoordType.SCREEN)
    return rect.width


def check(label, header):
    """header: the header's controls; at 100 % text "Smaller text" is off,
    at 300 % "Larger text": shown, said to be unavailable, not on Tab's way."""
    off = SMALLER if label.endswith(" 100") else LARGER
    header = [n for n in header if n != off]
    narrow_window()
    screenshot("narrow-" + label.replace(" ", "-"))
    width = window_width()
    tap.ok(width <= NARROW + TOLERANCE,
           "%s: the window is %d px wide (asked for %d)" % (label, width, NARROW))
    window = app.window(timeout=2)
    cut = cut_off(window, roles=(Atspi.Role.LABEL, Atspi.Role.PUSH_BUTTON,
                                 Atspi.Role.TOGGLE_BUTTON))
    tap.ok(not cut, "%s: no label or button runs past the window's sides" % label,
           "\n".join(cut))
    seen = set()
    for _ in range(60):
        key("Tab")
        time.sleep(0.04)
        seen.add(focused_name())
        if all(name in seen for name in header):
            break
    missing = [name for name in header if name not in seen]
    tap.ok(not missing, "%s: Tab reaches every header control by its name" % label,
           "missing: %r\nseen: %r" % (missing, sorted(n for n in seen if n)))
    button = app.find_named(off, role=Atspi.Role.PUSH_BUTTON, root=window, timeout=2)
    tap.ok(button is not None and not has_state(button, Atspi.StateType.SENSITIVE)
           and off not in seen,
           "%s: %s is shown, off, and skipped by Tab" % (label, off))


def topic_button(title, timeout=10):
    return app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON
                    and name_of(n).startswith(title + "."), timeout=timeout)


def text_size(larger):
    """300% (where Larger text is off: the largest size) or back to 100%."""
    if larger:
        for _ in range(10):
            key("ctrl+plus")
            time.sleep(0.1)
    else:
        key("ctrl+0")
    time.sleep(1)


try:
    started = app.start()
    tap.ok(started, "the app starts on the practice portal", app.output())
    if not started:
        tap.finish()
    app.window(title="مشاركة")
    app.find_named("البوابة: بوابة التدريب", timeout=20)
    home_header = [n for n in HEADER_AR if n != "رجوع"]
    check("home 100", home_header)
    text_size(True)
    check("home 300", home_header)
    text_size(False)

    tile = app.find_named("الموضوعات", role=Atspi.Role.PUSH_BUTTON)
    tap.ok(tile is not None and click(tile), "the Topics tile opens the topics")
    parks = topic_button(PARKS, timeout=20)
    tap.ok(parks is not None, "the topics list shows the parks by-law")
    check("topics 100", HEADER_AR)
    text_size(True)
    check("topics 300", HEADER_AR)
    text_size(False)

    parks = topic_button(PARKS)
    tap.ok(parks is not None and click(parks), "the parks by-law opens")
    wait_for(lambda: app.find(lambda n: role_of(n) == Atspi.Role.LABEL and name_of(n) == PARKS,
                              timeout=0), timeout=10)
    check("topic 100", HEADER_AR)
    text_size(True)
    check("topic 300", HEADER_AR)
    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    app.stop()

tap.finish()
