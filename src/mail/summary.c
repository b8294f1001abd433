/* SPDX-License-Identifier: MIT */
#include "mail/summary.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

/* Reason texts are cut here so a hostile line cannot make one huge key. */
#define REASON_MAX 160
#define ADDR_MAX 512

/* Records of messages still in flight are forgotten after this long unseen. */
#define STALE_UNQUEUED_US (3600LL * TIME_US_PER_SEC)		/* never reached qmgr */
#define STALE_QUEUED_US (8LL * 86400 * TIME_US_PER_SEC)		/* > maximal_queue_lifetime (5d) */
#define SWEEP_EVERY 1000000

/* A literal prefix: memcmp with a constant size compiles to a few compares. */
#define PREFIX(s, len, lit) ((len) >= sizeof(lit) - 1 && !memcmp((s), lit, sizeof(lit) - 1))

/*
 * Substring search for short texts: memchr for the first byte, then
 * memcmp. (glibc's memmem prepares a two-way search on every call, which
 * costs more than the search itself on log-line lengths.)
 */
static inline __attribute__((always_inline)) const char *
find(const char *s, size_t len, const char *lit, size_t litlen)
{
	const char *p = s, *end = s + len;

	if (!litlen || len < litlen)
		return litlen ? NULL : s;
	while ((p = memchr(p, lit[0], (size_t)(end - p) - litlen + 1))) {
		if (!memcmp(p + 1, lit + 1, litlen - 1))
			return p;
		if (++p > end - litlen)
			break;
	}
	return NULL;
}
#define FIND(s, len, lit) find((s), (len), lit, sizeof(lit) - 1)

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

void mail_summary_init(struct mail_summary *s)
{
	memset(s, 0, sizeof(*s));
	strmap_init(&s->rcpt_domains, sizeof(struct mail_dest));
	strmap_init(&s->relays, sizeof(struct mail_dest));
	strmap_init(&s->send_domains, sizeof(struct mail_party));
	strmap_init(&s->senders, sizeof(struct mail_party));
	strmap_init(&s->recipients, sizeof(struct mail_party));
	strmap_init(&s->deferral_reasons, sizeof(uint64_t));
	strmap_init(&s->bounce_reasons, sizeof(uint64_t));
	strmap_init(&s->reject_reasons, sizeof(uint64_t));
	strmap_init(&s->problems, sizeof(uint64_t));
	strmap_init(&s->master, sizeof(uint64_t));
	strmap_init(&s->others, sizeof(uint64_t));
	strmap_init(&s->clients, 1);
	qtable_init(&s->q);
	qhist_init(&s->gone);
	memcpy(s->instance, "postfix", 8);
}

void mail_summary_release(struct mail_summary *s)
{
	strmap_release(&s->rcpt_domains);
	strmap_release(&s->relays);
	strmap_release(&s->send_domains);
	strmap_release(&s->senders);
	strmap_release(&s->recipients);
	strmap_release(&s->deferral_reasons);
	strmap_release(&s->bounce_reasons);
	strmap_release(&s->reject_reasons);
	strmap_release(&s->problems);
	strmap_release(&s->master);
	strmap_release(&s->others);
	strmap_release(&s->clients);
	qtable_release(&s->q);
	qhist_release(&s->gone);
	free(s->days);
	for (size_t i = 0; i < s->ninstances; i++) {
		mail_summary_release(s->instances[i]);
		free(s->instances[i]);
	}
	free(s->instances);
	memset(s, 0, sizeof(*s));
}

/* ---- small text helpers ---- */

/* Appends a field and a NUL separator to a composite key. */
static size_t key_add(char *key, size_t at, size_t cap, const char *s, size_t len)
{
	if (len > REASON_MAX)
		len = REASON_MAX;
	if (at + len + 1 > cap)
		len = cap - at - 1;
	memcpy(key + at, s, len);
	key[at + len] = '\0';
	return at + len + 1;
}

static void count_key(struct strmap *m, const char *key, size_t len)
{
	uint64_t *v = strmap_get(m, key, len, NULL);

	(*v)++;
}

/* A-Z to a-z in place, eight bytes at a time (no carry crosses a byte). */
static void lower_ascii(char *s, size_t n)
{
	const uint64_t high = 0x8080808080808080ULL;
	uint64_t w, low7, ge_a, gt_z;
	unsigned k;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		low7 = w & ~high;
		ge_a = low7 + 0x3f3f3f3f3f3f3f3fULL;	/* high bit: byte >= 'A' */
		gt_z = low7 + 0x2525252525252525ULL;	/* high bit: byte > 'Z' */
		w |= ((ge_a ^ gt_z) & ~w & high) >> 2;	/* 0x20 on upper-case letters */
		memcpy(s, &w, 8);
	}
	for (; n; s++, n--) {
		k = (unsigned char)*s;
		*s = (char)(k | (k - 'A' < 26) << 5);
	}
}

/* Address with its domain part lower-cased (pflogsumm: s/(@.+)/\L$1/). */
static size_t norm_addr(const char *a, size_t len, char *out)
{
	const char *at;

	if (len > ADDR_MAX)
		len = ADDR_MAX;
	memcpy(out, a, len);
	out[len] = '\0';
	at = memchr(a, '@', len);
	if (at && (size_t)(at - a) + 1 < len)
		lower_ascii(out + (at - a) + 1, len - (size_t)(at - a) - 1);
	return len;
}

