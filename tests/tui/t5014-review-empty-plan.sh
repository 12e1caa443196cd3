#!/bin/sh
# t5014: the review of a plan with no milestone and no phase (an empty
# plan, a plan of targets only) shows every view and quits cleanly (the
# Milestones view cleared arrays it had never allocated: a segfault, and
# UBSan's report under the sanitizer build); and what the environment
# gives is escaped when the review cannot start (TERM and the
# PLANWATCH_KEYLOG path reached standard error raw: issue 20 item 9).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"

# every_view: visit each view and try what acts on a row in it.
every_view() {
	for k in 1 2 3 4 5; do
		keys "$k"
		for a in j Enter Escape d Escape p Escape r Escape u Escape \
		    Space s h l; do
			keys "$a"
		done
	done
	keys 1
}

PLAN=$T/empty.yaml
DB=$T/empty.db
cat > "$PLAN" <<'EOF'
format: 1
plan: 空计划
id: empty
start: 2025-01
end: 2025-12
EOF
run "$PLANWATCH" -f "$PLAN" validate
is "$rc" 0 "an empty plan is valid"
tui_start 100 30 --today 2025-07-15
see "1 Overview" "the review of an empty plan is up"
see "nothing" "the overview says nothing needs attention"
keys 2
see "Milestone" "the Milestones view of an empty plan"
every_view
see "1 Overview" "every view of an empty plan, and its keys"
tui_quit
is "$tui_rc" 0 "q quits the review of an empty plan"
is "$(cat "$T/stderr")" "" "nothing on standard error (no sanitizer report)"

PLAN=$T/targets.yaml
DB=$T/targets.db
cat > "$PLAN" <<'EOF'
format: 1
plan: 只有指标的计划
id: targets-only
start: 2025-01
end: 2025-12
departments:
  - {id: fin, name: 县财政局}
targets:
  - {id: T-rate, name: 资金到位率, owner: fin, direction: ">=", target: 90, unit: "%", due: 2025-06}
  - {id: T-count, name: 新建站点, owner: fin, direction: ">=", target: 10, due: 2025-12}
EOF
printf 'id,date,value\nT-rate,2025-03-31,40\n' > "$T/v.csv"
run "$PLANWATCH" -f "$PLAN" -d "$DB" --today 2025-07-15 import "$T/v.csv"
is "$rc" 0 "a plan of targets only takes a value"
tui_start 100 30 --today 2025-07-15
see "1 Overview" "the review of a plan of targets only is up"
see "T-rate" "its missed target is on the attention list"
keys 2
see "Milestone" "the Milestones view of a plan of targets only"
keys 3
see "T-count" "the Targets view lists its targets"
every_view
see "1 Overview" "every view of a plan of targets only, and its keys"
tui_quit
is "$tui_rc" 0 "q quits the review of a plan of targets only"
is "$(cat "$T/stderr")" "" "nothing on standard error (no sanitizer report)"

# The environment's text in messages: no escape sequence reaches the
# terminal (OSC 52 would set the clipboard).  The test plan, with
# milestones and phases.
tui_fixture
esc=$(printf '\033')
bel=$(printf '\007')
real=$PLANWATCH
PLANWATCH=$T/planwatch-env
cat > "$PLANWATCH" <<SH
#!/bin/sh
exec env "\$CASE_VAR=\$CASE_VALUE" "$real" "\$@"
SH
chmod +x "$PLANWATCH"
export CASE_VAR CASE_VALUE

CASE_VAR=TERM CASE_VALUE=$(printf 'x\033]52;c;ZXZpbA==\007')
tui_start 100 30 --today 2025-07-15
wait_exit
is "$tui_rc" 1 "a terminal type with no description: exit 1"
msg=$(cat "$T/stderr")
has "$msg" "cannot use the terminal" "it says so"
has "$msg" '\x1b]52;c;ZXZpbA==\x07' "the terminal type is shown escaped"
hasnt "$msg" "$esc" "no ESC on standard error"
hasnt "$msg" "$bel" "no BEL on standard error"

CASE_VAR=PLANWATCH_KEYLOG
CASE_VALUE=$(printf '/nonexistent/\033]52;c;ZXZpbA==\007')
tui_start 100 30 --today 2025-07-15
wait_exit
is "$tui_rc" 1 "a key log that cannot be written: exit 1"
msg=$(cat "$T/stderr")
has "$msg" '/nonexistent/\x1b]52;c;ZXZpbA==\x07' \
    "the key log's path is shown escaped"
hasnt "$msg" "$esc" "no ESC on standard error"
hasnt "$msg" "$bel" "no BEL on standard error"
finish
