/* SPDX-License-Identifier: MIT */
/*
 * kansoku plot FILE SELECT... -o out.svg|out.png | --term: one time-series
 * chart of the selected metrics, as a file or in the terminal.
 */
#include <limits.h>
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

enum image_format { FORMAT_NONE = -1, FORMAT_SVG, FORMAT_PNG };
static const char *const format_names[] = { "svg", "png", NULL };

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
static const char *const color_names[] = { "auto", "always", "never", NULL };

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

/* The selected series of every input on one chart, the legends as short as they can be. */
static void build_chart(struct chart *chart, const struct dataset *ds, size_t nds, const char *title,
			unsigned long top)
{
	const char *unit = NULL;
	int first = 1;
	size_t i, k, total = 0;
	char tbuf[512];

	for (k = 0; k < nds; k++)
		for (i = 0; i < ds[k].nmetrics; i++) {
			const char *u;

			if (!ds[k].metrics[i].values)
				continue;
			total++;
			u = chart_unit_of(&ds[k].metrics[i]);
			if (first)
				unit = u;
			else if (!u || !unit || strcmp(u, unit))
				unit = NULL;	/* mixed units: no single axis label */
			first = 0;
		}
	if (!title && nds > 1) {
		/* the inputs' base names: a title reads the same whichever directory they are in */
		size_t len = 0;

		tbuf[0] = '\0';
		for (k = 0; k < nds && len < sizeof(tbuf); k++)
			len += (size_t)snprintf(tbuf + len, sizeof(tbuf) - len, "%s%s", k ? ", " : "",
						base_name(ds[k].source));
		title = tbuf;
	}
	chart_init(chart, title ? title : default_title(&ds[0], tbuf, sizeof(tbuf)), unit,
		   ds[0].tz_offset_min);
	chart->tz_unknown = !ds[0].tz_known;
	dashboard_add_ranked_inputs(chart, ds, nds, top ? top : total);
}