/* Domain of "user@domain" (non-empty user and domain), else NULL. */
static const char *addr_domain(const char *a, size_t len, size_t *dlen)
{
	const char *at = memchr(a, '@', len);

	if (!at || at == a || at + 1 >= a + len)
		return NULL;
	*dlen = (size_t)(a + len - at - 1);
	return at + 1;
}

static int is_ipv4(const char *s, size_t len)
{
	size_t i = 0;
	int part, digits;

	for (part = 0; part < 4; part++) {
		for (digits = 0; i < len && is_digit(s[i]) && digits < 3; i++)
			digits++;
		if (!digits)
			return 0;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return 0;
			i++;
		}
	}
	return i == len;
}

static int is_hexish(char c)
{
	c = lower(c);
	return is_digit(c) || (c >= 'a' && c <= 'f') || c == '.' || c == ':';
}

size_t mail_client_domain(const char *c, size_t len, char *out, size_t outsize)
{
	const char *dom = NULL, *ip = NULL, *p, *end = c + len;
	size_t dom_len = 0, ip_len = 0, n, i;
	const char *lb;

	/* "name[1.2.3.4]" */
	lb = memchr(c, '[', len);
	if (lb) {
		const char *rb = memchr(lb, ']', (size_t)(end - lb));

		if (rb && is_ipv4(lb + 1, (size_t)(rb - lb - 1))) {
			dom = c;
			dom_len = (size_t)(lb - c);
			ip = lb + 1;
			ip_len = (size_t)(rb - lb - 1);
		}
	}
	/* older "name/1.2.3.4" */
	if (!dom) {
		const char *sl = memchr(c, '/', len);

		if (sl && sl + 1 < end && is_hexish(sl[1])) {
			dom = c;
			dom_len = (size_t)(sl - c);
			ip = sl + 1;
			for (p = ip; p < end && is_hexish(*p); p++)
				;
			ip_len = (size_t)(p - ip);
		}
	}
	/* "name[addr]:port", "name(addr)" */
	if (!dom) {
		for (p = c; p < end && *p != '[' && *p != '(' && *p != '/'; p++)
			;
		if (p < end) {
			const char *a = p + 1, *q = a;

			while (q < end && *q != ']' && *q != ')')
				q++;
			if (q < end && q > a) {
				const char *r = q + 1;

				if (r < end && *r == ':')
					r++;
				while (r < end && is_digit(*r))
					r++;
				if (r == end) {
					dom = c;
					dom_len = (size_t)(p - c);
					ip = a;
					ip_len = (size_t)(q - a);
				}
			}
		}
	}
	if (!dom) {
		out[0] = '\0';
		return 0;
	}
	if (dom_len == 0 || (dom_len == 7 && !memcmp(dom, "unknown", 7))) {
		n = ip_len < outsize - 1 ? ip_len : outsize - 1;
		memcpy(out, ip, n);
		out[n] = '\0';
		return n;
	}
	/* "mach.host.dom" -> "host.dom", "mach.host.do.co" -> "host.do.co" */
	{
		const char *d1 = NULL, *d2 = NULL, *d3 = NULL;	/* last, 2nd and 3rd last dots */
		const char *keep = NULL;

		for (p = dom + dom_len; p > dom; p--)
			if (p[-1] == '.') {
				if (!d1) d1 = p - 1;
				else if (!d2) d2 = p - 1;
				else if (!d3) { d3 = p - 1; break; }
			}
		if (d1 && d2) {
			size_t last = (size_t)(dom + dom_len - d1 - 1);
			size_t second = (size_t)(d1 - d2 - 1);

			if (last == 3 && second > 0)
				keep = d2 + 1;
			else if (last == 2 && (second == 2 || second == 3) && d3 && d2 - d3 - 1 > 0)
				keep = d3 + 1;
		}
		if (keep) {
			n = (size_t)(dom + dom_len - keep);
			if (n > outsize - 1)
				n = outsize - 1;
			for (i = 0; i < n; i++)
				out[i] = lower(keep[i]);
			out[n] = '\0';
			return n;
		}
	}
	n = dom_len < outsize - 1 ? dom_len : outsize - 1;
	memcpy(out, dom, n);
	out[n] = '\0';
	return n;
}

/*
 * Perl's numeric reading of a "delay=" value: leading digits and fraction,
 * correctly rounded as Perl reads it (0.95 is the double nearest 0.95, not
 * 0.9 + 0.05, which prints as 1.0 where pflogsumm prints 0.9).
 */
static double leading_number(const char *p, const char *end)
{
	static const double pow10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
					1e13, 1e14, 1e15 };
	uint64_t m = 0;
	int digits = 0, frac = 0;

	while (p < end && is_digit(*p)) {
		if (digits < 15) {
			m = m * 10 + (uint64_t)(*p - '0');
			if (m)
				digits++;
		} else {
			frac--;		/* a digit beyond the precision kept: scale up instead */
		}
		p++;
	}
	if (p < end && *p == '.')
		for (p++; p < end && is_digit(*p); p++)
			if (digits < 15 && frac < 15) {
				m = m * 10 + (uint64_t)(*p - '0');
				if (m)
					digits++;
				frac++;
			}
	/* m and 10^frac are exact doubles: one division, correctly rounded */
	return frac >= 0 ? (double)m / pow10[frac] : (double)m * pow10[-frac];
}

