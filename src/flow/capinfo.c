/* SPDX-License-Identifier: MIT */
/* What a capture file holds: see capinfo.h. */
#include "flow/capinfo.h"

#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "flow/conv.h"
#include "flow/feed.h"
#include "net/capture.h"
#include "net/ipfrag.h"

static void header(struct capinfo *ci, const uint8_t *h, size_t len)
{
	ci->file_type = "unknown";
	ci->byte_order = "unknown";
	ci->precision = "unknown";
	if (len < 4)
		return;
	if (!memcmp(h, "\x0a\x0d\x0d\x0a", 4)) {
		ci->file_type = "pcapng";
		ci->precision = "per interface";
		if (len >= 12)	/* the section header's byte-order magic */
			ci->byte_order = !memcmp(h + 8, "\x4d\x3c\x2b\x1a", 4) ? "little-endian"
				       : !memcmp(h + 8, "\x1a\x2b\x3c\x4d", 4) ? "big-endian" : "unknown";
		return;
	}
	ci->file_type = "pcap";
	if (!memcmp(h, "\xd4\xc3\xb2\xa1", 4) || !memcmp(h, "\x4d\x3c\xb2\xa1", 4))
		ci->byte_order = "little-endian";
	else
		ci->byte_order = "big-endian";
	ci->precision = h[0] == 0x4d || h[3] == 0x4d ? "nanoseconds" : "microseconds";
}

static void count_end(void *ctx, struct conv *c, enum conv_end_reason why)
{
	struct capinfo *ci = ctx;

	(void)why;
	ci->conversations++;
	if (c->s.proto == 6)
		ci->tcp++;
	else
		ci->udp++;
}

int capinfo_read(struct capinfo *ci, struct source *src, const char *path, struct kerr *err)
{
	struct conv_table_opts to;
	struct flow_feed feed;
	struct capture *cap;
	const uint8_t *head;
	size_t len;
	int n, rc = 0;

	memset(ci, 0, sizeof(*ci));
	ci->source = path;
	ci->wrapping = source_wrapping(src);
	if (source_peek(src, 64, &head, &len, err))
		return -1;
	header(ci, head, len);
	/* a plain file straight to libpcap: its messages give the offset of a bad record */
	if (strcmp(path, "-") && !strcmp(ci->wrapping, "plain")) {
		if (capture_open_file(&cap, path, 1, err))
			return -1;
	} else {
		FILE *f = source_stream(src);

		if (!f)
			return kerr_set(err, "%s: cannot read: out of memory", path);
		if (capture_open_stream(&cap, f, path, 1, err))
			return -1;
	}
	ci->dlt = capture_datalink(cap);
	snprintf(ci->names[0], sizeof(ci->names[0]), "%s", capture_datalink_name(cap));
	snprintf(ci->names[1], sizeof(ci->names[1]), "%s", capture_datalink_description(cap));
	ci->link_name = ci->names[0];
	ci->link_description = ci->names[1];
	ci->snaplen = capture_snaplen(cap);
	memset(&to, 0, sizeof(to));
	to.on_end = count_end;
	to.ctx = ci;
	memset(&feed, 0, sizeof(feed));
	feed.table = conv_table_new(&to);
	feed.frag = ipfrag_new(NULL);
	feed.dlt = ci->dlt;
	feed.stream = -1;
	for (;;) {
		struct capture_pkt p;
		int64_t ns;

		n = capture_next(cap, &p, err);
		if (n < 0 && source_stream_error(src))
			kerr_set(err, "%s", source_stream_error(src));
		if (n < 0)
			rc = -1;
		if (n <= 0)
			break;
		ns = p.ts_sec * 1000000000 + p.ts_frac;
		if (!ci->packets || ns < ci->first_ns)
			ci->first_ns = ns;
		if (!ci->packets || ns > ci->last_ns)
			ci->last_ns = ns;
		ci->packets++;
		ci->bytes += p.caplen;
		ci->wire_bytes += p.len;
		ci->cut += p.caplen < p.len;
		ci->ns_digits |= p.ts_frac % 1000 != 0;
		if (p.len >= p.caplen)	/* a damaged record header is no packet to follow */
			flow_feed_frame(&feed, &p, ns / 1000);
	}
	ipfrag_finish(feed.frag);
	conv_table_finish(feed.table);
	ipfrag_free(feed.frag);
	conv_table_free(feed.table);
	capture_close(cap);
	return rc;
}

