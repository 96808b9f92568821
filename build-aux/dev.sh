#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Musharaka developer entry point for a Debian 12 machine.
#
#   ./build-aux/dev.sh run     set up, build and open the app on the practice
#                              portal (arguments go to the app instead)
#   ./build-aux/dev.sh test    set up, build and run the whole test suite, in
#                              every lane (see below)
#   ./build-aux/dev.sh setup   set up and build only (for packagers and tools)
#
# "Set up" installs the missing Debian packages, generates the Arabic and
# English locales and configures the build directory (_build by default,
# MSK_BUILDDIR overrides it).
#
# The test suite runs in two lanes, one after the other:
#   host     this machine's Debian 12 stack (GTK 4.8, libadwaita 1.2);
#   trixie   Debian 13 (GTK 4.18, libadwaita 1.7, what the Flatpak users run)
#            in a chroot that debootstrap creates and caches under
#            $builddir/lanes/trixie (root needed; about 1.8 GB).
#   ./build-aux/dev.sh test --lane host|trixie [-- MESON-TEST-ARGS...]
#   ./build-aux/dev.sh shell [COMMAND...]   a shell (or a command) in the trixie lane
# Both lanes build with --werror. MSK_MESON_ARGS adds options to meson setup
# in both; MSK_LANE_MIRROR overrides the Debian mirror the chroot uses;
# MSK_TEST_TIMEOUT (seconds, 1200 by default) bounds each lane's test run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
builddir="${MSK_BUILDDIR:-$here/_build}"
case "$builddir" in /*) ;; *) builddir="$PWD/$builddir" ;; esac

# Everything the build, the app and the tests need, by Debian 12 package name.
packages=(
  build-essential pkg-config meson ninja-build gettext itstool yelp-tools
  appstream desktop-file-utils libglib2.0-bin libglib2.0-dev
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libespeak-ng-dev espeak-ng espeak-ng-data libsqlite3-dev libsecret-1-dev
  libicu-dev libcrypt-dev libxml2-dev
  # Spelling while one types, in Arabic and English.
  libenchant-2-dev hunspell-ar hunspell-en-us
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev gstreamer1.0-plugins-base
  gstreamer1.0-plugins-good
  locales
  xvfb xauth dbus dbus-x11 at-spi2-core python3 python3-gi python3-pyatspi
  gir1.2-gtk-4.0 gir1.2-atspi-2.0 xdotool imagemagick sox curl
  # A saved receipt is read back from its PDF.
  poppler-utils
  # What a public-computer session writes, followed by its system calls.
  strace
  # An administrator's locked setting, as dconf gives it.
  dconf-cli dconf-gsettings-backend
  # What a screen reader says, read from its own log by the tests.
  orca speech-dispatcher
  # The app's own icons are SVG files: GTK reads them through this loader.
  librsvg2-common
)

# The trixie lane installs the same set; a package whose name differs in
# Debian 13 is renamed here ("bookworm-name" → "trixie-name"; an empty name
# drops it).
declare -A trixie_renames=(
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
    # shellcheck disable=SC2086 # MSK_MESON_ARGS is a list of options
    meson setup "$builddir" "$here" --werror ${MSK_MESON_ARGS:-}
  else
    case "$(meson introspect --buildoptions "$builddir" 2>/dev/null)" in
      *'"name": "werror", "value": true'*) ;;
      *)
        say "Turning warnings into errors in $builddir"
        meson configure "$builddir" -Dwerror=true
        ;;
    esac
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
  say "Starting Musharaka on the practice portal"
  # Run from the build tree: its settings schema and translations.
  export GSETTINGS_SCHEMA_DIR="$builddir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
  export MSK_LOCALEDIR="$builddir/po"
  # The practice portal (the bundled server with its demo data), on its
  # topics, unless a portal or other options are given.
  if [ "$#" -eq 0 ]; then
    set -- --demo --show topics
  fi
  # Arabic first: a session without a language of its own (the C locale of
  # a fresh machine) gets the Arabic one set up above.
  case "${LC_ALL:-${LC_MESSAGES:-${LANG:-C}}}" in
    C | C.* | POSIX) export LANG=ar_SA.UTF-8; unset LC_ALL LC_MESSAGES ;;
  esac
  exec "$builddir/src/musharaka" "$@"
}

# ---------------------------------------------------------------------------
# Lanes

# Counts the results of the last meson test run from its JSON log:
# prints "OK FAIL SKIPPED", or "- - -" when no test ran.
count_results () {
  local log="$1"
  if [ ! -s "$log" ]; then
    echo "- - -"
    return
  fi
  grep -o '"result": "[A-Z]*"' "$log" | awk -F'"' '
    $4 == "OK" || $4 == "EXPECTEDFAIL" { ok++; next }
    $4 == "SKIP" { skipped++; next }
    { fail++ }
    END { print ok + 0, fail + 0, skipped + 0 }'
}

# A whole suite gets this long (seconds) in each lane: it takes about
# 10 minutes, and twice that on a machine that runs slow; a test that leaves
# a child holding its output open would otherwise keep meson waiting.
test_timeout="${MSK_TEST_TIMEOUT:-1200}"

lane_test_failed () {
  if [ "$2" -eq 124 ] || [ "$2" -eq 137 ]; then
    printf 'dev.sh: lane %s: the test suite did not finish in %s s (MSK_TEST_TIMEOUT)\n' \
      "$1" "$test_timeout" >&2
  fi
  exit "$2"
}

lane_host () {
  rm -f "$builddir/meson-logs/testlog.json"
  setup
  say "lane host: running the test suite"
  timeout --foreground --kill-after=30 "$test_timeout" meson test -C "$builddir" --print-errorlogs "$@" \
    || lane_test_failed host "$?"
}

# The mirror the host's apt uses for Debian itself (not -security).
host_mirror () {
  local url=""
  if [ -n "${MSK_LANE_MIRROR:-}" ]; then
    echo "$MSK_LANE_MIRROR"
    return
  fi
  if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
    url="$(awk '
      /^[ \t]*$/ { if (uri != "" && suites !~ /-security/) { print uri; exit } uri = ""; suites = "" }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { suites = $0 }
      END { if (uri != "" && suites !~ /-security/) print uri }
    ' /etc/apt/sources.list.d/*.sources | head -n 1)"
  fi
  if [ -z "$url" ] && [ -f /etc/apt/sources.list ]; then
    url="$(awk '$1 == "deb" && $0 !~ /-security/ {
      for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:\/\//) { print $i; exit }
    }' /etc/apt/sources.list | head -n 1)"
  fi
  echo "${url:-http://deb.debian.org/debian}"
}

trixie_package_list () {
  local p
  for p in "${packages[@]}"; do
    if [ -n "${trixie_renames[$p]+set}" ]; then
      p="${trixie_renames[$p]}"
    fi
    [ -n "$p" ] && echo "$p"
  done
}

lane_fail () { printf 'dev.sh: lane trixie: cannot set up: %s\n' "$*" >&2; exit 1; }

# Unmounts everything mounted under the lane's directory, deepest first.
lane_unmount_all () {
  local dir="$1"
  local m
  [ -d "$dir" ] || return 0
  dir="$(cd "$dir" && pwd -P)"
  while read -r m; do
    as_root umount "$m" 2>/dev/null || as_root umount -l "$m" || true
  done < <(awk -v d="$dir" '{ p = $5; gsub(/\\040/, " ", p);
                                if (p == d || index(p, d "/") == 1) print p }' \
             /proc/self/mountinfo | sort -r)
}

# Ends the processes left running inside the chroot (an AT-SPI bus, a
# D-Bus daemon), so that the chroot can be unmounted.
lane_kill_leftovers () {
  local root="$1"
  local proc pid link killed=0
  [ -d "$root" ] || return 0
  root="$(cd "$root" && pwd -P)"
  for proc in /proc/[0-9]*; do
    pid="${proc#/proc/}"
    link="$(as_root readlink "$proc/root" 2>/dev/null)" || continue
    if [ "$link" = "$root" ]; then
      as_root kill -TERM "$pid" 2>/dev/null && killed=1
    fi
  done
  if [ "$killed" -eq 1 ]; then
    sleep 1
  fi
}

# Creates (or updates) the chroot and mounts what a run needs; an exit trap
# undoes the mounts. Call it in a subshell.
lane_trixie_enter () {
  local lane_dir="$builddir/lanes/trixie"
  local root="$lane_dir/root"
  local mirror debootstrap stamp wanted
  local pkgs

  mkdir -p "$lane_dir"
  lane_dir="$(cd "$lane_dir" && pwd -P)"
  root="$lane_dir/root"

  # One run at a time per build directory.
  exec 9>"$lane_dir/lock"
  if ! flock -n 9; then
    say "lane trixie: waiting for another run that uses $lane_dir"
    flock 9
  fi

  # Expanded now: the trap runs after this function's locals are gone.
  # shellcheck disable=SC2064
  trap "lane_kill_leftovers $(printf '%q' "$root") 2>/dev/null || true
        lane_unmount_all $(printf '%q' "$lane_dir")" EXIT
  trap 'exit 130' INT TERM HUP

  mapfile -t pkgs < <(trixie_package_list)
  mirror="$(host_mirror)"
  stamp="$lane_dir/packages.stamp"
  wanted="$(printf '%s\n' "mirror $mirror" "${pkgs[@]}" | sort)"

  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    lane_fail "a chroot needs root: run as root or install sudo"
  fi

  if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap="$(PATH="$PATH:/usr/sbin:/sbin" command -v debootstrap || true)"
    if [ -z "$debootstrap" ]; then
      say "lane trixie: installing debootstrap"
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2 \
        || lane_fail "debootstrap is not installed and apt-get could not install it"
      debootstrap="$(PATH="$PATH:/usr/sbin:/sbin" command -v debootstrap || true)"
      [ -n "$debootstrap" ] || lane_fail "debootstrap is not installed"
    fi
    if [ ! -e /usr/share/debootstrap/scripts/trixie ]; then
      lane_fail "this debootstrap does not know Debian 13 (trixie); upgrade debootstrap"
    fi
    if command -v curl >/dev/null 2>&1 \
       && ! curl -fsSI --max-time 20 "$mirror/dists/trixie/Release" >/dev/null 2>&1; then
      lane_fail "the Debian mirror $mirror does not answer for trixie (no network?)"
    fi

    say "lane trixie: creating a Debian 13 root in $root (debootstrap, from $mirror)"
    lane_unmount_all "$lane_dir"
    as_root rm -rf --one-file-system "$root.new"
    if ! as_root "$debootstrap" --variant=minbase trixie "$root.new" "$mirror" \
         >"$lane_dir/debootstrap.log" 2>&1; then
      tail -n 20 "$lane_dir/debootstrap.log" >&2 || true
      lane_unmount_all "$lane_dir"
      lane_fail "debootstrap trixie from $mirror failed (log: $lane_dir/debootstrap.log)"
    fi
    lane_unmount_all "$lane_dir"
    as_root mv "$root.new" "$root"
    rm -f "$stamp"
  fi

  # No services start inside the chroot.
  printf '#!/bin/sh\nexit 101\n' | as_root tee "$root/usr/sbin/policy-rc.d" >/dev/null
  as_root chmod 755 "$root/usr/sbin/policy-rc.d"
  as_root cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  as_root mkdir -p "$root/src" "$root/build"
  echo "deb $mirror trixie main" | as_root tee "$root/etc/apt/sources.list" >/dev/null

  say "lane trixie: mounting /proc, /sys, /dev and the source tree in the chroot"
  as_root mount -t proc proc "$root/proc"
  as_root mount -t sysfs -o ro sysfs "$root/sys"
  as_root mount --bind /dev "$root/dev"
  as_root mount --bind /dev/pts "$root/dev/pts"
  as_root mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
  as_root mount --bind "$here" "$root/src"
  as_root mount -o remount,bind,ro "$root/src"

  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "lane trixie: installing ${#pkgs[@]} Debian 13 packages"
    # apt-get update succeeds even when the mirror does not answer: read it.
    if ! lane_chroot apt-get update -q >"$lane_dir/apt-update.log" 2>&1 \
       || grep -qE '^(Err:|E:|W: Failed to fetch)' "$lane_dir/apt-update.log"; then
      cat "$lane_dir/apt-update.log" >&2
      lane_fail "apt-get update in the chroot failed: does $mirror answer?"
    fi
    lane_chroot env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -q --no-install-recommends "${pkgs[@]}" >&2 \
      || lane_fail "apt-get install in the chroot failed (see above; a package renamed in trixie goes in trixie_renames)"
    lane_chroot apt-get clean
    say "lane trixie: generating the ar_SA.UTF-8 and en_US.UTF-8 locales"
    lane_chroot sh -c "sed -i -E 's/^# *(ar_SA\.UTF-8 UTF-8)/\1/; s/^# *(en_US\.UTF-8 UTF-8)/\1/' /etc/locale.gen
      grep -q '^ar_SA.UTF-8 UTF-8' /etc/locale.gen || echo 'ar_SA.UTF-8 UTF-8' >> /etc/locale.gen
      grep -q '^en_US.UTF-8 UTF-8' /etc/locale.gen || echo 'en_US.UTF-8 UTF-8' >> /etc/locale.gen
      locale-gen && dbus-uuidgen --ensure" >&2 \
      || lane_fail "locale-gen in the chroot failed"
    echo "$wanted" | as_root tee "$stamp" >/dev/null
  fi
}

lane_trixie () {
  if [ -d "$builddir/lanes/trixie/root/build/meson-logs" ]; then
    as_root rm -f "$builddir/lanes/trixie/root/build/meson-logs/testlog.json"
  fi
  lane_trixie_enter
  say "lane trixie: building and running the test suite (GTK $(lane_chroot pkg-config --modversion gtk4))"
  # shellcheck disable=SC2016 # expanded inside the chroot
  lane_chroot sh -c '
    set -e
    if [ ! -f /build/build.ninja ]; then
      meson setup /build /src --werror $MSK_MESON_ARGS
    fi
    meson compile -C /build
    exec timeout --foreground --kill-after=30 "$0" meson test -C /build --print-errorlogs "$@"' \
    "$test_timeout" "$@" || lane_test_failed trixie "$?"
}

# Runs a command in the trixie chroot with a clean environment.
lane_chroot () {
  as_root chroot "$builddir/lanes/trixie/root" /usr/bin/env -i \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    MSK_MESON_ARGS="${MSK_MESON_ARGS:-}" \
    ${MESON_TESTTHREADS:+MESON_TESTTHREADS="$MESON_TESTTHREADS"} \
    "$@"
}

lane_log () {
  case "$1" in
    host) echo "$builddir/meson-logs/testlog.json" ;;
    trixie) echo "$builddir/lanes/trixie/root/build/meson-logs/testlog.json" ;;
  esac
}

# A shell (or a command) in the trixie lane, to look into a failure:
#   ./build-aux/dev.sh shell [COMMAND...]   the build is in /build, the source in /src
cmd_shell () {
  ( set -e; lane_trixie_enter; lane_chroot "${@:-bash}" )
}

cmd_test () {
  local lanes=(host trixie)
  local meson_args=()
  local summary=()
  local lane status start seconds failed=0

  while [ "$#" -gt 0 ]; do
    case "$1" in
      --lane) [ "$#" -ge 2 ] || die "--lane needs host or trixie"; lanes=("$2"); shift 2 ;;
      --lane=*) lanes=("${1#--lane=}"); shift ;;
      --) shift; meson_args+=("$@"); break ;;
      *) meson_args+=("$1"); shift ;;
    esac
  done
  for lane in "${lanes[@]}"; do
    case "$lane" in
      host|trixie) ;;
      *) die "unknown lane '$lane': use host or trixie" ;;
    esac
  done

  for lane in "${lanes[@]}"; do
    say "lane $lane"
    start="$(date +%s)"
    # A subshell per lane: its traps and failures stay in it. (errexit is
    # set again inside, as a subshell tested with || would run without it.)
    set +e
    ( set -e; "lane_$lane" "${meson_args[@]}" )
    status=$?
    set -e
    seconds=$(( $(date +%s) - start ))
    [ "$status" -eq 0 ] || failed=1
    summary+=("$lane $status $seconds $(count_results "$(lane_log "$lane")")")
  done

  printf '\n%-8s %5s %5s %8s %10s  %s\n' lane OK fail skipped "wall time" result >&2
  local ok fail skipped
  for lane in "${summary[@]}"; do
    read -r lane status seconds ok fail skipped <<<"$lane"
    printf '%-8s %5s %5s %8s %7dm%02ds  %s\n' "$lane" "$ok" "$fail" "$skipped" \
      $(( seconds / 60 )) $(( seconds % 60 )) "$([ "$status" -eq 0 ] && echo passed || echo FAILED)" >&2
  done
  return "$failed"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  setup) shift; setup ;;
  shell) shift; cmd_shell "$@" ;;
  *) echo "usage: $0 run|setup|test [--lane host|trixie] [-- MESON-TEST-ARGS...]|shell [COMMAND...]" >&2
     exit 2 ;;
esac
