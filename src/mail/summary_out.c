/* SPDX-License-Identifier: MIT */
#include "mail/summary_out.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "core/xalloc.h"

static const char *const col_names[MS_NCOLS] = { "received", "delivered", "deferred", "bounced", "rejected" };

/* ---- sorting the tables ---- */

static int cmp_name(const struct strmap_entry *a, const struct strmap_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->key, b->key, n);

	return c ? c : (a->len > b->len) - (a->len < b->len);
}

#define DESC(x, y) do { if ((x) != (y)) return (x) < (y) ? 1 : -1; } while (0)

static int cmp_dest(const void *pa, const void *pb)
{
	const struct strmap_entry *a = pa, *b = pb;
	const struct mail_dest *x = a->value, *y = b->value;

	DESC(x->sent, y->sent);
	DESC(x->bytes, y->bytes);
	DESC(x->deferrals + x->bounced, y->deferrals + y->bounced);
	return cmp_name(a, b);
}

static int cmp_party(const void *pa, const void *pb)
{
	const struct strmap_entry *a = pa, *b = pb;
	const struct mail_party *x = a->value, *y = b->value;

	DESC(x->count, y->count);
	DESC(x->bytes, y->bytes);
	return cmp_name(a, b);
}

static int cmp_party_bytes(const void *pa, const void *pb)
{
	const struct strmap_entry *a = pa, *b = pb;
	const struct mail_party *x = a->value, *y = b->value;

	DESC(x->bytes, y->bytes);
	DESC(x->count, y->count);
	return cmp_name(a, b);
}

static int cmp_count(const void *pa, const void *pb)
{
	const struct strmap_entry *a = pa, *b = pb;
	uint64_t x = *(const uint64_t *)a->value, y = *(const uint64_t *)b->value;

	DESC(x, y);
	return cmp_name(a, b);
}

static struct strmap_entry *sorted(const struct strmap *m, int (*cmp)(const void *, const void *))
{
	struct strmap_entry *e = strmap_entries(m);

	qsort(e, m->count, sizeof(*e), cmp);
	return e;
}

static size_t rows(const struct strmap *m, size_t top)
{
	return top && top < m->count ? top : m->count;
}

/* Splits a NUL-joined key into up to n fields. */
static size_t split_key(const struct strmap_entry *e, const char **f, size_t n)
{
	size_t i = 0, at = 0;

	while (i < n && at < e->len) {
		f[i++] = e->key + at;
		at += strlen(e->key + at) + 1;
	}
	while (i < n)
		f[i++] = "";
	return i;
}

static double avg_delay(const struct mail_dest *d)
{
	return d->sent ? d->delay_sum / (double)d->sent : 0;
}

static void fmt_time(char *out, size_t size, const struct mail_summary *s, int64_t t)
{
	time_format(out, size, t, s->offset_min, s->offset_min ? TIME_ISO : TIME_PLAIN, 0);
}

/* ---- text ---- */

static void title(FILE *f, const char *t, size_t shown, size_t total)
{
	if (shown < total)
		fprintf(f, "\n%s (top %zu of %zu)\n", t, shown, total);
	else
		fprintf(f, "\n%s (%zu)\n", t, total);
}

static void text_dests(FILE *f, const char *name, const struct strmap *m, size_t top, int relay)
{
	struct strmap_entry *e;
	size_t i, n = rows(m, top);

	if (!m->count)
		return;
	title(f, name, n, m->count);
	fprintf(f, "  %8s %12s %9s%s %10s %10s  %s\n", "sent", "bytes", "deferrals",
		relay ? "   bounced" : "", "avg delay", "max delay", relay ? "relay" : "domain");
	e = sorted(m, cmp_dest);
	for (i = 0; i < n; i++) {
		const struct mail_dest *d = e[i].value;

		fprintf(f, "  %8llu %12llu %9llu", (unsigned long long)d->sent, (unsigned long long)d->bytes,
			(unsigned long long)d->deferrals);
		if (relay)
			fprintf(f, " %9llu", (unsigned long long)d->bounced);
		fprintf(f, " %9.1fs %9.1fs  ", avg_delay(d), d->delay_max);
		utf8_fput_clean(f, e[i].key);
		fputc('\n', f);
	}
	free(e);
}

