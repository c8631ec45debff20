/* dm-stats file maps: a file's FIEMAP extents as libdm joins them, and update_filemap's plan. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/vfs.h>
#include <linux/fiemap.h>
#include <linux/fs.h>

#include "dmstats.h"

#define BTRFS_MAGIC		0x9123683EU
/* libdm's FIEMAP buffer */
#define FIEMAP_BUF_LEN		2048
#define FIEMAP_MAX_CALLS	(1u << 20)
#define SECTOR_SHIFT		9

int dms_file_check(int fd, dev_t *devno)
{
	struct statfs fs;
	struct stat st;
	int rc;

	if (fstatfs(fd, &fs) < 0)
		return -errno;
	if ((unsigned long)fs.f_type == BTRFS_MAGIC)
		return -EOPNOTSUPP;
	if (fstat(fd, &st) < 0)
		return -errno;
	/* libdm tests the bit, not the type */
	if (!(st.st_mode & S_IFREG))
		return -EINVAL;
	if ((rc = dm_is_dm_major(major(st.st_dev))) < 0)
		return rc;
	if (!rc)
		return -ENODEV;
	*devno = st.st_dev;
	return 0;
}

void dms_extent_map_init(struct dms_extent_map *m)
{
	memset(m, 0, sizeof(*m));
}

static int map_push(struct dms_extent_map *m)
{
	struct dms_extent *e;

	if (m->n == m->alloc) {
		uint64_t na = m->alloc ? m->alloc * 2 : 16;

		if (na > (1u << 26) || !(e = realloc(m->ext, na * sizeof(*e))))
			return na > (1u << 26) ? -E2BIG : -ENOMEM;
		m->ext = e;
		m->alloc = na;
	}
	e = &m->ext[m->n];
	e->id = m->n;
	e->start = m->pending_physical >> SECTOR_SHIFT;
	e->len = m->pending_length >> SECTOR_SHIFT;
	m->n++;
	return 0;
}

static void set_pending(struct dms_extent_map *m, const struct fiemap_extent *fe)
{
	m->pending_logical = fe->fe_logical;
	m->pending_physical = fe->fe_physical;
	m->pending_length = fe->fe_length;
}

int dms_extent_map_add(struct dms_extent_map *m, const struct fiemap_extent *fe, unsigned nr)
{
	unsigned i;
	int rc;

	if (!nr)
		return 0;
	for (i = 0; i < nr; i++) {
		uint64_t expected = m->last_physical + m->last_length;

		if (fe[i].fe_flags & FIEMAP_EXTENT_LAST)
			m->eof = 1;
		/* not allocated yet: nothing to count */
		if (fe[i].fe_flags & (FIEMAP_EXTENT_UNKNOWN | FIEMAP_EXTENT_DELALLOC))
			continue;
		/* a new extent where the physical addresses do not follow on */
		if (m->pending_length && fe[i].fe_logical != 0 && fe[i].fe_physical != expected) {
			if ((rc = map_push(m)) < 0)
				return rc;
			set_pending(m, &fe[i]);
		} else if (!m->pending_length || fe[i].fe_logical == 0)
			set_pending(m, &fe[i]);
		else
			m->pending_length += fe[i].fe_length;
		m->last_logical = fe[i].fe_logical;
		m->last_physical = fe[i].fe_physical;
		m->last_length = fe[i].fe_length;
	}
	/* the last one, or a file of one extent (libdm's test: the batch's last starts the file) */
	if ((m->eof || fe[nr - 1].fe_logical == 0) && (rc = map_push(m)) < 0)
		return rc;
	m->next_start = fe[nr - 1].fe_logical + fe[nr - 1].fe_length;
	return 0;
}

int dms_extent_map_finish(struct dms_extent_map *m, struct dms_extent **ext, uint64_t *count)
{
	*ext = NULL;
	*count = 0;
	if (!m->n) {
		free(m->ext);
		dms_extent_map_init(m);
		return -ENODATA;
	}
	*ext = m->ext;
	*count = m->n;
	dms_extent_map_init(m);
	return 0;
}

