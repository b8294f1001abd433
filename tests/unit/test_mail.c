/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdlib.h>

#include "core/strmap.h"
#include "core/timeutil.h"
#include "mail/maildata.h"
#include "mail/maillog.h"
#include "mail/qtable.h"
#include "mail/summary.h"

static int64_t at(int y, int mo, int d, int h, int mi, int s)
{
	struct civil_time c = { y, mo, d, h, mi, s, 0 };

	return time_from_civil(&c, 0);
}

static int parse(struct maillog_clock *c, const char *s, struct maillog_line *l)
{
	return maillog_parse(c, s, strlen(s), l);
}

TEST(maillog_parses_traditional_lines)
{
	struct maillog_clock c;
	struct maillog_line l;

	maillog_clock_init(&c, 2024, 0);
	CHECK(parse(&c, "Apr  9 06:25:26 mx1 postfix/submission/smtpd[3102]: 4AA091855DA0: client=a.example[1.2.3.4]", &l));
	CHECK_INT(l.t_us, at(2024, 4, 9, 6, 25, 26));
	CHECK_INT(l.hour, 6);
	CHECK_INT(l.pid, 3102);
	CHECK(l.is_postfix);
	CHECK_INT(l.daemon_len, 5);
	CHECK(!memcmp(l.daemon, "smtpd", 5));
	CHECK_INT(l.prog_len, strlen("postfix/submission/smtpd"));
	CHECK_INT(l.qid_len, 12);
	CHECK(!strncmp(l.text, "client=", 7));
	CHECK_INT(l.host_len, 3);

	/* not a queue id: the text starts at the message */
	CHECK(parse(&c, "Apr  9 06:25:27 mx1 postfix/smtpd[3102]: warning: hostname x does not resolve", &l));
	CHECK(l.qid == NULL);
	CHECK(!strncmp(l.text, "warning: ", 9));
	CHECK(parse(&c, "Apr  9 06:25:27 mx1 postfix/smtpd[3102]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 550", &l));
	CHECK_INT(l.qid_len, 7);

	/* other programs, tags without pid */
	CHECK(parse(&c, "Apr 10 00:00:01 mx1 dovecot: imap-login: Login: user=<a>", &l));
	CHECK(!l.is_postfix);
	CHECK_INT(l.pid, -1);
	CHECK_INT(l.day_key, 20240410);
	CHECK(parse(&c, "Apr 10 00:00:01 mx1 postfix-out/smtp[9]: 1234567ABC: to=<a@b>", &l));
	CHECK(l.is_postfix);
	CHECK(parse(&c, "Apr 10 00:00:01 mx1 postfixy[9]: hello", &l));
	CHECK(!l.is_postfix);

	/* not syslog */
	CHECK(!parse(&c, "hello world", &l));
	CHECK(!parse(&c, "Foo  9 06:25:26 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr 31 06:25:26 mx1 x: y", &l));	/* no April 31st */
	CHECK(!parse(&c, "Apr  9 26:25:26 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 06:25:26", &l));
	CHECK(!parse(&c, "", &l));
	/* the clock, checked eight bytes at a time: every position matters */
	CHECK(!parse(&c, "Apr  9 06:60:26 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 06-25:26 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 06:25;26 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 0:25:260 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 06:25:2a mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 \xb0" "6:25:26 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 06:25:/6 mx1 x: y", &l));
	CHECK(!parse(&c, "Apr  9 06:2::26 mx1 x: y", &l));
	CHECK(parse(&c, "Apr  9 23:59:59 mx1 x: y", &l));
	CHECK_INT(l.t_us, at(2024, 4, 9, 23, 59, 59));
	CHECK(parse(&c, "Apr  9 09:09:09 mx1 x: y", &l));
	CHECK_INT(l.t_us, at(2024, 4, 9, 9, 9, 9));
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 x: y", &l));
	CHECK_INT(l.t_us, at(2024, 4, 9, 10, 0, 0));
	/* tags of every length around the eight-byte steps */
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 a[1]: y", &l));
	CHECK_INT(l.prog_len, 1);
	CHECK_INT(l.pid, 1);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 abcdefg[22]: y", &l));
	CHECK_INT(l.prog_len, 7);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 abcdefgh[22]: y", &l));
	CHECK_INT(l.prog_len, 8);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 abcdefghi: y", &l));
	CHECK_INT(l.prog_len, 9);
	CHECK_INT(l.pid, -1);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/submission/smtpd[1234567890]: y", &l));
	CHECK_INT(l.pid, 1234567890);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 x[12345678901]: y", &l));	/* pid too long: no tag */
	CHECK_INT(l.prog_len, 0);
	/* pids of every length, read eight bytes at a time where the line allows */
	{
		static const char digits[] = "9081726354";
		char buf[160];
		long want = 0;
		int n;

		for (n = 1; n <= 10; n++) {
			want = want * 10 + (digits[n - 1] - '0');
			snprintf(buf, sizeof(buf), "Apr  9 10:00:00 mx1 postfix/smtp[%.*s]: 0123456789AB: to=<a@b>", n, digits);
			CHECK(parse(&c, buf, &l));
			CHECK_INT(l.pid, want);
			CHECK_INT(l.qid_len, 12);
		}
	}
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/smtp[0000042]: 0123456789AB: x", &l));
	CHECK_INT(l.pid, 42);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/smtp[12a]: 0123456789AB: to=<a@b>", &l));
	CHECK_INT(l.prog_len, 0);	/* not a tag */
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/smtp[12\xc3\xa9]: 0123456789AB: to=<a@b>", &l));
	CHECK_INT(l.prog_len, 0);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/smtp[]: 0123456789AB: to=<a@b>", &l));
	CHECK_INT(l.prog_len, 0);
	/* the daemon is after the tag's last '/', never after a '/' in the message */
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 ab: c/d/efgh/ijklmnop", &l));
	CHECK_INT(l.daemon_len, 2);
	CHECK(!memcmp(l.daemon, "ab", 2));
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/a/b/c/d/e/f/g/h/smtpd[7]: x/y", &l));
	CHECK_INT(l.daemon_len, 5);
	CHECK(!memcmp(l.daemon, "smtpd", 5));
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix-in/cleanup: x/y", &l));
	CHECK_INT(l.daemon_len, 7);
	/* hosts of every length around eight bytes */
	CHECK(parse(&c, "Apr  9 10:00:00 abcdefgh postfix/smtpd[1]: x", &l));
	CHECK_INT(l.host_len, 8);
	CHECK(parse(&c, "Apr  9 10:00:00 abcdefghijklmnopq postfix/smtpd[1]: x", &l));
	CHECK_INT(l.host_len, 17);
	/* short queue ids of every length, ended by every kind of byte next to 0-9 and A-F */
	{
		static const char after[] = { ':', '/', '@', 'G', 'a', 'f', '`', '\xc1', '\xb0', '\x80' };
		char buf[200];
		size_t len, k;
		int ok = 0, total = 0;

		for (len = 3; len <= 20; len++)
			for (k = 0; k < sizeof(after); k++) {
				int n = snprintf(buf, sizeof(buf), "Apr  9 10:00:00 mx1 postfix/qmgr[1]: %.*s%.*s: removed",
						 (int)len, "0123456789ABCDEF0123", after[k] != ':', &after[k]);
				int want = after[k] == ':' && len >= 5;

				CHECK(n > 0 && parse(&c, buf, &l));
				total++;
				ok += want ? (l.qid_len == len) : (l.qid == NULL);
			}
		CHECK_INT(ok, total);
	}
	/* long queue ids have no vowels; words do */
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/qmgr[1]: 4VZDnK1xnWz9sVb: removed", &l));
	CHECK_INT(l.qid_len, 15);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/qmgr[1]: 4VZDnK1xnWz9sVa: removed", &l));
	CHECK(l.qid == NULL);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/smtpd[1]: connect from x[1.2.3.4]", &l));
	CHECK(l.qid == NULL);
	/* ids of anonymised or generated logs: upper-case letters and digits, as pflogsumm reads them */
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/qmgr[1]: KLMNO11111: removed", &l));
	CHECK_INT(l.qid_len, 10);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/qmgr[1]: NOQUEUE: reject", &l));
	CHECK_INT(l.qid_len, 7);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/qmgr[1]: WARNING: x", &l));
	CHECK(l.qid == NULL);
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/qmgr[1]: K1: x", &l));
	CHECK(l.qid == NULL);
	/* no ':' after [pid] (some relays drop it): still a tag */
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/smtp[8160] 2D19728491: to=<a@b>", &l));
	CHECK_INT(l.pid, 8160);
	CHECK_INT(l.daemon_len, 4);
	CHECK_INT(l.qid_len, 10);
	CHECK(!memcmp(l.text, "to=<a@b>", 8));
	CHECK(parse(&c, "Apr  9 10:00:00 mx1 postfix/smtp 2D19728491: to=<a@b>", &l));
	CHECK_INT(l.prog_len, 0);	/* without a pid, not a tag */
}

