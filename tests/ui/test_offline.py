#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline: the topics read once show again when the portal is gone, under
a banner that says when they were saved; when the portal comes back, the
banner goes by itself."""

import os
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from msk_harness import (App, Atspi, Tap, click, key, name_of, plain, role_of,  # noqa: E402
                         screenshot, wait_for, walk)

tap = Tap()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The real musharaka-server with the demo data, on a port of ours."""

    def __init__(self, port, data_dir):
        self.port = port
        self.data_dir = data_dir
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([os.environ["MSK_SERVER"], "--demo", "--data", self.data_dir,
                                      "--rate-limit", "0", "--listen", "127.0.0.1:%d" % self.port],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode().strip()
        return line.startswith("http://")

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def labels(app):
    return [plain(name_of(n)) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.LABEL]


def says(app, text, timeout=15):
    return wait_for(lambda: any(text in label for label in labels(app)), timeout=timeout)


def open_topics(app):
    tile = app.find(lambda n: role_of(n) == Atspi.Role.PUSH_BUTTON and name_of(n) == "Topics")
    if tile is None:
        return False
    return click(tile)


data_dir = tempfile.mkdtemp(prefix="msk-offline-")
port = free_port()
url = "http://127.0.0.1:%d" % port
server = Server(port, data_dir)
app = None
try:
    # Nothing read yet and no portal: the page says so, with a retry.
    app = App(locale="en_US.UTF-8", args=["--portal", url])
    tap.ok(app.start(), "the app opens the portal given with --portal", app.output())
    tap.ok(open_topics(app) and says(app, "The topics could not be loaded:"),
           "with the portal unreachable and nothing saved, the failure is said in words",
           "labels: %r" % labels(app))
    retry = app.find_named("Try again", role=Atspi.Role.PUSH_BUTTON, timeout=5)
    tap.ok(retry is not None, "a Try again button is offered")

    # Online: Try again reads the topics.
    tap.ok(server.start(), "the portal runs on %s" % url)
    tap.ok(retry is not None and click(retry) and says(app, "Showing 14 topics."),
           "Try again reads the topics once the portal answers", "labels: %r" % labels(app))
    tap.ok(not says(app, "Offline", timeout=1), "no offline banner while the portal answers")
    key("ctrl+q")
    wait_for(lambda: app.proc.poll() is not None, timeout=10)
    app.stop()

    # The portal is gone: what was saved shows, under the banner.
    server.stop()
    app = App(locale="en_US.UTF-8", args=["--portal", url])
    tap.ok(app.start(), "the app starts with the portal gone", app.output())
    tap.ok(open_topics(app) and says(app, "Showing 14 topics."),
           "the saved topics show offline", "labels: %r" % labels(app))
    banner = [label for label in labels(app) if label.startswith("Offline — showing what was saved on")]
    tap.ok(banner and "AH" in banner[0], "the banner says offline and when the topics were saved",
           "labels: %r" % labels(app))
    time.sleep(0.3)
    screenshot("topics-offline-en-100")
    entry = app.find(lambda n: role_of(n) == Atspi.Role.ENTRY and name_of(n) == "Search the topics")
    entry.get_editable_text_iface().set_text_contents("حدائق")
    tap.ok(says(app, "Showing 1 topic."), "offline, «حدائق» still finds the parks by-law",
           "labels: %r" % labels(app))
    entry.get_editable_text_iface().set_text_contents("")
    says(app, "Showing 14 topics.")
    back = app.find_named("Back", role=Atspi.Role.PUSH_BUTTON)
    tap.ok(back is not None and click(back) and says(app, "Portal: %s. Offline: last updated on" % url),
           "the home page says the portal is offline, and since when", "labels: %r" % labels(app))
    open_topics(app)
    says(app, "Showing 14 topics.")

    # The portal comes back: the banner goes by itself.
    tap.ok(server.start(), "the portal runs again")
    t0 = time.monotonic()
    gone = wait_for(lambda: not any(label.startswith("Offline") for label in labels(app)),
                    timeout=20)
    tap.ok(gone and says(app, "Showing 14 topics."),
           "the banner goes %.1f s after the portal is back" % (time.monotonic() - t0),
           "labels: %r" % labels(app))
    back = app.find_named("Back", role=Atspi.Role.PUSH_BUTTON)
    tap.ok(back is not None and click(back) and says(app, "Portal: %s" % url)
           and not says(app, "Offline", timeout=1),
           "the home page no longer says offline", "labels: %r" % labels(app))
    tap.ok(app.alive(), "the app is still running", app.output())
finally:
    if app is not None:
        app.stop()
    server.stop()
    subprocess.run(["rm", "-rf", data_dir], check=False)

tap.finish()
