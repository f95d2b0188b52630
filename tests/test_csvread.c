/* test_csvread.c: CSV records through libcsv with the physical line of
 * each record, BOM, CRLF, RFC 4180 quoting, blank lines, the UTF-8 check,
 * header columns, every error message, long lines and many records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "internal.h"
#include "testutil.h"

typedef struct {
    char *dir;
    char *out; /* the last dump */
} fixture;

static int setup(void **state)
{
    fixture *x = calloc(1, sizeof *x);
    if (!x)
        return -1;
    x->dir = tu_tmpdir();
    *state = x;
    return 0;
}

static int teardown(void **state)
{
    fixture *x = *state;
    tu_rmtree(x->dir);
    free(x->dir);
    free(x->out);
    free(x);
    return 0;
}

/* Writes n bytes (NULs allowed) to dir/name; returns the path. */
static char *put(fixture *x, const char *name, const void *data, size_t n)
{
    char *p = tu_path(x->dir, name);
    FILE *fp = fopen(p, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
    return p;
}
/* A string literal, embedded NULs included. */
#define PUT(x, lit) put((x), "x.csv", (lit), sizeof(lit) - 1)

static ecai_csv *open_ok(const char *path)
{
    eca_error err;
    eca_error_clear(&err);
    ecai_csv *c = ecai_csv_open(path, "x.csv", &err);
    if (!c)
        fail_msg("open failed: %s", err.msg);
    assert_int_equal(err.status, ECA_OK);
    return c;
}

static void open_fails(const char *path, eca_status st, const char *msg)
{
    eca_error err;
    eca_error_clear(&err);
    assert_null(ecai_csv_open(path, "x.csv", &err));
    assert_int_equal(err.status, st);
    assert_string_equal(err.msg, msg);
}

/* Every remaining record as "LINE:[f0][f1]...\n", then "ERR msg" when
 * reading stopped on an error. */
static const char *dump(fixture *x, ecai_csv *c)
{
    size_t cap = 256, n = 0;
    char *s = malloc(cap);
    eca_error err;
    int r;
    assert_non_null(s);
    s[0] = '\0';
    eca_error_clear(&err);
    while ((r = ecai_csv_next(c, &err)) == 1) {
        size_t need = 32;
        for (size_t i = 0; i < ecai_csv_nfields(c); i++) {
            size_t len;
            const char *f = ecai_csv_field(c, i, &len);
            assert_int_equal(strlen(f), len);
            need += len + 2;
        }
        while (n + need >= cap) {
            cap *= 2;
            s = realloc(s, cap);
            assert_non_null(s);
        }
        n += (size_t)sprintf(s + n, "%ld:", ecai_csv_line(c));
        for (size_t i = 0; i < ecai_csv_nfields(c); i++)
            n += (size_t)sprintf(s + n, "[%s]", ecai_csv_field(c, i, NULL));
        s[n++] = '\n';
        s[n] = '\0';
    }
    if (r < 0) {
        assert_int_not_equal(err.status, ECA_OK);
        s = realloc(s, n + sizeof err.msg + 8);
        assert_non_null(s);
        sprintf(s + n, "ERR %s", err.msg);
    } else {
        assert_int_equal(err.status, ECA_OK);
        /* the end stays the end */
        assert_int_equal(ecai_csv_next(c, &err), 0);
    }
    free(x->out);
    x->out = s;
    return s;
}

/* Opens, checks the header's column names ("a|b|c") and dumps the rest. */
static const char *read_all(fixture *x, const char *path, const char *cols)
{
    ecai_csv *c = open_ok(path);
    char names[1024] = "";
    for (size_t i = 0; i < ecai_csv_columns(c); i++) {
        if (i)
            strcat(names, "|");
        strcat(names, ecai_csv_column_name(c, i));
    }
    assert_string_equal(names, cols);
    const char *s = dump(x, c);
    ecai_csv_close(c);
    return s;
}

/* ---- structure ---- */

static void header_and_records(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "firm_id,carrier,quantity\n"
                     "F1,coke,2.385\n"
                     "F2,electricity,12345.6789\n");
    ecai_csv *c = open_ok(p);
    assert_string_equal(ecai_csv_name(c), "x.csv");
    assert_int_equal(ecai_csv_columns(c), 3);
    assert_string_equal(ecai_csv_column_name(c, 0), "firm_id");
    assert_string_equal(ecai_csv_column_name(c, 2), "quantity");
    assert_string_equal(ecai_csv_column_name(c, 3), ""); /* past the end */
    assert_int_equal(ecai_csv_line(c), 1); /* the header's line */
    assert_int_equal(ecai_csv_find(c, "carrier"), 1);
    assert_int_equal(ecai_csv_find(c, "quantity"), 2);
    assert_int_equal(ecai_csv_find(c, "unit"), -1);
    assert_int_equal(ecai_csv_find(c, "Carrier"), -1);
    assert_int_equal(ecai_csv_find(c, "carrier "), -1);
    assert_string_equal(dump(x, c), "2:[F1][coke][2.385]\n"
                                    "3:[F2][electricity][12345.6789]\n");
    ecai_csv_close(c);
    free(p);
}

