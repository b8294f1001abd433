/* SPDX-License-Identifier: MIT */
/* Sequence diagrams of conversations, SVG and HTML: see graph.h. */
#include "flow/graph.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "flow/lineproto.h"
#include "flow/reasm.h"
#include "render/diagram.h"
#include "render/escape.h"

#define RING 64

struct gseg {
	int64_t ts_us;
	int64_t seq, ack, hole;
	uint32_t len, win;
	uint16_t flags;		/* CONV_F_* */
	uint8_t tcp_flags, dir;
	uint8_t has_ack;
	uint8_t wscaled;	/* win is to be shifted by wshift (both SYNs offered scaling) */
	uint8_t wshift;
	uint16_t extra;		/* more protocol lines start in this segment */
	int32_t label;		/* index into labels, -1 none */
};

struct gconv {
	struct conv_summary s;
	struct gseg *segs;
	size_t nsegs, cap;
	const char **labels;
	size_t nlabels, lcap;
	uint64_t dropped;
	/* while the conversation is open */
	struct graph *g;
	struct reasm *ra;
	struct lineproto *lp;
	struct { int64_t lo, hi; uint32_t seg; } ring[2][RING];
	unsigned ringn[2];
	/* window scale (RFC 7323) offered in each direction's SYN: 0 not seen, 1 offered, 2 not offered */
	uint8_t ws_state[2], ws_shift[2];
};

struct graph {
	struct graph_opts o;
	struct arena arena;
	struct gconv **convs;
	size_t n, cap;
	uint64_t total, dropped;
};

struct graph *graph_new(const struct graph_opts *o)
{
	struct graph *g = xcalloc(1, sizeof(*g));

	g->o = *o;
	if (!g->o.max_segments)
		g->o.max_segments = 200000;
	arena_init(&g->arena);
	return g;
}

static void live_release(struct gconv *gc)
{
	if (gc->ra) {
		reasm_release(gc->ra);
		free(gc->ra);
		gc->ra = NULL;
	}
	free(gc->lp);
	gc->lp = NULL;
}

void graph_free(struct graph *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->n; i++) {
		live_release(g->convs[i]);
		free(g->convs[i]->segs);
		free(g->convs[i]->labels);
		free(g->convs[i]);
	}
	free(g->convs);
	arena_release(&g->arena);
	free(g);
}

size_t graph_conversations(const struct graph *g)
{
	return g->n;
}

uint64_t graph_segments(const struct graph *g)
{
	return g->total;
}

uint64_t graph_dropped(const struct graph *g)
{
	return g->dropped;
}


/* ---- collecting ---- */

/* Capture bytes made safe to keep as label text: controls as '.', cut at `max`. */
static const char *label_text(struct graph *g, const char *prefix, const char *s, size_t n)
{
	char buf[LP_TEXT_MAX + 64];
	size_t k = strlen(prefix), i;

	memcpy(buf, prefix, k);
	for (i = 0; i < n && k + 1 < sizeof(buf); i++) {
		unsigned char c = (unsigned char)s[i];

		buf[k++] = c < 0x20 || c == 0x7f ? '.' : (char)c;
	}
	buf[k] = '\0';
	return arena_strdup(&g->arena, buf);
}

static void on_label(void *ctx, const struct lp_label *l)
{
	struct gconv *gc = ctx;
	unsigned i, n = gc->ringn[l->dir] < RING ? gc->ringn[l->dir] : RING;
	const char *text;
	struct gseg *s;

	/* the segment whose bytes hold the line's first byte */
	for (i = 0; i < n; i++) {
		unsigned k = (gc->ringn[l->dir] - 1 - i) % RING;

		if (l->off >= gc->ring[l->dir][k].lo && l->off < gc->ring[l->dir][k].hi)
			break;
	}
	if (i == n)
		return;
	s = &gc->segs[gc->ring[l->dir][(gc->ringn[l->dir] - 1 - i) % RING].seg];
	if (s->label >= 0) {
		s->extra++;
		return;
	}
	switch (l->kind) {
	case LP_SMTP_AUTH: text = label_text(gc->g, "AUTH data (not shown)", "", 0); break;
	case LP_SMTP_BODY: text = label_text(gc->g, "message: ", l->text, l->text_len); break;
	case LP_SMTP_END: text = label_text(gc->g, "end of message (.)", "", 0); break;
	case LP_TLS: text = label_text(gc->g, "TLS (encrypted from here on)", "", 0); break;
	default: text = label_text(gc->g, "", l->text, l->text_len); break;
	}
	XGROW(gc->labels, gc->nlabels + 1, gc->lcap);
	gc->labels[gc->nlabels] = text;
	s->label = (int32_t)gc->nlabels++;
}

