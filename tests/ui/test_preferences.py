#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Preferences, the shortcuts window and About, from the keyboard; and what the
app remembers across a restart (text size, language, window size)."""

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, CLASS_NAME, Tap, click, extents, key,  # noqa: E402
                         name_of, role_of, screenshot, unnamed_controls, wait_for, walk)

tap = Tap()


def any_window_with(app, text, timeout=10):
    def find():
        for top in [c for c in __import__("msk_harness").children(app.accessible)]:
            for node in walk(top):
                if name_of(node) == text:
                    return top
        return None
    return wait_for(find, timeout)


# Settings kept in a key file, so that a second start sees what the first wrote.
env = {"GSETTINGS_BACKEND": "keyfile"}
app = App(locale="ar_SA.UTF-8", env=env)
try:
    tap.ok(app.start(), "the app starts", app.output())
    window = app.window(title="مشاركة")
    tap.ok(window is not None, "the Arabic window is there")

    # Preferences from the keyboard.
    key("ctrl+comma")
    prefs = any_window_with(app, "لغة التطبيق")
    tap.ok(prefs is not None, "Ctrl+Comma opens the preferences")
    if prefs is not None:
        time.sleep(0.5)
        screenshot("preferences-ar")
        _, bad = unnamed_controls(prefs, skip_containers=True)
        tap.ok(not bad, "every control in the preferences has a real name", "\n".join(bad))
        stops = []
        for _ in range(24):
            key("Tab")
            time.sleep(0.05)
            node = app.focused(root=prefs)
            stops.append((role_of(node).value_nick, name_of(node)) if node else (None, None))
        bad_stops = [s for s in stops if s[0] and (not s[1].strip() or CLASS_NAME.match(s[1]))]
        tap.ok(len({s for s in stops if s[0]}) >= 8 and not bad_stops,
               "every Tab stop in the preferences has a real name (%d stops)"
               % len({s for s in stops if s[0]}), "stops: %r" % stops)
        size_row_shows = app.find(lambda n: name_of(n) == "100٪", root=prefs, timeout=3)
        tap.ok(size_row_shows is not None, "the preferences show the text size (100٪)")
        radios = [name_of(n) for n in walk(prefs)
                  if role_of(n) in (Atspi.Role.RADIO_BUTTON, Atspi.Role.CHECK_BOX)]
        tap.ok(radios[:3] == ["مثل لغة النظام", "العربية", "English"] and "تباين عالٍ" in radios,
               "the language choices and the high-contrast switch are named after their rows",
               "toggles: %r" % radios)
        key("Escape")
        wait_for(lambda: any_window_with(app, "لغة التطبيق", timeout=0.2) is None, timeout=5)

    # Larger text, then see the preferences follow.
    key("ctrl+plus")
    key("ctrl+plus")
    time.sleep(0.3)
    key("ctrl+comma")
    prefs = any_window_with(app, "لغة التطبيق")
    shown = prefs is not None and app.find(lambda n: name_of(n) == "125٪", root=prefs, timeout=3)
    tap.ok(bool(shown), "after Ctrl+Plus twice the preferences show 125٪")
    key("Escape")
    time.sleep(0.5)

    # The shortcuts window.
    key("ctrl+question")
    shortcuts = any_window_with(app, "حجم النص العادي", timeout=5)
    shortcuts_ok = shortcuts is not None and shortcuts != app.window(timeout=1)
    tap.ok(shortcuts_ok, "Ctrl+? opens the keyboard shortcuts window")
    if shortcuts_ok:
        time.sleep(0.3)
        screenshot("shortcuts-ar")
    key("Escape")
    time.sleep(0.5)

    # About, through the main menu, opened with F10 as a keyboard user would.
    key("F10")
    about_item = app.find(lambda n: name_of(n) == "عن مشاركة"
                          and role_of(n) == Atspi.Role.PUSH_BUTTON, root=app.accessible,
                          timeout=5)
    tap.ok(about_item is not None, "F10 opens the main menu with About in it")
    if about_item is not None:
        click(about_item)
        about = any_window_with(app, "مطوّرو مشاركة", timeout=5)
        tap.ok(about is not None, "About Musharaka opens, in Arabic")
        if about is not None:
            time.sleep(0.5)
            screenshot("about-ar")
        key("Escape")
        time.sleep(0.3)

    # A size the window is given is the size it comes back with.
    main_xid = None
    for xid in subprocess.run(["xdotool", "search", "--pid", str(app.proc.pid)],
                              capture_output=True, text=True).stdout.split():
        title = subprocess.run(["xdotool", "getwindowname", xid], capture_output=True,
                               text=True).stdout.strip()
        if title == "مشاركة":
            main_xid = xid
    tap.ok(main_xid is not None, "the main window is found on the X server")
    if main_xid:
        subprocess.run(["xdotool", "windowsize", "--sync", main_xid, "700", "560"], check=False)
        time.sleep(0.5)
    key("ctrl+q")
    quit_ok = wait_for(lambda: app.proc.poll() is not None, timeout=10)
    tap.ok(quit_ok is not None, "Ctrl+Q quits")
finally:
    app.stop()

# Second start: the same settings.
app = App(locale="ar_SA.UTF-8", env=env)
try:
    tap.ok(app.start(), "the app starts again")
    window = app.window(title="مشاركة")
    tap.ok(window is not None, "it opens in Arabic again")
    if window is not None:
        x, y, w, h = extents(window)
        tap.ok(abs(w - 700) <= 40 and abs(h - 560) <= 80,
               "the window comes back at the size it was given (%dx%d)" % (w, h))
        smaller = app.find_named("تصغير النص", role=Atspi.Role.PUSH_BUTTON)
        described = smaller is not None and "125" in (smaller.get_description() or "")
        tap.ok(described, "the text size is remembered (125%)",
               "description: %r" % (smaller.get_description() if smaller else None))
        screenshot("restart-ar-125")
finally:
    app.stop()

tap.finish()