TEST(maillog_parses_postlogd_and_rfc3339)
{
	struct maillog_clock c;
	struct maillog_line l;

	maillog_clock_init(&c, 2025, 0);
	CHECK(parse(&c, "Mar 05 12:00:01.250000 vm postfix/qmgr[77]: 9F1C2A0001: removed", &l));
	CHECK_INT(l.t_us, at(2025, 3, 5, 12, 0, 1) + 250000);
	CHECK_INT(l.qid_len, 10);
	CHECK(parse(&c, "2024-12-31T23:59:59.5+02:00 vm postfix/smtp[1]: ABCDEF123: to=<x@y>", &l));
	CHECK_INT(l.t_us, at(2024, 12, 31, 21, 59, 59) + 500000);
	CHECK_INT(l.offset_min, 120);
	CHECK_INT(l.hour, 23);
	CHECK(parse(&c, "2024-12-31T23:59:59Z vm postfix/smtp[1]: x", &l));
	CHECK_INT(l.offset_min, 0);
	CHECK(!parse(&c, "2024-12-31T23:59:59 vm postfix/smtp[1]: no zone", &l));
	CHECK(!parse(&c, "2024-02-30T00:00:00Z vm x: y", &l));
}

TEST(maillog_infers_the_year_across_new_year)
{
	struct maillog_clock c;
	struct maillog_line l;

	/* file modified in February 2024: a December first line is from 2023 */
	maillog_clock_init(&c, 0, at(2024, 2, 1, 12, 0, 0) / TIME_US_PER_SEC);
	CHECK(parse(&c, "Dec 31 23:59:58 h postfix/qmgr[1]: x", &l));
	CHECK_INT(l.day_key, 20231231);
	CHECK(parse(&c, "Jan  1 00:00:02 h postfix/qmgr[1]: x", &l));
	CHECK_INT(l.day_key, 20240101);
	CHECK_INT(l.t_us - at(2023, 12, 31, 23, 59, 58), 4 * TIME_US_PER_SEC);
	/* Feb 29 exists in 2024 */
	CHECK(parse(&c, "Feb 29 10:00:00 h postfix/qmgr[1]: x", &l));
	CHECK_INT(l.day_key, 20240229);

	/* --year: the first line's year */
	maillog_clock_init(&c, 2019, 0);
	CHECK(parse(&c, "Nov 30 10:00:00 h x: y", &l));
	CHECK_INT(l.day_key, 20191130);
	CHECK(parse(&c, "Jan  2 10:00:00 h x: y", &l));
	CHECK_INT(l.day_key, 20200102);
	CHECK_INT(c.backwards, 0);

	/* a stray December line just after New Year: its own year, and no second New Year */
	CHECK(parse(&c, "Dec 31 23:59:59 h x: y", &l));
	CHECK_INT(l.day_key, 20191231);
	CHECK(parse(&c, "Jan  2 10:00:01 h x: y", &l));
	CHECK_INT(l.day_key, 20200102);

	/*
	 * Dates jumping back, not at New Year (parts joined out of order): the
	 * year stays, the jumps are counted for one warning. Before, each jump
	 * of more than six months added a year (2025-11 .. 2029-02).
	 */
	maillog_clock_init(&c, 2025, 0);
	{
		static const char *const seq[] = { "Nov 22", "Feb  3", "Sep 10", "Feb  3", "Sep 10", "Mar  1", "Nov 22" };
		static const int want[] = { 20251122, 20260203, 20260910, 20260203, 20260910, 20260301, 20261122 };
		char buf[100];
		size_t i;

		for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
			snprintf(buf, sizeof(buf), "%s 10:00:00 h x: y", seq[i]);
			CHECK(parse(&c, buf, &l));
			CHECK_INT(l.day_key, want[i]);
		}
	}
	CHECK_INT(c.backwards, 2);	/* Sep 10 -> Feb 3, Sep 10 -> Mar 1 */
	CHECK_INT(c.back_from, 20260910);
	CHECK_INT(c.back_to, 20260203);
	/* back by one day (a late line around midnight) is no jump */
	maillog_clock_init(&c, 2025, 0);
	CHECK(parse(&c, "May  2 00:00:01 h x: y", &l));
	CHECK(parse(&c, "May  1 23:59:59 h x: y", &l));
	CHECK_INT(c.backwards, 0);
}

