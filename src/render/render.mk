# SPDX-License-Identifier: MIT
# render: the report's front end is embedded into the binary at build time.
# uPlot comes from npm, pinned by src/render/package-lock.json and installed
# (without its dev dependencies) under $(BUILD)/npm; our own script and style
# live in src/render/web/. An assembler file generated into $(BUILD)/gen pulls
# the five files (uPlot's licence too: it travels with every page that embeds
# uPlot) in with .incbin, each followed by a NUL so C sees strings.

RENDER_NPM    := $(BUILD)/npm
RENDER_UPLOT  := $(RENDER_NPM)/node_modules/uplot
RENDER_ASSETS := $(RENDER_UPLOT)/dist/uPlot.iife.min.js $(RENDER_UPLOT)/dist/uPlot.min.css \
	$(RENDER_UPLOT)/LICENSE src/render/web/app.js src/render/web/app.css

# node and npm are needed (Makefile checks BUILD_TOOLS) while uPlot is still to be fetched.
ifeq ($(wildcard $(RENDER_NPM)/.installed),)
BUILD_TOOLS += node:nodejs npm:npm
endif

$(RENDER_NPM)/.installed: src/render/package.json src/render/package-lock.json src/render/npm-ci.sh
	@$(if $(Q),echo "  NPM     uplot")
	$(Q)src/render/npm-ci.sh $(RENDER_NPM) --omit=dev
	$(Q)touch $@

$(filter $(RENDER_UPLOT)/%,$(RENDER_ASSETS)): $(RENDER_NPM)/.installed

$(BUILD)/gen/render_assets.S: src/render/embed.sh $(RENDER_ASSETS)
	@mkdir -p $(dir $@)
	$(Q)sh src/render/embed.sh $(RENDER_ASSETS) >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/render_assets.o: $(BUILD)/gen/render_assets.S
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) -c $< -o $@

GEN_OBJ += $(BUILD)/gen/render_assets.o

# The fuzz build links the library objects directly, so it needs them too.
build/fuzz/gen/render_assets.o: $(BUILD)/gen/render_assets.S
	@mkdir -p $(dir $@)
	clang -c $< -o $@
FUZZ_GEN_OBJ += build/fuzz/gen/render_assets.o

# The browser test's driver (playwright-core, a dev dependency) for `make check`.
RENDER_NPM_TEST := build/npm-test
ifneq ($(filter check e2e,$(MAKECMDGOALS)),)
ifeq ($(wildcard $(RENDER_NPM_TEST)/.installed),)
BUILD_TOOLS += node:nodejs npm:npm
endif
endif
$(RENDER_NPM_TEST)/.installed: src/render/package.json src/render/package-lock.json src/render/npm-ci.sh
	@$(if $(Q),echo "  NPM     playwright-core (tests)")
	$(Q)src/render/npm-ci.sh $(RENDER_NPM_TEST)
	$(Q)touch $@
check e2e: | $(RENDER_NPM_TEST)/.installed
