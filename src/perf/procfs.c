/* SPDX-License-Identifier: MIT */
#include "perf/procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xalloc.h"

/* A read-only cursor over [p, end): every accessor checks the end first. */
struct cur {
	const char *p, *end;
};

static int at_end(const struct cur *c)
{
	return c->p >= c->end;
}

static int peek(const struct cur *c)
{
	return c->p < c->end ? (unsigned char)*c->p : -1;
}

static void skip_blanks(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t'))
		c->p++;
}

/* Moves past the next '\n' (or to the end). */
static void next_line(struct cur *c)
{
	const char *nl = c->p < c->end ? memchr(c->p, '\n', (size_t)(c->end - c->p)) : NULL;
	c->p = nl ? nl + 1 : c->end;
}

/* The current line without its '\n'; does not move. */
static struct cur line_of(const struct cur *c)
{
	struct cur l = *c;
	const char *nl = c->p < c->end ? memchr(c->p, '\n', (size_t)(c->end - c->p)) : NULL;

	if (nl)
		l.end = nl;
	return l;
}

/* An unsigned decimal after optional blanks; -1 when absent or past 2^64-1. */
static int get_u64(struct cur *c, uint64_t *out)
{
	uint64_t v = 0;
	int d = 0;

	skip_blanks(c);
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
		unsigned digit = (unsigned)(*c->p - '0');
		if (v > (UINT64_MAX - digit) / 10)
			return -1;
		v = v * 10 + digit;
		c->p++;
		d++;
	}
	if (!d)
		return -1;
	*out = v;
	return 0;
}

/* A run of non-blank characters into out (NUL-terminated); -1 when empty or too long. */
static int get_word(struct cur *c, char *out, size_t size)
{
	size_t n = 0;

	skip_blanks(c);
	while (c->p < c->end && *c->p != ' ' && *c->p != '\t' && *c->p != '\n') {
		if (n + 1 >= size)
			return -1;
		out[n++] = *c->p++;
	}
	out[n] = '\0';
	return n ? 0 : -1;
}

/* Does the cursor start with the word `w` followed by a blank (or the end)? */
static int starts_word(const struct cur *c, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n))
		return 0;
	return c->p + n == c->end || c->p[n] == ' ' || c->p[n] == '\t' || c->p[n] == '\n';
}

/* "12.34" as written by the kernel for load averages. */
static int get_fixed(struct cur *c, double *out)
{
	uint64_t ip, fp = 0;
	double scale = 1;

	if (get_u64(c, &ip))
		return -1;
	if (peek(c) == '.') {
		c->p++;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9' && scale < 1e12) {
			fp = fp * 10 + (uint64_t)(*c->p - '0');
			scale *= 10;
			c->p++;
		}
	}
	*out = (double)ip + (double)fp / scale;
	return 0;
}

int procfs_read(const char *path, struct buf *b, size_t max, struct kerr *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	buf_reset(b);
	if (fd < 0)
		return kerr_errno(err, errno, "cannot open '%s'", path);
	for (;;) {
		if (buf_grow(b, 4096)) {
			close(fd);
			return kerr_set(err, "'%s' is larger than %zu bytes", path, max);
		}
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			close(fd);
			return kerr_errno(err, e, "cannot read '%s'", path);
		}
		if (n == 0)
			break;
		b->len += (size_t)n;
		if (b->len > max) {
			close(fd);
			return kerr_set(err, "'%s' is larger than %zu bytes", path, max);
		}
	}
	b->data[b->len] = '\0';
	close(fd);
	return 0;
}

/* ------------------------------------------------------------ /proc/stat */

/* "cpu  1 2 3 4 [5 6 7 [8 [9 [10]]]]": fields the kernel did not have yet stay 0. */
static int parse_cpu_line(struct cur *l, struct procfs_cpu *cpu)
{
	uint64_t *f[8] = { &cpu->user, &cpu->nice, &cpu->system, &cpu->idle,
			   &cpu->iowait, &cpu->irq, &cpu->softirq, &cpu->steal };
	uint64_t ignored;
	int i;

	for (i = 0; i < 8; i++) {
		*f[i] = 0;
		if (get_u64(l, f[i])) {
			if (i < 4)
				return -1;
			break;
		}
	}
	/* guest and guest_nice are already counted in user and nice */
	while (!get_u64(l, &ignored))
		;
	skip_blanks(l);
	return at_end(l) ? 0 : -1;
}