TEST(maillog_recognises_queue_ids)
{
	CHECK(maillog_is_queue_id("4AA091855DA0", 12));
	CHECK(maillog_is_queue_id("1310930001DB", 12));
	CHECK(maillog_is_queue_id("4Dl1fL0xKSz1l7", 14));	/* long form */
	CHECK(!maillog_is_queue_id("warning", 7));
	CHECK(!maillog_is_queue_id("connect", 7));
	CHECK(!maillog_is_queue_id("abc", 3));
	CHECK(!maillog_is_queue_id("reject_warning", 14));
	CHECK(!maillog_is_queue_id("4Dl1fL0xKSx1l7", 14));	/* no 'z' */
}

static const char *client(const char *s)
{
	static char out[256];

	mail_client_domain(s, strlen(s), out, sizeof(out));
	return out;
}

TEST(mail_client_domain_reduces_like_pflogsumm)
{
	CHECK_STR(client("mail.Example.COM[1.2.3.4]"), "example.com");
	CHECK_STR(client("a.b.example.co.uk[1.2.3.4]"), "example.co.uk");
	CHECK_STR(client("mail.example.de[1.2.3.4]"), "mail.example.de");	/* 2-letter TLD: kept */
	CHECK_STR(client("example.com[1.2.3.4]"), "example.com");
	CHECK_STR(client("unknown[1.2.3.4]"), "1.2.3.4");
	CHECK_STR(client("localhost[127.0.0.1]"), "localhost");
	CHECK_STR(client("unknown[2001:db8::1]"), "2001:db8::1");
	CHECK_STR(client("host.example.net/10.0.0.1"), "example.net");
	CHECK_STR(client("garbage"), "");
}

TEST(mail_parses_delivery_records)
{
	struct mail_delivery d;
	const char *s = "to=<a@B.example>, orig_to=<x@y>, relay=mx[1.2.3.4]:25, conn_use=2, delay=1.5, "
			"delays=0.1/0/0.2/1.2, dsn=4.7.1, status=deferred (host said: 451 greylisted)";

	CHECK(mail_parse_delivery(s, strlen(s), &d));
	CHECK_INT(d.to_len, 11);
	CHECK_INT(d.relay_len, strlen("mx[1.2.3.4]:25"));
	CHECK_NEAR(d.delay, 1.5, 1e-12);
	CHECK_INT(d.status_len, 8);
	CHECK(!strncmp(d.rest, " (host said", 11));
	s = "to=<a@b>, relay=local, delay=0, status=sent (delivered to mailbox)";
	CHECK(mail_parse_delivery(s, strlen(s), &d));
	s = "to=<a@b>, relay=local, status=sent";
	CHECK(!mail_parse_delivery(s, strlen(s), &d));
	s = "to=<a@b";
	CHECK(!mail_parse_delivery(s, strlen(s), &d));
}

static int drop_odd(const struct qrec *r, void *ctx)
{
	(void)ctx;
	return r->size % 2;
}

TEST(qtable_adds_finds_removes_and_sweeps)
{
	struct qtable t;
	char id[16];
	int i, ok = 1;

	qtable_init(&t);
	for (i = 0; i < 5000; i++) {
		snprintf(id, sizeof(id), "%08X", i * 7919);
		qtable_get(&t, id, 8)->size = i;
	}
	CHECK_INT(qtable_count(&t), 5000);
	for (i = 0; i < 5000; i += 3) {
		snprintf(id, sizeof(id), "%08X", i * 7919);
		qtable_remove(&t, qtable_find(&t, id, 8));
	}
	for (i = 0; i < 5000; i++) {
		struct qrec *r;

		snprintf(id, sizeof(id), "%08X", i * 7919);
		r = qtable_find(&t, id, 8);
		if ((i % 3 == 0) != (r == NULL) || (r && r->size != i))
			ok = 0;
	}
	CHECK(ok);
	CHECK_INT(t.peak, 5000);
	qtable_sweep(&t, drop_odd, NULL);
	for (i = 0; i < 5000; i++) {
		struct qrec *r;

		snprintf(id, sizeof(id), "%08X", i * 7919);
		r = qtable_find(&t, id, 8);
		if ((i % 3 != 0 && i % 2 == 0) != (r != NULL))
			ok = 0;
	}
	CHECK(ok);
	qtable_release(&t);
}

