/* SPDX-License-Identifier: MIT */
/* A stale-configuration report as text for people and as JSON. */
#include "mail/pfstale_out.h"

#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"

static void when(char *out, size_t size, int64_t t, enum time_style style)
{
	if (!t)
		snprintf(out, size, "-");
	else
		time_format(out, size, t, time_local_offset(t), style, 0);
}

static void proc_detail(char *out, size_t size, const struct pf_stale *r, const struct pf_proc *p)
{
	char t[48];

	switch (p->verdict) {
	case PF_FRESH:
		snprintf(out, size, "started after the change");
		break;
	case PF_UNAFFECTED:
		snprintf(out, size, "predates the change but reads none of the changed parameters");
		break;
	case PF_REFRESHES:
		when(t, sizeof(t), p->expected_exit_us, TIME_CLOCK);
		snprintf(out, size, "stale, refreshes itself: exits %lld s after its last client (about %s "
			 "if none comes) or after %lld clients; reads %s",
			 (long long)r->max_idle_s, t, (long long)r->max_use, p->uses);
		break;
	default:
		snprintf(out, size, "stale, needs 'postfix reload' (%s); reads %s",
			 p->pid == r->master_pid ? "master reads its configuration at start and reload only"
						 : "persistent process", p->uses);
		break;
	}
}

void pf_stale_print_text(FILE *out, const struct pf_stale *r)
{
	char a[48], b[48], detail[1024];
	size_t i;

	fprintf(out, "%s\n\n", r->verdict);
	fprintf(out, "instance    %s (queue_directory %s, max_idle %llds, max_use %lld, master pid %ld)\n",
	       r->config_dir, r->queue_dir, (long long)r->max_idle_s, (long long)r->max_use, r->master_pid);
	when(a, sizeof(a), r->change_us, TIME_ISO);
	fprintf(out, "last change %s at %s\n", r->change_file, a);
	if (!strcmp(r->change_file, "main.cf")) {
		if (r->params_known) {
			fprintf(out, "parameters ");
			if (!r->nchanged)
				fprintf(out, " none (%s)\n", r->state_note ? r->state_note : "content as recorded before");
			for (i = 0; i < r->nchanged; i++)
				fprintf(out, "%s%s (read by %s)\n", i ? "            " : " ", r->changed[i],
				       pf_param_governor(r->changed[i]));
		} else {
			fprintf(out, "parameters  unknown: %s\n", r->state_note ? r->state_note : "no record");
		}
	}
	if (r->routing) {
		when(a, sizeof(a), r->routing_effect_us, TIME_CLOCK);
		fprintf(out, "routing     new answers once trivial-rewrite has been replaced and qmgr's %d s resolve "
		       "cache has expired: about %s\n", PF_QMGR_RESOLVE_CACHE_S, a);
	}
	if (r->nstale && !r->needs_reload) {
		when(a, sizeof(a), r->in_effect_us, TIME_CLOCK);
		fprintf(out, "in effect   about %s without a reload, if the stale daemons get no new clients\n", a);
	} else if (r->needs_reload) {
		fprintf(out, "in effect   after 'postfix reload'\n");
	}

	fprintf(out, "\nfiles\n");
	for (i = 0; i < r->nfiles; i++) {
		const struct pf_file *f = &r->files[i];

		if (!f->exists) {
			fprintf(out, "  %-9s %-19s %s (missing)\n", f->table_type ? f->table_type : f->role, "-", f->path);
			continue;
		}
		when(a, sizeof(a), f->changed_us, TIME_PLAIN);
		fprintf(out, "  %-9s %-19s %s%s%s%s\n", f->table_type ? f->table_type : f->role, a, f->path,
		       f->touched ? " (touched, content unchanged)" : "",
		       !f->baseline ? " (first look: mtime)" : "",
		       f->source_newer ? " (source is newer than this index: run postmap)" : "");
	}
	fprintf(out, "\nprocesses\n  %7s  %-20s %-16s %-8s %-8s  %s\n", "PID", "SERVICE", "DAEMON", "STARTED", "LAST RAN",
	       "VERDICT");
	for (i = 0; i < r->nprocs; i++) {
		const struct pf_proc *p = &r->procs[i];

		when(a, sizeof(a), p->start_us, TIME_CLOCK);
		when(b, sizeof(b), p->last_active_us, TIME_CLOCK);
		proc_detail(detail, sizeof(detail), r, p);
		fprintf(out, "  %7ld  %-20s %-16s %-8s %-8s  %s\n", p->pid, p->service, p->daemon, a, b, detail);
	}
}

