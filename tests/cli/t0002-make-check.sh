#!/bin/sh
# t0002: what `make check` does on a fresh machine: it installs what the
# tests need (cmocka, the tools, the zh_CN.UTF-8 locale) before it builds
# anything, says what to install when it cannot, and runs only the numbered
# test scripts; CI runs just the README's `make check`.  `make demo` makes
# the zh_CN.UTF-8 locale the README's tour speaks Chinese in.
#
# Nothing is installed: a missing package or locale is simulated with a
# dpkg-query or locale in front of the real one on PATH, and tools/deps.sh
# runs with -n (print the commands, run none).
. "$PW_TOP/tests/lib.sh"

# make check: the test dependencies first, then the build.
make -s -n -C "$PW_TOP" BUILD="$T/b" check > "$T/make" 2> "$T/make.err"
is "$(head -1 "$T/make")" "sh tools/deps.sh test" \
    "make check installs the test dependencies first"
deps=$(grep -n 'tools/deps.sh' "$T/make" | head -1 | cut -d: -f1)
cmocka=$(grep -n -- '-lcmocka' "$T/make" | head -1 | cut -d: -f1)
ok "and only then builds the unit tests (deps.sh at line ${deps:-none}, cmocka at ${cmocka:-none})" \
    [ -n "$deps" ] && [ -n "$cmocka" ] && [ "$deps" -lt "$cmocka" ]

# A machine without cmocka and without the zh_CN.UTF-8 locale.
real=$(command -v dpkg-query)
mkdir "$T/bin"
cat > "$T/bin/dpkg-query" << END
#!/bin/sh
for a; do p=\$a; done
[ "\$p" = libcmocka-dev ] && { echo "dpkg-query: no packages found matching \$p" >&2; exit 1; }
exec "$real" "\$@"
END
printf '#!/bin/sh\nprintf "C\\nC.utf8\\nPOSIX\\n"\n' > "$T/bin/locale"
printf '#!/bin/sh\necho 0\n' > "$T/bin/id"
chmod +x "$T/bin"/*
deps() { PATH="$T/bin:$PATH" run sh "$PW_TOP/tools/deps.sh" "$@"; }

deps -n test
is "$rc" 0 "deps.sh -n test as root: exit 0"
ok "it would install libcmocka-dev" \
    grep -Eq '^  apt-get install -y .*libcmocka-dev' "$T/.out"
ok "and generate the zh_CN.UTF-8 locale" grep -q '^  locale-gen$' "$T/.out"
has "$out" "zh_CN.UTF-8 UTF-8' /etc/locale.gen" "named in /etc/locale.gen"
deps -n
is "$rc" 0 "deps.sh -n (the build only): exit 0"
hasnt "$out" "libcmocka-dev" "the build alone does not need cmocka"
hasnt "$out" "locale-gen" "nor the locale"
deps -n demo
is "$rc" 0 "deps.sh -n demo (make demo): exit 0"
ok "make demo generates the locale of the tour's Chinese interface" \
    grep -q '^  locale-gen$' "$T/.out"
hasnt "$out" "libcmocka-dev" "but needs no test tool"
is "$(make -s -n -C "$PW_TOP" BUILD="$T/b" demo | head -1)" \
    "sh tools/deps.sh demo || sh tools/deps.sh" \
    "make demo installs that first (the build's part at least)"

# Neither root nor a sudo that works: say what to install, and fail.
printf '#!/bin/sh\necho 1000\n' > "$T/bin/id"
printf '#!/bin/sh\nexit 1\n' > "$T/bin/sudo"
deps test
is "$rc" 1 "without root or sudo: exit 1"
has "$err" "planwatch: not installed: packages" "says what is missing"
has "$err" " libcmocka-dev" "names the package"
has "$err" "locales zh_CN.UTF-8; as root, run:" "and the locale"
ok "gives the command to install it" \
    grep -Eq '^  apt-get install -y .*libcmocka-dev' "$T/.err"
is "$out" "" "and installs nothing"

# CI runs what the README tells a user to run, nothing before it.
is "$(grep -Ev '^(#|set |cd |$)' "$PW_TOP/.ci/run")" "make check" \
    ".ci/run is just make check"

# tests/run.sh runs tNNNN-*.sh scripts, not the helpers beside them.
mkdir -p "$T/top/tests/cli" "$T/top/tests/tui"
cp "$PW_TOP/tests/run.sh" "$T/top/tests/"
echo 'echo "ok - a test ran"' > "$T/top/tests/tui/t9999-test.sh"
echo 'echo "ok - a helper ran"' > "$T/top/tests/tui/tmux.sh"
echo 'echo "ok - a helper ran"' > "$T/top/tests/cli/tool.sh"
run env -u TESTS sh "$T/top/tests/run.sh" b
is "$rc" 0 "run.sh on a tree of one test: exit 0"
has "$out" "ok   b/t9999-test (1 passed)" "it runs the test"
hasnt "$out" "tmux" "not the curses tests' helper"
hasnt "$out" "tool" "nor a helper of the command-line tests"
is "$(tail -1 "$T/.out")" "1 passed, 0 failed" "one test counted"
finish