static void on_stream(void *ctx, const struct reasm_ev *ev)
{
	struct gconv *gc = ctx;
	unsigned k;

	if (!ev->data) {
		lp_gap(gc->lp, ev->dir, ev->len);
		return;
	}
	if (!ev->tag)
		return;		/* a segment past max_segments: not drawn, not labelled */
	k = gc->ringn[ev->dir]++ % RING;
	gc->ring[ev->dir][k].lo = ev->off;
	gc->ring[ev->dir][k].hi = ev->off + (int64_t)ev->len;
	gc->ring[ev->dir][k].seg = (uint32_t)(ev->tag - 1);
	lp_feed(gc->lp, ev->dir, ev->off, ev->data, ev->len);
	lp_segment_end(gc->lp, ev->dir);
}

void graph_packet(struct graph *g, struct conv *c, const struct conv_pkt *r,
		  const struct net_packet *p, int64_t ts_us)
{
	struct gconv *gc = c->user;
	uint64_t tag = 0;

	if (!gc) {
		gc = xcalloc(1, sizeof(*gc));
		gc->g = g;
		c->user = gc;
		XGROW(g->convs, g->n + 1, g->cap);
		g->convs[g->n++] = gc;
		if (c->s.proto == 6) {
			gc->ra = xmalloc(sizeof(*gc->ra));
			gc->lp = xmalloc(sizeof(*gc->lp));
			reasm_init(gc->ra, 0, on_stream, gc);
			lp_init(gc->lp, on_label, gc);
		}
	}
	if (g->total >= g->o.max_segments) {
		gc->dropped++;
		g->dropped++;
	} else {
		struct gseg *s;

		XGROW(gc->segs, gc->nsegs + 1, gc->cap);
		s = &gc->segs[gc->nsegs++];
		memset(s, 0, sizeof(*s));
		s->ts_us = ts_us;
		s->dir = (uint8_t)r->dir;
		s->flags = (uint16_t)r->flags;
		s->tcp_flags = r->tcp_flags;
		s->seq = r->rel_seq;
		s->has_ack = c->s.proto == 6 && (r->tcp_flags & NET_TH_ACK);
		/* the peer's ISN may not be known yet (mid-stream): keep the raw number for later */
		s->ack = r->has_ack ? r->rel_ack : -1 - (int64_t)p->tcp.ack;
		s->hole = r->hole;
		s->len = r->len;
		s->win = r->win;
		if (c->s.proto == 6) {
			if (r->tcp_flags & NET_TH_SYN) {
				struct net_tcp_optsum o;

				net_tcp_options(&p->tcp, &o);
				gc->ws_state[r->dir] = o.has_wscale ? 1 : 2;
				gc->ws_shift[r->dir] = o.wscale > 14 ? 14 : o.wscale;	/* RFC 7323: at most 14 */
			} else if (gc->ws_state[0] == 1 && gc->ws_state[1] == 1) {
				/* as Wireshark: scaled once both SYNs offered it; a SYN's window never is */
				s->wscaled = 1;
				s->wshift = gc->ws_shift[r->dir];
			}
		}
		s->label = -1;
		g->total++;
		tag = gc->nsegs;
	}
	if (gc->ra)
		reasm_tcp(gc->ra, r, p, ts_us, tag);
}

