/*
 * ls --tree: the dependency tree drawn the way dmsetup draws it (after
 * pstree), with its -o words: ascii, utf, vt100; compact, inverted, notrunc;
 * blkdevname, [no]device, active, open, rw, uuid (and table, status, which
 * draw nothing but turn compact off).
 */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/sysmacros.h>

#include "deptree.h"
#include "display.h"
#include "dmsetup.h"
#include "json.h"
#include "jsonput.h"
#include "tree.h"

/* What -o turned on, in the order of the keywords below. */
enum {
	TR_DEVICE, TR_BLKDEVNAME, TR_NODEVICE, TR_STATUS, TR_TABLE, TR_ACTIVE, TR_OPEN,
	TR_UUID, TR_RW, TR_UTF, TR_VT100, TR_ASCII, TR_INVERTED, TR_COMPACT, TR_NOTRUNC,
};

static const char *const tree_keywords[] = {
	"device", "blkdevname", "nodevice", "status", "table", "active", "open",
	"uuid", "rw", "utf", "vt100", "ascii", "inverted", "compact", "notrunc", NULL
};

/* The line pieces: 2 columns before a child's name, 3 between names in compact mode. */
struct tree_style {
	const char *empty, *branch, *vert, *last;
	const char *single, *first;
};

#define UTF_V	"\342\224\202"	/* U+2502 */
#define UTF_VR	"\342\224\234"	/* U+251C */
#define UTF_H	"\342\224\200"	/* U+2500 */
#define UTF_UR	"\342\224\224"	/* U+2514 */
#define UTF_HD	"\342\224\254"	/* U+252C */
#define VT_ON	"\033(0\017"	/* DEC line drawing set */
#define VT_OFF	"\033(B"

static const struct tree_style style_ascii = { "  ", "|-", "| ", "`-", "---", "-+-" };
static const struct tree_style style_utf = {
	"  ", UTF_VR UTF_H, UTF_V " ", UTF_UR UTF_H, UTF_H UTF_H UTF_H, UTF_H UTF_HD UTF_H
};
static const struct tree_style style_vt100 = {
	"  ", VT_ON "tq" VT_OFF, VT_ON "x" VT_OFF " ", VT_ON "mq" VT_OFF,
	VT_ON "qqq" VT_OFF, VT_ON "qwq" VT_OFF
};

#define TREE_MAX_DEPTH 100

/* The tree's options: -o's words, read before the command runs (tree_options). */
static struct {
	const struct tree_style *style;
	int device, blkdevname, targets, active, open, uuid, rw, inverted, compact, truncate;
	int termwidth;
} tr;

/* Where a drawing is. */
struct drawing {
	int x;			/* next output column, from 1 */
	int held;		/* the character that may still fit at the last column */
	int width[TREE_MAX_DEPTH];	/* compact: columns a node took on its line */
	int more[TREE_MAX_DEPTH];	/* more nodes follow at this depth */
};

static void pick_tree_word(int keyword)
{
	switch (keyword) {
	case TR_DEVICE: tr.device = 1; break;
	case TR_BLKDEVNAME: tr.blkdevname = 1; break;
	case TR_NODEVICE: tr.device = 0; break;
	case TR_STATUS: case TR_TABLE: tr.targets = 1; break;
	case TR_ACTIVE: tr.active = 1; break;
	case TR_OPEN: tr.open = 1; break;
	case TR_UUID: tr.uuid = 1; break;
	case TR_RW: tr.rw = 1; break;
	case TR_UTF: tr.style = &style_utf; break;
	case TR_VT100: tr.style = &style_vt100; break;
	case TR_ASCII: tr.style = &style_ascii; break;
	case TR_INVERTED: tr.inverted = 1; break;
	case TR_COMPACT: tr.compact = 1; break;
	case TR_NOTRUNC: tr.truncate = 0; break;
	}
}

int tree_options(const char *options)
{
	struct winsize ws;
	int rc;

	tr.style = strcmp(nl_langinfo(CODESET), "UTF-8") ? &style_ascii : &style_utf;
	tr.device = tr.truncate = 1;
	tr.termwidth = 80;
	if ((rc = each_option_word(options, tree_keywords, "Tree options", pick_tree_word)) < 0)
		return rc;
	/* as dmsetup: a terminal's width less 3, except with vt100's escapes */
	if (tr.style != &style_vt100 && ioctl(1, TIOCGWINSZ, &ws) >= 0 && ws.ws_col > 3)
		tr.termwidth = ws.ws_col - 3;
	return 0;
}

static int attributes_shown(void)
{
	return tr.active || tr.rw || tr.open || tr.uuid;
}

/* Compact drawing puts a node and its first child on one line; not with extra fields. */
static int compact_drawing(void)
{
	return tr.compact && !attributes_shown() && !tr.targets;
}

/*
 * One byte out, cut at the terminal width: the column past the width shows
 * "..." unless the line ends right there, when the held character is shown.
 * A UTF-8 character counts once, by its first byte.
 */
static void out_char(struct drawing *dw, unsigned char c)
{
	int lead = (c & 0xc0) != 0x80;

	dw->x += lead;
	if (!tr.truncate) {
		putchar(c);
		return;
	}
	if (dw->x <= tr.termwidth)
		putchar(c);
	if (dw->x == tr.termwidth + 1 && lead) {
		if (dw->held || (c & 0x80)) {
			fputs("...", stdout);
		} else {
			dw->held = c;
			dw->x--;
		}
	}
}

static void out_string(struct drawing *dw, const char *s)
{
	while (*s)
		out_char(dw, (unsigned char)*s++);
}

