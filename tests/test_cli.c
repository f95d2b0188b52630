/* test_cli.c: the eca tool as a user meets it: help and usage errors, exit
 * statuses, the output folder (complete or absent), rejected.csv, and
 * byte-identical files for --threads 1, 2 and 7. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "eca.h"
#include "testutil.h"
#include <gsl/gsl_errno.h>

static int setup(void **state)
{
    *state = tu_tmpdir();
    return 0;
}

static int teardown(void **state)
{
    tu_rmtree(*state);
    free(*state);
    return 0;
}

static void help_and_usage(void **state)
{
    const char *d = *state;
    assert_int_equal(tu_eca(d, "--help"), 0);
    char *p = tu_path(d, "stdout"), *text = tu_read(p);
    assert_non_null(strstr(text, "audit DIR"));
    free(text);
    assert_int_equal(tu_eca(d, "audit --help"), 0);
    text = tu_read(p);
    assert_non_null(strstr(text, "exit status"));
    /* every file the run writes */
    static const char *const outs[] = {"firms.csv", "flags.csv",
                                       "breakdown.csv", "series.csv",
                                       "rejected.csv", "summary.json"};
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++)
        if (!strstr(text, outs[i]))
            fail_msg("audit --help does not name %s:\n%s", outs[i], text);
    free(text);
    free(p);
    assert_int_equal(tu_eca(d, "--version"), 0);
    assert_int_equal(tu_eca(d, " "), 2);
    assert_int_equal(tu_eca(d, "frobnicate"), 2);
    assert_int_equal(tu_eca(d, "audit"), 2);
    assert_int_equal(tu_eca(d, "audit x --threads 0"), 2);
    assert_int_equal(tu_eca(d, "audit x --threads"), 2);
    assert_int_equal(tu_eca(d, "audit x --year 22"), 2);
    assert_int_equal(tu_eca(d, "audit x --electricity coal"), 2);
    assert_int_equal(tu_eca(d, "audit x --bogus"), 2);
    assert_int_equal(tu_eca(d, "audit x y"), 2);
    p = tu_path(d, "stderr");
    text = tu_read(p);
    assert_non_null(strstr(text, "unexpected argument \"y\""));
    free(text);
    free(p);
}

/* The golden dataset end to end: status 0, the four files, rows of
 * rejected.csv = rejected counts of summary.json (2 + 5). */
static void golden_outputs(void **state)
{
    const char *d = *state;
    char *src = tu_src("tests/data/golden"), *out = tu_path(d, "out");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", src, out), 0);
    static const char *const files[] = {"firms.csv", "flags.csv",
                                        "rejected.csv", "summary.json"};
    for (int i = 0; i < 4; i++) {
        char *p = tu_path(out, files[i]);
        assert_true(tu_exists(p));
        free(p);
    }
    char *p = tu_path(out, "rejected.csv"), *text = tu_read(p);
    size_t lines = 0;
    for (char *c = text; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 1 + 2 + 5);
    assert_non_null(strstr(text, "meters.csv,24,quantity,bad_quantity,"
                                 "\"\"\"12,5\"\" is not a number\"\n"));
    free(text);
    free(p);
    p = tu_path(out, "summary.json");
    text = tu_read(p);
    assert_non_null(strstr(text, "\"meters.csv\": {\"read\": 25, \"used\": "
                                 "19, \"outside_year\": 1, \"rejected\": 5}"));
    assert_non_null(strstr(text, "\"year\": 2022"));
    /* the input as given, with the sizes of its two files */
    struct stat sf, sm;
    char *fp = tu_path(src, "firms.csv"), *mp = tu_path(src, "meters.csv"),
         want[4300];
    assert_int_equal(stat(fp, &sf), 0);
    assert_int_equal(stat(mp, &sm), 0);
    snprintf(want, sizeof want, "\"input\": {\"folder\": \"%s\", \"bytes\": "
             "{\"firms.csv\": %lld, \"meters.csv\": %lld}},", src,
             (long long)sf.st_size, (long long)sm.st_size);
    if (!strstr(text, want))
        fail_msg("summary.json lacks %s:\n%s", want, text);
    free(fp);
    free(mp);
    free(text);
    free(p);
    p = tu_path(out, "firms.csv");
    text = tu_read(p);
    /* K1's line: 1 762.080440905 tce, a key firm (see test_audit.c) */
    assert_non_null(strstr(text, "\nK1,化工一厂,chemicals,清源镇,"
                                 "1762.080440905,1482.125,0,"
                                 "279.955440905,0,,1,"));
    /* the last column, the peer group: C1 (top-charged ovens) is ranked
     * among the coking sector's coke ovens, K1 among the chemicals */
    assert_non_null(strstr(text, ",rows_used,peer_group\n"));
    assert_non_null(strstr(text, ",coking\nK1,"));
    assert_non_null(strstr(text, ",chemicals\nM1,"));
    free(text);
    free(p);
    free(src);
    free(out);
}

