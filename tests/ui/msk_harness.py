# SPDX-License-Identifier: GPL-3.0-or-later
"""What Musharaka's UI scenarios share: TAP output, the app under test, AT-SPI
queries, the keyboard (through XTest, as a person types) and screenshots.

Scenarios run inside tests/ui/ui-harness.sh, which provides Xvfb, a private
D-Bus session and a private home.
"""

import itertools
import os
import re
import socket
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

CLASS_NAME = re.compile(r"^(Gtk|Adw|Msk)[A-Z][A-Za-z]*$")


class Tap:
    """Prints TAP; the plan comes at the end, once the count is known.

    The harness hands the test's real output over as MSK_TAP_FD: the
    services the session bus starts print to standard output too."""

    def __init__(self):
        self.count = 0
        self.failed = 0
        fd = os.environ.get("MSK_TAP_FD")
        self.out = os.fdopen(int(fd), "w") if fd else sys.stdout

    def _print(self, line):
        print(line, file=self.out, flush=True)

    def ok(self, condition, description, diagnostics=None):
        self.count += 1
        if condition:
            self._print(f"ok {self.count} {description}")
        else:
            self.failed += 1
            self._print(f"not ok {self.count} {description}")
            for line in str(diagnostics or "").splitlines():
                self._print(f"# {line}")
            # Said on standard error too, which is what a test runner shows
            # of a failed test (it reads the TAP itself).
            print(f"not ok {self.count} {description}", file=sys.stderr)
            for line in str(diagnostics or "").splitlines()[-40:]:
                print(f"# {line}", file=sys.stderr)
            sys.stderr.flush()
        return bool(condition)

    def diag(self, message):
        for line in str(message).splitlines():
            self._print(f"# {line}")

    def finish(self):
        for number, app in enumerate(STARTED_APPS, 1):
            found = app.criticals()
            self.ok(not found, "app %d of the scenario (%s) logged no critical warning"
                    % (number, " ".join(app.args) or "no arguments"), "\n".join(found))
        self._print(f"1..{self.count}")
        sys.exit(1 if self.failed else 0)


def wait_for(predicate, timeout=15.0, interval=0.1):
    """Polls predicate until it returns something true; returns that or None."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:  # the accessible went away while we looked
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(interval)


def wake_accessibility_bus():
    # org.a11y.Bus is activatable: asking for its address starts it.
    subprocess.run(["dbus-send", "--session", "--dest=org.a11y.Bus", "--print-reply",
                    "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    Atspi.init()


def children(acc):
    try:
        n = acc.get_child_count()
    except Exception:
        return []
    result = []
    for i in range(n):
        try:
            child = acc.get_child_at_index(i)
        except Exception:
            child = None
        if child is not None:
            result.append(child)
    return result


def walk(acc):
    """Every accessible below acc, depth first, acc included."""
    stack = [acc]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


def name_of(acc):
    try:
        return acc.get_name() or ""
    except Exception:
        return ""


def role_of(acc):
    try:
        return acc.get_role()
    except Exception:
        return None


def states_of(acc):
    try:
        return acc.get_state_set()
    except Exception:
        return None


def has_state(acc, state):
    states = states_of(acc)
    return states is not None and states.contains(state)


def description_of(acc):
    try:
        return acc.get_description() or ""
    except Exception:
        return ""


def user_actions(acc):
    """The actions a person can trigger; GTK's internal ones (clipboard.copy,
    menu.popup, …) have dotted names and are left out."""
    try:
        action = acc.get_action_iface()
    except Exception:
        action = None
    if action is None:
        return []
    names = []
    try:
        for i in range(action.get_n_actions()):
            name = action.get_action_name(i) or ""
            if "." not in name:
                names.append(name)
    except Exception:  # GTK 4.8 may list an action it then cannot find
        pass
    return names


# Containers newer GTK marks focusable although the keyboard never stops on
# them (libadwaita builds its dialogs of such).
CONTAINERS = {Atspi.Role.PANEL, Atspi.Role.SCROLL_PANE, Atspi.Role.FILLER, Atspi.Role.SECTION,
              Atspi.Role.GROUPING}


# What a screen reader says as it reaches a node: its name, or the names
# of what it is labelled by.
SPOKEN = {Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.CHECK_BOX,
          Atspi.Role.RADIO_BUTTON, Atspi.Role.LABEL, Atspi.Role.IMAGE, Atspi.Role.ICON,
          Atspi.Role.TABLE_CELL, Atspi.Role.TABLE_ROW, Atspi.Role.LIST_ITEM, Atspi.Role.LIST,
          Atspi.Role.HEADING, Atspi.Role.LINK, Atspi.Role.MENU_ITEM, Atspi.Role.PAGE_TAB,
          Atspi.Role.ENTRY, Atspi.Role.COMBO_BOX, Atspi.Role.SPIN_BUTTON, Atspi.Role.SLIDER,
          Atspi.Role.TABLE, Atspi.Role.TOOL_BAR, Atspi.Role.SCROLL_PANE,
          Atspi.Role.PROGRESS_BAR, Atspi.Role.STATUS_BAR, Atspi.Role.TEXT}

def labelled_by(acc):
    """The accessibles a screen reader reads as acc's name, if any."""
    try:
        relations = acc.get_relation_set() or []
    except Exception:
        return []
    targets = []
    for relation in relations:
        if relation.get_relation_type() != Atspi.RelationType.LABELLED_BY:
            continue
        for i in range(relation.get_n_targets()):
            target = relation.get_target(i)
            if target is not None:
                targets.append(target)
    return targets


