/* SPDX-License-Identifier: MIT */
#include "unit.h"

/* Run only by `unit-tests --selftest`, which expects it to fail. */
TEST(selftest_failing_check_is_reported)
{
	CHECK_INT(1 + 1, 3);
}
