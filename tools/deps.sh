#!/bin/sh
# deps.sh: install what planwatch needs on Debian that is missing, with
# apt-get as root, else through sudo, else print what to run and stop.
#
#   sh tools/deps.sh [-n] [build | demo | test | bench]...
#
# build (always included) is what `make` needs; demo what the README's
# tour needs besides: the locale of the Chinese interface; test what `make
# check` needs besides: the tests' tools and the locales they run under;
# bench what `make bench` measures planwatch against.  -n prints the commands
# instead of running them.  PLANWATCH_TEST_DEPS=1 and
# PLANWATCH_BENCH_DEPS=1 add test and bench as before.
#
# A package is one word in its list below.  postgresql-15 puts its
# programs (initdb, pg_ctl, postgres) in /usr/lib/postgresql/15/bin, off
# PATH, where tests/pg.sh finds them; installing it also makes and starts
# Debian's own cluster (15/main, port 5432), which no test uses.
set -u
build_pkgs="pkg-config make gcc libncurses-dev libsqlite3-dev libyaml-dev
    libxlsxwriter-dev libzip-dev libexpat1-dev libpq-dev gettext"
test_pkgs="libcmocka-dev tmux sqlite3 jq mandoc locales clang
    libclang-rt-14-dev valgrind calcurse poppler-utils chromium
    fonts-noto-cjk python3 python3-markdown python3-openpyxl
    libreoffice-calc-nogui postgresql-15"
bench_pkgs="sqlite3 tmux taskwarrior"
# Locales by locale-gen's names: the tour's LANG=zh_CN.UTF-8, and what the
# tests run under besides the default.
demo_pkgs="locales"
demo_locales="zh_CN.UTF-8"
test_locales="zh_CN.UTF-8"

dry=0
if [ "${1:-}" = -n ]; then
	dry=1
	shift
fi
sets="build $*"
[ "${PLANWATCH_TEST_DEPS:-0}" = 1 ] && sets="$sets test"
[ "${PLANWATCH_BENCH_DEPS:-0}" = 1 ] && sets="$sets bench"
pkgs="" locales=""
for s in $sets; do
	case $s in
	build) pkgs="$pkgs $build_pkgs" ;;
	demo) pkgs="$pkgs $demo_pkgs"; locales="$locales $demo_locales" ;;
	test) pkgs="$pkgs $test_pkgs"; locales="$locales $test_locales" ;;
	bench) pkgs="$pkgs $bench_pkgs" ;;
	*) echo "usage: sh tools/deps.sh [-n] [build | demo | test | bench]..." >&2
	   exit 2 ;;
	esac
done

missing=""
for p in $pkgs; do
	case " $missing " in *" $p "*) continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q 'ok installed' ||
	    missing="$missing $p"
done
# locale -a says zh_CN.utf8 for zh_CN.UTF-8.
norm() { printf '%s\n' "$1" | tr 'A-Z' 'a-z' | tr -d '-'; }
have=$(locale -a 2> /dev/null | tr 'A-Z' 'a-z' | tr -d '-')
nolocale=""
for l in $locales; do
	case " $nolocale " in *" $l "*) continue ;; esac
	printf '%s\n' "$have" | grep -qxF "$(norm "$l")" ||
	    nolocale="$nolocale $l"
done
[ -z "$missing" ] && [ -z "$nolocale" ] && exit 0

# The commands that install $missing and generate $nolocale, one a line
# (each locale uncommented in /etc/locale.gen, or added to it), each
# prefixed with $1 ("sudo " or nothing); $2 is how to call apt-get.
todo() {
	if [ -n "$missing" ]; then
		echo "$1$2 update"
		echo "$1$2 install -y$missing"
	fi
	for l in $nolocale; do
		e="$l ${l#*.}"
		echo "$1sed -i 's/^# *$e\$/$e/' /etc/locale.gen"
		echo "grep -qx '$e' /etc/locale.gen || echo '$e' | $1tee -a /etc/locale.gen"
	done
	[ -z "$nolocale" ] || echo "$1locale-gen"
}
what="${missing:+ packages$missing}${missing:+${nolocale:+;}}${nolocale:+ locales$nolocale}"
if ! command -v apt-get > /dev/null 2>&1; then
	echo "planwatch: not installed:$what" >&2
	echo "planwatch: install them with your package manager" >&2
	exit 1
fi
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo > /dev/null 2>&1 && sudo -n true 2> /dev/null; then
	sudo="sudo "
else
	echo "planwatch: not installed:$what; as root, run:" >&2
	todo "" apt-get | sed 's/^/  /' >&2
	exit 1
fi
if [ $dry = 1 ]; then
	echo "planwatch: would install$what with:"
	todo "$sudo" apt-get | sed 's/^/  /'
	exit 0
fi
echo "planwatch: installing$what"
sh -ec "$(todo "$sudo" "env DEBIAN_FRONTEND=noninteractive apt-get -qq")" > /dev/null