/* Input errors: status 3, a message naming the file, and no output. */
static void input_errors_leave_nothing(void **state)
{
    const char *d = *state;
    char *out = tu_path(d, "out"), *ds = tu_path(d, "ds");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", ds);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", ds, out), 3);
    assert_false(tu_exists(out));
    char *p = tu_path(d, "stderr"), *text = tu_read(p);
    assert_non_null(strstr(text, "firms.csv: cannot open"));
    free(text);
    tu_write(ds, "firms.csv", "firm_id\nA\n");
    tu_write(ds, "meters.csv", "firm_id,carrier,period,quantity\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", ds, out), 3);
    assert_false(tu_exists(out));
    text = tu_read(p);
    assert_non_null(strstr(text, "meters.csv:1: column 'unit'"));
    free(text);
    /* strict: a rejected row fails the run */
    tu_write(ds, "meters.csv", "firm_id,carrier,period,quantity,unit\n"
                               "A,coke,2022-01,1.5,t\nB,coke,2022-01,1,t\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", ds, out), 0);
    assert_true(tu_exists(out));
    tu_rmtree(out);
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s' --strict", ds, out), 3);
    assert_false(tu_exists(out));
    text = tu_read(p);
    assert_non_null(strstr(text, "meters.csv:3: column 'firm_id'"));
    free(text);
    /* a bad override table is an input error too */
    tu_write(ds, "over.csv", "carrier,unit,kgce_per_unit\ncoke,kWh,1\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s' --factors '%s/over.csv'",
                            ds, out, ds), 3);
    assert_false(tu_exists(out));
    /* no temporary folder is left beside the output either */
    snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -q eca-out", d);
    assert_int_not_equal(system(cmd), 0);
    free(p);
    free(out);
    free(ds);
}

/* --out naming the dataset folder itself, by any path, is a usage error
 * (status 2): the output firms.csv would replace the input one. The
 * folder is left as it was; a subfolder of it is a fine OUTDIR. */
static void out_is_dataset_folder(void **state)
{
    const char *d = *state;
    static const char firms[] = "firm_id\nA\n",
                      meters[] = "firm_id,carrier,period,quantity,unit\n"
                                 "A,coke,2022-01,1.5,t\n";
    char *ds = tu_path(d, "ds"), *sub = tu_path(ds, "sub"),
         *link = tu_path(d, "link"), *err = tu_path(d, "stderr"), cmd[4200];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", sub);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(symlink(ds, link), 0);
    tu_write(ds, "firms.csv", firms);
    tu_write(ds, "meters.csv", meters);
    static const char *const aliases[] = {"ds", "ds/", "ds/sub/..", "link",
                                          "link/sub/../"};
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        assert_int_equal(tu_eca(d, "audit '%s' --out '%s/%s'", ds, d,
                                aliases[i]), 2);
        char *e = tu_read(err);
        if (!strstr(e, "is the dataset folder"))
            fail_msg("--out %s: stderr is %s", aliases[i], e);
        free(e);
        char *p = tu_path(ds, "firms.csv"), *text = tu_read(p);
        assert_string_equal(text, firms);
        free(text);
        free(p);
        p = tu_path(ds, "meters.csv");
        text = tu_read(p);
        assert_string_equal(text, meters);
        free(text);
        free(p);
        p = tu_path(ds, "summary.json");
        assert_false(tu_exists(p));
        free(p);
    }
    snprintf(cmd, sizeof cmd, "ls -a '%s' '%s' | grep -q eca-out", d, ds);
    assert_int_not_equal(system(cmd), 0);
    /* a folder inside the dataset folder takes the output */
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", ds, sub), 0);
    char *p = tu_path(sub, "summary.json");
    assert_true(tu_exists(p));
    free(p);
    free(err);
    free(link);
    free(sub);
    free(ds);
}

/* Reads dir/name and fails unless it holds want. */
static void assert_file(const char *dir, const char *name, const char *want)
{
    char *p = tu_path(dir, name), *text = tu_read(p);
    if (!text || strcmp(text, want))
        fail_msg("%s holds \"%s\", expected \"%s\"", p, text ? text : "(none)",
                 want);
    free(text);
    free(p);
}

/* An output name taken by a folder in OUTDIR: status 1, a message naming
 * it, and nothing replaced (firms.csv and flags.csv, moved in before
 * summary.json, used to be). Without it, the run replaces the output
 * names only: a symlink in OUTDIR is replaced, not the file it points
 * to, and other files stay. OUTDIR a file: status 1 too. */
