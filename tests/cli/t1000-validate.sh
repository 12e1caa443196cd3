#!/bin/sh
# t1000: planwatch validate: exit status, FILE:LINE:COL: positions, the
# plan file's default, standard input and the shared options.
. "$PW_TOP/tests/lib.sh"
D=$PW_TOP/tests/data/plans
cd "$T" || exit 1

run "$PLANWATCH" validate -f "$D/full.yaml"
is "$rc" 0 "a complete plan is valid"
is "$out$err" "" "and validate says nothing"

run "$PLANWATCH" validate -v -f "$D/full.yaml"
is "$rc" 0 "-v: still valid"
is "$out" "$D/full.yaml: ok: phases: 2, milestones: 3 (instances: 24), targets: 2, departments: 3" \
    "-v prints a summary line"

run "$PLANWATCH" validate -f "$D/warnings.yaml"
is "$rc" 0 "warnings alone exit 0"
is "$err" "$D/warnings.yaml:11:36: warning: milestone 'M1' is due (2024-07) after its phase 'P1' ends (2024-06)
$D/warnings.yaml:13:5: warning: target 'T1' has no owner
$D/warnings.yaml:14:60: warning: target 'T2' is due (2025) after the plan ends (2024-12)" \
    "each warning at its position, in order"

cp "$D/broken.yaml" broken.yaml
run "$PLANWATCH" validate -f broken.yaml
is "$rc" 1 "errors exit 1"
is "$(printf '%s\n' "$err" | cut -d: -f1-4)" "broken.yaml:6:10: error
broken.yaml:10:10: error
broken.yaml:11:12: error
broken.yaml:13:9: error
broken.yaml:15:9: error
broken.yaml:19:14: error
broken.yaml:21:9: error
broken.yaml:23:16: error
broken.yaml:24:13: error
broken.yaml:27:14: error" "every error, sorted, FILE as given"
has "$err" "broken.yaml:15:9: error: unknown key 'deu' in a milestone; did you mean 'due'?" \
    "unknown key with a suggestion, at the key"
has "$err" "broken.yaml:21:9: error: duplicate id 'P1' (first at line 8)" \
    "duplicate id at the later one"
has "$err" "broken.yaml:19:14: error: milestone 'M2' starts (2024-06) after it is due (2024-05)" \
    "start after due at the later node"

# One broken plan per rule: FILE:LINE:COL: for each.
check() {	# line:col, description, yaml
	printf '%s' "$3" > case.yaml
	run "$PLANWATCH" validate -f case.yaml
	is "$rc" 1 "$2: exit 1"
	has "$err" "case.yaml:$1: error:" "$2: at $1"
}
check 2:6 "invalid date" 'plan: x
end: 2025-13
'
check 2:9 "quarter 5" 'plan: x
issued: 2025-Q5
'
check 2:5 "bad id" 'plan: x
id: "a b"
'
check 3:40 "unknown owner" 'plan: x
phases:
  - {id: a, name: n, end: 2025, owner: nobody}
'
check 2:9 "format 2" 'plan: x
format: 2
'
check 2:12 "warn_days" 'plan: x
warn_days: 400
'
check 2:7 "pace" 'plan: x
pace: [30, 10]
'
check 3:40 "recurring without a start" 'plan: x
milestones:
  - {id: a, name: n, due: 2025, every: month}
'
check 3:41 "weight 0" 'plan: x
milestones:
  - {id: a, name: n, due: 2025, weight: 0}
'
check 1:1 "missing plan" 'end: 2025
'

# Standard input, the default plan file and $PLANWATCH_PLAN.
"$PLANWATCH" validate -f - < "$D/full.yaml" > out 2> err
is "$?" 0 "-f - reads standard input"
printf 'plan: x\nzz: 1\n' | "$PLANWATCH" validate -f - 2> err
is "$?" 1 "-f - with errors"
is "$(cat err)" "-:2:1: error: unknown key 'zz' in the plan" \
    "standard input is named -"

run "$PLANWATCH" validate
is "$rc" 1 "no plan.yaml here"
is "$err" "plan.yaml: error: cannot read: No such file or directory" \
    "a missing file: FILE: error: cannot read"
cp "$D/full.yaml" plan.yaml
run "$PLANWATCH" validate
is "$rc" 0 "./plan.yaml is the default"
PLANWATCH_PLAN=broken.yaml run "$PLANWATCH" validate
is "$rc" 1 "\$PLANWATCH_PLAN names the plan"
has "$err" "broken.yaml:6:10:" "from \$PLANWATCH_PLAN"
PLANWATCH_PLAN=broken.yaml run "$PLANWATCH" validate -f plan.yaml
is "$rc" 0 "-f wins over \$PLANWATCH_PLAN"

# Shared options before or after the command word.
run "$PLANWATCH" -f broken.yaml validate
is "$rc" 1 "-f before the command word"
has "$err" "broken.yaml:6:10:" "-f before: the file is read"
run "$PLANWATCH" --today 2025-01-01 --color never validate -f broken.yaml
is "$rc" 1 "shared options before, -f after"
run "$PLANWATCH" validate --color=never -f "$D/full.yaml" --today 2024-05-01
is "$rc" 0 "shared options after the command word"

# Usage errors exit 2; a directory or unreadable file exits 1.
run "$PLANWATCH" validate --bogus
is "$rc" 2 "an unknown option is a usage error"
run "$PLANWATCH" validate extra
is "$rc" 2 "an extra argument is a usage error"
run "$PLANWATCH" validate --today 2025-02-30
is "$rc" 2 "a bad shared option value is a usage error"
run "$PLANWATCH" validate --help
is "$rc" 0 "--help exits 0"
has "$out" "planwatch validate" "--help shows the usage"
run "$PLANWATCH" validate -f "$T"
is "$rc" 1 "a directory exits 1"
has "$err" ": error: cannot read: " "and says why"
# Root reads any file: as root, the file is read by uid 65534.
cp "$D/full.yaml" "$T/secret.yaml" && chmod 000 "$T/secret.yaml"
if [ "$(id -u)" = 0 ]; then
	chmod 711 "$T"
	run setpriv --reuid=65534 --regid=65534 --clear-groups -- \
	    "$PLANWATCH" validate -f "$T/secret.yaml"
else
	run "$PLANWATCH" validate -f "$T/secret.yaml"
fi
is "$rc" 1 "an unreadable file exits 1"
has "$err" "secret.yaml: error: cannot read: Permission denied" \
    "an unreadable file: strerror"
finish