static void text_parties(FILE *f, const char *name, const struct strmap *m, size_t top, int by_bytes)
{
	struct strmap_entry *e;
	size_t i, n = rows(m, top);

	if (!m->count)
		return;
	title(f, name, n, m->count);
	fprintf(f, "  %8s %12s  %s\n", "messages", "bytes", "address");
	e = sorted(m, by_bytes ? cmp_party_bytes : cmp_party);
	for (i = 0; i < n; i++) {
		const struct mail_party *p = e[i].value;

		fprintf(f, "  %8llu %12llu  ", (unsigned long long)p->count, (unsigned long long)p->bytes);
		utf8_fput_clean(f, e[i].key);
		fputc('\n', f);
	}
	free(e);
}

static void text_reasons(FILE *f, const char *name, const struct strmap *m, size_t top, size_t nf,
			 const char *sep)
{
	struct strmap_entry *e;
	size_t i, j, n = rows(m, top);

	if (!m->count)
		return;
	title(f, name, n, m->count);
	e = sorted(m, cmp_count);
	for (i = 0; i < n; i++) {
		const char *fl[3];

		split_key(&e[i], fl, nf);
		fprintf(f, "  %8llu  ", (unsigned long long)*(const uint64_t *)e[i].value);
		for (j = 0; j < nf; j++) {
			utf8_fput_clean(f, fl[j]);
			if (j + 1 < nf)
				fputs(j + 2 == nf ? sep : " ", f);
		}
		fputc('\n', f);
	}
	free(e);
}

static int pct(uint64_t part, uint64_t whole)
{
	return whole ? (int)(part * 100 / whole) : 0;
}

/* Totals per Postfix instance, and the sum of the message counts over them. */
static void text_instances(FILE *f, const struct mail_summary *s)
{
	static const char *const hdr[] = { "received", "delivered", "deferred", "bounced", "rejected",
					   "bytes in", "bytes out" };
	uint64_t sum[7] = { 0 };
	size_t i, w = 8, n = 0;
	int c;

	for (i = 0; i < s->ninstances; i++)
		if (s->instances[i]->postfix_lines) {
			n++;
			if (strlen(s->instances[i]->instance) > w)
				w = strlen(s->instances[i]->instance);
		}
	if (!n)
		return;
	if (strlen(s->instance) > w)
		w = strlen(s->instance);
	fprintf(f, "\nper Postfix instance\n  %-*s", (int)w, "instance");
	for (c = 0; c < 7; c++)
		fprintf(f, " %12s", hdr[c]);
	fputc('\n', f);
	for (i = 0; i <= s->ninstances; i++) {
		const struct mail_summary *in = i ? s->instances[i - 1] : s;
		const struct mail_totals *t = &in->t;
		uint64_t v[7] = { t->received, t->delivered, t->deferred, t->bounced, t->rejected,
				  t->bytes_received, t->bytes_delivered };

		if (i && !in->postfix_lines)
			continue;
		fprintf(f, "  %-*s", (int)w, in->instance);
		for (c = 0; c < 7; c++) {
			fprintf(f, " %12llu", (unsigned long long)v[c]);
			sum[c] += v[c];
		}
		fputc('\n', f);
	}
	fprintf(f, "  %-*s", (int)w, "all");
	for (c = 0; c < 7; c++)
		fprintf(f, " %12llu", (unsigned long long)sum[c]);
	fputc('\n', f);
}

