/* SPDX-License-Identifier: MIT */
/* Response times exchange by exchange (flow/resptime.h): series per server and kind. */
#include <string.h>

#include "flow/resptime.h"
#include "unit.h"

static struct exch_record rec(enum exch_proto proto, enum exch_kind kind, uint8_t host,
			      uint16_t port, int64_t req_us, int64_t resp_us)
{
	struct exch_record e;

	memset(&e, 0, sizeof(e));
	e.proto = proto;
	e.kind = kind;
	e.af = 4;
	e.addr[0][0] = e.addr[1][0] = 192;
	e.addr[0][1] = e.addr[1][1] = 0;
	e.addr[0][2] = e.addr[1][2] = 2;
	e.addr[0][3] = 7;
	e.addr[1][3] = host;
	e.port[0] = 40000;
	e.port[1] = port;
	e.req_us = req_us;
	e.resp_us = resp_us;
	e.code = -1;
	if (resp_us < 0)
		e.flags = EXCH_F_UNANSWERED;
	return e;
}

TEST(resptime_series_per_server_and_kind_in_time_order)
{
	struct resptime rt;
	struct exch_record e[] = {
		rec(EXCH_DNS, EXCH_DNS_QUERY, 53, 53, 1000, 3500),
		rec(EXCH_SMTP, EXCH_SMTP_RCPT, 25, 25, 2000, 1202000),
		rec(EXCH_SMTP, EXCH_SMTP_GREETING, 25, 25, 0, 500),
		rec(EXCH_DNS, EXCH_DNS_QUERY, 53, 53, 1500, -1),	/* unanswered */
		rec(EXCH_HTTP, EXCH_HTTP_REQUEST, 80, 8080, 100, 900),
		rec(EXCH_SMTP, EXCH_SMTP_RCPT, 25, 25, 500, 1000),	/* ended before the slow one */
		rec(EXCH_DNS, EXCH_DNS_QUERY, 53, 53, 2000, 2600),
	};
	size_t i;

	e[6].flags = EXCH_F_INCOMPLETE;	/* bytes missing: no time, not unanswered */
	resptime_init(&rt);
	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++)
		resptime_add(&rt, &e[i]);
	resptime_finish(&rt);
	CHECK_INT(rt.n, 4);
	if (rt.n == 4) {
		/* SMTP, HTTP, DNS; per server by kind */
		CHECK_INT(rt.series[0]->kind, EXCH_SMTP_GREETING);
		CHECK_STR(rt.series[0]->server, "192.0.2.25:25");
		CHECK_INT(rt.series[1]->kind, EXCH_SMTP_RCPT);
		CHECK_INT(rt.series[1]->n, 2);
		CHECK_INT(rt.series[1]->t[0], 1000);	/* at the answer's time, sorted */
		CHECK_NEAR(rt.series[1]->ms[0], 0.5, 1e-12);
		CHECK_INT(rt.series[1]->t[1], 1202000);
		CHECK_NEAR(rt.series[1]->ms[1], 1200, 1e-12);
		CHECK_NEAR(rt.series[1]->max_ms, 1200, 1e-12);
		CHECK_INT(rt.series[2]->proto, EXCH_HTTP);
		CHECK_STR(rt.series[2]->server, "192.0.2.80:8080");
		CHECK_INT(rt.series[3]->proto, EXCH_DNS);
		CHECK_INT(rt.series[3]->n, 1);
		CHECK_INT(rt.series[3]->unanswered, 1);
		CHECK_NEAR(rt.series[3]->ms[0], 2.5, 1e-12);
	}
	resptime_release(&rt);

	resptime_init(&rt);	/* released unfinished: nothing leaks (ASan) */
	resptime_add(&rt, &e[0]);
	resptime_release(&rt);
}
