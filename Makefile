# planwatch: plain GNU Makefile.
#
# Knobs (override on the command line):
#   PREFIX, DESTDIR   where `make install` puts things (default /usr/local)
#   BUILD             build directory (default build); the sanitizer build
#                     lives in $(BUILD)-asan
#   CC, CFLAGS        compiler and extra flags
#   SAN               set to 1 to build with ASan + UBSan (used by check)
#
# Targets: all (default), demo, check, install, uninstall, bench, fuzz, clean;
# deps and test-deps install what the build and the tests need.

PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale
BUILD   ?= build
VERSION  = 0.1.0

CC      ?= cc
PKGS     = ncursesw sqlite3 yaml-0.1 xlsxwriter libzip expat libpq
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           $(WARN) -I. $(PKG_CFLAGS) \
           -DPLANWATCH_VERSION='"$(VERSION)"' \
           -DLOCALEDIR='"$(LOCALEDIR)"' $(CFLAGS)
LDLIBS   = $(PKG_LIBS) -lm

ifeq ($(FUZZ),1)
ALL_CFLAGS += -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
endif

ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=undefined -O1
LDFLAGS    += -fsanitize=address,undefined
endif

# Every .c file in these folders goes into the library; cli/main.c is the
# program.  New files are picked up without editing this Makefile.
LIB_DIRS = util model config db session report tui cli
LIB_SRC  = $(filter-out cli/main.c,$(wildcard $(addsuffix /*.c,$(LIB_DIRS))))
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
# The PostgreSQL schema, made C by tools/sqlcstr.sh (db/pg_schema.h).
LIB_OBJ += $(BUILD)/db/pg_schema_sql.o
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all pot demo check units fuzzers install uninstall bench fuzz clean deps test-deps lint-man

# Message catalogues: po/LANG.po -> $(BUILD)/locale/LANG/LC_MESSAGES/.
LINGUAS  = zh_CN
MO_FILES = $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/planwatch.mo)

all: $(BUILD)/planwatch $(MO_FILES)

$(BUILD)/locale/%/LC_MESSAGES/planwatch.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

# Extract the messages to translate into po/planwatch.pot and merge them
# into each po/LANG.po.
pot:
	xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ \
	    --add-comments=TRANSLATORS --package-name=planwatch \
	    --package-version=$(VERSION) -o po/planwatch.pot \
	    $(sort $(LIB_SRC) cli/main.c)
	for l in $(LINGUAS); do msgmerge -q --update --backup=none \
	    po/$$l.po po/planwatch.pot; done

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/db/pg_schema_sql.c: db/pg_schema.sql tools/sqlcstr.sh
	@mkdir -p $(@D)
	sh tools/sqlcstr.sh db/pg_schema.sql > $@.tmp && mv $@.tmp $@

$(BUILD)/db/pg_schema_sql.o: $(BUILD)/db/pg_schema_sql.c
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libplanwatch.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/planwatch: $(BUILD)/cli/main.o $(BUILD)/libplanwatch.a
	$(CC) $(LDFLAGS) -Wl,--build-id -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libplanwatch.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Wl,--build-id -o $@ $< $(BUILD)/libplanwatch.a $(LDLIBS) -lcmocka

units: $(UNIT_BIN)

# libFuzzer harnesses (clang), one per parser: fuzz/fuzz_*.c.
FUZZ_SRC = $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_TIME ?= 60

$(BUILD)/fuzz/%: fuzz/%.c $(BUILD)/libplanwatch.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(BUILD)/libplanwatch.a $(LDLIBS)

fuzzers: $(FUZZ_BIN)

# Run each harness for FUZZ_TIME seconds (default 60) from its seed corpus,
# then the differential test of the store on 40 random plans a second.
fuzz: test-deps
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-fuzz CC=clang FUZZ=1 fuzzers
	@sh fuzz/run.sh $(BUILD)-fuzz $(FUZZ_TIME)
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-asan SAN=1 \
	    $(BUILD)-asan/tests/test_differential
	PW_DIFF_PLANS=$$(($(FUZZ_TIME) * 40)) PW_DIFF_SEED=$$(date +%s) \
	    $(BUILD)-asan/tests/test_differential

-include $(LIB_OBJ:.o=.d) $(BUILD)/cli/main.d

# Install what is missing (apt-get as root, else sudo, else say what):
# for the build and the README's tour (the zh_CN.UTF-8 locale of the
# Chinese interface: said when missing, needed only by the build), and
# for the tests.
deps:
	@sh tools/deps.sh demo || sh tools/deps.sh
test-deps:
	@sh tools/deps.sh test

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh $(BUILD)/planwatch

# The one gate: normal build, every test, then everything again under
# AddressSanitizer + UndefinedBehaviorSanitizer.  Ends with "N passed, N failed".
check: test-deps
	@$(MAKE) --no-print-directory all units
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-asan SAN=1 all units
	@$(MAKE) --no-print-directory BUILD=$(BUILD)-fuzz CC=clang FUZZ=1 fuzzers
	@FUZZ_TIME=$${FUZZ_TIME:-10} sh tests/run.sh $(BUILD) $(BUILD)-asan $(BUILD)-fuzz

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(BUILD)/planwatch $(DESTDIR)$(BINDIR)/planwatch
	install -m 644 man/*.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/*.5 $(DESTDIR)$(MANDIR)/man5/
	for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/planwatch.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/planwatch.mo; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/planwatch
	for l in $(LINGUAS); do \
	    rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/planwatch.mo; done
	cd man && for f in *.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$$f; done
	cd man && for f in *.5; do rm -f $(DESTDIR)$(MANDIR)/man5/$$f; done

lint-man:
	mandoc -Tlint -Wwarning man/*.1 man/*.5

# Province-scale benchmark against the floors (issue 8); writes a Markdown
# table to standard output and bench/RESULTS.md.
bench:
	@sh tools/deps.sh bench
	@sh bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD)-asan $(BUILD)-fuzz
