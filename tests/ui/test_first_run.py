#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first run: choose the practice portal or a portal by its address,
which is checked before it is saved; read and accept the participation
policy; the home page names the portal. Then musharaka --portal URL, and
the portals of Preferences: rename, remove."""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, Server, Tap, children, click, free_port, key,  # noqa: E402
                         name_of, role_of, screenshot, type_text, unnamed_controls, wait_for,
                         walk)

tap = Tap()

# The settings and the store stay between the starts of one scenario.
ENV = {"GSETTINGS_BACKEND": "keyfile"}


def says(app, text, root=None, timeout=15):
    """A label of the window (or of root) that contains text."""
    def find():
        base = root or app.window(title=app_title(app), timeout=1)
        if base is None:
            return None
        for node in walk(base):
            if role_of(node) == Atspi.Role.LABEL and text in name_of(node):
                return node
        return None
    return wait_for(find, timeout=timeout)


def app_title(app):
    return "مشاركة" if app.locale.startswith("ar") else "Musharaka"


def button(app, name, root=None, timeout=10):
    return app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and name_of(n) == name,
                    root=root, timeout=timeout)


def audit(app, what, root=None):
    _, bad = unnamed_controls(root or app.window(), skip_containers=True)
    tap.ok(not bad, "%s: every control has a real name" % what, "\n".join(bad))


def try_address(app, address, expected):
    entry = app.find(lambda n: role_of(n) == Atspi.Role.TEXT and name_of(n) == "Portal address")
    if entry is None:
        tap.ok(False, "the address field is there")
        return
    entry.get_editable_text_iface().set_text_contents(address)
    click(button(app, "Check and open this portal"))
    line = says(app, expected)
    tap.ok(line is not None and app.find_named("Choose a portal", timeout=1) is not None,
           "%s: said in words (“%s”), and the page stays" % (address, expected),
           "labels: %r" % [name_of(n) for n in walk(app.window())
                           if role_of(n) == Atspi.Role.LABEL][-3:])


def preferences(app):
    key("ctrl+comma")

    def find():
        for top in children(app.accessible):
            for node in walk(top):
                if name_of(node) == "Portals":
                    return top
        return None
    return wait_for(find, timeout=10)


def large_text():
    for _ in range(10):
        key("ctrl+plus")
    time.sleep(1)


def quit_app(app):
    key("ctrl+q")
    wait_for(lambda: app.proc.poll() is not None, timeout=10)


data_dir = tempfile.mkdtemp(prefix="msk-first-run-")
server = Server(free_port(), data_dir)
apps = []
try:
    tap.ok(server.start(), "a portal runs on %s" % server.url)

    # The first run asks which portal to open.
    app = App(locale="en_US.UTF-8", env=ENV)
    apps.append(app)
    tap.ok(app.start(), "the app starts without a portal", app.output())
    practice = button(app, "Open the practice portal")
    tap.ok(practice is not None, "the first run offers the practice portal")
    tap.ok(app.find(lambda n: role_of(n) == Atspi.Role.TEXT and name_of(n) == "Portal address")
           is not None, "and a portal by its address")
    audit(app, "the first run")
    screenshot("first-run-en-100")

    # Addresses that are not a portal are refused, and say why.
    try_address(app, server.url + "/nothing", "does not answer like a participation portal")
    try_address(app, "http://127.0.0.1:%d" % free_port(), "cannot be reached")
    try_address(app, "http://portal.example.sa", "does not use a secure connection")

    # The practice portal, then the texts to agree with.
    click(practice)
    policy = app.find_named("Before you take part", timeout=10)
    tap.ok(policy is not None, "choosing the practice portal shows the policy")
    tap.ok(says(app, "reviewed before it is published", timeout=3) is not None
           or app.find(lambda n: "reviewed before it is published" in
                       (n.get_text_iface() and Atspi.Text.get_text(
                           n.get_text_iface(), 0,
                           Atspi.Text.get_character_count(n.get_text_iface())) or ""),
                       timeout=3) is not None,
           "the policy says contributions are reviewed before they are published")
    audit(app, "the policy page")
    screenshot("policy-en-100")
    agree = button(app, "I agree and want to take part")
    tap.ok(agree is not None and click(agree), "“I agree” is a button")
    tap.ok(says(app, "Portal: Practice portal", timeout=20) is not None,
           "after agreeing, the home page names the practice portal")

    # Nothing of the refused addresses was saved.
    prefs = preferences(app)
    tap.ok(prefs is not None, "Preferences list the portals")
    if prefs is not None:
        saved = [name_of(n) for n in walk(prefs) if name_of(n).startswith("Name of the portal")]
        tap.ok(not saved, "no refused address was saved", "saved: %r" % saved)
        key("Escape")
    quit_app(app)

    # The next start opens the practice portal again, and does not ask again.
    app = App(locale="en_US.UTF-8", env=ENV)
    apps.append(app)
    tap.ok(app.start(), "the app starts again", app.output())
    tap.ok(says(app, "Portal: Practice portal", timeout=20) is not None,
           "the next start opens the portal chosen")
    tap.ok(app.find_named("Choose a portal", timeout=1) is None
           and app.find_named("Before you take part", timeout=1) is None,
           "and asks nothing again")

    # The texts stay in the main menu, a page each.
    key("F10")
    menu_item = button(app, "Privacy Notice", timeout=5)
    tap.ok(menu_item is not None and click(menu_item), "the main menu has the privacy notice")
    tap.ok(app.find_named("Privacy notice", timeout=5) is not None,
           "it opens on its own page")
    key("Escape")
    tap.ok(says(app, "Portal: Practice portal", timeout=5) is not None, "Escape goes back home")
    quit_app(app)

    # musharaka --portal URL: checked, saved and opened.
    app = App(locale="en_US.UTF-8", env=ENV, args=["--portal", server.url])
    apps.append(app)
    tap.ok(app.start(), "the app starts with --portal", app.output())
    line = says(app, "Portal: ", timeout=20)
    tap.ok(line is not None and "Practice" not in name_of(line),
           "--portal opens that portal", name_of(line) if line else app.output())
    prefs = preferences(app)
    row = None
    if prefs is not None:
        row = app.find(lambda n: role_of(n) == Atspi.Role.TEXT
                       and name_of(n) == "Name of the portal at " + server.url, root=prefs)
    tap.ok(row is not None, "Preferences list the saved portal with its name to edit")
    if row is not None:
        audit(app, "the portals of Preferences", root=prefs)
        screenshot("preferences-portals-en-100")
        # From the keyboard: Tab to the portal's choice, the next stop is its name
        # (GTK 4.8 does not mark an entry row's text as focused), type a new
        # one, Return.
        stops = []
        node = None
        for _ in range(40):
            node = app.focused(root=prefs)
            stops.append(name_of(node) if node is not None else None)
            if node is not None and name_of(node).startswith("Read ") \
                    and name_of(node) != "Read the practice portal":
                break
            key("Tab")
        tap.ok(node is not None and name_of(node).startswith("Read "),
               "Tab reaches the saved portal", "stops: %r" % stops)
        key("Tab")
        key("ctrl+a")
        type_text("My city portal")
        key("Return")
        tap.ok(says(app, "Renamed to “My city portal”", root=prefs, timeout=5) is not None,
               "renaming says so")
        remove = button(app, "Remove My city portal", root=prefs, timeout=5)
        tap.ok(remove is not None, "the remove button is named after the portal",
               "%r" % [name_of(n) for n in walk(prefs) if role_of(n) == Atspi.Role.PUSH_BUTTON])
        if remove is not None:
            click(remove)
            tap.ok(says(app, "“My city portal” was removed", root=prefs, timeout=5) is not None,
                   "removing says so")
            tap.ok(app.find(lambda n: name_of(n).startswith("Name of the portal"), root=prefs,
                            timeout=1) is None, "and the portal is gone from the list")
        key("Escape")
        tap.ok(says(app, "Portal: Practice portal", timeout=20) is not None,
               "the removed portal was the one read: the practice portal takes its place")
    quit_app(app)

    # --portal with an address that is not a portal: said, and the choice offered.
    app = App(locale="en_US.UTF-8", env=ENV, args=["--portal", server.url + "/nothing"])
    apps.append(app)
    tap.ok(app.start(), "the app starts with --portal and a wrong address", app.output())
    tap.ok(says(app, "This portal cannot be used: This address does not answer like a "
                     "participation portal", timeout=20) is not None
           and app.find_named("Choose a portal", timeout=5) is not None,
           "it says the address is not a portal, on the page that offers the choice")
    field = app.find(lambda n: role_of(n) == Atspi.Role.TEXT and name_of(n) == "Portal address",
                     timeout=5)
    typed = field.get_text_iface() if field is not None else None
    typed = Atspi.Text.get_text(typed, 0, Atspi.Text.get_character_count(typed)) if typed else ""
    tap.ok(typed == server.url + "/nothing", "with the address in the field, to correct",
           "field holds %r" % typed)
    quit_app(app)

    # Arabic, right to left, at 100 % and 300 %: the pages scroll, nothing is cut.
    # A first run again: settings and store of its own.
    fresh = tempfile.mkdtemp(prefix="msk-first-run-ar-")
    arabic_env = dict(ENV, **{name: os.path.join(fresh, name) for name in
                              ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
                               "XDG_CACHE_HOME")})
    app = App(locale="ar_SA.UTF-8", env=arabic_env)
    apps.append(app)
    tap.ok(app.start(), "the app starts in Arabic", app.output())
    practice = button(app, "افتح بوابة التدريب")
    tap.ok(practice is not None, "the Arabic first run offers the practice portal")
    audit(app, "the Arabic first run")
    screenshot("first-run-ar-100")
    large_text()
    screenshot("first-run-ar-300")
    if practice is not None:
        click(practice)
    tap.ok(app.find_named("قبل أن تشارك", timeout=10) is not None,
           "the Arabic policy page is shown")
    screenshot("policy-ar-300")
    key("ctrl+0")
    time.sleep(1)
    screenshot("policy-ar-100")
    quit_app(app)
finally:
    for app in apps:
        app.stop()
    server.stop()

tap.finish()
