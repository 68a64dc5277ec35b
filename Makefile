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
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CRIT_FLAGS = $(shell pkg-config --cflags --libs criterion 2>/dev/null)
INCLUDES := -Iruntime -Icompiler -Igrammar -I$(BUILD)
CFLAGS   ?=
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(INCLUDES) $(PKG_CFLAGS) $(CFLAGS) $(SAN)
LDLIBS   = $(PKG_LIBS) -lm

RUNTIME_SRC  := $(wildcard runtime/*.c)
RUNTIME_SRC  := $(filter-out runtime/embed_gen.c,$(RUNTIME_SRC))
COMPILER_SRC := $(filter-out compiler/main.c,$(wildcard compiler/*.c))
GEN_SRC      := $(BUILD)/parser.c $(BUILD)/lexer.c $(BUILD)/stdlib_embed.c
LIB_OBJ      := $(patsubst %.c,$(BUILD)/obj/%.o,$(RUNTIME_SRC) $(COMPILER_SRC)) \
                $(BUILD)/obj/parser.o $(BUILD)/obj/lexer.o $(BUILD)/obj/stdlib_embed.o
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

$(BUILD)/lexer.c $(BUILD)/lexer.h: grammar/lexer.l
	@mkdir -p $(BUILD)
	$(FLEX) --header-file=$(BUILD)/lexer.h -o $(BUILD)/lexer.c $<

$(BUILD)/embed_gen: runtime/embed_gen.c
	@mkdir -p $(BUILD)
	$(HOSTCC) $(CSTD) $(WARN) -O2 -o $@ $<

$(BUILD)/stdlib_embed.c: $(BUILD)/embed_gen $(STDLIB)
	$(BUILD)/embed_gen $@ $(STDLIB)

# --- objects ---------------------------------------------------------------
$(BUILD)/obj/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: $(BUILD)/%.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libpipec.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/pipec: $(BUILD)/obj/compiler/main.o $(BUILD)/libpipec.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS)

# --- tests -----------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c tests/helpers.h $(BUILD)/libpipec.a $(BUILD)/pipec
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/libpipec.a $(CRIT_FLAGS) $(LDLIBS)

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
# inside Graphviz's renderers, fontconfig, pango and cairo.
sanitize:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
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