/*
 * "NAME=value, " with value [^,]+; returns the end of ", " or NULL.
 * Inlined, so that the name compare is one of a constant size.
 */
static inline __attribute__((always_inline)) const char *
field(const char *p, const char *end, const char *name, size_t nlen, const char **val, size_t *vlen)
{
	const char *q;

	if ((size_t)(end - p) < nlen || memcmp(p, name, nlen))
		return NULL;
	q = p + nlen;
	*val = q;
	q = memchr(q, ',', (size_t)(end - q));
	if (!q || q == *val || end - q < 2 || q[1] != ' ')
		return NULL;
	*vlen = (size_t)(q - *val);
	return q + 2;
}
#define FIELD(p, end, name, v, l) field((p), (end), name, sizeof(name) - 1, (v), (l))

static int delivery_at(const char *p, const char *end, struct mail_delivery *d)
{
	const char *q, *v, *n;
	size_t vl;

	/* p points after "to=<" */
	q = memchr(p, '>', (size_t)(end - p));
	if (!q || end - q < 3 || q[1] != ',' || q[2] != ' ')
		return 0;
	d->to = p;
	d->to_len = (size_t)(q - p);
	p = q + 3;
	if (end - p > 9 && !memcmp(p, "orig_to=<", 9)) {
		q = memchr(p + 9, '>', (size_t)(end - p - 9));
		if (!q || end - q < 3 || q[1] != ',' || q[2] != ' ')
			return 0;
		p = q + 3;
	}
	if (!(p = FIELD(p, end, "relay=", &d->relay, &d->relay_len)))
		return 0;
	if ((n = FIELD(p, end, "conn_use=", &v, &vl)))
		p = n;
	if (!(p = FIELD(p, end, "delay=", &v, &vl)))
		return 0;
	d->delay = leading_number(v, v + vl);
	if ((n = FIELD(p, end, "delays=", &v, &vl)))
		p = n;
	if ((n = FIELD(p, end, "dsn=", &v, &vl)))
		p = n;
	if (end - p < 8 || memcmp(p, "status=", 7))
		return 0;
	p += 7;
	d->status = p;
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	if (p == d->status)
		return 0;
	d->status_len = (size_t)(p - d->status);
	d->rest = p;
	d->rest_len = (size_t)(end - p);
	return 1;
}

int mail_parse_delivery(const char *text, size_t len, struct mail_delivery *d)
{
	const char *p = text, *end = text + len, *hit;

	while ((hit = find(p, (size_t)(end - p), "to=<", 4))) {
		if (delivery_at(hit + 4, end, d))
			return 1;
		p = hit + 4;
	}
	return 0;
}

/*
 * A reason worth ranking: the text of a "(...)" status, without the remote
 * "host said:" prefix and status codes, cut at REASON_MAX.
 */
static size_t norm_reason(const char *s, size_t len, char *out, size_t outsize)
{
	const char *end = s + len, *said;
	char *nul;
	size_t n;

	if (len && *s == '(') {
		s++;
		if (end > s && end[-1] == ')')
			end--;
	}
	while ((said = find(s, (size_t)(end - s), " said: ", 7)))
		s = said + 7;
	/* "550 5.1.1 ", "550-5.1.1 " */
	if (end - s > 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && (s[3] == ' ' || s[3] == '-'))
		s += 4;
	if (end - s > 6 && is_digit(s[0]) && s[1] == '.' && is_digit(s[2])) {
		const char *q = s + 2;

		while (q < end && (is_digit(*q) || *q == '.'))
			q++;
		if (q < end && *q == ' ')
			s = q + 1;
	}
	n = (size_t)(end - s);
	if (n > outsize - 1)
		n = outsize - 1;
	if (n > REASON_MAX)
		n = REASON_MAX;
	memcpy(out, s, n);
	out[n] = '\0';
	for (nul = memchr(out, '\0', n); nul; nul = memchr(nul, '\0', (size_t)(out + n - nul)))
		*nul = ' ';	/* keys are NUL-separated */
	return n;
}

static struct mail_day *day_find(struct mail_summary *s, int32_t day_key)
{
	struct mail_day *d = NULL;
	size_t i;

	for (i = 0; i < s->ndays; i++)
		if (s->days[i].day_key == day_key)
			d = &s->days[i];
	if (!d) {
		XGROW(s->days, s->ndays + 1, s->days_cap);
		d = &s->days[s->ndays++];
		memset(d, 0, sizeof(*d));
		d->day_key = day_key;
	}
	return d;
}

/* Counts in column col (-1: only notes the day) of the day; nearly always the last one. */
static inline void day_add(struct mail_summary *s, int32_t day_key, int col)
{
	struct mail_day *d;

	if (s->ndays && s->days[s->ndays - 1].day_key == day_key)
		d = &s->days[s->ndays - 1];
	else
		d = day_find(s, day_key);
	if (col >= 0)
		d->v[col]++;
}

static void tally(struct mail_summary *s, const struct maillog_line *l, int col)
{
	s->per_hour[l->hour][col]++;
	day_add(s, l->day_key, col);
}

/* ---- the kinds of lines ---- */

enum { REJ_REJECT, REJ_WARNING, REJ_HOLD, REJ_DISCARD };
static const char *const rej_names[] = { "reject", "reject_warning", "hold", "discard" };

