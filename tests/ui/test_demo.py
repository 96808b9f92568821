#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""musharaka --demo: the app starts the bundled server on the practice
portal, says so under the header, and the server never outlives the app:
not when it quits, not when it is killed. musharaka --demo --show topics
(what ./build-aux/dev.sh run opens) starts on the portal's topics."""

import json
import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Tap, description_of, key, name_of, plain, role_of, screenshot,  # noqa: E402
                         wait_for, walk)

tap = Tap()


def data_dir_of(argv):
    return argv[argv.index("--data") + 1]


def start_on_demo(label):
    app = App(locale="en_US.UTF-8", args=["--demo"])
    started = app.start()
    tap.ok(started, "%s: the app starts with --demo" % label, app.output())
    if not started:
        return app, None
    line = app.find_named("Portal: Practice portal", timeout=20)
    tap.ok(line is not None, "%s: the home page says it reads the practice portal" % label,
           app.output())
    server = wait_for(lambda: steps.server_of(app), timeout=10)
    tap.ok(server is not None and "--demo" in server[1] and "127.0.0.1:0" in server[1],
           "%s: the bundled server runs with the demo data on a free loopback port" % label,
           "server: %r" % (server,))
    return app, server


apps = []
try:
    # Killed: the kernel stops the server with the app.
    app, server = start_on_demo("killed")
    apps.append(app)
    first_dir = None
    if server is not None:
        first_dir = data_dir_of(server[1])
        tap.ok(os.path.isdir(first_dir) and oct(os.stat(first_dir).st_mode & 0o777) == "0o700",
               "its data sits in a private temporary directory", first_dir)
        screenshot("demo-en-100")
        os.kill(app.proc.pid, signal.SIGKILL)
        app.proc.wait(5)
        t0 = time.monotonic()
        gone = wait_for(lambda: not steps.running(server[0]), timeout=5)
        tap.ok(gone, "the server is gone %.1f s after the app was killed with SIGKILL"
               % (time.monotonic() - t0), "server %d still running" % server[0])

    # Quit: the server stops and its data goes; the data a killed app left
    # behind goes at the next start.
    app, server = start_on_demo("quit")
    apps.append(app)
    if server is not None:
        if first_dir is not None:
            tap.ok(wait_for(lambda: not os.path.exists(first_dir), timeout=5),
                   "the next start removes the data the killed app left behind", first_dir)
        data_dir = data_dir_of(server[1])
        window = app.window()
        key("ctrl+q")
        quit_in_time = wait_for(lambda: app.proc.poll() is not None, timeout=10)
        tap.ok(quit_in_time and app.proc.returncode == 0, "Ctrl+Q quits the app",
               app.output())
        tap.ok(wait_for(lambda: not steps.running(server[0]), timeout=5),
               "the server stops when the app quits", "server %d still running" % server[0])
        tap.ok(not os.path.exists(data_dir), "the practice portal's data is removed at quit",
               data_dir)
    # --show topics: the topics page, in Arabic, once the portal answers;
    # the home page is under it, where Escape goes.
    app = App(locale="ar_SA.UTF-8", args=["--demo", "--show", "topics"])
    apps.append(app)
    tap.ok(app.start(), "--show topics: the app starts", app.output())
    window = app.window(title="مشاركة")

    def shown_count():
        for node in walk(app.window(timeout=2)):
            name = plain(name_of(node))
            if role_of(node) == Atspi.Role.LABEL and name.startswith("يُعرض ١٤"):
                return name
        return None

    count = wait_for(shown_count, timeout=20)
    tap.ok(count == "يُعرض ١٤ موضوعًا.",
           "--show topics: the practice portal's topics are listed, in Arabic digits", repr(count))
    screenshot("run-topics-ar-100")
    # What the README's run opens: every row says which body put it to the
    # public (the page waits for the bodies' names).
    url = steps.practice_portal_url(app)
    entities = json.loads(steps.get(url, "/v1/entities?limit=50"))["items"] if url else []
    bodies = [entity["name"]["ar"] for entity in entities]
    rows = [plain(name_of(n)) for n in walk(app.window())
            if role_of(n) == Atspi.Role.PUSH_BUTTON and description_of(n) == "يفتح هذا الموضوع"]
    nameless = [row for row in rows if not any(body in row for body in bodies)]
    tap.ok(len(rows) >= 10 and not nameless,
           "--show topics: every row (%d) names its public body" % len(rows), repr(nameless[:3]))
    key("Escape")
    back = wait_for(lambda: shown_count() is None, timeout=10)
    tap.ok(back and app.find_named("البوابة: بوابة التدريب", timeout=5) is not None,
           "--show topics: Escape goes back to the home page under it")
    app.stop()

    # A section that does not exist: said, and the app does not start.
    app = App(locale="en_US.UTF-8", args=["--demo", "--show", "nowhere"])
    apps.append(app)
    app.start(timeout=5)
    tap.ok(app.proc.poll() == 2 and "--show nowhere: there is no such section" in app.output(),
           "--show with an unknown section says so and exits with status 2", app.output())
finally:
    for app in apps:
        app.stop()

tap.finish()