void mail_summary_print_text(FILE *f, const struct mail_summary *s,
			     const struct mail_report_info *info, size_t top)
{
	const struct mail_totals *t = &s->t;
	uint64_t all = t->delivered + t->rejected + t->discarded;
	char a[48], b[48];
	int h, c;

	if (s->ninstances)
		fprintf(f, "Postfix instance %s (syslog_name prefix; what pflogsumm%s reports); "
			"all instances below\n", s->instance, strcmp(s->instance, "postfix") ? " --syslog-name" : "");
	fprintf(f, "%zu file%s, %llu lines: %llu Postfix, %llu other programs, %llu not syslog\n",
		info->nfiles, info->nfiles == 1 ? "" : "s", (unsigned long long)info->lines,
		(unsigned long long)s->postfix_lines, (unsigned long long)s->other_lines,
		(unsigned long long)info->unparsed);
	if (s->have_time) {
		fmt_time(a, sizeof(a), s, s->first_us);
		fmt_time(b, sizeof(b), s, s->last_us);
		fprintf(f, "from %s to %s (%zu day%s)\n", a, b, s->ndays, s->ndays == 1 ? "" : "s");
	}
	fputs("\nmessages\n", f);
	fprintf(f, "  %12llu  received\n", (unsigned long long)t->received);
	fprintf(f, "  %12llu  delivered\n", (unsigned long long)t->delivered);
	fprintf(f, "  %12llu  forwarded\n", (unsigned long long)t->forwarded);
	fprintf(f, "  %12llu  deferred (%llu deferrals)\n", (unsigned long long)t->deferred,
		(unsigned long long)t->deferrals);
	fprintf(f, "  %12llu  bounced\n", (unsigned long long)t->bounced);
	fprintf(f, "  %12llu  rejected (%d%%)\n", (unsigned long long)t->rejected, pct(t->rejected, all));
	fprintf(f, "  %12llu  reject warnings\n", (unsigned long long)t->reject_warnings);
	fprintf(f, "  %12llu  held\n", (unsigned long long)t->held);
	fprintf(f, "  %12llu  discarded (%d%%)\n", (unsigned long long)t->discarded, pct(t->discarded, all));
	fprintf(f, "  %12llu  bytes received\n", (unsigned long long)t->bytes_received);
	fprintf(f, "  %12llu  bytes delivered\n", (unsigned long long)t->bytes_delivered);
	fprintf(f, "  %12zu  senders\n", s->senders.count);
	fprintf(f, "  %12zu  sending hosts/domains\n", s->send_domains.count);
	fprintf(f, "  %12zu  recipients\n", s->recipients.count);
	fprintf(f, "  %12llu  recipient hosts/domains\n", (unsigned long long)t->recipient_domains);
	if (t->reinjected || t->rejected_other_services || t->reused_ids || t->no_colon_lines) {
		fputs("\nbeside pflogsumm's counts (not in them)\n", f);
		if (t->reinjected)
			fprintf(f, "  %12llu  re-injected by a content filter (received again, not counted twice)\n",
				(unsigned long long)t->reinjected);
		if (t->rejected_other_services)
			fprintf(f, "  %12llu  rejected, held or discarded by services with their own syslog_name\n",
				(unsigned long long)t->rejected_other_services);
		if (t->reused_ids)
			fprintf(f, "  %12llu  messages under a reused queue id (as pflogsumm: sized as the id's first message; "
				"their own %llu bytes not in bytes received)\n",
				(unsigned long long)t->reused_ids, (unsigned long long)t->reused_bytes);
		if (t->no_colon_lines)
			fprintf(f, "  %12llu  qmgr/sent lines without ':' after [pid] (as pflogsumm: %llu bytes delivered not sized)\n",
				(unsigned long long)t->no_colon_lines, (unsigned long long)t->no_colon_bytes);
	}
	text_instances(f, s);

	fputs("\nper hour of day (all days added up)\n  hour ", f);
	for (c = 0; c < MS_NCOLS; c++)
		fprintf(f, " %10s", col_names[c]);
	fputc('\n', f);
	for (h = 0; h < 24; h++) {
		fprintf(f, "  %02d-%02d", h, h + 1);
		for (c = 0; c < MS_NCOLS; c++)
			fprintf(f, " %10llu", (unsigned long long)s->per_hour[h][c]);
		fputc('\n', f);
	}
	if (s->ndays > 1) {
		size_t i;

		fputs("\nper day\n  day        ", f);
		for (c = 0; c < MS_NCOLS; c++)
			fprintf(f, " %10s", col_names[c]);
		fputc('\n', f);
		for (i = 0; i < s->ndays; i++) {
			int32_t k = s->days[i].day_key;

			fprintf(f, "  %04d-%02d-%02d ", k / 10000, k / 100 % 100, k % 100);
			for (c = 0; c < MS_NCOLS; c++)
				fprintf(f, " %10llu", (unsigned long long)s->days[i].v[c]);
			fputc('\n', f);
		}
	}
	text_dests(f, "recipient domains", &s->rcpt_domains, top, 0);
	text_dests(f, "relays", &s->relays, top, 1);
	text_parties(f, "sending hosts/domains", &s->send_domains, top, 0);
	text_parties(f, "senders by messages", &s->senders, top, 0);
	text_parties(f, "recipients by messages", &s->recipients, top, 0);
	text_parties(f, "senders by size", &s->senders, top, 1);
	text_parties(f, "recipients by size", &s->recipients, top, 1);
	text_reasons(f, "deferral reasons (daemon: reason)", &s->deferral_reasons, top, 2, ": ");
	text_reasons(f, "bounce reasons (relay: reason)", &s->bounce_reasons, top, 2, ": ");
	text_reasons(f, "reject reasons (kind stage: reason)", &s->reject_reasons, top, 3, ": ");
	text_reasons(f, "warnings, fatal errors and panics (level daemon: message)", &s->problems, top, 3, ": ");
	text_reasons(f, "master daemon messages", &s->master, top, 1, "");
	text_reasons(f, "lines of other programs (skipped)", &s->others, top, 1, "");
}