def class_named(root):
    """Every node below root a screen reader speaks by a GTK class name: a
    node of a spoken role (buttons, labels, images, cells, rows, list items,
    headings, …) named so, or a node labelled by one (a button labelled by
    an image called "GtkImage" is announced "GtkImage")."""
    bad = []
    for node in walk(root):
        if node is root:
            continue
        role = role_of(node)
        name = name_of(node).strip()
        if CLASS_NAME.match(name) and role in SPOKEN:
            bad.append("%s named %r" % (role.value_nick, name))
        for target in labelled_by(node):
            target_name = name_of(target).strip()
            if CLASS_NAME.match(target_name):
                bad.append("%s %r labelled by %s %r" % (role.value_nick, name,
                                                        role_of(target).value_nick,
                                                        target_name))
    return bad


def unnamed_controls(root, skip_containers=False):
    """Looks at every focusable or actionable accessible below root, and at
    everything a screen reader speaks.

    Returns how many controls there are and a description of each node that
    has no real name: a control without a name (empty, or a GTK class name),
    or any spoken node named after its class (see class_named). With
    skip_containers, focusable containers without actions are not counted:
    the caller checks what Tab really reaches on its own."""
    count = 0
    bad = []
    for node in walk(root):
        if node is root:
            continue
        focusable = has_state(node, Atspi.StateType.FOCUSABLE)
        if skip_containers and role_of(node) in CONTAINERS:
            focusable = False
        if not focusable and not user_actions(node):
            continue
        count += 1
        name = name_of(node).strip()
        if not name:
            bad.append("%s without a name" % role_of(node).value_nick)
    bad.extend(class_named(root))
    return count, bad


def click(acc):
    action = acc.get_action_iface()
    for i in range(action.get_n_actions()):
        if "." not in (action.get_action_name(i) or ""):
            return action.do_action(i)
    return False


def extents(acc):
    """x, y, width, height in the window; all 0 for a node gone meanwhile
    (a page rebuilt while it is walked) or without a place on screen."""
    try:
        component = acc.get_component_iface()
        if component is None:
            return 0, 0, 0, 0
        rect = component.get_extents(Atspi.CoordType.WINDOW)
    except GLib.GError:
        return 0, 0, 0, 0
    return rect.x, rect.y, rect.width, rect.height


