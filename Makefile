# signpost - accessible print and screen output from mutual-aid meeting directories.
#
#   make run      install what is missing, build, render the examples into out/
#   make check    install what is missing, build, run the whole test suite (TAP via prove)
#   make asan     the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make fuzz     build the libFuzzer targets (clang); FUZZ_SECONDS=300 make fuzz-run runs them
#   make bench    benchmarks (figures, not pass/fail)
#   make analyze  cppcheck + clang --analyze
#   make pdfua    the PDF/UA checker (tests/tools/pdfua_check) over every PDF in out/
#
# GNU make.  Sources are found by wildcard per folder (src/<stage>/*.c), so a new module
# needs no Makefile edit; every object depends on every header (coarse but correct).

VERSION   = 0.1.0
PKGS      = pangocairo pangoft2 fontconfig cairo cairo-pdf cairo-png cairo-svg zlib \
            libqrencode json-c glib-2.0 liblouis libpng libcurl
# opened at run time, not linked (src/input/curl_lazy.c): only their headers are used
PKGS_DLOPEN = libcurl
BUILD    ?= build
CC       ?= cc
OPT      ?= -O2 -g
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2 -Wno-unused-parameter \
            -Wmissing-prototypes
ifeq ($(WERROR),1)
WARN     += -Werror
endif
ifdef CI
WARN     += -Werror
endif
SAN      ?=
DATADIR  ?= $(CURDIR)

-include $(BUILD)/config.mk

CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) $(SAN) \
             -DSP_VERSION='"$(VERSION)"' -DSP_DATADIR='"$(DATADIR)"' \
             $(PKG_CFLAGS) $(CFLAGS)
# test builds only: the unit tests and build/signpost-test (the SP_TEST_ALLOC_FAIL hook)
TESTFLAGS  = -DSP_TEST
LIBS_ALL   = $(PKG_LIBS) -lcsv -lm $(SAN) $(LDFLAGS)