/* ---- JSON ---- */

static void json_dests(struct json_writer *w, const char *key, const char *name,
		       const struct strmap *m, size_t top)
{
	struct strmap_entry *e = sorted(m, cmp_dest);
	size_t i, n = rows(m, top);

	json_key(w, key);
	json_begin_array(w);
	for (i = 0; i < n; i++) {
		const struct mail_dest *d = e[i].value;

		json_begin_object(w);
		json_key(w, name);
		json_string_len(w, e[i].key, e[i].len);
		json_key(w, "sent");
		json_uint(w, d->sent);
		json_key(w, "bytes");
		json_uint(w, d->bytes);
		json_key(w, "deferrals");
		json_uint(w, d->deferrals);
		json_key(w, "bounced");
		json_uint(w, d->bounced);
		json_key(w, "avg_delay_s");
		json_double(w, avg_delay(d));
		json_key(w, "max_delay_s");
		json_double(w, d->delay_max);
		json_end_object(w);
	}
	json_end_array(w);
	free(e);
}

static void json_parties(struct json_writer *w, const char *key, const char *name,
			 const struct strmap *m, size_t top)
{
	struct strmap_entry *e = sorted(m, cmp_party);
	size_t i, n = rows(m, top);

	json_key(w, key);
	json_begin_array(w);
	for (i = 0; i < n; i++) {
		const struct mail_party *p = e[i].value;

		json_begin_object(w);
		json_key(w, name);
		json_string_len(w, e[i].key, e[i].len);
		json_key(w, "messages");
		json_uint(w, p->count);
		json_key(w, "bytes");
		json_uint(w, p->bytes);
		json_end_object(w);
	}
	json_end_array(w);
	free(e);
}

static void json_reasons(struct json_writer *w, const char *key, const struct strmap *m, size_t top,
			 const char *const *names, size_t nf)
{
	struct strmap_entry *e = sorted(m, cmp_count);
	size_t i, j, n = rows(m, top);

	json_key(w, key);
	json_begin_array(w);
	for (i = 0; i < n; i++) {
		const char *fl[3];

		split_key(&e[i], fl, nf);
		json_begin_object(w);
		for (j = 0; j < nf; j++) {
			json_key(w, names[j]);
			json_string(w, fl[j]);
		}
		json_key(w, "count");
		json_uint(w, *(const uint64_t *)e[i].value);
		json_end_object(w);
	}
	json_end_array(w);
	free(e);
}

static void json_counts(struct json_writer *w, const uint64_t *v)
{
	int c;

	for (c = 0; c < MS_NCOLS; c++) {
		json_key(w, col_names[c]);
		json_uint(w, v[c]);
	}
}

