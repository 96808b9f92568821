#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Results on the practice portal, reached with the keyboard only: an
outcome's row says it all in one sentence, a report's table is read cell by
cell through AT-SPI, the chart is an image with a summary of its figures,
and nothing one reaches is unnamed. In English and Arabic, at 100% and
300% text and in a 360 px window, with screenshots."""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (ISOLATES, App, Atspi, Tap, cut_off, description_of, extents,  # noqa: E402
                         has_state, key, name_of, role_of, screenshot,
                         unnamed_controls, wait_for, walk)

LANGUAGES = {
    "en": {"locale": "en_US.UTF-8", "title": "Musharaka", "tile": "Results",
           "portal": "Portal: Practice portal", "did": "We did:",
           "table": "Participation per month:", "chart": "Chart of participation:",
           "summary": "Participants and contributions per month",
           "headers": ["Month", "Participants", "Contributions", "Requests answered",
                       "Median time to answer"],
           "larger": "Larger text", "digits": "0123456789", "last": "December"},
    "ar": {"locale": "ar_SA.UTF-8", "title": "مشاركة", "tile": "النتائج",
           "portal": None, "did": "ما فعلناه:",
           "table": "المشاركة شهريًا:", "chart": "رسم بياني للمشاركة:",
           "summary": "المشاركون والمساهمات شهريًا",
           "headers": ["الشهر", "المشاركون", "المساهمات", "الطلبات المجاب عنها",
                       "الوقت الوسيط للرد"],
           "larger": "تكبير النص", "digits": "٠١٢٣٤٥٦٧٨٩", "last": "ديسمبر"},
}

tap = Tap()


def focused_name(app):
    node = app.focused()
    return name_of(node) if node is not None else None


def main_xid(app, title):
    out = subprocess.run(["xdotool", "search", "--pid", str(app.proc.pid)],
                         capture_output=True, text=True).stdout.split()
    for xid in out:
        name = subprocess.run(["xdotool", "getwindowname", xid], capture_output=True,
                              text=True).stdout.strip()
        if name == title:
            return xid
    return None


def page_of(node, title):
    """The page node holds: its nearest ancestor named after the page."""
    while node is not None:
        if name_of(node) == title and role_of(node) != Atspi.Role.PUSH_BUTTON:
            return node
        try:
            node = node.get_parent()
        except Exception:
            return None
    return None


def clipped_labels(window, page):
    """The page's labels that run past the window's sides."""
    return cut_off(window, page)


def scenario(lang):
    words = LANGUAGES[lang]
    app = App(locale=words["locale"], args=["--demo"])
    try:
        started = app.start()
        tap.ok(started, "%s: the app starts on the practice portal" % lang, app.output())
        if not started:
            return
        window = app.window(title=words["title"])
        tap.ok(window is not None, "%s: the window is there" % lang)
        if window is None:
            return
        if words["portal"]:
            app.find_named(words["portal"], timeout=20)

        # The keyboard only: Tab to the Results tile, Return opens it.
        reached = False
        for _ in range(40):
            key("Tab")
            time.sleep(0.08)
            if focused_name(app) == words["tile"]:
                reached = True
                break
        tap.ok(reached, "%s: Tab reaches the Results tile" % lang, "focus: %r" % focused_name(app))
        key("Return")

        # An outcome's row says all of it in one sentence.
        row = app.find(lambda n: role_of(n) == Atspi.Role.LIST_ITEM and words["did"] in name_of(n),
                       timeout=20)
        tap.ok(row is not None, "%s: an outcome's row is read in one sentence" % lang,
               app.output())
        if row is not None:
            sentence = name_of(row)
            tap.diag("outcome row: %s" % sentence)
            tap.ok(re.search("[%s]+" % words["digits"], sentence) and "\u2068" in sentence,
                   "%s: the sentence gives the progress, its figures isolated" % lang, sentence)

        # A report's table, read cell by cell.
        table, headers, rows = steps.report_table(app, words["table"])
        tap.ok(table is not None, "%s: a report's table is there, named after its body" % lang,
               app.output())
        page = page_of(table, words["tile"]) if table is not None else None
        if table is not None:
            tap.ok(headers == words["headers"], "%s: the table's column headers are read" % lang,
                   "headers: %r" % headers)
            tap.diag("a column header's role: %s" % ", ".join(
                sorted({role_of(n).value_nick for n in walk(rows[0]) if name_of(n)
                        and n != rows[0]})) if rows else "")
            tap.ok(len(rows) == 13, "%s: a header row and twelve months (%d rows)"
                   % (lang, len(rows)))
            if len(rows) >= 2:
                month = rows[-1]
                cells = steps.cells_of(month)
                names = [ISOLATES.sub("", name_of(c)) for c in cells]
                tap.diag("last month: %s" % name_of(month))
                tap.diag("its cells: %r" % names)
                tap.ok(len(cells) == 5 and names[1].startswith(words["headers"][1])
                       and re.search("[%s]" % words["digits"], names[1]),
                       "%s: a month's cells are read with their column and figure" % lang,
                       "cells: %r" % names)
                tap.ok(has_state(month, Atspi.StateType.FOCUSABLE)
                       and names[0] in ISOLATES.sub("", name_of(month)),
                       "%s: a month's row takes the focus and says the month" % lang)

        chart = app.find(lambda n: role_of(n) == Atspi.Role.IMAGE
                         and name_of(n).startswith(words["chart"]), timeout=10)
        tap.ok(chart is not None and words["summary"] in description_of(chart),
               "%s: the chart is an image described by its figures" % lang,
               "chart: %r" % (description_of(chart) if chart else None))

        # The keyboard walks the table: Tab to its header row, Down to the
        # last month, with the chart in view below.
        on_row = False
        for _ in range(40):
            key("Tab")
            time.sleep(0.08)
            node = app.focused()
            if node is not None and role_of(node) == Atspi.Role.TABLE_ROW:
                on_row = True
                break
        first_row = focused_name(app)
        for _ in range(12):
            key("Down")
            time.sleep(0.05)
        last_row = focused_name(app)
        tap.ok(on_row and first_row.startswith(words["headers"][0])
               and ISOLATES.sub("", last_row).startswith(words["last"]),
               "%s: Tab reaches a table's month and Down walks the months" % lang,
               "first: %r last: %r" % (first_row, last_row))
        time.sleep(0.4)
        screenshot("results-%s-100-table" % lang)

        count, bad = unnamed_controls(window)
        tap.ok(not bad, "%s: all %d controls on Results have real names" % (lang, count),
               "\n".join(bad))
        screenshot("results-%s-100" % lang)

        # 300 % text: it scrolls, nothing runs past the sides.
        larger = app.find_named(words["larger"], role=Atspi.Role.PUSH_BUTTON)
        for _ in range(12):
            if larger is None or not has_state(larger, Atspi.StateType.SENSITIVE):
                break
            key("ctrl+plus")
            time.sleep(0.3)
        time.sleep(0.8)
        screenshot("results-%s-300-table" % lang)
        key("ctrl+Home")
        time.sleep(0.5)
        screenshot("results-%s-300" % lang)
        clipped = clipped_labels(window, page or window)
        tap.ok(not clipped, "%s: at 300%% no label runs past the window's sides" % lang,
               "\n".join(clipped))

        # A 360 px window: one column, still nothing cut.
        xid = main_xid(app, words["title"])
        if xid is not None:
            subprocess.run(["xdotool", "windowsize", "--sync", xid, "360", "760"], check=False)
            time.sleep(0.8)
            screenshot("results-%s-300-360px" % lang)
            for _ in range(12):
                key("ctrl+minus")
                time.sleep(0.2)
            time.sleep(0.8)
            screenshot("results-%s-100-360px" % lang)
            _, _, ww, _ = extents(window)
            clipped = clipped_labels(window, page or window)
            # The header bar sets the narrowest the window goes (asked for 360).
            tap.ok(not clipped,
                   "%s: in the narrowest window (%d px) no label of the page runs past the sides"
                   % (lang, ww), "\n".join(clipped))

        # Escape goes back to the tile it came from.
        key("Escape")
        back = wait_for(lambda: focused_name(app) == words["tile"], timeout=5)
        tap.ok(back, "%s: Escape goes back to the Results tile" % lang,
               "focus: %r" % focused_name(app))
    finally:
        app.stop()


scenario("en")
scenario("ar")
tap.finish()
