/* ls --tree: its -o words, and the drawing (tree.c). */
#ifndef DMSETUP_TREE_H
#define DMSETUP_TREE_H

/* 0, or -errno told. */
int tree_options(const char *options);
/* 0, or -errno (a device that could not be read is told). */
int ls_tree(void);

#endif