/* "2026-12-07T20:06:43.090996Z": nanoseconds only when the file has them */
static char *when(char *out, size_t size, const struct capinfo *ci, int64_t ns)
{
	char t[40];
	int64_t s = ns / 1000000000, frac = ns % 1000000000;

	if (frac < 0) {
		s--;
		frac += 1000000000;
	}
	time_format(t, sizeof(t), s * 1000000, 0, TIME_ISO, 0);
	t[strcspn(t, "+Z")] = 0;
	if (ci->ns_digits || !strcmp(ci->precision, "nanoseconds"))
		snprintf(out, size, "%.32s.%09lldZ", t, (long long)frac);
	else
		snprintf(out, size, "%.32s.%06lldZ", t, (long long)(frac / 1000));
	return out;
}

static double seconds(const struct capinfo *ci)
{
	return ci->packets ? (double)(ci->last_ns - ci->first_ns) / 1e9 : 0;
}

void capinfo_print_text(FILE *f, const struct capinfo *ci)
{
	char a[64], b[64];
	double s = seconds(ci);

	fprintf(f, "file           ");
	utf8_fput_masked(f, ci->source);
	fprintf(f, " (%s)\n", ci->wrapping);
	fprintf(f, "format         capture: %s, %s, time stamps in %s\n", ci->file_type,
		ci->byte_order, ci->precision);
	fprintf(f, "link type      %s (%s, DLT %d)\n", ci->link_description, ci->link_name, ci->dlt);
	fprintf(f, "snaplen        %d bytes\n", ci->snaplen);
	fprintf(f, "packets        %llu", (unsigned long long)ci->packets);
	if (ci->cut)
		fprintf(f, " (%llu cut short by the snaplen)", (unsigned long long)ci->cut);
	fprintf(f, "\nbytes          %llu captured, %llu on the wire\n",
		(unsigned long long)ci->bytes, (unsigned long long)ci->wire_bytes);
	if (ci->packets) {
		fprintf(f, "first packet   %s\n", when(a, sizeof(a), ci, ci->first_ns));
		fprintf(f, "last packet    %s\n", when(b, sizeof(b), ci, ci->last_ns));
		fprintf(f, "duration       %.6f s\n", s);
		if (s > 0)
			fprintf(f, "data rate      %.2f bytes/s, %.2f packets/s\n",
				(double)ci->wire_bytes / s, (double)ci->packets / s);
	} else {
		fprintf(f, "first packet   none\nlast packet    none\n");
	}
	fprintf(f, "conversations  %llu (%llu TCP, %llu UDP)\n",
		(unsigned long long)ci->conversations, (unsigned long long)ci->tcp,
		(unsigned long long)ci->udp);
}

void capinfo_print_json(FILE *f, const struct capinfo *ci)
{
	struct json_writer w;
	char a[64];

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_kv_string(&w, "source", ci->source);
	json_kv_string(&w, "wrapping", ci->wrapping);
	json_kv_string(&w, "format", "capture");
	json_kv_string(&w, "file_type", ci->file_type);
	json_kv_string(&w, "byte_order", ci->byte_order);
	json_kv_string(&w, "time_precision", ci->precision);
	json_kv_int(&w, "link_type", ci->dlt);
	json_kv_string(&w, "link_type_name", ci->link_name);
	json_kv_string(&w, "link_type_description", ci->link_description);
	json_kv_int(&w, "snaplen", ci->snaplen);
	json_kv_uint(&w, "packets", ci->packets);
	json_kv_uint(&w, "packets_cut", ci->cut);
	json_kv_uint(&w, "bytes", ci->bytes);
	json_kv_uint(&w, "wire_bytes", ci->wire_bytes);
	json_key(&w, "first");
	if (ci->packets)
		json_string(&w, when(a, sizeof(a), ci, ci->first_ns));
	else
		json_null(&w);
	json_key(&w, "last");
	if (ci->packets)
		json_string(&w, when(a, sizeof(a), ci, ci->last_ns));
	else
		json_null(&w);
	json_kv_double(&w, "duration_seconds", seconds(ci));
	json_kv_uint(&w, "conversations", ci->conversations);
	json_kv_uint(&w, "tcp_conversations", ci->tcp);
	json_kv_uint(&w, "udp_conversations", ci->udp);
	json_end_object(&w);
	json_finish(&w);
}
