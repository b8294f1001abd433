#include "perf/perf.h"

#include <string.h>

#include "core/source.h"
#include "perf/pdhcsv.h"
#include "perf/pdhname.h"

/* Longest line we accept: esxtop rows of 60,000 columns are ~1 MB; be generous. */
#define PERF_MAX_LINE (256u * 1024 * 1024)

const char *perf_unit_guess(const char *object, const char *counter)
{
	return pdhname_unit(object, counter);
}

int perf_load(struct dataset *ds, const char *path, const struct perf_options *opt,
	      struct kerr *err)
{
	static const char *const suffixes[] = { ".csv", ".nmon", NULL };
	struct source_options so = { NULL, suffixes };
	struct perf_options defaults;
	struct perf_info local_info, *info;
	struct source *src;
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
	so.member = opt->member;
	if (source_open(&src, path, &so, err))
		return -1;
	ds->source = arena_strdup(&ds->arena, source_name(src));
	info->wrapping = source_wrapping(src);
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
	} else {
		kerr_at_line(err, ds->source, lr.lineno,
			     "not a performance file kansoku reads (expected a PDH-CSV header "
			     "\"(PDH-CSV 4.0) ...\" as written by esxtop -b or perfmon)");
		goto out;
	}
	info->bytes = source_offset(src);
	if (rc == 0 && opt->tz_override)
		ds->tz_offset_min = opt->tz_offset_min;
out:
	lines_release(&lr);
	source_close(src);
	return rc;
}
