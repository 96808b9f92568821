"""A library's administrator makes the computer public and locks it, in a
dconf system database: the app, started as usual, runs as on a public
computer, says so, and its Preferences show the switch on and locked, with
who set it. The settings go through the real dconf back end, and the session
writes nothing into the user's dconf database. Unlocked, the switch turns
the mode on, at once, and off again."""

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Tap, children, click, description_of, has_state, key,  # noqa: E402
                         name_of, screenshot, unnamed_controls, wait_for, walk)
from msk_harness import Atspi  # noqa: E402

tap = Tap()

NOTICE = "Public computer: nothing is kept after you finish"
NOTICE_AR = "حاسوب عام: لا يُحتفظ بشيء بعد أن تنتهي"


def schema_id():
    out = subprocess.run(["gsettings", "list-schemas"], capture_output=True, text=True).stdout
    return next(s for s in out.split() if s.startswith("io.github.musharaka.Musharaka"))


def system_db(top, path):
    """A dconf database setting public-computer and locking it, compiled as
    an administrator does with «dconf update»."""
    keyfiles = os.path.join(top, "local.d")
    os.makedirs(os.path.join(keyfiles, "locks"))
    with open(os.path.join(keyfiles, "00-library"), "w") as f:
        f.write("[%s]\npublic-computer=true\n" % path.strip("/"))
    with open(os.path.join(keyfiles, "locks", "library"), "w") as f:
        f.write("/%s/public-computer\n" % path.strip("/"))
    db = os.path.join(top, "local")
    subprocess.run(["dconf", "compile", db, keyfiles], check=True)
    profile = os.path.join(top, "profile")
    with open(profile, "w") as f:
        f.write("user-db:user\nfile-db:%s\n" % db)
    return profile


def public_switch(app):
    prefs = any_window_with(app, "This computer")
    if prefs is None:
        return None
    return next((n for n in walk(prefs) if name_of(n) == "Public computer"
                 and n.get_role() in (Atspi.Role.CHECK_BOX, Atspi.Role.TOGGLE_BUTTON)), None)


def around(node, levels=3):
    """The node and those above it, with their names and descriptions."""
    found = []
    while node is not None and levels > 0:
        found.append((name_of(node), description_of(node)))
        node = node.get_parent()
        levels -= 1
    return found


def says_with(toggle, text):
    """Whether the switch or its row (libadwaita 1.7 describes the row by
    its subtitle, and the switch not) says text as its description, or the
    row holds it as a label."""
    if any(d == text for _, d in around(toggle)):
        return True
    row = toggle.get_parent()
    row = row.get_parent() if row is not None else None
    return row is not None and any(name_of(n) == text for n in walk(row))


def any_window_with(app, text, timeout=10):
    def find():
        for top in children(app.accessible):
            for node in walk(top):
                if name_of(node) == text:
                    return top
        return None
    return wait_for(find, timeout)


top = tempfile.mkdtemp(prefix="msk-dconf-")
path = "/" + schema_id().replace(".", "/") + "/"
profile = system_db(top, path)
user_db = os.path.join(os.environ["XDG_CONFIG_HOME"], "dconf", "user")
app = App(locale="en_US.UTF-8", env={"GSETTINGS_BACKEND": "dconf", "DCONF_PROFILE": profile})
try:
    check = subprocess.run(["gsettings", "writable", schema_id(), "public-computer"],
                           capture_output=True, text=True,
                           env=dict(os.environ, GSETTINGS_BACKEND="dconf", DCONF_PROFILE=profile))
    tap.ok(check.stdout.strip() == "false", "gsettings says the key is locked",
           check.stdout + check.stderr)
    tap.ok(app.start(), "the app starts as usual, without --public", app.output())
    tap.ok(steps.says(app, NOTICE), "it runs as on a public computer and says so",
           repr(steps.labels(app)))
    key("ctrl+plus")
    time.sleep(0.5)

    key("ctrl+comma")
    prefs = any_window_with(app, "This computer")
    tap.ok(prefs is not None, "Ctrl+Comma opens the preferences, with «This computer»")
    toggle = None
    if prefs is not None:
        toggle = next((n for n in walk(prefs) if name_of(n) == "Public computer"
                       and n.get_role() in (Atspi.Role.CHECK_BOX, Atspi.Role.TOGGLE_BUTTON)),
                      None)
    tap.ok(toggle is not None and has_state(toggle, Atspi.StateType.CHECKED),
           "its switch «Public computer» is on")
    tap.ok(toggle is not None and not has_state(toggle, Atspi.StateType.SENSITIVE),
           "and cannot be changed")
    tap.ok(toggle is not None and says_with(toggle, "Set by the administrator of this computer."),
           "it says who set it", repr(around(toggle)) if toggle else None)
    if prefs is not None:
        _, bad = unnamed_controls(prefs, skip_containers=True)
        tap.ok(not bad, "every control of the preferences has a name", "\n".join(bad))
        screenshot("public-locked-preferences-en")
    key("Escape")
    time.sleep(0.5)
    tap.ok(not os.path.exists(user_db),
           "the larger text stayed in the session: nothing was written to the user's dconf "
           "database", user_db)
    app.stop()

    # Not locked: the person at the computer turns it on, and off.
    app = App(locale="en_US.UTF-8")
    tap.ok(app.start(), "without a lock, the app starts as usual", app.output())
    tap.ok(app.find_named("Main menu", timeout=15) is not None and not steps.says(app, NOTICE, 1),
           "it is not a public computer", repr(steps.labels(app)))
    key("ctrl+comma")
    toggle = public_switch(app)
    tap.ok(toggle is not None and has_state(toggle, Atspi.StateType.SENSITIVE)
           and not has_state(toggle, Atspi.StateType.CHECKED),
           "Preferences: «Public computer» is off and can be changed")
    tap.ok(toggle is not None and click(toggle), "it is switched on")
    tap.ok(steps.says(app, NOTICE), "at once the window says nothing is kept",
           repr(steps.labels(app)))
    key("ctrl+comma")
    toggle = public_switch(app)
    tap.ok(toggle is not None and has_state(toggle, Atspi.StateType.CHECKED)
           and click(toggle), "in Preferences again it is on, and is switched off")
    tap.ok(wait_for(lambda: not steps.says(app, NOTICE, 0.5), timeout=15),
           "the session is finished and the window no longer says it",
           repr(steps.labels(app)))
    app.stop()

    # In Arabic, right to left, and at 300 %.
    app = App(locale="ar_SA.UTF-8", args=["--public"])
    tap.ok(app.start(), "ar: the app starts as on a public computer", app.output())
    tap.ok(steps.says(app, NOTICE_AR), "ar: the window says: " + NOTICE_AR,
           repr(steps.labels(app)))
    tap.ok(app.find_named("إنهاء ومسح", role=Atspi.Role.PUSH_BUTTON) is not None,
           "ar: and offers «إنهاء ومسح»")
    screenshot("public-ar-100")
    clipped = steps.at_300_percent(app, "public-ar-300")
    tap.ok(not clipped, "ar: at 300 % no label runs past the window's sides", repr(clipped[:3]))
finally:
    app.stop()
tap.finish()
