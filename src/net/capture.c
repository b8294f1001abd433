/* SPDX-License-Identifier: MIT */
/* libpcap wrapper: files, live capture, filters, output files, devices. */
#include "net/capture.h"

#include <errno.h>
#include <grp.h>
#include <pcap/pcap.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

struct capture {
	pcap_t *p;
	pcap_dumper_t *dumper;
	volatile sig_atomic_t breaks;	/* capture_break() calls so far */
	int draining;
	int64_t drain_until_us;		/* monotonic deadline while draining */
	int timeout_ms;
	int live;
	int nano;
	char *name;
	char *iobuf;		/* stdio buffer of a capture file we opened */
	uint64_t packets;	/* read so far */
	int64_t next_off;	/* file offset of the next record (-1: unknown, a pipe) */
};

static struct capture *capture_new(pcap_t *p, const char *name, int live, int nano)
{
	struct capture *c = xcalloc(1, sizeof(*c));

	c->p = p;
	c->live = live;
	c->nano = nano;
	c->name = xstrdup(name);
	c->next_off = -1;
	return c;
}

/* Reads of this size: stdio's default 4 KiB is a system call every few packets. */
#define CAPTURE_FILE_BUFFER (256 * 1024)

int capture_open_file(struct capture **out, const char *path, int nano, struct kerr *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	unsigned prec = nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
	char *iobuf = NULL;
	FILE *f;
	pcap_t *p;

	if (!strcmp(path, "-")) {
		f = stdin;	/* someone may have read it already: its buffer stays */
	} else {
		f = fopen(path, "rb");
		if (!f)
			return kerr_set(err, "%s: %s", path, strerror(errno));
		iobuf = xmalloc(CAPTURE_FILE_BUFFER);
		setvbuf(f, iobuf, _IOFBF, CAPTURE_FILE_BUFFER);
	}
	p = pcap_fopen_offline_with_tstamp_precision(f, prec, ebuf);
	if (!p) {
		if (f != stdin)
			fclose(f);
		free(iobuf);
		/* libpcap's messages already name the problem; add the file */
		if (strstr(ebuf, path))
			return kerr_set(err, "%s", ebuf);
		return kerr_set(err, "%s: %s", path, ebuf);
	}
	*out = capture_new(p, path, 0, nano);
	(*out)->iobuf = iobuf;
	(*out)->next_off = ftello(f);
	/*
	 * glibc's ftello() asks the kernel (lseek) on every call until the
	 * stream has been positioned once; seeking to where it stands makes it
	 * keep the offset itself, so the per-packet ftello() below is free (a
	 * system call per packet was half the time of reading a large file).
	 */
	if ((*out)->next_off >= 0 && fseeko(f, (*out)->next_off, SEEK_SET) != 0)
		(*out)->next_off = -1;
	return 0;
}

int capture_open_stream(struct capture **out, FILE *f, const char *name, int nano,
			struct kerr *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	unsigned prec = nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
	pcap_t *p = pcap_fopen_offline_with_tstamp_precision(f, prec, ebuf);

	if (!p) {
		fclose(f);
		return kerr_set(err, "%s: %s", name, ebuf);
	}
	*out = capture_new(p, name, 0, nano);
	return 0;
}

int capture_open_live(struct capture **out, const char *device,
		      const struct capture_live_opts *o, const char **warning, struct kerr *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_create(device, ebuf);
	int rc;

	*warning = NULL;
	if (!p)
		return kerr_set(err, "%s: %s", device, ebuf);
	pcap_set_snaplen(p, o->snaplen > 0 ? o->snaplen : 262144);
	pcap_set_promisc(p, o->promisc);
	pcap_set_timeout(p, o->timeout_ms > 0 ? o->timeout_ms : 1000);
	if (o->buffer_kib > 0)
		pcap_set_buffer_size(p, o->buffer_kib * 1024);
	if (o->immediate)
		pcap_set_immediate_mode(p, 1);
	if (o->nano && pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO) != 0) {
		pcap_close(p);
		return kerr_set(err, "%s: this interface cannot give nanosecond time stamps", device);
	}
	rc = pcap_activate(p);
	if (rc < 0) {
		const char *why = pcap_geterr(p);

		switch (rc) {
		case PCAP_ERROR_NO_SUCH_DEVICE:
			kerr_set(err, "%s: no such device (%s)", device, why);
			break;
		case PCAP_ERROR_PERM_DENIED:
			kerr_set(err, "%s: you don't have permission to capture on that device (%s)",
				 device, why);
			break;
		default:
			kerr_set(err, "%s: %s", device, why && *why ? why : pcap_statustostr(rc));
			break;
		}
		pcap_close(p);
		return -1;
	}
	if (rc > 0)
		*warning = rc == PCAP_WARNING_PROMISC_NOTSUP ? "promiscuous mode not supported"
							     : "libpcap warning while activating";
	*out = capture_new(p, device, 1, o->nano);
	(*out)->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 1000;
	return 0;
}

