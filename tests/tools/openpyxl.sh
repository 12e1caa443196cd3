# openpyxl.sh: sourced by the tests that make workbooks (t2102, t7012).
# Sets MK to tests/tools/make_xlsx.py and PY to a python3 that has
# openpyxl (python3-openpyxl, a test dependency: a python3 earlier in PATH,
# such as pyenv's, may lack it), and checks that there is one.
MK="$PW_TOP/tests/tools/make_xlsx.py"
PY=
for _p in python3 /usr/bin/python3; do
	if "$_p" -c 'import openpyxl' > /dev/null 2>&1; then PY=$_p; break; fi
done
ok "python3 with openpyxl is installed" test -n "$PY"
