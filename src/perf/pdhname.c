/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE
#include "perf/pdhname.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/utf8.h"

int pdhname_zone(const char *cell, struct pdh_zone *z)
{
	const char *p, *end, *lp;
	size_t n;

	memset(z, 0, sizeof(*z));
	if (strncmp(cell, "(PDH-CSV", 8))
		return -1;
	p = strchr(cell, ')');
	if (!p)
		return 0;
	p++;
	while (*p == ' ')
		p++;
	if (*p == '(')
		p++;
	end = p + strlen(p);
	while (end > p && end[-1] == ' ')
		end--;
	/* the bias is the last "(integer)" at the end */
	if (end > p && end[-1] == ')' && (lp = memrchr(p, '(', (size_t)(end - p))) != NULL) {
		char *stop;
		long v = strtol(lp + 1, &stop, 10);
		if (stop > lp + 1 && stop == end - 1 && v > -24 * 60 && v < 24 * 60) {
			z->has_bias = 1;
			z->bias_min = (int)v;
			end = lp;
			if (end > p && end[-1] == ')')
				end--;
		}
	}
	if (!z->has_bias) {
		/* a cut cell: drop the dangling "(" and spaces */
		while (end > p && (end[-1] == '(' || end[-1] == ' ' || end[-1] == ')'))
			end--;
	}
	n = (size_t)(end - p);
	if (n >= sizeof(z->name))	/* cut a long name between characters, not inside one */
		n = utf8_valid_prefix(p, sizeof(z->name) - 1);
	memcpy(z->name, p, n);
	z->name[n] = '\0';
	return 0;
}

/* p[0..len) as a string of a: the one of the column before when it is the same text. */
static char *part(struct arena *a, const char *p, size_t len, char *before)
{
	if (before && !strncmp(before, p, len) && before[len] == '\0')
		return before;
	return arena_strndup(a, p, len);
}

int pdhname_parse_next(const char *cell, struct arena *a, const struct pdh_path *prev,
		       struct pdh_path *out)
{
	const char *p = cell, *host_end, *last_bs, *mid, *lp, *rp;
	struct pdh_path none = { NULL, NULL, NULL, NULL };

	if (!prev)
		prev = &none;
	memset(out, 0, sizeof(*out));
	if (p[0] == '\\' && p[1] == '\\') {
		p += 2;
		host_end = strchr(p, '\\');
		if (!host_end)
			return -1;
		out->host = part(a, p, (size_t)(host_end - p), prev->host);
		mid = host_end + 1;
	} else if (p[0] == '\\' || (p[0] && strchr(p + 1, '\\'))) {
		/* "\Object\Counter" or "Object(Inst)\Counter": logs written without the machine */
		out->host = part(a, "", 0, prev->host);
		mid = p + (p[0] == '\\');
	} else {
		return -1;
	}
	last_bs = strrchr(mid, '\\');
	if (!last_bs || last_bs == mid || !last_bs[1])
		return -1;
	out->counter = part(a, last_bs + 1, strlen(last_bs + 1), prev->counter);
	lp = memchr(mid, '(', (size_t)(last_bs - mid));
	rp = last_bs[-1] == ')' ? last_bs - 1 : NULL;
	if (lp && rp && rp > lp) {
		out->object = part(a, mid, (size_t)(lp - mid), prev->object);
		out->instance = part(a, lp + 1, (size_t)(rp - lp - 1), prev->instance);
	} else {
		out->object = part(a, mid, (size_t)(last_bs - mid), prev->object);
	}
	return out->object[0] ? 0 : -1;
}

int pdhname_parse(const char *cell, struct arena *a, struct pdh_path *out)
{
	return pdhname_parse_next(cell, a, NULL, out);
}

long long pdhname_gid(const char *instance)
{
	const char *p = instance;
	long long v = 0;

	if (!p || !isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		if (v > 100000000000000LL)
			return -1;
		v = v * 10 + (*p - '0');
	}
	return *p == ':' ? v : -1;
}

/* Length of a run of digits at p followed by ':' (0 when not). */
static size_t digits_colon(const char *p)
{
	size_t n = 0;

	while (isdigit((unsigned char)p[n]))
		n++;
	return n && p[n] == ':' ? n : 0;
}

static int ends_with_name(const char *s, size_t len, const char *name, size_t nl)
{
	return len > nl && s[len - nl - 1] == ':' && !memcmp(s + len - nl, name, nl);
}

/* world part "WID:world[:name]" -> world without the trailing ":name" */
static const char *vcpu_world(const char *wpart, const char *name, size_t nl, struct arena *a)
{
	size_t d = digits_colon(wpart), wl;
	const char *w;

	if (!d)
		return NULL;
	w = wpart + d + 1;
	wl = strlen(w);
	if (ends_with_name(w, wl, name, nl))
		wl -= nl + 1;
	return arena_strndup(a, w, wl);
}