static void reject_count(struct mail_summary *s, const struct maillog_line *l, int kind,
			 const char *stage, size_t stage_len, const char *reason, size_t reason_len)
{
	char key[2 * REASON_MAX + 64];
	size_t k = 0;

	switch (kind) {
	case REJ_REJECT: s->t.rejected++; break;
	case REJ_WARNING: s->t.reject_warnings++; break;
	case REJ_HOLD: s->t.held++; break;
	default: s->t.discarded++; break;
	}
	tally(s, l, MS_REJECTED);
	k = key_add(key, k, sizeof(key), rej_names[kind], strlen(rej_names[kind]));
	k = key_add(key, k, sizeof(key), stage, stage_len > 20 ? 20 : stage_len);
	k = key_add(key, k, sizeof(key), reason, reason_len);
	count_key(&s->reject_reasons, key, k);
}

/* Replaces "[anything]" by "[*]" so per-client reasons rank together. */
static size_t mask_brackets(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '[') {
			size_t j = i + 1;

			while (j < n && s[j] != ']')
				j++;
			if (j < n) {
				s[o++] = '[';
				s[o++] = '*';
				s[o++] = ']';
				i = j;
				continue;
			}
		}
		s[o++] = s[i];
	}
	s[o] = '\0';
	return o;
}

/* s[0..n) starts with three digits and a space. */
static int code3(const char *s, size_t n)
{
	return n >= 4 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) && s[3] == ' ';
}

/* The first "<c1> " or "<c2> " in [s, end) (c2 may equal c1), or NULL. */
static const char *find_sep(const char *s, const char *end, char c1, char c2)
{
	for (; s + 1 < end; s++)
		if ((*s == c1 || *s == c2) && s[1] == ' ')
			return s;
	return NULL;
}

/*
 * The reason of an smtpd reject as pflogsumm 1.1.5 groups it, so that
 * "blocked using zen.spamhaus.org" or "Recipient address rejected: User
 * unknown in local recipient table" rank together whatever the client,
 * recipient or code. r is the text after "STAGE from CLIENT: "; writes
 * into out (size > REASON_MAX), returns the length.
 */
static size_t pflogsumm_reason(const char *stage, size_t stage_len, const char *r, size_t rlen,
			       char *out)
{
	char buf[2 * REASON_MAX + 8];
	const char *p, *e, *q;
	size_t n = rlen < sizeof(buf) - 1 ? rlen : sizeof(buf) - 1;

	memcpy(buf, r, n);
	buf[n] = '\0';
	p = buf;
	e = buf + n;
	if ((stage_len == 4 && (!memcmp(stage, "RCPT", 4) || !memcmp(stage, "DATA", 4))) ||
	    (stage_len == 7 && !memcmp(stage, "CONNECT", 7))) {
		const char *sep;

		/* "550 <anything>: " -> "550 <>: ": an address or HELO can hold anything */
		if (code3(p, (size_t)(e - p)) && p[4] == '<' && (q = find(p + 5, (size_t)(e - p - 5), ">:", 2))) {
			memmove(buf + 5, q, (size_t)(e - q) + 1);
			e -= q - (buf + 5);
		}
		if (code3(p, (size_t)(e - p)) && e - p > 10 && is_digit(p[4]) && p[5] == '.' && is_digit(p[6]) &&
		    p[7] == '.' && is_digit(p[8]) && p[9] == ' ' && PREFIX(p + 10, (size_t)(e - p - 10), "Protocol error;")) {
			p += 10;
			e = p + 14;
		} else if ((sep = find_sep(p, e, ':', ';'))) {
			/* after the first ": " or "; " (and a "[address] "), up to the next ';' or ',' */
			const char *a = sep + 2, *z;

			if (a < e && *a == '[' && (z = memchr(a, ']', (size_t)(e - a))) && z + 1 < e && z[1] == ' ')
				a = z + 2;
			for (z = a; z < e && *z != ';' && *z != ','; z++)
				;
			if (z > a && z < e) {
				p = a;
				e = z;
			}
		}
		if (PREFIX(p, (size_t)(e - p), "Sender address rejected: ") ||
		    PREFIX(p, (size_t)(e - p), "Recipient address rejected: ")) {
			const char *c = memchr(p, ':', (size_t)(e - p));

			if ((q = memchr(c + 1, ':', (size_t)(e - c - 1))) && q > c + 2)
				e = q;
		}
		/* "Client host [1.2.3.4] blocked using x" -> "blocked using x" */
		{
			static const char *const who[] = { "client ", "Client host ", "Sender address " };
			const char *best = NULL, *b = NULL;
			size_t i;

			for (i = 0; i < 3; i++) {
				const char *w = find(p, (size_t)(e - p), who[i], strlen(who[i]));

				if (w && (!best || w < best))
					best = w, b = w + strlen(who[i]);
			}
			if (best && b < e && (q = find(b + 1, (size_t)(e - b - 1), " blocked", 8))) {
				/* the name and address go; ".+?" needs one byte at least */
				memmove((char *)best, q + 1, (size_t)(e - q - 1));
				e = best + (e - q - 1);
			}
		}
	} else if (stage_len == 4 && !memcmp(stage, "MAIL", 4)) {
		if (code3(p, (size_t)(e - p))) {
			const char *a = p + 4, *z, *last = NULL;

			if (a < e && *a == '<') {
				for (q = a + 1; (q = find(q, (size_t)(e - q), ">: ", 3)); q++)
					last = q;
				if (last && last > a + 1)
					a = last + 3;
			}
			for (z = a; z < e && *z != ';' && *z != ':'; z++)
				;
			if (z > a) {
				p = a;
				e = z;
			}
		}
	} else {
		const char *last = NULL, *z;

		for (q = p; (q = find_sep(q, e, ':', ';')); q++)
			last = q;
		if (last)
			p = last + 2;
		for (z = p; z < e && *z != ','; z++)
			;
		if (z > p)
			e = z;
	}
	/* reasons pflogsumm renames */
	if ((q = find(p, (size_t)(e - p), " Improper use of SMTP command pipelining;", 41)) && q - p >= 3 &&
	    code3(q - 3, 4)) {
		p = q + 1;
		e = p + 39;
	} else if ((q = find(p, (size_t)(e - p), " Message size exceeds fixed limit;", 34)) && q - p >= 3 &&
		   code3(q - 3, 4)) {
		p = q + 1;
		e = p + 32;
	}
	n = (size_t)(e - p);
	if (n > REASON_MAX)
		n = REASON_MAX;
	memcpy(out, p, n);
	out[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!out[i])
			out[i] = ' ';
	return n;
}

