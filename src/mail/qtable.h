/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_MAIL_QTABLE_H
#define KANSOKU_MAIL_QTABLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/hashtab.h"

/*
 * Messages in flight, keyed by Postfix queue id: what the analysis has to
 * remember about a message between the line that names it first (smtpd
 * "client=", pickup) and qmgr's "removed". Records live inline in one
 * open-addressing array (linear probing, backward-shift deletion), so there
 * is no allocation per message and memory is bounded by the number of ids in
 * flight. A record pointer is valid only until the next add or remove.
 */
#define QTABLE_ID_MAX 31

struct qrec {
	char id[QTABLE_ID_MAX + 1];
	uint8_t id_len;
	uint8_t received;	/* received in this log, sender not yet counted */
	uint8_t from_pickup;
	uint8_t deferred;	/* counted once in "deferred messages" */
	uint8_t has_size;
	int64_t size;
	int64_t last_seen;	/* t_us of the last line naming it */
	const char *client_domain;	/* interned by the caller; NULL when unknown */
};

struct qtable {
	struct hashtab recs;	/* of struct qrec, by id; recs.count in flight */
	size_t peak;		/* largest count seen */
};

void qtable_init(struct qtable *t);
void qtable_release(struct qtable *t);
struct qrec *qtable_find(const struct qtable *t, const char *id, size_t len);
/* Finds or adds (zero-filled apart from the id); len <= QTABLE_ID_MAX. */
struct qrec *qtable_get(struct qtable *t, const char *id, size_t len);
/* Records in flight. */
static inline size_t qtable_count(const struct qtable *t)
{
	return t->recs.count;
}
void qtable_remove(struct qtable *t, struct qrec *r);
/*
 * Drops records last seen before `older_than` (t_us) for which keep() says
 * no; for ids whose "removed" line never comes (rejected after "client=",
 * logs that start or end mid-way). Returns the number dropped.
 */
size_t qtable_sweep(struct qtable *t, int (*drop)(const struct qrec *r, void *ctx), void *ctx);

/*
 * Short queue ids whose message size was taken, kept after "removed" for
 * QHIST_KEEP_US (an hour) of log time: pflogsumm never forgets an id's size, so the
 * size of a later message under a reused id (Postfix's short ids are built
 * from an inode number and the microseconds, and do recur) is not counted
 * again, and its deliveries count the first message's size. An id packs
 * into 64 bits (up to 15 hex digits and the length), no text is kept;
 * the table is the core one, hashed with the process key.
 * Long queue ids are never reused and are not kept.
 */
#define QHIST_KEEP_US (3600LL * 1000000)

struct qid_history {
	struct hashtab ids;	/* of struct gone_id (qtable.c), by key */
};

void qhist_init(struct qid_history *h);
void qhist_release(struct qid_history *h);
/* The key of a short id (upper-case hex digits only, as the caller knows), or 0 when longer than 15. */
uint64_t qhist_key(const char *id, size_t len);
void qhist_put(struct qid_history *h, uint64_t key, uint32_t size, int64_t t_us);
/* 1 and *size when the id was kept at most QHIST_KEEP_US before t_us. */
int qhist_get(const struct qid_history *h, uint64_t key, int64_t t_us, uint32_t *size);

#endif
