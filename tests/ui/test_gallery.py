#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every page, in Arabic or in English (the argument: ar or en; both
without one), at 100% and at 300% text: a first run (the welcome page,
the policy), then the home page, each section, a topic, Preferences and
the policy from the menu. Each is reached by its button's AT-SPI action
or by the keyboard (the keyboard's way to the others is the other
scenarios'), photographed
(gallery-PAGE-LANG-SIZE.png, to be looked at), and checked: no label past
the window's sides, and at 100% no control without a real name."""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import msk_steps as steps  # noqa: E402
from msk_harness import (App, Atspi, Tap, children, click, cut_off, extents, has_state,  # noqa: E402
                         key, name_of, plain, role_of, screenshot, text_of,
                         unnamed_controls, wait_for, walk)

LANGUAGES = {
    "ar": {"locale": "ar_SA.UTF-8", "practice": "افتح بوابة التدريب",
           "agree": "أوافق وأريد المشاركة", "portal": "البوابة: بوابة التدريب",
           "larger": "تكبير النص", "menu": "القائمة الرئيسية", "policy": "سياسة المشاركة",
           "preferences": "التفضيلات", "policy_says": "يُراجَع قبل نشره",
           "tiles": [("topics", "الموضوعات", "يُعرض ١٤ موضوعًا."),
                     ("polls", "التصويتات والاستبيانات", None),
                     ("complaint", "أرسل شكوى أو اقتراحًا", None),
                     ("participation", "مشاركاتي", None),
                     ("results", "النتائج", "المشاركة شهريًا:")],
           "topic": "مسودة لائحة الحدائق العامة", "topic_says": "صورة: ",
           "comments": "اقرأ التعليقات واكتب تعليقك", "comments_says": "يقرأ مشرفٌ كل تعليق",
           "ideas_topic": "أفكار لتشجير الأحياء",
           "ideas": "اطّلع على الأفكار، وأرسل فكرتك، وادعم أفكار غيرك",
           "ideas_says": "ادعم الأفكار التي تريد تنفيذها"},
    "en": {"locale": "en_US.UTF-8", "practice": "Open the practice portal",
           "agree": "I agree and want to take part", "portal": "Portal: Practice portal",
           "larger": "Larger text", "menu": "Main menu", "policy": "Participation Policy",
           "preferences": "Preferences", "policy_says": "reviewed before it is published",
           "tiles": [("topics", "Topics", "Showing 14 topics."),
                     ("polls", "Polls and surveys", None),
                     ("complaint", "Send a complaint or suggestion", None),
                     ("participation", "My participation", None),
                     ("results", "Results", "Participation per month:")],
           "topic": "Draft by-law on public parks", "topic_says": "Image: ",
           "comments": "Read the comments and write yours",
           "comments_says": "A moderator reads every comment",
           "ideas_topic": "Ideas for greening neighbourhoods",
           "ideas": "See the ideas, send yours and support others",
           "ideas_says": "Support the ideas you want carried out"},
}

PREFERENCES_ROLES = (Atspi.Role.FRAME, Atspi.Role.DIALOG)

tap = Tap()


def says(app, text, timeout=15):
    def find():
        for node in walk(app.window(timeout=2)):
            if text in plain(name_of(node)):
                return node
        return None
    return wait_for(find, timeout=timeout)


def larger_button(app, words):
    return app.find_named(words["larger"], role=Atspi.Role.PUSH_BUTTON, timeout=5)


def says_in_text(app, text, timeout=10):
    """Whether a text view of the window holds text."""
    return wait_for(lambda: any(text in text_of(n) for n in walk(app.window(timeout=2))
                                if role_of(n) == Atspi.Role.TEXT), timeout=timeout)


def set_size(app, words, size, page):
    """Ctrl+0 for 100%; for 300%, Ctrl+Plus until "Larger text" is off. The
    header then keeps one layout: it once flipped between its two rows and
    one, at a width where the one row just fitted."""
    key("ctrl+0")
    if size == 300:
        for _ in range(12):
            larger = larger_button(app, words)
            if larger is not None and not has_state(larger, Atspi.StateType.SENSITIVE):
                break
            key("ctrl+plus")
            time.sleep(0.25)
    time.sleep(1.0)
    if size == 300:
        places = set()
        for _ in range(10):
            places.add(extents(larger_button(app, words))[:2])
            time.sleep(0.1)
        larger = larger_button(app, words)
        tap.ok(len(places) == 1 and not has_state(larger, Atspi.StateType.SENSITIVE),
               "%s, 300%%: the text is at its largest and the header keeps one layout" % page,
               "the text size control was seen at %r" % sorted(places))


def look(app, page, lang, size, window=None):
    """The page as it is now: photographed, audited, measured."""
    time.sleep(0.6)
    label = "%s, %s, %d%%" % (page, lang, size)
    screenshot("gallery-%s-%s-%d" % (page, lang, size))
    window = window or app.window(timeout=2)
    if size == 100:
        count, bad = unnamed_controls(window)
        tap.ok(window is not None and not bad,
               "%s: all %d controls have real names" % (label, count), "\n".join(bad))
    cut = cut_off(window) if window is not None else ["no window"]
    tap.ok(not cut, "%s: no label runs past the window's sides" % label, "\n".join(cut))


def is_named(name):
    return lambda focused: focused == name


def press(app, name, starts=False):
    """The button called name (or whose name starts so), pressed."""
    button = app.find(lambda n: role_of(n) in (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON)
                      and (name_of(n).startswith(name) if starts else name_of(n) == name),
                      timeout=10)
    return button is not None and click(button)


def visit_pages(app, words, lang, size):
    set_size(app, words, size, "home, " + lang)
    look(app, "home", lang, size)
    for section, tile, ready in words["tiles"]:
        pressed = press(app, tile)
        loaded = says(app, ready, timeout=20) is not None if ready else True
        tap.ok(pressed and loaded, "%s, %s, %d%%: «%s» opens it" % (section, lang, size, tile))
        look(app, section, lang, size)
        if section == "topics":
            pressed = press(app, words["topic"] + ".", starts=True)
            tap.ok(pressed and says(app, words["topic_says"], timeout=20) is not None,
                   "topic, %s, %d%%: its row opens it" % (lang, size))
            look(app, "topic", lang, size)
            # where one takes part: the comments of this topic, the ideas
            # of another
            pressed = press(app, words["comments"])
            tap.ok(pressed and says(app, words["comments_says"], timeout=20) is not None,
                   "comments, %s, %d%%: the topic's button opens them" % (lang, size))
            look(app, "comments", lang, size)
            key("Escape")
            time.sleep(0.5)
            key("Escape")
            time.sleep(0.5)
            pressed = (press(app, words["ideas_topic"] + ".", starts=True)
                       and says(app, words["topic_says"], timeout=20) is not None
                       and press(app, words["ideas"]))
            tap.ok(pressed and says(app, words["ideas_says"], timeout=20) is not None,
                   "ideas, %s, %d%%: the topic's button opens them" % (lang, size))
            look(app, "ideas", lang, size)
            key("Escape")
            time.sleep(0.5)
            key("Escape")
            time.sleep(0.5)
        key("Escape")
        time.sleep(0.5)

    # Preferences, from the keyboard.
    key("ctrl+comma")
    # A window of its own with libadwaita 1.2, a dialog in the main window
    # with newer ones: named after its title either way, in the app's language.
    def find_preferences():
        for top in children(app.accessible):
            if role_of(top) in PREFERENCES_ROLES and name_of(top) == words["preferences"]:
                return top
            for node in walk(top):
                if role_of(node) in PREFERENCES_ROLES and name_of(node) == words["preferences"]:
                    return node
        return None
    prefs = wait_for(find_preferences, timeout=10)
    tap.ok(prefs is not None, "preferences, %s, %d%%: Ctrl+Comma opens them" % (lang, size))
    time.sleep(0.6)
    screenshot("gallery-preferences-%s-%d" % (lang, size))
    if size == 100:
        # Its scrolled areas are libadwaita's: ui-preferences checks what Tab
        # reaches there.
        count, bad = (unnamed_controls(prefs, skip_containers=True) if prefs is not None
                      else (0, ["no window"]))
        tap.ok(not bad, "preferences, %s, %d%%: all %d controls have real names"
               % (lang, size, count), "\n".join(bad))
    key("Escape")
    time.sleep(0.8)

    # The policy, from the menu.
    reached = steps.tab_to(app, is_named(words["menu"]))
    key("Return")
    time.sleep(0.5)
    in_menu = steps.tab_to(app, is_named(words["policy"]), stops=12)
    key("Return")
    time.sleep(0.8)
    tap.ok(reached and in_menu and says_in_text(app, words["policy_says"]),
           "policy, %s, %d%%: the menu opens the participation policy" % (lang, size),
           "focus: %r" % steps.focused_name(app))
    look(app, "policy-menu", lang, size)
    key("Escape")
    time.sleep(0.5)


apps = []
try:
    for lang, words in LANGUAGES.items():
        if len(sys.argv) > 1 and lang != sys.argv[1]:
            continue
        app = App(locale=words["locale"], env={"GSETTINGS_BACKEND": "keyfile"})
        apps.append(app)
        tap.ok(app.start(), "%s: the app starts on its first run" % lang, app.output())
        practice = app.find_named(words["practice"], role=Atspi.Role.PUSH_BUTTON, timeout=15)
        tap.ok(practice is not None, "%s: the welcome page offers the practice portal" % lang)
        for size in (100, 300):
            set_size(app, words, size, "welcome, " + lang)
            look(app, "welcome", lang, size)
        set_size(app, words, 100, "welcome, " + lang)
        tap.ok(steps.tab_to(app, is_named(words["practice"])), "%s: Tab reaches «%s»"
               % (lang, words["practice"]), "focus: %r" % steps.focused_name(app))
        key("Return")
        tap.ok(app.find_named(words["agree"], role=Atspi.Role.PUSH_BUTTON, timeout=15)
               is not None, "%s: the practice portal's policy comes next" % lang)
        for size in (100, 300):
            set_size(app, words, size, "policy, " + lang)
            look(app, "policy", lang, size)
        set_size(app, words, 100, "policy, " + lang)
        tap.ok(steps.tab_to(app, is_named(words["agree"])), "%s: Tab reaches «%s»"
               % (lang, words["agree"]))
        key("Return")
        tap.ok(says(app, words["portal"], timeout=20) is not None,
               "%s: agreeing opens the home page on the practice portal" % lang)
        for size in (100, 300):
            visit_pages(app, words, lang, size)
        tap.ok(app.alive(), "%s: the app is still running" % lang, app.output())
        app.stop()
finally:
    for app in apps:
        app.stop()
    tap.finish()