void capture_close(struct capture *c)
{
	if (!c)
		return;
	if (c->dumper)
		pcap_dump_close(c->dumper);
	pcap_close(c->p);
	free(c->iobuf);
	free(c->name);
	free(c);
}

int capture_set_filter(struct capture *c, const char *expr, struct kerr *err)
{
	struct bpf_program prog;
	bpf_u_int32 net = 0, mask = PCAP_NETMASK_UNKNOWN;
	char ebuf[PCAP_ERRBUF_SIZE];

	if (!expr || !*expr)
		return 0;
	if (c->live && pcap_lookupnet(c->name, &net, &mask, ebuf) < 0) {
		net = 0;
		mask = PCAP_NETMASK_UNKNOWN;
	}
	if (pcap_compile(c->p, &prog, expr, 1, mask) < 0)
		return kerr_set(err, "bad filter '%s': %s", expr, pcap_geterr(c->p));
	if (pcap_setfilter(c->p, &prog) < 0) {
		pcap_freecode(&prog);
		return kerr_set(err, "cannot install filter '%s': %s", expr, pcap_geterr(c->p));
	}
	pcap_freecode(&prog);
	return 0;
}

int capture_datalink(const struct capture *c)
{
	return pcap_datalink(c->p);
}

const char *capture_datalink_name(const struct capture *c)
{
	const char *s = pcap_datalink_val_to_name(pcap_datalink(c->p));

	return s ? s : "unknown";
}

const char *capture_datalink_description(const struct capture *c)
{
	const char *s = pcap_datalink_val_to_description(pcap_datalink(c->p));

	return s ? s : "unknown";
}

int capture_snaplen(const struct capture *c)
{
	return pcap_snapshot(c->p);
}

int capture_next(struct capture *c, struct capture_pkt *p, struct kerr *err)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc;

again:
	rc = pcap_next_ex(c->p, &h, &data);
	/*
	 * Stopping a live capture: the kernel hands packets to libpcap in
	 * blocks, and a block that is not full yet is handed over only when the
	 * read timeout retires it. Breaking out at once would lose packets that
	 * were already captured (and counted as "received by filter"), so the
	 * first break keeps reading, without blocking, for one read timeout
	 * (plus a margin). A second break stops at once.
	 */
	if (c->live && rc == PCAP_ERROR_BREAK && c->breaks == 1 && !c->draining) {
		char ebuf[PCAP_ERRBUF_SIZE];

		c->draining = 1;
		c->drain_until_us = time_mono_us() + (int64_t)(c->timeout_ms + 100) * 1000;
		pcap_setnonblock(c->p, 1, ebuf);
		goto again;
	}
	if (c->draining && rc == 0) {
		struct timespec pause = { 0, 10 * 1000 * 1000 };

		if (time_mono_us() >= c->drain_until_us)
			return 0;
		nanosleep(&pause, NULL);
		goto again;
	}

	switch (rc) {
	case 1:
		p->ts_sec = h->ts.tv_sec;
		p->ts_frac = (uint32_t)h->ts.tv_usec;
		p->caplen = h->caplen;
		p->len = h->len;
		p->data = data;
		p->hdr = h;
		c->packets++;
		if (c->next_off >= 0)	/* stdio keeps the offset: no system call */
			c->next_off = ftello(pcap_file(c->p));
		return 1;
	case 0:
		return 2;
	case PCAP_ERROR_BREAK:
		return 0;
	default:
		/* a damaged file: say where, since libpcap's message does not */
		if (!c->live && c->next_off >= 0)
			return kerr_set(err, "%s: packet %llu at byte %lld: %s", c->name,
					(unsigned long long)c->packets + 1, (long long)c->next_off,
					pcap_geterr(c->p));
		if (!c->live)
			return kerr_set(err, "%s: packet %llu: %s", c->name,
					(unsigned long long)c->packets + 1, pcap_geterr(c->p));
		return kerr_set(err, "%s: %s", c->name, pcap_geterr(c->p));
	}
}

void capture_break(struct capture *c)
{
	c->breaks++;
	pcap_breakloop(c->p);
}

int capture_stats(struct capture *c, unsigned *recv, unsigned *drop, unsigned *ifdrop)
{
	struct pcap_stat st;

	if (!c->live || pcap_stats(c->p, &st) < 0)
		return -1;
	*recv = st.ps_recv;
	*drop = st.ps_drop;
	*ifdrop = st.ps_ifdrop;
	return 0;
}

int capture_dump_open(struct capture *c, const char *path, struct kerr *err)
{
	/*
	 * Written in place, not through a temporary file: like tcpdump's -w,
	 * the file grows while capturing (readable with -U as packets come),
	 * and what was captured before an interruption stays on disk.
	 */
	c->dumper = pcap_dump_open(c->p, path);
	if (!c->dumper)
		return kerr_set(err, "%s: %s", path, pcap_geterr(c->p));
	return 0;
}

