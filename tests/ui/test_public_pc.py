"""A public computer's session, from the keyboard: the window says nothing
is kept; a person browses, signs in, votes, comments and makes the text
larger; "Finish and Clear" ends it: signed out on the portal (its token is gone
there), the window back on the start, the text size as before. The idle
warning comes, is said, and one key gives the time again; left alone, the
session is cleared. Finishing with a vote not sent yet names it: waiting
sends it, discarding drops it. Through all of it the app, followed by
strace, writes no file under HOME, the XDG directories or TMPDIR."""

import os
import re
import signal
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, description_of, free_port,  # noqa: E402
                         has_state, key, name_of, parent_pid, role_of, screenshot,
                         unnamed_controls, wait_for)

tap = Tap()

LIBRARY = "Public library opening hours"
PARKS = "Draft by-law on public parks"
COMMENT = "Shaded benches near the playground, please."
VOTES = {"8 pm": 31, "10 pm": 58, "Midnight": 19}
NOTICE = "Public computer: nothing is kept after you finish"
IDLE = 30  # seconds: the warning comes in the last 15


def watched_dirs(app_tmp):
    return [os.environ[name] for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                                          "XDG_CACHE_HOME", "XDG_STATE_HOME")] + [app_tmp]


def listing(dirs):
    found = []
    for top in dirs:
        for root, subdirs, files in os.walk(top):
            for name in subdirs + files:
                path = os.path.join(root, name)
                try:
                    found.append("%s %d" % (path, os.lstat(path).st_size))
                except OSError:
                    pass
    return sorted(found)


WRITE_CALL = re.compile(r'^\d+\s+(?:<\.\.\. )?(\w+)\((.*)')


def writes(trace_path):
    """The files the app opened to write, made, renamed or removed, from
    strace's log: (call, path) pairs."""
    found = []
    with open(trace_path, errors="replace") as f:
        for line in f:
            m = WRITE_CALL.match(line)
            if not m:
                continue
            call, rest = m.groups()
            paths = re.findall(r'"((?:[^"\\]|\\.)*)"', rest)
            if not paths:
                continue
            if call in ("open", "openat", "openat2", "creat"):
                if call != "creat" and not re.search(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC", rest):
                    continue
                if "= -1" in rest:
                    continue
            elif call in ("mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink",
                          "unlinkat", "rmdir", "link", "linkat", "symlink", "symlinkat",
                          "truncate", "chmod", "fchmodat", "utimensat"):
                if "= -1" in rest:
                    continue
            else:
                continue
            found.append((call, paths[0]))
    return found


# GStreamer's list of plugins and fontconfig's lists of fonts go to the
# app's runtime folder (memory, gone at the end of the login): the only
# files the app may write.
REGISTRY_DIR = os.path.join(os.environ["XDG_RUNTIME_DIR"], "musharaka")


def outside_devices(found):
    return [(c, p) for c, p in found if not p.startswith(("/dev/", "/proc/", "/sys/"))
            and not p.startswith(REGISTRY_DIR + "/") and p != REGISTRY_DIR]


def tokens_of(data_dir, username):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute("SELECT COUNT(*) FROM tokens t JOIN users u ON u.id = t.user_id "
                          "WHERE u.username = ?", (username,)).fetchone()[0]
    finally:
        db.close()


def votes_of(data_dir, username):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute("SELECT COUNT(*) FROM ballots v JOIN users u ON u.id = v.user_id "
                          "WHERE u.username = ?", (username,)).fetchone()[0]
    finally:
        db.close()


def comments_of(data_dir, username, body):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute("SELECT COUNT(*) FROM comments c JOIN users u ON u.id = c.user_id "
                          "WHERE u.username = ? AND c.body = ?", (username, body)).fetchone()[0]
    finally:
        db.close()


def go_home(app):
    """Back to the start with the header's Back button."""
    for _ in range(5):
        if app.find_named("Back", role=Atspi.Role.PUSH_BUTTON, timeout=1) is None:
            break
        steps.press(app, "Back")
        time.sleep(0.5)
    return start_screen(app)


def text_size(app):
    """What the Larger text button says of the text size."""
    button = app.find_named("Larger text", role=Atspi.Role.PUSH_BUTTON, timeout=2)
    return description_of(button) if button is not None else None


def focused_name(app):
    node = app.focused()
    return name_of(node) if node is not None else ""


def bar_says(app, text, timeout=15):
    return steps.says(app, text, timeout=timeout)


def cast(app, option, first, step="Down"):
    """On the poll's page: option chosen, Vote (or Change my vote), and the
    confirmation's Send my vote; the first time in a session, the policy
    agreed to and the sign-in made when asked."""
    def failed(step):
        tap.diag("%s failed; the focus on %r" % (step, focused_name(app)))
        return False
    if not wait_for(lambda: app.find_named(option, role=Atspi.Role.RADIO_BUTTON, timeout=1),
                    timeout=15):
        return failed("finding %s" % option)
    if not steps.choose(app, option, VOTES, step):
        return failed("choosing %s" % option)
    if not steps.tab_to(app, lambda n: n in ("Vote", "Change my vote")):
        return failed("Tab to Vote")
    key("Return")
    if not wait_for(lambda: focused_name(app) == "Send my vote", timeout=10):
        return failed("the confirmation")
    key("Return")
    if first:
        agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                               timeout=10)
        if agree is None:
            return failed("the policy")
        click(agree)
        return steps.sign_in(app, "citizen", "Citizen-Demo-2026")
    return True