static void blocked_output(void **state)
{
    const char *d = *state;
    char *src = tu_src("tests/data/golden"), *out = tu_path(d, "out"),
         *blocker = tu_path(out, "summary.json"), *target = tu_path(d, "x.csv"),
         *link = tu_path(out, "series.csv"), cmd[8400];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", blocker);
    assert_int_equal(system(cmd), 0);
    tu_write(out, "firms.csv", "old firms\n");
    tu_write(out, "flags.csv", "old flags\n");
    tu_write(out, "notes.txt", "the auditor's own\n");
    tu_write(d, "x.csv", "elsewhere\n");
    assert_int_equal(symlink(target, link), 0);
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", src, out), 1);
    assert_file(out, "firms.csv", "old firms\n");
    assert_file(out, "flags.csv", "old flags\n");
    assert_file(d, "x.csv", "elsewhere\n");
    char *p = tu_path(d, "stderr"), *text = tu_read(p);
    snprintf(cmd, sizeof cmd, "eca: cannot replace %s: it is a folder", blocker);
    if (!strstr(text, cmd))
        fail_msg("stderr lacks \"%s\":\n%s", cmd, text);
    free(text);
    static const char *const absent[] = {"breakdown.csv", "rejected.csv"};
    for (int i = 0; i < 2; i++) {
        char *a = tu_path(out, absent[i]);
        assert_false(tu_exists(a));
        free(a);
    }
    snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -q eca-out", d);
    assert_int_not_equal(system(cmd), 0);
    /* the folder gone, the run replaces the six names and nothing else */
    snprintf(cmd, sizeof cmd, "rmdir '%s'", blocker);
    assert_int_equal(system(cmd), 0);
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", src, out), 0);
    text = tu_read(p);
    assert_string_equal(text, "");
    free(text);
    assert_file(out, "notes.txt", "the auditor's own\n");
    assert_file(d, "x.csv", "elsewhere\n");
    static const char *const replaced[] = {"firms.csv", "series.csv"};
    for (int i = 0; i < 2; i++) {
        char *r = tu_path(out, replaced[i]), *t = tu_read(r);
        assert_non_null(t);
        assert_int_equal(strncmp(t, "firm_id,", strlen("firm_id,")), 0);
        free(t);
        free(r);
    }
    /* OUTDIR a file */
    char *file = tu_path(d, "file");
    tu_write(d, "file", "a file\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", src, file), 1);
    text = tu_read(p);
    assert_non_null(strstr(text, "is not a folder"));
    free(text);
    assert_file(d, "file", "a file\n");
    /* what --help says of it */
    assert_int_equal(tu_eca(d, "audit --help"), 0);
    char *o = tu_path(d, "stdout");
    text = tu_read(o);
    assert_non_null(strstr(text, "moved in one by one, replacing files of\n"
                                 "the same name; other files in OUTDIR are "
                                 "left alone."));
    free(text);
    free(o);
    free(file);
    free(p);
    free(link);
    free(target);
    free(blocker);
    free(out);
    free(src);
}

/* Runs `eca ARGS --out D/out`: the status, the whole of stderr, and no
 * output folder. */
static void fails(const char *d, int status, const char *msg,
                  const char *args)
{
    char *out = tu_path(d, "out"), *p = tu_path(d, "stderr");
    assert_int_equal(tu_eca(d, "%s --out '%s'", args, out), status);
    char *e = tu_read(p);
    if (strcmp(e, msg) != 0)
        fail_msg("eca %s: stderr is \"%s\", expected \"%s\"", args, e, msg);
    assert_false(tu_exists(out));
    free(e);
    free(p);
    free(out);
}

/* A dataset D/ds of firms A and B and the given meter rows. */
static char *dataset(const char *d, const char *meters)
{
    char *ds = tu_path(d, "ds"), cmd[4200];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", ds);
    assert_int_equal(system(cmd), 0);
    tu_write(ds, "firms.csv", "firm_id,sector\nA,food\nB,power\n");
    tu_write(ds, "meters.csv", meters);
    return ds;
}

/* A copy of the shipped factors in D/f with one table replaced. */
static char *factors_with(const char *d, const char *name, const char *text)
{
    char *f = tu_path(d, "f"), cmd[4200];
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s'", tu_factors_dir(), f);
    assert_int_equal(system(cmd), 0);
    tu_write(f, name, text);
    return f;
}

/* A reporting year without a usable meter row is one input error, found
 * before the factors of that year are looked up (grid.csv has nothing in
 * or before 2019). The golden rows are of 2021 and 2022. */
static void year_without_rows(void **state)
{
    const char *d = *state;
    char *src = tu_src("tests/data/golden"), args[4200];
    snprintf(args, sizeof args, "audit '%s' --year 2024", src);
    fails(d, 3, "eca: meters.csv: no usable row in 2024 (rows are from 2021 "
                "to 2022)\n", args);
    snprintf(args, sizeof args, "audit '%s' --year 2019", src);
    fails(d, 3, "eca: meters.csv: no usable row in 2019 (rows are from 2021 "
                "to 2022)\n", args);
    snprintf(args, sizeof args, "explain C1 '%s' --year 2019", src);
    fails(d, 3, "eca: meters.csv: no usable row in 2019 (rows are from 2021 "
                "to 2022)\n", args);
    char *ds = dataset(d, "firm_id,carrier,period,quantity,unit\n"
                          "A,coke,2022-03,2.385,t\n");
    snprintf(args, sizeof args, "audit '%s' --year 2023", ds);
    fails(d, 3, "eca: meters.csv: no usable row in 2023 (rows are from "
                "2022)\n", args);
    free(ds);
    free(src);
}

