/* SPDX-License-Identifier: MIT */
#include "core/dsjson.h"

#include "core/timeutil.h"
#include "core/timewin.h"

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

void ds_json_events(struct json_writer *w, const struct dataset *ds, const struct timewin *win)
{
	char tb[64];
	size_t i;

	json_key(w, "events");
	json_begin_array(w);
	for (i = 0; i < ds->nevents; i++) {
		const struct ds_event *e = &ds->events[i];

		if (win && !timewin_contains(win, e->t_us))
			continue;
		json_begin_object(w);
		json_kv_string(w, "time", ds_time_format(tb, sizeof(tb), ds, e->t_us, TIME_ISO));
		json_kv_string(w, "kind", e->kind);
		json_kv_string(w, "text", e->text);
		json_end_object(w);
	}
	json_end_array(w);
}