static void bom_stripped(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "\xEF\xBB\xBF"
                     "firm_id,name\n"
                     "F1,x\n"
                     "\xEF\xBB\xBF"
                     "F2,y\n");
    /* only the file's first three bytes are a BOM; a later U+FEFF is text */
    assert_string_equal(read_all(x, p, "firm_id|name"),
                        "2:[F1][x]\n"
                        "3:[\xEF\xBB\xBF"
                        "F2][y]\n");
    ecai_csv *c = open_ok(p);
    assert_int_equal(ecai_csv_find(c, "firm_id"), 0);
    ecai_csv_close(c);
    free(p);
}

static void crlf(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "a,b\r\n"
                     "1,2\r\n"
                     "\r\n"
                     "3,\"4\r\n5\"\r\n"
                     "6,7\r\n");
    /* CR LF ends a record; inside quotes both bytes are field text; the
     * blank CR LF line is counted */
    assert_string_equal(read_all(x, p, "a|b"), "2:[1][2]\n"
                                               "4:[3][4\r\n5]\n"
                                               "6:[6][7]\n");
    free(p);
}

static void quoted_fields(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "name,note,n\n"
                     "\"Coke \"\"A\"\", Ltd\",\"a, b, c\",1\n"
                     "\"\",\"\"\"\",2\n"
                     "\"清源镇\",plain,\"3\"\n");
    assert_string_equal(read_all(x, p, "name|note|n"),
                        "2:[Coke \"A\", Ltd][a, b, c][1]\n"
                        "3:[][\"][2]\n"
                        "4:[清源镇][plain][3]\n");
    free(p);
}

/* The record's line is the physical line where it starts; the next
 * record's line counts the newlines inside the quotes. */
static void quoted_newlines_and_lines(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "id,text,n\n"              /* 1 */
                     "r1,\"one\ntwo\nthree\",1\n" /* 2..4 */
                     "r2,plain,2\n"             /* 5 */
                     "r3,\"\n\n\",3\n"          /* 6..8 */
                     "\n"                       /* 9 */
                     "r4,\"a\n\"\"b\"\"\",4\n"  /* 10..11 */
                     "r5,x,5\n");               /* 12 */
    assert_string_equal(read_all(x, p, "id|text|n"),
                        "2:[r1][one\ntwo\nthree][1]\n"
                        "5:[r2][plain][2]\n"
                        "6:[r3][\n\n][3]\n"
                        "10:[r4][a\n\"b\"][4]\n"
                        "12:[r5][x][5]\n");
    free(p);
    /* a quoted header over two lines: the first record is on line 3 */
    p = PUT(x, "\"a\nb\",c\n1,2\n");
    assert_string_equal(read_all(x, p, "a\nb|c"), "3:[1][2]\n");
    free(p);
}

static void blank_lines(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "\n"        /* 1: before the header */
                     "\n"        /* 2 */
                     "a,b\n"     /* 3: header */
                     "\n"        /* 4 */
                     "1,2\n"     /* 5 */
                     "\r\n"      /* 6 */
                     "\n"        /* 7 */
                     "3,4\n"     /* 8 */
                     "\n\n\n");  /* 9..11 */
    ecai_csv *c = open_ok(p);
    assert_int_equal(ecai_csv_line(c), 3);
    assert_string_equal(dump(x, c), "5:[1][2]\n8:[3][4]\n");
    ecai_csv_close(c);
    free(p);
}

