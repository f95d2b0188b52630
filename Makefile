# eca: energy and carbon accounting engine. Hand-written, in the manner of
# zstd's lib/Makefile. Targets: all check check-sanitize checksymbols demo
# deps install uninstall clean.

PREFIX     ?= /usr/local
DESTDIR    ?=
bindir     ?= $(PREFIX)/bin
libdir     ?= $(PREFIX)/lib
includedir ?= $(PREFIX)/include
datadir    ?= $(PREFIX)/share
pkgconfigdir ?= $(libdir)/pkgconfig

VERSION := $(shell sed -n 's/^\#define ECA_VERSION "\(.*\)"/\1/p' engine/eca.h)

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wdouble-promotion -Wformat=2 -Wvla
ifeq ($(CI),true)
WARN    += -Werror
endif
ifdef WERROR
WARN    += -Werror
endif

ifdef SANITIZE
BUILD   ?= build-san
SAN     := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD   ?= build
SAN     :=
endif

ECA_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -fopenmp -fPIC \
              -fvisibility=hidden $(WARN) $(SAN) -MMD -MP
LDLIBS  := -lcsv -lgsl -lgslcblas -lm
LDOMP   := -fopenmp $(SAN)

# The tool is engine/cli*.c and engine/gen*.c; every other engine/*.c is the
# library.
CLI_SRC := $(sort $(wildcard engine/cli*.c engine/gen*.c))
LIB_SRC := $(sort $(filter-out $(CLI_SRC),$(wildcard engine/*.c)))
LIB_OBJ := $(LIB_SRC:engine/%.c=$(BUILD)/obj/%.o)
CLI_OBJ := $(CLI_SRC:engine/%.c=$(BUILD)/obj/%.o)
TEST_SRC := $(wildcard tests/test_*.c)
TESTS   := $(TEST_SRC:tests/%.c=$(BUILD)/%)

.PHONY: all lib check check-sanitize checksymbols demo deps install \
        uninstall clean fuzz-replay
.PHONY: bench

all: $(BUILD)/eca $(BUILD)/libeca.a $(BUILD)/libeca.so $(BUILD)/eca.pc

lib: $(BUILD)/libeca.a $(BUILD)/libeca.so

$(BUILD)/obj/%.o: engine/%.c | $(BUILD)/obj
	$(CC) $(CFLAGS) $(ECA_CFLAGS) -c -o $@ $<

$(BUILD)/obj $(BUILD)/tobj:
	mkdir -p $@

$(BUILD)/libeca.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libeca.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libeca.so.0 -o $@ $^ $(LDOMP) $(LDLIBS)

$(BUILD)/eca: $(CLI_OBJ) $(BUILD)/libeca.a
	$(CC) -o $@ $(CLI_OBJ) $(BUILD)/libeca.a $(LDOMP) $(LDLIBS)

$(BUILD)/eca.pc: Makefile engine/eca.h | $(BUILD)/obj
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(libdir)' \
	  'includedir=$(includedir)' '' 'Name: eca' \
	  'Description: energy and carbon accounting engine' \
	  'Version: $(VERSION)' 'Libs: -L$${libdir} -leca' \
	  'Libs.private: -fopenmp $(LDLIBS)' 'Cflags: -I$${includedir}' > $@

# ---- tests: cmocka, one file per module, linked to the static library ----
$(BUILD)/tobj/%.o: tests/%.c | $(BUILD)/tobj
	$(CC) $(CFLAGS) $(ECA_CFLAGS) -Iengine -DECA_BIN='"$(abspath $(BUILD))/eca"' \
	  -DECA_SRC='"$(abspath .)"' -c -o $@ $<

$(BUILD)/tobj/fuzzutil.o: tests/fuzz/fuzzutil.c | $(BUILD)/tobj
	$(CC) $(CFLAGS) $(ECA_CFLAGS) -c -o $@ $<

$(BUILD)/test_%: $(BUILD)/tobj/test_%.o $(BUILD)/tobj/testutil.o \
                 $(BUILD)/tobj/fuzzutil.o $(BUILD)/libeca.a
	$(CC) -o $@ $^ $(LDOMP) -lcmocka $(LDLIBS)

# The libFuzzer targets built with a plain main that replays the committed
# corpus (tests/fuzz/README.md tells how to fuzz with clang).
FUZZ_TARGETS := csv factors fastcsv
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(BUILD)/fuzz_%_replay)

check: $(BUILD)/eca $(TESTS) $(FUZZ_REPLAY)
	@fail=0; for t in $(TESTS); do \
	  echo "== $$t"; ./$$t || fail=1; done; \
	for t in $(FUZZ_TARGETS); do echo "== fuzz replay $$t"; \
	  ./$(BUILD)/fuzz_$${t}_replay tests/fuzz/corpus/$$t || fail=1; done; \
	if [ $$fail -ne 0 ]; then echo "check: FAILED"; exit 1; fi; \
	echo "check: all test programs passed"

$(BUILD)/fuzz_%_replay: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
                       tests/fuzz/fuzzutil.c $(BUILD)/libeca.a | $(BUILD)/tobj
	$(CC) $(CFLAGS) $(ECA_CFLAGS) -Iengine \
	  -DECA_FACTORS_DIR='"$(abspath factors)"' -o $@ $< tests/fuzz/replay.c \
	  tests/fuzz/fuzzutil.c $(BUILD)/libeca.a $(LDOMP) $(LDLIBS)

fuzz-replay: $(FUZZ_REPLAY)
	@for t in $(FUZZ_TARGETS); do \
	  ./$(BUILD)/fuzz_$${t}_replay tests/fuzz/corpus/$$t || exit 1; done

check-sanitize:
	$(MAKE) SANITIZE=address,undefined check

# Fails when the shared library exports a name without the eca_ prefix.
checksymbols: $(BUILD)/libeca.so
	@bad=$$(nm -D --defined-only $< | awk '{print $$3}' | grep -v '^eca_' \
	  | grep -v '^_' ); \
	if [ -n "$$bad" ]; then echo "exported without eca_ prefix:"; \
	  echo "$$bad"; exit 1; fi; echo "checksymbols: ok"

# ---- set-up and the demo on the bundled county ----
DEB_PACKAGES := gcc make libc6-dev libgsl-dev libcsv-dev libcmocka-dev

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then echo "deps: all present"; exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq $$missing; \
	else echo "deps: missing:$$missing"; \
	  echo "run as root:  apt-get install -y$$missing"; exit 1; fi

demo: deps
	$(MAKE) all
	./$(BUILD)/eca audit datasets/qingxu-2022 --out eca-out

install: all
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(libdir) \
	  $(DESTDIR)$(includedir) $(DESTDIR)$(pkgconfigdir) \
	  $(DESTDIR)$(datadir)/eca/factors
	install -m 755 $(BUILD)/eca $(DESTDIR)$(bindir)/eca
	install -m 644 $(BUILD)/libeca.a $(DESTDIR)$(libdir)/libeca.a
	install -m 755 $(BUILD)/libeca.so $(DESTDIR)$(libdir)/libeca.so.0
	ln -sf libeca.so.0 $(DESTDIR)$(libdir)/libeca.so
	install -m 644 engine/eca.h $(DESTDIR)$(includedir)/eca.h
	install -m 644 $(BUILD)/eca.pc $(DESTDIR)$(pkgconfigdir)/eca.pc
	install -m 644 factors/*.csv $(DESTDIR)$(datadir)/eca/factors/

uninstall:
	rm -f $(DESTDIR)$(bindir)/eca $(DESTDIR)$(libdir)/libeca.a \
	  $(DESTDIR)$(libdir)/libeca.so $(DESTDIR)$(libdir)/libeca.so.0 \
	  $(DESTDIR)$(includedir)/eca.h $(DESTDIR)$(pkgconfigdir)/eca.pc
	rm -rf $(DESTDIR)$(datadir)/eca

clean:
	rm -rf build build-san eca-out eca-solar-out

include bench/bench.mk

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/tobj/*.d)
