#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The account on the practice portal, from the keyboard: sign in from the
main menu (an empty field and a wrong password said at the field, which
has the focus), the header names the account, sign out; create an account
(a short password and a taken username said at their fields). Then the
same page in Arabic, looked at."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, Tap, click, cut_off, description_of, has_state, key, name_of,  # noqa: E402
                         plain, role_of, screenshot, type_text, unnamed_controls, wait_for,
                         walk)

tap = Tap()

CITIZEN = "مريم أحمد"
PASSWORD = "Citizen-Demo-2026"
FIELD_ROLES = (Atspi.Role.TEXT, Atspi.Role.ENTRY, Atspi.Role.PASSWORD_TEXT)


def labels(app):
    return [plain(name_of(n)) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.LABEL]


def says(app, text, timeout=15):
    return wait_for(lambda: any(text in label for label in labels(app)), timeout=timeout)


def focused(app):
    node = app.focused()
    return (name_of(node), role_of(node), description_of(node)) if node is not None else None


def field_focused(app, name, timeout=10):
    """The focused node is the field named name."""
    def check():
        node = app.focused()
        return node is not None and role_of(node) in FIELD_ROLES and name_of(node) == name
    return wait_for(check, timeout=timeout)


def menu_item(app, name, timeout=5):
    """An item of the main menu, opened with F10; None when the menu does
    not show it."""
    key("F10")
    item = app.find(lambda n: name_of(n) == name and role_of(n) == Atspi.Role.PUSH_BUTTON
                    and has_state(n, Atspi.StateType.VISIBLE), root=app.accessible,
                    timeout=timeout)
    return item


def close_menu():
    key("Escape")
    time.sleep(0.3)


def typed_into_focus(text):
    key("ctrl+a")
    if text:
        type_text(text)
    else:
        key("BackSpace")


def audit(app, what):
    _, bad = unnamed_controls(app.window(), skip_containers=True)
    tap.ok(not bad, "%s: every control has a real name" % what, "\n".join(bad))