/* A line holding only spaces or tabs is skipped by libcsv without a record
 * callback: it must not count as the start of the next record (4 and 6, not
 * 3 and 5), in rejected.csv and in the unclosed-quote message alike. */
static void whitespace_only_lines(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "a,b\n"   /* 1 */
                     "1,2\n"   /* 2 */
                     "   \n"   /* 3: spaces only */
                     "3,4\n"   /* 4 */
                     "\t \r\n" /* 5: tab, space, CR */
                     "5,6\n"); /* 6 */
    const char *got = read_all(x, p, "a|b");
    free(p);
    assert_string_equal(got, "2:[1][2]\n"
                             "4:[3][4]\n"
                             "6:[5][6]\n");
    /* the same shift in the unclosed-quote message: line 3, not 2 */
    p = PUT(x, "a,b\n   \n\"x\n");
    ecai_csv *c = open_ok(p);
    free(p);
    got = dump(x, c);
    ecai_csv_close(c);
    assert_string_equal(got, "ERR x.csv:3: a quoted field is never closed");
}

static void last_line_without_newline(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "a,b\n1,2\n3,4");
    assert_string_equal(read_all(x, p, "a|b"), "2:[1][2]\n3:[3][4]\n");
    free(p);
    p = PUT(x, "a,b\n1,\"2\n2\"");
    assert_string_equal(read_all(x, p, "a|b"), "2:[1][2\n2]\n");
    free(p);
    p = PUT(x, "only,header");
    assert_string_equal(read_all(x, p, "only|header"), "");
    free(p);
    /* a trailing empty field without a newline still counts */
    p = PUT(x, "a,b\n7,");
    assert_string_equal(read_all(x, p, "a|b"), "2:[7][]\n");
    free(p);
}

/* libcsv's default, kept: blanks and tabs around an unquoted field are
 * trimmed, inside quotes they are text. */
static void unquoted_fields_trimmed(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "a , b\n  2.385  ,\t\" y \"\n");
    assert_string_equal(read_all(x, p, "a|b"), "2:[2.385][ y ]\n");
    free(p);
}

static void short_and_long_records(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "a,b,c\n1\n1,2,3,4\n,,\n");
    ecai_csv *c = open_ok(p);
    eca_error err;
    size_t len = 99;
    eca_error_clear(&err);
    assert_int_equal(ecai_csv_next(c, &err), 1);
    assert_int_equal(ecai_csv_nfields(c), 1);
    assert_string_equal(ecai_csv_field(c, 0, &len), "1");
    assert_int_equal(len, 1);
    len = 99;
    assert_string_equal(ecai_csv_field(c, 1, &len), "");
    assert_int_equal(len, 0);
    len = 99;
    assert_string_equal(ecai_csv_field(c, 1000, &len), "");
    assert_int_equal(len, 0);
    assert_string_equal(ecai_csv_field(c, 2, NULL), "");
    /* a longer record keeps all its fields; checking counts is the
     * caller's job */
    assert_int_equal(ecai_csv_next(c, &err), 1);
    assert_int_equal(ecai_csv_nfields(c), 4);
    assert_string_equal(ecai_csv_field(c, 3, NULL), "4");
    /* three empty fields are a record, not a blank line */
    assert_int_equal(ecai_csv_next(c, &err), 1);
    assert_int_equal(ecai_csv_nfields(c), 3);
    assert_int_equal(ecai_csv_line(c), 4);
    assert_int_equal(ecai_csv_next(c, &err), 0);
    assert_int_equal(err.status, ECA_OK);
    ecai_csv_close(c);
    free(p);
}

static void chinese_text(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "企业编号,名称,乡镇\n"
                     "F1,山西美锦煤焦化有限公司,清源镇\n"
                     "F2,\"东湖醋业, “老陈醋”\",徐沟镇 😀\n");
    assert_string_equal(read_all(x, p, "企业编号|名称|乡镇"),
                        "2:[F1][山西美锦煤焦化有限公司][清源镇]\n"
                        "3:[F2][东湖醋业, “老陈醋”][徐沟镇 😀]\n");
    ecai_csv *c = open_ok(p);
    assert_int_equal(ecai_csv_find(c, "乡镇"), 2);
    ecai_csv_close(c);
    free(p);
}

