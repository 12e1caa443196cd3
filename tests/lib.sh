# lib.sh: helpers for command-line and curses tests; source it first.
#
#   . "$PW_TOP/tests/lib.sh"
#   run "$PLANWATCH" validate -f plan.yaml   # sets $rc, $out, $err
#   is "$rc" 1 "validate exits 1 on errors"
#   has "$err" "plan.yaml:3:5: error:" "reports the position"
#   finish
#
# Each assertion prints "ok - DESC" or "not ok - DESC" (with what was
# seen), which tests/run.sh counts.  $T is a fresh temporary directory,
# removed at exit.  $PLANWATCH is the binary under test; $PW_SAN is 1 in the
# sanitizer build; $PW_TOP is the source tree.
set -u
: "${PLANWATCH:?PLANWATCH must name the binary}"
: "${PW_TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8
unset LANG LANGUAGE NO_COLOR PLANWATCH_PLAN PLANWATCH_DB
export USER=tester
# The cache (planwatch(1)) of the test's own, never the user's: a
# second run of a plan in a test reads it from the cache.
export PLANWATCH_CACHE="$T/.plancache"
# The uninstalled binary finds its message catalogue in the build tree.
if [ -n "${PW_BUILD:-}" ]; then
	export PLANWATCH_LOCALEDIR="$PW_BUILD/locale"
fi
_fails=0

# run CMD...: run with stdin from /dev/null; sets rc, out and err.
run() {
	"$@" < /dev/null > "$T/.out" 2> "$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

_report() {	# ok?, desc, detail
	if [ "$1" = 1 ]; then
		echo "ok - $2"
	else
		echo "not ok - $2"
		printf '%s\n' "$3" | sed 's/^/#   /' | head -30
		_fails=$((_fails + 1))
	fi
}

# is ACTUAL EXPECTED DESC
is() {
	if [ "$1" = "$2" ]; then _report 1 "$3" ""
	else _report 0 "$3" "expected: $2
got: $1
stderr: ${err:-}"; fi
}

# has TEXT NEEDLE DESC: TEXT contains NEEDLE (fixed string)
has() {
	case $1 in *"$2"*) _report 1 "$3" "" ;;
	*) _report 0 "$3" "missing: $2
in: $1" ;; esac
}

# hasnt TEXT NEEDLE DESC
hasnt() {
	case $1 in *"$2"*) _report 0 "$3" "unexpected: $2
in: $1" ;;
	*) _report 1 "$3" "" ;; esac
}

# ok DESC CMD...: the command succeeds
ok() {
	_d=$1; shift
	if "$@"; then _report 1 "$_d" ""; else _report 0 "$_d" "command failed: $*"; fi
}

# skip DESC REASON: a visible notice, counted as neither pass nor fail
skip() {
	echo "# SKIP $1: $2"
}

finish() {
	exit 0
}
