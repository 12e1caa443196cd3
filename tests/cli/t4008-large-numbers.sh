#!/bin/sh
# t4008: a number is never cut: 1e308 comes out as 1e+308 in the report's
# text, CSV and JSON, and as its 309 digits in check's perfdata (which
# allows no exponent); a small number as given (0.0012, not 0); a value
# that needs 16 digits in the shortest form that reads back the same.
# JSON stays valid JSON.
. "$PW_TOP/tests/lib.sh"
cat > "$T/big.yaml" <<'YAML'
format: 1
plan: 大数
id: big
start: 2025-01-01
end: 2025-12-31
departments:
  - {id: fin, name: 财政局}
targets:
  - id: T1
    name: 总量
    direction: ">="
    target: 1e308
    due: 2025-12-31
    owner: fin
  - id: T2
    name: 误差率
    direction: "<="
    target: 0.0012
    due: 2025-12-31
    owner: fin
  - id: T3
    name: 微量
    direction: "<="
    target: 1
    due: 2025-12-31
    owner: fin
YAML
pw() { "$PLANWATCH" -f "$T/big.yaml" -d "$T/big.db" "$@"; }
pw record T1 1e308 --date 2025-05-01 > /dev/null 2>&1 < /dev/null
pw record T2 0.0011 --date 2025-05-01 > /dev/null 2>&1 < /dev/null
pw record T3 5.551115123125783e-17 --date 2025-05-01 > /dev/null 2>&1 \
    < /dev/null
big=1$(printf '%0308d' 0)
small=0.00000000000000005551115123125783
# json DESC FILTER WANT: $out is valid JSON and jq -r FILTER gives WANT.
json() {
	ok "$1: valid JSON" sh -c 'printf "%s" "$1" | jq -e . > /dev/null' - \
	    "$out"
	is "$(printf '%s' "$out" | jq -c -r "$2")" "$3" "$1"
}

run pw --today 2025-06-01 report
is "$rc" 0 "report: text"
has "$out" "1e+308  2025-05-01  >= 1e+308" "text: 1e+308, value and target"
has "$out" "0.0011  2025-05-01  <= 0.0012" "text: small numbers as given"
hasnt "$out" "10000000000000000" "text: not cut"

run pw --today 2025-06-01 report --format csv
has "$out" ",1e+308,2025-05-01,1e+308," "csv: 1e+308"
has "$out" ",0.0011,2025-05-01,0.0012," "csv: small numbers as given"

run pw --today 2025-06-01 report --format json
json "json: 1e308 reads back" '.targets[0] | (.goal == 1e308 and
    .latest.value == 1e308)' true
json "json: small numbers" '[.targets[1].goal, .targets[1].latest.value]' \
    "[0.0012,0.0011]"

run pw --today 2025-06-01 check
is "$rc" 0 "check: OK"
has "$out" "'T1'=$big;;$big: " "check: 1e308 in plain digits"
has "$out" "'T2'=0.0011;;~:0.0012 " "check: small numbers"
has "$out" "'T3'=$small;;~:1" "check: 2^-54 in plain digits"
run pw --today 2025-06-01 check --format json
json "check json: 1e308 reads back" '.perfdata[0].value == 1e308' true
json "check json: the range in plain digits" '.perfdata[0].range' "$big:"
# The perfdata numbers read back as the values recorded.
is "$(awk -v a="$big" -v b="$small" 'BEGIN {
    print (a + 0 == 1e308 && b + 0 == 2^-54) ? "same" : "differ" }')" \
    same "perfdata digits read back"

# log and export: the shortest form, 16 digits where 17 are not needed.
run pw log T3 --format csv
has "$out" "5.551115123125783e-17" "log: 16 digits"
run pw export
has "$out" "T1,2025-05-01,1e+308," "export: 1e+308"
has "$out" "T3,2025-05-01,5.551115123125783e-17," "export: 16 digits"
finish
