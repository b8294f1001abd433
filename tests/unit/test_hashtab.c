/* SPDX-License-Identifier: MIT */
#include "unit.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/hash.h"
#include "core/hashtab.h"
#include "core/strmap.h"

struct item {
	uint32_t key;
	uint32_t value;
};

static int item_eq(const void *entry, const void *key)
{
	return ((const struct item *)entry)->key == *(const uint32_t *)key;
}

static const struct hash_key test_key = { 0x0123456789abcdefULL, 0xfedcba9876543210ULL };

/* Hash of a key; the colliding tests force all keys onto one hash. */
static uint64_t collide_all;
static uint64_t item_hash(const struct hashtab *t, uint32_t k)
{
	return collide_all ? collide_all : hashtab_hash(t, &k, sizeof(k));
}

static struct item *put(struct hashtab *t, uint32_t k, uint32_t v)
{
	uint64_t h = item_hash(t, k);
	struct item *e = hashtab_find(t, h, &k, item_eq);

	if (!e) {
		e = hashtab_add(t, h);
		e->key = k;
	}
	e->value = v;
	return e;
}

static struct item *get(const struct hashtab *t, uint32_t k)
{
	return hashtab_find(t, item_hash(t, k), &k, item_eq);
}

static void del(struct hashtab *t, uint32_t k)
{
	struct item *e = get(t, k);

	if (e)
		hashtab_remove(t, e);
}

/* Every slot's entry is reachable from its home without crossing an empty slot. */
static int chains_unbroken(const struct hashtab *t)
{
	size_t i, mask = t->cap - 1, n = 0;

	for (i = 0; i < t->cap; i++) {
		size_t j;

		if (!t->tags[i])
			continue;
		n++;
		for (j = t->tags[i] & mask; j != i; j = (j + 1) & mask)
			if (!t->tags[j])
				return 0;
	}
	return n == t->count;
}

TEST(hashtab_inserts_finds_and_removes)
{
	struct hashtab t;
	uint32_t k;

	hashtab_init_keyed(&t, sizeof(struct item), test_key);
	CHECK(get(&t, 1) == NULL);
	for (k = 0; k < 5000; k++)
		put(&t, k, k * 3);
	CHECK_INT(t.count, 5000);
	CHECK(t.cap >= 10000);	/* grew, at most half full */
	for (k = 0; k < 5000; k++) {
		struct item *e = get(&t, k);

		if (!CHECK(e && e->value == k * 3))
			break;
	}
	CHECK(get(&t, 5000) == NULL);
	put(&t, 7, 70);
	CHECK_INT(get(&t, 7)->value, 70);
	CHECK_INT(t.count, 5000);
	for (k = 0; k < 5000; k += 2)
		del(&t, k);
	CHECK_INT(t.count, 2500);
	CHECK(chains_unbroken(&t));
	for (k = 0; k < 5000; k++)
		if (!CHECK((get(&t, k) != NULL) == (k % 2 == 1)))
			break;
	hashtab_release(&t);
}

TEST(hashtab_backward_shift_across_the_wraparound)
{
	struct hashtab t;
	size_t last;
	uint32_t k;

	/* all keys on the last slot's home: the run wraps to slots 0, 1, ... */
	hashtab_init_keyed(&t, sizeof(struct item), test_key);
	put(&t, 999, 0);	/* allocates the first slot array */
	del(&t, 999);
	last = t.cap - 1;
	collide_all = 0x80000000u | last;
	for (k = 0; k < 10; k++)
		put(&t, k, k);
	CHECK_INT(t.tags[last] != 0, 1);
	CHECK_INT(t.tags[8] != 0, 1);	/* slots last, 0..8 */
	del(&t, 0);			/* from the last slot: everything shifts back */
	CHECK(chains_unbroken(&t));
	CHECK_INT(((struct item *)hashtab_at(&t, last))->key, 1);
	CHECK(hashtab_at(&t, 8) == NULL);
	del(&t, 5);			/* from the middle of the wrapped part */
	CHECK(chains_unbroken(&t));
	for (k = 1; k < 10; k++)
		CHECK((get(&t, k) != NULL) == (k != 5));
	collide_all = 0;
	hashtab_release(&t);
}

