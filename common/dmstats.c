/* dm-stats: the @stats_* messages, their replies, and the region table built from them. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmstats.h"

#define PRECISE_ARG	"precise_timestamps"
#define HISTOGRAM_ARG	"histogram:"

/* ---- messages ---- */

__attribute__((format(printf, 3, 4)))
static int msg_printf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (size > DMS_MSG_MAX)
		size = DMS_MSG_MAX;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= size ? -EMSGSIZE : n;
}

int dms_msg_create(const struct dms_create *c, char *buf, size_t size)
{
	char range[48], opts[DMS_MSG_MAX] = "";
	/* "" is no program id: the kernel's "-" (what it keeps when none is given) */
	const char *program_id = !c->program_id ? DMS_PROGRAM_ID : *c->program_id ? c->program_id : "-";
	int nr_opt = !!c->precise + !!c->hist_arg;
	uint64_t step = c->step < 0 ? (uint64_t)0 - (uint64_t)c->step : (uint64_t)c->step;

	snprintf(range, sizeof(range), "%llu+%llu", (unsigned long long)c->start,
		 (unsigned long long)c->len);
	/* libdm's text: "N precise_timestamps histogram:..." with its blanks when one is absent */
	if (nr_opt && msg_printf(opts, sizeof(opts), "%d %s %s%s", nr_opt,
				 c->precise ? PRECISE_ARG : "", c->hist_arg ? HISTOGRAM_ARG : "",
				 c->hist_arg ? c->hist_arg : "") < 0)
		return -EMSGSIZE;
	return msg_printf(buf, size, "@stats_create %s %s%llu %s %s %s",
			  c->start || c->len ? range : "-", c->step < 0 ? "/" : "",
			  (unsigned long long)step, opts, program_id, c->user_data ? c->user_data : "");
}

int dms_msg_delete(uint64_t region_id, char *buf, size_t size)
{
	return msg_printf(buf, size, "@stats_delete %llu", (unsigned long long)region_id);
}

int dms_msg_clear(uint64_t region_id, char *buf, size_t size)
{
	return msg_printf(buf, size, "@stats_clear %llu", (unsigned long long)region_id);
}

int dms_msg_list(const char *program_id, char *buf, size_t size)
{
	return msg_printf(buf, size, "@stats_list %s", program_id ? program_id : "");
}

int dms_msg_print(uint64_t region_id, unsigned start_line, unsigned nr_lines, int clear,
		  char *buf, size_t size)
{
	char lines[32] = "";

	if (start_line || nr_lines)
		snprintf(lines, sizeof(lines), "%u %u", start_line, nr_lines);
	return msg_printf(buf, size, "@stats_print%s %llu %s", clear ? "_clear" : "",
			  (unsigned long long)region_id, lines);
}

int dms_msg_set_aux(uint64_t region_id, const char *group_tag, const char *user_data,
		    char *buf, size_t size)
{
	return msg_printf(buf, size, "@stats_set_aux %llu %s%s%s ", (unsigned long long)region_id,
			  group_tag ? group_tag : "", group_tag ? "#" : "",
			  user_data && *user_data ? user_data : "-");
}

/* ---- sending ---- */

int dms_req_message(struct dm_req *r, const char *msg)
{
	struct dm_target_msg hdr;
	int rc;

	memset(&hdr, 0, sizeof(hdr));
	hdr.sector = 0;
	if ((rc = dm_req_add_bytes(r, &hdr, sizeof(hdr))) < 0)
		return rc;
	return dm_req_add_string(r, msg);
}

int dms_send_ctl(void *ctx, const char *msg, char **reply)
{
	const struct dms_ctl *ctl = ctx;
	struct dm_req r;
	const char *text;
	int rc;

	*reply = NULL;
	if ((rc = dm_req_init(&r, 0)) < 0)
		return rc;
	if ((rc = dm_req_set_id(&r, &ctl->id)) == 0 && (rc = dms_req_message(&r, msg)) == 0 &&
	    (rc = dm_run(ctl->fd, DM_TARGET_MSG, &r, 0, 0)) == 0 && (text = dm_reply_message(r.io)) &&
	    !(*reply = strdup(text)))
		rc = -ENOMEM;
	dm_req_free(&r);
	return rc;
}