/*
 * smtpd "reject: RCPT from host[addr]: 550 5.1.1 <x>: Recipient address
 * rejected: ...; from=<..> to=<..> proto=.. helo=<..>"
 */
static void smtpd_reject(struct mail_summary *s, const struct maillog_line *l, int kind,
			 const char *p, const char *end)
{
	const char *stage = p, *q, *from, *colon = NULL;
	size_t stage_len;
	char buf[REASON_MAX + 1];
	size_t n;

	for (q = p; q < end && *q != ' '; q++)
		;
	stage_len = (size_t)(q - p);
	from = find(q, (size_t)(end - q), " from ", 6);
	if (from)
		colon = find(from + 6, (size_t)(end - from - 6), ": ", 2);
	/* not "STAGE from CLIENT: TEXT" (a cut or foreign line): no stage, no reason, as pflogsumm */
	if (!colon) {
		reject_count(s, l, kind, "", 0, "", 0);
		return;
	}
	p = colon + 2;
	n = pflogsumm_reason(stage, stage_len, p, (size_t)(end - p), buf);
	reject_count(s, l, kind, stage, stage_len, buf, n);
}

/* cleanup "reject: header Subject: x from host[a]; from=<..> to=<..>: 5.7.1 text" */
static int cleanup_reject(struct mail_summary *s, const struct maillog_line *l)
{
	const char *p = l->text, *end = l->text + l->text_len, *stage, *q;
	int kind;
	size_t stage_len;
	char buf[REASON_MAX + 1];
	size_t n;

	if (PREFIX(p, (size_t)(end - p), "milter-reject: "))
		kind = REJ_REJECT, p += 15;
	else if (PREFIX(p, (size_t)(end - p), "reject: "))
		kind = REJ_REJECT, p += 8;
	else if (PREFIX(p, (size_t)(end - p), "warning: "))
		kind = REJ_WARNING, p += 9;
	else if (PREFIX(p, (size_t)(end - p), "hold: "))
		kind = REJ_HOLD, p += 6;
	else if (PREFIX(p, (size_t)(end - p), "discard: "))
		kind = REJ_DISCARD, p += 9;
	else
		return 0;
	stage = p;
	if (PREFIX(p, (size_t)(end - p), "header "))
		stage_len = 6;
	else if (PREFIX(p, (size_t)(end - p), "body "))
		stage_len = 4;
	else if (PREFIX(p, (size_t)(end - p), "END-OF-MESSAGE "))
		stage_len = 14;
	else
		return 0;
	p += stage_len + 1;
	/* the reason: what Postfix says after the envelope, else the matched text */
	q = find(p, (size_t)(end - p), "; from=<", 8);
	if (q) {
		const char *r = find(q, (size_t)(end - q), ">: ", 3);

		while (r) {	/* last ">: " before the text: after proto=/helo=<..> */
			const char *r2 = find(r + 3, (size_t)(end - r - 3), ">: ", 3);

			if (!r2)
				break;
			r = r2;
		}
		if (r)
			p = r + 3;
		else
			end = q;
	}
	n = norm_reason(p, (size_t)(end - p), buf, sizeof(buf));
	n = mask_brackets(buf, n);
	reject_count(s, l, kind, stage, stage_len, buf, n);
	return 1;
}

static void problem(struct mail_summary *s, const struct maillog_line *l, const char *level,
		    const char *text, size_t len)
{
	char key[2 * REASON_MAX + 64];
	size_t k = 0;

	k = key_add(key, k, sizeof(key), level, strlen(level));
	k = key_add(key, k, sizeof(key), l->daemon, l->daemon_len);
	k = key_add(key, k, sizeof(key), text, len);
	count_key(&s->problems, key, k);
}

static const char *intern_client(struct mail_summary *s, const char *client, size_t len)
{
	char dom[256];
	size_t n = mail_client_domain(client, len, dom, sizeof(dom));

	return n ? strmap_intern(&s->clients, dom, n) : NULL;
}

static void received(struct mail_summary *s, const struct maillog_line *l, const char *client,
		     size_t client_len, int pickup)
{
	struct qrec *r;
	const char *dom = NULL;

	s->t.received++;
	tally(s, l, MS_RECEIVED);
	if (!pickup)
		dom = intern_client(s, client, client_len);
	r = qtable_get(&s->q, l->qid, l->qid_len);
	r->last_seen = l->t_us;
	r->from_pickup = (uint8_t)pickup;
	r->client_domain = dom;
	/* pflogsumm forgets a message whose client has no domain it can name */
	r->received = pickup || dom;
}

