#include "cli/cli.h"
#include "cli/commands.h"

/* The single command table: name, entry point, one-line summary for `kansoku help`. */
const struct command commands[] = {
	{ "help", cmd_help, "show help for kansoku or one of its commands" },
	{ "version", cmd_version, "print the version" },
	{ "tree", cmd_tree, "show the metric tree of a performance file (esxtop, perfmon)" },
	{ "stats", cmd_stats, "summary statistics per metric of a performance file" },
	{ "report", cmd_report, "write a self-contained interactive HTML report of performance files" },
	{ "plot", cmd_plot, "draw selected metrics as an SVG or PNG chart, or in the terminal" },
	{ NULL, NULL, NULL },
};