/* ---- reply parsing ---- */

/* an unsigned decimal of at most 64 bits at *p, advancing it */
static int take_u64(const char **p, const char *end, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	if (s >= end || *s < '0' || *s > '9')
		return -EPROTO;
	for (; s < end && *s >= '0' && *s <= '9'; s++) {
		if (x > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -EPROTO;
		x = x * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*v = x;
	return 0;
}

static int take_char(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return -EPROTO;
	(*p)++;
	return 0;
}

/* the next word (up to a blank or the end): its start and length */
static int take_word(const char **p, const char *end, const char **w, size_t *len)
{
	const char *s = *p;

	while (s < end && *s != ' ')
		s++;
	if (s == *p)
		return -EPROTO;
	*w = *p;
	*len = (size_t)(s - *p);
	*p = s;
	return 0;
}

int dms_parse_create_reply(const char *reply, uint64_t *region_id)
{
	const char *p = reply, *end;

	if (!reply)
		return -EPROTO;
	end = reply + strlen(reply);
	if (take_u64(&p, end, region_id) < 0)
		return -EPROTO;
	return 0;
}

int dms_parse_list_line(const char *line, size_t len, struct dms_list_line *out)
{
	const char *p = line, *end = line + len, *w;
	size_t wl;

	memset(out, 0, sizeof(*out));
	if (take_u64(&p, end, &out->region_id) < 0 || take_char(&p, end, ':') < 0 ||
	    take_char(&p, end, ' ') < 0 || take_u64(&p, end, &out->start) < 0 ||
	    take_char(&p, end, '+') < 0 || take_u64(&p, end, &out->len) < 0 ||
	    take_char(&p, end, ' ') < 0 || take_u64(&p, end, &out->step) < 0 ||
	    take_char(&p, end, ' ') < 0 ||
	    take_word(&p, end, &out->program_id, &out->program_id_len) < 0 ||
	    take_char(&p, end, ' ') < 0 || take_word(&p, end, &out->aux, &out->aux_len) < 0)
		return -EPROTO;
	/*
	 * The kernel's options follow.  An aux text with a blank (set by hand
	 * with an escaped space) leaves more words: libdm takes the aux data to
	 * the first blank, and so do we; the other words are not options.
	 */
	while (p < end) {
		if (take_char(&p, end, ' ') < 0 || take_word(&p, end, &w, &wl) < 0)
			return -EPROTO;
		if (wl == strlen(PRECISE_ARG) && !memcmp(w, PRECISE_ARG, wl))
			out->precise = 1;
		else if (wl > strlen(HISTOGRAM_ARG) && !memcmp(w, HISTOGRAM_ARG, strlen(HISTOGRAM_ARG))) {
			out->histogram = w + strlen(HISTOGRAM_ARG);
			out->histogram_len = wl - strlen(HISTOGRAM_ARG);
		}
	}
	return 0;
}

int dms_parse_histogram_spec(const char *text, size_t len, uint64_t timescale,
			     struct dms_bounds *b)
{
	const char *p = text, *end = text + len;
	int n = 1, i = 0;
	size_t k;

	b->nr_bins = 0;
	b->upper = NULL;
	for (k = 0; k < len; k++)
		if (text[k] == ',')
			n++;
	if (n > 1 << 20)
		return -EPROTO;
	if (!(b->upper = calloc((size_t)n + 1, sizeof(*b->upper))))
		return -ENOMEM;
	for (;;) {
		uint64_t v;

		if (take_u64(&p, end, &v) < 0 || (timescale && v > UINT64_MAX / timescale))
			goto bad;
		b->upper[i++] = v * timescale;
		if (p == end)
			break;
		if (take_char(&p, end, ',') < 0)
			goto bad;
	}
	/* the kernel's last bin is open-ended */
	b->upper[i++] = UINT64_MAX;
	b->nr_bins = i;
	return 0;
bad:
	dms_bounds_free(b);
	return -EPROTO;
}

int dms_parse_print_line(const char *line, size_t len, uint64_t timescale, int nr_bins,
			 uint64_t *start, uint64_t *area_len, uint64_t c[DMS_NR_COUNTERS],
			 uint64_t *hist)
{
	static const unsigned char is_time[DMS_NR_COUNTERS] = {
		[DMS_READ_NSECS] = 1, [DMS_WRITE_NSECS] = 1, [DMS_IO_NSECS] = 1,
		[DMS_WEIGHTED_IO_NSECS] = 1, [DMS_TOTAL_READ_NSECS] = 1, [DMS_TOTAL_WRITE_NSECS] = 1,
	};
	const char *p = line, *end = line + len;
	int i;

	if (take_u64(&p, end, start) < 0 || take_char(&p, end, '+') < 0 ||
	    take_u64(&p, end, area_len) < 0)
		return -EPROTO;
	for (i = 0; i < DMS_NR_COUNTERS; i++) {
		if (take_char(&p, end, ' ') < 0 || take_u64(&p, end, &c[i]) < 0)
			return -EPROTO;
		/* libdm scales with the multiplication's wrap; a kernel never gets there */
		if (is_time[i])
			c[i] *= timescale;
	}
	if (nr_bins > 0) {
		if (take_char(&p, end, ' ') < 0)
			return -EPROTO;
		for (i = 0; i < nr_bins; i++)
			if ((i && take_char(&p, end, ':') < 0) || take_u64(&p, end, &hist[i]) < 0)
				return -EPROTO;
	}
	return p == end ? 0 : -EPROTO;
}

/* ---- the model ---- */

void dms_init(struct dms *s)
{
	memset(s, 0, sizeof(*s));
}

static void region_clear(struct dms_region *r)
{
	uint64_t a;

	free(r->program_id);
	free(r->aux_data);
	dms_bounds_free(&r->bounds);
	if (r->areas)
		for (a = 0; a < r->nr_areas; a++)
			free(r->areas[a].hist);
	free(r->areas);
	memset(r, 0, sizeof(*r));
	r->id = DMS_NONE;
	r->group_id = DMS_NONE;
}

static void group_clear(struct dms_group *g)
{
	free(g->alias);
	dms_idset_free(&g->members);
	memset(g, 0, sizeof(*g));
	g->id = DMS_NONE;
}

static void tables_free(struct dms *s)
{
	uint64_t i;

	for (i = 0; i < s->nr_slots; i++) {
		region_clear(&s->regions[i]);
		group_clear(&s->groups[i]);
	}
	free(s->regions);
	free(s->groups);
	s->regions = NULL;
	s->groups = NULL;
	s->nr_slots = s->nr_regions = 0;
}

void dms_free(struct dms *s)
{
	tables_free(s);
}

static uint64_t nr_areas(uint64_t len, uint64_t step)
{
	/* a partial area at the end is an area (the kernel's) */
	if (!len || !step)
		return 1;
	return len / step + !!(len % step);
}

/* grows the tables to hold id (new slots empty) */
static int tables_reserve(struct dms *s, uint64_t id)
{
	struct dms_region *r;
	struct dms_group *g;
	uint64_t n = id + 1, i;

	if (n <= s->nr_slots)
		return 0;
	/* ids come from the kernel's lines: far past the regions a device can hold is a bad reply */
	if (id >= DMS_MAX_REGIONS)
		return -EPROTO;
	if (!(r = realloc(s->regions, n * sizeof(*r))))
		return -ENOMEM;
	s->regions = r;
	if (!(g = realloc(s->groups, n * sizeof(*g))))
		return -ENOMEM;
	s->groups = g;
	for (i = s->nr_slots; i < n; i++) {
		memset(&r[i], 0, sizeof(r[i]));
		r[i].id = r[i].group_id = DMS_NONE;
		memset(&g[i], 0, sizeof(g[i]));
		g[i].id = DMS_NONE;
	}
	s->nr_slots = n;
	return 0;
}

static int list_region(struct dms *s, const struct dms_list_line *l, struct dms_list_note *note)
{
	struct dms_region *r;
	struct dms_aux aux;
	char *auxtext;
	int rc;

	if ((rc = tables_reserve(s, l->region_id)) < 0)
		return rc;
	r = &s->regions[l->region_id];
	if (r->id != DMS_NONE)
		return -EPROTO;	/* the same id twice */
	r->id = l->region_id;
	r->start = l->start;
	r->len = l->len;
	r->step = l->step;
	r->nr_areas = nr_areas(r->len, r->step);
	r->timescale = l->precise ? 1 : DMS_NSEC_PER_MSEC;
	if (l->histogram &&
	    (rc = dms_parse_histogram_spec(l->histogram, l->histogram_len, r->timescale, &r->bounds)) < 0)
		return rc;
	/* libdm: a program id starting with '-' is none */
	if (!(r->program_id = *l->program_id == '-' ? strdup("") :
	      strndup(l->program_id, l->program_id_len)))
		return -ENOMEM;
	if (!(auxtext = strndup(l->aux, l->aux_len)))
		return -ENOMEM;
	rc = dms_aux_parse(auxtext, r->id, &aux);
	free(auxtext);
	if (rc == -ENOMEM)
		return rc;
	if (rc < 0 && note) {
		struct dms_bad_aux *bad = realloc(note->bad, (note->nr_bad + 1) * sizeof(*bad));

		if (bad)
			note->bad = bad;
		if (!bad || !(bad[note->nr_bad].user_data = strdup(aux.user_data))) {
			dms_aux_free(&aux);
			return -ENOMEM;
		}
		bad[note->nr_bad].region = r->id;
		bad[note->nr_bad++].error = rc;
	}
	r->aux_data = aux.user_data;
	aux.user_data = NULL;
	s->nr_regions++;
	if (aux.has_group) {
		struct dms_group *g = &s->groups[r->id];

		g->id = r->id;
		g->alias = aux.alias;
		g->members = aux.members;
		aux.alias = NULL;
		memset(&aux.members, 0, sizeof(aux.members));
	}
	dms_aux_free(&aux);
	return 0;
}

void dms_list_note_free(struct dms_list_note *note)
{
	size_t i;

	for (i = 0; i < note->nr_bad; i++)
		free(note->bad[i].user_data);
	free(note->bad);
	note->bad = NULL;
	note->nr_bad = 0;
}

int dms_parse_list(const char *reply, struct dms *s, struct dms_list_note *note)
{
	const char *p = reply ? reply : "", *nl;
	uint64_t gid;
	int rc = 0;

	tables_free(s);
	if (note) {
		memset(note, 0, sizeof(*note));
		note->missing_group = note->missing_region = DMS_NONE;
	}
	if (!reply)
		return -EPROTO;
	for (; *p; p = nl + 1) {
		struct dms_list_line l;

		if (!(nl = strchr(p, '\n')))
			nl = p + strlen(p);
		if ((rc = dms_parse_list_line(p, (size_t)(nl - p), &l)) < 0 ||
		    (rc = list_region(s, &l, note)) < 0)
			goto bad;
		if (!*nl)
			break;
	}
	/*
	 * Members that are not there leave their group (libdm warns, except
	 * about group 0, which its loop never checks), then each member knows
	 * its group.
	 */
	for (gid = 0; gid < s->nr_slots; gid++) {
		struct dms_group *g = &s->groups[gid];
		size_t k, kept = 0;

		if (g->id == DMS_NONE)
			continue;
		for (k = 0; k < g->members.n; k++) {
			uint64_t m = g->members.ids[k];

			/* libdm never checks the leader itself: it is there */
			if (m != gid && (m >= s->nr_slots || s->regions[m].id == DMS_NONE)) {
				if (note && gid) {
					note->missing_group = gid;
					note->missing_region = m;
				}
				continue;
			}
			g->members.ids[kept++] = m;
		}
		g->members.n = kept;
		for (k = 0; k < g->members.n; k++)
			s->regions[g->members.ids[k]].group_id = gid;
	}
	return 0;
bad:
	tables_free(s);
	if (note)
		dms_list_note_free(note);
	return rc;
}

int dms_parse_print(const char *reply, struct dms *s, uint64_t region_id)
{
	struct dms_region *r;
	struct dms_counters *areas = NULL;
	uint64_t n = 0, alloc = 0, first_start = 0, start = 0, alen = 0, step = 0, i;
	const char *p = reply, *nl;
	int rc;

	if (!dms_region_present(s, region_id))
		return -ENOENT;
	r = &s->regions[region_id];
	if (!reply || !*reply)
		return -EPROTO;
	for (; *p; p = nl + 1) {
		struct dms_counters *c;

		if (!(nl = strchr(p, '\n')))
			nl = p + strlen(p);
		if (n == alloc) {
			uint64_t na = alloc ? alloc * 2 : 8;

			if (na > DMS_MAX_AREAS || !(c = realloc(areas, na * sizeof(*c)))) {
				rc = na > DMS_MAX_AREAS ? -EPROTO : -ENOMEM;
				goto bad;
			}
			areas = c;
			alloc = na;
		}
		c = &areas[n];
		memset(c, 0, sizeof(*c));
		if (r->bounds.nr_bins > 0 &&
		    !(c->hist = calloc((size_t)r->bounds.nr_bins, sizeof(*c->hist)))) {
			rc = -ENOMEM;
			goto bad;
		}
		n++;
		if ((rc = dms_parse_print_line(p, (size_t)(nl - p), r->timescale, r->bounds.nr_bins,
					       &start, &alen, c->c, c->hist)) < 0)
			goto bad;
		if (n == 1) {
			first_start = start;
			step = alen;	/* areas are all one size: libdm takes the first's */
		}
		if (!*nl)
			break;
	}
	if (!n) {
		rc = -EPROTO;
		goto bad;
	}
	if (r->areas)
		for (i = 0; i < r->nr_areas; i++)
			free(r->areas[i].hist);
	free(r->areas);
	r->areas = areas;
	r->nr_areas = n;
	r->start = first_start;
	r->step = step;
	r->len = start + alen - first_start;
	return 0;
bad:
	for (i = 0; i < n; i++)
		free(areas[i].hist);
	free(areas);
	return rc;
}

int dms_region_present(const struct dms *s, uint64_t region_id)
{
	return region_id < s->nr_slots && s->regions[region_id].id != DMS_NONE;
}

int dms_group_present(const struct dms *s, uint64_t group_id)
{
	return group_id < s->nr_slots && s->groups[group_id].id != DMS_NONE;
}

uint64_t dms_nr_groups(const struct dms *s)
{
	uint64_t i, n = 0;

	for (i = 0; i < s->nr_slots; i++)
		n += s->groups[i].id != DMS_NONE;
	return n;
}

uint64_t dms_area_len(const struct dms_region *r)
{
	return r->step ? r->step : r->len;
}

uint64_t dms_area_offset(const struct dms_region *r, uint64_t area)
{
	return area * dms_area_len(r);
}

uint64_t dms_area_start(const struct dms_region *r, uint64_t area)
{
	return r->start + dms_area_offset(r, area);
}

uint64_t dms_group_len(const struct dms *s, uint64_t group_id)
{
	const struct dms_group *g;
	uint64_t len = 0;
	size_t k;

	if (!dms_group_present(s, group_id))
		return 0;
	g = &s->groups[group_id];
	for (k = 0; k < g->members.n; k++)
		len += s->regions[g->members.ids[k]].len;
	return len;
}

/* ---- sums ---- */

static int sum_init(struct dms_counters *out, int nr_bins)
{
	memset(out, 0, sizeof(*out));
	if (nr_bins > 0 && !(out->hist = calloc((size_t)nr_bins, sizeof(*out->hist))))
		return -ENOMEM;
	return 0;
}

static void sum_add(struct dms_counters *out, const struct dms_counters *c, int nr_bins)
{
	int i;

	for (i = 0; i < DMS_NR_COUNTERS; i++)
		out->c[i] += c->c[i];
	if (out->hist && c->hist)
		for (i = 0; i < nr_bins; i++)
			out->hist[i] += c->hist[i];
}

void dms_counters_release(struct dms_counters *c)
{
	free(c->hist);
	c->hist = NULL;
}

int dms_sum_area(const struct dms *s, uint64_t region_id, uint64_t area, struct dms_counters *out)
{
	const struct dms_region *r;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!dms_region_present(s, region_id))
		return -ENOENT;
	r = &s->regions[region_id];
	if (!r->areas || area >= r->nr_areas)
		return -ENOENT;
	if ((rc = sum_init(out, r->bounds.nr_bins)) < 0)
		return rc;
	sum_add(out, &r->areas[area], r->bounds.nr_bins);
	return 0;
}

int dms_sum_region(const struct dms *s, uint64_t region_id, struct dms_counters *out)
{
	const struct dms_region *r;
	uint64_t a;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!dms_region_present(s, region_id) || !s->regions[region_id].areas)
		return -ENOENT;
	r = &s->regions[region_id];
	if ((rc = sum_init(out, r->bounds.nr_bins)) < 0)
		return rc;
	for (a = 0; a < r->nr_areas; a++)
		sum_add(out, &r->areas[a], r->bounds.nr_bins);
	return 0;
}

