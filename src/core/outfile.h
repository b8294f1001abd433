/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_CORE_OUTFILE_H
#define KANSOKU_CORE_OUTFILE_H

#include <stdio.h>

#include "core/error.h"

/*
 * An output file that appears only when complete: data goes to a temporary
 * file next to the destination, renamed over it by outfile_commit(). On any
 * failure outfile_abort() removes the temporary, so a failed command never
 * leaves a partial report behind. Path "-" writes to stdout directly.
 */
struct outfile {
	FILE *f;
	char *path;
	char *tmp_path;		/* NULL for stdout */
};

int outfile_open(struct outfile *o, const char *path, struct kerr *err);
/* Flushes, checks for write errors, renames into place. Closes in any case. */
int outfile_commit(struct outfile *o, struct kerr *err);
void outfile_abort(struct outfile *o);

#endif
