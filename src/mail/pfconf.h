/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_PFCONF_H
#define KANSOKU_MAIL_PFCONF_H

#include <stddef.h>
#include <stdint.h>

/*
 * What kansoku knows about Postfix configuration: main.cf syntax, which
 * daemons read which parameters, which daemons pick up a main.cf change on
 * their own, and the lookup tables a configuration names. Pure functions,
 * no I/O.
 *
 * Facts (postconf(5), the daemons' manual pages, Postfix 3.7):
 * - Daemons that run "for only a limited amount of time" exit after max_idle
 *   (default 100s) without a client or after max_use (default 100) clients;
 *   their replacement reads main.cf afresh: smtpd, smtp, lmtp, cleanup,
 *   bounce, local, virtual, pipe, discard, error, flush, showq, spawn, qmqpd,
 *   scache, dnsblog, postlogd, trivial-rewrite, proxymap, anvil.
 * - Persistent ones keep the settings they started with until `postfix
 *   reload`: qmgr, oqmgr, pickup (up to an hour), tlsmgr, verify,
 *   postscreen, tlsproxy; master reads main.cf and master.cf only at start
 *   and reload.
 * - Where mail goes is decided by trivial-rewrite's resolve service; qmgr
 *   caches its answers for 30 s, smtpd and cleanup for their lifetime. A
 *   routing change is in effect once trivial-rewrite has been replaced and
 *   qmgr's cache has expired.
 */

#define PF_QMGR_RESOLVE_CACHE_S 30

/* main.cf as name = value pairs (continuation lines joined, comments dropped). */
struct pf_param {
	char *name;
	char *value;
};

struct pf_maincf {
	struct pf_param *p;
	size_t n, cap;
};

void pf_maincf_parse(struct pf_maincf *m, const char *text, size_t len);
void pf_maincf_release(struct pf_maincf *m);
/* Raw value (no $expansion), or NULL. The last definition wins, as in Postfix. */
const char *pf_maincf_get(const struct pf_maincf *m, const char *name);
/*
 * Names defined differently in a and b (changed, added or removed), sorted,
 * in an array the caller frees (the strings belong to a or b). Returns the count.
 */
size_t pf_maincf_diff(const struct pf_maincf *a, const struct pf_maincf *b, const char ***names);

/* "100s", "5m", "2h", "1d", "1w", "30" (default unit seconds). Returns 0 or -1. */
int pf_parse_duration(const char *s, int64_t *seconds);

/* Whether a daemon (program name, e.g. "trivial-rewrite") keeps its settings until reload. */
int pf_daemon_is_persistent(const char *daemon);

/*
 * Whether daemon reads parameter name. Unknown parameters count as read by
 * every daemon (a safe answer). *routing is set when the parameter changes
 * where mail is routed (trivial-rewrite's resolve answers).
 */
int pf_param_used_by(const char *name, const char *daemon);
int pf_param_is_routing(const char *name);
/* One line: which daemon governs the parameter ("trivial-rewrite (routing) + qmgr's 30 s cache"). */
const char *pf_param_governor(const char *name);

/*
 * Lookup tables named in a parameter value ("hash:/etc/postfix/transport",
 * "proxy:lmdb:/etc/x", comma or space separated): calls fn with the table
 * type and the source path; for indexed types also the file Postfix
 * actually opens (path.db, path.lmdb, path.cdb), else NULL.
 */
void pf_tables_scan(const char *value, void (*fn)(const char *type, const char *path,
						  const char *index_path, void *ctx), void *ctx);

#endif