/* No usable row at all: the message says why, since rejected.csv is not
 * written (B's sector is not a code, so B is not a firm). */
static void no_usable_row(void **state)
{
    const char *d = *state;
    char *ds = dataset(d, "firm_id,carrier,period,quantity,unit\n"), args[4200];
    snprintf(args, sizeof args, "audit '%s'", ds);
    fails(d, 3, "eca: meters.csv: no row below the header\n", args);
    tu_write(ds, "meters.csv", "firm_id,carrier,period,quantity,unit\n"
                               "Z,coke,2022-01,1.5,t\n");
    fails(d, 3, "eca: meters.csv: no usable row: every row was rejected "
                "(unknown_firm 1)\n", args);
    tu_write(ds, "firms.csv", "firm_id,sector\nA,food\nB,Power\n");
    tu_write(ds, "meters.csv", "firm_id,carrier,period,quantity,unit\n"
                               "B,coke,2022-01,1.5,t\nA,coke,2022-13,1,t\n"
                               "Z,coke,2022-02,1,t\n");
    snprintf(args, sizeof args, "audit '%s' --year 2022", ds);
    fails(d, 3, "eca: meters.csv: no usable row: every row was rejected "
                "(unknown_firm 2, bad_period 1); firms.csv: 1 of 2 rows "
                "rejected\n", args);
    free(ds);
}

/* The equal value (等价值) of a year electricity.csv does not have is an
 * input error that names the table, the year and the years it has. */
static void equal_value_year(void **state)
{
    const char *d = *state;
    char *ds = dataset(d, "firm_id,carrier,period,quantity,unit\n"
                          "A,electricity,2024-03,2385,kWh\n");
    char *f = factors_with(d, "electricity.csv",
                           "year,gce_per_kwh,source\n"
                           "2021,302.5,CEC 2021\n2022,300.7,CEC 2022\n");
    char args[8400];
    snprintf(args, sizeof args, "audit '%s' --factors-dir '%s' "
                                "--electricity equal", ds, f);
    fails(d, 3, "eca: electricity.csv: no equal-value figure for 2024; it "
                "has 2021, 2022\n", args);
    snprintf(args, sizeof args, "explain A '%s' --factors-dir '%s' "
                                "--electricity equal", ds, f);
    fails(d, 3, "eca: electricity.csv: no equal-value figure for 2024; it "
                "has 2021, 2022\n", args);
    snprintf(args, sizeof args, "audit '%s' --factors-dir '%s' "
                                "--electricity equal --equal-year-offset -4",
             ds, f);
    fails(d, 3, "eca: electricity.csv: no equal-value figure for 2020 "
                "(reporting year 2024, offset -4); it has 2021, 2022\n", args);
    snprintf(args, sizeof args, "audit '%s' --factors-dir '%s' "
                                "--electricity equal --equal-year-offset -2",
             ds, f);
    char *out = tu_path(d, "out");
    assert_int_equal(tu_eca(d, "%s --out '%s'", args, out), 0);
    free(out);
    free(f);
    free(ds);
}

/* A folder that is not there is named as given; so is a file missing
 * from a folder that is (the path as typed, not resolved). */
static void missing_folder(void **state)
{
    const char *d = *state;
    char args[4200], msg[4200];
    snprintf(args, sizeof args, "audit '%s/nowhere'", d);
    snprintf(msg, sizeof msg, "eca: %s/nowhere: no such folder\n", d);
    fails(d, 3, msg, args);
    snprintf(args, sizeof args, "explain C1 '%s/nowhere'", d);
    fails(d, 3, msg, args);
    char *ds = dataset(d, "firm_id,carrier,period,quantity,unit\n");
    snprintf(args, sizeof args, "audit '%s/../ds/firms.csv'", ds);
    snprintf(msg, sizeof msg, "eca: %s/../ds/firms.csv: not a folder\n", ds);
    fails(d, 3, msg, args);
    char *p = tu_path(ds, "firms.csv");
    assert_int_equal(remove(p), 0);
    snprintf(args, sizeof args, "audit '%s/../ds'", ds);
    snprintf(msg, sizeof msg, "eca: %s/../ds/firms.csv: cannot open: No such "
                              "file or directory\n", ds);
    fails(d, 3, msg, args);
    free(p);
    free(ds);
}

/* --grid names a region of grid.csv (a usage error otherwise, with the
 * regions listed); a region without a figure in or before the year is an
 * input error. */
