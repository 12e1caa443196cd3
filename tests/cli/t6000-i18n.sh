#!/bin/sh
# t6000: the zh_CN message catalogue is complete and sound: msgfmt -c
# accepts it with no untranslated or fuzzy entry, it holds every message
# the current sources mark (what `make pot` would extract), the machine
# words inside messages (options, YYYY-MM-DD, command lines) are kept as
# they are, and the build installed it where the tests find it.
. "$PW_TOP/tests/lib.sh"
PO=$PW_TOP/po/zh_CN.po

if ! command -v msgfmt > /dev/null 2>&1 ||
    ! command -v xgettext > /dev/null 2>&1; then
	skip "catalogue checks" "gettext tools (msgfmt, xgettext) are not installed"
	finish
fi

# msgfmt -c: the header, plural forms and every printf directive checked.
msgfmt --statistics -c -o /dev/null "$PO" > "$T/stat" 2>&1
is "$?" 0 "msgfmt -c accepts po/zh_CN.po"
stat=$(cat "$T/stat")
has "$stat" " translated message" "msgfmt counts translated messages"
hasnt "$stat" "untranslated" "no untranslated entry"
hasnt "$stat" "fuzzy" "no fuzzy entry"
is "$(grep -c '^#, .*fuzzy' "$PO")" 0 "no entry marked fuzzy"

# What `make pot` would extract from the sources as they are now.
cd "$PW_TOP" || exit 1
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ \
    --add-comments=TRANSLATORS --package-name=planwatch -o "$T/now.pot" \
    $(ls util/*.c model/*.c config/*.c db/*.c session/*.c report/*.c \
    tui/*.c cli/*.c |
    sort) 2> "$T/xg.err"
is "$?" 0 "xgettext reads every source file"
n=$(grep -c '^msgid ' "$T/now.pot")
ok "the sources mark messages ($n)" test "$n" -gt 100
# msgcmp -N: every msgid of the sources has an exact, translated entry.
msgcmp -N "$PO" "$T/now.pot" > "$T/cmp" 2>&1
rc=$?
is "$rc" 0 "the catalogue holds every message of the current sources"
[ "$rc" = 0 ] || sed -n 's/^/# /p' "$T/cmp" | head -20

# Machine words stay as they are inside translations: options, the date
# format, quoted command lines and $VARIABLES.
msgcat --no-wrap "$PO" | awk '
	/^msgid "/ { id = substr($0, 8, length($0) - 8); next }
	/^msgstr(\[0\])? "/ {
		s = $0; sub(/^msgstr(\[0\])? "/, "", s); sub(/"$/, "", s)
		if (id == "") next
		t = id
		while (match(t, /--[a-z][a-z-]*|YYYY-MM-DD|\047planwatch [a-z -]*\047|\$[A-Z_]+/)) {
			w = substr(t, RSTART, RLENGTH)
			gsub(/\047/, "", w)
			if (index(s, w) == 0)
				print "missing " w " in: " s
			t = substr(t, RSTART + RLENGTH)
		}
	}' > "$T/words"
is "$(cat "$T/words")" "" "options, YYYY-MM-DD and command names kept in translations"

# Chinese text in Chinese punctuation: no ASCII colon ends a message
# that is a sentence (the FILE:LINE:COL form aside).
is "$(msgcat --no-wrap "$PO" | LC_ALL=C grep -c '^msgstr ".*[^ -~]: ')" 0 \
    "full-width colons after Chinese words"

# The build compiled it where lib.sh points PLANWATCH_LOCALEDIR.
if [ -n "${PW_BUILD:-}" ]; then
	ok "the build has locale/zh_CN/LC_MESSAGES/planwatch.mo" \
	    test -s "$PW_BUILD/locale/zh_CN/LC_MESSAGES/planwatch.mo"
fi
finish
