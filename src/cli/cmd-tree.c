/* SPDX-License-Identifier: MIT */
/*
 * kansoku tree FILE [SELECT...]: the metric tree of a performance file,
 * host -> object -> instance (for vCPUs: VM or group -> world) -> counter,
 * with the number of columns under every node. Reads only the header.
 */
#include <limits.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/perfcli.h"
#include "perf/tree_out.h"

int cmd_tree(int argc, char **argv)
{
	struct perfcli pc;
	unsigned long depth = 3;
	int json = 0;
	struct cli_opt options[] = {
		PERFCLI_OPTIONS(&pc),
		OPT_ULONG(0, "depth", &depth, "N",
			  "show N levels (default 3: host, object, instance; 0 = all)", 0, ULONG_MAX),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_END(),
	};
	struct dataset ds;
	struct perf_tree tree;
	int n, rc;
	size_t i;

	perfcli_init(&pc);
	pc.want_values = 0;
	ds_init(&ds);
	perf_tree_init(&tree);
	n = cli_parse(argc, argv, options, "kansoku tree [options] FILE [SELECT...]",
		      "The metric tree of a performance file: host, object, instance\n"
		      "(vCPUs: VM or group, then world), counter, with the number of columns\n"
		      "under each node. Only the header is read. The leaves are counters;\n"
		      "`--depth 0` shows them, `--json` gives their paths.\n" PERFCLI_SELECT_HELP);
	if (n < 0) {
		rc = cli_parse_status(n);
		goto out;
	}
	if (n < 1) {
		rc = cli_usage_error("missing FILE");
		goto out;
	}
	if (depth == 0)
		depth = 100;
	rc = perfcli_load(&pc, &ds, argv[0], argv + 1, n - 1);
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
	perfcli_release(&pc);
	return rc;
}
