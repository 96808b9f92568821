#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A desktop notification server for the test's private session bus: it
owns org.freedesktop.Notifications, writes each notification it is given
as a JSON line to the file named on its command line, and, asked with the
test's own method Invoke(id, action), emits ActionInvoked as a desktop
shell does when the person clicks the notification.

    msk_notifications.py LOG"""

import json
import sys

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <method name="Invoke"><arg type="u" direction="in"/><arg type="s" direction="in"/></method>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  </interface>
</node>
"""

log_path = sys.argv[1]
counter = [0]


def on_call(connection, sender, path, interface, method, params, invocation):
    if method == "GetCapabilities":
        invocation.return_value(GLib.Variant("(as)", (["actions", "body"],)))
    elif method == "GetServerInformation":
        invocation.return_value(GLib.Variant("(ssss)", ("msk-test", "musharaka", "1", "1.2")))
    elif method == "Notify":
        app_name, replaces, icon, summary, body, actions, hints, timeout = params.unpack()
        counter[0] += 1
        number = replaces or counter[0]
        with open(log_path, "a") as log:
            log.write(json.dumps({"id": number, "app": app_name, "summary": summary,
                                  "body": body, "actions": actions}) + "\n")
        invocation.return_value(GLib.Variant("(u)", (number,)))
    elif method == "CloseNotification":
        invocation.return_value(None)
    elif method == "Invoke":
        number, action = params.unpack()
        connection.emit_signal(None, "/org/freedesktop/Notifications",
                               "org.freedesktop.Notifications", "ActionInvoked",
                               GLib.Variant("(us)", (number, action)))
        invocation.return_value(None)


def on_bus(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
    connection.register_object("/org/freedesktop/Notifications", info, on_call, None, None)


def on_name(connection, name):
    # ready: the test waits for this line
    print("ready", flush=True)


Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.Notifications",
                 Gio.BusNameOwnerFlags.NONE, on_bus, on_name, None)
GLib.MainLoop().run()
