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

#endif
