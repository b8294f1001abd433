/* SPDX-License-Identifier: MIT */
/*
 * kansoku plot FILE SELECT... -o out.svg|out.png | --term: one time-series
 * chart of the selected metrics, as a file or in the terminal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "core/outfile.h"
#include "core/xalloc.h"
#include "render/chart.h"
#include "render/dashboard.h"
#include "render/plot.h"

enum {
	OPT_TERM = CLI_LONG_ONLY + 1,
	OPT_WIDTH,
	OPT_HEIGHT,
	OPT_TITLE,
	OPT_TOP,
	OPT_COLOR,
	OPT_FORMAT,
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* Terminal size in cells: the tty's, else $COLUMNS/$LINES, else 80 x 24. */
static void term_size(int *cols, int *rows)
{
	struct winsize ws;
	const char *e;

	*cols = 80;
	*rows = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 && ws.ws_row > 0) {
		*cols = ws.ws_col;
		*rows = ws.ws_row - 1;	/* keep the prompt line */
		return;
	}
	if ((e = getenv("COLUMNS")) && atoi(e) > 0)
		*cols = atoi(e);
	if ((e = getenv("LINES")) && atoi(e) > 0)
		*rows = atoi(e) - 1;
}

/* Title: the counter when all series share one, else the file name. */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

static const char *default_title(const struct dataset *ds, char *buf, size_t size)
{
	const struct ds_metric *first = NULL;
	size_t i;

	for (i = 0; i < ds->nmetrics; i++) {
		const struct ds_metric *m = &ds->metrics[i];

		if (!m->values)
			continue;
		if (!first) {
			first = m;
			continue;
		}
		if (!m->counter || !first->counter || strcmp(m->counter, first->counter) ||
		    strcmp(m->object ? m->object : "", first->object ? first->object : ""))
			return base_name(ds->source);
	}
	if (!first)
		return base_name(ds->source);
	/* the base name: a title reads the same whichever directory the file is in */
	snprintf(buf, size, "%s%s%s — %s", first->object ? first->object : "",
		 first->object ? " " : "", first->counter ? first->counter : first->path,
		 base_name(ds->source));
	return buf;
}

