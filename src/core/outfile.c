/* SPDX-License-Identifier: MIT */
#include "core/outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/xalloc.h"

int outfile_open(struct outfile *o, const char *path, struct kerr *err)
{
	struct buf tmp = BUF_INIT;
	int fd;

	memset(o, 0, sizeof(*o));
	o->path = xstrdup(path);
	if (!strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	buf_printf(&tmp, "%s.tmpXXXXXX", path);
	fd = mkstemp(tmp.data);
	if (fd < 0) {
		int e = errno;
		buf_release(&tmp);
		free(o->path);
		o->path = NULL;
		return kerr_errno(err, e, "cannot create '%s'", path);
	}
	/* mkstemp makes 0600; an output file should get the usual umask mode */
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	o->tmp_path = buf_detach(&tmp, NULL);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		int e = errno;
		close(fd);
		outfile_abort(o);
		return kerr_errno(err, e, "cannot open '%s'", path);
	}
	return 0;
}

int outfile_commit(struct outfile *o, struct kerr *err)
{
	int failed = 0, e = 0;

	if (!o->f)
		return kerr_set(err, "output file is not open");
	if (fflush(o->f) || ferror(o->f)) {
		failed = 1;
		e = errno;
	}
	if (!o->tmp_path) {
		free(o->path);
		o->path = NULL;
		o->f = NULL;
		return failed ? kerr_errno(err, e, "error writing to standard output") : 0;
	}
	if (fclose(o->f) && !failed) {
		failed = 1;
		e = errno;
	}
	o->f = NULL;
	if (!failed && rename(o->tmp_path, o->path)) {
		failed = 1;
		e = errno;
	}
	if (failed) {
		kerr_errno(err, e, "cannot write '%s'", o->path);
		outfile_abort(o);
		return -1;
	}
	free(o->tmp_path);
	free(o->path);
	o->tmp_path = o->path = NULL;
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	o->f = NULL;
	if (o->tmp_path) {
		unlink(o->tmp_path);
		free(o->tmp_path);
		o->tmp_path = NULL;
	}
	free(o->path);
	o->path = NULL;
}
