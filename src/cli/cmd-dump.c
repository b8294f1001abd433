/* SPDX-License-Identifier: MIT */
/*
 * kansoku dump: a tcpdump-compatible capture and printer. The options and
 * their meaning follow tcpdump 4.99 so that habits and scripts carry over.
 */
#include <errno.h>
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

enum {
	OPT_NANO = CLI_LONG_ONLY + 1,
	OPT_PRECISION,
	OPT_IMMEDIATE,
};

static const struct cli_option dump_options[] = {
	{ 'r', "read", 1, "FILE", "read packets from a pcap/pcapng file ('-' for stdin)" },
	{ 'w', "write", 1, "FILE", "write raw packets to a pcap file ('-' for stdout) instead of printing" },
	{ 'i', "interface", 1, "IFACE", "capture on IFACE: a name, a number from -D, or 'any'" },
	{ 'D', "list-interfaces", 0, NULL, "list the interfaces that can be captured on" },
	{ 'c', "count", 1, "N", "stop after N packets" },
	{ 's', "snapshot-length", 1, "BYTES", "capture at most BYTES of each packet (0 = 262144)" },
	{ 'p', "no-promiscuous-mode", 0, NULL, "do not put the interface in promiscuous mode" },
	{ 'B', "buffer-size", 1, "KIB", "kernel capture buffer size in KiB" },
	{ 'U', "packet-buffered", 0, NULL, "with -w, write each packet out as it arrives" },
	{ 'l', NULL, 0, NULL, "line-buffered output" },
	{ 'Z', "relinquish-privileges", 1, "USER", "as root, switch to USER once the capture is open (default tcpdump)" },
	{ 'F', NULL, 1, "FILE", "read the filter expression from FILE" },
	{ 'n', NULL, 0, NULL, "do not convert addresses and ports to names" },
	{ 'v', NULL, 0, NULL, "more detail (-v, -vv, -vvv)" },
	{ 'e', NULL, 0, NULL, "print the link-level header" },
	{ 'q', NULL, 0, NULL, "quick, quiet output" },
	{ 'S', "absolute-tcp-sequence-numbers", 0, NULL, "print absolute TCP sequence numbers" },
	{ 't', NULL, 0, NULL, "time stamps: -t none, -tt epoch, -ttt delta, -tttt date, -ttttt since first" },
	{ 'x', NULL, 0, NULL, "packet data in hex (-xx with the link header)" },
	{ 'X', NULL, 0, NULL, "packet data in hex and ASCII (-XX with the link header)" },
	{ 'A', NULL, 0, NULL, "packet data in ASCII" },
	{ '#', "number", 0, NULL, "print a packet number at the start of each line" },
	{ OPT_NANO, "nano", 0, NULL, "nanosecond time stamps" },
	{ OPT_PRECISION, "time-stamp-precision", 1, "micro|nano", "time stamp precision" },
	{ OPT_IMMEDIATE, "immediate-mode", 0, NULL, "deliver packets as soon as they arrive" },
	CLI_OPTION_END
};

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
static int build_filter(struct buf *filter, const char *ffile, int argc, char **argv, int first)
{
	int i;

	if (ffile) {
		FILE *f = fopen(ffile, "r");
		char line[4096];

		if (first < argc)
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
	for (i = first; i < argc; i++) {
		if (i > first)
			buf_addch(filter, ' ');
		buf_adds(filter, argv[i]);
	}
	return 0;
}

/* A capture file given where the filter goes (`dump x.pcap` for `dump -r x.pcap`). */
static int is_regular_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int cmd_dump(int argc, char **argv)
{
	struct cli_parser p;
	struct print_opts po;
	struct capture_live_opts lo;
	const char *rfile = NULL, *wfile = NULL, *iface = NULL, *ffile = NULL, *user = NULL;
	unsigned long count = 0, val;
	int Dflag = 0, Uflag = 0, lflag = 0, c, rc = EXIT_OK;
	struct buf filter = BUF_INIT;
	struct capture *cap = NULL;
	struct printer *pr = NULL;
	struct kerr err;
	char *device = NULL;
	unsigned long seen = 0;
	const char *warning = NULL;

	memset(&po, 0, sizeof(po));
	memset(&lo, 0, sizeof(lo));
	lo.promisc = 1;
	cli_parser_init(&p, argc, argv, "kansoku dump [-AenqSUvxX#] [-c N] [-i IFACE] [-r FILE] [-w FILE] [-s BYTES] [FILTER...]\n"
			"       kansoku dump -D",
			"Captures packets or reads a capture file and prints them as tcpdump 4.99 does\n"
			"(same options, same text), or writes them to a pcap file with -w. FILTER is a\n"
			"libpcap filter expression ('host 10.0.0.1 and tcp port 25').",
			dump_options);
	while ((c = cli_next(&p)) != CLI_DONE) {
		switch (c) {
		case 'r': rfile = p.arg; break;
		case 'w': wfile = p.arg; break;
		case 'i': iface = p.arg; break;
		case 'D': Dflag = 1; break;
		case 'c':
			if (cli_parse_ulong("-c", p.arg, &count) || count == 0) {
				if (count == 0)
					cli_error("invalid packet count %s", p.arg);
				rc = EXIT_USAGE;
				goto out;
			}
			break;
		case 's':
			if (cli_parse_ulong("-s", p.arg, &val) || val > 262144) {
				if (val > 262144)
					cli_error("invalid snaplen %s", p.arg);
				rc = EXIT_USAGE;
				goto out;
			}
			lo.snaplen = val == 0 ? 262144 : (int)val;
			break;
		case 'p': lo.promisc = 0; break;
		case 'B':
			if (cli_parse_ulong("-B", p.arg, &val) || val == 0 || val > 4194304) {
				if (val == 0 || val > 4194304)
					cli_error("invalid buffer size %s", p.arg);
				rc = EXIT_USAGE;
				goto out;
			}
			lo.buffer_kib = (int)val;
			break;
		case 'U': Uflag = 1; break;
		case 'l': lflag = 1; break;
		case 'Z': user = p.arg; break;
		case 'F': ffile = p.arg; break;
		case 'n': po.nflag++; break;
		case 'v': po.vflag++; break;
		case 'e': po.eflag = 1; break;
		case 'q': po.qflag++; break;
		case 'S': po.Sflag = 1; break;
		case 't': po.tflag++; break;
		case 'x': po.xflag++; break;
		case 'X': po.Xflag++; break;
		case 'A': po.Aflag++; break;
		case '#': po.number = 1; break;
		case OPT_NANO: po.nano = 1; break;
		case OPT_PRECISION:
			if (!strcmp(p.arg, "nano")) {
				po.nano = 1;
			} else if (!strcmp(p.arg, "micro")) {
				po.nano = 0;
			} else {
				rc = cli_error("unsupported time stamp precision '%s' (micro or nano)", p.arg);
				goto out;
			}
			break;
		case OPT_IMMEDIATE: lo.immediate = 1; break;
		case CLI_HELP:
			rc = EXIT_OK;
			goto out;
		default:
			rc = EXIT_USAGE;
			goto out;
		}
	}
	/* tcpdump's -t counts: one -t means none, so shift to our 0 = default scale */
	if (po.tflag > 5)
		po.tflag = 5;
	if (Dflag) {
		rc = list_devices();
		goto out;
	}
	if (rfile && iface) {
		rc = cli_error("-r and -i cannot be used together");
		goto out;
	}
	if (build_filter(&filter, ffile, argc, argv, p.optind)) {
		rc = EXIT_USAGE;
		goto out;
	}
	if (!rfile && !ffile && p.optind < argc && is_regular_file(argv[p.optind])) {
		rc = cli_error("'%s' is a file, not a filter expression: did you mean '-r %s'?",
			       argv[p.optind], argv[p.optind]);
		goto out;
	}

	if (rfile) {
		if (capture_open_file(&cap, rfile, po.nano, &err)) {
			rc = cli_fail(&err);
			goto out;
		}
	} else {
		if (!iface) {
			struct capture_dev *devs;
			size_t n;

			if (capture_list_devices(&devs, &n, &err)) {
				rc = cli_fail(&err);
				goto out;
			}
			if (n == 0) {
				capture_free_devices(devs, n);
				rc = cli_error("no suitable device found");
				goto out;
			}
			device = xstrdup(devs[0].name);
			capture_free_devices(devs, n);
		} else if (capture_resolve_device(iface, &device, &err)) {
			rc = cli_fail(&err);
			goto out;
		}
		lo.nano = po.nano;
		if (capture_open_live(&cap, device, &lo, &warning, &err)) {
			rc = cli_fail(&err);
			goto out;
		}
		if (warning)
			cli_warn("%s: %s", device, warning);
	}
	if (capture_set_filter(cap, filter.len ? filter.data : NULL, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (wfile && capture_dump_open(cap, wfile, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	/* as tcpdump on Debian: give up root once the device and the output file are open */
	if (capture_drop_privileges(user, &err)) {
		rc = cli_fail(&err);
		goto out;
	}
	if (rfile) {
		if (strcmp(capture_datalink_name(cap), "unknown"))
			fprintf(stderr, "reading from file %s, link-type %s (%s), snapshot length %d\n",
				rfile, capture_datalink_name(cap), capture_datalink_description(cap),
				capture_snaplen(cap));
		else	/* a link type libpcap has no name for: its number, as tcpdump */
			fprintf(stderr, "reading from file %s, link-type %d, snapshot length %d\n",
				rfile, capture_datalink(cap), capture_snaplen(cap));
	} else {
		if (!po.vflag && !wfile)
			fprintf(stderr, "%s: verbose output suppressed, use -v[v]... for full protocol decode\n",
				cli_prefix);
		fprintf(stderr, "%slistening on %s, link-type %s (%s), snapshot length %d bytes\n",
			wfile ? "kansoku dump: " : "", device, capture_datalink_name(cap),
			capture_datalink_description(cap), capture_snaplen(cap));
	}
	if (!rfile && (lflag || isatty(STDOUT_FILENO)))
		po.flush_each = 1;
	if (lflag)
		po.flush_each = 1;
	if (!wfile)
		pr = printer_new(&po, capture_datalink(cap), stdout);

	interrupted_capture = cap;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGHUP, on_signal);
	for (;;) {
		struct capture_pkt pkt;
		int n = capture_next(cap, &pkt, &err);

		if (n == 1) {
			seen++;
			if (wfile) {
				capture_dump(cap, &pkt);
				if (Uflag && capture_dump_flush(cap, &err)) {
					rc = cli_fail(&err);
					break;
				}
			} else {
				printer_packet(pr, pkt.ts_sec, pkt.ts_frac, pkt.caplen, pkt.len, pkt.data);
			}
			if (count && seen >= count)
				break;
		} else if (n == 2) {
			/* live read timed out: let a pipe reader see what we have */
			if (pr && printer_flush(pr))
				break;
		} else if (n == 0) {
			break;
		} else {
			if (pr)
				printer_flush(pr);
			rc = cli_fail(&err);
			break;
		}
	}
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	interrupted_capture = NULL;
	if (pr && printer_flush(pr) && rc == EXIT_OK)
		rc = cli_error("writing the output: %s", strerror(errno));
	if (wfile && capture_dump_close(cap, &err) && rc == EXIT_OK)
		rc = cli_fail(&err);
	if (!rfile) {
		unsigned recv, drop, ifdrop;

		if (interrupted && !wfile) {
			/* tcpdump ends an interrupted line this way */
			putchar('\n');
			fflush(stdout);
		}
		if (capture_stats(cap, &recv, &drop, &ifdrop) == 0) {
			fprintf(stderr, "%lu packet%s captured\n", seen, plural((unsigned)seen));
			fprintf(stderr, "%u packet%s received by filter\n", recv, plural(recv));
			fprintf(stderr, "%u packet%s dropped by kernel\n", drop, plural(drop));
			if (ifdrop)
				fprintf(stderr, "%u packet%s dropped by interface\n", ifdrop, plural(ifdrop));
		}
	}
out:
	printer_free(pr);
	capture_close(cap);
	free(device);
	buf_release(&filter);
	cli_parser_release(&p);
	return rc;
}
