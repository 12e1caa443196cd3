#!/bin/sh
# t3008: one number, one rounding (issue 16.10): the demo's phase S2 is at
# 74.5% as of 2025-09-30; status and every report format show 75% (whole
# percent, halves away from zero), the JSON keeps the number itself.
. "$PW_TOP/tests/lib.sh"

S=$PW_TOP/examples/sanya.yaml
sy() { "$PLANWATCH" -f "$S" -d "$T/s.db" "$@"; }
run sy --today 2026-11-23 --by demo import "$PW_TOP/examples/sanya-values.csv"
is "$rc" 0 "the demo's values are imported"

run sy --today 2025-09-30 report --format json
has "$out" '"name":"项目实施阶段","start":"2023-11-01","end":"2025-10-31","progress":74.5,' \
    "S2's progress is 74.5"
run sy --today 2025-09-30 status
has "$out" "项目实施阶段  ███████░░░   75%  96% expected" "status: 75%"
run sy --today 2025-09-30 report
has "$out" "S2    项目实施阶段  2025-10-31       75%       96%" "report: 75%"
run sy --today 2025-09-30 report --format md
has "$out" "| S2 | 项目实施阶段 | 2025-10-31 | 75% | 96% |" "Markdown: 75%"
run sy --today 2025-09-30 report --format html
has "$out" '<td class="r"><span>75%</span></td><td class="r"><span>96%</span>' \
    "HTML: 75%"
finish
