#ifndef KANSOKU_CORE_UTF8_H
#define KANSOKU_CORE_UTF8_H

#include <stddef.h>

/* Length of the longest prefix of s that is well-formed UTF-8 (RFC 3629). */
size_t utf8_valid_prefix(const char *s, size_t len);
static inline int utf8_is_valid(const char *s, size_t len)
{
	return utf8_valid_prefix(s, len) == len;
}

#endif
