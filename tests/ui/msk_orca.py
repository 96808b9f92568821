# SPDX-License-Identifier: GPL-3.0-or-later
"""What a screen reader says: Orca run beside the app, logging each
utterance to a debug file, and the helpers that read that transcript."""

import os
import re
import subprocess
import time

import msk_steps as steps
from msk_harness import wait_for

# An utterance may hold several lines: the log indents the ones after the
# first, which are joined back with a line break.
UTTERANCE = re.compile(r"SPEECH OUTPUT: '(.*?)'\s*\{", re.S)
# A message Orca presents (an announcement, "Screen reader on"): spoken and
# flashed in braille; with speech off, as here, the log has the braille.
MESSAGE = re.compile(r"BRAILLE: Display message: '(.*?)' \(flashTime", re.S)
SAID = re.compile(UTTERANCE.pattern + "|" + MESSAGE.pattern, re.S)
CONTINUATION = re.compile(r"\n[ ]{10,}")
# Orca 43 (Debian 12) says "push button" and echoes a key with a space
# after its name; Orca 48 (Debian 13) says "button", and no space.
BUTTON = r"(push )?button"
KEYS = {"tab", "return", "space", "down", "up", "left", "right", "left control", "left shift",
        "left alt", "dash", "-"}
ISOLATES = re.compile("[\u2066-\u2069]")
CLASS_NAME = re.compile(r"\b(Gtk|Adw|Msk)[A-Z][A-Za-z]+")
BARE_ROLES = {"push button.", "push button", "button.", "button", "panel.", "panel",
              "grouping", "label.", "label", "text.", "entry.", "radio button", "check box",
              "toggle button.", "scroll pane"}


def transcript(path):
    """What Orca said, in order: its utterances and the messages it
    presents, without the echo of the keys pressed (those end with a
    space)."""
    said = []
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            content = log.read()
    except FileNotFoundError:
        return said
    for match in SAID.finditer(content):
        text = ISOLATES.sub("", CONTINUATION.sub("\n", match.group(1) or match.group(2) or ""))
        # the keys pressed, echoed: not what the app says
        if text and not text.endswith(" ") and text not in KEYS and len(text) > 1:
            said.append(text)
    return said


def heard(said, pattern, after=None):
    """Whether an utterance matches pattern (a regular expression); with
    after, one that comes after an utterance matching after (the same
    utterance counts: Orca 48 says a name and its role in one)."""
    start = 0
    if after is not None:
        start = next((i for i, s in enumerate(said) if re.search(after, s)), len(said))
    return any(re.search(pattern, s) for s in said[start:])


def start(log):
    """Orca with speech off (-d: with no sound device here it would hang on
    speech-dispatcher), logging each utterance to log all the same; once
    it speaks, or None if it does not."""
    site = os.path.join(os.path.dirname(os.path.abspath(__file__)), "orca-site")
    process = subprocess.Popen(["orca", "--debug-file=" + log, "-d", "speech"],
                               env=dict(os.environ, PYTHONPATH=site, MSK_ORCA_LOG=log),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if wait_for(lambda: len(transcript(log)) > 0 or process.poll() is not None, timeout=30) \
            and process.poll() is None:
        return process
    stop(process)
    return None


def wait_heard(log, pattern, timeout=20):
    """Waits, as a listener does, until Orca has said something matching
    pattern: on a loaded machine it lags behind, and it presents only the
    latest focus when it catches up."""
    return wait_for(lambda: heard(transcript(log), pattern), timeout=timeout) is not None


def reach(app, name):
    """Tab to the control called name, and a pause, as a person who
    listens before pressing."""
    reached = steps.tab_to(app, lambda n: n == name)
    time.sleep(0.8)
    return reached


def stop(process):
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def audit(tap, said, first_stop):
    """The checks every journey passes: no class name is heard, and from
    the journey's first stop (what Orca says of the window's parts as the
    app starts up is not a stop) no stop is a role without a name."""
    classes = [s for s in said if CLASS_NAME.search(s)]
    tap.ok(not classes, "no class name is heard", "\n".join(classes))
    first = next((i for i, s in enumerate(said) if s.startswith(first_stop)), 0)
    bare = [s for s in said[first:] if s.strip() in BARE_ROLES]
    tap.ok(not bare, "no stop is a role without a name", "\n".join(bare))


def report(tap, log):
    """The transcript, as the test's diagnostics."""
    said = transcript(log)
    tap.diag("Orca said %d things; along the journey:" % len(said))
    for line in said:
        tap.diag("  " + line)