void mail_summary_print_json(FILE *f, const struct mail_summary *s,
			     const struct mail_report_info *info, size_t top)
{
	static const char *const dr[] = { "daemon", "reason" };
	static const char *const br[] = { "relay", "reason" };
	static const char *const rr[] = { "kind", "stage", "reason" };
	static const char *const pr[] = { "level", "daemon", "message" };
	static const char *const mr[] = { "message" };
	static const char *const orr[] = { "program" };
	const struct mail_totals *t = &s->t;
	struct json_writer w;
	char buf[48];
	size_t i;
	int h;

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_key(&w, "files");
	json_begin_array(&w);
	for (i = 0; i < info->nfiles; i++)
		json_string(&w, info->files[i]);
	json_end_array(&w);
	json_key(&w, "lines");
	json_uint(&w, info->lines);
	json_key(&w, "postfix_lines");
	json_uint(&w, s->postfix_lines);
	json_key(&w, "other_lines");
	json_uint(&w, s->other_lines);
	json_key(&w, "unparsed_lines");
	json_uint(&w, info->unparsed);
	json_key(&w, "first");
	if (s->have_time) {
		time_format(buf, sizeof(buf), s->first_us, s->offset_min, TIME_ISO, 0);
		json_string(&w, buf);
	} else {
		json_null(&w);
	}
	json_key(&w, "last");
	if (s->have_time) {
		time_format(buf, sizeof(buf), s->last_us, s->offset_min, TIME_ISO, 0);
		json_string(&w, buf);
	} else {
		json_null(&w);
	}
	json_key(&w, "days");
	json_uint(&w, s->ndays);

	json_key(&w, "totals");
	json_begin_object(&w);
#define T(name) json_key(&w, #name); json_uint(&w, t->name)
	T(received); T(delivered); T(forwarded); T(deferred); T(deferrals); T(bounced);
	T(rejected); T(reject_warnings); T(held); T(discarded); T(bytes_received); T(bytes_delivered);
#undef T
	json_key(&w, "senders");
	json_uint(&w, s->senders.count);
	json_key(&w, "sending_domains");
	json_uint(&w, s->send_domains.count);
	json_key(&w, "recipients");
	json_uint(&w, s->recipients.count);
	json_key(&w, "recipient_domains");
	json_uint(&w, t->recipient_domains);
	json_end_object(&w);
	json_key(&w, "beside_pflogsumm");
	json_begin_object(&w);
#define T(name) json_key(&w, #name); json_uint(&w, t->name)
	T(reinjected); T(rejected_other_services); T(reused_ids); T(reused_bytes); T(no_colon_lines);
	T(no_colon_bytes);
#undef T
	json_end_object(&w);
	json_key(&w, "instance");
	json_string(&w, s->instance);
	json_key(&w, "instances");
	json_begin_array(&w);
	for (i = 0; i <= s->ninstances; i++) {
		const struct mail_summary *in = i ? s->instances[i - 1] : s;

		if (i && !in->postfix_lines)
			continue;
		json_begin_object(&w);
		json_key(&w, "name");
		json_string(&w, in->instance);
		json_key(&w, "postfix_lines");
		json_uint(&w, in->postfix_lines);
#define T(name) json_key(&w, #name); json_uint(&w, in->t.name)
		T(received); T(delivered); T(forwarded); T(deferred); T(deferrals); T(bounced);
		T(rejected); T(reject_warnings); T(held); T(discarded); T(bytes_received); T(bytes_delivered);
		T(reinjected);
#undef T
		json_end_object(&w);
	}
	json_end_array(&w);

	json_key(&w, "per_hour");
	json_begin_array(&w);
	for (h = 0; h < 24; h++) {
		json_begin_object(&w);
		json_key(&w, "hour");
		json_int(&w, h);
		json_counts(&w, s->per_hour[h]);
		json_end_object(&w);
	}
	json_end_array(&w);
	json_key(&w, "per_day");
	json_begin_array(&w);
	for (i = 0; i < s->ndays; i++) {
		int32_t k = s->days[i].day_key;

		snprintf(buf, sizeof(buf), "%04d-%02d-%02d", k / 10000, k / 100 % 100, k % 100);
		json_begin_object(&w);
		json_key(&w, "day");
		json_string(&w, buf);
		json_counts(&w, s->days[i].v);
		json_end_object(&w);
	}
	json_end_array(&w);

	json_dests(&w, "recipient_domains", "domain", &s->rcpt_domains, top);
	json_dests(&w, "relays", "relay", &s->relays, top);
	json_parties(&w, "sending_domains", "domain", &s->send_domains, top);
	json_parties(&w, "senders", "address", &s->senders, top);
	json_parties(&w, "recipients", "address", &s->recipients, top);
	json_reasons(&w, "deferral_reasons", &s->deferral_reasons, top, dr, 2);
	json_reasons(&w, "bounce_reasons", &s->bounce_reasons, top, br, 2);
	json_reasons(&w, "reject_reasons", &s->reject_reasons, top, rr, 3);
	json_reasons(&w, "problems", &s->problems, top, pr, 3);
	json_reasons(&w, "master", &s->master, top, mr, 1);
	json_reasons(&w, "other_programs", &s->others, top, orr, 1);
	json_key(&w, "queue_ids_in_flight_peak");
	json_uint(&w, s->q.peak);
	json_end_object(&w);
	json_finish(&w);
}
