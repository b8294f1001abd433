# SPDX-License-Identifier: MIT
# render: the pages' front ends are embedded into the binary at build time.
# uPlot comes from npm, pinned by src/render/package-lock.json and installed
# (without its dev dependencies) under $(BUILD)/npm; our own scripts and
# styles live in src/render/web/. An assembler file generated into
# $(BUILD)/gen pulls the files in with .incbin, each followed by a NUL so C
# sees strings; uPlot's licence too: it travels with every page that embeds
# uPlot. The diagrams' style goes inside each SVG, so its rules are joined
# into one line (comment lines dropped) first.

RENDER_NPM    := $(BUILD)/npm
RENDER_UPLOT  := $(RENDER_NPM)/node_modules/uplot
RENDER_ASSETS := render_uplot_js=$(RENDER_UPLOT)/dist/uPlot.iife.min.js \
	render_uplot_css=$(RENDER_UPLOT)/dist/uPlot.min.css \
	render_uplot_license=$(RENDER_UPLOT)/LICENSE \
	render_blocks_js=src/render/web/blocks.js \
	render_app_js=src/render/web/app.js render_app_css=src/render/web/app.css \
	render_diagram_css=$(BUILD)/gen/diagram.css \
	render_diagram_page_css=src/render/web/diagram-page.css \
	render_diagram_page_js=src/render/web/diagram-page.js \
	render_tcpgraph_js=src/render/web/tcpgraph.js render_tcpgraph_css=src/render/web/tcpgraph.css

# node and npm are needed (Makefile checks BUILD_TOOLS) while uPlot is still to be fetched.
ifeq ($(wildcard $(RENDER_NPM)/.installed),)
BUILD_TOOLS += node:nodejs npm:npm
endif

$(RENDER_NPM)/.installed: src/render/package.json src/render/package-lock.json src/render/npm-ci.sh
	@$(if $(Q),echo "  NPM     uplot")
	$(Q)src/render/npm-ci.sh $(RENDER_NPM) --omit=dev
	$(Q)touch $@

$(filter $(RENDER_UPLOT)/%,$(foreach a,$(RENDER_ASSETS),$(lastword $(subst =, ,$(a))))): \
	$(RENDER_NPM)/.installed

$(BUILD)/gen/diagram.css: src/render/web/diagram.css
	@mkdir -p $(dir $@)
	$(Q)sed -e '/^\/\*.*\*\/$$/d' $< | tr -d '\n' >$@.tmp && mv $@.tmp $@

$(BUILD)/gen/render_assets.S: src/render/embed.sh $(foreach a,$(RENDER_ASSETS),$(lastword $(subst =, ,$(a))))
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
