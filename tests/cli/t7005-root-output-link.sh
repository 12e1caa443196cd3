#!/bin/sh
# t7005: root's -o never writes through a link another user planted.
# Another user (uid 65534) plants links in a directory of their own that
# root writes into, and in a sticky world-writable one: root's report, ics
# and export refuse to write through them, also while the link is flipped
# between /dev/null and a file only root may write (a bounded race).  A
# link in a directory only root can write is followed, and a link such as
# /dev/stdout reaches the pipe or file standard output is.
# The attacker's directory is their own, so the race does not depend on
# fs.protected_symlinks (which only guards sticky world-writable ones).
. "$PW_TOP/tests/lib.sh"
G=$PW_TOP/tests/golden
pw() { "$PLANWATCH" -f "$G/plan.yaml" -d "$T/plan.db" --today 2026-11-25 "$@"; }

if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null; then
	skip "links planted by another user" "needs root and setpriv"
	finish
fi
them() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }

pw record T-visits 1 --date 2026-11-01 > /dev/null 2>&1
chmod 711 "$T"
mkdir -m 700 "$T/root"
printf 'only root writes this\n' > "$T/root/secret"
chmod 600 "$T/root/secret"
cp "$T/root/secret" "$T/secret.orig"
mkdir -m 755 "$T/theirs"
chown 65534:65534 "$T/theirs"
mkdir -m 1777 "$T/pub"
A=$T/theirs/week.ics

# A link to a file only root may write.
them ln -s "$T/root/secret" "$A"
for cmd in "ics" "report" "export"; do
	run pw $cmd -o "$A"
	is "$rc" 1 "$cmd -o a link of another user's fails"
	has "$err" "is a symbolic link in a directory other users can write" \
	    "$cmd says why"
	ok "$cmd: the link is left as it was" test -L "$A"
done
ok "the file behind it is unchanged" cmp -s "$T/root/secret" "$T/secret.orig"

# A link to a device in a sticky world-writable directory.
them ln -s /dev/null "$T/pub/week.ics"
run pw ics -o "$T/pub/week.ics"
is "$rc" 1 "ics -o a planted link to /dev/null in /tmp-like directory fails"
has "$err" "$T/pub/week.ics" "naming it"
ok "nothing is left beside it" test "$(ls "$T/pub" | wc -l)" -eq 1

# The race: the link flips between /dev/null and the root-only file
# while root writes through it; a bounded number of rounds.
# perl flips faster than a shell can (no process per flip).
if command -v perl > /dev/null; then
	them perl -e '($l, $t) = @ARGV; for (1 .. 5000000) {
	    last if -e "$l.stop";
	    symlink("/dev/null", "$l.new"); rename("$l.new", $l);
	    symlink($t, "$l.new"); rename("$l.new", $l); }' "$A" "$T/root/secret" &
else
	them sh -c 'i=0; while [ $i -lt 1000000 ] && [ ! -e "$1.stop" ]; do
	    ln -sfn /dev/null "$1.new" && mv -fT "$1.new" "$1"
	    ln -sfn "$2" "$1.new" && mv -fT "$1.new" "$1"
	    i=$((i + 1)); done' sh "$A" "$T/root/secret" &
fi
flipper=$!
trap 'kill $flipper 2> /dev/null; rm -rf "$T"' EXIT
i=0
wrote=0
while [ $i -lt 200 ]; do
	case $((i % 2)) in
	0) pw ics -o "$A" > /dev/null 2>&1 ;;
	1) pw report -o "$A" > /dev/null 2>&1 ;;
	esac && wrote=$((wrote + 1))
	i=$((i + 1))
done
touch "$A.stop"
kill $flipper 2> /dev/null
wait $flipper 2> /dev/null
ok "200 runs against a flipping link: the root-only file is unchanged" \
    cmp -s "$T/root/secret" "$T/secret.orig"
is "$wrote" 0 "and every run refused the link"

# Links only root could have made are followed: a link in a private
# directory, written through (it stays a link), and one to standard output.
mkdir -m 700 "$T/mine"
: > "$T/mine/2026-11.ics"
ln -s 2026-11.ics "$T/mine/current.ics"
run pw ics -o "$T/mine/current.ics"
is "$rc" 0 "ics -o a link in a private directory works"
ok "the link stays a link" test -L "$T/mine/current.ics"
ok "the file it leads to holds the calendar" \
    grep -q BEGIN:VCALENDAR "$T/mine/2026-11.ics"
# As /dev/stdout, but in a directory of the test's own, so that a
# regression replaces this link, not the machine's /dev/stdout.
ln -s /proc/self/fd/1 "$T/mine/stdout"
run pw ics -o "$T/mine/stdout"
is "$rc" 0 "ics -o a link to standard output, a file, works"
has "$out" "BEGIN:VCALENDAR" "and the calendar is in it"
is "$(pw ics -o "$T/mine/stdout" | grep -c BEGIN:VCALENDAR)" 1 \
    "ics -o a link to standard output, a pipe, works"
ok "the link to standard output is still a link" test -L "$T/mine/stdout"

# A regular file of another user's in a sticky directory is replaced by
# root's whole file (a rename: nothing is written into theirs).
them sh -c 'echo theirs > "$1"' sh "$T/pub/plain.txt"
run pw report -o "$T/pub/plain.txt"
is "$rc" 0 "report -o a plain file in a sticky directory works"
ok "it is root's file now" test "$(stat -c %u "$T/pub/plain.txt")" = 0
finish
