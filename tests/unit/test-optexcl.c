/* Exclusive option rows, as util-linux's err_exclusive_options sees them. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "optexcl.h"
#include "unit.h"



static const optexcl_row rows[] = {
	{ 'D', 'a', 'c', 'd', 'f', 'j' },
	{ 'D', 'O', 'c', 'd', 'f' },
	{ 'J', 300 },
	{ 0 }
};

static int run(const int *opts, size_t n)
{
	int status[4] = { 0 };
	size_t i;
	int row = -1;

	for (i = 0; i < n && row < 0; i++)
		row = optexcl_check(rows, status, opts[i]);
	return row;
}

int main(void)
{
	CHECK(run((int[]){ 'a', 'd' }, 2) == 0, "-a -d conflict in row 0");
	CHECK(run((int[]){ 'a', 'a' }, 2) == -1, "the same option twice is fine");
	CHECK(run((int[]){ 'd', 'O' }, 2) == 1, "-d -O conflict (row in order)");
	CHECK(run((int[]){ 'J', 300 }, 2) == 2, "-J --raw");
	CHECK(run((int[]){ 'l', 'J', 'n' }, 3) == -1, "unrelated options");
	{
		/* a row out of ASCII order never fires: the 2.38.1 bug we do not copy */
		static const optexcl_row bad[] = { { 'D', 'c', 'd', 'f', 'O' }, { 0 } };
		int status[2] = { 0 };

		optexcl_check(bad, status, 'd');
		CHECK(optexcl_check(bad, status, 'O') == -1, "unsorted row is blind to -O");
	}
	return unit_finish("unit-optexcl");
}
