/*
 * gen.c: a synthetic province-scale plan for the benchmark (bench/run.sh).
 *
 * gen [-s DIV] [-r SEED] [-t] DIR writes DIR/plan.yaml (format 1) and
 * DIR/values.csv (the import format, id,date,value,note,source), and with
 * -t a taskwarrior 2.6 data directory DIR/task holding one pending task
 * per milestone, for the "+OVERDUE count" comparison.  DIV divides the
 * province scale (1, 10, 100): 100 departments, 20 phases, 10,000
 * milestones (a tenth recurring monthly), 2,000 targets (some with a scale
 * of levels, some with stages), 5 years of weekly values for every target
 * and progress for most milestones.  The output depends only on DIV and
 * SEED: the generator never reads the clock, and the as-of date the data is
 * meant for is TODAY below (run.sh passes it as --today).
 *
 * Self-contained on purpose (libc only): the benchmark must not depend on
 * the code it measures.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The plan runs 2021-01 .. 2026-12; values are as of TODAY at the latest. */
#define PLAN_Y0		2021
#define PLAN_MONTHS	72
#define TODAY_Y		2025
#define TODAY_M		12
#define TODAY_D		31
#define WEEKS		260

struct out {
	FILE	*fp;
	char	*path;
};

static uint64_t	rng_state;

static void	 usage(void);
static uint64_t	 rnd(void);
static int	 rndn(int);
static int	 chance(int);
static long	 days_from_civil(int, int, int);
static void	 civil_from_days(long, int *, int *, int *);
static long	 month_first(int);
static long	 month_last(int);
static void	 put_day(FILE *, long);
static void	 put_month(FILE *, int);
static void	 put_due(FILE *, int, int);
static void	 open_out(struct out *, const char *, const char *);
static void	 close_out(struct out *);

/* Name tables: realistic Chinese names are composed from these. */
static const char *const cities[] = {
	"海口市", "三亚市", "儋州市", "琼海市", "文昌市", "万宁市", "五指山市",
	"东方市", "太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市",
	"晋中市", "运城市", "忻州市", "临汾市", "吕梁市", "呼伦贝尔市",
	"临湘市", "岳阳市", "常德市", "益阳市", "郴州市",
};
static const char *const counties[] = {
	"秀英区", "龙华区", "琼山区", "美兰区", "吉阳区", "天涯区", "崖州区",
	"海棠区", "小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区",
	"晋源区", "清徐县", "阳曲县", "娄烦县", "古交市", "平城区", "云冈区",
	"新荣区", "阳高县", "天镇县", "广灵县", "灵丘县", "浑源县", "左云县",
	"城区", "矿区", "郊区", "平定县", "盂县", "潞州区", "上党区", "屯留区",
	"潞城区", "襄垣县", "平顺县", "黎城县", "壶关县", "长子县", "武乡县",
	"沁县", "沁源县", "海拉尔区", "扎赉诺尔区", "阿荣旗", "鄂伦春自治旗",
	"莫力达瓦达斡尔族自治旗", "陈巴尔虎旗",
};
static const char *const agencies[][2] = {
	{ "卫生健康委员会", "卫健委" },
	{ "财政局", "财政局" },
	{ "人力资源和社会保障局", "人社局" },
	{ "医疗保障局", "医保局" },
	{ "发展和改革委员会", "发改委" },
	{ "疾病预防控制中心", "疾控中心" },
	{ "市场监督管理局", "市场监管局" },
	{ "委机构编制委员会办公室", "编办" },
	{ "科技工业信息化局", "科工信局" },
	{ "人民医院", "人民医院" },
	{ "中医院", "中医院" },
	{ "妇幼保健院", "妇幼保健院" },
};
static const char *const phase_names[] = {
	"组织动员阶段", "全面推进阶段", "攻坚突破阶段", "巩固提升阶段",
	"总结评估阶段", "县域医共体建设专项行动", "公立医院高质量发展专项行动",
	"基层服务能力提升专项行动", "卫生健康信息化建设专项行动",
	"医疗保障支付方式改革专项行动",
};
static const char *const verbs[] = {
	"推进", "完成", "开展", "建立健全", "全面落实", "组织实施", "启动",
	"深化", "加快推进", "统筹推进", "持续推进", "稳步推进",
};
static const char *const topics[] = {
	"紧密型县域医共体", "基层医疗卫生机构", "公立医院综合改革",
	"家庭医生签约服务", "卫生健康信息化", "分级诊疗制度",
	"远程医疗协作网", "疾病预防控制体系", "医疗保障支付方式改革",
	"中医药服务能力", "紧急医学救援体系", "医防融合",
	"公共卫生服务", "现代医院管理制度",
};
static const char *const objects[] = {
	"建设", "试点工作", "评估验收", "专项督导", "标准化建设", "提质增效",
	"绩效考核", "数据归集", "能力提升工程", "改革任务", "一体化管理",
	"信息平台互联互通",
};
static const char *const clauses[] = {
	"", "", "", "，形成阶段性总结报告", "，按季度报送工作进展",
	"，确保按期完成建设任务", "，建立问题清单和整改台账",
	"，实现县乡村三级全覆盖", "，报省卫生健康委备案",
};
static const char *const notes[] = {
	"牵头单位每月报送进展，配合单位按职责分工落实",
	"纳入年度目标责任考核",
	"资金由省级财政专项安排，市县按比例配套",
	"与医保支付方式改革同步推进",
	"参照国家卫生健康委相关技术规范执行",
};
static const char *const sources[] = {
	"卫生健康统计直报系统", "全民健康信息平台", "医保结算系统",
	"部门报送",
};

