#include "cli/cli.h"
#include "cli/commands.h"

/* The single command table: name, entry point, one-line summary for `kansoku help`. */
const struct command commands[] = {
	{ "help", cmd_help, "show help for kansoku or one of its commands" },
	{ "version", cmd_version, "print the version" },
	{ "tree", cmd_tree, "show the metric tree of a performance file (esxtop, perfmon)" },
	{ "stats", cmd_stats, "summary statistics per metric of a performance file" },
	{ NULL, NULL, NULL },
};
