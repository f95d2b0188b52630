/* test_hash.c: the byte hash and the string-to-index map: lookups,
 * duplicates, keys with any bytes, growth. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "testutil.h"

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* ---- string map ---- */

static int map_setup(void **state)
{
    ecai_strmap *m = ecai_strmap_alloc();
    if (!m)
        return -1;
    *state = m;
    return 0;
}

static int map_teardown(void **state)
{
    ecai_strmap_free(*state);
    return 0;
}

static void map_put_get(void **state)
{
    ecai_strmap *m = *state;
    assert_int_equal(ecai_strmap_get(m, "coke", 4), -1); /* empty map */
    assert_int_equal(ecai_strmap_put(m, "coke", 4, 3), 0);
    assert_int_equal(ecai_strmap_put(m, "electricity", 11, 17), 0);
    assert_int_equal(ecai_strmap_put(m, "焦炉煤气", strlen("焦炉煤气"), 2385),
                     0);
    assert_int_equal(ecai_strmap_get(m, "coke", 4), 3);
    assert_int_equal(ecai_strmap_get(m, "electricity", 11), 17);
    assert_int_equal(ecai_strmap_get(m, "焦炉煤气", strlen("焦炉煤气")), 2385);
    /* the length bounds the key: "cokes" cut at 4 is "coke" */
    assert_int_equal(ecai_strmap_get(m, "cokes", 4), 3);
    assert_int_equal(ecai_strmap_get(m, "cokes", 5), -1);
    assert_int_equal(ecai_strmap_get(m, "cok", 3), -1);
    assert_int_equal(ecai_strmap_get(m, "Coke", 4), -1); /* case matters */
    /* a duplicate put returns 1 and keeps the first index */
    assert_int_equal(ecai_strmap_put(m, "coke", 4, 99), 1);
    assert_int_equal(ecai_strmap_get(m, "coke", 4), 3);
    /* an index of 0 and negative indices are stored as given */
    assert_int_equal(ecai_strmap_put(m, "zero", 4, 0), 0);
    assert_int_equal(ecai_strmap_get(m, "zero", 4), 0);
    assert_int_equal(ecai_strmap_put(m, "minus", 5, -7), 0);
    assert_int_equal(ecai_strmap_get(m, "minus", 5), -7);
    /* set changes a present key's index only */
    assert_int_equal(ecai_strmap_set(m, "electricity", 11, 4), 0);
    assert_int_equal(ecai_strmap_get(m, "electricity", 11), 4);
    assert_int_equal(ecai_strmap_set(m, "heat", 4, 8), -1);
    assert_int_equal(ecai_strmap_get(m, "heat", 4), -1);
}

static void map_copies_keys(void **state)
{
    ecai_strmap *m = *state;
    char buf[32];
    strcpy(buf, "washed_coal");
    assert_int_equal(ecai_strmap_put(m, buf, strlen(buf), 41), 0);
    memset(buf, 'x', sizeof buf - 1); /* the caller's buffer is reused */
    buf[sizeof buf - 1] = '\0';
    assert_int_equal(ecai_strmap_get(m, "washed_coal", 11), 41);
    assert_int_equal(ecai_strmap_get(m, buf, 11), -1);
}

/* Keys are byte strings with a length: NUL, high bytes, prefixes and the
 * empty key are all distinct keys. */
static void map_any_bytes(void **state)
{
    ecai_strmap *m = *state;
    static const struct {
        const char *k;
        size_t n;
    } keys[] = {
        {"", 0},        {"a", 1},          {"a\0", 2},     {"a\0b", 3},
        {"a\0c", 3},    {"\0", 1},         {"\0\0", 2},    {"\0a", 2},
        {"\xff", 1},    {"\xff\xfe", 2},   {"\x80", 1},    {"ab", 2},
        {"ba", 2},      {"a\0b\0", 4},     {"12345678", 8}, {"123456789", 9},
        {"1234567\0", 8}, {"12345678\0", 9}, {"万吨", 6},  {"万吨\0", 7},
    };
    size_t nk = sizeof keys / sizeof keys[0];
    for (size_t i = 0; i < nk; i++)
        assert_int_equal(ecai_strmap_put(m, keys[i].k, keys[i].n,
                                         (long)(100 + i)),
                         0);
    for (size_t i = 0; i < nk; i++) {
        assert_int_equal(ecai_strmap_get(m, keys[i].k, keys[i].n),
                         (long)(100 + i));
        assert_int_equal(ecai_strmap_put(m, keys[i].k, keys[i].n, 1), 1);
    }
    /* keys that differ only past their length are the same key */
    assert_int_equal(ecai_strmap_get(m, "a\0zzz", 2), 102);
}

static void map_growth(void **state)
{
    ecai_strmap *m = *state;
    enum { N = 20000 };
    char k[64];
    /* far past the first capacity (64) through many doublings */
    for (long i = 0; i < N; i++) {
        int n = snprintf(k, sizeof k, "firm-%ld/%lx", i * 7919, i);
        assert_int_equal(ecai_strmap_put(m, k, (size_t)n, i), 0);
    }
    for (long i = 0; i < N; i++) {
        int n = snprintf(k, sizeof k, "firm-%ld/%lx", i * 7919, i);
        assert_int_equal(ecai_strmap_get(m, k, (size_t)n), i);
        assert_int_equal(ecai_strmap_put(m, k, (size_t)n, -1), 1);
    }
    for (long i = N; i < N + 1000; i++) {
        int n = snprintf(k, sizeof k, "firm-%ld/%lx", i * 7919, i);
        assert_int_equal(ecai_strmap_get(m, k, (size_t)n), -1);
    }
}

