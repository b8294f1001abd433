/* SPDX-License-Identifier: MIT */
#include "mail/pfstale.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/outfile.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

extern char **environ;

#define CONFIG_MAX (16 * 1024 * 1024)	/* main.cf / master.cf larger than this is not a config */

const char *pf_verdict_name(enum pf_verdict v)
{
	switch (v) {
	case PF_FRESH: return "fresh";
	case PF_UNAFFECTED: return "unaffected";
	case PF_REFRESHES: return "refreshes-itself";
	default: return "needs-reload";
	}
}

static int64_t timespec_us(const struct timespec *t)
{
	return (int64_t)t->tv_sec * TIME_US_PER_SEC + t->tv_nsec / 1000;
}

static int64_t now_us(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return timespec_us(&t);
}

/* Whole small file into a NUL-terminated buffer; -1 with errno. */
static int slurp(const char *path, struct buf *b, size_t max)
{
	char tmp[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	buf_init(b, max);
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		if (buf_add(b, tmp, (size_t)n)) {
			close(fd);
			errno = EFBIG;
			return -1;
		}
	close(fd);
	if (n < 0)
		return -1;
	if (!b->data)
		buf_add(b, "", 0);
	return 0;
}

static uint64_t fnv1a(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static int hash_file(const char *path, uint64_t *hash)
{
	char tmp[65536];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	uint64_t h = 0xcbf29ce484222325ULL;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, tmp, sizeof(tmp))) > 0)
		h = fnv1a(h, tmp, (size_t)n);
	close(fd);
	*hash = h;
	return n < 0 ? -1 : 0;
}

