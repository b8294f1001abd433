/* SPDX-License-Identifier: MIT */
/* The sampling grid and output file of `kansoku record`: see recording.h. */
#include "perf/recording.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"

static int64_t clock_us(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Sleeps until the monotonic time t_us; returns early (0) when a stop signal came. */
static int sleep_until(const struct recording *r, int64_t t_us)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(t_us / 1000000);
	ts.tv_nsec = (long)(t_us % 1000000) * 1000;
	while (!*r->stop) {
		int e = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		if (e == 0)
			return 1;
		if (e != EINTR)
			return 1;
	}
	return 0;
}

/* Writes one complete line, or cuts the file back to the last one. -1 error, 1 reader gone. */
static int write_line(struct recording *r, const struct buf *b, struct kerr *err)
{
	const char *name = r->path ? r->path : "standard output";
	size_t done = 0;

	while (done < b->len) {
		ssize_t n = write(r->fd, b->data + done, b->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			if (e == EPIPE)
				return 1;
			if (r->path && ftruncate(r->fd, r->size) != 0)
				return kerr_set(err, "%s: cannot write: %s (and cannot cut back a partly written line: %s)",
						name, strerror(e), strerror(errno));
			return kerr_set(err, "%s: cannot write: %s", name, strerror(e));
		}
		done += (size_t)n;
	}
	r->size += (off_t)b->len;
	return 0;
}

int recording_open(struct recording *r, const char *path, int force, struct kerr *e)
{
	r->fd = 1;
	r->path = NULL;
	r->size = 0;
	r->created = 0;
	if (!path || !strcmp(path, "-"))
		return 0;
	r->path = path;
	r->fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (force ? O_TRUNC : O_EXCL),
		     0644);
	if (r->fd < 0) {
		if (errno == EEXIST)
			return kerr_set(e, "'%s' exists: give another file, or --force to replace it", path);
		return kerr_set(e, "cannot create '%s': %s", path, strerror(errno));
	}
	r->created = 1;
	return 0;
}

int recording_run(struct recording *r, struct recorder_options *ro, struct kerr *e)
{
	struct recorder *rec = NULL;
	struct buf line = BUF_INIT;
	int64_t d_us, wall0, mono0, g0_wall, g0_mono, k = 0;
	int rc = 0;

	/* the grid: multiples of d in wall-clock time, followed on the monotonic clock */
	d_us = (int64_t)llround(r->delay * 1e6);
	wall0 = clock_us(CLOCK_REALTIME);
	mono0 = clock_us(CLOCK_MONOTONIC);
	g0_wall = (wall0 / d_us + 1) * d_us;
	g0_mono = mono0 + (g0_wall - wall0);
	ro->wall_offset_us = wall0 - mono0;
	if (!sleep_until(r, g0_mono))
		return 0;
	if (recorder_new(&rec, ro, clock_us(CLOCK_MONOTONIC), e))
		return -1;
	while (!r->count || r->written < r->count) {
		int64_t now;
		int w;

		if (!sleep_until(r, g0_mono + (k + 1) * d_us))
			break;
		now = clock_us(CLOCK_MONOTONIC);
		/* the grid point just reached; later ones if we woke up very late */
		if ((now - g0_mono) / d_us > k + 1)
			r->skipped += (unsigned long)((now - g0_mono) / d_us - (k + 1));
		k = (now - g0_mono) / d_us;
		if (recorder_sample(rec, now, e)) {
			rc = -1;
			break;
		}
		buf_reset(&line);
		if (!r->written)
			recorder_header(rec, &line);
		recorder_row(rec, &line);
		w = write_line(r, &line, e);
		if (w) {
			rc = w < 0 ? -1 : 0;
			break;
		}
		r->written++;
	}
	recorder_free(rec);
	buf_release(&line);
	return rc;
}

int recording_close(struct recording *r, struct kerr *e)
{
	int rc = 0;

	if (!r->path)
		return 0;
	if (!r->written && r->created) {
		unlink(r->path);	/* nothing recorded: leave nothing behind */
	} else if (fsync(r->fd) != 0 && errno != EINVAL) {
		rc = kerr_set(e, "%s: cannot write: %s", r->path, strerror(errno));
	}
	if (close(r->fd) != 0 && rc == 0)
		rc = kerr_set(e, "%s: cannot write: %s", r->path, strerror(errno));
	return rc;
}
