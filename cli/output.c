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

/* Whether path exists and is not a regular file (a device, a pipe, a
 * directory): written in place, since renaming over it would replace it. */
static bool
path_special(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* An output on its way (cli_out_open). */
struct cli_out {
	char	*path;		/* NULL: standard output */
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
		cli_error(_("cannot write '%s': %s"), o->path, strerror(errno));
	o->failed = true;
}

struct cli_out *
cli_out_open(const char *path)
{
	struct cli_out *o = xcalloc(1, sizeof *o);

	o->fd = -1;
	if (path == NULL || strcmp(path, "-") == 0)
		return o;
	o->path = xstrdup(path);
	if (path_special(path)) {
		if ((o->fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)) ==
		    -1) {
			cli_error(_("cannot write '%s': %s"), path,
			    strerror(errno));
			free(o->path);
			free(o);
			return NULL;
		}
		return o;
	}
	/* A temporary file beside the target, renamed over it at the
	 * end: a reader sees the old file or the new one, never half of
	 * it. */
	o->tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((o->fd = mkstemp(o->tmp)) == -1) {
		cli_error(_("cannot create '%s': %s"), o->tmp,
		    strerror(errno));
		free(o->tmp);
		free(o->path);
		free(o);
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
