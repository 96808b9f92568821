# SPDX-License-Identifier: GPL-3.0-or-later
"""Steps of the journeys that more than one scenario takes, as a person
would take them: the keyboard and AT-SPI actions only."""

import os
import subprocess
import time
import urllib.request

from msk_harness import (Atspi, children, click, cut_off, description_of, has_state, key,
                         name_of, plain, role_of, screenshot, text_of, type_text, wait_for,
                         walk)


def focused_name(app):
    node = app.focused()
    return name_of(node) if node is not None else None


def tab_to(app, predicate, stops=80):
    """Presses Tab until the focused node's name satisfies predicate."""
    for _ in range(stops):
        if predicate(focused_name(app) or ""):
            return True
        key("Tab")
        time.sleep(0.05)
    return predicate(focused_name(app) or "")


def chooser(app, title):
    """The file chooser: a window of the app's named after what it saves
    (GTK 4.8 gives it no dialog role)."""
    return wait_for(lambda: next((c for c in children(app.accessible)
                                  if name_of(c).startswith(title)), None), timeout=10)


def save_through_chooser(app, button, title, target):
    """Tab to the button, Return, type the file's path in the chooser and
    Return: whether the chooser came."""
    reached = tab_to(app, lambda n: n == button)
    key("Return")
    dialog = chooser(app, title)
    if not reached or dialog is None:
        return False
    # The chooser takes keys once its name field has the focus, however
    # long it takes to come up.
    def name_field_focused():
        node = app.focused(dialog)
        return node is not None and role_of(node) in (Atspi.Role.TEXT, Atspi.Role.ENTRY)

    if not wait_for(name_field_focused, timeout=10):
        return False
    key("ctrl+a")
    type_text(target)
    key("Return")
    # Gone once it has taken the name: what the caller checks comes after.
    wait_for(lambda: not has_state(dialog, Atspi.StateType.SHOWING), timeout=10)
    return True


def get(base_url, path):
    with urllib.request.urlopen(base_url + path, timeout=10) as reply:
        return reply.read()


def csv_rows_but_time(data):
    """A CSV export's rows, without the one saying when it was generated."""
    return [line for line in data.decode().splitlines() if "generated_at" not in line]


def answer_useful(app, yes, reason):
    """"Was this useful?": Tab to the answer, Space; Tab to a reason, Space.
    Returns the reason's check box, ticked, or None."""
    if not tab_to(app, lambda n: n == yes):
        return None
    key("space")
    box = app.find(lambda n: name_of(n) == reason and role_of(n) == Atspi.Role.CHECK_BOX,
                   timeout=5)
    if box is None or not tab_to(app, lambda n: n == reason):
        return None
    key("space")
    return box if wait_for(lambda: has_state(box, Atspi.StateType.CHECKED), timeout=5) else None


def press(app, name):
    """The push button called name, pressed by its AT-SPI action."""
    button = app.find(lambda n: name_of(n) == name and role_of(n) == Atspi.Role.PUSH_BUTTON)
    return button is not None and click(button)


def report_table(app, prefix, timeout=20):
    """A participation report's table, named prefix…: the table, its column
    headers as read, and its rows (the header row first)."""
    table = app.find(lambda n: role_of(n) == Atspi.Role.TABLE and name_of(n).startswith(prefix),
                     timeout=timeout)
    if table is None:
        return None, [], []
    rows = [n for n in walk(table) if role_of(n) == Atspi.Role.TABLE_ROW]
    # GTK 4.8 exposes a column header as a filler: read the header row's
    # named nodes, in order.
    headers = [plain(name_of(n)) for n in walk(rows[0])
               if n != rows[0] and name_of(n)] if rows else []
    return table, headers, rows


def cells_of(row):
    return [n for n in walk(row) if role_of(n) in (Atspi.Role.TABLE_CELL, Atspi.Role.ROW_HEADER,
                                                   Atspi.Role.TABLE_ROW_HEADER)]


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


def listening_ports(pid):
    """The TCP ports on 127.0.0.1 that process pid listens on."""
    inodes = set()
    try:
        for fd in os.listdir("/proc/%d/fd" % pid):
            target = os.readlink("/proc/%d/fd/%s" % (pid, fd))
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        return []
    ports = []
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            address, port = fields[1].split(":")
            # 0A: listening; 0100007F: 127.0.0.1
            if fields[3] == "0A" and address == "0100007F" and fields[9] in inodes:
                ports.append(int(port, 16))
    return ports


def practice_portal_url(app):
    """The address of the practice portal the app started (musharaka --demo)."""
    def find():
        server = server_of(app)
        ports = listening_ports(server[0]) if server is not None else []
        return "http://127.0.0.1:%d" % ports[0] if ports else None
    return wait_for(find, timeout=10)


def labels(app):
    """What the window's labels say, as read."""
    return [plain(name_of(n)) for n in walk(app.window(timeout=2))
            if role_of(n) == Atspi.Role.LABEL]


def says(app, text, timeout=15):
    """Whether a label of the window comes to hold text."""
    return wait_for(lambda: any(text in label for label in labels(app)), timeout=timeout)


def field_focused(app, name, roles, timeout=10):
    """Whether the focus comes to the field called name."""
    def check():
        node = app.focused()
        return node is not None and role_of(node) in roles and name_of(node) == name
    return wait_for(check, timeout=timeout)


