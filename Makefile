# SPDX-License-Identifier: MIT
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

# What the build needs, each as NAME:DEBIAN-PACKAGE. make only checks that they are
# there (below, after the subsystems' *.mk files add theirs); scripts/deps installs them.
PKG_CONFIG ?= pkg-config
BUILD_PKGS := libarchive:libarchive-dev libpcap:libpcap-dev ldns:libldns-dev \
	cairo:libcairo2-dev fontconfig:libfontconfig-dev zlib:zlib1g-dev libdeflate:libdeflate-dev \
	gnutls:libgnutls28-dev libnghttp2:libnghttp2-dev
BUILD_TOOLS := $(firstword $(CC)):gcc $(PKG_CONFIG):pkg-config
PKGS := $(foreach p,$(BUILD_PKGS),$(firstword $(subst :, ,$(p))))

WARNINGS := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wundef -Wvla -Wno-unused-parameter
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=gnu11 $(WARNINGS) $(CFLAGS) -I. -Isrc -I$(BUILD)/gen \
	-DKANSOKU_VERSION='"$(VERSION)"' $(PKG_CFLAGS) -MMD -MP
ALL_LDLIBS = $(PKG_LIBS) -lm $(LDLIBS)
# The mail log reader parses on a thread of its own (src/mail/maillog.c): -pthread
# when compiling (thread-safe errno and library macros) and when linking.
ALL_CFLAGS  += -pthread
ALL_LDFLAGS  = -pthread $(LDFLAGS)

ifneq ($(SANITIZE),)
BUILD := build/san
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
else
BUILD := build/default
endif

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

# Before building anything: are the libraries and tools there? When one is missing,
# one message names the Debian packages to install and make stops (status 2). make
# never installs: that is scripts/deps' job, run by the user (README).
ifneq ($(filter-out clean,$(or $(MAKECMDGOALS),all)),)
ifneq ($(filter fuzz fuzz-run build/fuzz/%,$(MAKECMDGOALS)),)
BUILD_TOOLS += clang:clang
endif
have_tool = $(shell command -v $(1) >/dev/null 2>&1 && echo yes)
MISSING := $(foreach t,$(sort $(BUILD_TOOLS)),$(if $(call have_tool,$(firstword $(subst :, ,$(t)))),,$(t)))
ifeq ($(filter %:pkg-config,$(MISSING)),)
PKGS_MISSING := $(if $(shell $(PKG_CONFIG) --exists $(PKGS) && echo yes),,\
	$(foreach p,$(BUILD_PKGS),$(if $(shell $(PKG_CONFIG) --exists $(firstword $(subst :, ,$(p))) && echo yes),,$(p))))
MISSING += $(PKGS_MISSING)
endif
ifneq ($(strip $(MISSING)),)
# "ldns (Debian package libldns-dev), node (Debian package nodejs)"
comma := ,
space := $(subst x, ,x)
missing_words := $(foreach m,$(sort $(MISSING)),\
	$(word 1,$(subst :, ,$(m)))@(Debian@package@$(word 2,$(subst :, ,$(m)))))
$(error missing $(subst @, ,$(subst $(space),$(comma)@,$(strip $(missing_words)))): \
	install with scripts/deps (as root), then run make again)
endif
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS))
endif

.PHONY: all check unit e2e fuzz fuzz-run install demo clean esxgen
all: $(BIN)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ) $(GEN_OBJ)
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(ALL_LDLIBS)

# The option parser and the message writers of cli/ are unit-tested on their own.
UNIT_CLI_OBJ := $(BUILD)/src/cli/options.o $(BUILD)/src/cli/cli.o
$(UNIT_BIN): $(UNIT_OBJ) $(UNIT_CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LINK    $@")
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(UNIT_CLI_OBJ) $(LIB) $(ALL_LDLIBS)

$(BUILD)/tests/tools/%: tests/tools/%.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) -std=gnu11 $(WARNINGS) $(CFLAGS) $(if $(SANITIZE),-fsanitize=$(SANITIZE)) -o $@ $<

# Each fuzz target also builds as a plain program replaying tests/fuzz/<target>/.
$(BUILD)/replay/%: $(BUILD)/fuzz/%.o $(BUILD)/tests/fuzz/replay.o $(LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $^ $(ALL_LDLIBS)

check: $(BIN) $(UNIT_BIN) $(REPLAY_BIN) $(TOOL_BIN)
	@KANSOKU_TOOLS=$(CURDIR)/$(BUILD)/tests/tools tests/check.sh $(UNIT_BIN) $(BIN) $(BUILD)/replay

unit: $(UNIT_BIN)
	@$(UNIT_BIN)

e2e: $(BIN) $(TOOL_BIN)
	@KANSOKU_TOOLS=$(CURDIR)/$(BUILD)/tests/tools tests/e2e/run.sh $(BIN)

# libFuzzer targets: each fuzz/fuzz_X.c links against the library built by clang.
FUZZ_BUILD := build/fuzz
FUZZ_CFLAGS = -std=gnu11 -pthread -g -O1 -I. -Isrc -I$(FUZZ_BUILD)/gen -fsanitize=fuzzer-no-link,address,undefined \
	$(PKG_CFLAGS) -DKANSOKU_VERSION='"$(VERSION)"' -MMD -MP
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
# kept between runs (make would delete them as intermediate files)
.SECONDARY: $(FUZZ_LIB_OBJ)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(FUZZ_BUILD)/%)
$(FUZZ_BUILD)/%.o: %.c
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
