#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Musharaka developer entry point for a Debian 12 machine.
#
#   ./build-aux/dev.sh run     set up, build and open the app
#   ./build-aux/dev.sh test    set up, build and run the whole test suite
#   ./build-aux/dev.sh setup   set up and build only (for packagers and tools)
#
# "Set up" installs the missing Debian packages, generates the Arabic and
# English locales and configures the build directory (_build by default,
# MSK_BUILDDIR overrides it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
builddir="${MSK_BUILDDIR:-$here/_build}"

# Everything the build, the app and the tests need, by Debian 12 package name.
packages=(
  build-essential pkg-config meson ninja-build gettext itstool yelp-tools
  appstream desktop-file-utils libglib2.0-bin libglib2.0-dev
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libespeak-ng-dev espeak-ng espeak-ng-data libsqlite3-dev libsecret-1-dev
  libicu-dev libcrypt-dev
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good
  locales
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi python3-pyatspi
  gir1.2-gtk-4.0 gir1.2-atspi-2.0 xdotool imagemagick sox curl
)

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die () { printf 'dev.sh: %s\n' "$*" >&2; exit 1; }

as_root () {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

install_packages () {
  local missing=()
  local p
  for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return
  fi
  say "Installing ${#missing[@]} Debian packages: ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: this script expects Debian 12"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

generate_locales () {
  local need=0
  locale -a 2>/dev/null | grep -qiE '^ar_SA\.utf-?8$' || need=1
  locale -a 2>/dev/null | grep -qiE '^en_US\.utf-?8$' || need=1
  if [ "$need" -eq 0 ]; then
    return
  fi
  say "Generating the ar_SA.UTF-8 and en_US.UTF-8 locales"
  as_root sed -i -E 's/^# *(ar_SA\.UTF-8 UTF-8)/\1/; s/^# *(en_US\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  grep -q '^ar_SA.UTF-8 UTF-8' /etc/locale.gen || echo 'ar_SA.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
  grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8' | as_root tee -a /etc/locale.gen >/dev/null
  as_root locale-gen
}

configure_and_build () {
  if [ ! -f "$builddir/build.ninja" ]; then
    say "Configuring $builddir"
    meson setup "$builddir" "$here" ${MSK_MESON_ARGS:-}
  fi
  say "Building"
  meson compile -C "$builddir"
}

setup () {
  install_packages
  generate_locales
  configure_and_build
}

cmd_run () {
  setup
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    die "no display: set DISPLAY or WAYLAND_DISPLAY (for example run it under xvfb-run) to open the app"
  fi
  say "Starting Musharaka"
  exec "$builddir/src/musharaka" "$@"
}

cmd_test () {
  setup
  say "Running the test suite"
  meson test -C "$builddir" --print-errorlogs "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  setup) shift; setup ;;
  *) echo "usage: $0 run|test|setup" >&2; exit 2 ;;
esac