void graph_end(struct graph *g, struct conv *c)
{
	struct gconv *gc = c->user;

	if (!gc)
		return;
	if (gc->ra)
		reasm_flush(gc->ra, c->s.last_us);
	live_release(gc);
	gc->s = c->s;
	c->user = NULL;
}

/* ---- drawing ---- */

enum {
	W = 1240,		/* diagram width */
	X_TIME = 8,
	X_PHASE = 112,
	X_CLIENT = 270,
	X_SERVER = 720,
	X_LABEL = 740,
	TOP = 84,		/* first row */
	ROW = 24,
	BOTTOM = 36,
	LABEL_CHARS = 64,	/* longer protocol lines are cut (the whole line is the tooltip) */
};

static const char *flags_text(uint8_t f, char *out)
{
	char *o = out;

	*o++ = '[';
	if (f & NET_TH_FIN) *o++ = 'F';
	if (f & NET_TH_SYN) *o++ = 'S';
	if (f & NET_TH_RST) *o++ = 'R';
	if (f & NET_TH_PUSH) *o++ = 'P';
	if (f & NET_TH_ACK) *o++ = '.';
	if (f & NET_TH_URG) *o++ = 'U';
	if (f & NET_TH_ECE) *o++ = 'E';
	if (f & NET_TH_CWR) *o++ = 'W';
	if (o == out + 1)
		*o++ = 'n', *o++ = 'o', *o++ = 'n', *o++ = 'e';
	*o++ = ']';
	*o = '\0';
	return out;
}

static int rows_of(const struct gconv *gc)
{
	size_t i;
	int rows = 0;

	for (i = 0; i < gc->nsegs; i++)
		rows += 1 + !!(gc->segs[i].flags & CONV_F_HOLE);
	return rows + (gc->dropped ? 1 : 0);
}

static int height_of(const struct gconv *gc)
{
	return TOP + rows_of(gc) * ROW + BOTTOM;
}

/* Row index of each segment (a hole row comes before its segment). */
static int *row_index(const struct gconv *gc)
{
	int *rows = xreallocarray(NULL, gc->nsegs ? gc->nsegs : 1, sizeof(*rows));
	size_t k;
	int r = 0;

	for (k = 0; k < gc->nsegs; k++) {
		r += !!(gc->segs[k].flags & CONV_F_HOLE);
		rows[k] = r++;
	}
	return rows;
}

static void band(FILE *f, const struct gconv *gc, const int *rows, size_t from, size_t to,
		 const char *name, const char *cls)
{
	int y0, y1;

	if (from >= to)
		return;
	y0 = TOP + rows[from] * ROW - (gc->segs[from].flags & CONV_F_HOLE ? ROW : 0);
	y1 = TOP + rows[to - 1] * ROW + ROW;
	fprintf(f, "<g class=\"phase %s\"><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>",
		cls, X_PHASE - 14, y0, W - X_PHASE + 6, y1 - y0);
	if (y1 - y0 >= 4 * ROW)	/* tall enough for the name along the band */
		fprintf(f, "<text transform=\"translate(%d %d) rotate(-90)\" text-anchor=\"middle\">%s</text>",
			X_PHASE, (y0 + y1) / 2, name);
	else
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", W - 8, y0 + 15, name);
	fputs("</g>\n", f);
}

static void draw_phases(FILE *f, const struct gconv *gc, const int *rows)
{
	size_t i, hs_end = 0, close = gc->nsegs;
	int synack = 0;

	if (gc->s.proto != 6 || !gc->nsegs)
		return;
	/* handshake: the SYNs and SYN-ACKs at the start, and the client's ACK of them */
	for (i = 0; i < gc->nsegs; i++) {
		const struct gseg *s = &gc->segs[i];

		if (s->tcp_flags & NET_TH_SYN) {
			synack |= (s->tcp_flags & NET_TH_ACK) != 0;
			hs_end = i + 1;
			continue;
		}
		if (synack && s->dir == 0 && !s->len && !(s->tcp_flags & (NET_TH_FIN | NET_TH_RST)))
			hs_end = i + 1;
		break;
	}
	for (i = hs_end; i < gc->nsegs; i++)
		if (gc->segs[i].tcp_flags & (NET_TH_FIN | NET_TH_RST)) {
			close = i;
			break;
		}
	band(f, gc, rows, 0, hs_end, "handshake", "hs");
	band(f, gc, rows, hs_end, close, gc->s.mid_stream ? "data (start not captured)" : "data", "data");
	band(f, gc, rows, close, gc->nsegs, gc->s.state == CONV_RESET ? "reset" : "close",
	     gc->s.state == CONV_RESET ? "rst" : "close");
}

