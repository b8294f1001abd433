/* SPDX-License-Identifier: MIT */
#include "core/dsjson.h"

#include "core/timeutil.h"

void ds_json_source(struct json_writer *w, const struct dataset *ds)
{
	char z[16];

	json_kv_string(w, "source", ds->source);
	json_kv_string(w, "format", ds->format);
	/* null for a file without a zone: its times are not UTC+00:00 */
	json_kv_string(w, "utc_offset", ds_utc_offset(ds, z, sizeof(z)));
}

void ds_json_metric_names(struct json_writer *w, const struct ds_metric *m)
{
	json_kv_string(w, "path", m->path);
	json_kv_string(w, "host", m->host);
	json_kv_string(w, "object", m->object);
	json_kv_string(w, "instance", m->instance);
	json_kv_string(w, "counter", m->counter);
	json_kv_string(w, "entity", m->entity);
	json_kv_string(w, "world", m->world);
	json_kv_string(w, "unit", m->unit);
}
