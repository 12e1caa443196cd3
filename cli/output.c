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

int
cli_write_output(const char *path, const struct buf *b)
{
	char *tmp;
	int fd;
	mode_t mask;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(buf_str(b), 1, b->len, stdout) != b->len ||
		    fflush(stdout) != 0) {
			cli_error(_("cannot write the output: %s"),
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	/* A temporary file beside the target, renamed over it: a reader
	 * sees the old file or the new one, never half of it. */
	tmp = xasprintf("%s.tmpXXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		cli_error(_("cannot create '%s': %s"), tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	size_t off = 0;
	while (off < b->len) {
		ssize_t n = write(fd, b->s + off, b->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, 0666 & ~mask) != 0 || fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	free(tmp);
	return 0;
fail:
	cli_error(_("cannot write '%s': %s"), path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
}
