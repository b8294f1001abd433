/*
 * kansoku postfix: questions about a running Postfix instance.
 *   kansoku postfix stale [-c CONFIG_DIR]   which daemons still run with an old configuration
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "mail/pfstale.h"

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

static void print_text(const struct pf_stale *r)
{
	char a[48], b[48], detail[1024];
	size_t i;

	printf("%s\n\n", r->verdict);
	printf("instance    %s (queue_directory %s, max_idle %llds, max_use %lld, master pid %ld)\n",
	       r->config_dir, r->queue_dir, (long long)r->max_idle_s, (long long)r->max_use, r->master_pid);
	when(a, sizeof(a), r->change_us, TIME_ISO);
	printf("last change %s at %s\n", r->change_file, a);
	if (!strcmp(r->change_file, "main.cf")) {
		if (r->params_known) {
			printf("parameters ");
			if (!r->nchanged)
				printf(" none (content as recorded before)\n");
			for (i = 0; i < r->nchanged; i++)
				printf("%s%s (read by %s)\n", i ? "            " : " ", r->changed[i],
				       pf_param_governor(r->changed[i]));
		} else {
			printf("parameters  unknown: %s\n", r->state_note ? r->state_note : "no record");
		}
	}
	if (r->routing) {
		when(a, sizeof(a), r->routing_effect_us, TIME_CLOCK);
		printf("routing     new answers once trivial-rewrite has been replaced and qmgr's %d s resolve "
		       "cache has expired: about %s\n", PF_QMGR_RESOLVE_CACHE_S, a);
	}
	if (r->nstale && !r->needs_reload) {
		when(a, sizeof(a), r->in_effect_us, TIME_CLOCK);
		printf("in effect   about %s without a reload, if the stale daemons get no new clients\n", a);
	} else if (r->needs_reload) {
		printf("in effect   after 'postfix reload'\n");
	}

	printf("\nfiles\n");
	for (i = 0; i < r->nfiles; i++) {
		const struct pf_file *f = &r->files[i];

		if (!f->exists) {
			printf("  %-9s %-19s %s (missing)\n", f->table_type ? f->table_type : f->role, "-", f->path);
			continue;
		}
		when(a, sizeof(a), f->changed_us, TIME_PLAIN);
		printf("  %-9s %-19s %s%s%s%s\n", f->table_type ? f->table_type : f->role, a, f->path,
		       f->touched ? " (touched, content unchanged)" : "",
		       !f->baseline ? " (first look: mtime)" : "",
		       f->source_newer ? " (source is newer than this index: run postmap)" : "");
	}
	printf("\nprocesses\n  %7s  %-20s %-16s %-8s %-8s  %s\n", "PID", "SERVICE", "DAEMON", "STARTED", "LAST RAN",
	       "VERDICT");
	for (i = 0; i < r->nprocs; i++) {
		const struct pf_proc *p = &r->procs[i];

		when(a, sizeof(a), p->start_us, TIME_CLOCK);
		when(b, sizeof(b), p->last_active_us, TIME_CLOCK);
		proc_detail(detail, sizeof(detail), r, p);
		printf("  %7ld  %-20s %-16s %-8s %-8s  %s\n", p->pid, p->service, p->daemon, a, b, detail);
	}
}

static void json_time(struct json_writer *w, const char *key, int64_t t)
{
	char buf[48];

	json_key(w, key);
	if (!t) {
		json_null(w);
		return;
	}
	time_format(buf, sizeof(buf), t, time_local_offset(t), TIME_ISO, 3);
	json_string(w, buf);
}

static void print_json(const struct pf_stale *r)
{
	struct json_writer w;
	char detail[1024];
	size_t i;

	json_init(&w, stdout, 1);
	json_begin_object(&w);
	json_key(&w, "stale");
	json_bool(&w, r->nstale > 0);
	json_key(&w, "needs_reload");
	json_bool(&w, r->needs_reload);
	json_key(&w, "verdict");
	json_string(&w, r->verdict);
	json_key(&w, "config_directory");
	json_string(&w, r->config_dir);
	json_key(&w, "queue_directory");
	json_string(&w, r->queue_dir);
	json_key(&w, "max_idle_s");
	json_int(&w, r->max_idle_s);
	json_key(&w, "max_use");
	json_int(&w, r->max_use);
	json_key(&w, "master_pid");
	json_int(&w, r->master_pid);
	json_time(&w, "now", r->now_us);
	json_key(&w, "change_file");
	json_string(&w, r->change_file);
	json_time(&w, "change_time", r->change_us);
	json_key(&w, "changed_parameters");
	if (r->params_known && !strcmp(r->change_file, "main.cf")) {
		json_begin_array(&w);
		for (i = 0; i < r->nchanged; i++) {
			json_begin_object(&w);
			json_key(&w, "name");
			json_string(&w, r->changed[i]);
			json_key(&w, "routing");
			json_bool(&w, pf_param_is_routing(r->changed[i]));
			json_key(&w, "governed_by");
			json_string(&w, pf_param_governor(r->changed[i]));
			json_end_object(&w);
		}
		json_end_array(&w);
	} else {
		json_null(&w);
	}
	json_time(&w, "routing_in_effect", r->routing ? r->routing_effect_us : 0);
	json_time(&w, "in_effect_without_reload", r->nstale && !r->needs_reload ? r->in_effect_us : 0);
	json_key(&w, "files");
	json_begin_array(&w);
	for (i = 0; i < r->nfiles; i++) {
		const struct pf_file *f = &r->files[i];

		json_begin_object(&w);
		json_key(&w, "path");
		json_string(&w, f->path);
		json_key(&w, "role");
		json_string(&w, f->role);
		if (f->table_type) {
			json_key(&w, "type");
			json_string(&w, f->table_type);
		}
		json_key(&w, "exists");
		json_bool(&w, f->exists);
		json_time(&w, "mtime", f->exists ? f->mtime_us : 0);
		json_time(&w, "changed", f->exists ? f->changed_us : 0);
		json_key(&w, "content_hash");
		{
			char h[24];

			snprintf(h, sizeof(h), "%016llx", (unsigned long long)f->hash);
			json_string(&w, f->exists ? h : "");
		}
		json_key(&w, "compared_with_record");
		json_bool(&w, f->baseline);
		json_key(&w, "touched_unchanged");
		json_bool(&w, f->touched);
		if (f->indexed) {
			json_key(&w, "source");
			json_string(&w, f->source_path);
			json_key(&w, "source_newer_than_index");
			json_bool(&w, f->source_newer);
		}
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "processes");
	json_begin_array(&w);
	for (i = 0; i < r->nprocs; i++) {
		const struct pf_proc *p = &r->procs[i];

		json_begin_object(&w);
		json_key(&w, "pid");
		json_int(&w, p->pid);
		json_key(&w, "service");
		json_string(&w, p->service);
		json_key(&w, "daemon");
		json_string(&w, p->daemon);
		json_time(&w, "started", p->start_us);
		json_time(&w, "last_ran", p->last_active_us);
		json_key(&w, "persistent");
		json_bool(&w, p->persistent);
		json_key(&w, "verdict");
		json_string(&w, pf_verdict_name(p->verdict));
		json_key(&w, "stale");
		json_bool(&w, p->verdict == PF_REFRESHES || p->verdict == PF_NEEDS_RELOAD);
		json_time(&w, "expected_exit", p->verdict == PF_REFRESHES ? p->expected_exit_us : 0);
		json_key(&w, "detail");
		proc_detail(detail, sizeof(detail), r, p);
		json_string(&w, detail);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_end_object(&w);
	json_finish(&w);
}

static int postfix_stale(int argc, char **argv)
{
	struct pf_stale_options o = { NULL, NULL, 1 };
	int json = 0;
	struct cli_opt options[] = {
		OPT_STRING('c', NULL, &o.config_dir, "CONFIG_DIR", "Postfix configuration directory (default /etc/postfix)"),
		OPT_BOOL(0, "json", &json, "JSON output"),
		OPT_STRING(0, "state", &o.state_dir, "DIR", "where the content record is kept (default /var/lib/kansoku/postfix-stale)"),
		OPT_SET_INT(0, "no-save", &o.save, 0, "do not update the record"),
		OPT_END()
	};
	struct pf_stale r;
	struct kerr err;
	int n, rc;

	n = cli_parse(argc, argv, options, "kansoku postfix stale [-c CONFIG_DIR] [--json] [--state DIR] [--no-save]",
		      "For the running Postfix instance: every daemon process (children of the master\n"
		      "found through queue_directory/pid/master.pid), its service, start time and whether\n"
		      "it predates the last content change of main.cf, master.cf or a lookup table they\n"
		      "name; whether it picks the change up by itself (exits after max_idle without\n"
		      "clients or after max_use clients) or needs 'postfix reload'; which daemon governs\n"
		      "each changed parameter (routing: trivial-rewrite plus qmgr's 30 s resolve cache),\n"
		      "and when the change will be in effect. Content hashes are recorded (--state) so a\n"
		      "touched but unchanged file raises no alarm and changed parameters can be named.\n\n"
		      "Exit status: 0 nothing stale, 1 some process is stale, 2 error (no running Postfix).");
	if (n < 0)
		return cli_parse_status(n);
	if (n > 0)
		return cli_usage_error("unexpected argument '%s'", argv[0]);
	if (pf_stale_run(&r, &o, &err)) {
		pf_stale_release(&r);
		return cli_fail(&err);
	}
	if (r.save_error)
		cli_warn("the content record was not updated, so the next run lacks this baseline: %s",
			 r.save_error);
	if (json)
		print_json(&r);
	else
		print_text(&r);
	rc = r.nstale ? EXIT_FOUND : EXIT_OK;
	pf_stale_release(&r);
	if (fflush(stdout) || ferror(stdout))
		return cli_error("cannot write the output");
	return rc;
}

int cmd_postfix(int argc, char **argv)
{
	static const char usage[] =
		"usage: kansoku postfix stale [-c CONFIG_DIR] [--json] [--state DIR] [--no-save]\n"
		"\n"
		"  stale    which daemons of the running Postfix still use an older configuration,\n"
		"           whether they refresh by themselves or need 'postfix reload', and when\n"
		"           the change is in effect (exit 1 when something is stale)\n";
	cli_command_fn run = NULL;
	struct cli_opt subcommands[] = {
		OPT_SUBCOMMAND("stale", &run, postfix_stale, "which daemons of the running Postfix still use an older configuration"),
		OPT_END()
	};
	int n = cli_parse(argc, argv, subcommands, usage, NULL);

	return n < 0 ? cli_parse_status(n) : run(n, argv);
}