def vote(app, option="10 pm", first=True):
    """From the start: the library topic found, its poll opened, and voted."""
    return steps.open_topic(app, "Topics", "library", LIBRARY) and steps.press(app, "Vote") \
        and cast(app, option, first)


def start_screen(app):
    return app.find_named("Topics", role=Atspi.Role.PUSH_BUTTON, timeout=15) is not None \
        and app.find_named("Back", role=Atspi.Role.PUSH_BUTTON, timeout=0.5) is None


def menu_has(app, name):
    """Whether the main menu (F10) shows a button called name (the menu
    closed again)."""
    key("F10")
    found = app.find(lambda n: name_of(n) == name and role_of(n) == Atspi.Role.PUSH_BUTTON
                     and has_state(n, Atspi.StateType.VISIBLE), root=app.accessible,
                     timeout=3) is not None
    key("Escape")
    return found


data_dir = tempfile.mkdtemp(prefix="msk-public-server-")
app_tmp = tempfile.mkdtemp(prefix="msk-public-tmp-", dir=os.environ["HOME"] + "/..")
trace = os.path.join(os.path.dirname(app_tmp), "public-pc.strace")
server = Server(free_port(), data_dir)
idler = None
app = App(locale="en_US.UTF-8",
          args=["--public", "--portal", server.url],
          env={"TMPDIR": app_tmp},
          wrapper=["strace", "-f", "-qq", "-e", "trace=%file", "-o", trace])
