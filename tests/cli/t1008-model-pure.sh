#!/bin/sh
# t1008: the model is pure (issue 17 item 6): no file in model/ translates
# or asks the locale anything - no gettext, _(), N_(), ngettext, no
# setlocale, localeconv, uselocale, newlocale or nl_langinfo, no
# <libintl.h>, <locale.h>, <langinfo.h> or util/i18n.h.  The words for
# people are the edge's (report/words.c); test_model_pure checks that the
# model's answers are the same bytes under C and zh_CN.
. "$PW_TOP/tests/lib.sh"

cd "$PW_TOP" || exit 1
ok "model/ has C files and headers" test -n "$(ls model/*.c model/*.h)"
for f in model/*.c model/*.h; do
	hits=$(grep -nE 'gettext|(^|[^A-Za-z0-9_])N?_\(|setlocale|localeconv|uselocale|newlocale|nl_langinfo|i18n|<libintl\.h>|<locale\.h>|<langinfo\.h>' "$f")
	is "$hits" "" "$f neither translates nor reads the locale"
done

# The checker finds what it looks for.
printf '%s\n' '	return _(ms_states[s].label);' '#include <locale.h>' \
    '[X] = N_("pending"),' 'if (i18n_is_chinese())' > "$T/bad.c"
n=$(grep -cE 'gettext|(^|[^A-Za-z0-9_])N?_\(|setlocale|localeconv|uselocale|newlocale|nl_langinfo|i18n|<libintl\.h>|<locale\.h>|<langinfo\.h>' "$T/bad.c")
is "$n" 4 "the pattern catches _(), N_(), <locale.h> and i18n"
finish