TEST(strmap_counts_and_interns)
{
	struct strmap m;
	const char *a, *b;
	int created;
	uint64_t *v;
	int i;

	strmap_init(&m, sizeof(uint64_t));
	for (i = 0; i < 1000; i++) {
		char k[16];

		snprintf(k, sizeof(k), "k%d", i % 100);
		v = strmap_get(&m, k, strlen(k), NULL);
		(*v)++;
	}
	CHECK_INT(m.count, 100);
	v = strmap_find(&m, "k7", 2);
	CHECK(v && *v == 10);
	CHECK(strmap_find(&m, "k100", 4) == NULL);
	a = strmap_intern(&m, "zz", 2);
	b = strmap_intern(&m, "zz", 2);
	CHECK(a == b);
	strmap_get(&m, "zz", 2, &created);
	CHECK(!created);
	/* keys with NUL bytes inside are fine */
	strmap_get(&m, "a\0b", 3, &created);
	CHECK(created);
	CHECK(strmap_find(&m, "a\0c", 3) == NULL);
	strmap_release(&m);

	/* keys of every length up to 40 that differ in one byte only, anywhere */
	strmap_init(&m, sizeof(uint64_t));
	{
		char key[41], other[41];
		size_t len, pos, misses = 0, hits = 0;

		memset(key, 'q', sizeof(key));
		for (len = 1; len <= 40; len++)
			*(uint64_t *)strmap_get(&m, key, len, NULL) = len;
		for (len = 1; len <= 40; len++) {
			v = strmap_find(&m, key, len);
			hits += v && *v == len;
			for (pos = 0; pos < len; pos++) {
				memcpy(other, key, len);
				other[pos] = 'r';
				misses += strmap_find(&m, other, len) == NULL;
			}
		}
		CHECK_INT(hits, 40);
		CHECK_INT(misses, 40 * 41 / 2);
	}
	strmap_release(&m);
}

TEST(mail_summary_lowers_only_ascii_domain_letters)
{
	/* every byte around 'A'..'Z', and UTF-8, across eight-byte steps */
	static const char line[] =
		"Jan  5 10:00:00 h postfix/qmgr[2]: 1A2B3C4D5E: "
		"from=<Mixed.User@@AZ[`{Zz\xc3\x84Mixed-Case.EXAMPLE.Org>, size=10, nrcpt=1 (queue active)";
	static const char want[] = "Mixed.User@@az[`{zz\xc3\x84mixed-case.example.org";
	struct maillog_clock c;
	struct maillog_line l;
	struct mail_summary s;

	maillog_clock_init(&c, 2024, 0);
	mail_summary_init(&s);
	CHECK(parse(&c, "Jan  5 10:00:00 h postfix/smtpd[1]: 1A2B3C4D5E: client=mx.sender.example.org[192.0.2.1]", &l));
	mail_summary_add(&s, &l);
	CHECK(parse(&c, line, &l));
	mail_summary_add(&s, &l);
	CHECK_INT(s.senders.count, 1);
	CHECK(strmap_find(&s.senders, want, sizeof(want) - 1) != NULL);
	mail_summary_release(&s);
}

TEST(mail_summary_counts_a_message_once)
{
	static const char *const lines[] = {
		"Jan  5 10:00:00 h postfix/smtpd[1]: 1A2B3C4D5E: client=mx.sender.example.org[192.0.2.1]",
		"Jan  5 10:00:00 h postfix/qmgr[2]: 1A2B3C4D5E: from=<Bob@Sender.Example.org>, size=1000, nrcpt=2 (queue active)",
		"Jan  5 10:00:01 h postfix/smtp[3]: 1A2B3C4D5E: to=<a@dst.example>, relay=mx[198.51.100.1]:25, delay=1.2, delays=1/0/0/0.2, dsn=4.0.0, status=deferred (connect to mx[198.51.100.1]:25: Connection refused)",
		"Jan  5 10:00:01 h postfix/local[4]: 1A2B3C4D5E: to=<b@Local.example>, relay=local, delay=0.5, delays=0.5/0/0/0, dsn=2.0.0, status=sent (delivered to mailbox)",
		"Jan  5 11:00:01 h postfix/qmgr[2]: 1A2B3C4D5E: from=<Bob@Sender.Example.org>, size=1000, nrcpt=2 (queue active)",
		"Jan  5 11:00:02 h postfix/smtp[3]: 1A2B3C4D5E: to=<a@dst.example>, relay=mx[198.51.100.1]:25, delay=3602, delays=1/0/0/0.2, dsn=2.0.0, status=sent (250 ok)",
		"Jan  5 11:00:02 h postfix/qmgr[2]: 1A2B3C4D5E: removed",
		"Jan  5 11:00:03 h postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 5.7.1 <y@z>: Relay access denied; from=<a@b> to=<y@z> proto=ESMTP helo=<x>",
		"Jan  5 11:00:04 h postfix/cleanup[5]: 2B3C4D5E6F: milter-reject: END-OF-MESSAGE from x[192.0.2.9]: 5.7.1 spam; from=<a@b> to=<c@d> proto=ESMTP helo=<x>",
		"Jan  5 11:00:05 h amavis[9]: (1) Passed CLEAN",
	};
	struct maillog_clock c;
	struct maillog_line l;
	struct mail_summary s;
	struct mail_dest *d;
	size_t i;

	maillog_clock_init(&c, 2024, 0);
	mail_summary_init(&s);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		CHECK(parse(&c, lines[i], &l));
		mail_summary_add(&s, &l);
	}
	CHECK_INT(s.t.received, 1);
	CHECK_INT(s.t.delivered, 2);
	CHECK_INT(s.t.deferred, 1);
	CHECK_INT(s.t.deferrals, 1);
	CHECK_INT(s.t.bytes_received, 1000);
	CHECK_INT(s.t.bytes_delivered, 2000);
	CHECK_INT(s.t.rejected, 2);
	CHECK_INT(s.senders.count, 1);
	CHECK(strmap_find(&s.senders, "Bob@sender.example.org", 22) != NULL);
	CHECK(strmap_find(&s.recipients, "b@local.example", 15) != NULL);
	d = strmap_find(&s.rcpt_domains, "dst.example", 11);
	CHECK(d && d->sent == 1 && d->deferrals == 1 && d->delay_max == 3602);
	CHECK_INT(s.per_hour[10][MS_RECEIVED], 1);
	CHECK_INT(s.per_hour[11][MS_REJECTED], 2);
	CHECK_INT(s.other_lines, 1);
	CHECK_INT(qtable_count(&s.q), 0);	/* removed: nothing left in flight */
	mail_summary_release(&s);
}