/* Prefixes of one long run of the same byte: lengths 0..599 are 600
 * distinct keys sharing all their bytes. */
static void map_lengths(void **state)
{
    ecai_strmap *m = *state;
    char *z = calloc(600, 1);
    assert_non_null(z);
    for (long n = 0; n < 600; n++)
        assert_int_equal(ecai_strmap_put(m, z, (size_t)n, n), 0);
    for (long n = 0; n < 600; n++)
        assert_int_equal(ecai_strmap_get(m, z, (size_t)n), n);
    free(z);
}

static void free_null(void **state)
{
    (void)state;
    ecai_strmap_free(NULL);
}

/* ---- the byte hash ---- */

static void hash_deterministic(void **state)
{
    (void)state;
    const char *s = "coke_oven_gas|2022-07-15T13:47|meter-0042";
    size_t n = strlen(s);
    uint64_t h = ecai_hash(s, n, 0x1234567);
    assert_int_equal(ecai_hash(s, n, 0x1234567), h);
    /* the same bytes at every alignment give the same hash */
    char *buf = malloc(n + 16);
    assert_non_null(buf);
    for (size_t off = 0; off < 16; off++) {
        memcpy(buf + off, s, n);
        assert_int_equal(ecai_hash(buf + off, n, 0x1234567), h);
    }
    free(buf);
    /* the empty input is hashed too, and depends on the seed */
    assert_int_equal(ecai_hash("", 0, 5), ecai_hash("x", 0, 5));
    assert_int_not_equal(ecai_hash("", 0, 5), ecai_hash("", 0, 6));
}

static void hash_seed_and_input_dependence(void **state)
{
    (void)state;
    const char *s = "washed_coal";
    /* different seeds: all 64 single-bit seeds and 0 give 65 hashes */
    uint64_t hs[65];
    hs[0] = ecai_hash(s, strlen(s), 0);
    for (int b = 0; b < 64; b++)
        hs[b + 1] = ecai_hash(s, strlen(s), 1ULL << b);
    qsort(hs, 65, sizeof hs[0], cmp_u64);
    for (int i = 1; i < 65; i++)
        assert_int_not_equal(hs[i - 1], hs[i]);
    /* every single-bit change of a 24-byte input changes the hash */
    unsigned char in[24];
    for (size_t i = 0; i < sizeof in; i++)
        in[i] = (unsigned char)(0x35 * i + 7);
    uint64_t base = ecai_hash(in, sizeof in, 9);
    for (size_t i = 0; i < sizeof in; i++)
        for (int b = 0; b < 8; b++) {
            in[i] ^= (unsigned char)(1u << b);
            assert_int_not_equal(ecai_hash(in, sizeof in, 9), base);
            in[i] ^= (unsigned char)(1u << b);
        }
    /* the length counts: trailing NULs make other keys */
    static const char zeros[17];
    uint64_t hz[17];
    for (size_t n = 0; n <= 16; n++)
        hz[n] = ecai_hash(zeros, n, 0);
    qsort(hz, 17, sizeof hz[0], cmp_u64);
    for (int i = 1; i < 17; i++)
        assert_int_not_equal(hz[i - 1], hz[i]);
}

/* 100 000 distinct short keys: no 64-bit collision (expected count about
 * 100 000^2 / 2^65 = 2.7e-10), and the low 10 bits, which pick a slot,
 * spread evenly: about 97.7 keys a bucket, sd 9.9; all within 50..150. */
static void hash_spread(void **state)
{
    (void)state;
    enum { N = 100000 };
    uint64_t *h = malloc(N * sizeof *h);
    int bucket[1024] = {0};
    assert_non_null(h);
    for (int i = 0; i < N; i++) {
        char k[32];
        int n = snprintf(k, sizeof k, "F%d", i);
        h[i] = ecai_hash(k, (size_t)n, 0);
        bucket[h[i] & 1023]++;
    }
    for (int b = 0; b < 1024; b++)
        if (bucket[b] < 50 || bucket[b] > 150)
            fail_msg("bucket %d holds %d keys", b, bucket[b]);
    qsort(h, N, sizeof *h, cmp_u64);
    for (int i = 1; i < N; i++)
        assert_int_not_equal(h[i - 1], h[i]);
    free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(map_put_get, map_setup, map_teardown),
        cmocka_unit_test_setup_teardown(map_copies_keys, map_setup,
                                        map_teardown),
        cmocka_unit_test_setup_teardown(map_any_bytes, map_setup,
                                        map_teardown),
        cmocka_unit_test_setup_teardown(map_growth, map_setup, map_teardown),
        cmocka_unit_test_setup_teardown(map_lengths, map_setup, map_teardown),
        cmocka_unit_test(free_null),
        cmocka_unit_test(hash_deterministic),
        cmocka_unit_test(hash_seed_and_input_dependence),
        cmocka_unit_test(hash_spread),
    };
    return cmocka_run_group_tests_name("hash", tests, NULL, NULL);
}
