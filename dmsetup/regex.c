/*
 * libdevmapper's regular expressions (regex.h): its recursive descent
 * parser, error for error, into a tree, and the tree as a Thompson NFA run
 * over the marked string (the same language as libdevmapper's DFA).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "regex.h"

/* The characters libdevmapper gives its marks, and the wrapper's end. */
#define MARK_START	0x2
#define MARK_END	0x3
#define TARGET		0x0
/* '(' nesting beyond which a group fails (libdevmapper recurses until its
 * stack runs out) */
#define MAX_NESTING	4000

struct charset {
	uint8_t bits[32];
};

static void cs_set(struct charset *c, unsigned char i)
{
	c->bits[i >> 3] |= (uint8_t)(1u << (i & 7));
}

static void cs_clear(struct charset *c, unsigned char i)
{
	c->bits[i >> 3] &= (uint8_t)~(1u << (i & 7));
}

static int cs_has(const struct charset *c, unsigned char i)
{
	return (c->bits[i >> 3] >> (i & 7)) & 1;
}

enum rx_type { RX_CAT, RX_STAR, RX_PLUS, RX_OR, RX_QUEST, RX_SET };

struct rx_node {
	enum rx_type type;
	struct charset set;	/* RX_SET */
	int left, right;	/* node indexes, -1 none */
};

struct parser {
	const char *cursor, *end;
	int type;		/* the token: 0 a set (in set), -1 the end, else the character */
	struct charset set;
	struct rx_node *nodes;
	int n, cap;
	int depth;
	int nomem;
};

static int new_node(struct parser *p, enum rx_type type, int left, int right)
{
	if (p->n == p->cap) {
		int cap = p->cap ? 2 * p->cap : 64;
		struct rx_node *nodes = realloc(p->nodes, (size_t)cap * sizeof(*nodes));

		if (!nodes) {
			p->nomem = 1;
			return -1;
		}
		p->nodes = nodes;
		p->cap = cap;
	}
	memset(&p->nodes[p->n], 0, sizeof(p->nodes[p->n]));
	p->nodes[p->n].type = type;
	p->nodes[p->n].left = left;
	p->nodes[p->n].right = right;
	return p->n++;
}

static void single_char(struct parser *p, unsigned char c, const char *at)
{
	p->type = 0;
	p->cursor = at + 1;
	memset(&p->set, 0, sizeof(p->set));
	cs_set(&p->set, c);
}

static unsigned char escaped(char c)
{
	return c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : (unsigned char)c;
}

/* A [set] at p->cursor ('[' included); -1 when it has no ']'. */
static int set_token(struct parser *p)
{
	const char *s = p->cursor + 1;
	int neg = 0, range = 0;
	unsigned char c, lc = 0;

	memset(&p->set, 0, sizeof(p->set));
	if (*s == '^') {
		memset(&p->set, 0xff, sizeof(p->set));
		cs_clear(&p->set, TARGET);	/* never a transition on the end */
		neg = 1;
		s++;
	}
	while (s < p->end && *s != ']') {
		if (*s == '\\') {
			s++;
			c = escaped(*s);
		} else if (*s == '-' && lc) {
			range = 1;
			if (++s == p->end) {
				log_err("Incomplete rangespecification");	/* (sic) */
				return -1;
			}
			c = (unsigned char)*s;
		} else
			c = (unsigned char)*s;
		if (range) {
			unsigned lo = lc < c ? lc : c, hi = lc < c ? c : lc, i;

			for (i = lo; i <= hi; i++)
				(neg ? cs_clear : cs_set)(&p->set, (unsigned char)i);
			c = (unsigned char)hi;
			range = 0;
		} else
			(neg ? cs_clear : cs_set)(&p->set, c);
		s++;
		lc = c;
	}
	if (s >= p->end) {
		p->type = -1;
		return -1;
	}
	p->type = 0;
	p->cursor = s + 1;
	return 1;
}

