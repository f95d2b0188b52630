/* test_alloc.c: arrays on cache lines of their own, and arrays grown by
 * doubling, with or without their new elements zeroed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "testutil.h"

typedef struct {
    double v;
    int32_t k;
} item;

/* From empty with first 4: index 0 gives 4 elements; index 9 doubles to
 * 8, then 16; the elements already there keep their values and the 12 new
 * ones are zero. */
static void grow_doubles_and_zeroes(void **state)
{
    (void)state;
    size_t cap = 0;
    item *a = ecai_grow_zeroed(NULL, &cap, 0, sizeof *a, 4);
    assert_non_null(a);
    assert_int_equal(cap, 4);
    for (size_t i = 0; i < cap; i++) {
        assert_true(a[i].v == 0 && a[i].k == 0);
        a[i] = (item){2.385 * (double)i, (int32_t)i - 7};
    }
    item *b = ecai_grow_zeroed(a, &cap, 3, sizeof *b, 4); /* fits: unchanged */
    assert_ptr_equal(b, a);
    assert_int_equal(cap, 4);
    a = ecai_grow_zeroed(a, &cap, 9, sizeof *a, 4);
    assert_non_null(a);
    assert_int_equal(cap, 16);
    for (size_t i = 0; i < 4; i++) {
        assert_true(a[i].v == 2.385 * (double)i);
        assert_int_equal(a[i].k, (int32_t)i - 7);
    }
    for (size_t i = 4; i < cap; i++)
        assert_true(a[i].v == 0 && a[i].k == 0);
    free(a);
}

/* A size that cannot be held fails and leaves the array as it was. */
static void grow_overflow(void **state)
{
    (void)state;
    size_t cap = 0;
    char *a = ecai_grow_zeroed(NULL, &cap, 10, 1, 0); /* first 0 counts as 1 */
    assert_non_null(a);
    assert_int_equal(cap, 16);
    a[15] = 'x';
    assert_null(ecai_grow_zeroed(a, &cap, SIZE_MAX - 1, 1, 0));
    assert_null(ecai_grow_zeroed(a, &cap, SIZE_MAX / 4, 8, 0));
    assert_int_equal(cap, 16);
    assert_int_equal(a[15], 'x');
    free(a);
}

/* Without zeroing, the elements there keep their values and the array
 * grows as with zeroing: 5 from first 5 for index 2, then 10, 20. */
static void grow_keeps(void **state)
{
    (void)state;
    size_t cap = 0;
    int *a = ecai_grow(NULL, &cap, 2, sizeof *a, 5);
    assert_non_null(a);
    assert_int_equal(cap, 5);
    for (int i = 0; i < 5; i++)
        a[i] = 3 * i + 1;
    a = ecai_grow(a, &cap, 13, sizeof *a, 5);
    assert_non_null(a);
    assert_int_equal(cap, 20);
    for (int i = 0; i < 5; i++)
        assert_int_equal(a[i], 3 * i + 1);
    assert_null(ecai_grow(a, &cap, SIZE_MAX / 2, sizeof *a, 5));
    assert_int_equal(cap, 20);
    free(a);
}

static void lines_aligned_and_zeroed(void **state)
{
    (void)state;
    unsigned char *p = ecai_calloc_lines(3, 2 * ECAI_LINE);
    assert_non_null(p);
    assert_int_equal((uintptr_t)p % ECAI_LINE, 0);
    for (size_t i = 0; i < 6 * ECAI_LINE; i++)
        assert_int_equal(p[i], 0);
    free(p);
    assert_null(ecai_calloc_lines(SIZE_MAX / 64, 128));
    free(ecai_calloc_lines(0, ECAI_LINE)); /* nothing asked: freeable */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_doubles_and_zeroes),
        cmocka_unit_test(grow_overflow),
        cmocka_unit_test(grow_keeps),
        cmocka_unit_test(lines_aligned_and_zeroed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
