/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdlib.h>
#include <unistd.h>

#include "core/source.h"
#include "flow/capds.h"
#include "input/input.h"

static const char *write_temp(const void *data, size_t len)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/kansoku-unit-input-%d", (int)getpid());
	f = fopen(path, "wb");
	fwrite(data, 1, len, f);
	fclose(f);
	return path;
}

TEST(input_peek_gives_the_bytes_back)
{
	const char text[] = "(PDH-CSV 4.0)\n1,2\n";
	const char *path = write_temp(text, sizeof(text) - 1);
	const uint8_t *head;
	struct source *s;
	struct kerr e;
	char got[64];
	size_t len, n = 0;
	ssize_t r;

	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	CHECK_INT(source_peek(s, 4, &head, &len, &e), 0);
	CHECK_INT(len, 4);
	CHECK(!memcmp(head, "(PDH", 4));
	/* a longer peek reads more, still from the start */
	CHECK_INT(source_peek(s, 4096, &head, &len, &e), 0);
	CHECK_INT(len, sizeof(text) - 1);
	while ((r = source_read(s, got + n, 3, &e)) > 0)
		n += (size_t)r;
	CHECK_INT(n, sizeof(text) - 1);
	CHECK(!memcmp(got, text, n));
	CHECK_INT(source_offset(s), n);
	source_close(s);
	unlink(path);
}

TEST(input_stream_reads_peeked_bytes_first)
{
	const char text[] = "abcdefghij";
	const char *path = write_temp(text, 10);
	const uint8_t *head;
	struct source *s;
	struct kerr e;
	char got[16] = "";
	size_t len;
	FILE *f;

	CHECK_INT(source_open(&s, path, NULL, &e), 0);
	CHECK_INT(source_peek(s, 3, &head, &len, &e), 0);
	f = source_stream(s);
	CHECK(f != NULL);
	CHECK_INT(fread(got, 1, sizeof(got), f), 10);
	CHECK_STR(got, text);
	fclose(f);
	source_close(s);
	unlink(path);
}

TEST(input_detects_by_content)
{
	static const uint8_t pcap_le[] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };
	static const uint8_t pcap_nano[] = { 0xa1, 0xb2, 0x3c, 0x4d, 0, 2, 0, 4 };
	static const uint8_t pcapng[] = { 0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0 };
	const struct input_reader *r;

	r = input_detect((const uint8_t *)"\xEF\xBB\xBF\"(PDH-CSV 4.0) (UTC)(0)\",\"x\"\n", 30);
	CHECK(r && !strcmp(r->name, "perf"));
	r = input_detect((const uint8_t *)"\n\nAAA,progname,nmon\n", 20);
	CHECK(r && !strcmp(r->name, "perf"));
	r = input_detect(pcap_le, sizeof(pcap_le));
	CHECK(r && !strcmp(r->name, "capture"));
	r = input_detect(pcap_nano, sizeof(pcap_nano));
	CHECK(r && !strcmp(r->name, "capture"));
	r = input_detect(pcapng, sizeof(pcapng));
	CHECK(r && !strcmp(r->name, "capture"));
	CHECK(input_detect((const uint8_t *)"\xd4\xc3", 2) == NULL);
	CHECK(input_detect((const uint8_t *)"time,cpu\n1,2\n", 13) == NULL);
}
