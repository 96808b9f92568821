#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""musharaka --demo: the app starts the bundled server on the practice
portal, says so under the header, and the server never outlives the app:
not when it quits, not when it is killed."""

import os
import signal
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import App, Tap, key, name_of, screenshot, wait_for  # noqa: E402

tap = Tap()


def children_of(pid):
    """The live processes whose parent is pid, as (pid, command line)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
            with open("/proc/%s/cmdline" % entry, "rb") as f:
                cmdline = f.read().split(b"\0")
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append((int(entry), [c.decode() for c in cmdline if c]))
    return found


def running(pid):
    """Whether pid is a live process (a zombie nobody reaps is not)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


def server_of(app):
    for pid, argv in children_of(app.proc.pid):
        if argv and os.path.basename(argv[0]) == "musharaka-server":
            return pid, argv
    return None


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
    server = wait_for(lambda: server_of(app), timeout=10)
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
        gone = wait_for(lambda: not running(server[0]), timeout=5)
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
        tap.ok(wait_for(lambda: not running(server[0]), timeout=5),
               "the server stops when the app quits", "server %d still running" % server[0])
        tap.ok(not os.path.exists(data_dir), "the practice portal's data is removed at quit",
               data_dir)
finally:
    for app in apps:
        app.stop()

tap.finish()
