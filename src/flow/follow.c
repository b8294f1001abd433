/* SPDX-License-Identifier: MIT */
/* Reassembled conversation payload as text or hex: see follow.h. */
#include "flow/follow.h"

#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "flow/lineproto.h"
#include "flow/reasm.h"

#define MAX_LABELS 8

struct fconv {
	struct follow *f;
	struct conv *c;
	struct reasm ra;
	struct lineproto lp;
	int64_t chunk_lo, chunk_hi;	/* stream range of the block being labelled */
	int chunk_dir;
	char labels[MAX_LABELS][48];
	int nlabels, more_labels;
};

struct follow {
	struct follow_opts o;
};

struct follow *follow_new(const struct follow_opts *o)
{
	struct follow *f = xcalloc(1, sizeof(*f));

	f->o = *o;
	return f;
}

void follow_free(struct follow *f)
{
	free(f);
}

/* ---- payload text ---- */

static int printable(unsigned c)
{
	return c >= 0x21 && c <= 0x7e;
}

/* As tcpdump -A: CR before LF (or at the end) dropped, other bytes but printable ASCII, tab, space and LF as '.'. */
static void print_text(FILE *out, const uint8_t *p, size_t n)
{
	size_t i;
	int last = 0;

	for (i = 0; i < n; i++) {
		unsigned c = p[i];

		if (c == '\r') {
			if (i + 1 < n && p[i + 1] != '\n')
				putc(last = '.', out);
		} else if (printable(c) || c == '\t' || c == ' ' || c == '\n') {
			putc(last = (int)c, out);
		} else {
			putc(last = '.', out);
		}
	}
	if (last != '\n')
		putc('\n', out);	/* every block ends its line */
}

/* As tcpdump -X, with offsets counted in the stream (from 0). */
static void print_hex(FILE *out, const uint8_t *p, size_t n, uint64_t base)
{
	size_t line, i;

	for (line = 0; line < n; line += 16) {
		size_t m = n - line < 16 ? n - line : 16, w = 0;

		fprintf(out, "\t0x%04llx: ", (unsigned long long)(base + line));
		for (i = 0; i < m; i++) {
			if (i % 2 == 0) {
				putc(' ', out);
				w++;
			}
			fprintf(out, "%02x", p[line + i]);
			w += 2;
		}
		for (; w < 40; w++)
			putc(' ', out);
		fputs("  ", out);
		for (i = 0; i < m; i++)
			putc(printable(p[line + i]) ? p[line + i] : '.', out);
		putc('\n', out);
	}
}

/* ---- blocks ---- */

static void block_header(struct fconv *fc, int dir, int64_t ts, int64_t seq, size_t len, int tcp)
{
	FILE *out = fc->f->o.out;
	int i;

	fprintf(out, "%s %llu +%.6f %s ", dir ? "<-" : "->", (unsigned long long)fc->c->s.id,
		(double)(ts - fc->c->s.first_us) / 1e6, dir ? "server" : "client");
	if (tcp)
		fprintf(out, "seq %lld ", (long long)seq);
	fprintf(out, "len %zu", len);
	for (i = 0; i < fc->nlabels; i++)
		fprintf(out, "%s%s", i ? ", " : " | ", fc->labels[i]);
	if (fc->more_labels)
		fputs(", ...", out);
	putc('\n', out);
}

static void on_label(void *ctx, const struct lp_label *l)
{
	struct fconv *fc = ctx;
	char s[48];

	/* a line that began in an earlier block was labelled there already (or is left out) */
	if (l->dir != fc->chunk_dir || l->off < fc->chunk_lo || l->off >= fc->chunk_hi)
		return;
	lp_label_short(l, s, sizeof(s));
	if (fc->nlabels && !strcmp(fc->labels[fc->nlabels - 1], s))
		return;
	if (fc->nlabels == MAX_LABELS) {
		fc->more_labels = 1;
		return;
	}
	snprintf(fc->labels[fc->nlabels++], sizeof(fc->labels[0]), "%s", s);
}

static void print_payload(struct fconv *fc, const uint8_t *data, size_t len, int64_t off)
{
	if (fc->f->o.hex)
		print_hex(fc->f->o.out, data, len, (uint64_t)(off > 0 ? off - 1 : 0));
	else
		print_text(fc->f->o.out, data, len);
}