def sign_in(app, username, password, field="Username", pause=0):
    """On the sign-in page, once its first field (called field) has the
    focus (and pause seconds more, as a person who listens first): the
    username and password typed, and Return."""
    if not field_focused(app, field, ROLES_TEXT):
        return False
    time.sleep(pause)
    key("ctrl+a")
    type_text(username)
    key("Tab")
    type_text(password)
    key("Return")
    return True


def open_topic(app, tile, search, title, timeout=20):
    """The Topics tile, a search, and the topic whose row starts with title."""
    return press(app, tile) and find_topic(app, search, title, timeout)


def find_topic(app, search, title, timeout=20):
    """On the list of topics: a search, and the topic whose row starts with
    title, once the rows shown are the ones the search finds."""
    entry = app.find(lambda n: role_of(n) == Atspi.Role.ENTRY and name_of(n) != "", timeout=10)
    if entry is None:
        return False
    entry.get_editable_text_iface().set_text_contents(search)

    def found():
        # the list the search gives: the rows it finds, and only they
        rows = [n for n in walk(app.window(timeout=1)) if role_of(n) == Atspi.Role.PUSH_BUTTON
                and description_of(n) == OPENS_TOPIC.get(app.locale[:2])]
        mine = [n for n in rows if plain(name_of(n)).startswith(title + ".")]
        return mine[0] if mine and len(mine) == len(rows) else None
    row = wait_for(found, timeout=timeout)
    if row is None:
        return False
    # reached with Tab and pressed with Return, as from the keyboard: the
    # list gives the focus back to it when the topic is left
    if not tab_to(app, lambda n: plain(n).startswith(title + ".")):
        return False
    key("Return")
    return True


# The description of the button that opens a topic, by language.
OPENS_TOPIC = {"en": "Opens this topic", "ar": "يفتح هذا الموضوع"}


ROLES_TEXT = (Atspi.Role.TEXT, Atspi.Role.ENTRY, Atspi.Role.PASSWORD_TEXT)


def choose(app, name, group=(), step="Down"):
    """The option called name chosen as a keyboard user would: Tab to it,
    or, among radio buttons (one Tab stop, the options of group), Tab to the
    group and step (an arrow key) to it; then Space."""
    def named(n):
        return plain(n)
    if group:
        if not tab_to(app, lambda n: named(n) in group):
            return False
        for _ in group:
            if named(focused_name(app)) == name:
                break
            key(step)
            time.sleep(0.1)
    if not tab_to(app, lambda n: named(n) == name, stops=1 if group else 80):
        return False
    option = app.focused()
    if not has_state(option, Atspi.StateType.CHECKED):
        key("space")
    return wait_for(lambda: has_state(option, Atspi.StateType.CHECKED), timeout=3)


def results_text(app, name="Results"):
    """The poll's results as one text: the read-only text called name."""
    node = app.find(lambda n: role_of(n) in ROLES_TEXT and name_of(n) == name, timeout=1)
    return plain(text_of(node)) if node is not None else ""


def results_say(app, text, timeout=15, name="Results"):
    """Whether the poll's results text comes to hold text."""
    return wait_for(lambda: text in results_text(app, name), timeout=timeout)


def at_300_percent(app, shot):
    """Text made 300 % large (eight steps of A+), photographed as shot:
    the labels that run past the window's sides."""
    for _ in range(8):
        key("ctrl+plus")
    time.sleep(0.8)
    screenshot(shot)
    return cut_off(app.window())


def type_into(app, name, text):
    """Tab to the field called name (as read) and type text into it."""
    if not tab_to(app, lambda n: plain(n) == name):
        return False
    type_text(text)
    return True


def fill_cleanliness(app, description):
    """The Cleanliness service found by a word of its keywords, its two
    values chosen and the description written."""
    search = app.find_named("Search the services", role=Atspi.Role.ENTRY, timeout=10)
    if search is None:
        return False
    search.get_editable_text_iface().set_text_contents("litter")
    # The rows the search keeps are the ones the arrows go through: here
    # only Cleanliness (found by its keywords), from the search field on.
    time.sleep(0.5)
    if not tab_to(app, lambda n: plain(n).startswith("Cleanliness.")):
        return False
    key("Down")
    time.sleep(0.2)
    key("Up")
    time.sleep(0.2)
    if not plain(focused_name(app) or "").startswith("Cleanliness."):
        return False
    key("Return")
    if not wait_for(lambda: plain(focused_name(app) or "") == "Litter", timeout=10):
        return False
    return (choose(app, "Litter") and choose(app, "Graffiti")
            and type_into(app, "Description", description))


def save_receipt_as_pdf(tap, app, target):
    """The receipt's Save as PDF, through the file chooser, into target:
    checked as two points; the PDF's text (pdftotext), its spaces folded."""
    tap.ok(save_through_chooser(app, "Save as PDF…", "Save the receipt as PDF", target),
           "Save as PDF asks where, with a file chooser")
    tap.ok(wait_for(lambda: os.path.exists(target) and os.path.getsize(target) > 0, timeout=15),
           "the receipt is saved as a PDF file")
    text = ""
    if os.path.exists(target):
        text = subprocess.run(["pdftotext", "-layout", target, "-"], capture_output=True,
                              text=True).stdout
    return " ".join(text.split())