int cmd_plot(int argc, char **argv)
{
	static const struct cli_option options[] = {
		{ 'o', "output", 1, "FILE", "write an SVG or PNG image (by the name's extension)" },
		{ OPT_TERM, "term", 0, NULL, "draw in the terminal (Unicode braille), sized to it" },
		PERFCLI_OPTIONS,
		{ OPT_WIDTH, "width", 1, "N", "width: pixels (default 1000), or cells with --term" },
		{ OPT_HEIGHT, "height", 1, "N", "height: pixels (default 460), or rows with --term" },
		{ OPT_TITLE, "title", 1, "TEXT", "chart title (default: the counter and file name)" },
		{ OPT_TOP, "top", 1, "N", "draw the N series with the highest p95 (default 10; 0 = all)" },
		{ OPT_FORMAT, "format", 1, "svg|png", "image format (default: from the -o name; svg for '-')" },
		{ OPT_COLOR, "color", 1, "WHEN", "--term colours: auto (default), always, never" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	struct chart chart;
	struct outfile out;
	struct kerr err;
	const char *output = NULL, *title = NULL, *color = "auto", *format = NULL;
	unsigned long width = 0, height = 0, top = DASHBOARD_TOP_N;
	int term = 0, c, rc = EXIT_USAGE, chart_ready = 0, ds_ready = 0;
	size_t *idx = NULL, n = 0, i;
	char tbuf[512];

	perfcli_init(&pc);
	cli_parser_init(&p, argc, argv,
			"kansoku plot [options] FILE SELECT... -o OUT.svg|OUT.png\n"
			"kansoku plot [options] FILE SELECT... --term",
			"Draws the selected metrics of a performance file as one time-series chart:\n"
			"times in the file's zone (or --tz), the unit from the counter name, a\n"
			"legend, missing values as gaps. When there are more points than pixels\n"
			"the line goes through each pixel column's minimum and maximum, so peaks\n"
			"are never averaged away. SVG output is deterministic.\n"
			PERFCLI_SELECT_HELP, options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case 'o': output = p.arg; break;
		case OPT_TERM: term = 1; break;
		case OPT_TITLE: title = p.arg; break;
		case OPT_FORMAT:
			if (strcmp(p.arg, "svg") && strcmp(p.arg, "png")) {
				rc = cli_usage_error(&p, "--format: expected svg or png");
				goto out;
			}
			format = p.arg;
			break;
		case OPT_COLOR:
			if (strcmp(p.arg, "auto") && strcmp(p.arg, "always") && strcmp(p.arg, "never")) {
				rc = cli_usage_error(&p, "--color: expected auto, always or never");
				goto out;
			}
			color = p.arg;
			break;
		case OPT_WIDTH:
		case OPT_HEIGHT:
		case OPT_TOP: {
			unsigned long v;

			if (cli_parse_ulong(c == OPT_WIDTH ? "--width" : c == OPT_HEIGHT ? "--height" : "--top",
					    p.arg, &v))
				goto out;
			if (c == OPT_TOP) {
				top = v;
			} else if (v < 10 || v > 20000) {
				rc = cli_usage_error(&p, "%s: expected 10 to 20000",
						     c == OPT_WIDTH ? "--width" : "--height");
				goto out;
			} else if (c == OPT_WIDTH) {
				width = v;
			} else {
				height = v;
			}
			break;
		}
		case CLI_HELP: rc = EXIT_OK; goto out;
		default: goto out;	/* rc is EXIT_USAGE */
		}
	}
	if (p.optind >= argc) {
		rc = cli_usage_error(&p, "missing FILE");
		goto out;
	}
	if (p.optind + 1 >= argc && selection_is_empty(&pc.sel)) {
		rc = cli_usage_error(&p, "missing SELECT: which metrics to plot ('kansoku tree FILE' lists them)");
		goto out;
	}
	if (!term == !output) {
		rc = cli_usage_error(&p, output ? "-o and --term exclude each other"
					     : "missing -o OUT.svg|OUT.png or --term");
		goto out;
	}
	if (output && !format) {
		if (ends_with(output, ".svg") || !strcmp(output, "-"))
			format = "svg";
		else if (ends_with(output, ".png"))
			format = "png";
		else {
			rc = cli_usage_error(&p, "-o: '%s' does not end in .svg or .png (or give --format)",
					     output);
			goto out;
		}
	}
	ds_init(&ds);
	ds_ready = 1;
	rc = perfcli_load(&pc, &ds, argv[p.optind], argv + p.optind + 1, argc - p.optind - 1);
	if (rc)
		goto out;

	idx = xcalloc(ds.nmetrics ? ds.nmetrics : 1, sizeof(*idx));
	for (i = 0; i < ds.nmetrics; i++)
		if (ds.metrics[i].values)
			idx[n++] = i;
	{
		const char *unit = n ? chart_unit_of(&ds.metrics[idx[0]]) : NULL;

		for (i = 1; i < n && unit; i++) {
			const char *u = chart_unit_of(&ds.metrics[idx[i]]);

			if (!u || strcmp(u, unit))
				unit = NULL;	/* mixed units: no single axis label */
		}
		chart_init(&chart, title ? title : default_title(&ds, tbuf, sizeof(tbuf)), unit,
			   ds.tz_offset_min);
		chart_ready = 1;
	}
	dashboard_add_ranked(&chart, &ds, idx, n, top ? top : n);
	/* one counter: legends need only the instance; mixed counters: the full path */
	for (i = 1; i < n; i++) {
		const struct ds_metric *a = &ds.metrics[idx[0]], *b = &ds.metrics[idx[i]];

		if (strcmp(a->counter ? a->counter : a->path, b->counter ? b->counter : b->path) ||
		    strcmp(a->object ? a->object : "", b->object ? b->object : "")) {
			size_t k;

			for (k = 0; k < chart.nseries; k++)
				chart.series[k].name = ds.metrics[chart.series[k].metric].path;
			break;
		}
	}

	if (term) {
		int cols, rows, use_color;

		term_size(&cols, &rows);
		if (width)
			cols = (int)width;
		if (height)
			rows = (int)height;
		use_color = !strcmp(color, "always") ||
			    (!strcmp(color, "auto") && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
		if (term_write(stdout, &chart, cols, rows, use_color, &err) < 0) {
			rc = cli_fail(&err);
			goto out;
		}
		rc = EXIT_OK;
		goto out;
	}
	if (outfile_open(&out, output, &err) < 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if ((!strcmp(format, "svg") ? svg_write : png_write)(out.f, &chart, width ? (int)width : 1000,
								 height ? (int)height : 460, &err) < 0) {
		outfile_abort(&out);
		rc = cli_fail(&err);
		goto out;
	}
	rc = outfile_commit(&out, &err) < 0 ? cli_fail(&err) : EXIT_OK;
out:
	free(idx);
	if (chart_ready)
		chart_release(&chart);
	if (ds_ready)
		ds_release(&ds);
	cli_parser_release(&p);
	perfcli_release(&pc);
	return rc;
}
