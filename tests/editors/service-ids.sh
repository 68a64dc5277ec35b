#!/bin/sh
# Compares the built-in service ids written into each editor grammar with the
# catalog of pipec (`pipec services`, first column).
#
#   sh tests/editors/service-ids.sh PIPEC [EDITORS_DIR]
#
# Prints `vim: ok N`, `emacs: ok N`, `vscode: ok N`, or for a grammar that
# differs `NAME: missing ... extra ...`; exits 1 if any differs.
# The fix is `sh editors/update-service-ids.sh PIPEC`.
set -u

pipec=$1
dir=${2:-$(cd "$(dirname "$0")/../../editors" && pwd)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pipe-ids.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if ! "$pipec" services >"$tmp/services"; then
    echo "pipec services failed"
    exit 2
fi
awk 'NF { print $1 }' "$tmp/services" | LC_ALL=C sort -u >"$tmp/want"

# Vim: the words of `syn keyword pipeService contained ...` between the markers.
awk '/^" BEGIN service ids/ { on = 1; next }
     /^" END service ids/ { on = 0 }
     on && $1 == "syn" && $3 == "pipeService" { for (i = 5; i <= NF; i++) print $i }' \
    "$dir/vim/syntax/pipe.vim" | LC_ALL=C sort >"$tmp/vim"

# Emacs: the strings between the markers of `pipe-service-ids'.
awk '/;; BEGIN service ids/ { on = 1; next }
     /;; END service ids/ { on = 0 }
     on { while (match($0, /"[^"]*"/)) { print substr($0, RSTART + 1, RLENGTH - 2); $0 = substr($0, RSTART + RLENGTH) } }' \
    "$dir/emacs/pipe-mode.el" | LC_ALL=C sort >"$tmp/emacs"

# VS Code: the alternation in the "match" of the "service-id" rule.
awk '/"service-id": \{/ { on = 1 }
     on && /"match":/ {
       s = $0; sub(/^[^(]*\(\?:/, "", s); sub(/\).*$/, "", s)
       n = split(s, id, "|"); for (i = 1; i <= n; i++) print id[i]
       exit
     }' "$dir/vscode/syntaxes/pipe.tmLanguage.json" | LC_ALL=C sort >"$tmp/vscode"

status=0
for g in vim emacs vscode; do
    if cmp -s "$tmp/want" "$tmp/$g"; then
        echo "$g: ok $(wc -l <"$tmp/$g" | tr -d ' ')"
    else
        missing=$(LC_ALL=C comm -23 "$tmp/want" "$tmp/$g" | tr '\n' ' ')
        extra=$(LC_ALL=C comm -13 "$tmp/want" "$tmp/$g" | tr '\n' ' ')
        echo "$g: missing [${missing% }] extra [${extra% }]"
        status=1
    fi
done
exit $status