app = App(locale="en_US.UTF-8", args=["--demo"])
try:
    tap.ok(app.start(), "the app starts on the practice portal", app.output())
    tap.ok(app.find_named("Portal: Practice portal", timeout=20) is not None,
           "the home page names the practice portal")

    # Signed out: the menu offers signing in and creating an account.
    item = menu_item(app, "Sign In")
    tap.ok(item is not None and app.find(lambda n: name_of(n) == "Create an Account"
                                         and has_state(n, Atspi.StateType.VISIBLE),
                                         root=app.accessible, timeout=2) is not None,
           "signed out, the main menu offers Sign In and Create an Account")
    tap.ok(app.find(lambda n: name_of(n) == "Sign Out" and has_state(n, Atspi.StateType.VISIBLE),
                    root=app.accessible, timeout=1) is None, "and no Sign Out")
    if item is not None:
        click(item)
    tap.ok(field_focused(app, "Username"), "Sign In opens the page with the focus on Username",
           repr(focused(app)))
    time.sleep(0.3)
    screenshot("sign-in-en-100")
    audit(app, "sign-in page")

    # Nothing typed: said at the field.
    key("Return")
    tap.ok(field_focused(app, "Username") and wait_for(
        lambda: (focused(app) or ("", "", ""))[2] == "Type your username.", timeout=5),
        "Return with nothing typed: the username field says «Type your username.»",
        repr(focused(app)))
    tap.ok(says(app, "Type your username."), "and the page shows it under the field")

    # A wrong password: said at the password, which keeps the focus.
    type_text("citizen")
    key("Tab")
    tap.ok(field_focused(app, "Password"), "Tab goes to Password", repr(focused(app)))
    type_text("not-the-password")
    key("Return")
    wrong = "The username or the password is not right. Check them and try again."
    tap.ok(wait_for(lambda: field_focused(app, "Password", 0.5)
                    and (focused(app) or ("", "", ""))[2] == wrong, timeout=15),
           "a wrong password is said at the password field, which has the focus",
           repr(focused(app)))
    password = app.focused()
    tap.ok(password is not None and (has_state(password, Atspi.StateType.INVALID_ENTRY)
                                     or has_state(password, Atspi.StateType.INVALID)),
           "the field is marked invalid for assistive technologies")
    tap.ok(not says(app, "Type your username.", timeout=1), "the earlier error is gone")
    screenshot("sign-in-wrong-en-100")

    # The right one: back home, signed in, said.
    typed_into_focus(PASSWORD)
    key("Return")
    tap.ok(says(app, "You are signed in as %s." % CITIZEN),
           "signed in: the message says as whom", repr(labels(app)))
    tap.ok(says(app, "Signed in as %s" % CITIZEN) and app.find_named(
        "Portal: Practice portal", timeout=5) is not None,
        "back on the home page, the header names the account", repr(labels(app)))
    tap.ok(wait_for(lambda: app.find(lambda n: name_of(n) == "Main menu"
                                     and plain(description_of(n)) == "Signed in as %s" % CITIZEN,
                                     timeout=1) is not None, timeout=5),
           "the main menu button says who is signed in too")
    screenshot("signed-in-en-100")

    # Sign out from the menu.
    item = menu_item(app, "Sign Out")
    tap.ok(item is not None and app.find(lambda n: name_of(n) == "Sign In"
                                         and has_state(n, Atspi.StateType.VISIBLE),
                                         root=app.accessible, timeout=1) is None,
           "signed in, the menu offers Sign Out and not Sign In")
    if item is not None:
        click(item)
    tap.ok(says(app, "You are signed out. Reading needs no account."),
           "Sign Out says so", repr(labels(app)))
    tap.ok(wait_for(lambda: not any(label.startswith("Signed in as") for label in labels(app)),
                    timeout=5), "the header no longer names an account", repr(labels(app)))

    # Create an account: the portal's refusals at their fields.
    item = menu_item(app, "Create an Account")
    if item is not None:
        click(item)
    tap.ok(field_focused(app, "Your name, as others will see it"),
           "Create an Account opens the page with the focus on the name", repr(focused(app)))
    username = "reader%d" % (int(time.time()) % 100000)
    type_text("Salma Reader")
    key("Tab")
    type_text(username)
    key("Tab")
    type_text("short")
    key("Return")
    tap.ok(wait_for(lambda: field_focused(app, "Password", 0.5) and (focused(app) or ("", "", ""))[2]
                    == "This is shorter than 8 characters", timeout=15),
           "a short password: the portal's words at the password field, focused",
           repr(focused(app)))
    screenshot("create-account-short-en-100")
    # The username taken: said at the username.
    key("shift+Tab")
    typed_into_focus("citizen")
    key("Tab")
    typed_into_focus("Long-enough-2026")
    key("Return")
    tap.ok(wait_for(lambda: field_focused(app, "Username", 0.5) and "already taken" in
                    ((focused(app) or ("", "", ""))[2] or ""), timeout=15),
           "a username taken is said at the username field, focused", repr(focused(app)))
    typed_into_focus(username)
    key("Tab")
    typed_into_focus("Long-enough-2026")
    key("Return")
    tap.ok(says(app, "You are signed in as Salma Reader."),
           "the account is created and signed in with its name", repr(labels(app)))
    tap.ok(app.alive() and not app.criticals(), "the app is still running, without criticals",
           app.output())
    app.stop()

    # Arabic: the page, right to left, at 100 % and 300 %.
    app = App(locale="ar_SA.UTF-8", args=["--demo"])
    tap.ok(app.start(), "the app starts in Arabic", app.output())
    app.find_named("البوابة: بوابة التدريب", timeout=20)
    item = menu_item(app, "تسجيل الدخول")
    if item is not None:
        click(item)
    tap.ok(field_focused(app, "اسم المستخدم"), "Arabic: the sign-in page, on the username",
           repr(focused(app)))
    time.sleep(0.3)
    screenshot("sign-in-ar-100")
    audit(app, "Arabic sign-in page")
    key("Return")
    tap.ok(wait_for(lambda: (focused(app) or ("", "", ""))[2] == "اكتب اسم المستخدم.", timeout=5),
           "Arabic: an empty username is said in Arabic", repr(focused(app)))
    for _ in range(8):
        key("ctrl+plus")
    time.sleep(0.8)
    screenshot("sign-in-ar-300")
    cut = cut_off(app.window())
    tap.ok(not cut, "Arabic at 300 %: no label runs past the window's sides", "\n".join(cut))
finally:
    app.stop()

tap.finish()
