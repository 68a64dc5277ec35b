# pipec: GNU make. `make demo` installs what is missing, builds and renders the
# examples; `make test` runs every suite.
CC       ?= cc
HOSTCC   ?= $(CC)
PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
PKGS     := libcgraph libgvc yaml-0.1 jansson
FLEX     ?= flex
BISON    ?= bison

CSTD     := -std=c11
WARN     := -Wall -Wextra
OPT      ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# Startup cost is paid by every `pipec check` in a hook: libyaml and jansson
# are linked statically, Graphviz is not linked at all but loaded on the
# first diagram (compiler/graphviz.h), and --as-needed drops what is unused.
STATIC_LIBS = $(shell pkg-config --libs yaml-0.1 jansson 2>/dev/null)
GV_LIBS     = $(shell pkg-config --libs libcgraph libgvc 2>/dev/null)
GV_LIBDIR   = $(shell pkg-config --variable=libdir libcgraph 2>/dev/null)
soname      = $(shell objdump -p $(GV_LIBDIR)/lib$(1).so 2>/dev/null | sed -n 's/^ *SONAME *//p')
GV_DEFS     = $(foreach l,cgraph gvc,$(if $(call soname,$(l)),\
                -D$(shell echo $(l) | tr a-z A-Z)_SONAME='"$(call soname,$(l))"'))
CRIT_FLAGS = $(shell pkg-config --cflags --libs criterion 2>/dev/null)
INCLUDES := -Iruntime -Icompiler -Igrammar -I$(BUILD)
CFLAGS   ?=
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(INCLUDES) $(PKG_CFLAGS) $(CFLAGS) $(SAN) $(EXTRA_CFLAGS)
LDLIBS   = -pthread -Wl,--as-needed -Wl,-Bstatic $(STATIC_LIBS) -Wl,-Bdynamic -ldl -lm

