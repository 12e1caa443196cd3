#!/bin/sh
# t4002: on a plan whose names are long Chinese (and long ASCII) strings,
# no line of the text report or of a notice is wider than 80 display
# columns, in English, in Chinese and in the C locale.  Widths are measured
# by tests/tools/textwidth.c, built here against util/text.c.
. "$PW_TOP/tests/lib.sh"
G=$PW_TOP/tests/golden

if ! ${CC:-cc} -std=c17 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
    -D_DEFAULT_SOURCE -I"$PW_TOP" -o "$T/textwidth" \
    "$PW_TOP/tests/tools/textwidth.c" "$PW_TOP/util/text.c" \
    "$PW_TOP/util/buf.c" "$PW_TOP/util/xalloc.c" 2> "$T/cc.err"; then
	_report 0 "build the width tool" "$(cat "$T/cc.err")"
	finish
fi

pw() { "$PLANWATCH" -f "$G/long.yaml" -d "$T/l.db" --today 2025-11-20 "$@"; }
run pw --by "某某市卫生健康委员会规划发展与信息化科科长王某某" \
    record TARGET-WITH-A-VERY-LONG-IDENTIFIER-NAME 87.654321 \
    --date 2025-11-20 --note "根据统计年报初步测算,县域内住院率较上年提高三个百分点,仍需继续努力"
is "$rc" 0 "record a value with a long note"
run pw record T-scale 基本达到电子病历系统应用水平分级评价一级标准 --date 2025-11-19
is "$rc" 0 "record a long level"
run pw progress M-ascii 35 --date 2025-11-18 --note "$(printf 'half %.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20)"
is "$rc" 0 "record progress with a long ASCII note"

for loc in C.UTF-8 zh_CN.UTF-8 C; do
	for cmd in report notice; do
		(LC_ALL=$loc; export LC_ALL; pw $cmd) > "$T/out" 2> "$T/err"
		is "$?" 0 "$cmd under $loc exits 0"
		if "$T/textwidth" 80 < "$T/out" > "$T/w" 2> "$T/over"; then
			_report 1 "$cmd under $loc: no line over 80 columns" ""
		else
			_report 0 "$cmd under $loc: no line over 80 columns" \
			    "$(cat "$T/over")"
		fi
		is "$(grep -c '' "$T/out" | awk '{ print ($1 > 10) }')" 1 \
		    "$cmd under $loc printed something"
	done
done

# The long names are cut with an ellipsis at a character boundary, and
# the output stays valid UTF-8.
(LC_ALL=C.UTF-8; export LC_ALL; pw report) > "$T/out"
has "$(cat "$T/out")" "完成全市各级各类…" \
    "a long name is cut with an ellipsis"
has "$(cat "$T/out")" "  MILESTONE-WITH-A-VERY-LONG-IDENTIFIER-X  " \
    "a long id is not cut"
has "$(cat "$T/out")" "  M-month@2025-10  " \
    "each overdue period of a recurring milestone has its own id, whole"
if command -v iconv > /dev/null 2>&1; then
	ok "the report is valid UTF-8" iconv -f UTF-8 -t UTF-8 "$T/out" -o /dev/null
fi
# Alignment: in the department ranking, the counts line up in one column
# whatever the width of the names before them.
"$T/textwidth" < /dev/null > /dev/null
sed -n '/^Department ranking/,$p' "$T/out" | sed -n '5,$p' > "$T/rank"
cols=$(while IFS= read -r line; do
	pre=${line%  *[0-9]}
	printf '%s\n' "$pre" | "$T/textwidth"
done < "$T/rank" | sort -u | wc -l)
is "$cols" 1 "ranking columns align across Chinese and ASCII names"
finish
