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
#include "net/dump.h"

static struct capture *volatile interrupted_capture;
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
	if (interrupted_capture)
		capture_break(interrupted_capture);
}

static const char dump_usage[] =
	"kansoku dump [-AbeHnqSUvxX#] [-c N] [-i IFACE] [-r FILE] [-w FILE] [-s BYTES] [-T TYPE] [FILTER...]\n"
	"       kansoku dump -D";
static const char dump_description[] =
	"Captures packets or reads a capture file and prints them as tcpdump 4.99 does\n"
	"(same options, same text), or writes them to a pcap file with -w. FILTER is a\n"
	"libpcap filter expression ('host 10.0.0.1 and tcp port 25').";

static const char *const precisions[] = { "micro", "nano", NULL };

static int packet_type_option(const struct cli_opt *o, const char *arg)
{
	int t = print_packet_type(arg);

	if (t < 0) {
		cli_error("unknown packet type '%s' (aodv, carp, cnfp, domain, lmp, pgm, pgm_zmtp1, ptp, radius, resp, rpc, rtcp, rtp, snmp, someip, tftp, vat, vxlan, wb, zmtp1)",
			  arg);
		return -1;
	}
	*(int *)o->value = t;
	return 0;
}

/* dump_read() with the signals that stop it installed. */
static int read_packets(struct dump *d)
{
	struct kerr err;
	int rc = EXIT_OK;

	interrupted_capture = d->cap;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	if (dump_read(d, &err))
		rc = cli_fail(&err);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	interrupted_capture = NULL;
	return rc;
}

static int run_dump(struct dump *d, const struct buf *filter)
{
	const char *warning;
	struct kerr err;
	int rc = dump_open(d, filter, &warning, &err);

	if (warning)
		cli_warn("%s: %s", d->device, warning);
	if (rc)
		return cli_fail(&err);
	dump_announce(d, stderr, cli_prefix);
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
		dump_print_stats(d, interrupted, stdout, stderr);
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
		OPT_CALLBACK('T', NULL, &d.po.ptype, "TYPE", "read the packets the filter selects as TYPE (tcpdump's -T: domain, radius, tftp, vxlan, ...)",
			     packet_type_option),
		OPT_BOOL('b', NULL, &d.po.bflag, "print BGP AS numbers in ASDOT notation"),
		OPT_BOOL('H', NULL, &d.po.Hflag, "detect 802.11s draft mesh headers"),
		OPT_BOOL('#', "number", &d.po.number, "print a packet number at the start of each line"),
		OPT_BOOL(0, "nano", &d.po.nano, "nanosecond time stamps"),
		OPT_CHOICE(0, "time-stamp-precision", &d.po.nano, "micro|nano", "time stamp precision",
			   precisions, .bad = "unsupported time stamp precision '%s' (micro or nano)"),
		OPT_BOOL(0, "immediate-mode", &d.lo.immediate, "deliver packets as soon as they arrive"),
		OPT_END()
	};
	struct buf filter = BUF_INIT;
	struct kerr err;
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
		return dump_list_devices(stdout, &err) ? cli_fail(&err) : EXIT_OK;
	if (d.rfile && d.iface)
		return cli_error("-r and -i cannot be used together");
	if (!d.rfile && !d.ffile && n > 0 && is_regular_file(argv[0]))
		return cli_error("'%s' is a file, not a filter expression: did you mean '-r %s'?",
				 argv[0], argv[0]);
	if (d.ffile && n > 0)
		cli_warn("filter arguments are ignored because -F was given");
	if (dump_filter(&filter, d.ffile, n, argv, &err))
		rc = cli_fail(&err);
	else
		rc = run_dump(&d, &filter);
	printer_free(d.pr);
	capture_close(d.cap);
	free(d.device);
	buf_release(&filter);
	return rc;
}