/* The next token: 1, 0 at the end, -1 on an error. */
static int get_token(struct parser *p)
{
	const char *s = p->cursor;

	if (s == p->end) {
		p->type = -1;
		return 0;
	}
	switch (*s) {
	case '[':
		return set_token(p);
	case '(': case ')': case '*': case '+': case '?': case '|':
		p->type = *s;
		p->cursor = s + 1;
		return 1;
	case '^':
		single_char(p, MARK_START, s);
		return 1;
	case '$':
		single_char(p, MARK_END, s);
		return 1;
	case '.':
		p->type = 0;
		p->cursor = s + 1;
		memset(&p->set, 0xff, sizeof(p->set));
		cs_clear(&p->set, '\n');
		cs_clear(&p->set, '\r');
		cs_clear(&p->set, TARGET);
		return 1;
	case '\\':
		if (s + 1 >= p->end) {
			log_err("Badly quoted character at end of expression");
			p->type = -1;
			return -1;
		}
		single_char(p, escaped(s[1]), s + 1);
		return 1;
	default:
		single_char(p, (unsigned char)*s, s);
		return 1;
	}
}

static int or_term(struct parser *p);

static int term(struct parser *p)
{
	int n;

	switch (p->type) {
	case 0:
		if ((n = new_node(p, RX_SET, -1, -1)) < 0)
			return -1;
		p->nodes[n].set = p->set;
		get_token(p);
		return n;
	case '(':
		if (p->depth >= MAX_NESTING)
			return -1;
		get_token(p);
		p->depth++;
		n = or_term(p);
		p->depth--;
		if (p->type != ')') {
			log_err("missing ')' in regular expression");
			return -1;
		}
		get_token(p);
		return n;	/* (-1 when the group was empty: no word said) */
	default:
		return -1;
	}
}

static int closure_term(struct parser *p)
{
	int l = term(p);

	while (l >= 0 && (p->type == '*' || p->type == '+' || p->type == '?')) {
		l = new_node(p, p->type == '*' ? RX_STAR : p->type == '+' ? RX_PLUS : RX_QUEST, l, -1);
		get_token(p);
	}
	return l;
}

/* Terms one after the other, up to a '|' or the first that fails (which
 * ends the concatenation without a word, as libdevmapper's recursion). */
static int cat_term(struct parser *p)
{
	int l = closure_term(p), r;

	while (l >= 0 && p->type != '|' && (r = closure_term(p)) >= 0)
		l = new_node(p, RX_CAT, l, r);
	return l;
}

static int or_term(struct parser *p)
{
	int l = cat_term(p), r, bars = 0;

	while (l >= 0 && p->type == '|') {
		get_token(p);
		bars++;
		if ((r = cat_term(p)) < 0) {
			/* said by each level of libdevmapper's recursion */
			while (bars--)
				log_err("Badly formed 'or' expression");
			return -1;
		}
		l = new_node(p, RX_OR, l, r);
	}
	return l;
}

/* ------------------------------------------------------------------ NFA */

enum state_kind { ST_SET, ST_SPLIT, ST_EPS };

struct state {
	enum state_kind kind;
	int node;		/* ST_SET: its node (the charset) */
	int out1, out2;
};

struct dm_regex {
	struct rx_node *nodes;
	struct state *states;
	int nstates, start;
};

static int add_state(struct dm_regex *rx, enum state_kind kind, int node, int out1, int out2)
{
	struct state *s = &rx->states[rx->nstates];

	s->kind = kind;
	s->node = node;
	s->out1 = out1;
	s->out2 = out2;
	return rx->nstates++;
}

/* Each node's fragment, children first (a node's children come before it). */
static int build_nfa(struct dm_regex *rx, int nnodes, int root)
{
	int *start = malloc((size_t)nnodes * sizeof(*start)), *end = malloc((size_t)nnodes * sizeof(*end));
	int n, rc = -ENOMEM;

	/* at most 2 states a node */
	if (!start || !end || !(rx->states = calloc((size_t)nnodes * 2 + 1, sizeof(*rx->states))))
		goto out;
	for (n = 0; n < nnodes; n++) {
		const struct rx_node *x = &rx->nodes[n];
		int l = x->left, r = x->right, e;

		switch (x->type) {
		case RX_SET:
			end[n] = add_state(rx, ST_EPS, -1, -1, -1);
			start[n] = add_state(rx, ST_SET, n, end[n], -1);
			break;
		case RX_CAT:
			rx->states[end[l]].out1 = start[r];
			start[n] = start[l];
			end[n] = end[r];
			break;
		case RX_OR:
			end[n] = e = add_state(rx, ST_EPS, -1, -1, -1);
			start[n] = add_state(rx, ST_SPLIT, -1, start[l], start[r]);
			rx->states[end[l]].out1 = e;
			rx->states[end[r]].out1 = e;
			break;
		case RX_STAR:
			end[n] = e = add_state(rx, ST_EPS, -1, -1, -1);
			start[n] = add_state(rx, ST_SPLIT, -1, start[l], e);
			rx->states[end[l]].out1 = start[n];
			break;
		case RX_PLUS:
			end[n] = e = add_state(rx, ST_EPS, -1, -1, -1);
			rx->states[end[l]].out1 = add_state(rx, ST_SPLIT, -1, start[l], e);
			start[n] = start[l];
			break;
		case RX_QUEST:
			end[n] = e = add_state(rx, ST_EPS, -1, -1, -1);
			start[n] = add_state(rx, ST_SPLIT, -1, start[l], e);
			rx->states[end[l]].out1 = e;
			break;
		}
	}
	rx->start = start[root];
	rc = 0;
out:
	free(start);
	free(end);
	return rc;
}

