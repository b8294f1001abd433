/* SPDX-License-Identifier: MIT */
/* What a mail log holds: see mailinfo.h. */
#include "mail/mailinfo.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "core/utf8.h"
#include "mail/maillog.h"

static void on_line(void *ctx, const struct maillog_line *l)
{
	struct mailinfo *mi = ctx;

	if (!mi->records || l->t_us < mi->first_us)
		mi->first_us = l->t_us;
	if (!mi->records || l->t_us > mi->last_us)
		mi->last_us = l->t_us;
	if (!l->zoned)
		mi->zoned = 0;
	mi->records++;
	++*(uint64_t *)strmap_get(&mi->hosts, l->host, l->host_len, NULL);
	if (l->is_postfix) {
		mi->postfix++;
		++*(uint64_t *)strmap_get(&mi->daemons, l->daemon, l->daemon_len, NULL);
	}
}

int mailinfo_read(struct mailinfo *mi, struct source *src, const char *path, struct kerr *err)
{
	struct maillog_options mo = { 0, NULL };
	struct maillog_input *in;
	int rc;

	memset(mi, 0, sizeof(*mi));
	mi->source = path;
	mi->wrapping = source_wrapping(src);
	mi->zoned = 1;
	strmap_init(&mi->hosts, sizeof(uint64_t));
	strmap_init(&mi->daemons, sizeof(uint64_t));
	if (maillog_open_source(&in, src, path, &mo, err))
		return -1;
	rc = maillog_each(in, on_line, mi, err);
	mi->lines = maillog_counts(in)->lines;
	mi->bytes = maillog_counts(in)->bytes;
	maillog_close(in);
	return rc;
}

void mailinfo_release(struct mailinfo *mi)
{
	strmap_release(&mi->hosts);
	strmap_release(&mi->daemons);
}

/* Most lines first, then by name. */
static int by_count(const void *a, const void *b)
{
	const struct strmap_entry *x = a, *y = b;
	uint64_t m = *(const uint64_t *)x->value, n = *(const uint64_t *)y->value;

	if (m != n)
		return m > n ? -1 : 1;
	return strcmp(x->key, y->key);
}

static struct strmap_entry *sorted(const struct strmap *m)
{
	struct strmap_entry *e = strmap_entries(m);

	qsort(e, m->count, sizeof(*e), by_count);
	return e;
}

static void print_counts(FILE *f, const struct strmap *m)
{
	struct strmap_entry *e = sorted(m);
	size_t i;

	for (i = 0; i < m->count; i++) {
		fputs(i ? ", " : "", f);
		utf8_fput_masked(f, e[i].key);
		fprintf(f, " %llu", (unsigned long long)*(uint64_t *)e[i].value);
	}
	free(e);
}

static char *when(char *out, size_t size, const struct mailinfo *mi, int64_t t)
{
	return time_format(out, size, t, 0, mi->zoned ? TIME_ISO : TIME_ISO_LOCAL,
			   time_frac_digits(t, 6));
}

void mailinfo_print_text(FILE *f, const struct mailinfo *mi)
{
	char a[64], b[64], d[64];

	fprintf(f, "file        ");
	utf8_fput_masked(f, mi->source);
	fprintf(f, " (%s)\n", mi->wrapping);
	fprintf(f, "format      maillog (syslog records)\n");
	fprintf(f, "lines       %llu: %llu syslog records, %llu of them Postfix's\n",
		(unsigned long long)mi->lines, (unsigned long long)mi->records,
		(unsigned long long)mi->postfix);
	if (mi->records)
		fprintf(f, "time        %s .. %s (%s)%s\n", when(a, sizeof(a), mi, mi->first_us),
			when(b, sizeof(b), mi, mi->last_us),
			time_format_duration(d, sizeof(d), mi->last_us - mi->first_us),
			mi->zoned ? "" : ", as written: the stamps carry no zone");
	fprintf(f, "%-12s%zu: ", mi->hosts.count == 1 ? "host" : "hosts", mi->hosts.count);
	print_counts(f, &mi->hosts);
	fprintf(f, "\ndaemons     %zu: ", mi->daemons.count);
	print_counts(f, &mi->daemons);
	fputc('\n', f);
}

static void json_counts(struct json_writer *w, const char *key, const struct strmap *m)
{
	struct strmap_entry *e = sorted(m);
	size_t i;

	json_key(w, key);
	json_begin_object(w);
	for (i = 0; i < m->count; i++)
		json_kv_uint(w, e[i].key, *(uint64_t *)e[i].value);
	json_end_object(w);
	free(e);
}

void mailinfo_print_json(FILE *f, const struct mailinfo *mi)
{
	struct json_writer w;
	char a[64];

	json_init(&w, f, 1);
	json_begin_object(&w);
	json_kv_string(&w, "source", mi->source);
	json_kv_string(&w, "wrapping", mi->wrapping);
	json_kv_string(&w, "format", "maillog");
	json_kv_uint(&w, "lines", mi->lines);
	json_kv_uint(&w, "records", mi->records);
	json_kv_uint(&w, "postfix_lines", mi->postfix);
	json_kv_bool(&w, "zone_known", mi->zoned && mi->records);
	json_key(&w, "first");
	if (mi->records)
		json_string(&w, when(a, sizeof(a), mi, mi->first_us));
	else
		json_null(&w);
	json_key(&w, "last");
	if (mi->records)
		json_string(&w, when(a, sizeof(a), mi, mi->last_us));
	else
		json_null(&w);
	json_kv_double(&w, "duration_seconds",
		       mi->records ? (double)(mi->last_us - mi->first_us) / 1e6 : 0);
	json_counts(&w, "hosts", &mi->hosts);
	json_counts(&w, "daemons", &mi->daemons);
	json_end_object(&w);
	json_finish(&w);
}