static void out_uint(struct drawing *dw, unsigned v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", v);
	out_string(dw, buf);
}

static void out_newline(struct drawing *dw)
{
	if (dw->held && dw->x == tr.termwidth)
		putchar(dw->held);
	dw->held = 0;
	putchar('\n');
	dw->x = 1;
}

static void out_prefix(struct drawing *dw, unsigned depth)
{
	unsigned d;
	int x;

	for (d = 0; d < depth; d++) {
		for (x = dw->width[d] + 1; x > 0; x--)
			out_char(dw, ' ');
		if (d == depth - 1)
			out_string(dw, dw->more[depth] ? tr.style->branch : tr.style->last);
		else
			out_string(dw, dw->more[d + 1] ? tr.style->vert : tr.style->empty);
	}
}

static void show_attributes(struct drawing *dw, const struct dt_node *node)
{
	int n = 0;

	if (!node->exists)
		return;
	if (tr.active) {
		out_string(dw, n++ ? ", " : " [");
		out_string(dw, node->flags & DM_SUSPEND_FLAG ? "SUSPENDED" : "ACTIVE");
	}
	if (tr.rw) {
		out_string(dw, n++ ? ", " : " [");
		out_string(dw, node->flags & DM_READONLY_FLAG ? "RO" : "RW");
	}
	if (tr.open) {
		out_string(dw, n++ ? ", " : " [");
		out_uint(dw, (unsigned)node->open_count);
	}
	if (tr.uuid) {
		out_string(dw, n++ ? ", " : " [");
		out_string(dw, node->uuid);
	}
	if (n)
		out_char(dw, ']');
}

static void show_node(struct drawing *dw, const struct dt_node *node, unsigned depth,
		      int last_child, int has_children)
{
	int compact = compact_drawing(), first_on_line, start;
	char kname[256];

	if (depth + 2 > TREE_MAX_DEPTH)
		return;
	/* a node without a name (not a dm device) is left out when no number would show */
	if (!node->name[0] && !tr.device && !tr.blkdevname)
		return;
	dw->more[depth] = !last_child;
	dw->width[depth] = 0;
	first_on_line = dw->x == 1;
	if (!compact || first_on_line)
		out_prefix(dw, depth);
	start = dw->x;
	if (compact && !first_on_line)
		out_string(dw, dw->more[depth] ? tr.style->first : tr.style->single);
	out_string(dw, node->name);
	if (tr.blkdevname && device_name(node->devno, 1, kname, sizeof(kname)) == 0) {
		out_string(dw, " <");
		out_string(dw, kname);
		out_char(dw, '>');
	}
	if (tr.device) {
		out_string(dw, " (");
		out_uint(dw, major(node->devno));
		out_char(dw, ':');
		out_uint(dw, minor(node->devno));
		out_char(dw, ')');
	}
	if (attributes_shown())
		show_attributes(dw, node);
	if (compact)
		dw->width[depth] = dw->x - start;
	if (!compact || !has_children)
		out_newline(dw);
	if (tr.targets)
		dw->more[depth + 1] = has_children;	/* as dmsetup, which draws no targets yet */
}

static void walk(struct drawing *dw, const struct deptree *t, const struct dt_node *node,
		 unsigned depth)
{
	const struct dt_links *children = deptree_children(node, tr.inverted);
	size_t i;

	for (i = 0; i < children->n; i++) {
		const struct dt_node *child = children->v[i];
		int has_children = deptree_num_children(t, child, tr.inverted) != 0;

		show_node(dw, child, depth, i + 1 == children->n, has_children);
		if (has_children)
			walk(dw, t, child, depth + 1);
	}
}

/*
 * -J: the nodes below node (above it with -o inverted) as objects, each with
 * its own "children", down to the depth the drawing stops at.  A device that
 * is not a dm device has its kernel name and no uuid.
 */
static int add_children_json(const struct deptree *t, const struct dt_node *node,
			     struct json_object *list, unsigned depth)
{
	const struct dt_links *children = deptree_children(node, tr.inverted);
	char kname[256];
	size_t i;
	int rc;

	for (i = 0; i < children->n; i++) {
		const struct dt_node *child = children->v[i];
		struct json_object *obj = jappend_object(list), *sub;
		const char *name = child->name;

		if (!child->exists)
			name = device_name(child->devno, 1, kname, sizeof(kname)) ? NULL : kname;
		if (!obj || jput_str_or_null(obj, "name", name) ||
		    jput_str_or_null(obj, "uuid", child->uuid) ||
		    jput_u64(obj, "major", major(child->devno)) ||
		    jput_u64(obj, "minor", minor(child->devno)) || jput_bool(obj, "dm", child->exists) ||
		    !(sub = jput_list(obj, "children")))
			return -ENOMEM;
		if (deptree_num_children(t, child, tr.inverted) && depth + 2 <= TREE_MAX_DEPTH &&
		    (rc = add_children_json(t, child, sub, depth + 1)) < 0)
			return rc;
	}
	return 0;
}

int ls_tree(void)
{
	struct deptree t;
	int none, rc = deptree_build(&t, &none), json_rc;

	if (doc_list()) {
		if ((json_rc = add_children_json(&t, &t.root, doc_list(), 0)) < 0)
			rc = json_rc;
		deptree_free(&t);
		return rc;
	}
	if (none)
		printf("No devices found\n");
	walk(&(struct drawing){ .x = 1 }, &t, &t.root, 0);
	deptree_free(&t);
	return rc;
}
