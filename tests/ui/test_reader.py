#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reading a page aloud as a person without a screen reader would: the header's
Read aloud button, the reader bar's named controls, the word being marked, and
the keyboard to pause and stop. There is no sound device here: the app says so
and keeps marking the words."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, Tap, click, key, name_of, role_of,  # noqa: E402
                         screenshot, unnamed_controls, wait_for, walk)

tap = Tap()
app = App(locale="ar_SA.UTF-8", args=["--demo"])


def button(name):
    return app.find_named(name, role=Atspi.Role.PUSH_BUTTON, timeout=3)


SEEN = []


def marked_word(view):
    """The text under the reader view's 'spoken-word' mark, read through AT-SPI
    text attributes (the mark has a background and a double underline)."""
    text = view.get_text_iface()
    count = text.get_character_count()
    offset = 0
    runs = []
    while offset < count:
        values, start, end = text.get_attribute_run(offset, False)
        values = dict(values or {})
        runs.append((start, end, values.get("underline"), "bg-color" in values))
        if values.get("underline") == "double" and "bg-color" in values:
            return Atspi.Text.get_text(text, start, end)
        offset = max(end, offset + 1)
    SEEN.append(runs[:4])
    return None


try:
    tap.ok(app.start(), "the app starts", app.output())
    window = app.window(title="مشاركة")
    read = app.find(lambda n: name_of(n) == "القراءة بصوت مسموع"
                    and role_of(n) in (Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PUSH_BUTTON),
                    timeout=5)
    tap.ok(read is not None, "the header has a named Read aloud toggle",
           "named so: %r" % [role_of(n).value_nick for n in walk(window)
                             if name_of(n) == "القراءة بصوت مسموع"])
    view = app.find(lambda n: name_of(n) == "النص المراد قراءته بصوت مسموع", timeout=5)
    tap.ok(view is not None, "the page text is in a named reader view")

    click(read)
    pause = wait_for(lambda: button("إيقاف القراءة مؤقتًا"), timeout=5)
    tap.ok(pause is not None, "pressing it starts reading: the bar offers Pause")

    # The page is one sentence of a few seconds: look at the mark and pause
    # at once, then take the time to look around while paused.
    word = wait_for(lambda: marked_word(view), timeout=4)
    tap.ok(bool(word) and word in "اقرأ ما يُطرح على الجمهور، وأبدِ رأيك، وتابع ما تقرّر.",
           "a word of the page is marked while it is read (%r)" % word,
           "attribute runs seen: %r" % SEEN[-3:])
    screenshot("reader-highlight-ar")
    key("ctrl+shift+r")
    paused = wait_for(lambda: button("متابعة القراءة"), timeout=5)
    tap.ok(paused is not None, "Ctrl+Shift+R pauses, and the bar offers Continue")

    _, bar_names = unnamed_controls(window, skip_containers=True)
    tap.ok(not bar_names, "every control, the reader bar's included, has a real name",
           "\n".join(bar_names))

    key("ctrl+shift+x")
    stopped = wait_for(lambda: button("القراءة بصوت مسموع"), timeout=5)
    tap.ok(stopped is not None, "Ctrl+Shift+X stops")
    tap.ok(app.alive(), "the app keeps running without a sound device", app.output())
finally:
    app.stop()

tap.finish()