#include "mail/pfconf.h"
#include "mail/pfstale.h"
#include "mail/timeline.h"

TEST(pf_maincf_parses_continuations_and_diffs)
{
	static const char a_text[] =
		"# comment\n"
		"myhostname = mx.example.org\n"
		"mydestination = $myhostname,\n"
		"    localhost\n"
		"\n"
		"  # an indented comment does not end the value\n"
		"smtpd_banner=$myhostname ESMTP\n"
		"max_idle = 5s\n"
		"max_idle = 20s\n";
	static const char b_text[] =
		"myhostname = mx.example.org\n"
		"mydestination = $myhostname, localhost, example.test\n"
		"smtpd_banner = $myhostname ESMTP\n"
		"virtual_mailbox_domains = example.net\n"
		"max_idle = 20s\n";
	struct pf_maincf a, b;
	const char **names;
	size_t n;

	pf_maincf_parse(&a, a_text, strlen(a_text));
	pf_maincf_parse(&b, b_text, strlen(b_text));
	CHECK_STR(pf_maincf_get(&a, "mydestination"), "$myhostname, localhost");
	CHECK_STR(pf_maincf_get(&a, "smtpd_banner"), "$myhostname ESMTP");
	CHECK_STR(pf_maincf_get(&a, "max_idle"), "20s");	/* the last one wins */
	CHECK(pf_maincf_get(&a, "nothing") == NULL);
	n = pf_maincf_diff(&a, &b, &names);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(names[0], "mydestination");
		CHECK_STR(names[1], "virtual_mailbox_domains");
	}
	free(names);
	pf_maincf_release(&a);
	pf_maincf_release(&b);
}

TEST(pf_knows_who_reads_what)
{
	int64_t s;

	CHECK(!pf_parse_duration("100s", &s) && s == 100);
	CHECK(!pf_parse_duration("2m", &s) && s == 120);
	CHECK(!pf_parse_duration("30", &s) && s == 30);
	CHECK(!pf_parse_duration("1w", &s) && s == 604800);
	CHECK(pf_parse_duration("5x", &s));
	CHECK(pf_parse_duration("-1s", &s));
	CHECK(pf_parse_duration("", &s));

	CHECK(pf_daemon_is_persistent("qmgr"));
	CHECK(pf_daemon_is_persistent("pickup"));
	CHECK(pf_daemon_is_persistent("postscreen"));
	CHECK(!pf_daemon_is_persistent("smtpd"));
	CHECK(!pf_daemon_is_persistent("trivial-rewrite"));

	CHECK(pf_param_is_routing("virtual_mailbox_domains"));
	CHECK(pf_param_used_by("virtual_mailbox_domains", "trivial-rewrite"));
	CHECK(!pf_param_used_by("virtual_mailbox_domains", "qmgr"));	/* 30 s cache, no reload */
	CHECK(pf_param_used_by("smtpd_banner", "smtpd"));
	CHECK(!pf_param_used_by("smtpd_banner", "qmgr"));
	CHECK(pf_param_used_by("maximal_queue_lifetime", "qmgr"));
	CHECK(pf_param_used_by("some_future_parameter", "qmgr"));	/* unknown: everyone */
	CHECK(pf_param_used_by("max_idle", "smtpd"));
	CHECK(!pf_param_used_by("max_idle", "qmgr"));
}

struct seen {
	char out[512];
};

static void collect(const char *type, const char *path, const char *index_path, void *ctx)
{
	struct seen *s = ctx;
	size_t n = strlen(s->out);

	snprintf(s->out + n, sizeof(s->out) - n, "%s:%s:%s;", type, path, index_path ? index_path : "-");
}

TEST(pf_finds_lookup_tables)
{
	struct seen s = { "" };

	pf_tables_scan("hash:/etc/postfix/virtual, proxy:lmdb:/etc/x regexp:/etc/postfix/h.re,"
		       " inline:{a=b} static:foo mysql:/etc/m.cf", collect, &s);
	CHECK_STR(s.out, "hash:/etc/postfix/virtual:/etc/postfix/virtual.db;lmdb:/etc/x:/etc/x.lmdb;"
			 "regexp:/etc/postfix/h.re:-;");
}

