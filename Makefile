# kansoku — plain GNU make; dependencies through pkg-config.
#   make                              build ./kansoku
#   make check                        unit + end-to-end tests
#   make SANITIZE=address,undefined check
#   make fuzz                         libFuzzer targets (clang) under build/fuzz/
#   make install PREFIX=/usr/local
#   make demo                         the README's example run
#   make esxgen                       build/esxgen: esxtop -b file generator (benchmarks, demos)

VERSION  := 0.1.0
PREFIX   ?= /usr/local
CC       ?= cc
SANITIZE ?=
V        ?=
Q        := $(if $(V),,@)

# Debian packages providing these are installed by scripts/deps.
PKGS := libarchive libpcap ldns cairo fontconfig zlib gnutls libnghttp2

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wundef -Wvla -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=gnu11 $(WARNINGS) $(CFLAGS) -I. -Isrc -I$(BUILD)/gen \
	-DKANSOKU_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -MMD -MP
ALL_LDLIBS = $(PKG_LIBS) -lm $(LDLIBS)

ifneq ($(SANITIZE),)
BUILD := build/san
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
else
BUILD := build/default
endif

# pkg-config runs only once the packages are there (scripts/deps runs first).
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

LIB_SRC  := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
# Test peers written in C (tests/tools/NAME.c -> $(BUILD)/tests/tools/NAME), standalone.
TOOL_SRC := $(sort $(wildcard tests/tools/*.c))
TOOL_BIN := $(TOOL_SRC:%.c=$(BUILD)/%)

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/%.o)
REPLAY_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/replay/%)
LIB      := $(BUILD)/libkansoku.a
BIN      := $(if $(SANITIZE),$(BUILD)/kansoku,kansoku)
UNIT_BIN := $(BUILD)/unit-tests

# Extra objects a subsystem generates (embedded assets); appended by *.mk files.
.DEFAULT_GOAL := all
GEN_OBJ :=
FUZZ_GEN_OBJ :=
-include $(sort $(wildcard src/*/*.mk))

.PHONY: all deps test-deps check unit e2e fuzz fuzz-run install demo clean esxgen
all: $(BIN)

deps:
	@scripts/deps build
test-deps:
	@scripts/deps test

$(BUILD)/%.o: %.c | deps
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ) $(GEN_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(ALL_LDLIBS)

$(UNIT_BIN): $(UNIT_OBJ) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB) $(ALL_LDLIBS)

$(BUILD)/tests/tools/%: tests/tools/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) -std=gnu11 $(WARNINGS) $(CFLAGS) $(if $(SANITIZE),-fsanitize=$(SANITIZE)) -o $@ $<

# Each fuzz target also builds as a plain program replaying tests/fuzz/<target>/.
$(BUILD)/replay/%: $(BUILD)/fuzz/%.o $(BUILD)/tests/fuzz/replay.o $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

check: $(BIN) $(UNIT_BIN) $(REPLAY_BIN) $(TOOL_BIN) | test-deps
	@KANSOKU_TOOLS=$(CURDIR)/$(BUILD)/tests/tools tests/check.sh $(UNIT_BIN) $(BIN) $(BUILD)/replay

unit: $(UNIT_BIN)
	@$(UNIT_BIN)

e2e: $(BIN) $(TOOL_BIN) | test-deps
	@KANSOKU_TOOLS=$(CURDIR)/$(BUILD)/tests/tools tests/e2e/run.sh $(BIN)

# libFuzzer targets: each fuzz/fuzz_X.c links against the library built by clang.
FUZZ_BUILD := build/fuzz
FUZZ_CFLAGS = -std=gnu11 -g -O1 -I. -Isrc -I$(FUZZ_BUILD)/gen -fsanitize=fuzzer-no-link,address,undefined \
	$(PKG_CFLAGS) -DKANSOKU_VERSION='"$(VERSION)"' -MMD -MP
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
# kept between runs (make would delete them as intermediate files)
.SECONDARY: $(FUZZ_LIB_OBJ)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(FUZZ_BUILD)/%)
$(FUZZ_BUILD)/%.o: %.c | test-deps
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -c $< -o $@
$(FUZZ_BUILD)/fuzz_%: fuzz/fuzz_%.c $(FUZZ_LIB_OBJ) $(FUZZ_GEN_OBJ)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_LIB_OBJ) $(FUZZ_GEN_OBJ) $(PKG_LIBS) -lm
fuzz: $(FUZZ_BIN)

# bench/esxgen.c: generator of realistic esxtop -b files (see build/esxgen --help)
ESXGEN := build/esxgen
esxgen: $(ESXGEN)
$(ESXGEN): bench/esxgen.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu11 $(WARNINGS) -O2 -o $@ $< -lm

# Bounded fuzzing run of every target (CI): FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 60
fuzz-run:
	@tests/fuzz.sh $(FUZZ_SECONDS)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/kansoku
	install -m 644 doc/kansoku.1 $(DESTDIR)$(PREFIX)/share/man/man1/kansoku.1

demo: $(BIN)
	@scripts/demo

clean:
	rm -rf build kansoku

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(wildcard $(BUILD)/fuzz/*.d) \
	$(wildcard $(FUZZ_BUILD)/src/*/*.d $(FUZZ_BUILD)/*.d)
