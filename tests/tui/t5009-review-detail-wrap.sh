#!/bin/sh
# t5009: the detail wraps a long line without losing characters: the pager
# asks the view for lines as wide as it shows them (issue 16.5: at 80
# columns "市人力…" lost 资源, at 100 "各区人民…" lost 政府).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/tui/tmux.sh"
PLAN=$T/plan.yaml
DB=$T/plan.db
cp "$PW_TOP/tests/data/tui/t5009-plan.yaml" "$PLAN"
want="support:市委机构编制委员会办公室,市财政局,市人力资源和社会保障局,\
市医疗保障局,各区人民政府"

for cols in 80 100 61 120; do
	tui_start "$cols" 24 --today 2025-09-30
	keys 3
	see "T01-district-hospitals" "$cols columns: the targets are shown"
	keys j Enter
	see "q, Escape: close" "$cols columns: Enter opens the detail"
	# The pager's rows from "support:" to "latest:", inside its borders,
	# joined without the spaces a line may end or start with.
	got=$(screen | sed -n '/support:/,/latest:/p' | sed '$d' |
	    sed 's/^[^│]*│ //; s/ *│[^│]*$//' | tr -d ' \n')
	is "$got" "$want" "$cols columns: every department wrapped intact"
	hasnt "$(screen | sed -n '/support:/,/latest:/p')" "…" \
	    "$cols columns: no wrapped line is cut with an ellipsis"
	tui_quit
done
finish
