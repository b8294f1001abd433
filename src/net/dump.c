/* SPDX-License-Identifier: MIT */
/* The capture-and-print run of `kansoku dump`: see dump.h. */
#include "net/dump.h"

#include <errno.h>
#include <string.h>

#include "core/xalloc.h"

static const char *plural(unsigned n)
{
	return n == 1 ? "" : "s";
}

int dump_list_devices(FILE *out, struct kerr *e)
{
	struct capture_dev *devs;
	size_t n, i;

	if (capture_list_devices(&devs, &n, e))
		return -1;
	if (n == 0) {
		capture_free_devices(devs, n);
		return kerr_set(e, "no interfaces found (capturing may need root)");
	}
	for (i = 0; i < n; i++)
		fprintf(out, "%zu.%s\n", i + 1, devs[i].line);
	capture_free_devices(devs, n);
	return 0;
}

int dump_filter(struct buf *filter, const char *ffile, int nargs, char **args, struct kerr *e)
{
	int i;

	if (ffile) {
		FILE *f = fopen(ffile, "r");
		char line[4096];

		if (!f)
			return kerr_set(e, "%s: %s", ffile, strerror(errno));
		while (fgets(line, sizeof(line), f)) {
			char *hash = strchr(line, '#');

			if (hash)
				*hash = '\0';
			buf_adds(filter, line);
			buf_addch(filter, ' ');
		}
		fclose(f);
		return 0;
	}
	for (i = 0; i < nargs; i++) {
		if (i > 0)
			buf_addch(filter, ' ');
		buf_adds(filter, args[i]);
	}
	return 0;
}

/* The first interface libpcap lists, as tcpdump takes when no -i is given. */
static int default_device(char **device, struct kerr *e)
{
	struct capture_dev *devs;
	size_t n;

	if (capture_list_devices(&devs, &n, e))
		return -1;
	if (n == 0) {
		capture_free_devices(devs, n);
		return kerr_set(e, "no suitable device found");
	}
	*device = xstrdup(devs[0].name);
	capture_free_devices(devs, n);
	return 0;
}

int dump_open(struct dump *d, const struct buf *filter, const char **warning, struct kerr *e)
{
	*warning = NULL;
	if (d->rfile) {
		if (capture_open_file(&d->cap, d->rfile, d->po.nano, e))
			return -1;
	} else {
		if (!d->iface) {
			if (default_device(&d->device, e))
				return -1;
		} else if (capture_resolve_device(d->iface, &d->device, e)) {
			return -1;
		}
		d->lo.nano = d->po.nano;
		if (capture_open_live(&d->cap, d->device, &d->lo, warning, e))
			return -1;
	}
	if (capture_set_filter(d->cap, filter->len ? filter->data : NULL, e))
		return -1;
	if (d->wfile && capture_dump_open(d->cap, d->wfile, e))
		return -1;
	/* as tcpdump on Debian: give up root once the device and the output file are open */
	if (capture_drop_privileges(d->user, e))
		return -1;
	return 0;
}

void dump_announce(const struct dump *d, FILE *err, const char *prefix)
{
	struct capture *cap = d->cap;

	if (d->rfile) {
		if (strcmp(capture_datalink_name(cap), "unknown"))
			fprintf(err, "reading from file %s, link-type %s (%s), snapshot length %d\n",
				d->rfile, capture_datalink_name(cap), capture_datalink_description(cap),
				capture_snaplen(cap));
		else	/* a link type libpcap has no name for: its number, as tcpdump */
			fprintf(err, "reading from file %s, link-type %d, snapshot length %d\n",
				d->rfile, capture_datalink(cap), capture_snaplen(cap));
	} else {
		if (!d->po.vflag && !d->wfile)
			fprintf(err, "%s: verbose output suppressed, use -v[v]... for full protocol decode\n",
				prefix);
		fprintf(err, "%slistening on %s, link-type %s (%s), snapshot length %d bytes\n",
			d->wfile ? "kansoku dump: " : "", d->device, capture_datalink_name(cap),
			capture_datalink_description(cap), capture_snaplen(cap));
	}
}

int dump_read(struct dump *d, struct kerr *e)
{
	for (;;) {
		struct capture_pkt pkt;
		int n = capture_next(d->cap, &pkt, e);

		if (n == 1) {
			d->seen++;
			if (d->wfile) {
				capture_dump(d->cap, &pkt);
				if (d->Uflag && capture_dump_flush(d->cap, e))
					return -1;
			} else {
				printer_packet(d->pr, pkt.ts_sec, pkt.ts_frac, pkt.caplen, pkt.len, pkt.data);
			}
			if (d->count && d->seen >= d->count)
				return 0;
		} else if (n == 2) {
			/* live read timed out: let a pipe reader see what we have */
			if (d->pr && printer_flush(d->pr))
				return 0;
		} else if (n == 0) {
			return 0;
		} else {
			if (d->pr)
				printer_flush(d->pr);
			return -1;
		}
	}
}

void dump_print_stats(const struct dump *d, int interrupted, FILE *out, FILE *err)
{
	unsigned recv, drop, ifdrop;

	if (interrupted && !d->wfile) {
		/* tcpdump ends an interrupted line this way */
		fputc('\n', out);
		fflush(out);
	}
	if (capture_stats(d->cap, &recv, &drop, &ifdrop) == 0) {
		fprintf(err, "%lu packet%s captured\n", d->seen, plural((unsigned)d->seen));
		fprintf(err, "%u packet%s received by filter\n", recv, plural(recv));
		fprintf(err, "%u packet%s dropped by kernel\n", drop, plural(drop));
		if (ifdrop)
			fprintf(err, "%u packet%s dropped by interface\n", ifdrop, plural(ifdrop));
	}
}
