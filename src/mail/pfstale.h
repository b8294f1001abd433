/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_PFSTALE_H
#define KANSOKU_MAIL_PFSTALE_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "mail/pfconf.h"

/*
 * Which processes of a running Postfix instance still work with settings
 * that have since changed, and when the change will be in effect.
 *
 * The instance: CONFIG_DIR/main.cf gives queue_directory (asked from
 * `postconf -c CONFIG_DIR -h`, main.cf itself when postconf is missing); the
 * master's pid is in queue_directory/pid/master.pid; its children are found
 * in /proc, with their service name ("-n smtp" on the command line), start
 * time and the last time they ran (/proc/PID/sched).
 *
 * A change is a change of content, not of mtime: each file's content hash
 * is kept in a state directory together with the main.cf it replaced, so a
 * touched but unchanged file raises no alarm and the changed parameters can
 * be named. On the first look there is no such record: the file's mtime is
 * taken as the moment of change; when every process started after it, they
 * all read main.cf as it is and no parameter changed for them, otherwise
 * the parameters those older processes read are unknown. So it stays until
 * main.cf's content changes and the record has the content it replaced.
 */

struct pf_file {
	char *path;
	const char *role;	/* "main.cf", "master.cf", "table" */
	char *table_type;	/* "hash", "regexp", ... for tables */
	int exists;
	int64_t mtime_us;
	uint64_t size, hash;	/* FNV-1a 64 of the content */
	int64_t changed_us;	/* when the content last changed, as far as we know */
	int baseline;		/* compared with a saved record */
	int touched;		/* mtime moved, content the same as recorded */
	int indexed;		/* hash/lmdb/cdb/...: Postfix daemons notice and restart */
	char *source_path;	/* indexed: the text the index is made from */
	int source_newer;	/* the source is newer than the index: postmap not run */
};

enum pf_verdict {
	PF_FRESH,		/* started after the change */
	PF_UNAFFECTED,		/* predates it, reads none of the changed settings */
	PF_REFRESHES,		/* predates it, exits by itself after max_idle / max_use */
	PF_NEEDS_RELOAD,	/* predates it, persistent: `postfix reload` */
};

struct pf_proc {
	long pid;
	char service[128];
	char daemon[64];
	int64_t start_us;	/* for master: when it last read its configuration */
	int64_t last_active_us;	/* last time it ran, 0 when unknown */
	int persistent;
	enum pf_verdict verdict;
	int64_t expected_exit_us;	/* PF_REFRESHES: if no client comes before */
	char uses[256];		/* changed parameters it reads, for the verdict */
};

struct pf_stale {
	char *config_dir, *queue_dir;
	int64_t max_idle_s, max_use;
	int64_t now_us;
	long master_pid;
	int64_t master_start_us;

	struct pf_file *files;
	size_t nfiles;
	int64_t change_us;	/* latest content change that processes must re-read */
	const char *change_file;	/* which file that was */

	int params_known;	/* what the older processes read is known: recorded, or main.cf as it is */
	const char **changed;	/* parameter names (owned by the report) */
	size_t nchanged;
	int routing;		/* a routing parameter changed */

	struct pf_proc *procs;	/* master first, then children by pid */
	size_t nprocs;

	size_t nstale;		/* PF_REFRESHES + PF_NEEDS_RELOAD */
	int needs_reload;
	int64_t in_effect_us;	/* when everything is in effect without reload (no reload needed) */
	int64_t routing_effect_us;	/* routing: trivial-rewrite replaced + qmgr's cache expired */
	char verdict[768];	/* one line */
	char *state_note;	/* how the parameters are known or why not, or NULL (from the record) */
	char *save_error;	/* the record could not be written (the answer stands), or NULL */

	struct pf_maincf before, now;
	char *before_text, *now_text;
};

struct pf_stale_options {
	const char *config_dir;		/* NULL: /etc/postfix */
	const char *state_dir;		/* NULL: /var/lib/kansoku/postfix-stale */
	int save;			/* record the current state for the next run */
};

int pf_stale_run(struct pf_stale *r, const struct pf_stale_options *o, struct kerr *err);
void pf_stale_release(struct pf_stale *r);

const char *pf_verdict_name(enum pf_verdict v);

/* Parses the text of /proc/PID/stat: ppid and start time in clock ticks. Returns 0 or -1. */
int pf_parse_proc_stat(const char *text, long *ppid, unsigned long long *start_ticks);
/* Service and daemon from a NUL-separated command line ("smtpd\0-n\0smtp\0-t\0inet\0"). */
void pf_parse_cmdline(const char *argv, size_t len, char *service, size_t ssize, char *daemon,
		      size_t dsize);

#endif
