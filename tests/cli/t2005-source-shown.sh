#!/bin/sh
# t2005-source-shown.sh: the reporting unit stored with a record (its
# source: --source of record, progress, done and reopen, the CSV's source
# column) is shown by log in every format (issue 16.12: stored, never
# shown in log's text).
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }

pw record T-beds 5.5 --source 卫健委
is "$rc" 0 "record --source"
pw progress M-plan 40 --date 2024-05-31 --source '区政府办'
is "$rc" 0 "progress --source"
pw done M-plan --date 2024-06-01 --source 区政府办
is "$rc" 0 "done --source"
pw reopen M-plan --source 督查室
is "$rc" 0 "reopen --source"
printf 'id,date,value,note,source\nT-wait,2024-06-10,30,,"医保局\033[31m"\n' \
    > values.csv
pw import values.csv
is "$rc" 0 "import with a source column"
pw record T-beds 5.6 --date 2024-06-14

pw log
has "$out" "SOURCE" "log's text has a SOURCE column"
line() { printf '%s\n' "$out" | grep -- "$1"; }
has "$(line 'T-beds .*5.5')" "卫健委" "the value's source"
has "$(line 'M-plan .*40%')" "区政府办" "progress's source"
has "$(line 'M-plan .*done')" "区政府办" "done's source"
has "$(line 'M-plan .*reopened')" "督查室" "reopen's source"
has "$(line 'T-wait')" '医保局\x1b[31m' "a source from a file is shown escaped"
hasnt "$out" "$(printf '\033')" "no raw escape reaches the terminal"
is "$(line 'T-beds .*5.6' | grep -c 卫健委)" 0 "no source, nothing shown"
pw log --format csv
has "$out" ",T-beds,2024-06-15,5.5,,卫健委," "log's CSV has the source field"
pw log --format json
has "$out" '"source": "督查室"' "log's JSON has the source field"
has "$out" '"source": null' "and null for none"
finish
