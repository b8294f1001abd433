/* SPDX-License-Identifier: MIT */
/*
 * kansoku tree FILE [SELECT...]: the metric tree of a performance file,
 * host -> object -> instance (for vCPUs: VM or group -> world) -> counter,
 * with the number of columns under every node. Reads only the header.
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "perf/tree_out.h"

enum {
	OPT_DEPTH = CLI_LONG_ONLY + 1,
	OPT_JSON,
};

int cmd_tree(int argc, char **argv)
{
	static const struct cli_option options[] = {
		PERFCLI_OPTIONS,
		{ OPT_DEPTH, "depth", 1, "N", "show N levels (default 3: host, object, instance; 0 = all)" },
		{ OPT_JSON, "json", 0, NULL, "JSON output" },
		CLI_OPTION_END,
	};
	struct cli_parser p;
	struct perfcli pc;
	struct dataset ds;
	struct perf_tree tree;
	unsigned long depth = 3;
	int c, json = 0, rc;
	size_t i;

	perfcli_init(&pc);
	pc.want_values = 0;
	ds_init(&ds);
	perf_tree_init(&tree);
	cli_parser_init(&p, argc, argv, "kansoku tree [options] FILE [SELECT...]",
			"The metric tree of a performance file: host, object, instance\n"
			"(vCPUs: VM or group, then world), counter, with the number of columns\n"
			"under each node. Only the header is read. The leaves are counters;\n"
			"`--depth 0` shows them, `--json` gives their paths.\n" PERFCLI_SELECT_HELP,
			options);
	while ((c = perfcli_next(&pc, &p)) != CLI_DONE) {
		switch (c) {
		case OPT_JSON: json = 1; break;
		case OPT_DEPTH:
			if (cli_parse_ulong("--depth", p.arg, &depth)) {
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case CLI_HELP: rc = EXIT_OK; goto out;
		default: rc = EXIT_USAGE; goto out;
		}
	}
	if (p.optind >= argc) {
		rc = cli_usage_error(&p, "missing FILE");
		goto out;
	}
	if (depth == 0)
		depth = 100;
	rc = perfcli_load(&pc, &ds, argv[p.optind], argv + p.optind + 1, argc - p.optind - 1);
	if (rc)
		goto out;
	perf_tree_build(&tree, &ds, &pc.sel);
	for (i = 0; i < pc.sel.n; i++)
		if (!pc.sel.patterns[i].hits)
			cli_warn("'%s' selects no metric of %s", pc.sel.patterns[i].text, ds.source);
	if (json)
		perf_tree_print_json(stdout, &tree, (int)depth);
	else
		perf_tree_print_text(stdout, &tree, (int)depth);
	if (fflush(stdout) || ferror(stdout))
		rc = cli_error("cannot write the output");
out:
	perf_tree_release(&tree);
	ds_release(&ds);
	cli_parser_release(&p);
	perfcli_release(&pc);
	return rc;
}