/* qmgr "from=<addr>, size=N, nrcpt=M": returns 0 when the text has no such record. */
static int queued(struct mail_summary *s, const struct maillog_line *l)
{
	const char *end = l->text + l->text_len, *a = NULL, *gt = NULL, *p, *hit;
	char addr[ADDR_MAX + 8];
	size_t alen, dlen;
	int64_t size = 0;
	struct qrec *r;
	struct mail_party *pty;
	const char *dom;

	for (p = l->text; (hit = find(p, (size_t)(end - p), "from=<", 6)); p = hit + 6) {
		a = hit + 6;
		gt = memchr(a, '>', (size_t)(end - a));
		if (gt && end - gt > 8 && !memcmp(gt, ">, size=", 8) && is_digit(gt[8]))
			break;
		gt = NULL;
	}
	if (!gt)
		return 0;
	for (p = gt + 8; p < end && is_digit(*p) && size < (INT64_MAX - 9) / 10; p++)
		size = size * 10 + (*p - '0');
	if (l->no_colon) {	/* pflogsumm reads "from=<..>," as its queue id: no size, no sender */
		s->t.no_colon_lines++;
		return 1;
	}
	r = qtable_find(&s->q, l->qid, l->qid_len);
	if (r && r->has_size) {		/* qmgr logs from= again on each retry */
		r->last_seen = l->t_us;
		return 1;
	}
	if (gt == a) {
		memcpy(addr, "<>", 3);
		alen = 2;
	} else {
		alen = norm_addr(a, (size_t)(gt - a), addr);
	}
	if (!r)
		r = qtable_get(&s->q, l->qid, l->qid_len);
	r->last_seen = l->t_us;
	{
		uint32_t first;

		if (s->gone.ids.count && l->qid_hex && qhist_get(&s->gone, qhist_key(l->qid, l->qid_len), l->t_us, &first) &&
		    first) {
			/* a reused id: pflogsumm keeps the first message's size and counts no sender */
			s->t.reused_ids++;
			s->t.reused_bytes += (uint64_t)size;
			r->size = first;
			r->has_size = 1;
			r->received = 0;
			return 1;
		}
	}
	r->size = size;
	r->has_size = size != 0;
	if (!r->received)
		return 1;
	r->received = 0;
	dom = addr_domain(addr, alen, &dlen);
	if (!dom) {
		dom = r->from_pickup ? addr : r->client_domain;
		dlen = r->from_pickup ? alen : strlen(r->client_domain);
	}
	pty = strmap_get(&s->send_domains, dom, dlen, NULL);
	pty->count++;
	pty->bytes += (uint64_t)size;
	pty = strmap_get(&s->senders, addr, alen, NULL);
	pty->count++;
	pty->bytes += (uint64_t)size;
	s->t.bytes_received += (uint64_t)size;
	return 1;
}

static void dest_delay(struct mail_dest *d, double delay)
{
	if (delay > d->delay_max)
		d->delay_max = delay;
}

static void delivery(struct mail_summary *s, const struct maillog_line *l, const struct mail_delivery *d)
{
	char addr[ADDR_MAX + 8], key[2 * REASON_MAX + 64], buf[REASON_MAX + 1];
	size_t alen, dlen, k, n;
	const char *dom;
	struct mail_dest *rd, *rl;
	struct qrec *r;

	alen = norm_addr(d->to, d->to_len, addr);
	dom = addr;
	dlen = alen;
	{
		const char *at = memchr(addr, '@', alen);

		if (at && at > addr) {
			dom = at + 1;
			dlen = (size_t)(addr + alen - dom);
		}
	}
	if (d->status_len == 4 && !memcmp(d->status, "sent", 4)) {
		struct mail_party *pty;
		int created;

		if (FIND(d->rest, d->rest_len, "forwarded as ")) {
			s->t.forwarded++;
			return;
		}
		rd = strmap_get(&s->rcpt_domains, dom, dlen, NULL);
		rl = strmap_get(&s->relays, d->relay, d->relay_len, NULL);
		if (++rd->sent == 1)
			s->t.recipient_domains++;
		rl->sent++;
		rd->delay_sum += d->delay;
		rl->delay_sum += d->delay;
		dest_delay(rd, d->delay);
		dest_delay(rl, d->delay);
		pty = strmap_get(&s->recipients, addr, alen, &created);
		pty->count++;
		tally(s, l, MS_DELIVERED);
		s->t.delivered++;
		r = l->qid ? qtable_find(&s->q, l->qid, l->qid_len) : NULL;
		if (l->no_colon) {
			s->t.no_colon_lines++;
			if (r && r->has_size)
				s->t.no_colon_bytes += (uint64_t)r->size;
		}
		if (r) {
			r->last_seen = l->t_us;
			if (r->has_size && !l->no_colon) {
				rd->bytes += (uint64_t)r->size;
				rl->bytes += (uint64_t)r->size;
				pty->bytes += (uint64_t)r->size;
				s->t.bytes_delivered += (uint64_t)r->size;
			}
		}
	} else if (d->status_len == 8 && !memcmp(d->status, "deferred", 8)) {
		s->t.deferrals++;
		tally(s, l, MS_DEFERRED);
		if (l->qid) {
			r = qtable_get(&s->q, l->qid, l->qid_len);
			r->last_seen = l->t_us;
			if (!r->deferred) {
				r->deferred = 1;
				s->t.deferred++;
			}
		}
		rd = strmap_get(&s->rcpt_domains, dom, dlen, NULL);
		rl = strmap_get(&s->relays, d->relay, d->relay_len, NULL);
		rd->deferrals++;
		rl->deferrals++;
		dest_delay(rd, d->delay);
		dest_delay(rl, d->delay);
		n = norm_reason(d->rest + (d->rest_len && d->rest[0] == ' '),
				d->rest_len - (d->rest_len && d->rest[0] == ' '), buf, sizeof(buf));
		k = key_add(key, 0, sizeof(key), l->daemon, l->daemon_len);
		k = key_add(key, k, sizeof(key), buf, n);
		count_key(&s->deferral_reasons, key, k);
	} else if (d->status_len == 7 && !memcmp(d->status, "bounced", 7)) {
		s->t.bounced++;
		tally(s, l, MS_BOUNCED);
		rl = strmap_get(&s->relays, d->relay, d->relay_len, NULL);
		rl->bounced++;
		n = norm_reason(d->rest + (d->rest_len && d->rest[0] == ' '),
				d->rest_len - (d->rest_len && d->rest[0] == ' '), buf, sizeof(buf));
		k = key_add(key, 0, sizeof(key), d->relay, d->relay_len);
		k = key_add(key, k, sizeof(key), buf, n);
		count_key(&s->bounce_reasons, key, k);
	}
}

