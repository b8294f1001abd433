/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_TESTS_UNIT_PAGE_H
#define KANSOKU_TESTS_UNIT_PAGE_H

#include <stddef.h>

/*
 * Test helper (test_render.c): the blob inside an HTML report's data block,
 * decoded (base64, then zlib); malloc'ed, NULL when absent or corrupt. The
 * blob starts with a header whose bytes 4..7 give the length of the JSON
 * page description that follows at byte 8.
 */
unsigned char *page_blob(const char *html, size_t *len);

#endif
