/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_PERF_EXPORT_H
#define KANSOKU_PERF_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "core/dataset.h"
#include "core/timewin.h"

/*
 * Writes the loaded metrics of a dataset (those with values) in formats
 * other tools read. Samples outside the window are left out; missing values
 * are left out too (an empty CSV cell in the wide CSV, JSON null), never
 * written as 0.
 *
 * csv (wide)   time,<path>,<path>...   time in ISO 8601 at ds->tz_offset_min
 * csv (long)   time,path,host,object,instance,counter,entity,world,unit,value
 * json         {"source",..., "times":[...], "metrics":[{"path",...,"values":[...]}]}
 * influx       InfluxDB line protocol: measurement = object, tags host,
 *              instance, vm (entity), world, fields = counters of that
 *              instance (verbatim names, escaped), time in nanoseconds.
 *              (A name ending in a backslash cannot round-trip: InfluxDB
 *              would read the backslash as an escape of the separator.)
 * openmetrics  OpenMetrics text: one gauge family per object+counter, named
 *              <format>_<object>_<counter> in snake case ('%' -> "pct",
 *              "/sec" -> "per_sec"); labels host, object, instance, vm, world,
 *              counter carry the original names (and "duplicate" for a
 *              repeated column); timestamps in seconds; ends with "# EOF".
 */
enum export_format {
	EXPORT_CSV,
	EXPORT_CSV_LONG,
	EXPORT_JSON,
	EXPORT_INFLUX,
	EXPORT_OPENMETRICS,
};

struct export_stats {
	/*
	 * openmetrics: samples left out because their series already had a
	 * sample at that time or later (files re-saved with times cut to the
	 * minute repeat times; Prometheus rejects that).
	 */
	size_t dropped;
};

/* Returns 0, or -1 when writing failed (ferror). st may be NULL. */
int export_write(FILE *f, const struct dataset *ds, enum export_format fmt,
		 const struct timewin *win, struct export_stats *st);

/*
 * Several inputs (ds[0..nds)) in one output, each series naming its input:
 * csv "SOURCE — path" columns over every time any input has (in ds[0]'s
 * zone); csv long a first "source" column; json {"sources":[...]}, one
 * object each as above; influx a "source" tag; openmetrics a "source"
 * label. One input writes exactly what export_write() writes.
 */
int export_write_many(FILE *f, const struct dataset *ds, size_t nds, enum export_format fmt,
		      const struct timewin *win, struct export_stats *st);

/* OpenMetrics name part: snake case of s ("% Ready" -> "pct_ready"), written to out. */
void export_metric_name_part(const char *s, char *out, size_t size);

#endif