static void draw_segment(FILE *f, const struct gconv *gc, const int *rows, size_t i)
{
	const struct gseg *s = &gc->segs[i];
	int y = TOP + rows[i] * ROW, tcp = gc->s.proto == 6;
	int x1 = s->dir ? X_SERVER : X_CLIENT, x2 = s->dir ? X_CLIENT : X_SERVER;
	char fl[16], t[64];
	const char *cls = s->dir ? "d1" : "d0";
	int64_t ack = s->ack;

	if (s->flags & CONV_F_HOLE) {
		fprintf(f, "<g class=\"hole\"><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>"
			"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%lld bytes not captured</text></g>\n",
			X_CLIENT, y - ROW / 2, X_SERVER, y - ROW / 2, (X_CLIENT + X_SERVER) / 2,
			y - ROW / 2 - 3, (long long)s->hole);
	}
	if (ack < 0)	/* raw: relative to the peer's ISN, known now */
		ack = (int64_t)(uint32_t)((uint32_t)(-1 - ack) - gc->s.isn[s->dir ^ 1]);
	fprintf(f, "<g class=\"seg %s%s%s%s%s%s\" data-i=\"%zu\">", cls,
		s->flags & CONV_F_RETRANS ? " retrans" : "", s->flags & CONV_F_OOO ? " ooo" : "",
		s->flags & CONV_F_KEEPALIVE ? " keepalive" : "",
		s->tcp_flags & NET_TH_RST ? " rst" : "", s->flags & CONV_F_ZERO_WIN ? " zwin" : "", i);
	fprintf(f, "<text class=\"t\" x=\"%d\" y=\"%d\">+%.6f</text>", X_TIME, y + 16,
		(double)(s->ts_us - gc->s.first_us) / 1e6);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" marker-end=\"url(#kf-arrow-%s)\"/>",
		x1, y + 17, x2 + (s->dir ? 2 : -2), y + 17,
		s->flags & CONV_F_RETRANS || s->tcp_flags & NET_TH_RST ? "red" :
		s->flags & CONV_F_OOO ? "ooo" : s->flags & CONV_F_KEEPALIVE ? "grey" : cls);
	fprintf(f, "<text class=\"a\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">", (X_CLIENT + X_SERVER) / 2,
		y + 12);
	if (tcp) {
		fprintf(f, "%s seq %lld", flags_text(s->tcp_flags, fl), (long long)s->seq);
		if (s->len)
			fprintf(f, ":%lld", (long long)(s->seq + s->len));
		if (s->has_ack)
			fprintf(f, " ack %lld", (long long)ack);
		if (s->wscaled)	/* the scaled window, the field as sent on hover */
			fprintf(f, " <tspan class=\"win\">win %llu<title>window field %u, scale %u "
				"(\xc3\x97%u)</title></tspan> len %u",
				(unsigned long long)s->win << s->wshift, s->win, s->wshift,
				1u << s->wshift, s->len);
		else
			fprintf(f, " win %u len %u", s->win, s->len);
	} else {
		fprintf(f, "UDP len %u", s->len);
	}
	t[0] = '\0';
	if (s->flags & CONV_F_RETRANS)
		strcat(t, " retransmission");
	if (s->flags & CONV_F_OOO)
		strcat(t, " out-of-order");
	if (s->flags & CONV_F_KEEPALIVE)
		strcat(t, " keep-alive");
	if (s->flags & CONV_F_ZERO_WIN)
		strcat(t, " zero window");
	if (s->flags & CONV_F_WIN_FULL)
		strcat(t, " window probe");
	if (t[0])
		fprintf(f, "<tspan class=\"tag\">%s</tspan>", t);
	fputs("</text>", f);
	if (s->label >= 0) {
		const char *text = gc->labels[s->label];

		fprintf(f, "<text class=\"l %s\" x=\"%d\" y=\"%d\"><title>", cls, X_LABEL, y + 16);
		escape_markup(f, text);
		fputs("</title>", f);
		if (strlen(text) > LABEL_CHARS) {
			char cut[LABEL_CHARS + 1];
			size_t n = LABEL_CHARS;

			/* cut on a character boundary, not inside a UTF-8 sequence */
			while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
				n--;
			memcpy(cut, text, n);
			cut[n] = '\0';
			escape_markup(f, cut);
			fputs("\xe2\x80\xa6", f);
		} else {
			escape_markup(f, text);
		}
		if (s->extra)
			fprintf(f, " (+%u line%s)", s->extra, s->extra == 1 ? "" : "s");
		fputs("</text>", f);
	}
	fputs("</g>\n", f);
}

