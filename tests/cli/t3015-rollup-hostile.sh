#!/bin/sh
# t3015: what another user may plant where cron reads a roll-up or copies
# a store (issue 18): a FIFO named as a plan in a directory of plans, or
# as the database beside a plan, or given to db copy as FROM or TO, is
# refused with one line and exit 1 (check: UNKNOWN, exit 3), never waited
# on; a device in the directory too; nothing is made at TO.  Names with
# control characters and invalid UTF-8 are escaped in the messages.  Each
# run is bounded by timeout(1) so that a regression fails, not hangs.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t3014-plans.inc"
cd "$T" || exit 1
pw() { run timeout 20 "$PLANWATCH" --today 2025-07-01 "$@"; }

# A FIFO among the plans of a directory.
mkdir fifo
cp plans/c-taihe.yaml fifo/a.yaml
mkfifo fifo/b.yaml
pw -f fifo status
is "$rc" 1 "a FIFO among the plans: exit 1, not a hang"
is "$err" "planwatch: 'fifo/b.yaml' is not a regular file" "named, one line"
is "$out" "" "nothing printed"
pw -f fifo report
is "$rc" 1 "report refuses it too"

# A link to a device, and a name with control characters and bad UTF-8.
mkdir dev
cp plans/c-taihe.yaml dev/a.yaml
ln -s /dev/zero "dev/$(printf 'b\033[2J\377.yaml')"
pw -f dev status
is "$rc" 1 "a link to a device among the plans: exit 1"
is "$err" "planwatch: 'dev/b\\x1b[2J\\xff.yaml' is not a regular file" \
    "its name escaped"

# A link among the plans: followed in a directory only we can write,
# refused in one others can (as /tmp): root's cron must not read, and quote
# in its messages, a file another user's link points at.
mkdir shared private
printf 'root:secret-hash:19000:0:99999:7:::\n' > shadow
chmod 600 shadow
cp plans/c-taihe.yaml shared/a.yaml
cp plans/c-taihe.yaml private/a.yaml
ln -s ../shadow shared/b.yaml
ln -s ../plans/a-yuan.yaml private/b.yaml
chmod 1777 shared
chmod 755 private
pw -f shared status
is "$rc" 1 "a link among the plans of a directory others can write: exit 1"
is "$err" "planwatch: 'shared/b.yaml' is a symbolic link in a directory other users can write" \
    "refused in one line"
hasnt "$err$out" "secret-hash" "what it points at is not read"
pw -f private status
is "$rc:$err" "0:" "a link in a directory only we can write is followed"
has "$out" "yuan" "and its plan is in the roll-up"

# A FIFO as the database beside a plan of the roll-up.
mkdir fdb
cp plans/c-taihe.yaml fdb/
mkfifo fdb/c-taihe.db
pw -f fdb status
is "$rc" 1 "a FIFO as a plan's database: exit 1, not a hang"
is "$err" "planwatch: fdb/c-taihe.db: not a planwatch database (not a regular file)" \
    "said in one line"
pw -f fdb/c-taihe.yaml check
is "$rc" 3 "check on it: UNKNOWN, exit 3"
has "$out" "UNKNOWN - fdb/c-taihe.db: not a planwatch database (not a regular file)" \
    "saying why"

# db copy from and to a FIFO (SQLite to SQLite needs no server).
cd plans || exit 1
"$PLANWATCH" -f c-taihe.yaml -d a.db progress M1 40 --date 2025-06-30 \
    > /dev/null
is "$?" 0 "a record to copy"
mkfifo f.db
pw -f c-taihe.yaml db copy f.db to.db
is "$rc" 1 "db copy from a FIFO: exit 1, not a hang"
is "$err" "planwatch: f.db: not a planwatch database (not a regular file)" \
    "said in one line"
ok "nothing made at TO" test ! -e to.db
pw -f c-taihe.yaml db copy a.db f.db
is "$rc" 1 "db copy to a FIFO: exit 1"
is "$err" "planwatch: f.db: not a planwatch database (not a regular file)" \
    "said in one line"
ok "the FIFO is left as it was" test -p f.db
finish