int procfs_parse_stat(const char *p, size_t len, struct procfs_stat *out)
{
	struct cur c = { p, p + len };
	int have_total = 0;

	out->ncpus = 0;
	out->ctxt = out->intr = out->processes = out->running = out->blocked = 0;
	memset(&out->total, 0, sizeof(out->total));
	while (!at_end(&c)) {
		struct cur l = line_of(&c);
		char word[32];

		if (!get_word(&l, word, sizeof(word))) {
			if (!strcmp(word, "cpu")) {
				out->total.id = -1;
				if (parse_cpu_line(&l, &out->total))
					return -1;
				have_total = 1;
			} else if (!strncmp(word, "cpu", 3) && word[3] >= '0' && word[3] <= '9') {
				struct cur n = { word + 3, word + strlen(word) };
				uint64_t id;
				struct procfs_cpu cpu;
				if (get_u64(&n, &id) || !at_end(&n) || id > 1u << 20)
					return -1;
				cpu.id = (int)id;
				if (parse_cpu_line(&l, &cpu))
					return -1;
				XGROW(out->cpus, out->ncpus + 1, out->cpus_cap);
				out->cpus[out->ncpus++] = cpu;
			} else if (!strcmp(word, "ctxt")) {
				if (get_u64(&l, &out->ctxt))
					return -1;
			} else if (!strcmp(word, "intr")) {
				if (get_u64(&l, &out->intr))	/* the total; per-source counts follow */
					return -1;
			} else if (!strcmp(word, "processes")) {
				if (get_u64(&l, &out->processes))
					return -1;
			} else if (!strcmp(word, "procs_running")) {
				if (get_u64(&l, &out->running))
					return -1;
			} else if (!strcmp(word, "procs_blocked")) {
				if (get_u64(&l, &out->blocked))
					return -1;
			}
		}
		next_line(&c);
	}
	return have_total ? 0 : -1;
}

void procfs_stat_release(struct procfs_stat *st)
{
	free(st->cpus);
	memset(st, 0, sizeof(*st));
}

int procfs_parse_loadavg(const char *p, size_t len, struct procfs_loadavg *out)
{
	struct cur c = { p, p + len };

	if (get_fixed(&c, &out->load1) || get_fixed(&c, &out->load5) ||
	    get_fixed(&c, &out->load15))
		return -1;
	return 0;
}

/* ------------------------------------------------------------ meminfo, vmstat */

int procfs_parse_meminfo(const char *p, size_t len, struct procfs_meminfo *out)
{
	static const struct {
		const char *key;
		size_t off;
	} keys[] = {
		{ "MemTotal:", offsetof(struct procfs_meminfo, total) },
		{ "MemFree:", offsetof(struct procfs_meminfo, free) },
		{ "MemAvailable:", offsetof(struct procfs_meminfo, available) },
		{ "Buffers:", offsetof(struct procfs_meminfo, buffers) },
		{ "Cached:", offsetof(struct procfs_meminfo, cached) },
		{ "SwapTotal:", offsetof(struct procfs_meminfo, swap_total) },
		{ "SwapFree:", offsetof(struct procfs_meminfo, swap_free) },
	};
	struct cur c = { p, p + len };
	unsigned seen = 0;
	size_t k;

	memset(out, 0, sizeof(*out));
	while (!at_end(&c)) {
		struct cur l = line_of(&c);
		char word[64];

		if (!get_word(&l, word, sizeof(word)))
			for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
				if (!strcmp(word, keys[k].key)) {
					uint64_t *v = (uint64_t *)((char *)out + keys[k].off);
					if (get_u64(&l, v))
						return -1;
					seen |= 1u << k;
				}
		next_line(&c);
	}
	out->has_available = (seen & 4) != 0;
	return (seen & 3) == 3 ? 0 : -1;
}

int procfs_parse_vmstat(const char *p, size_t len, struct procfs_vmstat *out)
{
	struct cur c = { p, p + len };

	memset(out, 0, sizeof(*out));
	while (!at_end(&c)) {
		struct cur l = line_of(&c);
		uint64_t *v = NULL;

		if (starts_word(&l, "pswpin"))
			v = &out->pswpin;
		else if (starts_word(&l, "pswpout"))
			v = &out->pswpout;
		else if (starts_word(&l, "pgmajfault"))
			v = &out->pgmajfault;
		if (v) {
			char word[32];
			if (get_word(&l, word, sizeof(word)) || get_u64(&l, v))
				return -1;
		}
		next_line(&c);
	}
	return 0;
}

