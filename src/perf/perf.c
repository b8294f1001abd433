/* SPDX-License-Identifier: MIT */
#include "perf/perf.h"

#include <string.h>

#include "core/source.h"
#include "perf/nmon.h"
#include "perf/pdhcsv.h"
#include "perf/pdhname.h"

const char *const perf_suffixes[] = { ".csv", ".nmon", NULL };

/* Longest line we accept: esxtop rows of 60,000 columns are ~1 MB; be generous. */
#define PERF_MAX_LINE (256u * 1024 * 1024)

const char *perf_unit_guess(const char *object, const char *counter)
{
	return pdhname_unit(object, counter);
}

/* The selection, then the caller's own filter (perf_options.want). */
static int want_selected(const struct ds_metric *m, void *ctx)
{
	const struct perf_options *opt = ctx;

	if (opt->select && !selection_matches(opt->select, m))
		return 0;
	return !opt->want || opt->want(m, opt->want_ctx);
}

static int want_nothing(const struct ds_metric *m, void *ctx)
{
	(void)m;
	(void)ctx;
	return 0;
}

/*
 * nmon names its metrics in headers spread through the file (and TOP
 * processes only in data lines), so even a header-only load reads it all,
 * loading no values.
 */
static int load_nmon(struct dataset *ds, struct line_reader *lr, char *line, size_t len,
		     const struct perf_options *opt, struct perf_info *info, struct kerr *err)
{
	struct nmon_options no;
	size_t i;
	int rc;

	memset(&no, 0, sizeof(no));
	if (opt->header_only) {
		no.want = want_nothing;
	} else if (opt->select || opt->want) {
		no.want = want_selected;
		no.want_ctx = (void *)opt;
	}
	no.progress = opt->progress;
	no.tz_override = opt->tz_override;
	no.tz_offset_min = opt->tz_offset_min;
	rc = nmon_read(ds, lr, line, len, &no, err);
	if (rc)
		return rc;
	info->columns = ds->nmetrics;
	info->hosts = 1;
	info->rows = ds->nsamples;
	info->zone_known = 0;
	info->encoding = "utf-8";
	for (i = 0; i < ds->nwarnings; i++) {
		if (info->nwarnings == PERF_MAX_WARNINGS - 1 && i + 1 < ds->nwarnings) {
			snprintf(info->warnings[info->nwarnings++], sizeof(info->warnings[0]),
				 "%zu more warnings about %s", ds->nwarnings - i, ds->source);
			break;
		}
		snprintf(info->warnings[info->nwarnings++], sizeof(info->warnings[0]), "%s",
			 ds->warnings[i]);
	}
	if (opt->header_only)
		ds->nsamples = 0;
	return 0;
}

int perf_load(struct dataset *ds, const char *path, const struct perf_options *opt,
	      struct kerr *err)
{
	struct source_options so = { NULL, perf_suffixes };
	struct source *src;
	int rc;

	so.member = opt ? opt->member : NULL;
	if (source_open(&src, path, &so, err))
		return -1;
	rc = perf_load_source(ds, src, opt, err);
	source_close(src);
	return rc;
}

int perf_sniff(const uint8_t *head, size_t len)
{
	const char *p = (const char *)head, *nl;
	size_t n;

	/* the first non-empty line, as perf_load_source() reads it */
	while (len && (*p == '\n' || *p == '\r')) {
		p++;
		len--;
	}
	nl = memchr(p, '\n', len);
	n = nl ? (size_t)(nl - p) : len;
	if (n && p[n - 1] == '\r')
		n--;
	return pdhcsv_sniff(p, n) || nmon_detect(p, n);
}

int perf_load_source(struct dataset *ds, struct source *src, const struct perf_options *opt,
		     struct kerr *err)
{
	struct perf_options defaults;
	struct perf_info local_info, *info;
	struct line_reader lr;
	char *line;
	size_t len;
	int r, rc = -1;

	if (!opt) {
		memset(&defaults, 0, sizeof(defaults));
		opt = &defaults;
	}
	info = opt->info ? opt->info : &local_info;
	memset(info, 0, sizeof(*info));
	ds->source = arena_strdup(&ds->arena, source_name(src));
	/* libarchive owns its format name and frees it with the source */
	info->wrapping = arena_strdup(&ds->arena, source_wrapping(src));
	lines_init(&lr, src, PERF_MAX_LINE);
	do {
		r = lines_next(&lr, &line, &len, err);
	} while (r == 1 && len == 0);
	if (r < 0)
		goto out;
	if (r == 0) {
		kerr_set(err, "%s: empty input, expected a performance file", ds->source);
		goto out;
	}
	if (pdhcsv_sniff(line, len)) {
		rc = pdhcsv_read(ds, &lr, line, len, opt, info, err);
	} else if (nmon_detect(line, len)) {
		rc = load_nmon(ds, &lr, line, len, opt, info, err);
	} else {
		kerr_at_line(err, ds->source, lr.lineno,
			     "not a performance file kansoku reads (expected a PDH-CSV header "
			     "\"(PDH-CSV 4.0) ...\" as written by esxtop -b or perfmon, "
			     "or nmon's \"AAA,...\" lines)");
		goto out;
	}
	info->bytes = source_offset(src);
	if (rc == 0 && info->nwarnings < PERF_MAX_WARNINGS) {
		struct buf others = BUF_INIT;
		size_t n = source_other_members(src, &others);

		/* the first one in archive order was read: say which others there are */
		if (n)
			snprintf(info->warnings[info->nwarnings++], sizeof(info->warnings[0]),
				 "%s: the archive holds %zu more performance file%s (%.*s): "
				 "--member NAME reads another", ds->source, n, n == 1 ? "" : "s",
				 (int)(others.len > 160 ? 160 : others.len), others.data);
		buf_release(&others);
	}
	if (rc == 0 && opt->tz_override) {
		ds->tz_offset_min = opt->tz_offset_min;
		ds->tz_known = 1;
	}
out:
	lines_release(&lr);
	return rc;
}
