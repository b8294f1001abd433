/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_DNS_RESINFO_H
#define KANSOKU_DNS_RESINFO_H

#include <stdio.h>

#include "core/dataset.h"

/*
 * What a `dns bench` results file holds (for `kansoku info`), from its
 * dataset (dns/results.h): the servers with their queries, lost queries and
 * answers, and the time from the first query to the last. wrapping:
 * "plain", "gzip"... (core/source.h).
 */
void dnsresinfo_print_text(FILE *f, const struct dataset *ds, const char *wrapping);
void dnsresinfo_print_json(FILE *f, const struct dataset *ds, const char *wrapping);

#endif