/* `postconf -c DIR -h queue_directory max_idle max_use`: the values Postfix itself uses. */
static int ask_postconf(const char *dir, char *out[3])
{
	char *argv[] = { "postconf", "-c", (char *)dir, "-h", "queue_directory", "max_idle", "max_use", NULL };
	posix_spawn_file_actions_t fa;
	struct buf b = BUF_INIT;
	char tmp[4096];
	int fds[2], status, i;
	pid_t pid;
	ssize_t n;
	char *p;

	if (pipe(fds))
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	/* PATH of a non-root user often lacks /usr/sbin */
	if (posix_spawnp(&pid, "postconf", &fa, NULL, argv, environ) &&
	    posix_spawn(&pid, "/usr/sbin/postconf", &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	buf_init(&b, 1 << 20);
	while ((n = read(fds[0], tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)n);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) || !b.data) {
		buf_release(&b);
		return -1;
	}
	p = b.data;
	for (i = 0; i < 3; i++) {
		char *nl = strchr(p, '\n');

		if (!nl) {
			while (i > 0)
				free(out[--i]);
			buf_release(&b);
			return -1;
		}
		out[i] = xstrndup(p, (size_t)(nl - p));
		p = nl + 1;
	}
	buf_release(&b);
	return 0;
}

int pf_parse_proc_stat(const char *text, long *ppid, unsigned long long *start_ticks)
{
	const char *p = strrchr(text, ')');
	int field;

	if (!p)
		return -1;
	p++;
	/* after "pid (comm)": state is field 3, ppid 4, starttime 22 */
	for (field = 3; field <= 22; field++) {
		while (*p == ' ')
			p++;
		if (!*p)
			return -1;
		if (field == 4)
			*ppid = strtol(p, NULL, 10);
		if (field == 22)
			*start_ticks = strtoull(p, NULL, 10);
		while (*p && *p != ' ')
			p++;
	}
	return 0;
}

void pf_parse_cmdline(const char *argv, size_t len, char *service, size_t ssize, char *daemon,
		      size_t dsize)
{
	const char *p = argv, *end = argv + len, *base, *arg0 = argv;

	base = arg0;
	for (p = arg0; p < end && *p; p++)
		if (*p == '/')
			base = p + 1;
	snprintf(daemon, dsize, "%.*s", (int)(p - base), base);
	snprintf(service, ssize, "%s", daemon);
	while (p < end) {
		const char *a = ++p;

		while (p < end && *p)
			p++;
		if (p - a == 2 && !memcmp(a, "-n", 2) && p + 1 < end) {
			const char *v = p + 1, *q = v;

			while (q < end && *q)
				q++;
			snprintf(service, ssize, "%.*s", (int)(q - v), v);
			return;
		}
	}
}

/* ---- files and the state record ---- */

static struct pf_file *add_file(struct pf_stale *r, const char *path, const char *role)
{
	struct pf_file *f;
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (!strcmp(r->files[i].path, path))
			return NULL;
	r->files = xreallocarray(r->files, r->nfiles + 1, sizeof(*r->files));
	f = &r->files[r->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->role = role;
	return f;
}

static void look_at(struct pf_file *f)
{
	struct stat st;

	if (stat(f->path, &st) || hash_file(f->path, &f->hash))
		return;
	f->exists = 1;
	f->mtime_us = timespec_us(&st.st_mtim);
	f->size = (uint64_t)st.st_size;
	f->changed_us = f->mtime_us;
	if (f->source_path && !stat(f->source_path, &st) && timespec_us(&st.st_mtim) > f->mtime_us)
		f->source_newer = 1;
}

static void table_found(const char *type, const char *path, const char *index_path, void *ctx)
{
	struct pf_stale *r = ctx;
	struct pf_file *f = add_file(r, index_path ? index_path : path, "table");

	if (!f)
		return;
	f->table_type = xstrdup(type);
	f->indexed = index_path != NULL;
	if (index_path)
		f->source_path = xstrdup(path);
}

static char *state_key(const char *config_dir)
{
	struct buf b = BUF_INIT;
	const char *p;

	for (p = config_dir; *p; p++)
		buf_addch(&b, (*p == '/' || *p == ' ') ? '_' : *p);
	if (!b.len)
		buf_adds(&b, "_");
	return buf_detach(&b, NULL);
}

static char *state_path(const struct pf_stale_options *o, const char *key, const char *what)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s/%s.%s", o->state_dir ? o->state_dir : "/var/lib/kansoku/postfix-stale", key, what);
	return buf_detach(&b, NULL);
}

struct saved {
	char *path;
	uint64_t hash;
	int64_t changed_us;
};

static size_t load_state(const char *path, struct saved **out)
{
	struct buf b;
	struct saved *s = NULL;
	size_t n = 0, cap = 0;
	char *line, *save = NULL;

	*out = NULL;
	if (slurp(path, &b, CONFIG_MAX))
		return 0;
	for (line = strtok_r(b.data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long long h;
		long long changed;
		int off = 0;

		if (sscanf(line, "file %llx %lld %n", &h, &changed, &off) != 2 || !off)
			continue;
		XGROW(s, n + 1, cap);
		s[n].hash = h;
		s[n].changed_us = changed;
		s[n].path = xstrdup(line + off);
		n++;
	}
	buf_release(&b);
	*out = s;
	return n;
}

static int write_text(const char *path, const char *text, struct kerr *err)
{
	struct outfile o;

	if (outfile_open(&o, path, err))
		return -1;
	fputs(text, o.f);
	return outfile_commit(&o, err);
}

static int save_state(const struct pf_stale *r, const char *path, struct kerr *err)
{
	struct buf b = BUF_INIT;
	size_t i;
	int rc;

	buf_adds(&b, "# kansoku postfix stale: content of the configuration files at the last look\n");
	for (i = 0; i < r->nfiles; i++)
		if (r->files[i].exists)
			buf_printf(&b, "file %016llx %lld %s\n", (unsigned long long)r->files[i].hash,
				   (long long)r->files[i].changed_us, r->files[i].path);
	rc = write_text(path, buf_str(&b), err);
	buf_release(&b);
	return rc;
}

/* ---- processes ---- */

static void read_small(const char *path, char *out, size_t size, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = -1;

	if (fd >= 0) {
		n = read(fd, out, size - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	out[n] = '\0';
	if (len)
		*len = (size_t)n;
}

static int64_t last_ran_us(long pid, int64_t real_now, int64_t mono_now)
{
	char path[64], text[8192], *p;
	double ms;

	snprintf(path, sizeof(path), "/proc/%ld/sched", pid);
	read_small(path, text, sizeof(text), NULL);
	p = strstr(text, "se.exec_start");
	if (!p || !(p = strchr(p, ':')))
		return 0;
	ms = strtod(p + 1, NULL);
	if (ms <= 0)
		return 0;
	return real_now - (mono_now - (int64_t)(ms * 1000));
}

static int fill_proc(struct pf_proc *pp, long pid, int64_t real_now, int64_t boot_now,
		     int64_t mono_now, long *ppid)
{
	char path[64], text[4096];
	unsigned long long ticks;
	size_t len;
	long hz = sysconf(_SC_CLK_TCK);

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	read_small(path, text, sizeof(text), NULL);
	if (pf_parse_proc_stat(text, ppid, &ticks))
		return -1;
	memset(pp, 0, sizeof(*pp));
	pp->pid = pid;
	/* start time counts clock ticks of CLOCK_BOOTTIME since boot */
	pp->start_us = real_now - (boot_now - (int64_t)(ticks * (unsigned long long)TIME_US_PER_SEC / (unsigned long long)(hz > 0 ? hz : 100)));
	pp->last_active_us = last_ran_us(pid, real_now, mono_now);
	/* the scheduler's clock and CLOCK_MONOTONIC may disagree by a little */
	if (pp->last_active_us && pp->last_active_us < pp->start_us)
		pp->last_active_us = pp->start_us;
	snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
	read_small(path, text, sizeof(text), &len);
	pf_parse_cmdline(text, len, pp->service, sizeof(pp->service), pp->daemon, sizeof(pp->daemon));
	pp->persistent = pf_daemon_is_persistent(pp->daemon);
	return 0;
}

static int cmp_proc(const void *a, const void *b)
{
	const struct pf_proc *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int find_processes(struct pf_stale *r, struct kerr *err)
{
	char path[4096], text[64];
	int64_t real_now = now_us(CLOCK_REALTIME), boot_now = now_us(CLOCK_BOOTTIME),
		mono_now = now_us(CLOCK_MONOTONIC);
	DIR *d;
	struct dirent *e;
	size_t cap = 0;
	long ppid;
	char *end;

	snprintf(path, sizeof(path), "%s/pid/master.pid", r->queue_dir);
	read_small(path, text, sizeof(text), NULL);
	r->master_pid = strtol(text, &end, 10);
	if (r->master_pid <= 0)
		return kerr_set(err, "no running Postfix for '%s': cannot read a pid from '%s'",
				r->config_dir, path);
	snprintf(path, sizeof(path), "/proc/%ld/comm", r->master_pid);
	read_small(path, text, sizeof(text), NULL);
	if (strcmp(text, "master\n"))
		return kerr_set(err, "no running Postfix for '%s': pid %ld from %s/pid/master.pid is not a master process",
				r->config_dir, r->master_pid, r->queue_dir);
	XGROW(r->procs, 1, cap);
	if (fill_proc(&r->procs[0], r->master_pid, real_now, boot_now, mono_now, &ppid))
		return kerr_set(err, "cannot read /proc/%ld", r->master_pid);
	snprintf(r->procs[0].service, sizeof(r->procs[0].service), "master");
	snprintf(r->procs[0].daemon, sizeof(r->procs[0].daemon), "master");
	r->procs[0].persistent = 1;
	r->master_start_us = r->procs[0].start_us;
	r->nprocs = 1;

	if (!(d = opendir("/proc")))
		return kerr_errno(err, errno, "cannot list /proc");
	while ((e = readdir(d))) {
		long pid = strtol(e->d_name, &end, 10);
		struct pf_proc pp;

		if (*end || pid <= 0 || pid == r->master_pid)
			continue;
		if (fill_proc(&pp, pid, real_now, boot_now, mono_now, &ppid) || ppid != r->master_pid)
			continue;
		XGROW(r->procs, r->nprocs + 1, cap);
		r->procs[r->nprocs++] = pp;
	}
	closedir(d);
	qsort(r->procs + 1, r->nprocs - 1, sizeof(*r->procs), cmp_proc);
	/*
	 * master re-reads its configuration on reload without restarting; the
	 * persistent children it starts right then tell when that was.
	 */
	{
		size_t i;

		for (i = 1; i < r->nprocs; i++)
			if ((!strcmp(r->procs[i].daemon, "qmgr") || !strcmp(r->procs[i].daemon, "pickup")) &&
			    r->procs[i].start_us > r->procs[0].start_us)
				r->procs[0].start_us = r->procs[i].start_us - TIME_US_PER_SEC / 2;
	}
	return 0;
}

/* ---- verdicts ---- */

static void fmt_clock(char *out, size_t size, int64_t t)
{
	time_format(out, size, t, time_local_offset(t), TIME_CLOCK, 0);
}

static void judge(struct pf_stale *r)
{
	int64_t tr_exit = 0, self_by = 0;
	size_t i, j;
	int tr_stale = 0;
	struct buf reload = BUF_INIT, self = BUF_INIT;
	char when[48];

	r->nstale = 0;
	r->needs_reload = 0;
	r->in_effect_us = r->change_us;
	for (i = 0; i < r->nprocs; i++) {
		struct pf_proc *p = &r->procs[i];
		size_t k = 0;

		p->uses[0] = '\0';
		if (p->start_us >= r->change_us) {
			p->verdict = PF_FRESH;
			continue;
		}
		if (!strcmp(r->change_file, "master.cf")) {
			/* master.cf is read by master alone, at start and reload */
			p->verdict = (i == 0) ? PF_NEEDS_RELOAD : PF_FRESH;
			if (i == 0)
				snprintf(p->uses, sizeof(p->uses), "master.cf");
		} else if (strcmp(r->change_file, "main.cf")) {
			/* a text lookup table (regexp, pcre, cidr, texthash): read at process start */
			snprintf(p->uses, sizeof(p->uses), "%s", r->change_file);
			p->verdict = p->persistent ? PF_NEEDS_RELOAD : PF_REFRESHES;
		} else if (r->params_known) {
			for (j = 0; j < r->nchanged; j++)
				if (pf_param_used_by(r->changed[j], p->daemon) && k + strlen(r->changed[j]) + 2 < sizeof(p->uses))
					k += (size_t)snprintf(p->uses + k, sizeof(p->uses) - k, "%s%s", k ? " " : "",
							      r->changed[j]);
			if (!k) {
				p->verdict = PF_UNAFFECTED;
				continue;
			}
			p->verdict = p->persistent ? PF_NEEDS_RELOAD : PF_REFRESHES;
		} else {
			snprintf(p->uses, sizeof(p->uses), "%s", "main.cf (changed parameters unknown)");
			p->verdict = p->persistent ? PF_NEEDS_RELOAD : PF_REFRESHES;
		}
		r->nstale++;
		if (p->verdict == PF_NEEDS_RELOAD) {
			r->needs_reload = 1;
			buf_printf(&reload, "%s%s[%ld]", reload.len ? ", " : "", p->service, p->pid);
		} else {
			int64_t idle_from = p->last_active_us > p->start_us ? p->last_active_us : p->start_us;

			p->expected_exit_us = idle_from + r->max_idle_s * TIME_US_PER_SEC;
			if (p->expected_exit_us < r->now_us)
				p->expected_exit_us = r->now_us;
			if (p->expected_exit_us > r->in_effect_us)
				r->in_effect_us = p->expected_exit_us;
			if (p->expected_exit_us > self_by)
				self_by = p->expected_exit_us;
			if (!strcmp(p->daemon, "trivial-rewrite")) {
				tr_stale = 1;
				if (p->expected_exit_us > tr_exit)
					tr_exit = p->expected_exit_us;
			}
			buf_printf(&self, "%s%s[%ld]", self.len ? ", " : "", p->service, p->pid);
		}
	}
	if (r->routing) {
		int64_t base = tr_stale ? tr_exit : r->change_us;

		r->routing_effect_us = base + PF_QMGR_RESOLVE_CACHE_S * TIME_US_PER_SEC;
		if (r->routing_effect_us > r->in_effect_us)
			r->in_effect_us = r->routing_effect_us;
	}

	fmt_clock(when, sizeof(when), r->change_us);
	if (!r->nstale) {
		snprintf(r->verdict, sizeof(r->verdict),
			 "ok: every Postfix process of %s works with the current configuration (last change: %s at %s)",
			 r->config_dir, r->change_file, when);
	} else {
		struct buf v = BUF_INIT;
		char eff[48];

		buf_printf(&v, "stale: %s changed at %s; ", r->change_file, when);
		if (reload.len)
			buf_printf(&v, "needs 'postfix reload': %s", buf_str(&reload));
		if (self.len) {
			fmt_clock(eff, sizeof(eff), self_by);
			buf_printf(&v, "%srefresh by themselves (without new clients, by %s): %s",
				   reload.len ? "; " : "", eff, buf_str(&self));
		}
		if (!reload.len && r->routing) {
			fmt_clock(eff, sizeof(eff), r->routing_effect_us);
			buf_printf(&v, "; routing in effect by %s (trivial-rewrite + qmgr's 30 s cache)", eff);
		}
		snprintf(r->verdict, sizeof(r->verdict), "%s", buf_str(&v));
		buf_release(&v);
	}
	buf_release(&reload);
	buf_release(&self);
}

/* ---- the run ---- */

/* Whether a running process started before t (and may have read what was there before). */
static int older_than(const struct pf_stale *r, int64_t t)
{
	size_t i;

	for (i = 0; i < r->nprocs; i++)
		if (r->procs[i].start_us < t)
			return 1;
	return 0;
}

int pf_stale_run(struct pf_stale *r, const struct pf_stale_options *o, struct kerr *err)
{
	struct buf main_text, master_text;
	char *values[3] = { NULL, NULL, NULL };
	char *key = NULL, *st_path = NULL, *before_path = NULL, *now_path = NULL;
	struct saved *saved = NULL;
	size_t nsaved = 0, i;
	struct pf_file *mainf, *masterf;
	int rc = -1, main_content_changed = 0;

	memset(r, 0, sizeof(*r));
	r->config_dir = xstrdup(o->config_dir ? o->config_dir : "/etc/postfix");
	r->now_us = now_us(CLOCK_REALTIME);
	{
		struct buf p = BUF_INIT;

		buf_printf(&p, "%s/main.cf", r->config_dir);
		if (slurp(p.data, &main_text, CONFIG_MAX)) {
			kerr_errno(err, errno, "cannot read '%s'", p.data);
			buf_release(&p);
			return -1;
		}
		buf_reset(&p);
		buf_printf(&p, "%s/master.cf", r->config_dir);
		if (slurp(p.data, &master_text, CONFIG_MAX))
			buf_init(&master_text, 0);
		buf_release(&p);
	}
	pf_maincf_parse(&r->now, main_text.data, main_text.len);
	r->now_text = buf_detach(&main_text, NULL);

	if (!ask_postconf(r->config_dir, values)) {
		r->queue_dir = values[0];
	} else {
		const char *q = pf_maincf_get(&r->now, "queue_directory");

		r->queue_dir = xstrdup(q && !strchr(q, '$') ? q : "/var/spool/postfix");
		values[1] = xstrdup(pf_maincf_get(&r->now, "max_idle") ? pf_maincf_get(&r->now, "max_idle") : "100s");
		values[2] = xstrdup(pf_maincf_get(&r->now, "max_use") ? pf_maincf_get(&r->now, "max_use") : "100");
	}
	if (pf_parse_duration(values[1], &r->max_idle_s))
		r->max_idle_s = 100;
	r->max_use = strtoll(values[2], NULL, 10);
	free(values[1]);
	free(values[2]);

	if (find_processes(r, err))
		goto out;

	/* the files */
	{
		struct buf p = BUF_INIT;

		buf_printf(&p, "%s/main.cf", r->config_dir);
		add_file(r, p.data, "main.cf");
		buf_reset(&p);
		buf_printf(&p, "%s/master.cf", r->config_dir);
		add_file(r, p.data, "master.cf");
		buf_release(&p);
	}
	for (i = 0; i < r->now.n; i++)
		pf_tables_scan(r->now.p[i].value, table_found, r);
	if (master_text.data)
		pf_tables_scan(master_text.data, table_found, r);
	for (i = 0; i < r->nfiles; i++)
		look_at(&r->files[i]);
	mainf = &r->files[0];
	masterf = &r->files[1];

	/* compare with the record of the last look */
	key = state_key(r->config_dir);
	st_path = state_path(o, key, "state");
	before_path = state_path(o, key, "main.cf.before");
	now_path = state_path(o, key, "main.cf.now");
	nsaved = load_state(st_path, &saved);
	for (i = 0; i < r->nfiles; i++) {
		struct pf_file *f = &r->files[i];
		size_t k;

		for (k = 0; k < nsaved; k++)
			if (!strcmp(saved[k].path, f->path))
				break;
		if (k == nsaved || !f->exists)
			continue;
		f->baseline = 1;
		if (saved[k].hash == f->hash) {
			f->touched = f->mtime_us != saved[k].changed_us;
			f->changed_us = saved[k].changed_us;
		} else if (f == mainf) {
			main_content_changed = 1;
		}
	}
	if (mainf->baseline) {
		struct buf prev;

		if (main_content_changed) {
			/* the content recorded last time is what the older processes read */
			if (!slurp(now_path, &prev, CONFIG_MAX)) {
				r->before_text = buf_detach(&prev, NULL);
				r->params_known = 1;
			}
		} else if (!slurp(before_path, &prev, CONFIG_MAX)) {
			r->before_text = buf_detach(&prev, NULL);
			r->params_known = 1;
		}
	}
	if (!r->params_known && mainf->exists && !older_than(r, mainf->changed_us)) {
		/*
		 * No earlier content on record (a first look, or later looks while
		 * main.cf kept the content that look found), but every process
		 * started after main.cf was last written: all read what is there now.
		 */
		r->before_text = xstrdup(r->now_text);
		r->params_known = 1;
		r->state_note = xstrdup("every running process started after main.cf was last written");
	}
	if (r->params_known) {
		pf_maincf_parse(&r->before, r->before_text, strlen(r->before_text));
		r->nchanged = pf_maincf_diff(&r->before, &r->now, &r->changed);
		for (i = 0; i < r->nchanged; i++)
			if (pf_param_is_routing(r->changed[i]))
				r->routing = 1;
	} else {
		r->state_note = xstrdup(nsaved ? "main.cf was not in the record: its mtime is taken as the change"
					: "first look (no record of earlier content): each file's mtime is taken as its change");
	}

	/* the latest change processes must re-read: main.cf, master.cf, text tables */
	r->change_us = mainf->changed_us;
	r->change_file = "main.cf";
	if (masterf->exists && masterf->changed_us > r->change_us) {
		r->change_us = masterf->changed_us;
		r->change_file = "master.cf";
	}
	for (i = 2; i < r->nfiles; i++)
		if (r->files[i].exists && !r->files[i].indexed && r->files[i].changed_us > r->change_us) {
			r->change_us = r->files[i].changed_us;
			r->change_file = r->files[i].path;
		}
	if (strcmp(r->change_file, "main.cf")) {
		/* a newer master.cf or table change: the main.cf diff does not describe it */
		r->nchanged = 0;
		r->routing = 0;
	}
	judge(r);

	if (o->save) {
		/* a record that cannot be written costs the next run its baseline, not this answer */
		struct kerr serr;

		if (!o->state_dir && !mkdir("/var/lib/kansoku", 0755))
			mkdir("/var/lib/kansoku/postfix-stale", 0755);
		else if (!o->state_dir)
			mkdir("/var/lib/kansoku/postfix-stale", 0755);
		else
			mkdir(o->state_dir, 0755);
		if (save_state(r, st_path, &serr) ||
		    (main_content_changed && r->before_text && write_text(before_path, r->before_text, &serr)) ||
		    ((main_content_changed || !mainf->baseline) && write_text(now_path, r->now_text, &serr)))
			r->save_error = xstrdup(serr.msg);
		else if (!mainf->baseline)
			unlink(before_path);	/* a first look knows no earlier content */
	}
	rc = 0;
out:
	for (i = 0; i < nsaved; i++)
		free(saved[i].path);
	free(saved);
	free(key);
	free(st_path);
	free(before_path);
	free(now_path);
	buf_release(&master_text);
	return rc;
}

void pf_stale_release(struct pf_stale *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++) {
		free(r->files[i].path);
		free(r->files[i].table_type);
		free(r->files[i].source_path);
	}
	free(r->files);
	free(r->procs);
	free(r->changed);
	free(r->config_dir);
	free(r->queue_dir);
	free(r->state_note);
	free(r->save_error);
	free(r->before_text);
	free(r->now_text);
	pf_maincf_release(&r->before);
	pf_maincf_release(&r->now);
	memset(r, 0, sizeof(*r));
}
