/* SPDX-License-Identifier: MIT */
#include "perf/select.h"

#include <ctype.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/buf.h"
#include "core/xalloc.h"

static const struct select_alias aliases[] = {
	/* CPU: Vcpu and Group Cpu */
	{ "%USED", { "% Used" } }, { "%RUN", { "% Run" } }, { "%SYS", { "% System" } },
	{ "%WAIT", { "% Wait" } }, { "%IDLE", { "% Idle" } }, { "%RDY", { "% Ready" } },
	{ "%OVRLP", { "% Overlap" } }, { "%CSTP", { "% CoStop" } },
	{ "%MLMTD", { "% Max Limited" } }, { "%SWPWT", { "% Swap Wait" } },
	{ "%DMD", { "% Demand" } }, { "%LAT_C", { "% CPU Latency" } },
	{ "%LAT_M", { "% Memory Latency" } },
	/* memory: Group Memory and the host's Memory */
	{ "MEMSZ", { "Memory Size MBytes" } }, { "GRANT", { "Memory Granted Size MBytes" } },
	{ "CNSM", { "Memory Consumed Size MBytes" } },
	{ "MCTLSZ", { "Memctl MBytes", "Memctl Current MBytes" } },
	{ "MCTLTGT", { "Memctl Target MBytes" } }, { "MCTLMAX", { "Memctl Max MBytes" } },
	{ "SWCUR", { "Swapped MBytes", "Swap Used MBytes" } },
	{ "SWTGT", { "Swap Target MBytes" } },
	{ "SWR/s", { "Swap Read MBytes/sec", "Swap MBytes Read/sec" } },
	{ "SWW/s", { "Swap Written MBytes/sec", "Swap MBytes Write/sec" } },
	{ "ZIP/s", { "Compression MBytes/sec" } }, { "UNZIP/s", { "Decompression MBytes/sec" } },
	{ "N%L", { "Numa % Local" } }, { "TCHD", { "Touched MBytes" } },
	{ "TCHD_W", { "Touched Write MBytes" } }, { "ZERO", { "Zero MBytes" } },
	{ "SHRD", { "Shared MBytes" } },
	/* disks */
	{ "DAVG/cmd", { "Average Driver MilliSec/Command" } },
	{ "DAVG/rd", { "Average Driver MilliSec/Read" } },
	{ "DAVG/wr", { "Average Driver MilliSec/Write" } },
	{ "KAVG/cmd", { "Average Kernel MilliSec/Command" } },
	{ "KAVG/rd", { "Average Kernel MilliSec/Read" } },
	{ "KAVG/wr", { "Average Kernel MilliSec/Write" } },
	{ "GAVG/cmd", { "Average Guest MilliSec/Command" } },
	{ "GAVG/rd", { "Average Guest MilliSec/Read" } },
	{ "GAVG/wr", { "Average Guest MilliSec/Write" } },
	{ "QAVG/cmd", { "Average Queue MilliSec/Command" } },
	{ "QAVG/rd", { "Average Queue MilliSec/Read" } },
	{ "QAVG/wr", { "Average Queue MilliSec/Write" } },
	{ "CMDS/s", { "Commands/sec" } }, { "READS/s", { "Reads/sec" } },
	{ "WRITES/s", { "Writes/sec" } }, { "MBREAD/s", { "MBytes Read/sec" } },
	{ "MBWRTN/s", { "MBytes Written/sec" } }, { "ACTV", { "Active Commands" } },
	{ "QUED", { "Queued Commands" } }, { "ABRTS/s", { "Aborts/sec" } },
	{ "RESETS/s", { "Resets/sec" } },
	/* network */
	{ "PKTTX/s", { "Packets Transmitted/sec" } }, { "PKTRX/s", { "Packets Received/sec" } },
	{ "MbTX/s", { "MBits Transmitted/sec" } }, { "MbRX/s", { "MBits Received/sec" } },
	{ "%DRPTX", { "% Outbound Packets Dropped" } },
	{ "%DRPRX", { "% Received Packets Dropped" } },
};

const struct select_alias *select_aliases(size_t *n)
{
	*n = sizeof(aliases) / sizeof(aliases[0]);
	return aliases;
}

/* The glob with the esxtop short name it ends in replaced by counter(s): alias[0..1]. */
static void expand_alias(struct select_pattern *p, const char *pattern)
{
	size_t len = strlen(pattern), i, k, al;

	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		al = strlen(aliases[i].name);
		if (al > len || strcasecmp(pattern + len - al, aliases[i].name) ||
		    (al < len && pattern[len - al - 1] != '/'))
			continue;
		for (k = 0; k < 2 && aliases[i].counter[k]; k++) {
			struct buf b = BUF_INIT;

			/* a bare name is a counter of any object and instance */
			buf_printf(&b, "%.*s%s%s", (int)(len - al), pattern, al == len ? "*/" : "",
				   aliases[i].counter[k]);
			p->alias[k] = buf_detach(&b, NULL);
		}
		return;
	}
}

void selection_init(struct selection *sel)
{
	memset(sel, 0, sizeof(*sel));
}

void selection_release(struct selection *sel)
{
	size_t i;

	for (i = 0; i < sel->n; i++) {
		struct select_pattern *p = &sel->patterns[i];
		if (p->is_regex)
			regfree(&p->re);
		free(p->text);
		free(p->subtree);
		free(p->alias[0]);
		free(p->alias[1]);
	}
	free(sel->patterns);
	selection_init(sel);
}