static void on_stream(void *ctx, const struct reasm_ev *ev)
{
	struct fconv *fc = ctx;

	if (!ev->data) {
		fprintf(fc->f->o.out, "!! %llu +%.6f %s seq %lld len %zu: %s\n",
			(unsigned long long)fc->c->s.id, (double)(ev->ts_us - fc->c->s.first_us) / 1e6,
			ev->dir ? "server" : "client", (long long)ev->off, ev->len,
			ev->gap == REASM_GAP_SNAPLEN ? "cut by the snapshot length" : "not captured");
		lp_gap(&fc->lp, ev->dir, ev->len);
		return;
	}
	fc->chunk_dir = ev->dir;
	fc->chunk_lo = ev->off;
	fc->chunk_hi = ev->off + (int64_t)ev->len;
	fc->nlabels = fc->more_labels = 0;
	lp_feed(&fc->lp, ev->dir, ev->off, ev->data, ev->len);
	lp_segment_end(&fc->lp, ev->dir);
	block_header(fc, ev->dir, ev->ts_us, ev->off, ev->len, 1);
	print_payload(fc, ev->data, ev->len, ev->off);
}

static struct fconv *conv_state(struct follow *f, struct conv *c)
{
	struct fconv *fc = c->user;
	char a[80], b[80], t[48];

	if (fc)
		return fc;
	fc = xcalloc(1, sizeof(*fc));
	fc->f = f;
	fc->c = c;
	c->user = fc;
	reasm_init(&fc->ra, 0, on_stream, fc);
	lp_init(&fc->lp, on_label, fc);
	time_format(t, sizeof(t), c->s.first_us, 0, TIME_PLAIN, 6);
	fprintf(f->o.out, "== stream %llu %s: client %s, server %s, start %s UTC\n",
		(unsigned long long)c->s.id, c->s.proto == 6 ? "tcp" : "udp",
		conv_endpoint(&c->s, 0, a, sizeof(a)), conv_endpoint(&c->s, 1, b, sizeof(b)), t);
	return fc;
}

void follow_packet(struct follow *f, struct conv *c, const struct conv_pkt *r,
		   const struct net_packet *p, int64_t ts_us)
{
	struct fconv *fc = conv_state(f, c);

	if (c->s.proto != 6) {
		if (!p->payload_len)
			return;
		fc->nlabels = fc->more_labels = 0;
		block_header(fc, r->dir, ts_us, 0, p->payload_len, 0);
		print_payload(fc, p->payload, p->payload_caplen, 1);
		if (p->payload_caplen < p->payload_len)
			fprintf(f->o.out, "!! %llu +%.6f %s len %u: cut by the snapshot length\n",
				(unsigned long long)c->s.id, (double)(ts_us - c->s.first_us) / 1e6,
				r->dir ? "server" : "client", p->payload_len - p->payload_caplen);
		return;
	}
	reasm_tcp(&fc->ra, r, p, ts_us, c->s.dir[0].packets + c->s.dir[1].packets);
}

void follow_end(struct follow *f, struct conv *c)
{
	struct fconv *fc = c->user;
	const struct conv_summary *s = &c->s;

	if (!fc)
		return;
	reasm_flush(&fc->ra, s->last_us);
	if (s->proto == 6) {
		fprintf(f->o.out, "== end of stream %llu: %s", (unsigned long long)s->id,
			conv_state_name(s->state));
		if (s->close_dir >= 0)
			fprintf(f->o.out, ", closed by %s %s", s->close_dir ? "server" : "client",
				s->close_rst ? "RST" : "FIN");
		fprintf(f->o.out, "; client sent %llu bytes, server %llu",
			(unsigned long long)fc->ra.d[0].delivered, (unsigned long long)fc->ra.d[1].delivered);
		if (fc->ra.d[0].gap_bytes || fc->ra.d[1].gap_bytes)
			fprintf(f->o.out, "; missing: client %llu bytes, server %llu",
				(unsigned long long)fc->ra.d[0].gap_bytes,
				(unsigned long long)fc->ra.d[1].gap_bytes);
		putc('\n', f->o.out);
	} else {
		fprintf(f->o.out, "== end of stream %llu: client sent %llu datagrams, server %llu\n",
			(unsigned long long)s->id, (unsigned long long)s->dir[0].packets,
			(unsigned long long)s->dir[1].packets);
	}
	reasm_release(&fc->ra);
	free(fc);
	c->user = NULL;
}
