#!/bin/sh
# Rewrites the built-in service ids in the three editor grammars from the
# catalog that pipec carries (`pipec services`, first column), so that the
# highlighting of `name : service` follows the standard library.
#
#   sh editors/update-service-ids.sh [PIPEC]      # default: pipec on PATH
#
# tests/test_editors.c fails when a grammar and `pipec services` disagree;
# run this after adding, renaming or removing a service in stdlib/services.pipe.
set -eu

pipec=${1:-${PIPEC:-pipec}}
here=$(cd "$(dirname "$0")" && pwd)

ids=$("$pipec" services | awk 'NF { print $1 }' | LC_ALL=C sort -u)
if [ -z "$ids" ]; then
    echo "update-service-ids: '$pipec services' listed no service" >&2
    exit 2
fi

# replace FILE AWK-PROGRAM: rewrites FILE through awk with the ids in IDS.
replace() {
    file=$1; shift
    tmp="$file.tmp.$$"
    IDS="$ids" awk "$@" "$file" >"$tmp"
    if cmp -s "$tmp" "$file"; then
        rm -f "$tmp"
    else
        mv "$tmp" "$file"
        echo "updated $file"
    fi
}

# Vim: `syn keyword pipeService contained ...` lines between the markers.
replace "$here/vim/syntax/pipe.vim" '
  BEGIN { n = split(ENVIRON["IDS"], id, "\n") }
  /^" BEGIN service ids/ {
    print; skip = 1
    line = "syn keyword pipeService contained"
    for (i = 1; i <= n; i++) {
      if (length(line) + length(id[i]) + 1 > 78) { print line; line = "syn keyword pipeService contained" }
      line = line " " id[i]
    }
    print line
    next
  }
  /^" END service ids/ { skip = 0 }
  !skip { print }'

# Emacs: the strings of `pipe-service-ids' between the markers.
replace "$here/emacs/pipe-mode.el" '
  BEGIN { n = split(ENVIRON["IDS"], id, "\n") }
  /;; BEGIN service ids/ {
    print; skip = 1
    line = "   "
    for (i = 1; i <= n; i++) {
      if (length(line) + length(id[i]) + 3 > 78) { print line; line = "   " }
      line = line " \"" id[i] "\""
    }
    print line
    next
  }
  /;; END service ids/ { skip = 0 }
  !skip { print }'

# TextMate (VS Code): the "match" of the "service-id" rule.
replace "$here/vscode/syntaxes/pipe.tmLanguage.json" '
  BEGIN { n = split(ENVIRON["IDS"], id, "\n"); alt = id[1]; for (i = 2; i <= n; i++) alt = alt "|" id[i] }
  /"service-id": \{/ { inrule = 1 }
  inrule && /"match":/ {
    match($0, /^[ ]*/); indent = substr($0, 1, RLENGTH)
    comma = ($0 ~ /,[ ]*$/) ? "," : ""
    print indent "\"match\": \"\\\\b(?:" alt ")\\\\b\"" comma
    inrule = 0
    next
  }
  { print }'
