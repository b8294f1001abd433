/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_OVERLAP_H
#define KANSOKU_CORE_OVERLAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/dataset.h"

#define DS_NO_GROUP ((size_t)-1)

/*
 * Sources recorded at different times: datasets whose time ranges overlap
 * (directly or through another one) form a group that shares one time
 * axis; a group that overlaps no other is drawn on its own axis and said
 * so, since none of its findings can be "at the same time" as another's.
 * Sets group[i] for ds[i] (groups numbered in time order; DS_NO_GROUP for
 * a dataset without samples) and returns the number of groups.
 */
size_t ds_overlap_groups(const struct dataset *const *ds, size_t n, size_t *group);

#endif
