#!/bin/sh
# t2000-record.sh: record, progress, done and reopen: what is written, and
# every class of bad input refused with exit 1 and nothing written.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }
rows() { "$PLANWATCH" -f plan.yaml export | tail -n +2 | wc -l | tr -d ' '; }

pw record T-beds 5.5
is "$rc" 0 "record exits 0"
is "$out" "recorded T-beds = 5.5 as of 2024-06-15" "record says what it recorded"
ok "the database is the plan's name with .db" test -f plan.db
pw record T-emr 三级 --date 2024-06-01 --note '第一次"评估"; DROP TABLE events; --%n%s' --source 卫健委
is "$rc" 0 "a level of the scale is recorded"
pw progress M-plan 40% --date 2024-05-31
is "$out" "recorded M-plan at 40% as of 2024-05-31" "progress with a percent sign"
pw done M-report@2024-03 --date 2024-04-02
is "$out" "marked M-report@2024-03 done as of 2024-04-02" "done for an instance"
pw reopen M-report@2024-03 --note "材料不全"
is "$out" "reopened M-report@2024-03 as of 2024-06-15" "reopen is as of --today"
pw reopen M-report@2024-03
is "$rc" 1 "reopen of an open milestone fails"
has "$err" "'M-report@2024-03' is not marked done" "and says why"
pw reopen M-plan --date 2024-06-01
is "$rc" 2 "reopen takes no --date"

# Supersede: the same target and date again.
pw record T-beds 5.7
pw export
has "$out" "T-beds,2024-06-15,5.7,," "the later value is current"
hasnt "$out" "5.5" "the superseded value is not exported"
pw log T-beds --format csv
is "$(printf '%s\n' "$out" | tr -d '\r' | grep -c ',1$')" 1 "the superseded one stays in the history"
pw export
has "$out" '"第一次""评估""; DROP TABLE events; --%n%s",卫健委' "a note keeps quotes, SQL and % exactly"

n=$(rows)
# Every class of error: exit 1, a clear message, nothing written.
bad() {	# desc, expected message, args...
	_d=$1; _m=$2; shift 2
	pw "$@"
	is "$rc" 1 "$_d: exit 1"
	has "$err" "$_m" "$_d: message"
	is "$(rows)" "$n" "$_d: nothing written"
}
bad "unknown id" "unknown id 'T-bed'; did you mean 'T-beds'" record T-bed 5
bad "not a number" "'abc' is not a number" record T-beds abc
bad "NaN" "'nan' is not a number" record T-beds nan
bad "infinity" "'inf' is not a number" record T-beds inf
bad "overflow" "'1e999' is not a number" record T-beds 1e999
bad "hex" "'0x10' is not a number" record T-beds 0x10
bad "trailing junk" "'5kg' is not a number" record T-beds 5kg
bad "not a level" "'七级' is not a level of target 'T-emr'" record T-emr 七级
bad "percent over 100" "outside 0..100" progress M-plan 101
bad "negative percent" "outside 0..100" progress M-plan -- -1
bad "percent not a number" "is not a percent" progress M-plan half
bad "future date" "date 2024-06-16 is in the future (today is 2024-06-15)" record T-beds 5 --date 2024-06-16
bad "before the plan" "before the plan's start (2024-01-01)" record T-beds 5 --date 2023-12-31
bad "milestone as target" "is a milestone" record M-plan 5
bad "target as milestone" "is a target" done T-beds
bad "recurring without instance" "recurs every month" done M-report
bad "instance out of range" "unknown id" done M-report@2027-01
bad "a phase" "is a phase" done P1
bad "bad note encoding" "--note is not valid UTF-8" record T-beds 5 --note "$(printf 'a\377b')"
pw record T-beds 5 --date 2024-02-30
is "$rc" 2 "an impossible date is a usage error"
has "$err" "invalid date '2024-02-30'" "naming the date"
is "$(rows)" "$n" "and nothing is written"
pw record T-beds
is "$rc" 2 "a missing value is a usage error"

# An escape sequence in an id or note never reaches the terminal raw.
pw record "$(printf 'T\033[2J')" 5
has "$err" '\x1b[2J' "an unknown id is shown escaped"
hasnt "$err" "$(printf '\033')" "no raw ESC in the message"
pw record T-wait 30 --note "$(printf 'x\033]52;c;aGk=\007y\342\200\256z')"
is "$rc" 0 "a note with escapes is stored"
pw log T-wait
hasnt "$out" "$(printf '\033')" "log shows no raw ESC"
has "$out" '\x1b]52' "log shows it escaped"
hasnt "$out" "$(printf '\342\200\256')" "no raw bidi override"

# --by, $PLANWATCH_DB and -d.
pw record T-wait 28 --by 李四
pw log T-wait --format json
is "$(printf '%s' "$out" | jq -r '.[0].by')" "李四" "--by is recorded"
PLANWATCH_DB=$T/other.db run "$PLANWATCH" -f plan.yaml --today 2024-06-15 record T-wait 27
ok "\$PLANWATCH_DB chooses the database" test -f other.db
pw -d third.db record T-wait 26
ok "-d chooses the database" test -f third.db
finish