TEST(hashtab_keeps_entries_at_home_when_removing)
{
	struct hashtab t;
	struct item *e;

	/* an entry already at its home must not move back past it */
	hashtab_init_keyed(&t, sizeof(struct item), test_key);
	put(&t, 999, 0);
	del(&t, 999);
	collide_all = 0x80000000u | 3;
	put(&t, 1, 1);		/* slot 3 */
	put(&t, 2, 2);		/* slot 4 */
	collide_all = 0x80000000u | 5;
	put(&t, 3, 3);		/* slot 5, its home */
	collide_all = 0x80000000u | 3;
	del(&t, 1);
	CHECK_INT(((struct item *)hashtab_at(&t, 3))->key, 2);
	CHECK(hashtab_at(&t, 4) == NULL);
	e = hashtab_at(&t, 5);
	CHECK(e && e->key == 3);
	collide_all = 0x80000000u | 5;
	CHECK(get(&t, 3) != NULL);
	collide_all = 0;
	hashtab_release(&t);
}

TEST(hashtab_wrapped_run_keeps_entries_past_their_homes)
{
	struct hashtab t;
	size_t last;

	hashtab_init_keyed(&t, sizeof(struct item), test_key);
	put(&t, 999, 0);
	del(&t, 999);
	last = t.cap - 1;
	collide_all = 0x80000000u | (last - 1);
	put(&t, 1, 1);		/* slot last - 1, home */
	collide_all = 0x80000000u | last;
	put(&t, 2, 2);		/* slot last, home */
	collide_all = 0x80000000u;
	put(&t, 3, 3);		/* slot 0, home */
	collide_all = 0x80000000u | (last - 1);
	put(&t, 4, 4);		/* slot 1, home last - 1 */
	del(&t, 1);
	CHECK(chains_unbroken(&t));
	CHECK_INT(((struct item *)hashtab_at(&t, last - 1))->key, 4);
	CHECK_INT(((struct item *)hashtab_at(&t, last))->key, 2);
	CHECK_INT(((struct item *)hashtab_at(&t, 0))->key, 3);
	CHECK(hashtab_at(&t, 1) == NULL);
	collide_all = 0;
	hashtab_release(&t);
}

TEST(hashtab_copes_with_many_colliding_keys)
{
	struct hashtab t;
	uint32_t k;

	hashtab_init_keyed(&t, sizeof(struct item), test_key);
	collide_all = 0x80000000u | 12345;
	for (k = 0; k < 2000; k++)
		put(&t, k, k + 1);
	for (k = 0; k < 2000; k += 3)
		del(&t, k);
	CHECK(chains_unbroken(&t));
	for (k = 0; k < 2000; k++) {
		struct item *e = get(&t, k);

		if (!CHECK(k % 3 ? e && e->value == k + 1 : e == NULL))
			break;
	}
	collide_all = 0;
	hashtab_release(&t);
}

TEST(hash_depends_on_every_byte_the_length_and_the_key)
{
	struct hash_key other = { test_key.k0 ^ 1, test_key.k1 };
	unsigned char buf[80] = { 0 };
	uint64_t seen[81 + 80 * 8];
	size_t n = 0, len, i, j;
	int dup = 0;

	for (len = 0; len <= 80; len++)	/* zeros of every length */
		seen[n++] = hash_bytes(&test_key, buf, len);
	for (i = 0; i < 80; i++)	/* one bit set, in 80 bytes */
		for (j = 0; j < 8; j++) {
			buf[i] = (unsigned char)(1u << j);
			seen[n++] = hash_bytes(&test_key, buf, 80);
			buf[i] = 0;
		}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			dup += seen[i] == seen[j];
	CHECK_INT(dup, 0);
	for (len = 0; len <= 40; len++)
		CHECK(hash_bytes(&test_key, "conversation key of forty bytes or less", len) !=
		      hash_bytes(&other, "conversation key of forty bytes or less", len));
	CHECK(hash_bytes(&test_key, "abc", 3) == hash_bytes(&test_key, "abcd", 3));
}

