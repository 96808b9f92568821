#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Comments on a consultation, from the keyboard, on a real portal.

The threads: a reply stands under what it answers and its name says "reply
to <name>". A comment with a phone number: the number is marked, a button
and Alt+Delete remove it. A misspelled Arabic word is underlined; F7
lists its corrections, and the first replaces it. Sent after the policy and the sign-in,
the comment shows "under review". A moderator, in a second app instance of
their own, publishes it from the moderation queue; the citizen's page then
says it is published. A published comment of someone else is reported with
a reason."""

import os
import shutil
import sqlite3
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402

from msk_harness import (App, Atspi, Server, Tap, click, description_of, free_port,  # noqa: E402
                         has_state, key, name_of, plain, role_of, screenshot, text_of,
                         type_text, unnamed_controls, wait_for, walk)

tap = Tap()

PARKS = "Draft by-law on public parks"
TYPED = "Please add more benches in the park. Call me on 0501234567 any time."
CLEAN = "Please add more benches in the park. Call me on any time."


def page_nodes(app, page="Comments"):
    """The nodes of the comments page (the topic's page stays beneath it)."""
    panes = [n for n in walk(app.window(timeout=2))
             if role_of(n) == Atspi.Role.SCROLL_PANE and name_of(n) == page]
    return list(walk(panes[-1])) if panes else []


def rows(app, page="Comments"):
    return [plain(name_of(n)) for n in page_nodes(app, page) if role_of(n) == Atspi.Role.LIST_ITEM]


def comment_field(app):
    return next((n for n in page_nodes(app) if role_of(n) in steps.ROLES_TEXT
                 and plain(name_of(n)) == "Your comment"), None)


def field_text(app):
    field = comment_field(app)
    return text_of(field) if field is not None else None


def button(app, name, page="Comments"):
    return next((n for n in page_nodes(app, page) if role_of(n) == Atspi.Role.PUSH_BUTTON
                 and plain(name_of(n)) == name and has_state(n, Atspi.StateType.VISIBLE)), None)


def menu_item(app, name, timeout=5):
    key("F10")
    return app.find(lambda n: name_of(n) == name and role_of(n) == Atspi.Role.PUSH_BUTTON
                    and has_state(n, Atspi.StateType.VISIBLE), root=app.accessible,
                    timeout=timeout)


def comments_with(data_dir, body):
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    try:
        return db.execute("SELECT count(*) FROM comments WHERE body = ?", (body,)).fetchone()[0]
    finally:
        db.close()


def audit(app, what):
    _, bad = unnamed_controls(app.window(), skip_containers=True)
    tap.ok(not bad, "%s: every control has a real name" % what, "\n".join(bad))


data_dir = tempfile.mkdtemp(prefix="msk-comments-")
other_home = tempfile.mkdtemp(prefix="msk-moderator-")
server = Server(free_port(), data_dir)
apps = []
try:
    tap.ok(server.start(), "the portal runs on %s" % server.url)
    app = App(locale="en_US.UTF-8", args=["--portal", server.url])
    apps.append(app)
    tap.ok(app.start(), "the app opens the portal", app.output())
    tap.ok(steps.open_topic(app, "Topics", "by-law", PARKS)
           and steps.press(app, "Read the comments and write yours")
           and wait_for(lambda: len(rows(app)) >= 3, timeout=15),
           "the comments open from the topic", repr(rows(app)))
    names = rows(app)
    tap.ok(any(n.startswith("Comment by سالم العلي, ") for n in names)
           and any(n.startswith("Reply to سالم العلي by Layla Hassan, ")
                   and n.endswith("I agree; evenings are the only cool time in summer.")
                   for n in names),
           "a reply says whom it answers, by whom, and its text", repr(names))
    headings = [plain(name_of(n)) for n in page_nodes(app) if role_of(n) == Atspi.Role.HEADING]
    tap.ok(headings == [PARKS, "3 comments", "Write a comment"],
           "the page's headings: the topic, the count of comments, writing one", repr(headings))
    tap.ok(button(app, "Reply to Layla Hassan") is not None
           and button(app, "Report the comment of Fatima Al Hashimi") is not None,
           "Reply and Report name the comment's author")
    audit(app, "comments page")
    screenshot("comments-en-100")

    # Personal data: marked, explained, removed with one key.
    tap.ok(steps.tab_to(app, lambda n: n == "Your comment"), "Tab reaches the comment field")
    type_text(TYPED)
    tap.ok(wait_for(lambda: button(app, "Remove 0501234567") is not None, timeout=10),
           "the phone number is found, with a button that removes it")
    field = comment_field(app)
    tap.ok(field is not None and "phone number" in description_of(field)
           and "Alt+Delete" in description_of(field),
           "the field's description says what was found and the key that removes it",
           repr(description_of(field) if field else None))
    tap.ok(steps.says(app, "This looks like a phone number. Personal data is not allowed: "
                           "please remove it."), "the finding is explained under the text")
    time.sleep(0.3)
    screenshot("comments-finding-en-100")
    key("alt+Delete")
    tap.ok(wait_for(lambda: field_text(app) == CLEAN, timeout=5),
           "Alt+Delete removes the number and a space", repr(field_text(app)))
    tap.ok(wait_for(lambda: button(app, "Remove 0501234567") is None, timeout=5),
           "and the finding is gone")

    # Spelling: a misspelled Arabic word, corrected from the context menu.
    key("ctrl+End")
    type_text(" قرب البلديه")
    tap.ok(steps.says(app, "This word may be misspelled: البلديه. F7 offers corrections.",
                      timeout=10),
           "the misspelled word is named under the text, with the key of its corrections",
           repr(steps.labels(app)))
    time.sleep(0.3)
    screenshot("comments-spelling-en-100")
    key("F7")
    tap.ok(wait_for(lambda: plain(name_of(app.focused())) == "البلدية"
                    and role_of(app.focused()) == Atspi.Role.PUSH_BUTTON, timeout=5),
           "F7: the corrections, the first «البلدية» with the focus",
           repr(name_of(app.focused())))
    tap.ok(steps.says(app, "Corrections for البلديه"), "and their title names the word")
    time.sleep(0.3)
    screenshot("comments-suggestions-en-100")
    key("Return")
    tap.ok(wait_for(lambda: (field_text(app) or "").endswith("قرب البلدية"), timeout=5),
           "Return: the correction replaces the word", repr(field_text(app)))
    tap.ok(wait_for(lambda: role_of(app.focused()) in steps.ROLES_TEXT, timeout=3),
           "and the focus is back in the text")
    tap.ok(wait_for(lambda: not steps.says(app, "This word may be misspelled", timeout=0.5),
                    timeout=5), "and nothing is said misspelled any more")

    # Sent: after the policy and the sign-in, under review.
    tap.ok(steps.press(app, "Send the comment"), "Send the comment")
    agree = app.find_named("I agree and want to take part", role=Atspi.Role.PUSH_BUTTON,
                           timeout=10)
    tap.ok(agree is not None, "sending asks to agree with the participation policy first")
    if agree is not None:
        click(agree)
    tap.ok(steps.sign_in(app, "citizen", "Citizen-Demo-2026"), "then to sign in")
    tap.ok(steps.says(app, "Your comment was received on", timeout=20),
           "the receipt says when the comment was received", repr(steps.labels(app)))
    mine = CLEAN + " قرب البلدية"
    tap.ok(wait_for(lambda: any(r.startswith("Your comment, ") and mine in r
                                and r.endswith("Under review: a moderator reads every comment "
                                               "before it is published.") for r in rows(app)),
                    timeout=15),
           "the comment is listed as the person's own, under review", repr(rows(app)))
    tap.ok(field_text(app) == "", "the field is empty for the next comment",
           repr(field_text(app)))
    time.sleep(0.3)
    screenshot("comments-review-en-100")

    # The sign-in ends on the portal in the middle of a comment: the comment
    # is kept, the page says to sign in again, and after that it goes.
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    db.execute("DELETE FROM tokens WHERE user_id = (SELECT id FROM users "
               "WHERE username = 'citizen')")
    db.commit()
    db.close()
    later = "The paths need more lights at night, please."
    reply = button(app, "Reply to Layla Hassan")
    tap.ok(reply is not None and click(reply), "Reply, on the comment of Layla Hassan")
    tap.ok(wait_for(lambda: plain(name_of(app.focused())) == "Your reply to Layla Hassan"
                    and role_of(app.focused()) in steps.ROLES_TEXT, timeout=5),
           "the focus goes to the field, named «Your reply to Layla Hassan»",
           repr(name_of(app.focused()) if app.focused() else None))
    type_text(later)
    tap.ok(steps.press(app, "Send the reply"), "the reply is sent")
    tap.ok(steps.says(app, "Your comment is saved on this computer. Sign in again to send it.",
                      timeout=20),
           "with the sign-in ended, the page says the comment is kept until one signs in",
           repr(steps.labels(app)))
    tap.ok(comments_with(data_dir, later) == 0, "the portal does not have it yet")
    item = menu_item(app, "Sign In")
    tap.ok(item is not None and click(item) and steps.sign_in(app, "citizen", "Citizen-Demo-2026"),
           "the citizen signs in again from the menu")
    tap.ok(steps.says(app, "Your comment was received on", timeout=20)
           and wait_for(lambda: comments_with(data_dir, later) == 1, timeout=10),
           "then the comment goes, once", repr(comments_with(data_dir, later)))
    tap.ok(wait_for(lambda: any(r.startswith("Your reply to Layla Hassan, ") and later in r
                                for r in rows(app)), timeout=15),
           "the reply is listed as the person's, saying whom it answers", repr(rows(app)))
    key("Escape")

    # Reporting a comment of someone else, with a reason.
    report = button(app, "Report the comment of Fatima Al Hashimi")
    tap.ok(report is not None and click(report), "Report, on the comment of Fatima Al Hashimi")
    def reason(name):
        return next((n for n in page_nodes(app) if role_of(n) == Atspi.Role.RADIO_BUTTON
                     and plain(name_of(n)) == name), None)

    def focused_reason(name):
        node = reason(name)
        return node is not None and has_state(node, Atspi.StateType.FOCUSED)

    tap.ok(wait_for(lambda: focused_reason("Advertising or spam"), timeout=5),
           "the reasons open with the focus on the first",
           repr(name_of(app.focused()) if app.focused() else None))
    key("Down", "Down", "Down")
    tap.ok(wait_for(lambda: focused_reason("Not about this topic"), timeout=3),
           "the arrows move among the reasons")
    key("space")
    tap.ok(wait_for(lambda: has_state(reason("Not about this topic"), Atspi.StateType.CHECKED),
                    timeout=3), "Space chooses «Not about this topic»")
    tap.ok(steps.press(app, "Send the report")
           and steps.says(app, "Thank you: the moderators will look at this comment.",
                          timeout=15), "the report is sent and thanked for",
           repr(steps.labels(app)))

    # The portal closes the topic meanwhile: the comment is refused, said
    # where it was written, and its text stays to be kept elsewhere.
    db = sqlite3.connect(os.path.join(data_dir, "musharaka-server.db"))
    db.execute("UPDATE topics SET closes_at = opens_at + 1 WHERE id = 1")
    db.commit()
    db.close()
    refused = "One more thing: the fountains need repair."
    tap.ok(steps.tab_to(app, lambda n: n == "Your comment"), "Tab reaches the comment field")
    type_text(refused)
    tap.ok(steps.press(app, "Send the comment"), "a comment is sent to the topic just closed")
    tap.ok(steps.says(app, "Your comment was not accepted: This topic is not open for "
                           "participation", timeout=20),
           "the refusal is said under the text, in the portal's words", repr(steps.labels(app)))
    tap.ok(wait_for(lambda: field_text(app) == refused, timeout=5)
           and comments_with(data_dir, refused) == 0,
           "and the text is still there, not stored by the portal", repr(field_text(app)))
    field = comment_field(app)
    tap.ok(field is not None and "not accepted" in description_of(field),
           "the field's description says it too", repr(description_of(field) if field else None))

    # A moderator, in an app of their own (in Arabic), publishes it.
    env = {name: os.path.join(other_home, name.lower())
           for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}
    moderator = App(locale="ar_SA.UTF-8", args=["--portal", server.url, "--separate"], env=env)
    apps.append(moderator)
    tap.ok(moderator.start(), "a second app starts beside the first", moderator.output())
    tap.ok(app.alive(), "and the first keeps running")
    item = menu_item(moderator, "تسجيل الدخول")
    tap.ok(item is not None and click(item)
           and steps.sign_in(moderator, "moderator", "Moderator-Demo-2026", field="اسم المستخدم"),
           "the moderator signs in there")
    item = wait_for(lambda: menu_item(moderator, "قائمة المراجعة", timeout=2), timeout=15)
    tap.ok(item is not None, "a moderator's menu offers the moderation queue")
    if item is not None:
        click(item)
    queue = "قائمة المراجعة"
    entry = wait_for(lambda: next((r for r in rows(moderator, queue) if mine in r), None),
                     timeout=15)
    tap.ok(entry is not None and entry.startswith("على مسودة لائحة الحدائق العامة، كتبه مريم أحمد، "),
           "the queue names the comment's topic and author", repr(rows(moderator, queue)))
    audit(moderator, "moderation queue")
    screenshot("moderation-ar-100")
    row = next((n for n in page_nodes(moderator, queue) if role_of(n) == Atspi.Role.LIST_ITEM
                and mine in plain(name_of(n))), None)
    publish = next((n for n in walk(row) if role_of(n) == Atspi.Role.PUSH_BUTTON
                    and plain(name_of(n)) == "انشر تعليق مريم أحمد"), None) if row else None
    tap.ok(publish is not None, "each comment has its Publish button, named by its author")
    if publish is not None:
        click(publish)
    tap.ok(steps.says(moderator, "نُشر: يمكن للجميع قراءته الآن.", timeout=15),
           "the decision is recorded, and said in the row", repr(steps.labels(moderator)))
    # The reply is rejected with a reason, from the keyboard.
    row = next((n for n in page_nodes(moderator, queue) if role_of(n) == Atspi.Role.LIST_ITEM
                and later in plain(name_of(n))), None)
    reject = next((n for n in walk(row) if role_of(n) == Atspi.Role.PUSH_BUTTON
                   and plain(name_of(n)) == "ارفض تعليق مريم أحمد"), None) if row else None
    tap.ok(reject is not None and click(reject), "Reject, on the reply")
    tap.ok(wait_for(lambda: role_of(moderator.focused()) in steps.ROLES_TEXT
                    and plain(name_of(moderator.focused())) == "سبب عدم النشر (يقرؤه كاتب التعليق)",
                    timeout=5),
           "the field of the reason has the focus, named by its label",
           repr(name_of(moderator.focused()) if moderator.focused() else None))
    key("Return")
    tap.ok(steps.says(moderator, "اكتب السبب أولًا، فكاتب التعليق يقرؤه.", timeout=5),
           "with no reason, it says the reason is needed")
    type_text("Off topic")
    key("Return")
    tap.ok(steps.says(moderator, "رُفض: يمكن لكاتبه قراءة السبب الذي كتبته.", timeout=15),
           "Return rejects it, and the row says so", repr(steps.labels(moderator)))
    cut = steps.at_300_percent(moderator, "moderation-ar-300")
    tap.ok(not cut, "the queue at 300 %: no label runs past the window's sides", "\n".join(cut))
    key("ctrl+0")
    tap.ok(steps.press(moderator, "English")
           and steps.says(moderator, "1 comment is waiting for review.", timeout=15),
           "in English, the queue is loaded again: one comment still waits",
           repr(steps.labels(moderator)))
    time.sleep(0.5)
    screenshot("moderation-en-100")
    cut = steps.at_300_percent(moderator, "moderation-en-300")
    tap.ok(not cut, "in English at 300 %: no label runs past the window's sides", "\n".join(cut))
    moderator.stop()

    # The citizen's page, loaded again, says it is published.
    key("F5")
    tap.ok(wait_for(lambda: any(r.startswith("Your comment, ") and mine in r
                                and r.endswith("Published.") for r in rows(app)), timeout=15)
           and any(r.startswith("Your reply to Layla Hassan, ") and later in r
                   and r.endswith("Not published. The moderator's reason: Off topic")
                   for r in rows(app)),
           "the citizen's page now says the comment is published, and the reply is not, why",
           repr(rows(app)))

    cut = steps.at_300_percent(app, "comments-en-300")
    tap.ok(not cut, "at 300 %: no label runs past the window's sides", "\n".join(cut))
    key("ctrl+0")

    # My participation follows both: the moderators' decisions, in words.
    for _ in range(3):
        if not steps.press(app, "Back"):
            break
        time.sleep(0.5)
    tap.ok(steps.press(app, "My participation"), "My participation is opened")

    def followed():
        return [r for r in rows(app, "My participation") if ". Comment, sent on " in r]
    tap.ok(wait_for(lambda: any("State: Published." in r for r in followed())
                    and any("State: Rejected: Off topic" in r for r in followed()), timeout=20),
           "it lists the comment as published and the reply as rejected, with the reason",
           repr(followed()))
    screenshot("comments-participation-en-100")
    tap.ok(app.alive() and not app.criticals(), "the app is still running, without criticals",
           app.output())
finally:
    for a in apps:
        a.stop()
    server.stop()
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(other_home, ignore_errors=True)

tap.finish()
