#!/bin/sh
# t7006: root's database path never creates or converts a file through a
# link another user planted.  Another user (uid 65534) plants, in a
# directory of their own where root keeps a database, a link to a file
# that does not exist in a directory only root may write, and a link to an
# empty file of root's: root's record and import refuse both, saying why,
# and neither file is made or changed.  A link to a planwatch database is
# followed as before.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }

if [ "$(id -u)" != 0 ] || ! command -v setpriv > /dev/null; then
	skip "links planted by another user" "needs root and setpriv"
	finish
fi
them() { setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }

chmod 711 "$T"
mkdir -m 700 root
: > root/empty
chmod 600 root/empty
mkdir -m 755 theirs
chown 65534:65534 theirs
printf 'id,date,value,note\nT-beds,2024-06-01,5,导入的备注\n' > rows.csv

# A link to a file that does not exist.
them ln -s "$T/root/target.db" theirs/p.db
pw -d theirs/p.db record T-beds 5 --note 'a note of root'\''s'
is "$rc" 1 "record through a link to no file fails"
has "$err" "theirs/p.db: a symbolic link to a file that does not exist" \
    "and says why"
ok "no file is made behind the link" test ! -e root/target.db
ok "nor beside it" test "$(ls root | tr '\n' ' ')" = "empty "
ok "the link is left as it was" test -L theirs/p.db
pw -d theirs/p.db import rows.csv
is "$rc" 1 "import through it fails too"
ok "still no file behind the link" test ! -e root/target.db

# A link to an empty file of root's.
them ln -s "$T/root/empty" theirs/q.db
pw -d theirs/q.db record T-beds 5
is "$rc" 1 "record through a link to an empty file fails"
has "$err" "theirs/q.db: a symbolic link to a file that is not a planwatch database" \
    "and says why"
ok "the empty file stays empty" test ! -s root/empty
ok "and nothing is made beside it" test "$(ls root | tr '\n' ' ')" = "empty "
pw -d theirs/q.db import rows.csv
is "$rc" 1 "import through it fails too"
ok "the empty file still stays empty" test ! -s root/empty

# A link to a file that is not a database.
printf 'not a database\n' > root/text
them ln -s "$T/root/text" theirs/r.db
pw -d theirs/r.db record T-beds 5
is "$rc" 1 "record through a link to a text file fails"
is "$(cat root/text)" "not a database" "and leaves it alone"

# Reads through a planted link never create anything either.
pw -d theirs/p.db status
ok "status through a link to no file makes no file" test ! -e root/target.db

# A link to a planwatch database is followed: its records go into it.
mkdir -m 700 mine
pw -d mine/real.db record T-beds 4
is "$rc" 0 "a database of root's is made"
ln -s real.db mine/link.db
pw -d mine/link.db record T-beds 6 --date 2024-06-02
is "$rc" 0 "record through a link to it works"
pw -d mine/link.db import rows.csv
is "$rc" 0 "and import"
is "$(sqlite3 mine/real.db 'SELECT count(*) FROM events')" 3 \
    "the rows are in the database it leads to"
ok "the link stays a link" test -L mine/link.db

# A plain empty file named as the database is made one, as before.
: > mine/new.db
pw -d mine/new.db record T-beds 4
is "$rc" 0 "an empty file of one's own becomes a database"
finish