int selection_add(struct selection *sel, const char *pattern, int is_regex, struct kerr *err)
{
	struct select_pattern p;

	memset(&p, 0, sizeof(p));
	p.is_regex = is_regex;
	if (is_regex) {
		int r = regcomp(&p.re, pattern, REG_EXTENDED | REG_NOSUB);
		if (r) {
			char msg[200];
			regerror(r, &p.re, msg, sizeof(msg));
			return kerr_set(err, "bad regular expression '%s': %s", pattern, msg);
		}
	} else {
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s/*", pattern);
		p.subtree = buf_detach(&b, NULL);
		expand_alias(&p, pattern);
	}
	p.text = xstrdup(pattern);
	XGROW(sel->patterns, sel->n + 1, sel->cap);
	sel->patterns[sel->n++] = p;
	return 0;
}

int selection_is_empty(const struct selection *sel)
{
	return !sel || sel->n == 0;
}

static int pattern_matches(const struct select_pattern *p, const char *s)
{
	if (p->is_regex)
		return regexec(&p->re, s, 0, NULL, 0) == 0;
	return fnmatch(p->text, s, 0) == 0 || fnmatch(p->subtree, s, 0) == 0 ||
	       (p->alias[0] && fnmatch(p->alias[0], s, 0) == 0) ||
	       (p->alias[1] && fnmatch(p->alias[1], s, 0) == 0);
}

void selection_alt_spelling(const struct ds_metric *m, char *out, size_t size)
{
	const char *path = m->path ? m->path : "";
	size_t hl = 0;

	/* keep the host prefix of multi-host paths: it is the part before the object */
	if (m->object && m->host && m->host[0] && !strncmp(path, m->host, strlen(m->host)) &&
	    path[strlen(m->host)] == '/')
		hl = strlen(m->host) + 1;
	if (m->instance)
		snprintf(out, size, "%.*s%s(%s)/%s", (int)hl, path, m->object ? m->object : "",
			 m->instance, m->counter ? m->counter : "");
	else
		snprintf(out, size, "%s", path);
}

int selection_matches(struct selection *sel, const struct ds_metric *m)
{
	char alt[2048];
	size_t i;
	int any = 0;

	if (selection_is_empty(sel))
		return 1;
	alt[0] = '\0';
	if (m->instance)
		selection_alt_spelling(m, alt, sizeof(alt));
	for (i = 0; i < sel->n; i++) {
		struct select_pattern *p = &sel->patterns[i];
		if (pattern_matches(p, m->path) || (alt[0] && pattern_matches(p, alt))) {
			p->hits++;
			any = 1;
		}
	}
	return any;
}

int selection_matches_path(struct selection *sel, const char *path)
{
	size_t i;
	int any = 0;

	if (selection_is_empty(sel))
		return 1;
	for (i = 0; i < sel->n; i++)
		if (pattern_matches(&sel->patterns[i], path)) {
			sel->patterns[i].hits++;
			any = 1;
		}
	return any;
}

/* Levenshtein distance of a and b, case ignored, capped at 255 (rows of at most 255). */
static unsigned edit_distance(const char *a, const char *b)
{
	unsigned row[256], diag, up, i, j;
	size_t la = strlen(a), lb = strlen(b);

	if (la > 255)
		la = 255;
	if (lb > 255)
		lb = 255;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			unsigned cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			up = row[j];
			row[j] = diag + cost;
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/*
 * The path of m written the way the pattern is: when the pattern's middle
 * part (a glob such as '*') matches m's instance, it stands in for it, so
 * that 'Vcpu/ * /% Redy' suggests 'Vcpu/ * /% Ready' once, not every vCPU.
 */
static void suggestion_of(const struct ds_metric *m, const char *pattern, struct buf *out)
{
	const char *a = strchr(pattern, '/'), *b = a ? strrchr(pattern, '/') : NULL;
	char mid[512];

	buf_reset(out);
	if (m->instance && m->object && m->counter && a && b > a &&
	    (size_t)(b - a - 1) < sizeof(mid)) {
		memcpy(mid, a + 1, (size_t)(b - a - 1));
		mid[b - a - 1] = '\0';
		if (strcmp(mid, m->instance) && fnmatch(mid, m->instance, 0) == 0) {
			buf_printf(out, "%s/%s/%s", m->object, mid, m->counter);
			return;
		}
	}
	buf_adds(out, m->path ? m->path : "");
}

size_t selection_suggest(const struct dataset *ds, const char *pattern, char **out, size_t max)
{
	unsigned best[16], limit = (unsigned)strlen(pattern) / 2 + 1;
	size_t n = 0, i, k;
	struct buf cand = BUF_INIT;

	if (max > 16)
		max = 16;
	for (i = 0; i < ds->nmetrics && max; i++) {
		unsigned d;

		suggestion_of(&ds->metrics[i], pattern, &cand);
		for (k = 0; k < n && strcmp(out[k], buf_str(&cand)); k++)
			;
		if (k < n)
			continue;	/* already suggested (one glob for many instances) */
		d = edit_distance(pattern, buf_str(&cand));
		if (d > limit)
			continue;	/* not close: a list of unrelated names does not help */
		/* keep the list sorted by distance, first found first on ties */
		for (k = n; k > 0 && best[k - 1] > d; k--)
			;
		if (k >= max)
			continue;
		if (n == max)
			free(out[--n]);
		n++;
		memmove(best + k + 1, best + k, (n - 1 - k) * sizeof(*best));
		memmove(out + k + 1, out + k, (n - 1 - k) * sizeof(*out));
		best[k] = d;
		out[k] = xstrdup(buf_str(&cand));
	}
	buf_release(&cand);
	return n;
}
