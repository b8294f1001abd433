/* SPDX-License-Identifier: MIT */
#include "mail/pfconf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static char *trimmed(const char *s, size_t len)
{
	while (len && is_space(*s))
		s++, len--;
	while (len && is_space(s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static void add_param(struct pf_maincf *m, const char *logical, size_t len)
{
	const char *eq = memchr(logical, '=', len);
	struct pf_param *p;

	if (!eq)
		return;		/* Postfix would refuse the file; ignore the line here */
	XGROW(m->p, m->n + 1, m->cap);
	p = &m->p[m->n++];
	p->name = trimmed(logical, (size_t)(eq - logical));
	p->value = trimmed(eq + 1, (size_t)(logical + len - eq - 1));
	if (!*p->name) {
		free(p->name);
		free(p->value);
		m->n--;
	}
}

void pf_maincf_parse(struct pf_maincf *m, const char *text, size_t len)
{
	struct buf logical = BUF_INIT;
	const char *p = text, *end = text + len;
	int have = 0;

	memset(m, 0, sizeof(*m));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end, *q = p;

		while (q < le && is_space(*q))
			q++;
		if (q == le || *q == '#') {
			/* blank and comment lines do not end a logical line */
		} else if (q != p && have) {
			/* leading white space: continues the previous line */
			buf_addch(&logical, ' ');
			buf_add(&logical, q, (size_t)(le - q));
		} else {
			if (have)
				add_param(m, logical.data, logical.len);
			buf_reset(&logical);
			buf_add(&logical, q, (size_t)(le - q));
			have = 1;
		}
		p = nl ? nl + 1 : end;
	}
	if (have)
		add_param(m, logical.data, logical.len);
	buf_release(&logical);
}

void pf_maincf_release(struct pf_maincf *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		free(m->p[i].name);
		free(m->p[i].value);
	}
	free(m->p);
	memset(m, 0, sizeof(*m));
}

const char *pf_maincf_get(const struct pf_maincf *m, const char *name)
{
	size_t i;

	for (i = m->n; i-- > 0;)
		if (!strcmp(m->p[i].name, name))
			return m->p[i].value;
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t pf_maincf_diff(const struct pf_maincf *a, const struct pf_maincf *b, const char ***names)
{
	const char **out = xcalloc(a->n + b->n + 1, sizeof(*out));
	size_t i, n = 0, k;

	for (i = 0; i < a->n; i++) {
		const char *va = pf_maincf_get(a, a->p[i].name), *vb = pf_maincf_get(b, a->p[i].name);

		if (!vb || strcmp(va, vb))
			out[n++] = a->p[i].name;
	}
	for (i = 0; i < b->n; i++)
		if (!pf_maincf_get(a, b->p[i].name))
			out[n++] = b->p[i].name;
	qsort(out, n, sizeof(*out), cmp_str);
	for (i = k = 0; i < n; i++)
		if (!k || strcmp(out[k - 1], out[i]))
			out[k++] = out[i];
	*names = out;
	return k;
}

int pf_parse_duration(const char *s, int64_t *seconds)
{
	char *end;
	long long v;

	if (!s || !*s || *s == '-')
		return -1;
	v = strtoll(s, &end, 10);
	if (end == s || v < 0)
		return -1;
	switch (*end) {
	case '\0': case 's': break;
	case 'm': v *= 60; break;
	case 'h': v *= 3600; break;
	case 'd': v *= 86400; break;
	case 'w': v *= 7 * 86400; break;
	default: return -1;
	}
	if (*end && end[1])
		return -1;
	*seconds = v;
	return 0;
}

int pf_daemon_is_persistent(const char *d)
{
	static const char *const persistent[] = {
		"master", "qmgr", "oqmgr", "pickup", "tlsmgr", "verify", "postscreen", "tlsproxy", NULL
	};
	size_t i;

	for (i = 0; persistent[i]; i++)
		if (!strcmp(d, persistent[i]))
			return 1;
	return 0;
}

/* Parameters that change trivial-rewrite's answers: address classes, transports, next hops. */
static const char *const routing_params[] = {
	"mydestination", "myhostname", "mydomain", "myorigin", "inet_interfaces", "proxy_interfaces",
	"virtual_mailbox_domains", "virtual_alias_domains", "relay_domains", "transport_maps",
	"relayhost", "default_transport", "local_transport", "virtual_transport", "relay_transport",
	"sender_dependent_relayhost_maps", "sender_dependent_default_transport_maps",
	"append_dot_mydomain", "append_at_myorigin", "swap_bangpath", "allow_percent_hack",
	"resolve_dequoted_address", "resolve_null_domain", "resolve_numeric_domain",
	"empty_address_relayhost_maps_lookup_key", "empty_address_default_transport_maps_lookup_key",
	"local_header_rewrite_clients", "remote_header_rewrite_domain", NULL
};

struct prefix_rule {
	const char *prefix;
	const char *daemons;	/* space separated */
};

/* First match wins; exact names are written without a trailing '_'. */
static const struct prefix_rule rules[] = {
	{ "smtpd_", "smtpd" },
	{ "postscreen_", "postscreen" },
	{ "lmtp_", "lmtp" },
	{ "smtp_", "smtp" },
	{ "qmgr_", "qmgr oqmgr" },
	{ "default_destination_", "qmgr oqmgr" },
	{ "initial_destination_concurrency", "qmgr oqmgr" },
	{ "maximal_queue_lifetime", "qmgr oqmgr" },
	{ "bounce_queue_lifetime", "qmgr oqmgr" },
	{ "minimal_backoff_time", "qmgr oqmgr" },
	{ "maximal_backoff_time", "qmgr oqmgr" },
	{ "queue_run_delay", "qmgr oqmgr" },
	{ "default_recipient_limit", "qmgr oqmgr" },
	{ "default_extra_recipient_limit", "qmgr oqmgr" },
	{ "default_delivery_slot_", "qmgr" },
	{ "local_destination_", "qmgr oqmgr" },
	{ "virtual_destination_", "qmgr oqmgr" },
	{ "relay_destination_", "qmgr oqmgr" },
	{ "alias_maps", "local" },
	{ "alias_database", "newaliases" },
	{ "mailbox_", "local" },
	{ "home_mailbox", "local" },
	{ "mail_spool_directory", "local" },
	{ "forward_path", "local" },
	{ "allow_mail_to_", "local" },
	{ "local_command_shell", "local" },
	{ "local_recipient_maps", "smtpd" },
	{ "virtual_mailbox_maps", "smtpd virtual" },
	{ "virtual_mailbox_", "virtual" },
	{ "virtual_uid_maps", "virtual" },
	{ "virtual_gid_maps", "virtual" },
	{ "virtual_minimum_uid", "virtual" },
	{ "virtual_alias_maps", "cleanup smtpd" },
	{ "cleanup_", "cleanup" },
	{ "header_checks", "cleanup" },
	{ "body_checks", "cleanup" },
	{ "mime_header_checks", "cleanup" },
	{ "nested_header_checks", "cleanup" },
	{ "canonical_", "cleanup" },
	{ "sender_canonical_", "cleanup" },
	{ "recipient_canonical_", "cleanup" },
	{ "masquerade_", "cleanup" },
	{ "always_bcc", "cleanup" },
	{ "sender_bcc_maps", "cleanup" },
	{ "recipient_bcc_maps", "cleanup" },
	{ "non_smtpd_milters", "cleanup" },
	{ "message_size_limit", "smtpd cleanup" },
	{ "tls_", "tlsmgr smtpd smtp tlsproxy" },
	{ "tlsmgr_", "tlsmgr" },
	{ "anvil_", "anvil" },
	{ "postlog_", "postlogd" },
	{ "maillog_file", "postlogd" },
	{ "bounce_", "bounce" },
	{ "notify_classes", "bounce" },
	{ "address_verify_", "verify" },
	{ "pickup_", "pickup" },
	{ "content_filter", "pickup smtpd qmqpd" },
	{ "receive_override_options", "pickup smtpd qmqpd cleanup" },
	{ "default_process_limit", "master" },
	{ "master_service_disable", "master" },
	{ "inet_protocols", "master smtpd smtp postscreen" },
	{ NULL, NULL }
};

int pf_param_is_routing(const char *name)
{
	size_t i;

	for (i = 0; routing_params[i]; i++)
		if (!strcmp(name, routing_params[i]))
			return 1;
	return 0;
}

static const struct prefix_rule *rule_for(const char *name)
{
	const struct prefix_rule *r;

	for (r = rules; r->prefix; r++) {
		size_t n = strlen(r->prefix);

		if (r->prefix[n - 1] == '_' ? !strncmp(name, r->prefix, n) : !strcmp(name, r->prefix))
			return r;
	}
	return NULL;
}

static int word_in(const char *list, const char *w)
{
	size_t n = strlen(w);
	const char *p = list;

	while ((p = strstr(p, w))) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

int pf_param_used_by(const char *name, const char *daemon)
{
	const struct prefix_rule *r;

	if (pf_param_is_routing(name))
		/* resolve answers: trivial-rewrite decides; smtpd and cleanup keep them per process,
		   qmgr for 30 s (its cache expires by itself, so qmgr needs no reload for these);
		   master binds inet_interfaces */
		return !strcmp(daemon, "trivial-rewrite") || !strcmp(daemon, "smtpd") ||
		       !strcmp(daemon, "cleanup") ||
		       (!strcmp(name, "inet_interfaces") && !strcmp(daemon, "master"));
	if (!strcmp(name, "max_idle") || !strcmp(name, "max_use"))
		return !pf_daemon_is_persistent(daemon);
	r = rule_for(name);
	return r ? word_in(r->daemons, daemon) : 1;
}

const char *pf_param_governor(const char *name)
{
	const struct prefix_rule *r;

	if (pf_param_is_routing(name))
		return "trivial-rewrite (routing; qmgr caches its answers for 30 s)";
	if (!strcmp(name, "max_idle") || !strcmp(name, "max_use"))
		return "every daemon that exits by itself";
	r = rule_for(name);
	return r ? r->daemons : "every daemon (not a parameter kansoku knows)";
}

static const char *index_suffix(const char *type)
{
	if (!strcmp(type, "hash") || !strcmp(type, "btree"))
		return ".db";
	if (!strcmp(type, "lmdb"))
		return ".lmdb";
	if (!strcmp(type, "cdb"))
		return ".cdb";
	if (!strcmp(type, "dbm") || !strcmp(type, "sdbm"))
		return ".pag";
	return NULL;
}

static int file_type(const char *type)
{
	static const char *const types[] = {
		"hash", "btree", "lmdb", "cdb", "dbm", "sdbm", "texthash", "regexp", "pcre", "cidr",
		NULL
	};
	size_t i;

	for (i = 0; types[i]; i++)
		if (!strcmp(type, types[i]))
			return 1;
	return 0;
}

void pf_tables_scan(const char *value, void (*fn)(const char *type, const char *path,
						  const char *index_path, void *ctx), void *ctx)
{
	const char *p = value;

	while (*p) {
		const char *s, *e, *colon;
		char tok[1024];
		char *t, *c2;
		size_t n;

		while (*p && (*p == ' ' || *p == '\t' || *p == ',' || *p == '{' || *p == '}'))
			p++;
		s = p;
		while (*p && *p != ' ' && *p != '\t' && *p != ',' && *p != '{' && *p != '}')
			p++;
		e = p;
		n = (size_t)(e - s);
		if (!n || n >= sizeof(tok))
			continue;
		memcpy(tok, s, n);
		tok[n] = '\0';
		t = tok;
		if (!strncmp(t, "proxy:", 6))
			t += 6;
		colon = strchr(t, ':');
		if (!colon || colon[1] != '/')
			continue;
		c2 = (char *)colon;
		*c2 = '\0';
		if (file_type(t)) {
			const char *suffix = index_suffix(t);
			char idx[1100];

			if (suffix)
				snprintf(idx, sizeof(idx), "%s%s", c2 + 1, suffix);
			fn(t, c2 + 1, suffix ? idx : NULL, ctx);
		}
	}
}
