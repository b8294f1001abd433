/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: `kansoku check --rules FILE`. Parses the bytes as a rules file
 * over the built-in rules and, when that succeeds, runs the resulting rules
 * (user patterns included) over a small esxtop-like dataset, so pattern
 * matching on hostile patterns is exercised too.
 */
#include <stdint.h>
#include <string.h>

#include "check/findings.h"
#include "check/rulefile.h"
#include "core/dataset.h"
#include "fuzz/fuzz.h"

static void add(struct dataset *ds, const char *object, const char *instance,
		const char *counter, const char *path)
{
	struct ds_metric m;

	memset(&m, 0, sizeof(m));
	m.object = object;
	m.instance = instance;
	m.counter = counter;
	m.path = path;
	ds_load_metric(ds, ds_add_metric(ds, &m));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct check_ruleset rs;
	struct kerr err;
	size_t i;

	check_ruleset_init(&rs);
	check_ruleset_add_builtins(&rs);
	if (check_rules_parse(&rs, "fuzz", (const char *)data, size, &err) == 0) {
		struct dataset ds;
		struct check_report r;

		ds_init(&ds);
		add(&ds, "Group Cpu", "7:vm (a|b)", "% Ready", "Group Cpu/7:vm (a|b)/% Ready");
		add(&ds, "Vcpu", "7:vm (a|b):70:vmx-vcpu-0:vm (a|b)", "% Ready",
		    "Vcpu/7:vm (a|b):70:vmx-vcpu-0:vm (a|b)/% Ready");
		add(&ds, "Memory", NULL, "Memctl Current MBytes", "Memory/Memctl Current MBytes");
		for (i = 0; i < 4; i++) {
			size_t row = ds_append_sample(&ds, (int64_t)i * 5000000);

			ds.metrics[0].values[row] = (double)(i * 15);
			ds.metrics[1].values[row] = (double)(i * 7);
			ds.metrics[2].values[row] = i == 2 ? 0.0 / 0.0 : (double)i;
		}
		check_run(&ds, &rs, &r);
		check_report_release(&r);
		ds_release(&ds);
	}
	check_ruleset_release(&rs);
	return 0;
}
