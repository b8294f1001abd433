/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_TESTS_UNIT_PAGE_H
#define KANSOKU_TESTS_UNIT_PAGE_H

#include <stddef.h>

/*
 * Test helper (test_render.c): an HTML report's data as one blob, malloc'ed,
 * NULL when absent or corrupt: "KNS1", the length of the page description
 * (the JSON of k-meta and k-more and the metric list's lines, k-metrics,
 * joined by newlines) in bytes 4..7, the description at byte 8, then the data blocks k-b0, k-b1... inflated one after the other, which
 * is every column in the order of its number.
 */
unsigned char *page_blob(const char *html, size_t *len);

#endif
