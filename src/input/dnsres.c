/* SPDX-License-Identifier: MIT */
/* `dns bench` results as datasets (dns/results.h), for the input table. */
#include "dns/results.h"
#include "input/input.h"

static int sniff(const uint8_t *head, size_t len)
{
	return dnsresults_sniff((const char *)head, len);
}

static int load(struct dataset *ds, struct source *src, const struct input_options *opt,
		struct kerr *err)
{
	if (dnsresults_load_source(ds, src, err))
		return -1;
	input_keep_selected(ds, src, opt);
	return 0;
}

static const char *const suffixes[] = { ".json", NULL };

const struct input_reader input_dns_reader = { "dns-results", sniff, load, suffixes };