TEST(pf_parses_proc_files)
{
	static const char stat[] = "1234 (smtpd (x) y) S 99 1234 1234 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 "
				   "424242 1000 10 18446744073709551615";
	static const char cmd[] = "smtpd\0-n\0" "127.0.0.1:2525\0-t\0inet\0-u";
	char service[64], daemon[64];
	long ppid = 0;
	unsigned long long ticks = 0;

	CHECK(!pf_parse_proc_stat(stat, &ppid, &ticks));
	CHECK_INT(ppid, 99);
	CHECK_INT(ticks, 424242);
	CHECK(pf_parse_proc_stat("garbage", &ppid, &ticks));
	pf_parse_cmdline(cmd, sizeof(cmd) - 1, service, sizeof(service), daemon, sizeof(daemon));
	CHECK_STR(service, "127.0.0.1:2525");
	CHECK_STR(daemon, "smtpd");
	pf_parse_cmdline("/usr/lib/postfix/sbin/qmgr\0-l\0-t\0unix", 36, service, sizeof(service), daemon,
			 sizeof(daemon));
	CHECK_STR(service, "qmgr");
	CHECK_STR(daemon, "qmgr");
}

TEST(timeline_finds_route_cut_overs_not_filter_hops)
{
	static const char *const lines[] = {
		/* a content filter hop (answer "queued as" a message that came back through smtpd) */
		"Mar  1 10:00:00 h postfix/smtpd[1]: AAAA00001: client=localhost[127.0.0.1]",
		"Mar  1 10:00:01 h postfix/smtp[2]: 999900001: to=<a@one.example>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, status=sent (250 2.0.0 Ok: queued as AAAA00001)",
		"Mar  1 10:00:02 h postfix/virtual[3]: AAAA00001: to=<a@one.example>, relay=virtual, delay=1, status=sent (delivered to mailbox)",
		"Mar  1 10:00:03 h postfix/virtual[3]: BBBB00001: to=<b@Two.example>, relay=virtual, delay=1, status=sent (delivered to mailbox)",
		"Mar  1 10:05:00 h postfix/master[1]: reload -- version 3.7.11, configuration /etc/postfix",
		"Mar  1 10:05:09 h postfix/smtp[4]: CCCC00001: to=<c@two.example>, relay=127.0.0.2[127.0.0.2]:2525, delay=1, status=sent (250 ok)",
		"Mar  1 10:05:10 h postfix/smtp[4]: CCCC00002: to=<d@two.example>, relay=none, delay=1, status=deferred (connect to x: refused)",
		/* the change is reverted: both switches show */
		"Mar  1 10:20:00 h postfix/virtual[5]: DDDD00001: to=<e@two.example>, relay=virtual, delay=1, status=sent (delivered to mailbox)",
		/* several MX hosts side by side: no switch reported, and no cut-over */
		"Mar  1 10:21:00 h postfix/smtp[6]: EEEE00001: to=<x@big.example>, relay=mx1[192.0.2.1]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:01 h postfix/smtp[6]: EEEE00002: to=<x@big.example>, relay=mx2[192.0.2.2]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:02 h postfix/smtp[6]: EEEE00003: to=<x@big.example>, relay=mx1[192.0.2.1]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:03 h postfix/smtp[6]: EEEE00004: to=<x@big.example>, relay=mx2[192.0.2.2]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:04 h postfix/smtp[6]: EEEE00005: to=<x@big.example>, relay=mx1[192.0.2.1]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:05 h postfix/smtp[6]: EEEE00006: to=<x@big.example>, relay=mx2[192.0.2.2]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:06 h postfix/smtp[6]: EEEE00007: to=<x@big.example>, relay=mx1[192.0.2.1]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:07 h postfix/smtp[6]: EEEE00008: to=<x@big.example>, relay=mx2[192.0.2.2]:25, delay=1, status=sent (250 ok)",
		"Mar  1 10:21:08 h postfix/smtp[6]: EEEE00009: to=<x@big.example>, relay=mx1[192.0.2.1]:25, delay=1, status=sent (250 ok)",
	};
	struct maillog_clock c;
	struct maillog_line l;
	struct timeline t;
	size_t i;

	maillog_clock_init(&c, 2024, 0);
	timeline_init(&t);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		CHECK(parse(&c, lines[i], &l));
		timeline_add(&t, &l);
	}
	timeline_finish(&t);
	CHECK_INT(t.nchanges, 2);
	if (t.nchanges == 2) {
		CHECK_STR(t.changes[0].domain, "two.example");
		CHECK_STR(t.changes[0].from, "virtual");
		CHECK_STR(t.changes[0].to, "smtp:127.0.0.2:2525");
		CHECK_INT(t.changes[0].t_us - t.changes[0].last_old_us, 306 * TIME_US_PER_SEC);
		CHECK_STR(t.changes[1].from, "smtp:127.0.0.2:2525");
		CHECK_STR(t.changes[1].to, "virtual");
	}
	CHECK_INT(t.nevents, 1);
	CHECK(t.nevents == 1 && t.events[0].kind == TL_EV_RELOAD);
	CHECK_INT(t.nminutes, 4);	/* 10:00, 10:05, 10:20, 10:21 */
	CHECK_INT(t.nprocs, 7);		/* smtpd[1], smtp[2], virtual[3], master[1], smtp[4], virtual[5], smtp[6] */
	timeline_release(&t);
}

#include <unistd.h>

#include "mail/summary_out.h"

static void add_line(void *ctx, const struct maillog_line *l)
{
	mail_summary_add(ctx, l);
}

/* The summary of `path` as JSON, read with maillog_each() or a maillog_next() loop. */
static char *summary_json(const char *path, int each)
{
	char *paths[1] = { (char *)path }, *out = NULL;
	struct maillog_options mo = { .year = 2024 };
	struct mail_report_info info = { 0 };
	struct maillog_input *in;
	struct maillog_line l;
	struct mail_summary s;
	struct kerr e;
	size_t len = 0;
	FILE *f;
	int r;

	if (maillog_open(&in, paths, 1, &mo, &e))
		return NULL;
	mail_summary_init(&s);
	if (each) {
		r = maillog_each(in, add_line, &s, &e);
	} else {
		while ((r = maillog_next(in, &l, NULL, &e)) > 0)
			mail_summary_add(&s, &l);
	}
	info.lines = maillog_counts(in)->lines;
	f = open_memstream(&out, &len);
	if (!r && f)
		mail_summary_print_json(f, &s, &info, 0);
	if (f)
		fclose(f);
	mail_summary_release(&s);
	maillog_close(in);
	return out;
}