/* A time at the machine's zone then, as Postfix logs it; 0 (unknown, or does not apply) is null. */
static void json_when(struct json_writer *w, const char *key, int64_t t)
{
	if (t) {
		json_kv_time(w, key, t, time_local_offset(t), 3);
		return;
	}
	json_key(w, key);
	json_null(w);
}

void pf_stale_print_json(FILE *out, const struct pf_stale *r)
{
	struct json_writer w;
	char detail[1024];
	size_t i;

	json_init(&w, out, 1);
	json_begin_object(&w);
	json_kv_bool(&w, "stale", r->nstale > 0);
	json_kv_bool(&w, "needs_reload", r->needs_reload);
	json_kv_string(&w, "verdict", r->verdict);
	json_kv_string(&w, "config_directory", r->config_dir);
	json_kv_string(&w, "queue_directory", r->queue_dir);
	json_kv_int(&w, "max_idle_s", r->max_idle_s);
	json_kv_int(&w, "max_use", r->max_use);
	json_kv_int(&w, "master_pid", r->master_pid);
	json_when(&w, "now", r->now_us);
	json_kv_string(&w, "change_file", r->change_file);
	json_when(&w, "change_time", r->change_us);
	json_key(&w, "changed_parameters");
	if (r->params_known && !strcmp(r->change_file, "main.cf")) {
		json_begin_array(&w);
		for (i = 0; i < r->nchanged; i++) {
			json_begin_object(&w);
			json_kv_string(&w, "name", r->changed[i]);
			json_kv_bool(&w, "routing", pf_param_is_routing(r->changed[i]));
			json_kv_string(&w, "governed_by", pf_param_governor(r->changed[i]));
			json_end_object(&w);
		}
		json_end_array(&w);
	} else {
		json_null(&w);
	}
	json_when(&w, "routing_in_effect", r->routing ? r->routing_effect_us : 0);
	json_when(&w, "in_effect_without_reload", r->nstale && !r->needs_reload ? r->in_effect_us : 0);
	json_key(&w, "files");
	json_begin_array(&w);
	for (i = 0; i < r->nfiles; i++) {
		const struct pf_file *f = &r->files[i];

		json_begin_object(&w);
		json_kv_string(&w, "path", f->path);
		json_kv_string(&w, "role", f->role);
		if (f->table_type)
			json_kv_string(&w, "type", f->table_type);
		json_kv_bool(&w, "exists", f->exists);
		json_when(&w, "mtime", f->exists ? f->mtime_us : 0);
		json_when(&w, "changed", f->exists ? f->changed_us : 0);
		json_key(&w, "content_hash");
		{
			char h[24];

			snprintf(h, sizeof(h), "%016llx", (unsigned long long)f->hash);
			json_string(&w, f->exists ? h : "");
		}
		json_kv_bool(&w, "compared_with_record", f->baseline);
		json_kv_bool(&w, "touched_unchanged", f->touched);
		if (f->indexed) {
			json_kv_string(&w, "source", f->source_path);
			json_kv_bool(&w, "source_newer_than_index", f->source_newer);
		}
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "processes");
	json_begin_array(&w);
	for (i = 0; i < r->nprocs; i++) {
		const struct pf_proc *p = &r->procs[i];

		json_begin_object(&w);
		json_kv_int(&w, "pid", p->pid);
		json_kv_string(&w, "service", p->service);
		json_kv_string(&w, "daemon", p->daemon);
		json_when(&w, "started", p->start_us);
		json_when(&w, "last_ran", p->last_active_us);
		json_kv_bool(&w, "persistent", p->persistent);
		json_kv_string(&w, "verdict", pf_verdict_name(p->verdict));
		json_kv_bool(&w, "stale", p->verdict == PF_REFRESHES || p->verdict == PF_NEEDS_RELOAD);
		json_when(&w, "expected_exit", p->verdict == PF_REFRESHES ? p->expected_exit_us : 0);
		json_key(&w, "detail");
		proc_detail(detail, sizeof(detail), r, p);
		json_string(&w, detail);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}
