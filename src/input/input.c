/* SPDX-License-Identifier: MIT */
#include "input/input.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow/capds.h"

/* perf files through the shared options, as perf_load() reads them */
static int load_perf(struct dataset *ds, struct source *src, const struct input_options *opt,
		     struct kerr *err)
{
	return perf_load_source(ds, src, opt->common, err);
}

static const struct input_reader perf_reader = { "perf", perf_sniff, load_perf, perf_suffixes };
static const struct input_reader capture_reader = {
	"capture", capds_sniff, capds_load_source, capds_suffixes
};

/*
 * Every reader, asked in this order; the first is also the fallback that
 * explains what was expected when no reader knows the input.
 */
static const struct input_reader *const readers[] = {
	&perf_reader,
	&capture_reader,
	&input_mail_reader,
	&input_dns_reader,
};
#define NREADERS (sizeof(readers) / sizeof(readers[0]))
/* Said when no reader knows an input, after the performance file reader's own words. */
#define OTHER_KINDS "kansoku reads performance files (esxtop, perfmon, nmon), captures " \
	"(pcap, pcapng), Postfix logs and DNS benchmark results (dns bench --json)"

void input_keep_selected(struct dataset *ds, struct source *src, const struct input_options *opt)
{
	const struct perf_options *po = opt->common;
	size_t i;

	if (!po)
		return;
	if (po->info) {
		/* what `info` says of every input */
		po->info->wrapping = arena_strdup(&ds->arena, source_wrapping(src));
		po->info->bytes = source_offset(src);
		po->info->encoding = "text";
		po->info->columns = ds->nmetrics;
	}
	for (i = 0; i < ds->nmetrics; i++) {
		struct ds_metric *m = &ds->metrics[i];

		if ((po->select && !selection_matches(po->select, m)) ||
		    (po->want && !po->want(m, po->want_ctx))) {
			free(m->values);
			m->values = NULL;
		}
	}
	if (po->info)
		po->info->zone_known = ds->tz_known;
	if (po->tz_override) {
		ds->tz_offset_min = po->tz_offset_min;
		ds->tz_known = 1;
	}
}

const struct input_reader *input_detect(const uint8_t *head, size_t len)
{
	size_t i;

	for (i = 0; i < NREADERS; i++)
		if (readers[i]->sniff(head, len))
			return readers[i];
	return NULL;
}

/* Every reader's preferred archive members, in table order (filled once: inputs load on threads). */
static const char *suffix_list[32];
static pthread_once_t suffix_list_once = PTHREAD_ONCE_INIT;

static void fill_suffixes(void)
{
	size_t i, n = 0;
	const char *const *s;

	for (i = 0; i < NREADERS; i++)
		for (s = readers[i]->suffixes; s && *s && n + 1 < sizeof(suffix_list) / sizeof(suffix_list[0]);
		     s++)
			suffix_list[n++] = *s;
	suffix_list[n] = NULL;
}

static const char *const *all_suffixes(void)
{
	pthread_once(&suffix_list_once, fill_suffixes);
	return suffix_list;
}

int input_open(struct source **src, const char *path, const char *member, const char **kind,
	       struct kerr *err)
{
	struct source_options so = { member, all_suffixes() };
	const struct input_reader *r;
	const uint8_t *head;
	size_t len;

	if (source_open(src, path, &so, err))
		return -1;
	if (source_peek(*src, INPUT_SNIFF_BYTES, &head, &len, err)) {
		source_close(*src);
		return -1;
	}
	r = input_detect(head, len);
	*kind = r ? r->name : NULL;
	return 0;
}

int input_load(struct dataset *ds, const struct input_options *opt, const char **kind,
	       struct kerr *err)
{
	struct source_options so = { NULL, all_suffixes() };
	const struct input_reader *r;
	const uint8_t *head;
	struct source *src;
	size_t len;
	int rc;

	if (opt->iface) {
		if (kind)
			*kind = capture_reader.name;
		return capds_load_live(ds, opt, err);
	}
	so.member = opt->common ? opt->common->member : NULL;
	if (source_open(&src, opt->path, &so, err))
		return -1;
	if (source_peek(src, INPUT_SNIFF_BYTES, &head, &len, err)) {
		source_close(src);
		return -1;
	}
	r = input_detect(head, len);
	if (kind)
		*kind = (r ? r : readers[0])->name;
	if (r) {
		rc = r->load(ds, src, opt, err);
	} else if ((rc = readers[0]->load(ds, src, opt, err)) && err) {
		/* the performance file reader says what it expected; the other kinds are named too */
		size_t n = strlen(err->msg);

		snprintf(err->msg + n, sizeof(err->msg) - n, "; %s", OTHER_KINDS);
	}
	source_close(src);
	return rc;
}