def content_sides(window):
    """The left and right edges of the window's content, in the coordinates
    extents() answers. GTK 4.18 counts window coordinates from the frame's
    shadow, so the content starts a few pixels before 0 there."""
    for i in range(window.get_child_count()):
        x, _, w, _ = extents(window.get_child_at_index(i))
        if w > 0:
            return x, x + w
    x, _, w, _ = extents(window)
    return x, x + w


def cut_off(window, root=None, roles=(Atspi.Role.LABEL,)):
    """The named nodes under root (the window if None), of the given roles,
    that run past the sides of the window's content: 'name x=… w=…' each."""
    left, right = content_sides(window)
    cut = []
    for node in walk(root if root is not None else window):
        if role_of(node) not in roles or not name_of(node):
            continue
        x, _, w, h = extents(node)
        if w > 0 and h > 0 and (x < left - 1 or x + w > right + 1):
            cut.append("%r x=%d w=%d" % (name_of(node), x - left, w))
    return cut


ISOLATES = re.compile("[\u2066-\u2069]")


def plain(text):
    """text without the isolates that keep figures in order inside a
    sentence of the other direction: what a person reads."""
    return ISOLATES.sub("", text or "")


def text_of(acc):
    text = acc.get_text_iface()
    if text is None:
        return name_of(acc)
    # get_text (0, -1) answers '' on GTK 4.8: ask for the real length. Newer
    # Atspi has a deprecated Accessible.get_text that hides Text.get_text.
    return Atspi.Text.get_text(text, 0, Atspi.Text.get_character_count(text))


def key(*keys):
    """Presses keys as a person would (XTest), e.g. key('Tab'), key('ctrl+plus')."""
    subprocess.run(["xdotool", "key", "--delay", "40", *keys], check=True)


def type_text(text):
    # A letter off the keyboard map (Arabic, on this X server) is typed by
    # mapping it to a spare key first: slower, or a busy machine drops some.
    delay = "20" if text.isascii() else "90"
    subprocess.run(["xdotool", "type", "--delay", delay, text], check=True)


def screenshot(name):
    directory = os.environ.get("MSK_SCREENSHOT_DIR", ".")
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, name + ".png")
    subprocess.run(["import", "-window", "root", path], check=True)
    return path