static void grid_region(void **state)
{
    const char *d = *state;
    char *src = tu_src("tests/data/golden");
    char *f = factors_with(d, "grid.csv",
                           "year,region,tco2_per_mwh,source\n"
                           "2021,national,0.5568,MEE 2021\n"
                           "2022,shanxi,0.7096,MEE 2022\n"
                           "2022,national,0.5366,MEE 2022\n");
    char args[8400];
    snprintf(args, sizeof args, "audit '%s' --factors-dir '%s' --grid mars",
             src, f);
    fails(d, 2, "eca: --grid: \"mars\" is not a region of grid.csv "
                "(national, shanxi)\n(see eca audit --help)\n", args);
    snprintf(args, sizeof args, "explain C1 '%s' --factors-dir '%s' "
                                "--grid mars", src, f);
    fails(d, 2, "eca: --grid: \"mars\" is not a region of grid.csv "
                "(national, shanxi)\n(see eca explain --help)\n", args);
    snprintf(args, sizeof args, "audit '%s' --factors-dir '%s' --grid "
                                "shanxi --year 2021", src, f);
    fails(d, 3, "eca: grid.csv: no factor for region 'shanxi' in or before "
                "2021 (its first is 2022)\n", args);
    char *out = tu_path(d, "out");
    assert_int_equal(tu_eca(d, "audit '%s' --factors-dir '%s' --grid shanxi "
                               "--out '%s'", src, f, out), 0);
    free(out);
    free(f);
    free(src);
}

/* A list of regions too long for the message is cut after a whole name
 * and ends with "...". The list has 512 bytes; a name goes in while it
 * leaves room for ", ..." and the NUL (6 bytes), so up to byte 506.
 * "region_00" takes 9 bytes and each ", region_NN" after it 11: the 46th
 * name (region_45) ends at 9 + 45 x 11 = 504, the 47th would end at 515;
 * so 46 of the 60 names, then ", ...". */
static void grid_region_list_cut(void **state)
{
    const char *d = *state;
    char *src = tu_src("tests/data/golden");
    char grid[4096] = "year,region,tco2_per_mwh,source\n", want[1024];
    size_t n = strlen(grid), k = 0;
    k += (size_t)snprintf(want + k, sizeof want - k,
                          "eca: --grid: \"mars\" is not a region of "
                          "grid.csv (");
    for (int i = 0; i < 60; i++) {
        n += (size_t)snprintf(grid + n, sizeof grid - n,
                              "2022,region_%02d,0.5,test\n", i);
        if (i <= 45)
            k += (size_t)snprintf(want + k, sizeof want - k, "%sregion_%02d",
                                  i ? ", " : "", i);
    }
    snprintf(want + k, sizeof want - k,
             ", ...)\n(see eca audit --help)\n");
    char *f = factors_with(d, "grid.csv", grid), args[8400];
    snprintf(args, sizeof args, "audit '%s' --factors-dir '%s' --grid mars",
             src, f);
    fails(d, 2, want, args);
    free(f);
    free(src);
}

/* Text that is not UTF-8, as Excel saves a CSV on a Chinese Windows
 * (GBK): the line, the column and what to do about it. */
static void gbk_text(void **state)
{
    const char *d = *state;
    char *ds = dataset(d, "firm_id,carrier,period,quantity,unit\n"
                          "A,coke,2022-01,1.5,t\n"), args[4200];
    /* 清徐 (Qingxu) in GBK */
    tu_write(ds, "firms.csv", "firm_id,name,sector\nA,ok,food\n"
                              "B,\xC7\xE5\xD0\xEC,power\n");
    snprintf(args, sizeof args, "audit '%s'", ds);
    fails(d, 3, "eca: firms.csv:3: column 'name': byte 3 (0xC7) is not "
                "UTF-8 text; save the file as UTF-8; GBK or GB18030 text, "
                "as Excel often writes, is not accepted\n", args);
    free(ds);
}

/* An override table changes the figures: coke at 1.0 kgce/kg instead of
 * 0.9714: C1's convert_out grows by 9 437 500 x 0.0286 = 269 912.5 kgce,
 * so its energy falls to 129.82993249 - 269.9125 = -140.08256751 tce. */
static void factor_override(void **state)
{
    const char *d = *state;
    char *src = tu_src("tests/data/golden"), *out = tu_path(d, "out");
    tu_write(d, "over.csv", "carrier,unit,kgce_per_unit,source\n"
                            "coke,t,1000,plant laboratory 2022\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s' --factors '%s/over.csv'",
                            src, out, d), 0);
    char *p = tu_path(out, "firms.csv"), *text = tu_read(p);
    assert_non_null(strstr(text, "\nC1,\"Coke \"\"A\"\", Ltd\",coking,"
                                 "清源镇,-140.0825675100"));
    free(text);
    free(p);
    p = tu_path(out, "summary.json");
    text = tu_read(p);
    assert_non_null(strstr(text, "plant laboratory 2022"));
    free(text);
    free(p);
    free(src);
    free(out);
}

/* flags.csv: the key-firm line and the county coke target, which does not
 * apply to semi-coke. T: heating gas 300 000 m3 x 0.59285 = 177 855 kgce
 * over 1 500 t coke = 118.57 kgce/t > 110; S (semi_coke): the same gas
 * over 1 000 t = 177.855 kgce/t, no coke-target flag. Energy of T:
 * 177.855 - coke out 1 500 000 kg x 0.9714 / 1000 = -1279.245 tce. K: 2 000
 * t of raw coal x 714.3 kgce/t = 1 428.6 tce, below 1 500; L: 2 100 t =
 * 1 500.03 tce, a key firm. Both coke plants charge 2 000 t of washed coal
 * (convert_in, outside the coke boundary), so that their carbon balance
 * is positive: 2 000 x 0.6691376 = 1 338.3 tC in against 1 500 x
 * 0.8391865 = 1 258.8 tC of coke out. */