TEST(hash_process_key_is_random_per_process)
{
	struct hash_key mine = hash_process_key(), child;
	int fd[2];
	pid_t pid;

	CHECK(mine.k0 == hash_process_key().k0 && mine.k1 == hash_process_key().k1);
	if (!CHECK(pipe(fd) == 0))
		return;
	/* a new program image draws its own key; exec ourselves to ask it */
	pid = fork();
	if (pid == 0) {
		struct hash_key k;
		char arg[32];

		close(fd[0]);
		snprintf(arg, sizeof(arg), "%d", fd[1]);
		execl("/proc/self/exe", "unit-tests", "--print-hash-key", arg, (char *)NULL);
		k.k0 = k.k1 = 0;	/* exec failed: an impossible key */
		if (write(fd[1], &k, sizeof(k)) < 0)
			_exit(2);
		_exit(1);
	}
	close(fd[1]);
	CHECK(read(fd[0], &child, sizeof(child)) == (ssize_t)sizeof(child));
	close(fd[0]);
	waitpid(pid, NULL, 0);
	CHECK(child.k0 != 0 || child.k1 != 0);
	CHECK(child.k0 != mine.k0 || child.k1 != mine.k1);
}

TEST(strmap_lists_keys_in_order_of_first_sight)
{
	struct strmap m;
	struct strmap_entry *e;
	char k[16];
	int i, ok = 1;

	strmap_init(&m, sizeof(int));
	for (i = 0; i < 3000; i++) {
		snprintf(k, sizeof(k), "key%d", (i * 7) % 1000);
		++*(int *)strmap_get(&m, k, strlen(k), NULL);
	}
	CHECK_INT(m.count, 1000);
	e = strmap_entries(&m);
	for (i = 0; i < 1000; i++) {
		snprintf(k, sizeof(k), "key%d", (i * 7) % 1000);
		if (strcmp(e[i].key, k) || *(int *)e[i].value != 3)
			ok = 0;
	}
	CHECK(ok);
	free(e);
	strmap_release(&m);
}

static int drop_odd(const void *entry, void *ctx)
{
	(void)ctx;
	return ((const struct item *)entry)->key % 2;
}

TEST(hashtab_sweep_keeps_runs_unbroken_across_the_wraparound)
{
	struct hashtab t;
	uint32_t k, found = 0;
	uint64_t home[31];

	hashtab_init_keyed(&t, sizeof(struct item), test_key);
	hashtab_reserve(&t, 31);
	CHECK_INT(t.cap, 64);
	/* homes crowded near the end: long runs that wrap to slots 0, 1, ... */
	for (k = 0; k < 31; k++) {
		struct item *e;

		home[k] = 0x80000000u | (k % 3 ? 63 - k % 5 : k % 4);
		e = hashtab_add(&t, home[k]);
		e->key = k;
		e->value = k * 3;
	}
	CHECK_INT(hashtab_sweep(&t, drop_odd, NULL), 15);
	CHECK_INT(t.count, 16);
	CHECK(chains_unbroken(&t));
	for (k = 0; k < 31; k++) {
		struct item *e = hashtab_find(&t, home[k], &k, item_eq);

		found += k % 2 ? e == NULL : e && e->value == k * 3;
	}
	CHECK_INT(found, 31);
	CHECK_INT(hashtab_sweep(&t, drop_odd, NULL), 0);
	hashtab_release(&t);
}
