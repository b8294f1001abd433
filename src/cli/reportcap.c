/* SPDX-License-Identifier: MIT */
/* The report of a capture: see reportcap.h. */
#include "cli/reportcap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/findings.h"
#include "check/reportsec.h"
#include "cli/cli.h"
#include "cli/flowcli.h"
#include "core/buf.h"
#include "core/outfile.h"
#include "core/timeutil.h"
#include "flow/tcpgraph.h"
#include "render/capreport.h"
#include "render/report.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcasecmp(s + n - k, suffix);
}

int reportcap_is_capture(const char *path)
{
	static const unsigned char magic[][4] = {
		{ 0xd4, 0xc3, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0xc3, 0xd4 },	/* pcap, microseconds */
		{ 0x4d, 0x3c, 0xb2, 0xa1 }, { 0xa1, 0xb2, 0x3c, 0x4d },	/* pcap, nanoseconds */
		{ 0x0a, 0x0d, 0x0d, 0x0a },				/* pcapng section header */
	};
	unsigned char b[4];
	size_t i;
	FILE *f;
	int hit = 0;

	if (!strcmp(path, "-"))
		return 0;
	/* named as one: libpcap says what is wrong with it, as for `kansoku flows` */
	if (ends_with(path, ".pcap") || ends_with(path, ".pcapng") || ends_with(path, ".cap"))
		return 1;
	if (!(f = fopen(path, "rb")))
		return 0;
	if (fread(b, 1, 4, f) == 4)
		for (i = 0; i < sizeof(magic) / sizeof(magic[0]); i++)
			hit |= !memcmp(b, magic[i], 4);
	fclose(f);
	return hit;
}

static void on_packet(void *g, struct conv *c, const struct conv_pkt *r,
		      const struct net_packet *p, int64_t ts_us)
{
	tcpgraph_packet(g, c, r, p, ts_us);
}

static void on_end(void *g, struct conv *c, enum conv_end_reason why)
{
	(void)why;
	tcpgraph_end(g, c);
}

/* "12,345 packets, 321 conversations, 2024-03-26 22:00:00 to 22:01:00 UTC" */
static void describe(struct buf *b, const struct flowcli *fc, const struct tcpgraph *g)
{
	char t0[64], t1[64];
	int64_t lo = INT64_MAX, hi = INT64_MIN;
	size_t i;

	for (i = 0; i < g->n; i++) {
		if (g->convs[i]->s.first_us < lo)
			lo = g->convs[i]->s.first_us;
		if (g->convs[i]->s.last_us > hi)
			hi = g->convs[i]->s.last_us;
	}
	buf_printf(b, "%s: %llu packets, %llu conversations", fc->file,
		   (unsigned long long)fc->packets,
		   (unsigned long long)(g->n + g->convs_dropped));
	if (g->n) {
		time_format(t0, sizeof(t0), lo, 0, TIME_PLAIN, 0);
		time_format(t1, sizeof(t1), hi, 0, TIME_PLAIN, 0);
		buf_printf(b, ", %s to %s UTC", t0, t1);
	}
}

static int write_page(const struct report *r, const char *output)
{
	struct outfile out;
	struct kerr err;

	if (outfile_open(&out, output, &err) < 0)
		return cli_fail(&err);
	if (report_write_html(r, out.f, &err) < 0) {
		outfile_abort(&out);
		return cli_fail(&err);
	}
	return outfile_commit(&out, &err) < 0 ? cli_fail(&err) : EXIT_OK;
}

int reportcap_run(const char *file, const char *output, const char *title,
		  const struct check_ruleset *rules, int findings)
{
	struct flowcli fc;
	struct tcpgraph g;
	struct dataset io;
	struct report r;
	struct capreport cr;
	struct buf t = BUF_INIT, sub = BUF_INIT;
	char *args[1] = { (char *)file };
	int rc;

	flowcli_init(&fc);
	tcpgraph_init(&g, NULL);
	ds_init(&io);
	rc = flowcli_open(&fc, 1, args);
	if (rc == EXIT_OK)
		rc = flowcli_run(&fc, on_packet, on_end, &g);
	if (rc != EXIT_OK)
		goto out;
	tcpgraph_finish(&g);
	tcpgraph_io_dataset(&g, &io, file);
	if (!title)
		buf_printf(&t, "%s — capture", file);
	report_init(&r, title ? title : buf_str(&t));
	describe(&sub, &fc, &g);
	report_set_subtitle(&r, buf_str(&sub));
	if (g.dropped)
		report_add_note(&r, "Some conversations have more segments than the report keeps: "
				"their stream graphs stop early (each says where).");
	report_add_dataset(&r, &io);
	if (findings) {
		struct check_report chk;

		/* the same path as for performance files: rules over the capture's dataset */
		check_run(&io, rules, &chk);
		check_add_to_report(&r, &io, &chk, NULL);
		check_report_release(&chk);
	}
	capreport_add(&r, &cr, &g, &io, file);
	rc = write_page(&r, output);
	report_release(&r);
out:
	buf_release(&t);
	buf_release(&sub);
	ds_release(&io);
	tcpgraph_release(&g);
	flowcli_release(&fc);
	return rc;
}