static void flags_file(void **state)
{
    const char *d = *state;
    char *out = tu_path(d, "out");
    tu_write(d, "firms.csv", "firm_id,coke_oven\nK,\nL,\nS,semi_coke\nT,top\n");
    tu_write(d, "meters.csv",
             "firm_id,carrier,flow,period,quantity,unit\n"
             "T,coke_oven_gas,consume,2022-01,300000,m3\n"
             "T,coke,convert_out,2022-01,1500,t\n"
             "T,washed_coal,convert_in,2022-01,2000,t\n"
             "S,washed_coal,convert_in,2022-01,2000,t\n"
             "S,coke_oven_gas,consume,2022-01,300000,m3\n"
             "S,coke,convert_out,2022-01,1000,t\n"
             "K,raw_coal,consume,2022-01,2000,t\n"
             "L,raw_coal,consume,2022-01,2100,t\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", d, out), 0);
    char *p = tu_path(out, "flags.csv"), *text = tu_read(p);
    /* T has no correction inputs: graded on its base limits, with the
     * four missing inputs named; every firm has one month of data: a
     * data_incomplete finding each, and the others say so; 118.57 is below the grade 3 limit 135 and
     * the NDRC baseline 135, above the benchmark 110 (info) */
    static const char *const rows[] = {
        "firm_id,rule,value,threshold,severity,source,detail\n",
        "\nL,key_firm,1500.03,1500,info,",
        "\nT,county_coke_target,118.57,110,warning,",
        "\nT,ndrc_benchmark,118.57,110,info,",
        "\nT,coke_inputs_missing,4,0,info,",
        ",\"missing: volatile_pct, moisture_pct, quench, oven_age_years; "
        "data completeness 0.0833\"\n",
        /* one month of data in twelve */
        "\nK,data_incomplete,0.0833333333333333,0.9,info,"};
    size_t lines = 0;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (!strstr(text, rows[i]))
            fail_msg("flags.csv lacks \"%s\":\n%s", rows[i], text);
    for (const char *c = text; *c; c++)
        lines += *c == '\n';
    assert_int_equal(lines, 5 + 4);
    free(text);
    free(p);
    free(out);
}

/* The findings listed on stdout: a borderline value below its line gets
 * "<" and the span that makes it borderline. */
static void summary_findings(void **state)
{
    const char *d = *state;
    char *out = tu_path(d, "out");
    tu_write(d, "firms.csv", "firm_id\nB\n");
    tu_write(d, "meters.csv", "firm_id,carrier,flow,period,quantity,unit\n"
                              "B,coke_oven_gas,consume,2022-01,2520000,m3\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", d, out), 0);
    char *p = tu_path(d, "stdout"), *text = tu_read(p);
    /* coke oven gas, 0.59285 kgce/m3 (0.5714 to 0.6143): 2 520 000 m3 ->
     * 1 493.982 tce, from 1 439.928 to 1 548.036 tce; below the key-firm
     * line of 1 500 tce, above it at the top of the range: borderline.
     * One month of twelve: completeness 1/12. */
    static const char *const line =
        "\n          B          borderline key_firm                    "
        "1493.98 < 1500.00  (1439.93 to 1548.04 over the coefficient ranges; "
        "data completeness 0.0833)\n";
    if (!strstr(text, line))
        fail_msg("stdout lacks \"%s\":\n%s", line, text);
    free(text);
    /* a detail quoting a meter id with a newline stays on its line */
    tu_write(d, "firms.csv", "firm_id\nE\n");
    tu_write(d, "meters.csv", "firm_id,meter_id,carrier,flow,period,quantity,"
                              "unit,estimated\n"
                              "E,\"M\n1\",electricity,consume,2022-01,100,kWh,"
                              "1\n");
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", d, out), 0);
    text = tu_read(p);
    static const char *const est =
        "\n          E          warning    meter_estimated_share          "
        "1.00 > 0.20  (meter \"M 1\" electricity consume: 1 share of its "
        "readings estimated)\n";
    if (!strstr(text, est))
        fail_msg("stdout lacks \"%s\":\n%s", est, text);
    free(text);
    free(p);
    free(out);
}

/* The findings listed on stdout: violations first, then borderline ones,
 * then warnings, 20 lines at most; a grade whose intensity is implausible
 * is marked. Every firm has one month of data (completeness 1/12).
 * T (top): 100 000 kWh x 0.1229 kgce/kWh over 1 000 t of coke = 12.29
 * kgce/t, grade 1 by the numbers but below the plausibility bound of 60:
 * coke_intensity_low (warning). V (top): 1 200 000 kWh = 147.48 kgce/t:
 * ndrc_baseline and gb21342_grade3 above 135 (violations),
 * county_coke_target (warning), grade 0. Both charge 1 500 t of washed
 * coal, so their carbon balance is positive. W01-W11 (no oven) each make
 * 1 t of coke with no energy: coke_without_heating (0 kgce/t, warning)
 * and a negative carbon balance, 1 t x 28.447 GJ/t x 29.5 tC/TJ x 44/12 =
 * -3.08 tCO2 (warning). Counted: 2 violations, 1 + 1 + 22 = 24 warnings,
 * info 2 (T: inputs missing, incomplete) + 3 (V: benchmark, inputs
 * missing, incomplete) + 11 = 16. Listed: V's two violations, T's and V's
 * warnings, then W01-W08 with two each: 20 lines; 26 - 20 = 6 more. */