struct dm_regex *regex_compile(const char *pattern)
{
	static const char head[] = "(.*(";
	size_t plen = strlen(pattern), len = sizeof(head) - 1 + plen + 3;
	struct parser p = { 0 };
	struct dm_regex *rx = NULL;
	char *all = malloc(len + 1);
	int root;

	if (!all)
		return NULL;
	/* "(.*(PATTERN)<end>)", the end a NUL inside the text */
	memcpy(all, head, sizeof(head) - 1);
	memcpy(all + sizeof(head) - 1, pattern, plen);
	memcpy(all + sizeof(head) - 1 + plen, ")\0)", 4);
	p.cursor = all;
	p.end = all + len;
	get_token(&p);
	root = or_term(&p);
	free(all);
	if (p.nomem) {
		errno = ENOMEM;
		goto fail;
	}
	if (root < 0) {
		log_err("Parse error in regex");
		log_err("Couldn't parse regex");
		goto fail;
	}
	if (!(rx = calloc(1, sizeof(*rx))))
		goto fail;
	rx->nodes = p.nodes;
	if (build_nfa(rx, p.n, root) < 0) {
		regex_free(rx);
		errno = ENOMEM;
		return NULL;
	}
	return rx;
fail:
	free(p.nodes);
	return NULL;
}

/* The states reached from s without a character, added to list (marked with gen). */
static void closure(const struct dm_regex *rx, int s, unsigned *mark, unsigned gen,
		    int *list, int *nlist, int *stack)
{
	int top = 0;

	stack[top++] = s;
	while (top) {
		const struct state *st;

		s = stack[--top];
		if (s < 0 || mark[s] == gen)
			continue;
		mark[s] = gen;
		st = &rx->states[s];
		if (st->kind == ST_SET)
			list[(*nlist)++] = s;
		else {
			/* (each state is pushed once a generation: the stack holds them all) */
			if (st->kind == ST_SPLIT)
				stack[top++] = st->out2;
			stack[top++] = st->out1;
		}
	}
}

int regex_match(const struct dm_regex *rx, const char *s)
{
	size_t n = (size_t)rx->nstates;
	unsigned *mark = calloc(n, sizeof(*mark)), gen = 1;
	int *cur = malloc(n * sizeof(*cur)), *next = malloc(n * sizeof(*next));
	int *stack = malloc((2 * n + 1) * sizeof(*stack));
	int ncur = 0, nnext, i, matched = 0, done = 0;
	size_t k, slen = strlen(s);

	if (!mark || !cur || !next || !stack)
		goto out;
	closure(rx, rx->start, mark, gen, cur, &ncur, stack);
	/* the start mark, the characters, the end mark: a match as soon as the
	 * wrapper's end can come next */
	for (k = 0; k < slen + 2 && !done; k++) {
		unsigned char c = k == 0 ? MARK_START : k == slen + 1 ? MARK_END : (unsigned char)s[k - 1];
		int *t;

		gen++;
		nnext = 0;
		for (i = 0; i < ncur; i++) {
			const struct state *st = &rx->states[cur[i]];

			if (cs_has(&rx->nodes[st->node].set, c))
				closure(rx, st->out1, mark, gen, next, &nnext, stack);
		}
		for (i = 0; i < nnext && !matched; i++)
			matched = cs_has(&rx->nodes[rx->states[next[i]].node].set, TARGET);
		done = matched || !nnext;
		t = cur;
		cur = next;
		next = t;
		ncur = nnext;
	}
out:
	free(mark);
	free(cur);
	free(next);
	free(stack);
	return matched;
}

void regex_free(struct dm_regex *rx)
{
	if (!rx)
		return;
	free(rx->nodes);
	free(rx->states);
	free(rx);
}