static void require_columns(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "firm_id,carrier,quantity\n1,2,3\n");
    ecai_csv *c = open_ok(p);
    eca_error err;
    static const char *const ok[] = {"quantity", "firm_id", NULL};
    static const char *const none[] = {NULL};
    static const char *const miss[] = {"firm_id", "period", "unit", NULL};
    eca_error_clear(&err);
    assert_int_equal(ecai_csv_require(c, ok, &err), ECA_OK);
    assert_int_equal(ecai_csv_require(c, none, &err), ECA_OK);
    assert_int_equal(err.status, ECA_OK);
    /* the first missing column is named */
    assert_int_equal(ecai_csv_require(c, miss, &err), ECA_ECOLUMN);
    assert_int_equal(err.status, ECA_ECOLUMN);
    assert_string_equal(err.msg,
                        "x.csv:1: column 'period': required column is "
                        "missing");
    /* the first error wins */
    static const char *const miss2[] = {"unit", NULL};
    assert_int_equal(ecai_csv_require(c, miss2, &err), ECA_ECOLUMN);
    assert_string_equal(err.msg,
                        "x.csv:1: column 'period': required column is "
                        "missing");
    ecai_csv_close(c);
    free(p);
}

/* ecai_csv_require names the header's own line: after blank lines (which
 * are skipped) the header is on line 3. */
static void require_names_header_line(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "\n\nfirm_id,carrier\n1,2\n");
    ecai_csv *c = open_ok(p);
    eca_error err;
    static const char *const miss[] = {"period", NULL};
    eca_error_clear(&err);
    assert_int_equal(ecai_csv_require(c, miss, &err), ECA_ECOLUMN);
    ecai_csv_close(c);
    free(p);
    assert_string_equal(err.msg,
                        "x.csv:3: column 'period': required column is "
                        "missing");
}

/* ---- errors ---- */

static void empty_file(void **state)
{
    fixture *x = *state;
    static const char *const empties[] = {"", "\n", "\n\r\n\n",
                                          "\xEF\xBB\xBF", "\xEF\xBB\xBF\n"};
    for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
        char *p = put(x, "x.csv", empties[i], strlen(empties[i]));
        open_fails(p, ECA_ECSV, "x.csv: the file is empty (no header)");
        free(p);
    }
}

static void unclosed_quote(void **state)
{
    fixture *x = *state;
    /* the records before are read; the error names the line where the
     * unclosed record starts */
    char *p = PUT(x, "a,b\n1,2\n3,\"x\ny\n\n4,5\n");
    ecai_csv *c = open_ok(p);
    assert_string_equal(dump(x, c), "2:[1][2]\n"
                                    "ERR x.csv:3: a quoted field is never "
                                    "closed");
    ecai_csv_close(c);
    free(p);
    /* in the header */
    p = PUT(x, "a,\"b\n1,2\n");
    open_fails(p, ECA_ECSV, "x.csv:1: a quoted field is never closed");
    free(p);
    /* a lone quote on the last line, without newline */
    p = PUT(x, "a,b\n1,2\n\n\"");
    c = open_ok(p);
    assert_string_equal(dump(x, c), "2:[1][2]\n"
                                    "ERR x.csv:4: a quoted field is never "
                                    "closed");
    ecai_csv_close(c);
    free(p);
}

/* The check runs on each physical line; the byte is a 1-based offset
 * within that line, the column the field of the record it falls in (none
 * past the header's columns, or in the header itself). A byte of 0x80 and
 * above comes with the hint to save the file as UTF-8. */
#define GBK "; save the file as UTF-8; GBK or GB18030 text, as Excel often " \
            "writes, is not accepted"