static int drop_stale(const struct qrec *r, void *ctx)
{
	int64_t now = *(const int64_t *)ctx;

	if (r->has_size || r->deferred)
		return r->last_seen < now - STALE_QUEUED_US;
	return r->last_seen < now - STALE_UNQUEUED_US;
}

static int daemon_is(const struct maillog_line *l, const char *name, size_t len)
{
	return l->daemon_len == len && !memcmp(l->daemon, name, len);
}
#define DAEMON_IS(l, lit) daemon_is((l), lit, sizeof(lit) - 1)

/* The summary of another instance, added on its first line. */
static struct mail_summary *instance_of(struct mail_summary *s, const char *name, size_t len)
{
	struct mail_summary *in;
	size_t i;

	if (len > sizeof(s->instance) - 1)
		len = sizeof(s->instance) - 1;
	for (i = 0; i < s->ninstances; i++) {
		in = s->instances[i];
		if (!strncmp(in->instance, name, len) && !in->instance[len])
			return in;
	}
	in = xmalloc(sizeof(*in));
	mail_summary_init(in);
	memcpy(in->instance, name, len);
	in->instance[len] = '\0';
	in->is_instance = 1;
	XGROW(s->instances, s->ninstances + 1, s->instances_cap);
	s->instances[s->ninstances++] = in;
	return in;
}

void mail_summary_finish(struct mail_summary *s)
{
	struct mail_summary *best = NULL, tmp;
	size_t i;

	if (s->postfix_lines || !s->ninstances)
		return;
	for (i = 0; i < s->ninstances; i++)
		if (!best || s->instances[i]->postfix_lines > best->postfix_lines)
			best = s->instances[i];
	/* swap the counts, keep the list of instances and the lines of other programs here */
	tmp = *s;
	*s = *best;
	*best = tmp;
	s->instances = best->instances;
	s->ninstances = best->ninstances;
	s->instances_cap = best->instances_cap;
	s->is_instance = 0;
	best->instances = NULL;
	best->ninstances = best->instances_cap = 0;
	best->is_instance = 1;
	{
		struct strmap others = s->others;
		uint64_t other_lines = s->other_lines;

		s->others = best->others;
		s->other_lines = best->other_lines;
		best->others = others;
		best->other_lines = other_lines;
	}
}

