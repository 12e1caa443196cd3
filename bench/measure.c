/*
 * measure.c: run a command several times and report its median wall time
 * and peak memory (bench/run.sh).
 *
 * measure [-n RUNS] [-b SHELLCMD] [-i FILE] [-o FILE] [-e FILE] -- CMD [ARG...]
 *
 * Each run forks and execs CMD with standard input from -i (default
 * /dev/null), standard output to -o and standard error to -e (default
 * /dev/null), and waits for it with wait4(), whose rusage gives the child's
 * peak resident set (ru_maxrss).  Before each run, -b's command is run by
 * /bin/sh, untimed (to start from a fresh database, say).  Prints one line:
 * "MEDIAN_MS PEAK_KIB STATUS CPU_MS" where the time is the median of the
 * runs' wall time in milliseconds, the memory the median of the runs'
 * peaks, STATUS the highest exit status seen (128+N for a signal), and
 * CPU_MS the median of the runs' user + system time (steadier than wall
 * time on a machine shared with other work).
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXRUNS	100

static void	 usage(void);
static int	 cmp_double(const void *, const void *);
static int	 cmp_long(const void *, const void *);
static void	 redirect(const char *, int, int);

static void
usage(void)
{
	fprintf(stderr, "usage: measure [-n RUNS] [-b SHELLCMD] [-i FILE] "
	    "[-o FILE] [-e FILE] -- CMD [ARG...]\n");
	exit(2);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

/* In the child: make fd refer to path (or /dev/null). */
static void
redirect(const char *path, int fd, int flags)
{
	int f = open(path != NULL ? path : "/dev/null", flags, 0666);

	if (f < 0 || dup2(f, fd) < 0) {
		fprintf(stderr, "measure: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(f);
}

int
main(int argc, char **argv)
{
	const char *before = NULL, *in = NULL, *out = NULL, *err = NULL;
	double ms[MAXRUNS], cpu[MAXRUNS];
	long kib[MAXRUNS];
	int runs = 5, worst = 0, c;

	while ((c = getopt(argc, argv, "n:b:i:o:e:")) != -1) {
		switch (c) {
		case 'n':
			runs = atoi(optarg);
			break;
		case 'b':
			before = optarg;
			break;
		case 'i':
			in = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			err = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || runs < 1 || runs > MAXRUNS)
		usage();

	for (int r = 0; r < runs; r++) {
		struct timespec t0, t1;
		struct rusage ru;
		int status;
		pid_t pid;

		if (before != NULL && system(before) != 0) {
			fprintf(stderr, "measure: '%s' failed\n", before);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if ((pid = fork()) < 0) {
			perror("measure: fork");
			return 1;
		}
		if (pid == 0) {
			redirect(in, 0, O_RDONLY);
			redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
			redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
			execvp(argv[0], argv);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) < 0) {
			perror("measure: wait4");
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms[r] = (t1.tv_sec - t0.tv_sec) * 1e3 +
		    (t1.tv_nsec - t0.tv_nsec) / 1e6;
		kib[r] = ru.ru_maxrss;
		cpu[r] = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
		    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
		int st = WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status);
		if (st > worst)
			worst = st;
	}
	qsort(ms, (size_t)runs, sizeof ms[0], cmp_double);
	qsort(kib, (size_t)runs, sizeof kib[0], cmp_long);
	qsort(cpu, (size_t)runs, sizeof cpu[0], cmp_double);
	printf("%.2f %ld %d %.2f\n", ms[runs / 2], kib[runs / 2], worst,
	    cpu[runs / 2]);
	return 0;
}