int dms_file_extents(int fd, struct dms_extent **ext, uint64_t *count)
{
	struct dms_extent_map m;
	struct fiemap *fm;
	unsigned calls;
	int rc = 0;

	*ext = NULL;
	*count = 0;
	if (!(fm = calloc(1, FIEMAP_BUF_LEN)))
		return -ENOMEM;
	dms_extent_map_init(&m);
	for (calls = 0; !m.eof; calls++) {
		uint64_t start = fm->fm_start;

		if (calls >= FIEMAP_MAX_CALLS) {
			rc = -E2BIG;
			break;
		}
		fm->fm_length = ~0ULL;
		fm->fm_flags = FIEMAP_FLAG_SYNC;
		fm->fm_extent_count = (FIEMAP_BUF_LEN - sizeof(*fm)) / sizeof(struct fiemap_extent);
		fm->fm_mapped_extents = 0;
		if (ioctl(fd, FS_IOC_FIEMAP, fm) < 0) {
			rc = -errno;
			break;
		}
		if (!fm->fm_mapped_extents)
			break;
		if (fm->fm_mapped_extents > fm->fm_extent_count) {
			rc = -EPROTO;
			break;
		}
		if ((rc = dms_extent_map_add(&m, fm->fm_extents, fm->fm_mapped_extents)) < 0)
			break;
		/* a reply that does not move on would be asked again for ever */
		if (!m.eof && m.next_start <= start) {
			rc = -EPROTO;
			break;
		}
		fm->fm_start = m.next_start;
	}
	free(fm);
	if (rc < 0) {
		free(m.ext);
		return rc;
	}
	return dms_extent_map_finish(&m, ext, count);
}

int dms_filemap_plan(const struct dms *s, uint64_t group_id, const struct dms_extent *ext,
		     uint64_t count, struct dms_filemap_plan *plan)
{
	const struct dms_group *g;
	uint64_t i;
	size_t k;

	memset(plan, 0, sizeof(*plan));
	if (!dms_group_present(s, group_id))
		return -ENOENT;
	g = &s->groups[group_id];
	if ((g->members.n && (!(plan->delete_ids = calloc(g->members.n, sizeof(uint64_t))) ||
			      !(plan->keep = calloc(g->members.n, sizeof(*plan->keep))))) ||
	    (count && (!(plan->create = calloc(count, sizeof(uint64_t))) ||
		       !(plan->region_of = calloc(count, sizeof(uint64_t)))))) {
		dms_filemap_plan_free(plan);
		return -ENOMEM;
	}
	/* first pass, highest member first: keep the regions that still match an extent */
	for (k = g->members.n; k-- > 0;) {
		uint64_t id = g->members.ids[k];
		const struct dms_region *r = &s->regions[id];
		int found = 0;

		for (i = 0; i < count && !found; i++)
			found = ext[i].start == r->start && ext[i].len == r->len;
		if (found) {
			plan->keep[plan->nr_keep].id = id;
			plan->keep[plan->nr_keep].start = r->start;
			plan->keep[plan->nr_keep].len = r->len;
			plan->nr_keep++;
		} else {
			if (id == group_id)
				plan->regroup = 1;
			plan->delete_ids[plan->nr_delete++] = id;
		}
	}
	/* second pass: each extent a kept region, or a new one */
	for (i = 0; i < count; i++) {
		uint64_t j;

		plan->region_of[i] = DMS_NONE;
		for (j = 0; j < plan->nr_keep; j++)
			if (plan->keep[j].start == ext[i].start && plan->keep[j].len == ext[i].len) {
				plan->region_of[i] = plan->keep[j].id;
				break;
			}
		if (plan->region_of[i] == DMS_NONE)
			plan->create[plan->nr_create++] = i;
	}
	return 0;
}

void dms_filemap_plan_free(struct dms_filemap_plan *plan)
{
	free(plan->delete_ids);
	free(plan->keep);
	free(plan->create);
	free(plan->region_of);
	memset(plan, 0, sizeof(*plan));
}
