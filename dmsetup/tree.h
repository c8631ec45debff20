/* ls --tree: its -o words, and the drawing (tree.c). */
#ifndef DMSETUP_TREE_H
#define DMSETUP_TREE_H

/* 1, or 0 after telling. */
int tree_options(const char *options);
int ls_tree(void);

#endif