/* Numeric KPIs: name, unit (NULL: none), baseline, target, decimals. */
static const struct metric {
	const char	*name;
	const char	*unit;
	double		 base, goal;
	int		 decimals;
} metrics[] = {
	{ "县域内就诊率", "%", 75, 90, 1 },
	{ "基层医疗卫生机构诊疗量占总诊疗量的比例", "%", 41.5, 65, 1 },
	{ "家庭医生签约服务重点人群覆盖率", "%", 35, 75, 1 },
	{ "每千常住人口执业（助理）医师数", "人", 2.3, 3.2, 2 },
	{ "孕产妇死亡率", "1/10万", 12, 9, 1 },
	{ "婴儿死亡率", "‰", 5.5, 4.0, 2 },
	{ "三级公立医院平均住院日", "天", 9.5, 8.0, 1 },
	{ "居民电子健康档案建档率", "%", 80, 95, 1 },
	{ "二级以上公立医院预约诊疗率", "%", 50, 80, 1 },
	{ "医疗服务收入占医疗收入的比例", "%", 28, 35, 1 },
	{ "个人卫生支出占卫生总费用的比重", "%", 29, 26, 1 },
	{ "达到服务能力推荐标准的基层医疗卫生机构数量", "家", 120, 150, 0 },
	{ "远程医疗服务覆盖乡镇卫生院的比例", "%", 60, 100, 0 },
	{ "人均预期寿命", "岁", 78.5, 80, 1 },
	{ "公立医院资产负债率", "%", 45, 40, 1 },
	{ "中央和省级财政补助资金到位额", "万元", 0, 5000, 0 },
};

