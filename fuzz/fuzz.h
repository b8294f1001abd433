/* SPDX-License-Identifier: MIT */
#ifndef KANSOKU_FUZZ_FUZZ_H
#define KANSOKU_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/*
 * Every fuzz/fuzz_<reader>.c defines this libFuzzer entry point. The same
 * file is also linked with tests/fuzz/replay.c into a plain program that
 * `make check` runs over tests/fuzz/<target>/ so that every input that ever
 * crashed stays a regression test, with or without clang.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
