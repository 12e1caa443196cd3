#!/bin/sh
# t3009: a target with too few values for a trend and less than one period
# of its cadence left before its due date is at risk, not on track (issue
# 16.13a): Linxiang's special fund, >= 1500 by 2026-12, yearly.
. "$PW_TOP/tests/lib.sh"

L=$PW_TOP/examples/linxiang.yaml
lx() { "$PLANWATCH" -f "$L" -d "$T/l.db" "$@"; }
cat > "$T/fund.csv" <<'CSV'
id,date,value
T-reform-fund,2024-12-31,1000
T-reform-fund,2025-12-31,1200
CSV
run lx --today 2026-12-07 import "$T/fund.csv"
is "$rc" 0 "the fund's two yearly values are imported"

# Two values within the year: the trend (1400 by due) decides.
run lx --today 2025-12-31 status
has "$out" "▲  T-reform-fund  财政        at risk: latest 1200, trend reaches 1400 by" \
    "2025-12-31: at risk by its trend"
# 24 days before due only one value is within the year: no trend.
run lx --today 2026-12-07 status
has "$out" "▲  T-reform-fund  财政        at risk: too little time left to reach >= 1500" \
    "2026-12-07: no trend, less than a year left: at risk"
run lx --today 2026-12-07 check
has "$out" "WARNING T-reform-fund" "check warns of it too"
# A year and more before due, one value and no trend is not yet at risk.
run lx --today 2025-12-30 status
hasnt "$out" "T-reform-fund" "2025-12-30, one value in the year: not listed"
# Met is met.
run lx --today 2026-12-07 record T-reform-fund 1500 --date 2026-12-01
run lx --today 2026-12-07 status
hasnt "$out" "T-reform-fund" "met: no longer at risk"
finish
