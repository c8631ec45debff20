#include "config.h"

#include "optexcl.h"

int optexcl_check(const optexcl_row *rows, int *status, int c)
{
	int e;

	for (e = 0; rows[e][0] && rows[e][0] <= c; e++) {
		const int *op;

		for (op = rows[e]; *op && *op <= c; op++) {
			if (*op != c)
				continue;
			if (!status[e])
				status[e] = c;
			else if (status[e] != c)
				return e;
			break;
		}
	}
	return -1;
}
