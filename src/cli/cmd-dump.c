/* SPDX-License-Identifier: MIT */
/*
 * kansoku dump: a tcpdump-compatible capture and printer. The options and
 * their meaning follow tcpdump 4.99 so that habits and scripts carry over.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "net/capture.h"
#include "net/print.h"

static struct capture *volatile interrupted_capture;
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
	if (interrupted_capture)
		capture_break(interrupted_capture);
}

static const char *plural(unsigned n)
{
	return n == 1 ? "" : "s";
}

static int list_devices(void)
{
	struct capture_dev *devs;
	size_t n, i;
	struct kerr err;

	if (capture_list_devices(&devs, &n, &err))
		return cli_fail(&err);
	if (n == 0) {
		capture_free_devices(devs, n);
		return cli_error("no interfaces found (capturing may need root)");
	}
	for (i = 0; i < n; i++)
		printf("%zu.%s\n", i + 1, devs[i].line);
	capture_free_devices(devs, n);
	return EXIT_OK;
}

/* The filter: the rest of argv joined, or the contents of -F FILE (comments with '#'). */
static int build_filter(struct buf *filter, const char *ffile, int nargs, char **args)
{
	int i;

	if (ffile) {
		FILE *f = fopen(ffile, "r");
		char line[4096];

		if (nargs > 0)
			cli_warn("filter arguments are ignored because -F was given");
		if (!f)
			return cli_error("%s: %s", ffile, strerror(errno));
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

static const char dump_usage[] =
	"kansoku dump [-AenqSUvxX#] [-c N] [-i IFACE] [-r FILE] [-w FILE] [-s BYTES] [FILTER...]\n"
	"       kansoku dump -D";
static const char dump_description[] =
	"Captures packets or reads a capture file and prints them as tcpdump 4.99 does\n"
	"(same options, same text), or writes them to a pcap file with -w. FILTER is a\n"
	"libpcap filter expression ('host 10.0.0.1 and tcp port 25').";

static const char *const precisions[] = { "micro", "nano", NULL };

/* One dump run: its options, then what it opened. */
struct dump {
	const char *rfile, *wfile, *iface, *ffile, *user;
	unsigned long count, snaplen;
	int Dflag, Uflag, lflag;
	struct print_opts po;
	struct capture_live_opts lo;
	struct capture *cap;
	struct printer *pr;
	char *device;
	unsigned long seen;
};

/* The first interface libpcap lists, as tcpdump takes when no -i is given. */
static int default_device(char **device)
{
	struct capture_dev *devs;
	struct kerr err;
	size_t n;

	if (capture_list_devices(&devs, &n, &err))
		return cli_fail(&err);
	if (n == 0) {
		capture_free_devices(devs, n);
		return cli_error("no suitable device found");
	}
	*device = xstrdup(devs[0].name);
	capture_free_devices(devs, n);
	return EXIT_OK;
}

/* Opens -r FILE, or the live interface; installs the filter, -w, and gives up root. */
static int open_capture(struct dump *d, const struct buf *filter)
{
	const char *warning = NULL;
	struct kerr err;
	int rc;

	if (d->rfile) {
		if (capture_open_file(&d->cap, d->rfile, d->po.nano, &err))
			return cli_fail(&err);
	} else {
		if (!d->iface) {
			if ((rc = default_device(&d->device)))
				return rc;
		} else if (capture_resolve_device(d->iface, &d->device, &err)) {
			return cli_fail(&err);
		}
		d->lo.nano = d->po.nano;
		if (capture_open_live(&d->cap, d->device, &d->lo, &warning, &err))
			return cli_fail(&err);
		if (warning)
			cli_warn("%s: %s", d->device, warning);
	}
	if (capture_set_filter(d->cap, filter->len ? filter->data : NULL, &err))
		return cli_fail(&err);
	if (d->wfile && capture_dump_open(d->cap, d->wfile, &err))
		return cli_fail(&err);
	/* as tcpdump on Debian: give up root once the device and the output file are open */
	if (capture_drop_privileges(d->user, &err))
		return cli_fail(&err);
	return EXIT_OK;
}

/* tcpdump's first line on stderr: what is read or listened to. */
static void announce(const struct dump *d)
{
	struct capture *cap = d->cap;

	if (d->rfile) {
		if (strcmp(capture_datalink_name(cap), "unknown"))
			fprintf(stderr, "reading from file %s, link-type %s (%s), snapshot length %d\n",
				d->rfile, capture_datalink_name(cap), capture_datalink_description(cap),
				capture_snaplen(cap));
		else	/* a link type libpcap has no name for: its number, as tcpdump */
			fprintf(stderr, "reading from file %s, link-type %d, snapshot length %d\n",
				d->rfile, capture_datalink(cap), capture_snaplen(cap));
	} else {
		if (!d->po.vflag && !d->wfile)
			fprintf(stderr, "%s: verbose output suppressed, use -v[v]... for full protocol decode\n",
				cli_prefix);
		fprintf(stderr, "%slistening on %s, link-type %s (%s), snapshot length %d bytes\n",
			d->wfile ? "kansoku dump: " : "", d->device, capture_datalink_name(cap),
			capture_datalink_description(cap), capture_snaplen(cap));
	}
}

/* Prints or writes every packet until the end, -c N, an error or a signal. */
static int read_packets(struct dump *d)
{
	struct kerr err;
	int rc = EXIT_OK;

	interrupted_capture = d->cap;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	for (;;) {
		struct capture_pkt pkt;
		int n = capture_next(d->cap, &pkt, &err);

		if (n == 1) {
			d->seen++;
			if (d->wfile) {
				capture_dump(d->cap, &pkt);
				if (d->Uflag && capture_dump_flush(d->cap, &err)) {
					rc = cli_fail(&err);
					break;
				}
			} else {
				printer_packet(d->pr, pkt.ts_sec, pkt.ts_frac, pkt.caplen, pkt.len, pkt.data);
			}
			if (d->count && d->seen >= d->count)
				break;
		} else if (n == 2) {
			/* live read timed out: let a pipe reader see what we have */
			if (d->pr && printer_flush(d->pr))
				break;
		} else if (n == 0) {
			break;
		} else {
			if (d->pr)
				printer_flush(d->pr);
			rc = cli_fail(&err);
			break;
		}
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	interrupted_capture = NULL;
	return rc;
}

/* tcpdump's closing counts of a live capture. */
static void print_capture_stats(const struct dump *d)
{
	unsigned recv, drop, ifdrop;

	if (interrupted && !d->wfile) {
		/* tcpdump ends an interrupted line this way */
		putchar('\n');
		fflush(stdout);
	}
	if (capture_stats(d->cap, &recv, &drop, &ifdrop) == 0) {
		fprintf(stderr, "%lu packet%s captured\n", d->seen, plural((unsigned)d->seen));
		fprintf(stderr, "%u packet%s received by filter\n", recv, plural(recv));
		fprintf(stderr, "%u packet%s dropped by kernel\n", drop, plural(drop));
		if (ifdrop)
			fprintf(stderr, "%u packet%s dropped by interface\n", ifdrop, plural(ifdrop));
	}
}

static int run_dump(struct dump *d, const struct buf *filter)
{
	struct kerr err;
	int rc = open_capture(d, filter);

	if (rc)
		return rc;
	announce(d);
	if (!d->rfile && (d->lflag || isatty(STDOUT_FILENO)))
		d->po.flush_each = 1;
	if (d->lflag)
		d->po.flush_each = 1;
	if (!d->wfile)
		d->pr = printer_new(&d->po, capture_datalink(d->cap), stdout);
	rc = read_packets(d);
	if (d->pr && printer_flush(d->pr) && rc == EXIT_OK)
		rc = cli_error("writing the output: %s", strerror(errno));
	if (d->wfile && capture_dump_close(d->cap, &err) && rc == EXIT_OK)
		rc = cli_fail(&err);
	if (!d->rfile)
		print_capture_stats(d);
	return rc;
}

/* A capture file given where the filter goes (`dump x.pcap` for `dump -r x.pcap`). */
static int is_regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int cmd_dump(int argc, char **argv)
{
	struct dump d;
	struct cli_opt options[] = {
		OPT_STRING('r', "read", &d.rfile, "FILE", "read packets from a pcap/pcapng file ('-' for stdin)"),
		OPT_STRING('w', "write", &d.wfile, "FILE", "write raw packets to a pcap file ('-' for stdout) instead of printing"),
		OPT_STRING('i', "interface", &d.iface, "IFACE", "capture on IFACE: a name, a number from -D, or 'any'"),
		OPT_BOOL('D', "list-interfaces", &d.Dflag, "list the interfaces that can be captured on"),
		OPT_ULONG('c', "count", &d.count, "N", "stop after N packets", 1, ULONG_MAX,
			  .bad = "invalid packet count %s", .flags = OPT_SHORT_NAME),
		OPT_ULONG('s', "snapshot-length", &d.snaplen, "BYTES", "capture at most BYTES of each packet (0 = 262144)",
			  0, 262144, .bad = "invalid snaplen %s", .flags = OPT_SHORT_NAME),
		OPT_SET_INT('p', "no-promiscuous-mode", &d.lo.promisc, 0, "do not put the interface in promiscuous mode"),
		OPT_ULONG('B', "buffer-size", &d.lo.buffer_kib, "KIB", "kernel capture buffer size in KiB", 1, 4194304,
			  .bad = "invalid buffer size %s", .flags = OPT_SHORT_NAME),
		OPT_BOOL('U', "packet-buffered", &d.Uflag, "with -w, write each packet out as it arrives"),
		OPT_BOOL('l', NULL, &d.lflag, "line-buffered output"),
		OPT_STRING('Z', "relinquish-privileges", &d.user, "USER", "as root, switch to USER once the capture is open (default tcpdump)"),
		OPT_STRING('F', NULL, &d.ffile, "FILE", "read the filter expression from FILE"),
		OPT_COUNT('n', NULL, &d.po.nflag, "do not convert addresses and ports to names"),
		OPT_COUNT('v', NULL, &d.po.vflag, "more detail (-v, -vv, -vvv)"),
		OPT_BOOL('e', NULL, &d.po.eflag, "print the link-level header"),
		OPT_COUNT('q', NULL, &d.po.qflag, "quick, quiet output"),
		OPT_BOOL('S', "absolute-tcp-sequence-numbers", &d.po.Sflag, "print absolute TCP sequence numbers"),
		OPT_COUNT('t', NULL, &d.po.tflag, "time stamps: -t none, -tt epoch, -ttt delta, -tttt date, -ttttt since first"),
		OPT_COUNT('x', NULL, &d.po.xflag, "packet data in hex (-xx with the link header)"),
		OPT_COUNT('X', NULL, &d.po.Xflag, "packet data in hex and ASCII (-XX with the link header)"),
		OPT_COUNT('A', NULL, &d.po.Aflag, "packet data in ASCII"),
		OPT_BOOL('#', "number", &d.po.number, "print a packet number at the start of each line"),
		OPT_BOOL(0, "nano", &d.po.nano, "nanosecond time stamps"),
		OPT_CHOICE(0, "time-stamp-precision", &d.po.nano, "micro|nano", "time stamp precision",
			   precisions, .bad = "unsupported time stamp precision '%s' (micro or nano)"),
		OPT_BOOL(0, "immediate-mode", &d.lo.immediate, "deliver packets as soon as they arrive"),
		OPT_END()
	};
	struct buf filter = BUF_INIT;
	int n, rc;

	memset(&d, 0, sizeof(d));
	d.lo.promisc = 1;
	n = cli_parse(argc, argv, options, dump_usage, dump_description);
	if (n < 0)
		return cli_parse_status(n);
	/* tcpdump's -t counts: one -t means none, so shift to our 0 = default scale */
	if (d.po.tflag > 5)
		d.po.tflag = 5;
	d.lo.snaplen = d.snaplen == 0 ? 262144 : (int)d.snaplen;
	if (d.Dflag)
		return list_devices();
	if (d.rfile && d.iface)
		return cli_error("-r and -i cannot be used together");
	if (!d.rfile && !d.ffile && n > 0 && is_regular_file(argv[0]))
		return cli_error("'%s' is a file, not a filter expression: did you mean '-r %s'?",
				 argv[0], argv[0]);
	if (build_filter(&filter, d.ffile, n, argv))
		rc = EXIT_USAGE;
	else
		rc = run_dump(&d, &filter);
	printer_free(d.pr);
	capture_close(d.cap);
	free(d.device);
	buf_release(&filter);
	return rc;
}
