/*
 * losetup: options and dispatch.  Mirrors util-linux 2.38.1's command line,
 * with what later util-linux added (--loop-ref, --remove, more columns).
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "losetup.h"
#include "msg.h"
#include "optexcl.h"
#include "size.h"

enum {
	OPT_SIZELIMIT = CHAR_MAX + 1,
	OPT_SHOW,
	OPT_RAW,
	OPT_REF,
	OPT_DIO,
	OPT_OUTPUT_ALL,
	OPT_REMOVE,
};

static const struct option longopts[] = {
	{ "all",          no_argument,       NULL, 'a' },
	{ "set-capacity", required_argument, NULL, 'c' },
	{ "detach",       required_argument, NULL, 'd' },
	{ "detach-all",   no_argument,       NULL, 'D' },
	{ "find",         no_argument,       NULL, 'f' },
	{ "nooverlap",    no_argument,       NULL, 'L' },
	{ "help",         no_argument,       NULL, 'h' },
	{ "associated",   required_argument, NULL, 'j' },
	{ "json",         no_argument,       NULL, 'J' },
	{ "list",         no_argument,       NULL, 'l' },
	{ "sector-size",  required_argument, NULL, 'b' },
	{ "noheadings",   no_argument,       NULL, 'n' },
	{ "offset",       required_argument, NULL, 'o' },
	{ "output",       required_argument, NULL, 'O' },
	{ "output-all",   no_argument,       NULL, OPT_OUTPUT_ALL },
	{ "sizelimit",    required_argument, NULL, OPT_SIZELIMIT },
	{ "partscan",     no_argument,       NULL, 'P' },
	{ "read-only",    no_argument,       NULL, 'r' },
	{ "direct-io",    optional_argument, NULL, OPT_DIO },
	{ "raw",          no_argument,       NULL, OPT_RAW },
	{ "loop-ref",     required_argument, NULL, OPT_REF },
	{ "remove",       no_argument,       NULL, OPT_REMOVE },
	{ "show",         no_argument,       NULL, OPT_SHOW },
	{ "verbose",      no_argument,       NULL, 'v' },
	{ "version",      no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/*
 * Rows in ASCII order, first elements too.  2.38.1 had 'O' out of order in
 * the third row, so -O with -d/-D/-c/-f was never refused; upstream sorted it.
 * --remove (util-linux 2.42) is in the rows where 2.42 has it.
 */
static const optexcl_row excl[] = {
	{ 'D', 'a', 'c', 'd', 'f', 'j', OPT_REMOVE },
	{ 'D', 'c', 'd', 'f', 'l', OPT_REMOVE },
	{ 'D', 'O', 'c', 'd', 'f', OPT_REMOVE },
	{ 'J', OPT_RAW },
	{ 0 }
};

static void __attribute__((noreturn)) usage(void)
{
	FILE *out = stdout;
	size_t i;

	need_locale();
	fprintf(out, "\nUsage:\n"
		" %1$s [options] [<loopdev>]\n"
		" %1$s [options] -f | <loopdev> <file>\n",
		program_invocation_short_name);
	fputs("\nSet up and control loop devices.\n", out);
	fputs("\nOptions:\n"
	      " -a, --all                     list all used devices\n"
	      " -d, --detach <loopdev>...     detach one or more devices\n"
	      " -D, --detach-all              detach all used devices\n"
	      " -f, --find                    find first unused device\n"
	      " -c, --set-capacity <loopdev>  resize the device\n"
	      " -j, --associated <file>       list all devices associated with <file>\n"
	      " -L, --nooverlap               avoid possible conflict between devices\n"
	      "     --remove <loopdev>...     remove one or more devices\n", out);
	fputs("\n -o, --offset <num>            start at offset <num> into file\n"
	      "     --sizelimit <num>         device is limited to <num> bytes of the file\n"
	      " -b, --sector-size <num>       set the logical sector size to <num>\n"
	      " -P, --partscan                create a partitioned loop device\n"
	      " -r, --read-only               set up a read-only loop device\n"
	      "     --direct-io[=<on|off>]    open backing file with O_DIRECT\n"
	      "     --loop-ref <string>       loop device reference\n"
	      "     --show                    print device name after setup (with -f)\n"
	      " -v, --verbose                 verbose mode\n", out);
	fputs("\n -J, --json                    use JSON --list output format\n"
	      " -l, --list                    list info about all or specified (default)\n"
	      " -n, --noheadings              don't print headings for --list output\n"
	      " -O, --output <cols>           specify columns to output for --list\n"
	      "     --output-all              output all columns\n"
	      "     --raw                     use raw --list output format\n", out);
	fputs("\n -h, --help                    display this help\n"
	      " -V, --version                 display version\n", out);
	fputs("\nAvailable output columns:\n", out);
	for (i = 0; i < COL_COUNT; i++)
		fprintf(out, " %12s  %s\n", losetup_columns[i].name, losetup_columns[i].help);
	fputs("\nFor more details see losetup(8).\n", out);
	exit(EXIT_SUCCESS);
}

