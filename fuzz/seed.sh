#!/bin/sh
# Seeds the fuzz corpora: BUILD/corpus/TARGET/ for every target gets the
# examples, the stdlib, the broken-file fixtures and the test fixtures (the
# language server's corpus gets fuzz/seeds/lsp/ instead, sessions framed both
# ways). Files already there (what earlier runs found) are kept.
# Usage: sh fuzz/seed.sh [BUILD]   (default build-fuzz; run from the repository root)
set -eu
build=${1:-build-fuzz}
targets="frontend check fmt emit_md emit_dot emit_svg emit_cfn emit_gen lsp_reader"
for t in $targets; do
    dir="$build/corpus/$t"
    mkdir -p "$dir"
    if [ "$t" = lsp_reader ]; then
        cp fuzz/seeds/lsp/* "$dir/"
        continue
    fi
    for f in examples/*.pipe stdlib/*.pipe tests/errors/*.pipe tests/fixtures/*.pipe \
             tests/fixtures/*/*.pipe; do
        [ -f "$f" ] || continue
        # one flat folder: the path, slashes made dashes, names the seed
        cp "$f" "$dir/seed-$(echo "$f" | tr '/' '-')"
    done
done
echo "seeded $build/corpus/{$(echo "$targets" | tr ' ' ',')}"