RUNTIME_SRC  := $(wildcard runtime/*.c)
RUNTIME_SRC  := $(filter-out runtime/embed_gen.c,$(RUNTIME_SRC))
COMPILER_SRC := $(filter-out compiler/main.c compiler/stdlib_image_gen.c,$(wildcard compiler/*.c))
GEN_SRC      := $(BUILD)/parser.c $(BUILD)/parser_quick.c $(BUILD)/lexer.c $(BUILD)/stdlib_embed.c \
                $(BUILD)/stdlib_image.c
# BASE_OBJ: all but the stdlib's prebuilt syntax trees, which are made by a
# program linked from BASE_OBJ (compiler/stdlib_image_gen.c says why)
BASE_OBJ     := $(patsubst %.c,$(BUILD)/obj/%.o,$(RUNTIME_SRC) $(COMPILER_SRC)) \
                $(BUILD)/obj/parser.o $(BUILD)/obj/parser_quick.o $(BUILD)/obj/lexer.o \
                $(BUILD)/obj/stdlib_embed.o
LIB_OBJ      := $(BASE_OBJ) $(BUILD)/obj/stdlib_image.o
STDLIB       := $(sort $(wildcard stdlib/*.pipe))
EXAMPLES     := $(sort $(wildcard examples/*.pipe))
TEST_SRC     := $(sort $(wildcard tests/test_*.c))
TEST_BIN     := $(patsubst tests/%.c,$(BUILD)/tests/%,$(TEST_SRC))
HEADERS      := $(wildcard runtime/*.h compiler/*.h grammar/*.h) $(BUILD)/parser.h $(BUILD)/lexer.h

.PHONY: all deps demo test check-examples sanitize install uninstall clean bench fuzz
all: $(BUILD)/pipec

deps:
	@sh scripts/install-deps.sh

# --- generated sources ---------------------------------------------------
$(BUILD)/parser.c $(BUILD)/parser.h: grammar/parser.y
	@mkdir -p $(BUILD)
	$(BISON) -Wall -Werror -d -o $(BUILD)/parser.c $<

# The same grammar without LAC, for clean files (compiler/parse.c says why).
$(BUILD)/parser_quick.c: grammar/parser.y
	@mkdir -p $(BUILD)
	$(BISON) -Wall -Werror -Fparse.lac=none --header=$(BUILD)/parser_quick.h -o $@ $<

$(BUILD)/obj/parser_quick.o: EXTRA_CFLAGS = -Dpipe_yyparse=pipe_yyparse_quick

# The scanner must never back up (flex then keeps no record of the last
# accepting state at every byte): the build fails if a rule brings it back.
$(BUILD)/lexer.c $(BUILD)/lexer.h: grammar/lexer.l
	@mkdir -p $(BUILD)
	$(FLEX) --backup-file=$(BUILD)/lexer.backup --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c $<
	@grep -q '^No backing up\.' $(BUILD)/lexer.backup || \
	  { echo "grammar/lexer.l: the scanner backs up; see $(BUILD)/lexer.backup" >&2; \
	    rm -f $(BUILD)/lexer.c; exit 1; }

$(BUILD)/embed_gen: runtime/embed_gen.c
	@mkdir -p $(BUILD)
	$(HOSTCC) $(CSTD) $(WARN) -O2 -o $@ $<

$(BUILD)/stdlib_embed.c: $(BUILD)/embed_gen $(STDLIB)
	$(BUILD)/embed_gen $@ $(STDLIB)

$(BUILD)/stdlib_image_gen: $(BUILD)/obj/compiler/stdlib_image_gen.o $(BASE_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/stdlib_image.c: $(BUILD)/stdlib_image_gen
	ASAN_OPTIONS=detect_leaks=0 $(BUILD)/stdlib_image_gen $@

# --- objects ---------------------------------------------------------------
$(BUILD)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: $(BUILD)/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/compiler/graphviz.o: EXTRA_CFLAGS = $(GV_DEFS)

$(BUILD)/libpipec.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/pipec: $(BUILD)/obj/compiler/main.o $(BUILD)/libpipec.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# --- tests -----------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c $(wildcard tests/*.h) $(BUILD)/libpipec.a $(BUILD)/pipec
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/libpipec.a $(CRIT_FLAGS) $(LDLIBS) $(GV_LIBS)

test: deps all $(TEST_BIN)
	@status=0; for t in $(TEST_BIN); do \
	  echo "== $$t"; PIPEC=$(CURDIR)/$(BUILD)/pipec ROOT=$(CURDIR) $$t --jobs=2 || status=1; \
	done; exit $$status

check-examples: all
	$(BUILD)/pipec check $(EXAMPLES)

demo: deps all check-examples
	@mkdir -p $(BUILD)/demo
	@for f in $(EXAMPLES); do \
	  n=$$(basename $$f .pipe); \
	  $(BUILD)/pipec build -T svg -o $(BUILD)/demo/$$n.svg $$f || exit 1; \
	  echo "rendered $(BUILD)/demo/$$n.svg"; \
	done

# ASan + UBSan over the whole suite, in its own build folder.
# LeakSanitizer stays on for our code; tests/lsan.supp names only leaks
# inside Graphviz's renderers, fontconfig, pango and cairo (and the list of
# suppressions it used is not printed: tests compare pipec's stderr).
sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	$(MAKE) BUILD=build-san OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/pipec $(DESTDIR)$(PREFIX)/bin/pipec
	if [ -f docs/pipec.1 ]; then install -m 644 docs/pipec.1 $(DESTDIR)$(PREFIX)/share/man/man1/pipec.1; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pipec $(DESTDIR)$(PREFIX)/share/man/man1/pipec.1

clean:
	rm -rf build build-san build-fuzz

# --- fuzz ------------------------------------------------------------------
# libFuzzer targets (fuzz/fuzz_*.c) against the library built with clang,
# ASan and UBSan in build-fuzz/. `make fuzz` builds them, seeds the corpora
# (fuzz/seed.sh) and runs each for FUZZ_SECONDS; a crash, leak, timeout or
# broken invariant stops the run, the input saved as build-fuzz/TARGET-*.
# LeakSanitizer uses tests/lsan.supp (leaks inside Graphviz and the font
# stack only, for fuzz_emit_svg).
# `make fuzz-build` only builds. See fuzz/README.md.
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build-fuzz
FUZZ_CC      ?= clang
FUZZ_TARGETS := frontend check fmt emit_md emit_dot emit_svg emit_cfn emit_gen lsp_reader
FUZZ_BIN     := $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))
FUZZ_FLAGS   ?= -max_len=65536 -rss_limit_mb=2048 -timeout=10 -close_fd_mask=3
FUZZ_FLAGS_emit_svg := -max_len=2048

.PHONY: fuzz-build fuzz-lib
fuzz-lib:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) HOSTCC=$(FUZZ_CC) \
	  OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	  $(FUZZ_BUILD)/libpipec.a

$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h fuzz/lsp_stream.h fuzz-lib
	$(FUZZ_CC) $(CSTD) $(WARN) -O1 -g -fno-omit-frame-pointer \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -Iruntime -Icompiler -Igrammar -I$(FUZZ_BUILD) $(PKG_CFLAGS) \
	  -o $@ $< $(FUZZ_BUILD)/libpipec.a $(LDLIBS) $(GV_LIBS)

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	sh fuzz/seed.sh $(FUZZ_BUILD)
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; \
	  mkdir -p $(FUZZ_BUILD)/corpus/$$t; \
	  extra=; dict=fuzz/pipe.dict; \
	  case $$t in emit_svg) extra="$(FUZZ_FLAGS_emit_svg)";; lsp_reader) dict=fuzz/lsp.dict;; esac; \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1 \
	  $(FUZZ_BUILD)/fuzz_$$t $(FUZZ_FLAGS) $$extra -dict=$$dict \
	    -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_BUILD)/$$t- $(FUZZ_BUILD)/corpus/$$t || exit 1; \
	done

# --- benchmark: `make bench` (bench/README.md); BENCH_ARGS=--quick for a short run
BENCH := $(BUILD)/bench
$(BENCH)/gen: bench/gen.c
	@mkdir -p $(BENCH)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

$(BENCH)/hello: bench/hello.c
	@mkdir -p $(BENCH)
	$(CC) $(ALL_CFLAGS) -o $@ $<

$(BENCH)/frontend: bench/frontend.c $(BUILD)/libpipec.a $(HEADERS)
	@mkdir -p $(BENCH)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libpipec.a $(LDLIBS)

$(BENCH)/bench: bench/bench.c
	@mkdir -p $(BENCH)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

bench: $(BUILD)/pipec $(BENCH)/gen $(BENCH)/hello $(BENCH)/frontend $(BENCH)/bench
	$(BENCH)/bench $(BENCH) $(BUILD)/pipec $(BENCH_ARGS)