int dms_sum_group(const struct dms *s, uint64_t group_id, struct dms_counters *out)
{
	const struct dms_group *g;
	int nr_bins, rc;
	size_t k;

	memset(out, 0, sizeof(*out));
	if (!dms_group_present(s, group_id))
		return -ENOENT;
	g = &s->groups[group_id];
	for (k = 0; k < g->members.n; k++)
		if (!s->regions[g->members.ids[k]].areas)
			return -ENOENT;
	/* grouped regions have the same bounds (dms_group_check): the leader's */
	nr_bins = s->regions[group_id].bounds.nr_bins;
	if ((rc = sum_init(out, nr_bins)) < 0)
		return rc;
	for (k = 0; k < g->members.n; k++) {
		const struct dms_region *r = &s->regions[g->members.ids[k]];
		uint64_t a;

		for (a = 0; a < r->nr_areas; a++)
			sum_add(out, &r->areas[a], r->bounds.nr_bins == nr_bins ? nr_bins : 0);
	}
	return 0;
}

void dms_counters_delta(const struct dms_counters *now, const struct dms_counters *before,
			int nr_bins, struct dms_counters *out)
{
	int i;

	for (i = 0; i < DMS_NR_COUNTERS; i++)
		out->c[i] = i == DMS_IO_IN_PROGRESS ? now->c[i] : now->c[i] - before->c[i];
	if (out->hist && now->hist && before->hist)
		for (i = 0; i < nr_bins; i++)
			out->hist[i] = now->hist[i] - before->hist[i];
}

