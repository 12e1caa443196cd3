#!/bin/sh
# deps.sh: install missing build dependencies on Debian (apt-get as root,
# else through sudo, else print the one line to run and stop).
#
# PLANWATCH_TEST_DEPS=1 adds what the full test suite uses;
# PLANWATCH_BENCH_DEPS=1 what the benchmark measures beside planwatch.
set -u
need="pkg-config make gcc libncurses-dev libsqlite3-dev libyaml-dev gettext"
if [ "${PLANWATCH_BENCH_DEPS:-0}" = 1 ]; then
	need="$need sqlite3 tmux taskwarrior"
fi
if [ "${PLANWATCH_TEST_DEPS:-0}" = 1 ]; then
	need="$need libcmocka-dev tmux sqlite3 jq mandoc locales clang \
	    libclang-rt-14-dev valgrind calcurse poppler-utils chromium \
	    fonts-noto-cjk python3"
fi
# The tests run under zh_CN.UTF-8 as well as the default locale.
want_locale() {
	[ "${PLANWATCH_TEST_DEPS:-0}" = 1 ] || return 1
	locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$' && return 1
	return 0
}
gen_locale() {
	$sudo sed -i 's/^# *\(zh_CN.UTF-8 UTF-8\)/\1/' /etc/locale.gen &&
	    $sudo locale-gen >/dev/null
}
missing=""
for p in $need; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
if [ -z "$missing" ]; then
	if want_locale && [ "$(id -u)" = 0 ]; then
		sudo=""
		gen_locale
	fi
	exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
	echo "planwatch: missing build dependencies:$missing" >&2
	echo "planwatch: install them with your package manager" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "planwatch: missing build dependencies; run:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "planwatch: installing$missing"
$sudo apt-get update -qq || exit 1
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null ||
    exit 1
if want_locale; then
	gen_locale
fi