try:
    tap.ok(server.start(), "the portal runs")
    before = listing(watched_dirs(app_tmp))
    tap.ok(app.start(timeout=60), "the app starts as on a public computer, under strace",
           app.output())
    tap.ok(bar_says(app, NOTICE), "the window says: %s" % NOTICE, repr(steps.labels(app)))
    tap.ok(app.find_named("Finish and Clear", role=Atspi.Role.PUSH_BUTTON) is not None,
           "and offers «Finish and Clear»")
    screenshot("public-en-100")

    # Browse, vote (the policy and the sign-in on the way), text larger.
    tap.ok(vote(app), "the library poll is voted from the keyboard, signed in as citizen")
    tap.ok(steps.says(app, "Your vote was recorded on", timeout=30),
           "the vote is recorded", repr(steps.labels(app)))
    tap.ok(tokens_of(data_dir, "citizen") >= 1 and votes_of(data_dir, "citizen") >= 1,
           "the portal holds the citizen's sign-in and vote")
    tap.ok(go_home(app) and steps.open_topic(app, "Topics", "by-law", PARKS)
           and steps.press(app, "Read the comments and write yours"),
           "back on the start, the parks by-law's comments are opened")
    tap.ok(steps.type_into(app, "Your comment", COMMENT) and steps.press(app, "Send the comment")
           and steps.says(app, "Your comment was received on", timeout=30),
           "a comment is written and sent", repr(steps.labels(app)))
    tap.ok(comments_of(data_dir, "citizen", COMMENT) == 1, "the portal holds the comment")
    tap.ok(go_home(app), "back on the start")
    key("ctrl+plus")
    key("ctrl+plus")
    time.sleep(0.5)
    tap.ok(wait_for(lambda: text_size(app) not in (None, "Text size: 100%"), timeout=5),
           "the text is made larger: %s" % text_size(app))
    tap.ok(menu_has(app, "Sign Out"), "signed in: the menu offers Sign Out")
    count, nameless = unnamed_controls(app.window())
    tap.ok(count > 10 and not nameless, "every control of the window has a name",
           "\n".join(nameless))

    # Finish and Clear: nothing waits, so the session is cleared at once.
    tap.ok(steps.tab_to(app, lambda n: n == "Finish and Clear"), "Tab reaches Finish and Clear")
    key("Return")
    tap.ok(wait_for(lambda: tokens_of(data_dir, "citizen") == 0, timeout=20),
           "the portal no longer holds the citizen's token: it is refused from now on")
    tap.ok(start_screen(app), "the window is back on the start")
    tap.ok(wait_for(lambda: text_size(app) == "Text size: 100%", timeout=5),
           "the text size is as before the session", text_size(app))
    tap.ok(menu_has(app, "Sign In"),
           "nobody is signed in")
    screenshot("public-cleared-en-100")

    # A vote not sent yet: finishing names it; waiting sends it.
    tap.ok(vote(app, "Midnight"), "signed in again, the vote for Midnight is made")
    tap.ok(steps.says(app, "Your vote was recorded on", timeout=30), "it is recorded")
    server.stop()
    tap.ok(cast(app, "8 pm", first=False, step="Up"),
           "with the portal down, the vote is changed to 8 pm")
    tap.ok(steps.says(app, "saved on this computer", timeout=30),
           "it waits to be sent", repr(steps.labels(app)))
    tap.ok(steps.tab_to(app, lambda n: n == "Finish and Clear"), "Tab reaches Finish and Clear")
    key("Return")
    tap.ok(wait_for(lambda: focused_name(app).startswith("Not sent yet: ")
                    and "Wait until it is sent, or discard it and finish." in focused_name(app),
                    timeout=10),
           "finishing names what is not sent yet, with the focus", focused_name(app))
    screenshot("public-unsent-en-100")
    tap.ok(steps.press(app, "Wait Until Sent")
           and steps.says(app, "The session is cleared once it has gone."),
           "Wait Until Sent: it says the session ends once it has gone")
    tap.ok(server.start(), "the portal returns")
    tap.ok(wait_for(lambda: tokens_of(data_dir, "citizen") == 0, timeout=60),
           "the vote went, then the session was cleared: the token is gone on the portal")
    tap.ok(start_screen(app), "the window is back on the start")

    # Discard: dropped, knowingly.
    tap.ok(vote(app, "10 pm"), "signed in again, a vote for 10 pm")
    tap.ok(steps.says(app, "Your vote was recorded on", timeout=30), "it is recorded")
    server.stop()
    tap.ok(cast(app, "Midnight", first=False), "with the portal down, changed to Midnight")
    tap.ok(steps.says(app, "saved on this computer", timeout=30), "it waits to be sent")
    tap.ok(steps.tab_to(app, lambda n: n == "Finish and Clear"), "Tab reaches Finish and Clear")
    key("Return")
    tap.ok(wait_for(lambda: focused_name(app).startswith("Not sent yet: "), timeout=10),
           "finishing asks again", focused_name(app))
    tap.ok(steps.press(app, "Discard and Finish"), "Discard and Finish")
    tap.ok(wait_for(lambda: "the session is cleared (1 not sent)" in app.output(), timeout=30),
           "the session is cleared: one vote was dropped, as the person chose",
           app.output()[-600:])
    time.sleep(1)
    screenshot("public-discarded-en-100")
    tap.ok(server.start(), "the portal returns")
    tap.ok(start_screen(app), "the window is on the start", repr(steps.labels(app)))
    time.sleep(2)

    # The first app ends (as the library's PC shuts down), strace with it.
    child = next((int(p) for p in os.listdir("/proc") if p.isdigit()
                  and parent_pid(int(p)) == app.proc.pid), None)
    if child is not None:
        os.kill(child, signal.SIGTERM)
    app.proc.wait(30)

    # Another session, on a shorter idle time.
    idler = App(locale="en_US.UTF-8",
                args=["--public", "--portal", server.url, "--idle-timeout", str(IDLE)],
                env={"TMPDIR": app_tmp})
    tap.ok(idler.start(), "a second public session, idle time %d s" % IDLE, idler.output())
    tap.ok(bar_says(idler, NOTICE), "it says nothing is kept")
    # The idle warning: said, and one key gives the time again.
    warning = "Are you still there?"
    tap.ok(bar_says(idler, warning, timeout=IDLE + 10), "left alone, the idle warning comes",
           repr(steps.labels(idler)))
    tap.ok(wait_for(lambda: focused_name(idler).startswith(warning)
                    and "this session ends and everything in it is cleared" in focused_name(idler),
                    timeout=5),
           "it takes the focus, so that a screen reader says it, and counts down in words",
           focused_name(idler))
    shown = focused_name(idler)
    tap.ok(re.search(r"In \d+ seconds", shown) is not None, "it says the seconds left", shown)
    screenshot("public-idle-en-100")
    key("shift")
    tap.ok(bar_says(idler, NOTICE, timeout=5) and not steps.says(idler, warning, timeout=1),
           "one key (Shift) and the session goes on")
    # Left alone this time: cleared.
    tap.ok(bar_says(idler, warning, timeout=IDLE + 10), "the warning comes again")
    tap.ok(wait_for(lambda: "the session is cleared" in idler.output(), timeout=20),
           "left alone, the session is cleared", idler.output()[-800:])
    tap.ok(start_screen(idler), "and the window is on the start")
    idler.stop()

    # Nothing written: the listing, and what strace saw.
    after = listing(watched_dirs(app_tmp))
    tap.diag("watched: " + " ".join(watched_dirs(app_tmp)))
    for line in before:
        tap.diag("before: " + line)
    for line in after:
        tap.diag("after: " + line)
    added = sorted(set(after) - set(before))
    tap.ok(not added, "no file came under HOME, the XDG directories or TMPDIR "
           "(%d entries before, %d after)" % (len(before), len(after)), "\n".join(added))
    with open(trace, errors="replace") as f:
        traced = sum(1 for _ in f)
    tap.ok(traced > 1000, "strace followed the app: %d lines of file calls" % traced)
    found = writes(trace)
    outside = outside_devices(found)
    tap.diag("strace: %d file calls that write: %d on /dev, /proc and /sys, %d in the app's "
             "runtime folder %s, %d elsewhere"
             % (len(found), sum(p.startswith(("/dev/", "/proc/", "/sys/")) for _, p in found),
                sum(p.startswith(REGISTRY_DIR) for _, p in found), REGISTRY_DIR, len(outside)))
    for call, path in found:
        if path.startswith(REGISTRY_DIR):
            tap.diag("  runtime folder: %s %s" % (call, path))
    for call, path in outside[:40]:
        tap.diag("  %s %s" % (call, path))
    tap.ok(not outside, "strace saw no file written but devices", repr(outside[:40]))
finally:
    app.stop()
    if idler is not None:
        idler.stop()
    server.stop()
tap.finish()