static void __attribute__((noreturn)) try_help(void)
{
	need_locale();
	fprintf(stderr, "Try '%s --help' for more information.\n",
		program_invocation_short_name);
	exit(EXIT_FAILURE);
}

#define OPTSTRING	"ab:c:d:Dfhj:JlLno:O:PrvV"

/*
 * The options were parsed without getopt's messages (opterr = 0), before
 * the locale was set: parse them again up to the same error with the
 * messages on, in the user's language, and give up as util-linux does.
 */
static void __attribute__((noreturn)) parse_error(int argc, char **argv)
{
	int c;

	need_locale();
	optind = 0;
	opterr = 1;
	do
		c = getopt_long(argc, argv, OPTSTRING, longopts, NULL);
	while (c != '?' && c != -1);
	try_help();
}

static const char *option_name(int c)
{
	const struct option *o;

	for (o = longopts; o->name; o++)
		if (o->val == c)
			return o->name;
	return NULL;
}

/* "--name", or "-c" for an option without a long name. */
static const char *option_label(int c, char *buf, size_t size)
{
	const char *n = option_name(c);

	if (n)
		snprintf(buf, size, "--%s", n);
	else
		snprintf(buf, size, "-%c", c);
	return buf;
}

static void check_exclusive(int *status, int c)
{
	char first[32], second[32];
	int row;
	const int *op;

	row = optexcl_check(excl, status, c);
	if (row < 0)
		return;
	/* --remove has no 2.38.1 wording to keep: it uses util-linux 2.42's */
	if (c == OPT_REMOVE || status[row] == OPT_REMOVE)
		errx(EXIT_FAILURE, "options %s and %s cannot be combined",
		     option_label(status[row], first, sizeof(first)),
		     option_label(c, second, sizeof(second)));
	need_locale();
	fprintf(stderr, "%s: mutually exclusive arguments:", program_invocation_short_name);
	for (op = excl[row]; *op; op++)
		if (*op != OPT_REMOVE)	/* not in 2.38.1's rows */
			fprintf(stderr, " %s", option_label(*op, first, sizeof(first)));
	fputc('\n', stderr);
	exit(EXIT_FAILURE);
}

static uint64_t parse_size_or_die(const char *str, const char *what)
{
	uint64_t v;
	int rc;

	need_locale();		/* the decimal point of "1.5M" is the locale's */
	rc = size_parse(str, &v);

	if (rc < 0) {
		errno = -rc;
		err(EXIT_FAILURE, "%s: '%s'", what, str);
	}
	return v;
}

/*
 * "-d X", "-c X" and "losetup X": X must be a loop device now (the name is
 * checked as given, before "loopN" is completed to "/dev/loopN").
 */
