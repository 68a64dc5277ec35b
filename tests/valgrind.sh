#!/bin/sh
# Memcheck over the examples, every output format: `pipec build -T FMT` for
# dot, md, cfn, cfn-json and svg, then `pipec check` (all examples in one
# run) and `pipec fmt -` (each on standard input). Any memcheck error, or a
# definite or indirect leak, fails (exit 1) and is printed; "possibly lost"
# and "still reachable" are not counted. Leaks inside Graphviz and the font
# stack are suppressed by tests/valgrind.supp (see there).
#
# Usage: sh tests/valgrind.sh [PIPEC]   (default: $PIPEC, else build/pipec)
# Exit: 0 clean, 1 findings, 77 skipped (no valgrind, or a sanitizer build:
# valgrind cannot run an ASan binary). VG_JOBS (default 2) runs in parallel.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
pipec=${1:-${PIPEC:-$root/build/pipec}}
jobs=${VG_JOBS:-2}

if ! command -v valgrind >/dev/null 2>&1; then
    echo "valgrind.sh: skipped: valgrind is not installed"
    exit 77
fi
if [ ! -x "$pipec" ]; then
    echo "valgrind.sh: $pipec is not built" >&2
    exit 1
fi
if grep -q __asan_init "$pipec" 2>/dev/null; then
    echo "valgrind.sh: skipped: $pipec is built with AddressSanitizer (valgrind cannot run it)"
    exit 77
fi

tmp=$(mktemp -d /tmp/pipec-valgrind-XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
vg="valgrind -q --num-callers=40 --error-exitcode=99 --leak-check=full"
vg="$vg --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
vg="$vg --suppressions=$root/tests/valgrind.supp"

# One script per run, NAME.sh: it writes NAME.log and NAME.rc.
add() {
    name=$1
    shift
    printf '%s >"%s" 2>&1\necho $? >"%s"\n' "$*" "$tmp/$name.log" "$tmp/$name.rc" >"$tmp/$name.sh"
    echo "$name" >>"$tmp/runs"
}
: >"$tmp/runs"
for f in "$root"/examples/*.pipe; do
    n=$(basename "$f" .pipe)
    for fmt in dot md cfn cfn-json svg; do
        add "$n.$fmt" "$vg $pipec build -T $fmt -o $tmp/$n.$fmt.out $f"
    done
    add "$n.fmt" "$vg $pipec fmt - <$f"
done
add check "$vg $pipec check $root/examples/*.pipe"
sed 's|.*|'"$tmp"'/&.sh|' "$tmp/runs" | xargs -P "$jobs" -n 1 sh

status=0
total=0
while read -r name; do
    total=$((total + 1))
    rc=$(cat "$tmp/$name.rc" 2>/dev/null || echo missing)
    if [ "$rc" != 0 ]; then
        status=1
        echo "== $name: exit $rc: $(head -n 1 "$tmp/$name.sh")"
        head -n 60 "$tmp/$name.log" # the first reports say enough
    fi
done <"$tmp/runs"
if [ $status = 0 ]; then
    echo "valgrind.sh: $total runs clean (memcheck: no errors, no definite or indirect leaks)"
else
    echo "valgrind.sh: findings above" >&2
fi
exit $status
