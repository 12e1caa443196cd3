#!/bin/sh
# t1009: the layers (issue 17 item 1; docs/HACKING.md): the review reads
# memory and asks the session to act, so no file in tui/ includes a db/ or
# config/ header or calls a store_ or config_ function; and only the
# session (session/) loads a plan or opens a store: no file outside it
# (db/ and config/ themselves, and the tests, benchmarks and fuzzers,
# aside) calls store_open or config_load*.
. "$PW_TOP/tests/lib.sh"

cd "$PW_TOP" || exit 1
TUI_PAT='#include[[:space:]]*"(db|config)/|(^|[^A-Za-z0-9_])(store|config)_[A-Za-z0-9_]*[[:space:]]*\('
OPEN_PAT='(^|[^A-Za-z0-9_])(store_open|config_load[A-Za-z0-9_]*)[[:space:]]*\('

ok "tui/ has C files" test -n "$(ls tui/*.c)"
for f in tui/*.c tui/*.h; do
	hits=$(grep -nE "$TUI_PAT" "$f")
	is "$hits" "" "$f neither includes db/ or config/ nor calls the store or config"
done

files=$(find util model report tui cli -name '*.[ch]' | sort)
ok "the front ends have C files" test -n "$files"
for f in $files; do
	hits=$(grep -nE "$OPEN_PAT" "$f")
	is "$hits" "" "$f neither loads a plan nor opens a store"
done
ok "session/ opens the store" grep -qE "$OPEN_PAT" session/session.c

# The checkers find what they look for, and not restore_terminal().
printf '%s\n' '#include "db/store.h"' '#include "config/config.h"' \
    '	rc = store_history(t->store, &q, &r, &n, &err);' \
    '	p = config_load_cached(path, &d);' '	restore_terminal();' \
    > "$T/bad.c"
n=$(grep -cE "$TUI_PAT" "$T/bad.c")
is "$n" 4 "the tui pattern catches the includes and the calls"
printf '%s\n' 'if (store_open(db, STORE_READ, &s, &err) != 0)' \
    '	p = config_load(path, &d);' '	p = config_load_buffer(n, b, l, &d);' \
    '	rc = session_open_store(db, false, &s, &err);' '	reopen_store(t);' \
    > "$T/bad.c"
n=$(grep -cE "$OPEN_PAT" "$T/bad.c")
is "$n" 3 "the open pattern catches store_open and config_load*"
finish