void capture_dump(struct capture *c, const struct capture_pkt *p)
{
	pcap_dump((u_char *)c->dumper, (const struct pcap_pkthdr *)p->hdr, p->data);
}

int capture_dump_flush(struct capture *c, struct kerr *err)
{
	if (c->dumper && pcap_dump_flush(c->dumper) < 0)
		return kerr_errno(err, errno, "writing the capture file");
	return 0;
}

int capture_dump_close(struct capture *c, struct kerr *err)
{
	int rc = 0;

	if (!c->dumper)
		return 0;
	if (pcap_dump_flush(c->dumper) < 0)
		rc = kerr_errno(err, errno, "writing the capture file");
	pcap_dump_close(c->dumper);
	c->dumper = NULL;
	return rc;
}

static void append_flag(struct buf *b, int *first, const char *s)
{
	buf_adds(b, *first ? "" : ", ");
	buf_adds(b, s);
	*first = 0;
}

int capture_list_devices(struct capture_dev **devs, size_t *n, struct kerr *err)
{
	pcap_if_t *all, *d;
	char ebuf[PCAP_ERRBUF_SIZE];
	size_t cap = 0;

	*devs = NULL;
	*n = 0;
	if (pcap_findalldevs(&all, ebuf) < 0)
		return kerr_set(err, "cannot list interfaces: %s", ebuf);
	for (d = all; d; d = d->next) {
		struct buf b = BUF_INIT;
		int first = 1;

		buf_adds(&b, d->name);
		if (d->description)
			buf_printf(&b, " (%s)", d->description);
		if (d->flags) {
			buf_adds(&b, " [");
			if (d->flags & PCAP_IF_UP)
				append_flag(&b, &first, "Up");
			if (d->flags & PCAP_IF_RUNNING)
				append_flag(&b, &first, "Running");
			if (d->flags & PCAP_IF_LOOPBACK)
				append_flag(&b, &first, "Loopback");
			if (d->flags & PCAP_IF_WIRELESS)
				append_flag(&b, &first, "Wireless");
			if (first)
				buf_adds(&b, "none");
			switch (d->flags & PCAP_IF_CONNECTION_STATUS) {
			case PCAP_IF_CONNECTION_STATUS_UNKNOWN:
				buf_adds(&b, d->flags & PCAP_IF_WIRELESS ? ", Association status unknown"
									 : ", Connection status unknown");
				break;
			case PCAP_IF_CONNECTION_STATUS_CONNECTED:
				buf_adds(&b, d->flags & PCAP_IF_WIRELESS ? ", Associated" : ", Connected");
				break;
			case PCAP_IF_CONNECTION_STATUS_DISCONNECTED:
				buf_adds(&b, d->flags & PCAP_IF_WIRELESS ? ", Not associated"
									 : ", Disconnected");
				break;
			default:
				break;
			}
			buf_adds(&b, "]");
		}
		XGROW(*devs, *n + 1, cap);
		(*devs)[*n].name = xstrdup(d->name);
		(*devs)[*n].line = buf_detach(&b, NULL);
		(*n)++;
	}
	pcap_freealldevs(all);
	return 0;
}

void capture_free_devices(struct capture_dev *devs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(devs[i].name);
		free(devs[i].line);
	}
	free(devs);
}

int capture_resolve_device(const char *arg, char **name, struct kerr *err)
{
	char *end;
	long num;
	struct capture_dev *devs;
	size_t n;

	errno = 0;
	num = strtol(arg, &end, 10);
	if (end == arg || *end || errno) {
		*name = xstrdup(arg);
		return 0;
	}
	if (num <= 0)
		return kerr_set(err, "invalid adapter index %s", arg);
	if (capture_list_devices(&devs, &n, err))
		return -1;
	if ((size_t)num > n) {
		capture_free_devices(devs, n);
		return kerr_set(err, "invalid adapter index %ld: there are %zu interfaces", num, n);
	}
	*name = xstrdup(devs[num - 1].name);
	capture_free_devices(devs, n);
	return 0;
}

int capture_drop_privileges(const char *user, struct kerr *err)
{
	struct passwd *pw;
	const char *who = user ? user : "tcpdump";

	if (getuid() != 0 && geteuid() != 0)
		return 0;
	pw = getpwnam(who);
	if (!pw) {
		if (!user)
			return 0;	/* no default account: keep running as we are, as tcpdump would not start */
		return kerr_set(err, "cannot find user '%s'", who);
	}
	if (pw->pw_uid == 0)
		return 0;
	if (initgroups(pw->pw_name, pw->pw_gid) != 0 || setgid(pw->pw_gid) != 0 ||
	    setuid(pw->pw_uid) != 0)
		return kerr_errno(err, errno, "cannot change to user '%s'", who);
	return 0;
}