static void esx_vcpu(const char *inst, const char *group_name, struct arena *a,
		     const char **entity, const char **world)
{
	const char *rest = strchr(inst, ':'), *p;
	size_t nl;

	if (!rest)
		return;
	rest++;
	if (group_name) {
		nl = strlen(group_name);
		if (!strncmp(rest, group_name, nl) && rest[nl] == ':' &&
		    (*world = vcpu_world(rest + nl + 1, group_name, nl, a)) != NULL) {
			*entity = arena_strdup(a, group_name);
			return;
		}
	}
	/*
	 * No Group Cpu column to tell: the name ends at a ":WID:" where the
	 * world ends with ":name" again (a VM's vCPU), else at the first ":WID:".
	 */
	for (p = strchr(rest, ':'); p; p = strchr(p + 1, ':')) {
		nl = (size_t)(p - rest);
		if (digits_colon(p + 1)) {
			const char *w = p + 1 + digits_colon(p + 1) + 1;
			if (ends_with_name(w, strlen(w), rest, nl))
				break;
		}
	}
	if (!p)
		for (p = strchr(rest, ':'); p && !digits_colon(p + 1); p = strchr(p + 1, ':'))
			;
	if (!p)
		return;
	nl = (size_t)(p - rest);
	*entity = arena_strndup(a, rest, nl);
	*world = vcpu_world(p + 1, rest, nl, a);
	if (!*world)
		*entity = NULL;
}

/* "vm:scsi0:0" -> length of "vm" when the instance ends with ":<letters><digits>:<digits>" */
static size_t vdisk_vm_len(const char *inst)
{
	size_t len = strlen(inst), i = len;

	while (i > 0 && isdigit((unsigned char)inst[i - 1]))
		i--;
	if (i == len || i == 0 || inst[i - 1] != ':')
		return len;
	i--;
	{
		size_t j = i;
		while (j > 0 && isdigit((unsigned char)inst[j - 1]))
			j--;
		if (j == i)
			return len;
		while (j > 0 && isalpha((unsigned char)inst[j - 1]))
			j--;
		if (j == 0 || inst[j - 1] != ':' || !isalpha((unsigned char)inst[j]))
			return len;
		return j - 1;
	}
}

void pdhname_esx(const char *object, const char *instance, const char *group_name,
		 struct arena *a, const char **entity, const char **world)
{
	const char *p;

	*entity = *world = NULL;
	if (!instance || !object)
		return;
	if (!strcmp(object, "Group Cpu") || !strcmp(object, "Group Memory") ||
	    !strcmp(object, "Group Power")) {
		if (pdhname_gid(instance) >= 0)
			*entity = arena_strdup(a, strchr(instance, ':') + 1);
	} else if (!strcmp(object, "Vcpu")) {
		if (pdhname_gid(instance) >= 0)
			esx_vcpu(instance, group_name, a, entity, world);
	} else if (!strcmp(object, "Virtual Disk")) {
		*entity = arena_strndup(a, instance, vdisk_vm_len(instance));
	} else if (!strcmp(object, "Network Port")) {
		/* portset:port:client, client = "WID:vm" for a VM's port */
		p = strchr(instance, ':');
		if (p && digits_colon(p + 1)) {
			p += 1 + digits_colon(p + 1) + 1;
			if (digits_colon(p))
				p += digits_colon(p) + 1;
			if (*p)
				*entity = arena_strdup(a, p);
		}
	}
}

static int has(const char *s, const char *needle)
{
	return strstr(s, needle) != NULL;
}

const char *pdhname_unit(const char *object, const char *counter)
{
	int rate;
	size_t len;

	(void)object;
	if (!counter)
		return NULL;
	len = strlen(counter);
	if (counter[0] == '%')
		return "%";
	rate = (len > 4 && !strcmp(counter + len - 4, "/sec")) || has(counter, "/sec ") ||
	       has(counter, "/s)") || has(counter, "per sec");
	if (has(counter, "MilliSec") || has(counter, "(ms)") || has(counter, "msec"))
		return "ms";
	if (has(counter, "MBits") || has(counter, "Mb/s"))
		return "Mbit/s";
	if (has(counter, "MBytes") || has(counter, " MB"))
		return rate ? "MB/s" : "MB";
	if (has(counter, "KBytes") || has(counter, " KB"))
		return rate ? "KB/s" : "KB";
	if (has(counter, "Bytes"))
		return rate ? "B/s" : "B";
	if (has(counter, "MHz") || has(counter, "MHZ"))
		return "MHz";
	if (has(counter, "Watts"))
		return "W";
	if (has(counter, "sec/"))
		return "s";
	if (rate)
		return "/s";
	return NULL;
}