/* ---- operations ---- */

int dms_list(dms_send_fn send, void *ctx, const char *program_id, struct dms *s,
	     struct dms_list_note *note)
{
	char msg[DMS_MSG_MAX], *reply = NULL;
	int rc;

	if ((rc = dms_msg_list(program_id, msg, sizeof(msg))) < 0)
		return rc;
	if ((rc = send(ctx, msg, &reply)) < 0)
		return rc;
	/* no text at all is no regions, as an empty one */
	rc = dms_parse_list(reply ? reply : "", s, note);
	free(reply);
	return rc;
}

static int populate_one(dms_send_fn send, void *ctx, struct dms *s, uint64_t id, int clear)
{
	char msg[DMS_MSG_MAX], *reply = NULL;
	int rc;

	if ((rc = dms_msg_print(id, 0, 0, clear, msg, sizeof(msg))) < 0)
		return rc;
	if ((rc = send(ctx, msg, &reply)) < 0)
		return rc;
	rc = dms_parse_print(reply, s, id);
	free(reply);
	return rc;
}

int dms_populate(dms_send_fn send, void *ctx, struct dms *s, uint64_t region_id, int clear)
{
	uint64_t i;
	int rc;

	if (region_id != DMS_NONE)
		return populate_one(send, ctx, s, region_id, clear);
	for (i = 0; i < s->nr_slots; i++)
		if (dms_region_present(s, i) && (rc = populate_one(send, ctx, s, i, clear)) < 0)
			return rc;
	return 0;
}

int dms_create_region(dms_send_fn send, void *ctx, const struct dms_create *c,
		      uint64_t *region_id)
{
	char msg[DMS_MSG_MAX], *reply = NULL;
	int rc;

	if ((rc = dms_msg_create(c, msg, sizeof(msg))) < 0)
		return rc;
	if ((rc = send(ctx, msg, &reply)) < 0)
		return rc;
	rc = dms_parse_create_reply(reply, region_id);
	free(reply);
	return rc;
}
