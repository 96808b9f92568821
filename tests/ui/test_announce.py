#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A message the window shows is also said to a screen reader, by whatever
means the GTK the app runs on has: an AT-SPI announcement on GTK 4.14 and
newer; on older GTK, the focused widget's accessible description, until the
focus moves on.

The message comes from F1 when no help viewer can be found (the test hides
every handler of help: URIs in its private configuration)."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gi  # noqa: E402

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

from msk_harness import (App, Atspi, Tap, description_of, key, name_of, role_of,  # noqa: E402
                         screenshot, walk)


def gtk_version():
    text = os.environ.get("MSK_GTK_VERSION", "")
    try:
        return tuple(int(part) for part in text.split(".")[:3])
    except ValueError:
        return ()


def hide_help_viewers():
    """Makes help: URIs fail in the app's session, so that F1 reports an error."""
    handlers = [info.get_id() for info in Gio.AppInfo.get_all_for_type("x-scheme-handler/help")]
    config = os.environ["XDG_CONFIG_HOME"]
    with open(os.path.join(config, "mimeapps.list"), "a") as f:
        f.write("[Removed Associations]\n")
        f.write("x-scheme-handler/help=%s\n" % ";".join(handlers + [""]))
    return handlers


def pump(seconds):
    """Runs the main loop (AT-SPI events arrive through it) for a while."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        while context.pending():
            context.iteration(False)
        time.sleep(0.02)


def pump_until(predicate, timeout=10.0):
    context = GLib.MainContext.default()
    deadline = time.monotonic() + timeout
    while True:
        while context.pending():
            context.iteration(False)
        try:
            value = predicate()
        except GLib.Error:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(0.05)


def event_text(event):
    value = event.any_data
    if hasattr(value, "get_value"):
        value = value.get_value()
    return value if isinstance(value, str) else ""


def label_names(window):
    return {name_of(n) for n in walk(window) if role_of(n) == Atspi.Role.LABEL and name_of(n)}


version = gtk_version()
announces = version >= (4, 14, 0)
tap = Tap()
tap.diag("GTK %s: expecting %s" % (".".join(map(str, version)) or "unknown",
                                   "an AT-SPI announcement" if announces
                                   else "the message in the focused widget's description"))

events = []


def on_event(event):
    events.append((event.type, event_text(event), event.source))


listener = Atspi.EventListener.new(on_event)
app = App(locale="ar_SA.UTF-8")

try:
    hidden = hide_help_viewers()
    tap.diag("help viewers hidden from the app: %r" % hidden)
    started = app.start()
    tap.ok(started, "the app registers on the accessibility bus", app.output())
    if not started:
        tap.finish()
    window = app.window()
    tap.ok(window is not None, "the main window is there")
    if window is None:
        tap.finish()

    listener.register("object:announcement")
    listener.register("object:property-change:accessible-description")

    # A person is somewhere in the window when the message comes.
    key("Tab")
    focused = pump_until(lambda: app.focused(window), timeout=5)
    tap.ok(focused is not None, "Tab puts the focus on a widget (%r)" % name_of(focused))
    if focused is None:
        tap.finish()
    focused_name = name_of(focused)
    focused.clear_cache()
    own_description = description_of(focused)
    before = label_names(window)
    pump(0.5)
    events.clear()

    key("F1")
    shown = pump_until(lambda: [n for n in label_names(window) - before if len(n) > 10],
                       timeout=15)
    tap.ok(shown, "F1 without a help viewer shows a message", app.output())
    message = shown[0] if shown else ""
    tap.diag("message: %r" % message)
    screenshot("announce-message")

    if announces:
        heard = pump_until(lambda: [text for kind, text, _ in events
                                    if kind == "object:announcement" and text], timeout=10)
        tap.ok(heard and (not message or message in heard),
               "the screen reader gets an announcement with the message",
               "events: %r" % [(kind, text) for kind, text, _ in events])
        now = app.focused(window)
        tap.ok(now is not None and message not in description_of(now),
               "the focused widget keeps its own description",
               "description: %r" % (description_of(now) if now else None))
    else:
        now = pump_until(lambda: app.focused(window), timeout=5)
        described = pump_until(lambda: message and message in description_of(now), timeout=10)
        tap.ok(now is not None and name_of(now) == focused_name and described,
               "the focused widget (%r) describes itself with the message" % focused_name,
               "description: %r" % (description_of(now) if now else None))
        changed = [text for kind, text, _ in events
                   if kind.startswith("object:property-change:accessible-description")]
        tap.ok(any(message in text for text in changed),
               "a screen reader is told that the description changed",
               "events: %r" % [(kind, text) for kind, text, _ in events])
        # Once the focus moves on, the widget gets its own description back.
        key("Tab")
        moved = pump_until(lambda: name_of(app.focused(window) or window) != focused_name,
                           timeout=5)
        restored = pump_until(lambda: description_of(focused) == own_description, timeout=5)
        tap.ok(moved and restored,
               "after Tab the previous widget has its own description back (%r)" % own_description,
               "description: %r" % description_of(focused))

    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    try:
        listener.deregister("object:announcement")
        listener.deregister("object:property-change:accessible-description")
    except Exception:
        pass
    app.stop()

tap.finish()
