#!/bin/sh
# yaml-test-suite.sh: find or fetch the public YAML test suite's cases
# (https://github.com/yaml/yaml-test-suite, the "data" branch: one
# directory per case with in.yaml, and an "error" file when the input is
# not valid YAML).  Prints the directory holding them and exits 0, or says
# why not on standard error and exits 1.
#
# Looked for, in order:
#   $YAML_TEST_SUITE                    a checkout made by hand
#   /usr/share/yaml-test-suite          a copy installed by a package
#   $PLANWATCH_CACHE/yaml-test-suite    an earlier fetch (default cache:
#                                       ${XDG_CACHE_HOME:-~/.cache}/planwatch)
# and otherwise cloned into the cache with git (the network may say no).
set -u
has_cases() {
	[ -d "$1" ] && [ -n "$(find "$1" -maxdepth 3 -name in.yaml -print 2> /dev/null | head -1)" ]
}
for d in "${YAML_TEST_SUITE:-}" /usr/share/yaml-test-suite \
    /usr/share/yaml-test-suite/data; do
	[ -n "$d" ] && has_cases "$d" && { echo "$d"; exit 0; }
done
cache=${PLANWATCH_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/planwatch}
dest=$cache/yaml-test-suite
if has_cases "$dest"; then
	echo "$dest"
	exit 0
fi
if ! command -v git > /dev/null 2>&1; then
	echo "git is not installed" >&2
	exit 1
fi
mkdir -p "$cache" || exit 1
rm -rf "$dest.tmp"
if ! GIT_TERMINAL_PROMPT=0 timeout 60 git clone -q --depth 1 --branch data \
    https://github.com/yaml/yaml-test-suite "$dest.tmp" > "$cache/clone.log" 2>&1; then
	echo "cannot fetch https://github.com/yaml/yaml-test-suite:" \
	    "$(tail -1 "$cache/clone.log")" >&2
	rm -rf "$dest.tmp"
	exit 1
fi
if ! has_cases "$dest.tmp"; then
	echo "the fetched suite has no cases (in.yaml)" >&2
	rm -rf "$dest.tmp"
	exit 1
fi
mv "$dest.tmp" "$dest" && echo "$dest"