static void utf8_errors(void **state)
{
    fixture *x = *state;
    static const struct {
        const char *text;
        size_t n;
        const char *msg;
    } cases[] = {
#define C(lit, msg) {lit, sizeof(lit) - 1, msg}
        /* overlong encodings of NUL and of '/' */
        C("a,b\n1,\xC0\x80\n",
          "x.csv:2: column 'b': byte 3 (0xC0) is not UTF-8 text" GBK),
        C("a,b\n1,\xE0\x80\xAF\n",
          "x.csv:2: column 'b': byte 3 (0xE0) is not UTF-8 text" GBK),
        C("a,b\n1,\xF0\x80\x80\xAF\n",
          "x.csv:2: column 'b': byte 3 (0xF0) is not UTF-8 text" GBK),
        /* the surrogate U+D800 */
        C("a,b\n12,\xED\xA0\x80\n",
          "x.csv:2: column 'b': byte 4 (0xED) is not UTF-8 text" GBK),
        /* above U+10FFFF, and bytes never used */
        C("a,b\n1,\xF4\x90\x80\x80\n",
          "x.csv:2: column 'b': byte 3 (0xF4) is not UTF-8 text" GBK),
        C("a,b\n1,\xF5\x80\x80\x80\n",
          "x.csv:2: column 'b': byte 3 (0xF5) is not UTF-8 text" GBK),
        C("a,b\n1,2\xFF\n",
          "x.csv:2: column 'b': byte 4 (0xFF) is not UTF-8 text" GBK),
        /* a lone continuation byte */
        C("a,b\n\x80,1\n",
          "x.csv:2: column 'a': byte 1 (0x80) is not UTF-8 text" GBK),
        C("a,b\n焦\x80,1\n",
          "x.csv:2: column 'a': byte 4 (0x80) is not UTF-8 text" GBK),
        /* a sequence cut by the end of the line, or of the file */
        C("a,b\n1,\xE7\x84\n",
          "x.csv:2: column 'b': byte 3 (0xE7) is not UTF-8 text" GBK),
        C("a,b\n1,\xE7\x84",
          "x.csv:2: column 'b': byte 3 (0xE7) is not UTF-8 text" GBK),
        /* a field past the header's columns has no name */
        C("a,b\n1,2,\xC3", "x.csv:2: byte 5 (0xC3) is not UTF-8 text" GBK),
        /* a sequence cut by an ASCII byte */
        C("a,b\n1,\xE7x\x84\n",
          "x.csv:2: column 'b': byte 3 (0xE7) is not UTF-8 text" GBK),
        /* 焦炭 in GBK, as Excel saves it on a Chinese Windows */
        C("a,b\n1,\xBD\xB9\xCC\xBF\n",
          "x.csv:2: column 'b': byte 3 (0xBD) is not UTF-8 text" GBK),
        /* NUL and other control bytes (TAB, CR, LF are text): no hint */
        C("a,b\n1,2\0003\n",
          "x.csv:2: column 'b': byte 4 (0x00) is not UTF-8 text"),
        C("a,b\n1,\x01\n",
          "x.csv:2: column 'b': byte 3 (0x01) is not UTF-8 text"),
        C("a,b\n1,\x1B[0m\n",
          "x.csv:2: column 'b': byte 3 (0x1B) is not UTF-8 text"),
        /* on the second line of a quoted field, or after a quoted comma */
        C("a,b\n1,\"ok\nbad\x80\"\n",
          "x.csv:3: column 'b': byte 4 (0x80) is not UTF-8 text" GBK),
        C("a,b\n\"1,\xFF\",2\n",
          "x.csv:2: column 'a': byte 4 (0xFF) is not UTF-8 text" GBK),
        /* a CR alone ends a record: the next one starts at column 'a' */
        C("a,b\n1,2\r3,\xFF\n",
          "x.csv:2: column 'b': byte 7 (0xFF) is not UTF-8 text" GBK),
        C("a,b\n1,2\r\xFF\n",
          "x.csv:2: column 'a': byte 5 (0xFF) is not UTF-8 text" GBK),
        /* after blank lines */
        C("a,b\n\n\n\xC1\xBF\n",
          "x.csv:4: column 'a': byte 1 (0xC1) is not UTF-8 text" GBK),
#undef C
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *p = put(x, "x.csv", cases[i].text, cases[i].n);
        ecai_csv *c = open_ok(p);
        const char *got = dump(x, c);
        const char *e = strstr(got, "ERR ");
        if (!e || strcmp(e + 4, cases[i].msg) != 0)
            fail_msg("case %zu: got \"%s\", expected \"ERR %s\"", i, got,
                     cases[i].msg);
        ecai_csv_close(c);
        free(p);
    }
    /* in the header: open fails */
    char *p = PUT(x, "a\xFF,b\n1,2\n");
    open_fails(p, ECA_ECSV, "x.csv:1: byte 2 (0xFF) is not UTF-8 text" GBK);
    free(p);
    p = PUT(x, "a,\0b\n");
    open_fails(p, ECA_ECSV, "x.csv:1: byte 3 (0x00) is not UTF-8 text");
    free(p);
}