/* ------------------------------------------------------------ diskstats, net/dev */

int procfs_parse_diskstats(const char *p, size_t len, struct procfs_disk **out, size_t *n,
			   size_t *cap)
{
	struct cur c = { p, p + len };

	*n = 0;
	while (!at_end(&c)) {
		struct cur l = line_of(&c);
		struct procfs_disk d;
		uint64_t mj, mn, f[11];
		int i, ok = !get_u64(&l, &mj) && !get_u64(&l, &mn) && mj <= 0xffffffffu &&
			    mn <= 0xffffffffu && !get_word(&l, d.name, sizeof(d.name));

		for (i = 0; ok && i < 11; i++)
			ok = !get_u64(&l, &f[i]);
		if (ok) {
			d.major = (unsigned)mj;
			d.minor = (unsigned)mn;
			d.reads = f[0];
			d.read_sectors = f[2];
			d.read_ms = f[3];
			d.writes = f[4];
			d.write_sectors = f[6];
			d.write_ms = f[7];
			d.in_flight = f[8];
			d.io_ms = f[9];
			d.weighted_ms = f[10];
			XGROW(*out, *n + 1, *cap);
			(*out)[(*n)++] = d;
		}
		next_line(&c);
	}
	return (int)*n;
}

int procfs_parse_netdev(const char *p, size_t len, struct procfs_net **out, size_t *n,
			size_t *cap)
{
	struct cur c = { p, p + len };

	*n = 0;
	while (!at_end(&c)) {
		struct cur l = line_of(&c);
		const char *colon = l.p < l.end ? memchr(l.p, ':', (size_t)(l.end - l.p)) : NULL;
		struct procfs_net d;
		uint64_t f[16];
		size_t nl;
		int i, ok = colon != NULL;

		if (ok) {
			/* "  eth0: 123 ..." (older kernels: "eth0:123") */
			skip_blanks(&l);
			nl = (size_t)(colon - l.p);
			ok = nl > 0 && nl < sizeof(d.name) && !memchr(l.p, ' ', nl);
			if (ok) {
				memcpy(d.name, l.p, nl);
				d.name[nl] = '\0';
				l.p = colon + 1;
			}
		}
		for (i = 0; ok && i < 16; i++)
			ok = !get_u64(&l, &f[i]);
		if (ok) {
			d.rx_bytes = f[0];
			d.rx_packets = f[1];
			d.rx_errs = f[2];
			d.rx_drop = f[3];
			d.tx_bytes = f[8];
			d.tx_packets = f[9];
			d.tx_errs = f[10];
			d.tx_drop = f[11];
			XGROW(*out, *n + 1, *cap);
			(*out)[(*n)++] = d;
		}
		next_line(&c);
	}
	return (int)*n;
}

/* ------------------------------------------------------------ /proc/PID/stat */

int procfs_parse_pid_stat(const char *p, size_t len, struct procfs_pid *out)
{
	struct cur c = { p, p + len };
	const char *open, *close;
	uint64_t pid, v;
	size_t n;
	int field;

	if (get_u64(&c, &pid) || pid > 0x7fffffff)
		return -1;
	skip_blanks(&c);
	if (peek(&c) != '(')
		return -1;
	open = c.p;
	/* comm ends at the LAST ')': a command may call itself "a) b" */
	for (close = c.end; close > open && close[-1] != ')'; close--)
		;
	if (close <= open + 1)
		return -1;
	close--;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(out->comm))
		n = sizeof(out->comm) - 1;
	memcpy(out->comm, open + 1, n);
	out->comm[n] = '\0';
	out->pid = (int)pid;
	c.p = close + 1;
	/* field 3 is the state letter, then numbers (some negative: priority, nice) */
	skip_blanks(&c);
	if (at_end(&c))
		return -1;
	c.p++;
	for (field = 4; field <= 24; field++) {
		skip_blanks(&c);
		if (peek(&c) == '-')
			c.p++;
		if (get_u64(&c, &v))
			return -1;
		switch (field) {
		case 14: out->utime = v; break;
		case 15: out->stime = v; break;
		case 20: out->threads = v; break;
		case 22: out->starttime = v; break;
		case 24: out->rss_pages = v; break;
		default: break;
		}
	}
	return 0;
}
