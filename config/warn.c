/*
 * warn.c: what validate warns of in a plan that loads: words for people,
 * so here at the edge of the model, beside the loader's own diagnostics.
 */
#include "config/config.h"
#include "util/i18n.h"

void
plan_warn_no_lead(const struct plan *p, struct diags *d)
{
	for (size_t i = 0; i < p->nms; i++) {
		const struct milestone *m = &p->ms[i];
		int po = m->phase >= 0 ? p->phases[m->phase].owner : -1;

		/* No one to chase: its phase's owner does not lead it
		 * (planwatch-plan(5)), and no notice can go to anyone. */
		if (m->owner >= 0)
			continue;
		if (po >= 0)
			diags_add(d, DIAG_WARNING, m->pos.line, m->pos.col,
			    _("milestone '%s' has no owner (its phase's owner "
			    "'%s' does not lead it)"), m->id, p->depts[po].id);
		else
			diags_add(d, DIAG_WARNING, m->pos.line, m->pos.col,
			    _("milestone '%s' has no owner"), m->id);
	}
}