static void utf8_valid_edges(void **state)
{
    fixture *x = *state;
    /* the smallest and largest of each length, TAB and DEL */
    char *p = PUT(x, "a,b\n"
                     "\xC2\x80,\xDF\xBF\n"
                     "\xE0\xA0\x80,\xEF\xBF\xBF\n"
                     "\xED\x9F\xBF,\xEE\x80\x80\n"
                     "\xF0\x90\x80\x80,\xF4\x8F\xBF\xBF\n"
                     "\"x\ty\",\x7F\n");
    assert_string_equal(read_all(x, p, "a|b"),
                        "2:[\xC2\x80][\xDF\xBF]\n"
                        "3:[\xE0\xA0\x80][\xEF\xBF\xBF]\n"
                        "4:[\xED\x9F\xBF][\xEE\x80\x80]\n"
                        "5:[\xF0\x90\x80\x80][\xF4\x8F\xBF\xBF]\n"
                        "6:[x\ty][\x7F]\n");
    free(p);
}

static void duplicate_header_column(void **state)
{
    fixture *x = *state;
    char *p = PUT(x, "firm_id,carrier,firm_id\n1,2,3\n");
    open_fails(p, ECA_ECSV,
               "x.csv:1: column 'firm_id' appears twice in the header");
    free(p);
    p = PUT(x, "\n\"a\",b,\"b\"\n");
    open_fails(p, ECA_ECSV, "x.csv:2: column 'b' appears twice in the header");
    free(p);
    /* unnamed columns may repeat */
    p = PUT(x, "a,,b,\n1,2,3,4\n");
    assert_string_equal(read_all(x, p, "a||b|"), "2:[1][2][3][4]\n");
    free(p);
}

static void missing_file(void **state)
{
    fixture *x = *state;
    char *p = tu_path(x->dir, "absent.csv");
    char want[1024];
    /* named by its path: the name alone does not say where it was sought */
    snprintf(want, sizeof want, "%s: cannot open: No such file or directory",
             p);
    open_fails(p, ECA_EIO, want);
    /* without an error context, still NULL and no crash */
    assert_null(ecai_csv_open(p, "x.csv", NULL));
    free(p);
    snprintf(want, sizeof want, "%s: is a folder, not a file", x->dir);
    open_fails(x->dir, ECA_EIO, want);
    ecai_csv_close(NULL);
}

/* ---- size ---- */

/* A record longer than the 1 MiB read chunk, plain and quoted. */
static void line_longer_than_read_chunk(void **state)
{
    fixture *x = *state;
    const size_t big = 3 * (1u << 20) + 12345; /* 3 MiB and some */
    size_t cap = 2 * big + 256, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    n += (size_t)sprintf(buf + n, "id,blob,tail\n");
    n += (size_t)sprintf(buf + n, "1,");
    for (size_t i = 0; i < big; i++)
        buf[n++] = (char)('a' + i % 26);
    n += (size_t)sprintf(buf + n, ",end\n2,\"");
    /* quoted: commas, a newline in the middle and a 3-byte character */
    for (size_t i = 0; i < big; i++)
        buf[n++] = i == big / 2 ? '\n' : i % 1000 == 999 ? ',' : 'q';
    n += (size_t)sprintf(buf + n, "焦\",x\n3,short,y");
    char *p = put(x, "x.csv", buf, n);
    ecai_csv *c = open_ok(p);
    eca_error err;
    size_t len;
    eca_error_clear(&err);

    assert_int_equal(ecai_csv_next(c, &err), 1);
    assert_int_equal(ecai_csv_line(c), 2);
    const char *f = ecai_csv_field(c, 1, &len);
    assert_int_equal(len, big);
    for (size_t i = 0; i < big; i++)
        if (f[i] != (char)('a' + i % 26))
            fail_msg("byte %zu of the long field is wrong", i);
    assert_string_equal(ecai_csv_field(c, 2, NULL), "end");

    assert_int_equal(ecai_csv_next(c, &err), 1);
    assert_int_equal(ecai_csv_line(c), 3);
    f = ecai_csv_field(c, 1, &len);
    assert_int_equal(len, big + strlen("焦"));
    for (size_t i = 0; i < big; i++) {
        char want = i == big / 2 ? '\n' : i % 1000 == 999 ? ',' : 'q';
        if (f[i] != want)
            fail_msg("byte %zu of the quoted long field is wrong", i);
    }
    assert_string_equal(f + big, "焦");

    /* the newline inside the quotes counts: line 5 */
    assert_int_equal(ecai_csv_next(c, &err), 1);
    assert_int_equal(ecai_csv_line(c), 5);
    assert_string_equal(ecai_csv_field(c, 2, NULL), "y");
    assert_int_equal(ecai_csv_next(c, &err), 0);
    assert_int_equal(ecai_csv_bytes_total(c), n);
    assert_int_equal(ecai_csv_bytes_read(c), n);
    ecai_csv_close(c);
    free(p);
    free(buf);
}

