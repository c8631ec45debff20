/* dm-stats aux data: region id sets and the DMS_GROUP descriptors libdm keeps there. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"

/* a set larger than this is refused: libdm would make a bitset of it, we a list */
#define IDSET_MAX	(1u << 16)

static int idset_add_range(struct dms_idset *set, uint64_t a, uint64_t b, size_t *alloc)
{
	/* repeats are dropped once sorted */
	for (; a <= b; a++) {
		if (set->n >= IDSET_MAX)
			return -E2BIG;
		if (set->n == *alloc) {
			size_t na = *alloc ? *alloc * 2 : 16;
			uint64_t *p = realloc(set->ids, na * sizeof(*p));

			if (!p)
				return -ENOMEM;
			set->ids = p;
			*alloc = na;
		}
		set->ids[set->n++] = a;
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int dms_idset_parse(const char *text, struct dms_idset *set)
{
	const char *s = text;
	size_t alloc = 0;
	int rc = 0;

	memset(set, 0, sizeof(*set));
	/* one item at a time, as dm_bitset_parse_list scans them */
	for (;;) {
		uint64_t a = 0, b = 0;
		int at_start = 1, in_range = 0, digits = 0, prev_space = 0;

		for (; *s && *s != ','; s++) {
			unsigned char c = (unsigned char)*s;

			if (isspace(c)) {
				prev_space = 1;
				continue;
			}
			/* blanks around an item, never inside it */
			if (digits && prev_space)
				goto bad;
			prev_space = 0;
			if (c == '-') {
				if (at_start || in_range)
					goto bad;
				b = 0;
				in_range = 1;
				at_start = 1;
				continue;
			}
			if (!isdigit(c))
				goto bad;
			b = b * 10 + (uint64_t)(c - '0');
			if (b > UINT32_MAX) {
				rc = -ERANGE;
				goto out;
			}
			if (!in_range)
				a = b;
			at_start = 0;
			digits++;
		}
		if (digits) {
			if (at_start && in_range)
				goto bad;
			if (a > b)
				goto bad;
			if (b + 1 > set->nbits)
				set->nbits = b + 1;
			if ((rc = idset_add_range(set, a, b, &alloc)) < 0)
				goto out;
		}
		if (!*s)
			break;
		s++;
	}
	if (set->n) {
		size_t i, k = 1;

		qsort(set->ids, set->n, sizeof(*set->ids), cmp_u64);
		for (i = 1; i < set->n; i++)
			if (set->ids[i] != set->ids[k - 1])
				set->ids[k++] = set->ids[i];
		set->n = k;
	}
	return 0;
bad:
	rc = -EINVAL;
out:
	dms_idset_free(set);
	return rc;
}

int dms_idset_has(const struct dms_idset *set, uint64_t id)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (set->ids[i] == id)
			return 1;
	return 0;
}

int dms_idset_add(struct dms_idset *set, uint64_t id)
{
	uint64_t *p;
	size_t i;

	if (dms_idset_has(set, id))
		return 0;
	if (!(p = realloc(set->ids, (set->n + 1) * sizeof(*p))))
		return -ENOMEM;
	set->ids = p;
	for (i = set->n; i > 0 && p[i - 1] > id; i--)
		p[i] = p[i - 1];
	p[i] = id;
	set->n++;
	if (id + 1 > set->nbits)
		set->nbits = id + 1;
	return 0;
}

int dms_idset_format(const struct dms_idset *set, char *buf, size_t size)
{
	size_t i = 0, used = 0;

	if (!set->n)
		return -EINVAL;
	while (i < set->n) {
		size_t j = i;
		int n;

		while (j + 1 < set->n && set->ids[j + 1] == set->ids[j] + 1)
			j++;
		if (j != i)
			n = snprintf(buf + used, size - used, "%llu-%llu%s",
				     (unsigned long long)set->ids[i], (unsigned long long)set->ids[j],
				     j + 1 < set->n ? "," : "");
		else
			n = snprintf(buf + used, size - used, "%llu%s",
				     (unsigned long long)set->ids[i], j + 1 < set->n ? "," : "");
		if (n < 0 || (size_t)n >= size - used)
			return -ENOSPC;
		used += (size_t)n;
		i = j + 1;
	}
	return (int)used;
}

void dms_idset_free(struct dms_idset *set)
{
	free(set->ids);
	set->ids = NULL;
	set->n = 0;
	set->nbits = 0;
}

void dms_aux_free(struct dms_aux *aux)
{
	free(aux->alias);
	free(aux->user_data);
	dms_idset_free(&aux->members);
	memset(aux, 0, sizeof(*aux));
}

static int aux_user_only(struct dms_aux *aux, const char *text, size_t len, int rc)
{
	dms_aux_free(aux);
	if (!(aux->user_data = strndup(text, len)))
		return -ENOMEM;
	return rc;
}

int dms_aux_parse(const char *text, uint64_t region_id, struct dms_aux *aux)
{
	const char *tag, *alias, *colon, *members, *hash, *user;
	char *list;
	int rc;

	memset(aux, 0, sizeof(*aux));
	/* "-" (libdm: anything starting with '-') is no aux data */
	if (*text == '-')
		return aux_user_only(aux, "", 0, 0);
	if (!(tag = strstr(text, DMS_GROUP_TAG)))
		return aux_user_only(aux, text, strlen(text), 0);
	alias = tag + strlen(DMS_GROUP_TAG);
	if (!(colon = strchr(alias, ':')))
		return aux_user_only(aux, text, strlen(text), -EINVAL);
	members = colon + 1;
	hash = strchr(members, '#');
	if (!(list = strndup(members, hash ? (size_t)(hash - members) : strlen(members))))
		return -ENOMEM;
	rc = dms_idset_parse(list, &aux->members);
	free(list);
	if (rc == -ENOMEM)
		return rc;
	/* libdm has cut the text at the ':' by then: that much stays user data */
	if (rc < 0)
		return aux_user_only(aux, text, (size_t)(colon - text), -EBADMSG);
	if (!aux->members.n || aux->members.ids[0] != region_id)
		return aux_user_only(aux, text, (size_t)(colon - text), -EXDEV);
	aux->has_group = 1;
	if (colon > alias && !(aux->alias = strndup(alias, (size_t)(colon - alias))))
		goto nomem;
	user = hash ? hash + 1 : "";
	if (!strcmp(user, "-"))
		user = "";
	if (!(aux->user_data = strdup(user)))
		goto nomem;
	return 0;
nomem:
	dms_aux_free(aux);
	return -ENOMEM;
}

int dms_group_tag(const char *alias, const struct dms_idset *members, char *buf, size_t size)
{
	int n, m;

	if (!members->n)
		return -EINVAL;
	n = snprintf(buf, size, DMS_GROUP_TAG "%s:", alias ? alias : "");
	if (n < 0 || (size_t)n >= size)
		return -ENOSPC;
	if ((m = dms_idset_format(members, buf + n, size - (size_t)n)) < 0)
		return m;
	return n + m;
}
