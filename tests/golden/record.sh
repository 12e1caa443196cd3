# record.sh: the fixed recorded values behind the report golden files.
# Sourced by tests/cli/t40*.sh with $PLANWATCH set; records into "$1".
_golden_record() {
	db=$1
	set -e
	p() { shift 0; "$PLANWATCH" -f "$PW_TOP/tests/golden/plan.yaml" -d "$db" --by 区卫健局张三 --today 2026-11-25 "$@" > /dev/null; }
	p done M-plan --date 2025-02-20
	p done M-staff --date 2025-08-15 --note "招聘延期至8月"
	p progress M-build 60 --date 2026-09-30
	p progress M-his 40 --date 2026-11-24 --note "vendor delayed; 系统联调中"
	for m in 01 02 03 04 05 06 07 08 09; do
		p done "M-report@2026-$m" --date "2026-$m-28"
	done
	p done M-report@2026-10 --date 2026-11-24
	for v in 2025-03-31:49 2025-06-30:51 2025-09-30:53 2025-12-31:54 \
	    2026-03-31:55 2026-06-30:56 2026-09-30:56.5; do
		p record T-visits "${v#*:}" --date "${v%:*}"
	done
	p record T-doctors 3.1 --date 2025-12-31
	p record T-doctors 3.4 --date 2026-06-30
	p record T-wait 35 --date 2025-12-31
	p record T-wait 28 --date 2026-06-30
	p record T-wait 24 --date 2026-09-30
	p record T-wait 22 --date 2026-11-24 --note "较上季度缩短2分钟"
	p record T-grade 三级 --date 2025-12-31
	set +e
}