def free_port():
    """A loopback TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """The real musharaka-server with the demo data, on a port of ours."""

    def __init__(self, port, data_dir):
        self.port = port
        self.data_dir = data_dir
        self.url = "http://127.0.0.1:%d" % port
        self.proc = None

    def start(self, args=()):
        """Starts the server; args are more of its options (--clock-start)."""
        self.proc = subprocess.Popen([os.environ["MSK_SERVER"], "--demo", "--data", self.data_dir,
                                      "--rate-limit", "0", "--listen", "127.0.0.1:%d" % self.port,
                                      *args],
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


# Every app a scenario started: at the end each one's log is read for the
# criticals GLib and GTK print when code misuses them (a widget freed twice,
# an object of the wrong type), which a scenario's own checks may not see.
STARTED_APPS = []
APP_NUMBERS = itertools.count(1)

# Criticals that GTK itself causes, with nothing of the app's in the way:
# GTK 4.8's GtkExpander sets its own accessible role once realized, each
# time it is expanded; GTK 4.18 now and then asks a widget's root for its
# focus during a frame's layout when the widget has no root (the stack
# holds GTK's and libadwaita's frames only, from the frame clock down).
GTK_OWN_CRITICALS = (
    "gtk_at_context_set_accessible_role: assertion '!self->realized' failed",
    "gtk_root_get_focus: assertion 'GTK_IS_ROOT (self)' failed",
)


def parent_pid(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("PPid:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


class App:
    """The real musharaka binary, in a given locale, seen through AT-SPI."""

    def __init__(self, locale="ar_SA.UTF-8", args=(), env=None, wrapper=()):
        self.locale = locale
        self.args = list(args)
        # a program the app runs under (strace): the app is its child
        self.wrapper = list(wrapper)
        self.env = dict(env or {})
        self.proc = None
        self.accessible = None
        self.log_path = os.path.join(os.environ.get("MSK_SCREENSHOT_DIR", "."),
                                     "app-%d-%d.log" % (os.getpid(), next(APP_NUMBERS)))
        self.criticals_seen = []

    def start(self, timeout=30.0):
        wake_accessibility_bus()
        env = dict(os.environ)
        env.update({"LANG": self.locale, "LC_ALL": ""})
        env.pop("LC_ALL")
        env.update(self.env)
        # Tries again only when the app could not reach the X server at all
        # (it exits at once, saying so): that is a loaded test machine, not
        # the app.
        if self not in STARTED_APPS:
            STARTED_APPS.append(self)
        for attempt in range(4):
            self.criticals_seen += self.criticals(saved=False)
            self.log = open(self.log_path, "w")
            self.proc = subprocess.Popen([*self.wrapper, os.environ["MSK_APP"], *self.args], env=env,
                                         stdout=self.log, stderr=subprocess.STDOUT)
            self.accessible = wait_for(
                lambda: self._find_app() or (self.proc.poll() is not None and "exited"),
                timeout)
            if self.accessible == "exited":
                self.accessible = None
                if "cannot open display" in self.output() and attempt < 3:
                    time.sleep(1 + attempt)
                    continue
            break
        return self.accessible is not None

    def _find_app(self):
        desktop = Atspi.get_desktop(0)
        for app in children(desktop):
            try:
                pid = app.get_process_id()
                if pid == self.proc.pid or (self.wrapper and parent_pid(pid) == self.proc.pid):
                    return app
            except Exception:
                continue
        return None

    def windows(self):
        return [c for c in children(self.accessible) if role_of(c) == Atspi.Role.FRAME]

    def window(self, title=None, timeout=15.0):
        def find():
            for frame in self.windows():
                if title is None or name_of(frame) == title:
                    return frame
            return None
        return wait_for(find, timeout)

    def dialog(self, timeout=10.0):
        def find():
            for c in children(self.accessible):
                if role_of(c) in (Atspi.Role.DIALOG, Atspi.Role.FRAME) \
                        and has_state(c, Atspi.StateType.ACTIVE):
                    return c
            return None
        return wait_for(find, timeout)

    def focused(self, root=None):
        for node in walk(root or self.window(timeout=2)):
            if has_state(node, Atspi.StateType.FOCUSED):
                return node
        return None

    def find(self, predicate, root=None, timeout=10.0):
        def search():
            base = root or self.window(timeout=1)
            if base is None:
                return None
            for node in walk(base):
                if predicate(node):
                    return node
            return None
        return wait_for(search, timeout)

    def find_named(self, name, role=None, root=None, timeout=10.0):
        return self.find(lambda n: name_of(n) == name and (role is None or role_of(n) == role),
                         root, timeout)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def output(self):
        """What the app printed, without the sound libraries' probing noise,
        and how it ended if it did."""
        try:
            with open(self.log_path) as f:
                lines = [line for line in f.read().splitlines()
                         if not line.startswith(("ALSA lib", "AL lib"))]
        except OSError:
            lines = []
        if self.proc is not None and self.proc.poll() is not None:
            lines.append("exit status %d" % self.proc.returncode)
        return "\n".join(lines)

    def criticals(self, saved=True):
        """The criticals the app printed (those of earlier starts too), but
        for GTK's own."""
        found = [line for line in self.output().splitlines()
                 if ("-CRITICAL **" in line or "-WARNING **" in line and "GLib-GObject" in line)
                 and not any(own in line for own in GTK_OWN_CRITICALS)]
        return (self.criticals_seen if saved else []) + found

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