/* 100 000 records with a quoted field over three lines every 997th, a
 * blank line every 331st and CRLF every 7th; each record's line and
 * fields are checked against the count made while writing. */
static void many_records(void **state)
{
    fixture *x = *state;
    enum { N = 100000 };
    long *line = malloc(N * sizeof *line);
    char *p = tu_path(x->dir, "big.csv");
    FILE *fp = fopen(p, "wb");
    long at = 1;
    assert_non_null(line);
    assert_non_null(fp);
    fputs("\xEF\xBB\xBFid,text,qty\n", fp);
    for (long i = 0; i < N; i++) {
        if (i % 331 == 5) {
            fputs("\n", fp);
            at++;
        }
        line[i] = ++at;
        const char *eol = i % 7 == 3 ? "\r\n" : "\n";
        if (i % 997 == 11) {
            fprintf(fp, "r%ld,\"a, \"\"%ld\"\"\nb\nc\",%ld.%03ld%s", i, i, i,
                    i % 1000, eol);
            at += 2;
        } else {
            fprintf(fp, "r%ld,t%ld,%ld.%03ld%s", i, i * 31, i, i % 1000, eol);
        }
    }
    assert_int_equal(fclose(fp), 0);

    ecai_csv *c = open_ok(p);
    eca_error err;
    long i = 0;
    int r;
    eca_error_clear(&err);
    assert_int_equal(ecai_csv_find(c, "id"), 0);
    while ((r = ecai_csv_next(c, &err)) == 1) {
        char want[64];
        assert_true(i < N);
        if (ecai_csv_line(c) != line[i])
            fail_msg("record %ld: line %ld, expected %ld", i,
                     ecai_csv_line(c), line[i]);
        snprintf(want, sizeof want, "r%ld", i);
        assert_string_equal(ecai_csv_field(c, 0, NULL), want);
        if (i % 997 == 11)
            snprintf(want, sizeof want, "a, \"%ld\"\nb\nc", i);
        else
            snprintf(want, sizeof want, "t%ld", i * 31);
        assert_string_equal(ecai_csv_field(c, 1, NULL), want);
        snprintf(want, sizeof want, "%ld.%03ld", i, i % 1000);
        assert_string_equal(ecai_csv_field(c, 2, NULL), want);
        assert_int_equal(ecai_csv_nfields(c), 3);
        i++;
    }
    assert_int_equal(r, 0);
    assert_int_equal(i, N);
    assert_int_equal(ecai_csv_bytes_read(c), ecai_csv_bytes_total(c));
    ecai_csv_close(c);
    free(line);
    free(p);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(header_and_records),
        T(bom_stripped),
        T(crlf),
        T(quoted_fields),
        T(quoted_newlines_and_lines),
        T(blank_lines),
        T(whitespace_only_lines),
        T(last_line_without_newline),
        T(unquoted_fields_trimmed),
        T(short_and_long_records),
        T(chinese_text),
        T(require_columns),
        T(require_names_header_line),
        T(empty_file),
        T(unclosed_quote),
        T(utf8_errors),
        T(utf8_valid_edges),
        T(duplicate_header_column),
        T(missing_file),
        T(line_longer_than_read_chunk),
        T(many_records),
    };
#undef T
    return cmocka_run_group_tests_name("csvread", tests, NULL, NULL);
}
