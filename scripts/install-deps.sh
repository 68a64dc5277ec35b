#!/bin/sh
# Install the Debian packages pipec needs, but only those whose header or tool
# is missing: on a machine that has everything this is a no-op and never
# touches the network.
set -eu

missing=""
need() { # need PACKAGE TEST...
    pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then missing="$missing $pkg"; fi
}
have_header() { [ -e "/usr/include/$1" ] || [ -e "/usr/include/$(uname -m)-linux-gnu/$1" ]; }

need make         command -v make
need gcc          command -v cc
need flex         command -v flex
need bison        command -v bison
need pkg-config   command -v pkg-config
need libgraphviz-dev  have_header graphviz/cgraph.h
need libcriterion-dev have_header criterion/criterion.h
need libyaml-dev      have_header yaml.h
need libjansson-dev   have_header jansson.h
need fonts-dejavu-core test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
# Test-only consumers of our output: a CommonMark parser and pre-commit.
need cmark        command -v cmark
need cmark-gfm    command -v cmark-gfm
need libxml2-utils command -v xmllint
need graphviz     command -v dot      # the baseline of `make bench`
need pre-commit   command -v pre-commit
need valgrind     command -v valgrind
# Editor tests: real vim, Neovim (LSP client), Emacs, Node.js for the
# TextMate grammar (tests/editors installs its npm packages from its lockfile).
need vim-nox      command -v vim
need neovim       command -v nvim
need emacs-nox    command -v emacs
need nodejs       command -v node

if [ -z "$missing" ]; then
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing Debian packages:$missing" >&2
    echo "install-deps: run as root, or: sudo apt-get install -y$missing" >&2
    exit 1
fi
echo "install-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