static void endpoint_text(FILE *f, const struct conv_summary *s, int side)
{
	char ep[80];

	escape_markup(f, conv_endpoint(s, side, ep, sizeof(ep)));
}

/* One conversation, its top at y = 0 of the current coordinate system. */
static void draw_conv(FILE *f, const struct gconv *gc)
{
	const struct conv_summary *s = &gc->s;
	int h = height_of(gc), x;
	size_t i;
	char t[48];
	int *rows = row_index(gc);

	time_format(t, sizeof(t), s->first_us, 0, TIME_PLAIN, 6);
	fprintf(f, "<text class=\"title\" x=\"%d\" y=\"22\">stream %llu %s: ", X_TIME,
		(unsigned long long)s->id, s->proto == 6 ? "tcp" : "udp");
	endpoint_text(f, s, 0);
	fputs(" \xe2\x86\x92 ", f);
	endpoint_text(f, s, 1);
	fprintf(f, ", %s", s->proto == 6 ? conv_state_name(s->state) : "udp");
	if (s->close_dir >= 0)
		fprintf(f, ", closed by %s %s", s->close_dir ? "server" : "client", s->close_rst ? "RST" : "FIN");
	fprintf(f, ", %zu segment%s, start %s UTC</text>\n", gc->nsegs + (size_t)gc->dropped,
		gc->nsegs + gc->dropped == 1 ? "" : "s", t);
	draw_phases(f, gc, rows);
	for (x = 0; x < 2; x++) {
		int cx = x ? X_SERVER : X_CLIENT;

		fprintf(f, "<line class=\"life\" x1=\"%d\" y1=\"58\" x2=\"%d\" y2=\"%d\"/>", cx, cx, h - 10);
		fprintf(f, "<g class=\"head\"><rect x=\"%d\" y=\"34\" width=\"200\" height=\"24\" rx=\"4\"/>"
			"<text x=\"%d\" y=\"50\" text-anchor=\"middle\">%s ", cx - 100, cx,
			x ? "server" : "client");
		endpoint_text(f, s, x);
		fputs("</text></g>\n", f);
	}
	for (i = 0; i < gc->nsegs; i++)
		draw_segment(f, gc, rows, i);
	free(rows);
	if (gc->dropped)
		fprintf(f, "<text class=\"note\" x=\"%d\" y=\"%d\">%llu more segments not drawn "
			"(--max-segments)</text>\n", X_CLIENT, h - BOTTOM + 4, (unsigned long long)gc->dropped);
}

static int by_id(const void *a, const void *b)
{
	const struct gconv *x = *(struct gconv *const *)a, *y = *(struct gconv *const *)b;

	return x->s.id < y->s.id ? -1 : x->s.id > y->s.id;
}

static int finish_write(FILE *f, struct kerr *err)
{
	if (fflush(f) || ferror(f))
		return kerr_errno(err, errno, "writing the diagram");
	return 0;
}