static void use_device(struct request *rq, const char *name, int must_exist)
{
	int rc = 0;

	if (must_exist && !loop_is_loopdev(name))
		rc = -ENODEV;
	else
		rc = loop_devpath(name, rq->device, sizeof(rq->device));
	if (rc < 0) {
		errno = -rc;
		err(EXIT_FAILURE, "%s: failed to use device", name);
	}
}

static void set_columns(struct request *rq, const int *ids, size_t n)
{
	memcpy(rq->columns, ids, n * sizeof(*ids));
	rq->ncolumns = n;
}

int main(int argc, char **argv)
{
	struct request rq;
	int excl_status[sizeof(excl) / sizeof(excl[0])] = { 0 };
	const char *outarg = NULL;
	int c, set_dio = 0, set_blocksize = 0, verbose = 0, res = 0;

	memset(&rq, 0, sizeof(rq));

	opterr = 0;	/* getopt's own messages: parse_error() */
	while ((c = getopt_long(argc, argv, OPTSTRING, longopts, NULL)) != -1) {
		check_exclusive(excl_status, c);
		switch (c) {
		case 'a':
			rq.act = A_SHOW;
			break;
		case 'b':
			set_blocksize = 1;
			rq.blocksize = parse_size_or_die(optarg, "failed to parse logical block size");
			break;
		case 'c':
			rq.act = A_SET_CAPACITY;
			use_device(&rq, optarg, 1);
			break;
		case 'r':
			rq.lo_flags |= LO_FLAGS_READ_ONLY;
			break;
		case OPT_REF:
			rq.ref = optarg;
			break;
		case 'd':
			rq.act = A_DELETE;
			use_device(&rq, optarg, 1);
			break;
		case OPT_REMOVE:
			rq.act = A_REMOVE;
			break;
		case 'D':
			rq.act = A_DELETE_ALL;
			break;
		case 'f':
			rq.act = A_FIND_FREE;
			break;
		case 'J':
			rq.out_mode |= OUT_JSON;
			break;
		case 'j':
			rq.act = A_SHOW;
			rq.file = optarg;
			break;
		case 'l':
			rq.list = 1;
			break;
		case 'L':
			rq.nooverlap = 1;
			break;
		case 'n':
			rq.out_mode |= OUT_NOHEADINGS;
			break;
		case OPT_RAW:
			rq.out_mode |= OUT_RAW;
			break;
		case 'o':
			rq.offset = parse_size_or_die(optarg, "failed to parse offset");
			rq.match |= LOOP_MATCH_OFFSET;
			break;
		case 'O':
			outarg = optarg;
			rq.list = 1;
			break;
		case OPT_OUTPUT_ALL: {
			int all[COL_COUNT], i;

			for (i = 0; i < COL_COUNT; i++)
				all[i] = i;
			set_columns(&rq, all, COL_COUNT);
			rq.list = 1;
			break;
		}
		case 'P':
			rq.lo_flags |= LO_FLAGS_PARTSCAN;
			break;
		case OPT_SHOW:
			rq.showdev = 1;
			break;
		case OPT_DIO:
			rq.use_dio = set_dio = 1;
			if (optarg) {
				if (!strcmp(optarg, "on"))
					rq.use_dio = 1;
				else if (!strcmp(optarg, "off"))
					rq.use_dio = 0;
				else
					errx(EXIT_FAILURE, "argument error: '%s'", optarg);
			}
			if (rq.use_dio)
				rq.lo_flags |= LO_FLAGS_DIRECT_IO;
			break;
		case 'v':
			verbose = 1;	/* otherwise ignored, as in 2.38.1 */
			break;
		case OPT_SIZELIMIT:
			rq.sizelimit = parse_size_or_die(optarg, "failed to parse size");
			rq.match |= LOOP_MATCH_SIZELIMIT;
			break;
		case 'h':
			usage();
		case 'V':
			/*
			 * Exactly the reference's line: scripts take its last
			 * word as util-linux's version.  lodm's own comes on a
			 * second line only after -v (losetup -vV).
			 */
			printf("%s from util-linux 2.38.1\n", program_invocation_short_name);
			if (verbose)
				printf("lodm %s\n", PACKAGE_VERSION);
			return EXIT_SUCCESS;
		default:
			parse_error(argc, argv);
		}
	}
	if (rq.list)
		need_locale();	/* tables, and the column names of -O */

	/* no arguments, or only a format: list everything */
	if (argc == 1 || (!rq.act && argc == 2 && (rq.out_mode & (OUT_RAW | OUT_JSON)))) {
		rq.act = A_SHOW;
		rq.list = 1;
	}
	if (rq.list && !rq.ncolumns)
		set_columns(&rq, losetup_default_columns,
			    sizeof(losetup_default_columns) / sizeof(losetup_default_columns[0]));

	if (rq.act == A_FIND_FREE && optind < argc) {
		rq.act = A_CREATE;
		rq.file = argv[optind++];
		if (optind < argc)
			errx(EXIT_FAILURE, "unexpected arguments");
	}
	if (rq.list && !rq.act && optind == argc)
		rq.act = A_SHOW;

	if (!rq.act && optind + 1 == argc) {
		/* losetup [--list] <device>, or --direct-io / --sector-size on one */
		if (set_dio) {
			rq.act = A_SET_DIRECT_IO;
			rq.lo_flags &= ~LO_FLAGS_DIRECT_IO;
		} else if (set_blocksize)
			rq.act = A_SET_BLOCKSIZE;
		else
			rq.act = A_SHOW_ONE;
		use_device(&rq, argv[optind++], 1);
	}
	if (!rq.act) {
		/* losetup <device> <file>: the device need not exist yet */
		rq.act = A_CREATE;
		if (optind >= argc)
			errx(EXIT_FAILURE, "no loop device specified");
		use_device(&rq, argv[optind++], 0);
		if (optind >= argc)
			errx(EXIT_FAILURE, "no file specified");
		rq.file = argv[optind++];
	}

	if (rq.act != A_CREATE && (rq.sizelimit || rq.lo_flags || rq.showdev))
		errx(EXIT_FAILURE, "the options %s are allowed during loop device setup only",
		     "--{sizelimit,partscan,read-only,show}");
	if ((rq.match & LOOP_MATCH_OFFSET) && rq.act != A_CREATE &&
	    (rq.act != A_SHOW || !rq.file))
		errx(EXIT_FAILURE, "the option --offset is not allowed in this context");

	if (outarg) {
		const char *bad = NULL;

		switch (out_columns_parse(outarg, losetup_columns, COL_COUNT, rq.columns,
					  sizeof(rq.columns) / sizeof(rq.columns[0]),
					  &rq.ncolumns, &bad)) {
		case OUT_PARSE_OK:
			break;
		case OUT_PARSE_UNKNOWN:
			warnx("unknown column: %s", bad);
			return EXIT_FAILURE;
		case OUT_PARSE_INVALID:
			return EXIT_FAILURE;
		}
	}

	switch (rq.act) {
	case A_CREATE:
		res = do_create(&rq);
		break;
	case A_DELETE:
		res = do_delete(&rq, argv + optind, argc - optind);
		break;
	case A_REMOVE:
		res = do_remove(argv + optind, argc - optind);
		break;
	case A_DELETE_ALL:
		res = do_delete_all();
		break;
	case A_FIND_FREE:
		res = do_find_free();
		break;
	case A_SHOW:
		res = do_show(&rq);
		break;
	case A_SHOW_ONE:
		res = do_show_one(&rq);
		break;
	case A_SET_CAPACITY:
		res = do_set_capacity(&rq);
		break;
	case A_SET_DIRECT_IO:
		res = do_set_direct_io(&rq);
		break;
	case A_SET_BLOCKSIZE:
		res = do_set_blocksize(&rq);
		break;
	case A_NONE:
		warnx("bad usage");
		try_help();
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("write error");
		return EXIT_FAILURE;
	}
	return res ? EXIT_FAILURE : EXIT_SUCCESS;
}
