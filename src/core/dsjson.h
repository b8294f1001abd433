/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_DSJSON_H
#define KANSOKU_CORE_DSJSON_H

#include "core/dataset.h"
#include "core/json.h"

/*
 * The members that name a dataset and its metrics, written the same way by
 * every JSON output over a dataset (stats, check, export), so a consumer
 * reads them with one piece of code. Both write into the open object.
 */

/* "source", "format", "utc_offset" ("+05:30"; the file's or the --tz zone). */
void ds_json_source(struct json_writer *w, const struct dataset *ds);
/* "path", "host", "object", "instance", "counter", "entity", "world", "unit" (null when unknown). */
void ds_json_metric_names(struct json_writer *w, const struct ds_metric *m);

/*
 * "events": [{"time", "kind", "text"}...] of the events inside win (NULL =
 * all), times written as the dataset's samples are.
 */
struct timewin;
void ds_json_events(struct json_writer *w, const struct dataset *ds, const struct timewin *win);

#endif
