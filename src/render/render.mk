# render: the pages' front ends are embedded into the binary at build time.
# uPlot comes from npm, pinned by src/render/package-lock.json and installed
# (without its dev dependencies) under $(BUILD)/npm; our own scripts and
# styles live in src/render/web/. An assembler file generated into
# $(BUILD)/gen pulls the files in with .incbin, each followed by a NUL so C
# sees strings. The diagrams' style goes inside each SVG, so its rules are
# joined into one line (comment lines dropped) first.

RENDER_NPM    := $(BUILD)/npm
RENDER_UPLOT  := $(RENDER_NPM)/node_modules/uplot/dist
RENDER_ASSETS := render_uplot_js=$(RENDER_UPLOT)/uPlot.iife.min.js \
	render_uplot_css=$(RENDER_UPLOT)/uPlot.min.css \
	render_app_js=src/render/web/app.js render_app_css=src/render/web/app.css \
	render_diagram_css=$(BUILD)/gen/diagram.css \
	render_diagram_page_css=src/render/web/diagram-page.css \
	render_diagram_page_js=src/render/web/diagram-page.js

$(RENDER_NPM)/.installed: src/render/package.json src/render/package-lock.json | deps
	@mkdir -p $(RENDER_NPM)
	@$(if $(Q),echo "  NPM     uplot")
	$(Q)cp src/render/package.json src/render/package-lock.json $(RENDER_NPM)/
	$(Q)cd $(RENDER_NPM) && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
	$(Q)touch $@

$(RENDER_UPLOT)/uPlot.iife.min.js $(RENDER_UPLOT)/uPlot.min.css: $(RENDER_NPM)/.installed

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
$(RENDER_NPM_TEST)/.installed: src/render/package.json src/render/package-lock.json | test-deps
	@mkdir -p $(RENDER_NPM_TEST)
	@$(if $(Q),echo "  NPM     playwright-core (tests)")
	$(Q)cp src/render/package.json src/render/package-lock.json $(RENDER_NPM_TEST)/
	$(Q)cd $(RENDER_NPM_TEST) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
	$(Q)touch $@
check e2e: | $(RENDER_NPM_TEST)/.installed