/* KPIs measured on a scale of named levels, low to high. */
static const struct ladder {
	const char	*name;
	const char	*levels[6];
	int		 n;
} ladders[] = {
	{ "电子病历系统应用水平分级评价",
	  { "三级", "四级", "五级", "六级" }, 4 },
	{ "医院智慧服务分级评估", { "一级", "二级", "三级" }, 3 },
	{ "区域全民健康信息互联互通标准化成熟度测评",
	  { "三级", "四级乙等", "四级甲等", "五级乙等", "五级甲等" }, 5 },
	{ "医院等级评审", { "二级乙等", "二级甲等", "三级乙等", "三级甲等" }, 4 },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define PICK(a)		((a)[rndn((int)NELEM(a))])

static void
usage(void)
{
	fprintf(stderr, "usage: gen [-s DIV] [-r SEED] [-t] DIR\n");
	exit(2);
}

/* splitmix64: small, fast, and the same on every machine. */
static uint64_t
rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static int
rndn(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

/* True pct percent of the time. */
static int
chance(int pct)
{
	return rndn(100) < pct;
}

/* Days since 1970-01-01 (Howard Hinnant's algorithm). */
static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Month k counts from the plan's first month (0 = 2021-01). */
static long
month_first(int k)
{
	return days_from_civil(PLAN_Y0 + k / 12, k % 12 + 1, 1);
}

static long
month_last(int k)
{
	return month_first(k + 1) - 1;
}

static void
put_day(FILE *fp, long day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	fprintf(fp, "%04d-%02d-%02d", y, m, d);
}

static void
put_month(FILE *fp, int k)
{
	fprintf(fp, "%04d-%02d", PLAN_Y0 + k / 12, k % 12 + 1);
}

/* A due date in month k, written the ways people write them: a month, a
 * quarter when k ends one, or a full date. */
static void
put_due(FILE *fp, int k, int style)
{
	if (style == 0 && k % 3 == 2)
		fprintf(fp, "%04d-Q%d", PLAN_Y0 + k / 12, k % 12 / 3 + 1);
	else if (style == 1)
		put_day(fp, month_last(k));
	else
		put_month(fp, k);
}

static void
open_out(struct out *o, const char *dir, const char *name)
{
	size_t len = strlen(dir) + strlen(name) + 2;

	if ((o->path = malloc(len)) == NULL) {
		perror("gen");
		exit(1);
	}
	snprintf(o->path, len, "%s/%s", dir, name);
	if ((o->fp = fopen(o->path, "w")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", o->path, strerror(errno));
		exit(1);
	}
	setvbuf(o->fp, NULL, _IOFBF, 1 << 16);
}

static void
close_out(struct out *o)
{
	if (ferror(o->fp) || fclose(o->fp) != 0) {
		fprintf(stderr, "gen: %s: write error\n", o->path);
		exit(1);
	}
	free(o->path);
}

struct ms {
	int	 phase;		/* -1: outside any phase */
	int	 start, due;	/* months; start -1 when not given */
	int	 recurring;
	int	 owner;
};

struct tg {
	int	 ladder;	/* -1: numeric */
	int	 metric;
	double	 base, goal;
	int	 due;		/* month */
	int	 phase;
};

int
main(int argc, char **argv)
{
	int div = 1, tasks = 0, c;
	uint64_t seed = 20240109;

	while ((c = getopt(argc, argv, "s:r:t")) != -1) {
		switch (c) {
		case 's':
			div = atoi(optarg);
			break;
		case 'r':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 't':
			tasks = 1;
			break;
		default:
			usage();
		}
	}
	if (optind + 1 != argc || div < 1 || div > 1000)
		usage();
	rng_state = seed;
	const char *dir = argv[optind];

	int ndept = 100 / div < 4 ? 4 : 100 / div;
	int nphase = 20 / div < 2 ? 2 : 20 / div;
	int nms = 10000 / div, ntg = 2000 / div;
	long today = days_from_civil(TODAY_Y, TODAY_M, TODAY_D);
	int today_month = (TODAY_Y - PLAN_Y0) * 12 + TODAY_M - 1;

	/* Phases run side by side as workstreams, each 2 to 4 years. */
	int *ph_start = calloc((size_t)nphase, sizeof(int));
	int *ph_end = calloc((size_t)nphase, sizeof(int));
	struct ms *ms = calloc((size_t)nms, sizeof *ms);
	struct tg *tg = calloc((size_t)ntg, sizeof *tg);
	if (ph_start == NULL || ph_end == NULL || ms == NULL || tg == NULL) {
		perror("gen");
		return 1;
	}
	for (int p = 0; p < nphase; p++) {
		ph_start[p] = p % 5 * 6;
		ph_end[p] = ph_start[p] + 24 + rndn(24);
		if (ph_end[p] >= PLAN_MONTHS)
			ph_end[p] = PLAN_MONTHS - 1;
	}
	for (int i = 0; i < nms; i++) {
		struct ms *m = &ms[i];

		m->phase = i % 20 == 19 ? -1 : i % nphase;
		int lo = m->phase < 0 ? 0 : ph_start[m->phase];
		int hi = m->phase < 0 ? PLAN_MONTHS - 1 : ph_end[m->phase];
		m->recurring = i % 10 == 3;
		m->owner = rndn(ndept);
		if (m->recurring) {
			m->start = lo + rndn(6);
			m->due = m->start + 11 + rndn(24);
			if (m->due > hi)
				m->due = hi;
		} else {
			m->due = lo + 2 + rndn(hi - lo - 1);
			m->start = chance(70) ? m->due - 1 - rndn(m->due - lo) :
			    -1;
		}
	}

	/* The plan. */
	struct out o;
	open_out(&o, dir, "plan.yaml");
	FILE *fp = o.fp;
	fprintf(fp, "# 合成的省级实施方案：planwatch 基准测试数据 "
	    "(bench/gen -s %d -r %llu)\n", div, (unsigned long long)seed);
	fprintf(fp, "format: 1\n"
	    "plan: 全省深化医药卫生体制改革推进紧密型县域医共体建设"
	    "和公立医院高质量发展实施方案\n"
	    "id: province-bench\n"
	    "document: 省政府办〔2021〕17号\n"
	    "issuer: 省人民政府办公厅\n"
	    "issued: 2021-01-15\n"
	    "start: 2021-01\nend: 2026-12\nwarn_days: 14\npace: [10, 30]\n"
	    "x-generator: bench/gen\n\ndepartments:\n");
	for (int d = 0; d < ndept; d++) {
		int a = (d / (int)NELEM(cities) + d) % (int)NELEM(agencies);
		const char *city = cities[d % NELEM(cities)];

		fprintf(fp, "  - {id: D%03d, name: %s%s, short: %.*s%s}\n", d,
		    city, agencies[a][0], 6, city, agencies[a][1]);
	}
	fprintf(fp, "\nphases:\n");
	int i = 0;
	for (int p = 0; p <= nphase; p++) {
		if (p < nphase) {
			fprintf(fp, "  - id: P%02d\n    name: %s%s（第%d批）\n"
			    "    start: ", p, PICK(cities),
			    phase_names[p % NELEM(phase_names)], p / 10 + 1);
			put_month(fp, ph_start[p]);
			fprintf(fp, "\n    end: ");
			put_month(fp, ph_end[p]);
			fprintf(fp, "\n    owner: D%03d\n    milestones:\n",
			    rndn(ndept));
		} else
			fprintf(fp, "\nmilestones:\n");
		const char *ind = p < nphase ? "      " : "  ";
		for (i = 0; i < nms; i++) {
			const struct ms *m = &ms[i];

			if (m->phase != (p < nphase ? p : -1))
				continue;
			fprintf(fp, "%s- id: M%05d\n%s  name: %s%s%s%s%s%s\n",
			    ind, i, ind, PICK(verbs), PICK(cities),
			    PICK(counties), PICK(topics), PICK(objects),
			    PICK(clauses));
			if (m->start >= 0) {
				fprintf(fp, "%s  start: ", ind);
				put_month(fp, m->start);
				fputc('\n', fp);
			}
			fprintf(fp, "%s  due: ", ind);
			put_due(fp, m->due, rndn(3));
			fprintf(fp, "\n%s  owner: D%03d\n", ind, m->owner);
			int ns = rndn(4);
			if (ns > 0) {
				fprintf(fp, "%s  support: [", ind);
				for (int s = 0; s < ns; s++)
					fprintf(fp, "%sD%03d", s ? ", " : "",
					    (m->owner + 1 + s * (ndept / 4)) %
					    ndept);
				fprintf(fp, "]\n");
			}
			if (chance(10))
				fprintf(fp, "%s  weight: 2\n", ind);
			if (m->recurring)
				fprintf(fp, "%s  every: month\n", ind);
			if (chance(15))
				fprintf(fp, "%s  note: %s\n", ind, PICK(notes));
		}
	}

	fprintf(fp, "\ntargets:\n");
	for (int t = 0; t < ntg; t++) {
		struct tg *g = &tg[t];

		g->ladder = chance(15) ? rndn((int)NELEM(ladders)) : -1;
		g->metric = rndn((int)NELEM(metrics));
		g->due = 53 + rndn(PLAN_MONTHS - 53);
		g->phase = chance(60) ? rndn(nphase) : -1;
		fprintf(fp, "  - id: T%04d\n    name: %s%s%s\n", t,
		    PICK(cities), PICK(counties), g->ladder >= 0 ?
		    ladders[g->ladder].name : metrics[g->metric].name);
		if (g->ladder >= 0) {
			const struct ladder *l = &ladders[g->ladder];

			g->base = rndn(2);
			g->goal = l->n - 1 - rndn(2);
			if (g->goal <= g->base)
				g->goal = g->base + 1;
			fprintf(fp, "    direction: \">=\"\n    target: %s\n"
			    "    due: ", l->levels[(int)g->goal]);
			put_due(fp, g->due, 2);
			fprintf(fp, "\n    baseline: %s\n"
			    "    baseline_date: 2020-12-31\n",
			    l->levels[(int)g->base]);
			if (g->goal - g->base >= 2)
				fprintf(fp, "    stages:\n      - {due: 2023, "
				    "target: %s}\n",
				    l->levels[(int)g->base + 1]);
			fprintf(fp, "    cadence: quarter\n    scale: [");
			for (int k = 0; k < l->n; k++)
				fprintf(fp, "%s%s", k ? ", " : "",
				    l->levels[k]);
			fprintf(fp, "]\n");
		} else {
			const struct metric *mt = &metrics[g->metric];
			double spread = 1 + (rndn(21) - 10) / 100.0;

			g->base = mt->base * spread;
			g->goal = mt->goal * spread;
			if (mt->base == 0)
				g->goal = mt->goal * (1 + rndn(10));
			fprintf(fp, "    unit: \"%s\"\n    direction: \"%s\"\n"
			    "    target: %.*f\n    due: ", mt->unit,
			    mt->goal >= mt->base ? (chance(90) ? ">=" : ">") :
			    (chance(90) ? "<=" : "<"), mt->decimals, g->goal);
			put_due(fp, g->due, rndn(3));
			if (chance(80))
				fprintf(fp, "\n    baseline: %.*f\n"
				    "    baseline_date: 2020-12-31",
				    mt->decimals, g->base);
			fputc('\n', fp);
			int nst = rndn(4);
			if (nst > 0)
				fprintf(fp, "    stages:\n");
			for (int s = 1; s <= nst; s++)
				fprintf(fp, "      - {due: %d, target: %.*f}\n",
				    2021 + s, mt->decimals, g->base +
				    (g->goal - g->base) * s / (nst + 1));
			fprintf(fp, "    cadence: %s\n",
			    chance(50) ? "week" : chance(50) ? "month" :
			    "quarter");
		}
		int owner = rndn(ndept);
		fprintf(fp, "    owner: D%03d\n", owner);
		if (chance(40))
			fprintf(fp, "    support: [D%03d, D%03d]\n",
			    (owner + 1) % ndept, (owner + 2 + rndn(ndept - 3)) %
			    ndept);
		if (g->phase >= 0)
			fprintf(fp, "    phase: P%02d\n", g->phase);
		if (chance(10))
			fprintf(fp, "    note: %s\n", PICK(notes));
	}
	long plan_bytes = ftell(fp);
	close_out(&o);

	/* The values: 5 years of weekly readings for every target, then the
	 * progress of most milestones. */
	open_out(&o, dir, "values.csv");
	fp = o.fp;
	fprintf(fp, "id,date,value,note,source\n");
	long first = today - 7L * (WEEKS - 1) - 12;
	long nrows = 0;
	for (int t = 0; t < ntg; t++) {
		const struct tg *g = &tg[t];
		const char *src = PICK(sources);
		double drift = 0.7 + rndn(60) / 100.0;

		for (int w = 0; w < WEEKS; w++) {
			double f = (double)w / (WEEKS - 1) * drift;

			fprintf(fp, "T%04d,", t);
			put_day(fp, first + 7L * w);
			if (g->ladder >= 0) {
				const struct ladder *l = &ladders[g->ladder];
				int lv = (int)(g->base + (g->goal - g->base +
				    1) * f);
				if (lv >= l->n)
					lv = l->n - 1;
				fprintf(fp, ",%s", l->levels[lv]);
			} else {
				const struct metric *mt = &metrics[g->metric];
				double v = g->base + (g->goal - g->base) * f +
				    (g->goal - g->base) * (rndn(11) - 5) / 100.0;
				if (v < 0)
					v = 0;
				fprintf(fp, ",%.*f", mt->decimals, v);
			}
			if (rndn(200) == 0)
				fprintf(fp, ",\"口径调整，含新增机构\",%s\n", src);
			else
				fprintf(fp, ",,%s\n", src);
			nrows++;
		}
	}
	long nvalues = nrows;
	for (i = 0; i < nms; i++) {
		const struct ms *m = &ms[i];
		int start = m->start >= 0 ? m->start : m->phase >= 0 ?
		    ph_start[m->phase] : 0;

		if (m->recurring) {
			/* Past instances, most of them done. */
			for (int k = start; k <= m->due && k <= today_month;
			    k++) {
				if (!chance(85))
					continue;
				long d = month_last(k) - 3 + rndn(8);
				if (d > today)
					d = today;
				fprintf(fp, "M%05d@", i);
				put_month(fp, k);
				fputc(',', fp);
				put_day(fp, d);
				fprintf(fp, ",done,,\n");
				nrows++;
			}
			continue;
		}
		if (start > today_month || !chance(85))
			continue;
		long s = month_first(start), e = month_last(m->due);
		if (e <= today && chance(75)) {
			long d = e - rndn(60);
			if (d < s)
				d = s;
			if (chance(50)) {
				fprintf(fp, "M%05d,", i);
				put_day(fp, s + (d - s) / 2);
				fprintf(fp, ",50,,\n");
				nrows++;
			}
			fprintf(fp, "M%05d,", i);
			put_day(fp, d);
			fprintf(fp, ",done,按期完成,\n");
		} else {
			long d = today - rndn(30);
			if (d < s)
				d = s;
			double elapsed = (double)(d - s) / (e - s + 1);
			int pct = elapsed >= 1 ? 30 + rndn(66) :
			    (int)(elapsed * (60 + rndn(50)));
			fprintf(fp, "M%05d,", i);
			put_day(fp, d);
			fprintf(fp, ",%d,,\n", pct > 99 ? 99 : pct);
		}
		nrows++;
	}
	close_out(&o);

	/* Taskwarrior 2.6 data files (FF4): the same milestones as tasks, so
	 * "+OVERDUE count" answers check's question over as many items. */
	if (tasks) {
		size_t len = strlen(dir) + 8;
		char *tdir = malloc(len);
		snprintf(tdir, len, "%s/task", dir);
		if (mkdir(tdir, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "gen: %s: %s\n", tdir, strerror(errno));
			return 1;
		}
		struct out pend, rc;
		open_out(&pend, tdir, "pending.data");
		open_out(&rc, tdir, "taskrc");
		fprintf(rc.fp, "data.location=%s\nconfirmation=off\n"
		    "verbose=nothing\nhooks=off\ngc=off\n", tdir);
		close_out(&rc);
		/* All pending, as in the issue's figure (10,000 tasks). */
		long entry = month_first(0) * 86400L;
		for (i = 0; i < nms; i++) {
			const struct ms *m = &ms[i];

			fprintf(pend.fp, "[description:\"%s%s%s\" "
			    "due:\"%ld\" entry:\"%ld\" project:\"P%02d\" "
			    "status:\"pending\" "
			    "uuid:\"%08x-%04x-4%03x-8%03x-%012llx\"]\n",
			    PICK(verbs), PICK(topics), PICK(objects),
			    month_last(m->due) * 86400L, entry,
			    m->phase < 0 ? 99 : m->phase,
			    (unsigned)rnd(), (unsigned)rnd() & 0xffff,
			    (unsigned)rnd() & 0xfff, (unsigned)rnd() & 0xfff,
			    (unsigned long long)(rnd() & 0xffffffffffffULL));
		}
		close_out(&pend);
		free(tdir);
	}

	printf("gen: 1/%d scale: %d departments, %d phases, %d milestones, "
	    "%d targets, plan %ld bytes; %ld values and %ld progress rows\n",
	    div, ndept, nphase, nms, ntg, plan_bytes, nvalues,
	    nrows - nvalues);
	free(ph_start);
	free(ph_end);
	free(ms);
	free(tg);
	return 0;
}
