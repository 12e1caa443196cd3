/*
 * output.c: where a command's output goes: standard output or a file
 * replaced atomically, and the time it is stamped with.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * When the output is made: $SOURCE_DATE_EPOCH (reproducible builds) in UTC
 * when set, else the clock in local time.  Returns -1 on a bad value.
 */
int
cli_made_time(time_t *t, bool *utc)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;

	*utc = false;
	*t = time(NULL);
	if (e == NULL || *e == '\0')
		return 0;
	errno = 0;
	long long v = strtoll(e, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0) {
		cli_error(_("invalid SOURCE_DATE_EPOCH '%s'"), e);
		return -1;
	}
	*t = (time_t)v;
	*utc = true;
	return 0;
}

/* An output on its way (cli_out_open). */
struct cli_out {
	char	*path;		/* NULL: standard output */
	char	*shown;		/* path made safe, for messages */
	char	*tmp;		/* the temporary file beside path; NULL
				   when path is written in place */
	int	 fd;
	bool	 failed;	/* an error was printed */
};

static void
out_fail(struct cli_out *o)
{
	if (o->failed)
		return;
	if (o->path == NULL)
		cli_error(_("cannot write the output: %s"), strerror(errno));
	else
		cli_error(_("cannot write '%s': %s"), o->shown,
		    strerror(errno));
	o->failed = true;
}

/*
 * Could only we (or root) have put a link in the directory open at dfd:
 * is it ours or root's, and writable by no group and no other user?  A
 * link in any other directory (/tmp, a shared folder) may have been planted
 * by someone else to make us write where they cannot.
 */
bool
dir_private(int dfd)
{
	struct stat st;

	return fstat(dfd, &st) == 0 && (st.st_uid == 0 ||
	    st.st_uid == geteuid()) && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

/*
 * Open path, a symbolic link, through the link: only when it lies in a
 * private directory (dir_private).  The directory is opened once and the
 * link opened in it, so the directory judged is the one the link is in.
 * Returns the descriptor, or -1 with errno set, or -2 for a link we must not
 * follow.
 */
static int
open_through_link(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int dfd, fd, e;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, (size_t)(slash - path));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd == -1)
		return -1;
	if (!dir_private(dfd)) {
		close(dfd);
		return -2;
	}
	fd = openat(dfd, slash != NULL ? slash + 1 : path,
	    O_WRONLY | O_NOCTTY | O_CLOEXEC);
	e = errno;
	close(dfd);
	errno = e;
	return fd;
}

/*
 * Open path to be written in place, or decide that it is to be replaced
 * by a rename.  What is written in place is decided by fstat() on the
 * descriptor that will be written, never by a look at the path that a link
 * could change meanwhile: a device or a pipe (/dev/null), written in place
 * since a rename would replace it, and whatever a link in a private
 * directory leads to (/dev/stdout, a link of the user's to a report), as a
 * shell's > would.  A regular file, or none, is left to the rename: that
 * replaces the name in its directory, never writes through a link.
 * Returns 0 with o->fd set (or -1 for a rename), -1 with a message printed.
 */
static int
open_in_place(struct cli_out *o)
{
	struct stat st;
	bool linked = false;
	int fd;

	/* Opening a regular file to look at it changes nothing in it. */
	fd = open(o->path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
	if (fd == -1 && errno == ELOOP) {
		linked = true;
		fd = open_through_link(o->path);
		if (fd == -2) {
			cli_error(_("'%s' is a symbolic link in a directory "
			    "other users can write: not writing through it"),
			    o->shown);
			return -1;
		}
	}
	if (fd == -1) {
		/* A file that is not there (or a link to none), or that we
		 * may not open but may replace: the rename replaces the name,
		 * or says what is wrong. */
		if (errno == ENOENT || errno == EACCES)
			return 0;
		cli_error(_("cannot write '%s': %s"), o->shown,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		cli_error(_("cannot write '%s': %s"), o->shown,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISREG(st.st_mode) && !linked) {
		close(fd);
		return 0;
	}
	if (S_ISREG(st.st_mode) && ftruncate(fd, 0) != 0) {
		cli_error(_("cannot write '%s': %s"), o->shown,
		    strerror(errno));
		close(fd);
		return -1;
	}
	o->fd = fd;
	return 0;
}

struct cli_out *
cli_out_open(const char *path)
{
	struct cli_out *o = xcalloc(1, sizeof *o);

	o->fd = -1;
	if (path == NULL || strcmp(path, "-") == 0)
		return o;
	o->path = xstrdup(path);
	o->shown = text_safe(path);
	if (open_in_place(o) != 0) {
		cli_out_abort(o);
		return NULL;
	}
	if (o->fd != -1)
		return o;
	/* A temporary file beside the target, renamed over it at the
	 * end: a reader sees the old file or the new one, never half of
	 * it. */
	o->tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		char *shown = text_safe(o->tmp);
		cli_error(_("cannot create '%s': %s"), shown,
		    strerror(errno));
		free(shown);
		free(o->tmp);
		o->tmp = NULL;
		cli_out_abort(o);
		return NULL;
	}
	return o;
}

static int
out_bytes(struct cli_out *o, const char *s, size_t len)
{
	size_t off = 0;

	if (o->failed)
		return -1;
	if (o->path == NULL) {
		if (fwrite(s, 1, len, stdout) != len)
			out_fail(o);
	} else
		while (off < len) {
			ssize_t n = write(o->fd, s + off, len - off);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				out_fail(o);
				break;
			}
			off += (size_t)n;
		}
	return o->failed ? -1 : 0;
}

int
cli_out_write(struct cli_out *o, struct buf *b)
{
	int rc = out_bytes(o, buf_str(b), b->len);

	buf_reset(b);
	return rc;
}

int
cli_out_flush(void *out, struct buf *b)
{
	return cli_out_write(out, b);
}

void
cli_out_abort(struct cli_out *o)
{
	if (o == NULL)
		return;
	if (o->fd != -1)
		close(o->fd);
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	free(o->shown);
	free(o);
}

int
cli_out_close(struct cli_out *o, struct buf *b)
{
	mode_t mask;
	int fd, rc;

	if (b != NULL)
		cli_out_write(o, b);
	if (o->failed)
		;
	else if (o->path == NULL) {
		if (fflush(stdout) != 0)
			out_fail(o);
	} else {
		/* A file is made whole and renamed over path; a device or a
		 * pipe, written in place, is only closed. */
		fd = o->fd;
		o->fd = -1;
		mask = umask(0);
		umask(mask);
		if (o->tmp != NULL && (fchmod(fd, 0666 & ~mask) != 0 ||
		    fsync(fd) != 0))
			out_fail(o);
		if (close(fd) != 0)
			out_fail(o);
		if (!o->failed && o->tmp != NULL) {
			if (rename(o->tmp, o->path) != 0)
				out_fail(o);
			else {
				free(o->tmp);
				o->tmp = NULL;
			}
		}
	}
	rc = o->failed ? -1 : 0;
	cli_out_abort(o);
	return rc;
}

int
cli_write_output(const char *path, const struct buf *b)
{
	struct cli_out *o = cli_out_open(path);

	if (o == NULL)
		return -1;
	if (out_bytes(o, buf_str(b), b->len) != 0) {
		cli_out_abort(o);
		return -1;
	}
	return cli_out_close(o, NULL);
}