static int draw_term(const struct chart *chart, unsigned long width, unsigned long height,
		     int color)
{
	struct kerr err;
	int cols, rows, use_color;

	term_size(&cols, &rows);
	if (width)
		cols = (int)width;
	if (height)
		rows = (int)height;
	use_color = color == COLOR_ALWAYS ||
		    (color == COLOR_AUTO && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
	if (term_write(stdout, chart, cols, rows, use_color, &err) < 0)
		return cli_fail(&err);
	return EXIT_OK;
}

static int draw_file(const struct chart *chart, const char *output, int format,
		     unsigned long width, unsigned long height)
{
	struct outfile out;
	struct kerr err;

	if (outfile_open(&out, output, &err) < 0)
		return cli_fail(&err);
	if ((format == FORMAT_SVG ? svg_write : png_write)(out.f, chart, width ? (int)width : 1000,
							   height ? (int)height : 460, &err) < 0) {
		outfile_abort(&out);
		return cli_fail(&err);
	}
	return outfile_commit(&out, &err) < 0 ? cli_fail(&err) : EXIT_OK;
}

/* The operands and outputs asked for make sense together. Returns an exit status. */
static int check_request(char **args, int n, const struct perfcli *pc, const char *output, int term,
			 int *format)
{
	int files = pc->iface ? 0 : 1;	/* live: every operand is a SELECT */

	if (n < files)
		return cli_usage_error("missing FILE (or -i IFACE)");
	if ((pc->iface ? n : n - perfcli_count_inputs(args, n)) == 0 && selection_is_empty(&pc->sel))
		return cli_usage_error("missing SELECT: which metrics to plot ('kansoku tree FILE' lists them)");
	if (!term == !output)
		return cli_usage_error(output ? "-o and --term exclude each other"
					      : "missing -o OUT.svg|OUT.png or --term");
	if (output && *format == FORMAT_NONE) {
		if (ends_with(output, ".svg") || !strcmp(output, "-"))
			*format = FORMAT_SVG;
		else if (ends_with(output, ".png"))
			*format = FORMAT_PNG;
		else
			return cli_usage_error("-o: '%s' does not end in .svg or .png (or give --format)",
					       output);
	}
	return EXIT_OK;
}

int cmd_plot(int argc, char **argv)
{
	struct perfcli pc;
	const char *output = NULL, *title = NULL;
	unsigned long width = 0, height = 0, top = DASHBOARD_TOP_N;
	int term = 0, color = COLOR_AUTO, format = FORMAT_NONE;
	struct cli_opt options[] = {
		OPT_STRING('o', "output", &output, "FILE", "write an SVG or PNG image (by the name's extension)"),
		OPT_BOOL(0, "term", &term, "draw in the terminal (Unicode braille), sized to it"),
		PERFCLI_OPTIONS(&pc),
		PERFCLI_LIVE_OPTIONS(&pc),
		OPT_ULONG(0, "width", &width, "N", "width: pixels (default 1000), or cells with --term",
			  10, 20000, .bad = "--width: expected 10 to 20000", .flags = OPT_SEE_HELP),
		OPT_ULONG(0, "height", &height, "N", "height: pixels (default 460), or rows with --term",
			  10, 20000, .bad = "--height: expected 10 to 20000", .flags = OPT_SEE_HELP),
		OPT_STRING(0, "title", &title, "TEXT", "chart title (default: the counter and file name)"),
		OPT_ULONG(0, "top", &top, "N", "draw the N series with the highest p95 (default 10; 0 = all)",
			  0, ULONG_MAX),
		OPT_CHOICE(0, "format", &format, "svg|png", "image format (default: from the -o name; svg for '-')",
			   format_names, .bad = "--format: expected svg or png", .flags = OPT_SEE_HELP),
		OPT_CHOICE(0, "color", &color, "WHEN", "--term colours: auto (default), always, never",
			   color_names, .bad = "--color: expected auto, always or never", .flags = OPT_SEE_HELP),
		OPT_END(),
	};
	struct dataset *ds = NULL;
	size_t nds = 0, i;
	struct chart chart;
	int n, rc, chart_ready = 0;

	perfcli_init(&pc);
	n = cli_parse(argc, argv, options,
		      "kansoku plot [options] FILE [FILE...] SELECT... -o OUT.svg|OUT.png\n"
		      "kansoku plot [options] FILE [FILE...] SELECT... --term\n"
		      "kansoku plot [options] -i IFACE SELECT... -o OUT.svg|OUT.png|--term",
		      "Draws the selected metrics of a performance file as one time-series chart:\n"
		      "times in the file's zone (or --tz), the unit from the counter name, a\n"
		      "legend, missing values as gaps. When there are more points than pixels\n"
		      "the line goes through each pixel column's minimum and maximum, so peaks\n"
		      "are never averaged away. SVG output is deterministic.\n"
		      "FILE may also be a capture, a Postfix log or DNS results; operands after\n"
		      "the first that name existing files are more inputs, drawn on one time\n"
		      "axis, each legend naming its source ('SOURCE — name').\n"
		      PERFCLI_SELECT_HELP);
	rc = n < 0 ? cli_parse_status(n) : check_request(argv, n, &pc, output, term, &format);
	if (rc == EXIT_OK && n >= 0)
		rc = perfcli_load_files(&pc, &ds, &nds, argv, n);
	if (rc != EXIT_OK || n < 0)
		goto out;
	build_chart(&chart, ds, nds, title, top);
	chart_ready = 1;
	rc = term ? draw_term(&chart, width, height, color)
		  : draw_file(&chart, output, format, width, height);
out:
	if (chart_ready)
		chart_release(&chart);
	for (i = 0; i < nds; i++)
		ds_release(&ds[i]);
	free(ds);
	perfcli_release(&pc);
	return rc;
}