static void summary_warnings(void **state)
{
    const char *d = *state;
    char *out = tu_path(d, "out");
    char firms[400] = "firm_id,coke_oven\nT,top\nV,top\n";
    char meters[2000] = "firm_id,carrier,flow,period,quantity,unit\n"
                        "T,washed_coal,convert_in,2022-01,1500,t\n"
                        "T,coke,convert_out,2022-01,1000,t\n"
                        "T,electricity,consume,2022-01,100000,kWh\n"
                        "V,washed_coal,convert_in,2022-01,1500,t\n"
                        "V,coke,convert_out,2022-01,1000,t\n"
                        "V,electricity,consume,2022-01,1200000,kWh\n";
    for (int w = 1; w <= 11; w++) {
        snprintf(firms + strlen(firms), sizeof firms - strlen(firms),
                 "W%02d,\n", w);
        snprintf(meters + strlen(meters), sizeof meters - strlen(meters),
                 "W%02d,coke,convert_out,2022-01,1,t\n", w);
    }
    tu_write(d, "firms.csv", firms);
    tu_write(d, "meters.csv", meters);
    assert_int_equal(tu_eca(d, "audit '%s' --out '%s'", d, out), 0);
    char *p = tu_path(d, "stdout"), *text = tu_read(p);
    static const char *const lines[] = {
        "\n          T             12.29 kgce/t ",
        "  top       GB 1 (implausible: see flags.csv) \n",
        "\n          V            147.48 kgce/t ",
        "  top       GB 0   \n",
        "\nfindings  2 violations, 0 borderline, 24 warnings, 16 info "
        "(flags.csv)\n"
        "          V          violation  ndrc_baseline                "
        "147.48 > 135.00  (data completeness 0.0833)\n"
        "          V          violation  gb21342_grade3               "
        "147.48 > 135.00  (graded without volatile_pct, moisture_pct, "
        "quench, oven_age_years; data completeness 0.0833)\n"
        "          T          warning    coke_intensity_low            "
        "12.29 < 60.00  (below what a coke plant can reach; data "
        "completeness 0.0833)\n"
        "          V          warning    county_coke_target           "
        "147.48 > 110.00  (data completeness 0.0833)\n"
        "          W01        warning    coke_without_heating           "
        "0.00 = 0.00  (coke made, no net energy in the coke boundary; data "
        "completeness 0.0833)\n"
        "          W01        warning    negative_carbon_balance       "
        "-3.08 < 0.00  (reported as 0 in co2_process_t; data completeness "
        "0.0833)\n",
        "\n          W08        warning    negative_carbon_balance       "
        "-3.08 < 0.00  (reported as 0 in co2_process_t; data completeness "
        "0.0833)\n"
        "          ... and 6 more in flags.csv\n\nlargest",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (!strstr(text, lines[i]))
            fail_msg("stdout lacks \"%s\":\n%s", lines[i], text);
    assert_null(strstr(text, "\n          W09        warning"));
    free(text);
    free(p);
    free(out);
}

/* eca explain: the golden plant's derivation, quotable line by line (the
 * figures of test_audit.c and test_carbon.c). */
static void explain(void **state)
{
    const char *d = *state;
    char *src = tu_src("tests/data/golden");
    assert_int_equal(tu_eca(d, "explain C1 '%s'", src), 0);
    char *p = tu_path(d, "stdout"), *text = tu_read(p);
    static const char *const lines[] = {
        "C1  Coke \"A\", Ltd\n",
        "washed_coal        convert_in             12500 t",
        "  energy_tce = C + I + F - O - R = 129.829932 tce\n",
        "  coke_kgce_per_t = (C_b - R_b) / coke_t = 47.860711 kgce/t",
        "  limits after corrections g1 / g2 / g3 = 110.0000 / 110.0000 / "
        "135.0000 kgce/t\n",
        "  the process carbon balance is -1494.955847 tCO2, reported as 0\n",
        "[warning] negative_carbon_balance: value -1494.96, threshold 0",
        "[info] coke_inputs_missing: value 4",
        /* a top-charged plant of the coking sector */
        "\n3. Coke unit product energy (GB 21342-2025)\n",
        "\n4. Carbon (NDRC 2015 guideline for independent coking "
        "enterprises)\n",
    };
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
        if (!strstr(text, lines[i]))
            fail_msg("explain lacks \"%s\":\n%s", lines[i], text);
    free(text);
    assert_int_equal(tu_eca(d, "explain NOPE '%s'", src), 3);
    assert_int_equal(tu_eca(d, "explain C1"), 2);
    free(p);
    free(src);
}

/* The headings of eca explain name the standard and guideline that fit
 * the firm. Bundled county: QX007 is a semi-coke plant of the coking
 * sector (coke_limits.csv: GB 29995-2024, 160 / 180 / 210 kgce/t), QX031
 * a chemicals firm without coke, accounted by the one method of
 * carbon.c. */
static void explain_headings(void **state)
{
    const char *d = *state;
    char *src = tu_src("datasets/qingxu-2022"), *p = tu_path(d, "stdout");
    static const struct {
        const char *firm, *has[3], *lacks;
    } cases[] = {
        {"QX007",
         {"\n3. Semi-coke unit product energy (GB 29995-2024)\n",
          "  limits g1/g2/g3 = 160 / 180 / 210 kgce/t",
          "\n4. Carbon (NDRC 2015 guideline for independent coking "
          "enterprises)\n"},
         "unit product energy (GB 21342-2025)"},
        {"QX031",
         {"\n3. Coke unit product energy\n  no coke produced in the year\n",
          "\n4. Carbon (NDRC 2015 guidelines)\n",
          "  every sector is accounted by the method of the guideline for "
          "independent\n  coking enterprises: "},
         "coking enterprises)"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        assert_int_equal(tu_eca(d, "explain %s '%s'", cases[c].firm, src), 0);
        char *text = tu_read(p);
        for (size_t i = 0; i < 3; i++)
            if (!strstr(text, cases[c].has[i]))
                fail_msg("explain %s lacks \"%s\":\n%s", cases[c].firm,
                         cases[c].has[i], text);
        if (strstr(text, cases[c].lacks))
            fail_msg("explain %s has \"%s\":\n%s", cases[c].firm,
                     cases[c].lacks, text);
        free(text);
    }
    free(p);
    free(src);
}

/* Every output file and the printed summary are byte-identical for 1, 2
 * and 7 threads on a generated dataset of 200 firms x 6 meters x 365 days,
 * the 8 coke plants with their whole coking boundary (9 to 11 series,
 * 32 more than 6 each: test_gen.c): (1 200 + 32) x 365 = 449 680 rows
 * (firms.csv, flags.csv, breakdown.csv and series.csv are formatted in
 * blocks of 64 firms by several threads). */
static void threads_identical(void **state)
{
    const char *d = *state;
    char *ds = tu_path(d, "gen");
    assert_int_equal(tu_eca(d, "gen '%s' --seed 7 --firms 200 --meters 6 "
                               "--periods daily", ds), 0);
    static const int threads[] = {1, 2, 7};
    static const char *const files[] = {"firms.csv",     "flags.csv",
                                        "breakdown.csv", "series.csv",
                                        "rejected.csv",  "summary.json",
                                        "stdout"};
    enum { NFILES = sizeof files / sizeof files[0] };
    char *first[NFILES] = {NULL};
    for (int t = 0; t < 3; t++) {
        char *out = tu_path(d, "out");
        assert_int_equal(tu_eca(d, "audit '%s' --out '%s' --threads %d", ds,
                                out, threads[t]), 0);
        for (int i = 0; i < NFILES; i++) {
            char *p = tu_path(i < NFILES - 1 ? out : d, files[i]),
                 *text = tu_read(p);
            assert_non_null(text);
            if (!first[i])
                first[i] = text;
            else {
                assert_string_equal(text, first[i]);
                free(text);
            }
            free(p);
        }
        tu_rmtree(out);
        free(out);
    }
    assert_non_null(strstr(first[5], "\"read\": 449680"));
    assert_non_null(strstr(first[6], "\nfindings  "));
    for (int i = 0; i < NFILES; i++)
        free(first[i]);
    free(ds);
}

int main(void)
{
    gsl_set_error_handler_off();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(help_and_usage, setup, teardown),
        cmocka_unit_test_setup_teardown(golden_outputs, setup, teardown),
        cmocka_unit_test_setup_teardown(input_errors_leave_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(out_is_dataset_folder, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(blocked_output, setup, teardown),
        cmocka_unit_test_setup_teardown(year_without_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(no_usable_row, setup, teardown),
        cmocka_unit_test_setup_teardown(equal_value_year, setup, teardown),
        cmocka_unit_test_setup_teardown(missing_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(grid_region_list_cut, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(grid_region, setup, teardown),
        cmocka_unit_test_setup_teardown(gbk_text, setup, teardown),
        cmocka_unit_test_setup_teardown(factor_override, setup, teardown),
        cmocka_unit_test_setup_teardown(flags_file, setup, teardown),
        cmocka_unit_test_setup_teardown(summary_findings, setup, teardown),
        cmocka_unit_test_setup_teardown(summary_warnings, setup, teardown),
        cmocka_unit_test_setup_teardown(explain, setup, teardown),
        cmocka_unit_test_setup_teardown(explain_headings, setup, teardown),
        cmocka_unit_test_setup_teardown(threads_identical, setup, teardown),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