/*
 * The threaded reader (batches that own the line reader's buffers) and the
 * plain loop of the serial path agree on a log many buffers long, with
 * records of every length and a line too long to be a record.
 */
TEST(maillog_each_agrees_with_maillog_next)
{
	char path[] = "/tmp/kansoku-unit-maillog-XXXXXX";
	int fd = mkstemp(path), i;
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	char *a, *b;

	CHECK(f != NULL);
	if (!f)
		return;
	for (i = 0; i < 12000; i++) {
		int sec = i % 60, min = (i / 60) % 60, hour = (i / 3600) % 24;

		fprintf(f, "Mar  %d %02d:%02d:%02d mx postfix/smtpd[%d]: %05X%d: client=h%d.example.org[192.0.2.%d]\n",
			1 + i / 86400, hour, min, sec, 100 + i % 977, i, i % 10, i % 37, i % 250);
		fprintf(f, "Mar  %d %02d:%02d:%02d mx postfix/qmgr[9]: %05X%d: from=<s%d@Sender%d.example>, size=%d, nrcpt=1 (queue active)\n",
			1 + i / 86400, hour, min, sec, i, i % 10, i % 53, i % 7, 1000 + i % 5000);
		fprintf(f, "Mar  %d %02d:%02d:%02d mx postfix/smtp[%d]: %05X%d: to=<r%d@dst%d.example>, relay=mx%d.example[198.51.100.%d]:25, delay=%d.%d, delays=0/0/0/0, dsn=%s, status=%s (%.*s)\n",
			1 + i / 86400, hour, min, sec, 2000 + i % 311, i, i % 10, i % 71, i % 13, i % 5, i % 200,
			i % 9, i % 10, i % 11 ? "2.0.0" : "4.4.1", i % 11 ? "sent" : "deferred",
			i % 400, "250 ok queued as 1234567890 and some padding to make records of every length "
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
		fprintf(f, "Mar  %d %02d:%02d:%02d mx postfix/qmgr[9]: %05X%d: removed\n",
			1 + i / 86400, hour, min, sec, i, i % 10);
		if (i == 6000) {	/* longer than MAILLOG_MAX_LINE: skipped by both */
			int k;

			for (k = 0; k < MAILLOG_MAX_LINE + 10; k++)
				fputc('z', f);
			fputc('\n', f);
		}
	}
	fclose(f);
	a = summary_json(path, 1);
	b = summary_json(path, 0);
	CHECK(a != NULL && b != NULL);
	if (a && b) {
		CHECK(strstr(a, "\"delivered\": 10909") != NULL);	/* 12000 less every 11th */
		CHECK(strlen(a) == strlen(b) && !strcmp(a, b));
	}
	free(a);
	free(b);
	unlink(path);
}

TEST(qhist_keeps_ids_for_an_hour_of_log_time)
{
	struct qid_history h;
	char id[16];
	uint32_t size;
	int64_t t0 = at(2024, 3, 1, 10, 0, 0);
	int i, found = 0;

	qhist_init(&h);
	CHECK(qhist_key("4AA091855DA0", 12) == (12ULL << 60 | 0x4AA091855DA0ULL));
	CHECK(qhist_key("0123456789ABCDE", 15) == (15ULL << 60 | 0x0123456789ABCDEULL));
	CHECK(qhist_key("89ABCDEF", 8) == (8ULL << 60 | 0x89ABCDEFULL));
	CHECK(qhist_key("A1B2C", 5) == (5ULL << 60 | 0xA1B2CULL));
	CHECK(qhist_key("0A0B0", 5) != qhist_key("00A0B0", 6));	/* same value, other id */
	CHECK(qhist_key("1234", 4) == 0 && qhist_key("0123456789ABCDEF", 16) == 0);
	/* 100,000 ids a second apart: the table grows and sweeps, every id of the last hour is found */
	for (i = 0; i < 100000; i++) {
		snprintf(id, sizeof(id), "%010X", i * 7919);
		qhist_put(&h, qhist_key(id, 10), (uint32_t)i + 1, t0 + (int64_t)i * TIME_US_PER_SEC);
	}
	for (i = 100000 - 3500; i < 100000; i++) {
		snprintf(id, sizeof(id), "%010X", i * 7919);
		found += qhist_get(&h, qhist_key(id, 10), t0 + 100000LL * TIME_US_PER_SEC, &size) &&
			 size == (uint32_t)i + 1;
	}
	CHECK_INT(found, 3500);
	/* older than an hour: gone, whether or not a sweep has dropped it yet */
	snprintf(id, sizeof(id), "%010X", 90000 * 7919);
	CHECK(!qhist_get(&h, qhist_key(id, 10), t0 + 100000LL * TIME_US_PER_SEC, &size));
	CHECK(h.ids.cap < 100000);	/* swept: memory follows the window, not the log */
	qhist_release(&h);
}

static void feed(struct maildata *b, struct maillog_clock *c, const char *s)
{
	struct maillog_line l;

	if (maillog_parse(c, s, strlen(s), &l))
		maildata_add(b, &l);
}

static double mval(const struct dataset *ds, const char *path, size_t row)
{
	long i = ds_find(ds, path);

	return i < 0 ? -1 : ds_value(ds, (size_t)i, row);
}

TEST(maildata_builds_minutes_relays_delays_and_events)
{
	struct maillog_clock c;
	struct maildata b;
	struct dataset ds;

	ds_init(&ds);
	maillog_clock_init(&c, 2024, 0);
	maildata_init(&b, &ds);
	feed(&b, &c, "2024-05-01T10:00:05+02:00 mx postfix/smtpd[10]: 1A2B3C: client=a.example[192.0.2.1]");
	feed(&b, &c, "2024-05-01T10:00:06+02:00 mx postfix/qmgr[11]: 1A2B3C: from=<a@a.example>, size=100, nrcpt=2 (queue active)");
	feed(&b, &c, "2024-05-01T10:00:07+02:00 mx postfix/smtp[12]: 1A2B3C: to=<x@b.example>, relay=mx.b.example[198.51.100.7]:25, delay=2, delays=0.5/0.1/1/0.4, dsn=2.0.0, status=sent (250 ok)");
	feed(&b, &c, "2024-05-01T10:00:08+02:00 mx postfix/smtp[12]: connect to mx1.c.example[203.0.113.5]:25: Connection refused");
	feed(&b, &c, "2024-05-01T10:00:09+02:00 mx postfix/smtp[12]: 1A2B3C: to=<y@c.example>, relay=none, delay=4, delays=0.5/0.1/3.4/0, dsn=4.4.1, status=deferred (connect to mx2.c.example[203.0.113.6]:25: Connection timed out)");
	/* nothing in minute 10:01; the reload and a rejection at 10:02 */
	feed(&b, &c, "2024-05-01T10:02:00+02:00 mx postfix/master[1]: reload -- version 3.7.5, configuration /etc/postfix");
	feed(&b, &c, "2024-05-01T10:02:30+02:00 mx postfix/smtpd[13]: NOQUEUE: reject: RCPT from u[192.0.2.9]: 554 5.7.1 <z@d>: Relay access denied; from=<q@e> to=<z@d> proto=ESMTP helo=<u>");
	feed(&b, &c, "2024-05-01T10:03:00+02:00 mx dovecot: imap-login: Login");
	feed(&b, &c, "2024-05-01T10:03:10+02:00 mx postfix/qmgr[11]: 1A2B3C: removed");
	ds.source = "unit";
	maildata_finish(&b);

	CHECK_STR(ds.format, "maillog");
	CHECK_INT(ds.nsamples, 4);
	CHECK(ds.tz_known);
	CHECK_INT(ds.tz_offset_min, 120);
	CHECK_INT(ds.times[1] - ds.times[0], 60 * 1000000LL);
	CHECK_NEAR(mval(&ds, "mail/received", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "mail/sent", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "mail/sent remote", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "mail/deferred", 0), 1, 0);
	/* a minute without activity: counts are 0, delays missing */
	CHECK_NEAR(mval(&ds, "mail/received", 1), 0, 0);
	CHECK(isnan(mval(&ds, "delay/total/p95", 1)));
	CHECK_NEAR(mval(&ds, "mail/rejected", 2), 1, 0);
	CHECK_NEAR(mval(&ds, "relay/mx.b.example[198.51.100.7]:25/sent", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "relay/none/deferred", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "relay/mx1.c.example[203.0.113.5]:25/connect failures", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "relay/mx2.c.example[203.0.113.6]:25/connect failures", 0), 1, 0);
	/* delays 2 and 4: type-7 p50 3, p95 3.9, max 4; connection parts 1 and 3.4 */
	CHECK_NEAR(mval(&ds, "delay/total/p50", 0), 3, 1e-12);
	CHECK_NEAR(mval(&ds, "delay/total/p95", 0), 3.9, 1e-12);
	CHECK_NEAR(mval(&ds, "delay/total/max", 0), 4, 0);
	CHECK_NEAR(mval(&ds, "delay/connection/max", 0), 3.4, 1e-12);
	CHECK_NEAR(mval(&ds, "delay/before qmgr/p50", 0), 0.5, 1e-12);
	CHECK_NEAR(mval(&ds, "delay/transmission/max", 0), 0.4, 1e-12);
	/* taken in, then deferred (back to the deferred queue): 1 at most in minute 0, 0 after */
	CHECK_NEAR(mval(&ds, "queue/active", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "queue/active", 1), 0, 0);
	/* smtpd[13] appears in minute 2: started there; smtp[12] last seen in minute 0 */
	CHECK_NEAR(mval(&ds, "process/smtpd/started", 2), 1, 0);
	CHECK_NEAR(mval(&ds, "process/smtp/exited", 0), 1, 0);
	CHECK_NEAR(mval(&ds, "process/smtp/started", 0), 0, 0);
	CHECK_INT(ds.nevents, 1);
	CHECK_STR(ds.events[0].kind, "reload");
	CHECK(strstr(ds.events[0].text, "reload -- version 3.7.5") != NULL);
	maildata_release(&b);
	ds_release(&ds);
}

TEST(maildata_sniff_wants_syslog_with_postfix)
{
	const char *mail = "Apr  9 06:25:26 mx1 dovecot: imap-login: Login\n"
			   "Apr  9 06:25:27 mx1 postfix/smtpd[3102]: connect from a[1.2.3.4]\n";
	const char *other = "Apr  9 06:25:26 mx1 sshd[1]: Accepted\nApr  9 06:25:27 mx1 cron[2]: job\n";
	const char *csv = "\"(PDH-CSV 4.0) (UTC)(0)\",\"\\\\h\\Memory\\Free\"\n\"04/09/2024 06:25:26\",\"1\"\n";

	CHECK(maildata_sniff(mail, strlen(mail)));
	CHECK(!maildata_sniff(other, strlen(other)));
	CHECK(!maildata_sniff(csv, strlen(csv)));
	/* a line cut by the end of the head is not judged */
	CHECK(!maildata_sniff(mail, 40));
}
