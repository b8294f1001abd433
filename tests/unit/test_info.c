/* SPDX-License-Identifier: MIT */
/* What `kansoku info` tells of a capture (flow/capinfo.h) and a mail log (mail/mailinfo.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow/capinfo.h"
#include "input/input.h"
#include "mail/mailinfo.h"
#include "unit.h"

static void be32(FILE *f, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	fwrite(b, 1, 4, f);
}

/* An Ethernet frame: 10.0.0.1:5000 -> 10.0.0.2:53, UDP, 4 bytes of payload (46 bytes). */
static void frame(FILE *f, uint32_t sec, uint32_t nsec, uint32_t caplen)
{
	static const uint8_t pkt[46] = {
		0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00,
		0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
		0x13, 0x88, 0, 53, 0, 12, 0, 0, 'a', 'b', 'c', 'd',
	};

	be32(f, sec);
	be32(f, nsec);
	be32(f, caplen);
	be32(f, sizeof(pkt));
	fwrite(pkt, 1, caplen, f);
}

TEST(capinfo_tells_a_big_endian_nanosecond_pcap)
{
	char path[] = "/tmp/kansoku-capinfo-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	struct source *src;
	struct capinfo ci;
	struct kerr err;
	const char *kind = NULL;

	CHECK(f != NULL);
	if (!f)
		return;
	fwrite("\xa1\xb2\x3c\x4d\x00\x02\x00\x04", 1, 8, f);
	be32(f, 0);
	be32(f, 0);
	be32(f, 65535);
	be32(f, 1);
	frame(f, 1700000000, 5, 46);
	frame(f, 1700000002, 500000000, 46);
	frame(f, 1700000001, 0, 40);	/* cut short; out of time order */
	fclose(f);
	CHECK_INT(input_open(&src, path, NULL, &kind, &err), 0);
	CHECK_STR(kind, "capture");
	CHECK_INT(capinfo_read(&ci, src, path, &err), 0);
	source_close(src);
	CHECK_STR(ci.file_type, "pcap");
	CHECK_STR(ci.byte_order, "big-endian");
	CHECK_STR(ci.precision, "nanoseconds");
	CHECK_INT(ci.dlt, 1);
	CHECK_INT(ci.snaplen, 65535);
	CHECK_INT(ci.packets, 3);
	CHECK_INT(ci.bytes, 46 + 46 + 40);
	CHECK_INT(ci.wire_bytes, 3 * 46);
	CHECK_INT(ci.cut, 1);
	CHECK_INT(ci.first_ns, 1700000000000000005LL);
	CHECK_INT(ci.last_ns, 1700000002500000000LL);
	CHECK_INT(ci.conversations, 1);
	CHECK_INT(ci.udp, 1);
	unlink(path);
}

TEST(mailinfo_counts_lines_hosts_and_daemons)
{
	static const char log[] =
		"2024-03-12T09:00:00+01:00 relay1 postfix/smtpd[10]: connect from a[192.0.2.1]\n"
		"not a syslog line\n"
		"2024-03-12T09:00:02+01:00 relay1 postfix/submission/smtpd[11]: connect from b\n"
		"2024-03-12T09:00:05+01:00 relay2 postfix/qmgr[12]: 4AB12C: removed\n"
		"2024-03-12T09:00:01+01:00 relay2 dovecot[13]: imap-login: Login\n";
	char path[] = "/tmp/kansoku-mailinfo-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
	struct source *src;
	struct mailinfo mi;
	struct kerr err;
	const char *kind = NULL;

	CHECK(f != NULL);
	if (!f)
		return;
	fputs(log, f);
	fclose(f);
	CHECK_INT(input_open(&src, path, NULL, &kind, &err), 0);
	CHECK_STR(kind, "maillog");
	CHECK_INT(mailinfo_read(&mi, src, path, &err), 0);
	source_close(src);
	CHECK_INT(mi.lines, 5);
	CHECK_INT(mi.records, 4);
	CHECK_INT(mi.postfix, 3);
	CHECK(mi.zoned);
	CHECK_INT(mi.first_us, 1710230400000000LL);	/* 08:00:00 UTC */
	CHECK_INT(mi.last_us, 1710230405000000LL);
	CHECK_INT(mi.hosts.count, 2);
	CHECK_INT(mi.daemons.count, 2);	/* smtpd (twice), qmgr */
	CHECK_INT(*(uint64_t *)strmap_find(&mi.daemons, "smtpd", 5), 2);
	mailinfo_release(&mi);
	unlink(path);
}