int graph_write_svg(const struct graph *g, FILE *f, struct kerr *err)
{
	size_t i;
	int total = 0, y = 0;

	if (g->n)
		qsort(g->convs, g->n, sizeof(*g->convs), by_id);
	for (i = 0; i < g->n; i++)
		total += height_of(g->convs[i]);
	if (!g->n)
		total = 40;
	diagram_svg_begin(f, W, total);
	if (!g->n)
		fprintf(f, "<text x=\"%d\" y=\"24\">no TCP or UDP conversation</text>\n", X_TIME);
	for (i = 0; i < g->n; i++) {
		fprintf(f, "<g class=\"conv\" data-segments=\"%zu\" transform=\"translate(0 %d)\">\n",
			g->convs[i]->nsegs, y);
		draw_conv(f, g->convs[i]);
		fputs("</g>\n", f);
		y += height_of(g->convs[i]);
	}
	diagram_svg_end(f);
	return finish_write(f, err);
}

int graph_write_svg_one(const struct graph *g, uint64_t id, FILE *f, struct kerr *err)
{
	size_t lo = 0, hi = g->n;
	const struct gconv *gc;

	/* conversations are kept in the order of their first packet: the order of their ids */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (g->convs[mid]->s.id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == g->n || (gc = g->convs[lo])->s.id != id || gc->dropped)
		return 0;
	diagram_svg_begin(f, W, height_of(gc));
	fprintf(f, "<g class=\"conv\" data-segments=\"%zu\">\n", gc->nsegs);
	draw_conv(f, gc);
	fputs("</g>\n", f);
	diagram_svg_end(f);
	return finish_write(f, err) < 0 ? -1 : 1;
}

/* The list entry of a conversation: "3 tcp 10.0.0.1:5000 → 10.0.0.2:25 (complete, 12)". */
static const char *link_text(struct buf *b, const struct gconv *gc)
{
	char a[80], z[80];

	buf_reset(b);
	buf_printf(b, "%llu %s %s \xe2\x86\x92 %s (%s, %zu)", (unsigned long long)gc->s.id,
		   gc->s.proto == 6 ? "tcp" : "udp", conv_endpoint(&gc->s, 0, a, sizeof(a)),
		   conv_endpoint(&gc->s, 1, z, sizeof(z)),
		   gc->s.proto == 6 ? conv_state_name(gc->s.state) : "udp", gc->nsegs);
	return buf_str(b);
}

int graph_write_html(const struct graph *g, FILE *f, struct kerr *err)
{
	struct diagram_page page;
	struct buf b = BUF_INIT, title = BUF_INIT;
	char anchor[32];
	size_t i;

	if (g->n)
		qsort(g->convs, g->n, sizeof(*g->convs), by_id);
	buf_printf(&b, "%zu conversation%s, %llu segment%s drawn", g->n, g->n == 1 ? "" : "s",
		   (unsigned long long)g->total, g->total == 1 ? "" : "s");
	if (g->dropped)
		buf_printf(&b, ", %llu more not drawn (--max-segments)", (unsigned long long)g->dropped);
	buf_printf(&title, "kansoku flowgraph: %s", g->o.source);
	diagram_page_begin(&page, f, buf_str(&title), g->o.source, buf_str(&b));
	buf_release(&title);
	for (i = 0; i < g->n; i++) {
		snprintf(anchor, sizeof(anchor), "kf-c%llu", (unsigned long long)g->convs[i]->s.id);
		diagram_page_link(&page, anchor, link_text(&b, g->convs[i]));
	}
	buf_release(&b);
	diagram_page_main(&page, g->n ? NULL : "no TCP or UDP conversation");
	for (i = 0; i < g->n; i++) {
		const struct gconv *gc = g->convs[i];
		int h = height_of(gc);

		snprintf(anchor, sizeof(anchor), "kf-c%llu", (unsigned long long)gc->s.id);
		diagram_page_svg_begin(&page, anchor, W, h, gc->nsegs);
		draw_conv(f, gc);
		diagram_page_svg_end(&page);
	}
	diagram_page_end(&page);
	return finish_write(f, err);
}
