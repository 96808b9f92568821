#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The shell as a person meets it: Arabic title, names for everything one can
reach, Tab through every section, Ctrl+Plus, and a switch to English."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, Tap, click, cut_off, extents, has_state, key,  # noqa: E402
                         name_of, role_of, screenshot, unnamed_controls, wait_for, walk)

SECTIONS_AR = ["الموضوعات", "التصويتات والاستبيانات", "أرسل شكوى أو اقتراحًا", "مشاركاتي",
               "النتائج"]
HEADING_AR = "صوتك في القرارات العامة"
HEADING_EN = "Your voice in public decisions"

tap = Tap()
app = App(locale="ar_SA.UTF-8", args=["--demo"])


def focused_name():
    node = app.focused()
    return name_of(node) if node is not None else None


def check_names(window, label):
    count, bad = unnamed_controls(window)
    tap.ok(count >= 10 and not bad,
           "%s: all %d focusable or actionable accessibles have real names" % (label, count),
           "\n".join(bad))


def tab_cycle(keys, presses=40):
    """Names of what gets the focus, one Tab (or Shift+Tab) at a time."""
    seen = []
    for _ in range(presses):
        key(keys)
        time.sleep(0.08)
        seen.append(focused_name())
    return seen


try:
    started = app.start()
    tap.ok(started, "the app registers on the accessibility bus", app.output())
    if not started:
        tap.finish()

    # 1. The window, with its Arabic title, right to left.
    window = app.window(title="مشاركة")
    tap.ok(window is not None, "the window is there with its Arabic title under ar_SA.UTF-8",
           "frames: %r" % [name_of(w) for w in app.windows()])
    if window is None:
        tap.finish()

    heading = app.find_named(HEADING_AR)
    tap.ok(heading is not None, "the home screen shows its Arabic heading")
    wx, wy, ww, wh = extents(window)
    hx, hy, hw, hh = extents(heading)
    tap.ok(hx + hw > ww * 0.6, "the Arabic heading sits on the right (right to left)",
           "heading x=%d w=%d, window w=%d" % (hx, hw, ww))
    screenshot("shell-ar-100")

    # 2. Everything a person can reach has a name.
    check_names(window, "Arabic home screen")

    # 3. Tab reaches every section and never traps; Shift+Tab too.
    forward = tab_cycle("Tab")
    missing = [s for s in SECTIONS_AR if s not in forward]
    tap.ok(not missing, "Tab reaches every section tile", "missing: %r\nseen: %r" % (missing, forward))
    distinct = [n for n in dict.fromkeys(forward) if n]
    first = forward[0]
    again = first in forward[1:]
    tap.ok(len(distinct) >= 10 and again,
           "Tab goes round all %d stops and comes back (no trap)" % len(distinct),
           "sequence: %r" % forward)
    backward = tab_cycle("shift+Tab")
    tap.ok(all(s in backward for s in SECTIONS_AR) and set(distinct) <= set(backward),
           "Shift+Tab reaches the same stops backwards", "seen: %r" % backward)

    # Each section opens from its tile with Return, and Alt+Right (back, in
    # Arabic) or Escape returns to the tile.
    for index, section in enumerate(SECTIONS_AR):
        back_key = "Escape" if index % 2 else "alt+Right"
        for _ in range(40):
            if focused_name() == section:
                break
            key("Tab")
            time.sleep(0.05)
        key("Return")
        page_title = app.find(lambda n: name_of(n) == section and role_of(n) == Atspi.Role.LABEL,
                              timeout=5)
        back = app.find_named("رجوع", timeout=5)
        opened = page_title is not None and back is not None
        key(back_key)
        returned = wait_for(lambda: focused_name() == section, timeout=5)
        tap.ok(opened and returned, "section %s opens with Return and %s goes back to it"
               % (section, back_key), "opened=%s returned=%s focus=%r"
               % (opened, returned, focused_name()))

    # 4. Ctrl+Plus grows the text.
    before = extents(heading)
    key("ctrl+plus")
    grown = wait_for(lambda: extents(app.find_named(HEADING_AR, timeout=2))[3] > before[3],
                     timeout=5)
    after = extents(app.find_named(HEADING_AR))
    tap.ok(grown, "Ctrl+Plus makes the heading taller (%d → %d px)" % (before[3], after[3]))
    larger = app.find_named("تكبير النص", role=Atspi.Role.PUSH_BUTTON)
    for _ in range(10):
        if not has_state(larger, Atspi.StateType.SENSITIVE):
            break
        key("ctrl+plus")
        time.sleep(0.3)
    at_max = not has_state(larger, Atspi.StateType.SENSITIVE)
    smaller = app.find_named("تصغير النص", role=Atspi.Role.PUSH_BUTTON)
    described = "300" in (smaller.get_description() or "") or "٣٠٠" in (smaller.get_description() or "")
    tap.ok(at_max and described, "Ctrl+Plus stops at 300% and the size is said in words",
           "description: %r" % smaller.get_description())
    time.sleep(0.5)
    screenshot("shell-ar-300")
    clipped = cut_off(window)
    tap.ok(not clipped, "at 300% no label runs past the window's sides", "\n".join(clipped))
    # Text views grow with their text: the last character lies inside the
    # view. Views on pages not shown keep old extents: look at the page shown.
    def views_cut(text_start):
        cut = []
        for node in walk(app.window(timeout=2)):
            if role_of(node) != Atspi.Role.TEXT:
                continue
            count = Atspi.Text.get_character_count(node)
            if count == 0 or not Atspi.Text.get_text(node, 0, count).startswith(text_start):
                continue
            x, y, w, h = extents(node)
            last = Atspi.Text.get_character_extents(node, count - 1, Atspi.CoordType.WINDOW)
            if last.y + last.height > y + h + 1 or last.y < y - 1:
                cut.append("last character at y=%d..%d, view y=%d..%d"
                           % (last.y, last.y + last.height, y, y + h))
        return cut

    # The page lays itself out again as its labels wrap: once it settles.
    wait_for(lambda: not views_cut("اقرأ ما يُطرح"), timeout=5)
    cut = views_cut("اقرأ ما يُطرح")
    tap.ok(not cut, "at 300% the home screen's text shows its last line", "\n".join(cut))
    for _ in range(40):
        if focused_name() == SECTIONS_AR[0]:
            break
        key("Tab")
        time.sleep(0.05)
    key("Return")
    time.sleep(0.8)
    # The page lays itself out again as its labels wrap: once it settles.
    wait_for(lambda: not views_cut("الاستشارات والتصويتات"), timeout=5)
    cut = views_cut("الاستشارات والتصويتات")
    tap.ok(not cut, "at 300% a section's text shows its last line", "\n".join(cut))
    screenshot("shell-ar-300-topics")
    key("alt+Right")
    time.sleep(0.3)
    key("ctrl+0")
    back_to_normal = wait_for(lambda: abs(extents(app.find_named(HEADING_AR, timeout=2))[3]
                                          - before[3]) <= 1, timeout=5)
    tap.ok(back_to_normal, "Ctrl+0 brings the text back to its normal size")

    # 5. Switching to English flips the layout to left to right.
    english = app.find_named("English", role=Atspi.Role.PUSH_BUTTON)
    tap.ok(english is not None and click(english), "the language button offers English")
    window = app.window(title="Musharaka")
    tap.ok(window is not None, "the window comes back in English",
           "frames: %r" % [name_of(w) for w in app.windows()])
    heading = app.find_named(HEADING_EN)
    if heading is not None:
        wx, wy, ww, wh = extents(window)
        hx, hy, hw, hh = extents(heading)
        tap.ok(hx < ww * 0.4, "the English heading sits on the left (left to right)",
               "heading x=%d w=%d, window w=%d" % (hx, hw, ww))
    else:
        tap.ok(False, "the English heading is shown")
    time.sleep(0.3)
    screenshot("shell-en-100")
    check_names(window, "English home screen")
    tap.ok(app.find_named("عربي", role=Atspi.Role.PUSH_BUTTON) is not None,
           "the language button now offers Arabic")
    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    app.stop()

tap.finish()
