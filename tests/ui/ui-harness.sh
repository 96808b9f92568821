#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one UI scenario: the real app under Xvfb, on a private D-Bus session
# with its own AT-SPI bus, driven by a separate AT-SPI client process.
#
#   ui-harness.sh SCENARIO.py [ARGS...]
#
# Needs MSK_APP (the built musharaka binary). Prints the scenario's TAP.
set -euo pipefail

scenario="$1"
shift

for tool in Xvfb dbus-run-session /usr/bin/python3 xdotool import; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "Bail out! $tool is not installed: run ./build-aux/dev.sh setup"
    exit 1
  fi
done

tmp="$(mktemp -d "${TMPDIR:-/tmp}/msk-ui-XXXXXX")"
xvfb_pid=""
cleanup () {
  if [ -n "$xvfb_pid" ]; then
    kill "$xvfb_pid" 2>/dev/null || true
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A private home: nothing of the developer's session leaks in, and the
# services the bus activates (AT-SPI, dconf, portals) inherit it.
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data"
export XDG_CACHE_HOME="$tmp/cache"
export XDG_STATE_HOME="$tmp/state"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"

export GDK_BACKEND=x11
export GSK_RENDERER=cairo
export GTK_A11Y=atspi
export NO_AT_BRIDGE=0
export GSETTINGS_BACKEND="${GSETTINGS_BACKEND:-memory}"
export MSK_SCREENSHOT_DIR="${MSK_SCREENSHOT_DIR:-$PWD/screenshots}"
mkdir -p "$MSK_SCREENSHOT_DIR"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS LANGUAGE LC_ALL

# A display number nobody uses, looked up in both places an X client may
# connect to: the socket files and locks of this root, and the abstract
# sockets, which every chroot on the machine shares (a client tries those
# first, so an X server outside a chroot with the same number would get the
# app). Our server listens on its socket file only (-nolisten local).
display_free () {
  [ ! -e "/tmp/.X$1-lock" ] && [ ! -e "/tmp/.X11-unix/X$1" ] \
    && ! grep -q "@/tmp/.X11-unix/X$1\$" /proc/net/unix 2>/dev/null
}
start_xvfb () {
  local n
  n=$((100 + RANDOM % 800))
  while ! display_free "$n"; do
    n=$((n + 1))
  done
  : >"$tmp/xvfb.log"
  # -noreset: by default the server resets when its last client leaves,
  # and the readiness probe below is that client; the app connecting
  # during the reset is refused ("Failed to open display").
  Xvfb ":$n" -screen 0 1280x800x24 -noreset -nolisten tcp -nolisten local 2>"$tmp/xvfb.log" &
  xvfb_pid=$!
  # Two scenarios started at once may pick the same number: the one whose
  # Xvfb lost the race on the lock file must not take the winner's socket
  # for its own, so the display counts only once the lock names our server.
  for _ in $(seq 1 100); do
    kill -0 "$xvfb_pid" 2>/dev/null || return 1
    if [ -S "/tmp/.X11-unix/X$n" ] \
        && [ "$(tr -d ' \n' <"/tmp/.X$n-lock" 2>/dev/null)" = "$xvfb_pid" ]; then
      echo "$n" >"$tmp/display"
      return 0
    fi
    sleep 0.1
  done
  return 1
}
for _ in 1 2 3 4 5; do
  start_xvfb && break
  kill "$xvfb_pid" 2>/dev/null || true
done
if [ ! -s "$tmp/display" ]; then
  echo "Bail out! Xvfb did not start: $(cat "$tmp/xvfb.log")"
  exit 1
fi
export DISPLAY=":$(head -n1 "$tmp/display")"
# Ready means a client gets an answer, not only that the socket exists; on
# a loaded machine that can take seconds.
ready=""
for _ in $(seq 1 300); do
  if xdotool getdisplaygeometry >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "Bail out! Xvfb on $DISPLAY does not answer: $(cat "$tmp/xvfb.log")"
  exit 1
fi

status=0
# Only the scenario's TAP reaches standard output (through fd 3): the
# services the session bus starts print there too.
dbus-run-session -- env MSK_TAP_FD=3 /usr/bin/python3 "$scenario" "$@" 3>&1 1>&2 || status=$?
# The X server is ours to stop: if it went before, that is said with what
# it printed, for a failure under it is not the app's.
if ! kill -0 "$xvfb_pid" 2>/dev/null; then
  xvfb_status=0
  wait "$xvfb_pid" 2>/dev/null || xvfb_status=$?
  xvfb_pid=""
  echo "# Xvfb on $DISPLAY stopped during the scenario (status $xvfb_status): $(tail -n 20 "$tmp/xvfb.log")" >&2
  cp "$tmp/xvfb.log" "$MSK_SCREENSHOT_DIR/xvfb-$$.log" 2>/dev/null || true
fi
exit "$status"