void mail_summary_add(struct mail_summary *s, const struct maillog_line *l)
{
	const char *t = l->text, *end = l->text + l->text_len;
	size_t tl = l->text_len, ilen = 7;
	int plain = 1;

	if (!l->is_postfix) {
		s->other_lines++;
		count_key(&s->others, l->prog_len ? l->prog : "(none)", l->prog_len ? l->prog_len : 6);
		return;
	}
	/* the instance: prog up to its first '/' (is_postfix: prog is "postfix", "postfix/..." or "postfix-...") */
	if (l->prog_len > 7 && l->prog[7] == '-') {
		const char *slash = memchr(l->prog, '/', l->prog_len);

		/* "postfix-script" and the like (no '/') are the default instance's tools */
		ilen = slash ? (size_t)(slash - l->prog) : 7;
		if (slash && !s->is_instance) {
			mail_summary_add(instance_of(s, l->prog, ilen), l);
			return;
		}
	}
	if (l->daemon > l->prog + ilen + 1) {
		/*
		 * pflogsumm reads smtpd, postscreen, cleanup, pickup and master
		 * only under "NAME/", "NAME/smtps/" or "NAME/submission/"; a
		 * service with its own syslog_name (a content filter's
		 * re-injection smtpd) is read for its deliveries only.
		 */
		const char *mid = l->prog + ilen + 1;
		size_t mlen = (size_t)(l->daemon - mid - 1);

		plain = (mlen == 5 && !memcmp(mid, "smtps", 5)) || (mlen == 10 && !memcmp(mid, "submission", 10));
	}
	s->postfix_lines++;
	if (!s->have_time || l->t_us < s->first_us)
		s->first_us = l->t_us;
	if (!s->have_time || l->t_us > s->last_us)
		s->last_us = l->t_us;
	if (l->offset_min || !s->have_time)
		s->offset_min = l->offset_min;
	s->have_time = 1;
	day_add(s, l->day_key, -1);

	if (++s->since_sweep >= SWEEP_EVERY) {
		int64_t now = l->t_us;

		s->since_sweep = 0;
		s->swept += qtable_sweep(&s->q, drop_stale, &now);
	}

	if (!plain && l->qid) {
		if (DAEMON_IS(l, "cleanup") || DAEMON_IS(l, "smtpd") || DAEMON_IS(l, "postscreen")) {
			if (l->qid && PREFIX(t, tl, "client=") && !(l->qid_len == 7 && !memcmp(l->qid, "NOQUEUE", 7)))
				s->t.reinjected++;
			else if (FIND(t, tl, "reject: ") || FIND(t, tl, "hold: ") || FIND(t, tl, "discard: ") ||
				 FIND(t, tl, "reject_warning: "))
				s->t.rejected_other_services++;
			return;
		}
		if (DAEMON_IS(l, "pickup") || DAEMON_IS(l, "master"))
			return;
	}
	if (DAEMON_IS(l, "cleanup") && cleanup_reject(s, l))
		return;
	if (!l->qid) {
		if (PREFIX(t, tl, "warning: "))
			problem(s, l, "warning", t + 9, tl - 9);
		else if (PREFIX(t, tl, "fatal: "))
			problem(s, l, "fatal", t + 7, tl - 7);
		else if (PREFIX(t, tl, "panic: "))
			problem(s, l, "panic", t + 7, tl - 7);
		else if (PREFIX(t, tl, "reject: "))
			smtpd_reject(s, l, REJ_REJECT, t + 8, end);
		else if (PREFIX(t, tl, "reject_warning: "))
			smtpd_reject(s, l, REJ_WARNING, t + 16, end);
		else if (PREFIX(t, tl, "hold: "))
			smtpd_reject(s, l, REJ_HOLD, t + 6, end);
		else if (PREFIX(t, tl, "discard: "))
			smtpd_reject(s, l, REJ_DISCARD, t + 9, end);
		else if (DAEMON_IS(l, "master"))
			count_key(&s->master, t, tl > REASON_MAX ? REASON_MAX : tl);
		return;
	}
	if (DAEMON_IS(l, "master")) {
		count_key(&s->master, l->msg, l->msg_len > REASON_MAX ? REASON_MAX : l->msg_len);
		return;
	}
	if (DAEMON_IS(l, "smtpd") || DAEMON_IS(l, "postscreen")) {
		if (PREFIX(t, tl, "client=")) {
			const char *c = t + 7, *q = memchr(c, ',', (size_t)(end - c));

			if (!l->qid_len || (l->qid_len == 7 && !memcmp(l->qid, "NOQUEUE", 7)))
				return;
			received(s, l, c, (size_t)((q ? q : end) - c), 0);
		} else if (PREFIX(t, tl, "reject: ")) {
			smtpd_reject(s, l, REJ_REJECT, t + 8, end);
		} else if (PREFIX(t, tl, "reject_warning: ")) {
			smtpd_reject(s, l, REJ_WARNING, t + 16, end);
		} else if (PREFIX(t, tl, "hold: ")) {
			smtpd_reject(s, l, REJ_HOLD, t + 6, end);
		} else if (PREFIX(t, tl, "discard: ")) {
			smtpd_reject(s, l, REJ_DISCARD, t + 9, end);
		}
		return;
	}
	if (l->qid_len == 7 && !memcmp(l->qid, "NOQUEUE", 7))
		return;
	/*
	 * qmgr's "from=<" and the delivery agents' "to=<" open the text; other
	 * lines are searched as pflogsumm does, except message-id lines, whose
	 * id is the sender's text and must not count as a record.
	 */
	if (PREFIX(t, tl, "message-id=") || (tl == 7 && !memcmp(t, "removed", 7))) {
		if (tl == 7) {
			struct qrec *r = qtable_find(&s->q, l->qid, l->qid_len);

			if (r) {
				if (r->has_size && r->size <= UINT32_MAX && l->qid_hex)
					qhist_put(&s->gone, qhist_key(l->qid, l->qid_len), (uint32_t)r->size, l->t_us);
				qtable_remove(&s->q, r);
			}
		}
		return;
	}
	{
		struct mail_delivery d;

		if (PREFIX(t, tl, "to=<")) {
			if (mail_parse_delivery(t, tl, &d)) {
				delivery(s, l, &d);
				return;
			}
		} else if (!PREFIX(t, tl, "from=<") || !queued(s, l)) {
			if (FIND(t, tl, "from=<") && queued(s, l))
				return;
			if (FIND(t, tl, "to=<") && mail_parse_delivery(t, tl, &d)) {
				delivery(s, l, &d);
				return;
			}
		} else {
			return;
		}
	}
	if (DAEMON_IS(l, "pickup") && (PREFIX(t, tl, "sender=") || PREFIX(t, tl, "uid="))) {
		received(s, l, NULL, 0, 1);
		return;
	}
}