SRCS      = $(sort $(wildcard src/*.c src/*/*.c))
HDRS      = $(sort $(wildcard src/*.h src/*/*.h tests/test.h))
LIBSRCS   = $(filter-out src/main.c,$(SRCS))
LIBOBJS   = $(LIBSRCS:%.c=$(BUILD)/%.o)
MAINOBJ   = $(BUILD)/src/main.o
UNITSRCS  = $(sort $(wildcard tests/unit/test_*.c))
UNITBINS  = $(UNITSRCS:tests/unit/%.c=$(BUILD)/tests/%)
TOOLSRCS  = $(sort $(wildcard tests/tools/*.c bench/*.c))
TOOLBINS  = $(TOOLSRCS:%.c=$(BUILD)/%)
SIGNPOST  = $(BUILD)/signpost
SIGNPOST_TEST = $(BUILD)/signpost-test

# quiet build lines ("CC src/cli.c"); make V=1 shows the commands
ifeq ($(V),1)
Q =
say = @:
else
Q = @
say = @printf '  %-6s %s\n'
endif

.PHONY: all run check test asan fuzz fuzz-run bench analyze clean install deps golden-update \
        pdfua

all: $(SIGNPOST)

# Installs missing Debian packages (scripts/deps.sh is a no-op when all is present)
# and records pkg-config's flags.  GNU make re-reads the Makefile after making it.
$(BUILD)/config.mk: scripts/deps.sh Makefile
	@mkdir -p $(BUILD)
	@scripts/deps.sh
	@{ echo "PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS = $$(pkg-config --libs $(filter-out $(PKGS_DLOPEN),$(PKGS)))"; } > $@.tmp && \
	   mv $@.tmp $@

deps:
	@scripts/deps.sh

$(BUILD)/%.o: %.c $(HDRS) $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(say) CC $<
	$(Q)$(CC) $(CFLAGS_ALL) -c -o $@ $<

$(BUILD)/libsignpost.a: $(LIBOBJS)
	@rm -f $@
	$(say) AR $@
	$(Q)ar rcs $@ $^

$(SIGNPOST): $(MAINOBJ) $(BUILD)/libsignpost.a
	$(say) LD $@
	$(Q)$(CC) -o $@ $(MAINOBJ) $(BUILD)/libsignpost.a $(LIBS_ALL)

# the same program with the files that hold test hooks built -DSP_TEST (mem.c: the
# SP_TEST_ALLOC_FAIL hook; feed.c: SIGNPOST_TEST_POLL_SECONDS); their objects come before
# the library's, so the linker takes them instead
HOOKSRCS   = src/base/mem.c src/input/feed.c
HOOKOBJS   = $(HOOKSRCS:src/%.c=$(BUILD)/test/%.o)
$(BUILD)/test/%.o: src/%.c $(HDRS) $(BUILD)/config.mk
	@mkdir -p $(dir $@)
	$(say) CC '$< (SP_TEST)'
	$(Q)$(CC) $(CFLAGS_ALL) $(TESTFLAGS) -c -o $@ $<

$(SIGNPOST_TEST): $(MAINOBJ) $(HOOKOBJS) $(BUILD)/libsignpost.a
	$(say) LD $@
	$(Q)$(CC) -o $@ $(MAINOBJ) $(HOOKOBJS) $(BUILD)/libsignpost.a $(LIBS_ALL)

$(BUILD)/tests/%: tests/unit/%.c $(HDRS) $(BUILD)/libsignpost.a
	@mkdir -p $(dir $@)
	$(say) CCLD $@
	$(Q)$(CC) $(CFLAGS_ALL) $(TESTFLAGS) -Isrc -Itests -o $@ $< $(BUILD)/libsignpost.a $(LIBS_ALL)

$(BUILD)/tests/tools/%: tests/tools/%.c $(HDRS) $(BUILD)/libsignpost.a
	@mkdir -p $(dir $@)
	$(say) CCLD $@
	$(Q)$(CC) $(CFLAGS_ALL) -Isrc -Itests -o $@ $< $(BUILD)/libsignpost.a $(LIBS_ALL)

$(BUILD)/bench/%: bench/%.c $(HDRS) $(BUILD)/libsignpost.a
	@mkdir -p $(dir $@)
	$(say) CCLD $@
	$(Q)$(CC) $(CFLAGS_ALL) -Isrc -Itests -o $@ $< $(BUILD)/libsignpost.a $(LIBS_ALL)

# Message catalogues (issue 12): po/<code>.po -> locale/<code>/LC_MESSAGES/signpost.mo,
# checked by msgfmt --check; the folder sits in the data folder (git-ignored) where
# signpost looks for it (<datadir>/locale).  `make pot` refreshes po/signpost.pot from the
# sources and merges it into every po/*.po.
LINGUAS   = $(sort $(basename $(notdir $(filter-out po/signpost.pot,$(wildcard po/*.po)))))
MOFILES   = $(LINGUAS:%=locale/%/LC_MESSAGES/signpost.mo)
POTFILES  = $(sort $(wildcard src/compose/*.c src/output/board_html.c src/output/slides.c \
            src/cmd_*.c src/run.c src/main.c src/base/error.c src/base/i18n.c))
XGETTEXT_KEYS = --keyword=sp_tr --keyword=sp_trc:1c,2 --keyword=sp_trn:1,2 --keyword=N_ \
            --keyword=sp_say:2 --keyword=sp_sayc:2c,3 --keyword=sp_sayn:2,3 \
            --keyword=NC_:1c,2 --keyword=sp_msg --keyword=sp_msgn:1,2 \
            --keyword=sp_error_set:6 --keyword=sp_diag_add:6 --keyword=count_of:2,3 \
            --keyword=say_html:2 \
            --flag=sp_error_set:6:c-format --flag=sp_diag_add:6:c-format \
            --flag=sp_msg:1:c-format --flag=sp_msgn:1:c-format --flag=sp_msgn:2:c-format \
            --flag=count_of:2:c-format --flag=count_of:3:c-format

all: $(MOFILES)
run check test: $(MOFILES)

locale/%/LC_MESSAGES/signpost.mo: po/%.po
	@mkdir -p $(dir $@)
	$(say) MSGFMT $<
	$(Q)msgfmt --check -o $@.tmp $< && mv $@.tmp $@

.PHONY: pot pot-extract
POT_OUT ?= po/signpost.pot
pot-extract:
	xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: \
	    --package-name=signpost --package-version=$(VERSION) --msgid-bugs-address=translations@example.org \
	    --sort-by-file $(XGETTEXT_KEYS) -o $(POT_OUT) $(POTFILES)
pot: pot-extract
	@for l in $(LINGUAS); do msgmerge --quiet --update --backup=none --no-fuzzy-matching \
	    po/$$l.po po/signpost.pot || exit 1; done

run: $(SIGNPOST)
	@scripts/deps.sh
	SIGNPOST=$(SIGNPOST) scripts/run-examples.sh

check test: $(SIGNPOST) $(SIGNPOST_TEST) $(UNITBINS) $(TOOLBINS)
	@scripts/deps.sh
	SIGNPOST=$(SIGNPOST) SIGNPOST_TEST=$(SIGNPOST_TEST) BUILD=$(BUILD) tests/run_all.sh

asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	$(MAKE) BUILD=build/asan OPT='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=undefined' check

FUZZERS = $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
fuzz: $(BUILD)/config.mk
	$(MAKE) BUILD=build/fuzz CC=clang OPT='-O1 -g' \
	    SAN='-fsanitize=fuzzer-no-link,address,undefined' fuzz-bins

.PHONY: fuzz-bins
fuzz-bins: $(FUZZERS)
$(BUILD)/fuzz/%: tests/fuzz/%.c $(HDRS) $(BUILD)/libsignpost.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -fsanitize=fuzzer -Isrc -o $@ $< $(BUILD)/libsignpost.a $(LIBS_ALL)

fuzz-run: fuzz
	@for f in build/fuzz/fuzz/fuzz_*; do \
	    n=$$(basename $$f); mkdir -p tests/fuzz/corpus/$${n#fuzz_}; \
	    echo "== $$n for $(FUZZ_SECONDS)s"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	        tests/fuzz/corpus/$${n#fuzz_} tests/fuzz/seeds/$${n#fuzz_} || exit 1; \
	done

bench: $(SIGNPOST) $(TOOLBINS)
	SIGNPOST=$(SIGNPOST) BUILD=$(BUILD) bench/run.sh

# Every PDF that 'make run' wrote, through the PDF/UA checker; fails on any finding.
pdfua: $(BUILD)/tests/tools/pdfua_check
	@if [ ! -d out ]; then echo "pdfua: no out/ folder: run 'make run' first"; exit 1; fi
	@find out -name '*.pdf' | sort > $(BUILD)/pdfua.list; \
	n=$$(wc -l < $(BUILD)/pdfua.list); \
	xargs $(BUILD)/tests/tools/pdfua_check -q < $(BUILD)/pdfua.list > $(BUILD)/pdfua.log; \
	st=$$?; cat $(BUILD)/pdfua.log; \
	bad=$$(cut -d: -f1 $(BUILD)/pdfua.log | sort -u | grep -c .); \
	echo "pdfua: $$n PDFs in out/, $$((n - bad)) pass, $$bad with findings"; test $$st = 0

golden-update: $(SIGNPOST)
	SIGNPOST=$(SIGNPOST) tests/golden/update.sh

analyze: $(BUILD)/config.mk
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
	    --suppress=missingIncludeSystem -Isrc src
	@for f in $(SRCS); do clang --analyze -Xanalyzer -analyzer-output=text \
	    $(filter-out -Wformat=2,$(CFLAGS_ALL)) -o /dev/null $$f || exit 1; \
	done 2> $(BUILD)/analyze.log; cat $(BUILD)/analyze.log; \
	if grep -q 'warning:' $(BUILD)/analyze.log; then \
	    echo "analyze: clang --analyze found problems (above)"; exit 1; fi

PREFIX ?= /usr/local
install: $(SIGNPOST) $(MOFILES)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/signpost/layouts \
	    $(DESTDIR)$(PREFIX)/share/signpost/fonts
	install -m 755 $(SIGNPOST) $(DESTDIR)$(PREFIX)/bin/signpost
	install -m 644 layouts/* $(DESTDIR)$(PREFIX)/share/signpost/layouts/
	install -m 644 fonts/* $(DESTDIR)$(PREFIX)/share/signpost/fonts/
	@for l in $(LINGUAS); do \
	    install -d $(DESTDIR)$(PREFIX)/share/signpost/locale/$$l/LC_MESSAGES && \
	    install -m 644 locale/$$l/LC_MESSAGES/signpost.mo \
	        $(DESTDIR)$(PREFIX)/share/signpost/locale/$$l/LC_MESSAGES/ || exit 1; done

clean:
	rm -rf build out locale
