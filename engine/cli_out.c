/* cli_out.c: the output folder of a command, written aside and moved in
 * file by file once the run succeeded; rejected rows and progress on the
 * way. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"


static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", a, b);
    return p;
}

int cli_out_check(const char *cmd, const char *out, const char *dir)
{
    /* the same folder is the same device and inode, whatever symlinks,
     * `..` or trailing slashes lead there; an OUTDIR not there yet cannot
     * be DIR */
    struct stat so, sd;
    if (stat(out, &so) != 0 || stat(dir, &sd) != 0 ||
        so.st_dev != sd.st_dev || so.st_ino != sd.st_ino)
        return 0;
    /* audit's firms.csv would replace the input's; any command's output
     * would mix with the inputs */
    return cli_usage_error(cmd, "--out %s is the dataset folder %s: give "
                                "another folder, not to write among the "
                                "input files", out, dir);
}

/* 0 when every output name in the final folder can be replaced by
 * rename(): absent, or a file or a symlink to one. A folder in the way
 * would stop the moves after some files were replaced, old and new mixed,
 * so all are checked before the first is moved. */
static int check_targets(const cli_outdir *d)
{
    struct stat st;
    if (stat(d->final, &st) == 0 && !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "eca: %s is not a folder\n", d->final);
        return -1;
    }
    for (size_t i = 0; i < d->nfiles; i++) {
        char *to = join(d->final, d->files[i]);
        const char *why = NULL;
        if (!to)
            return -1;
        if (stat(to, &st) != 0)
            why = errno == ENOENT ? NULL : strerror(errno);
        else if (S_ISDIR(st.st_mode))
            why = "it is a folder";
        else if (!S_ISREG(st.st_mode))
            why = "it is not a regular file";
        if (why)
            fprintf(stderr, "eca: cannot replace %s: %s (nothing was moved "
                            "into %s)\n", to, why, d->final);
        free(to);
        if (why)
            return -1;
    }
    return 0;
}

int cli_outdir_open(cli_outdir *d, const char *final,
                    const char *const *files, size_t nfiles)
{
    char *copy = strdup(final), *slash;
    memset(d, 0, sizeof *d);
    d->files = files;
    d->nfiles = nfiles;
    if (!copy)
        return -1;
    while ((slash = strrchr(copy, '/')) && slash[1] == '\0' && slash != copy)
        *slash = '\0';
    d->final = strdup(copy);
    slash = strrchr(copy, '/');
    const char *parent = slash ? (slash == copy ? "/" : copy) : ".";
    if (slash && slash != copy)
        *slash = '\0';
    d->tmp = join(parent, ".eca-out.XXXXXX");
    free(copy);
    if (!d->final || !d->tmp || !mkdtemp(d->tmp)) {
        fprintf(stderr, "eca: cannot create a folder beside %s: %s\n", final,
                strerror(errno));
        return -1;
    }
    char *rp = join(d->tmp, "rejected.csv");
    d->rejected = rp ? fopen(rp, "wb") : NULL;
    free(rp);
    if (!d->rejected || eca_reject_write_header(d->rejected) != 0)
        return -1;
    /* before the run too, not to fail only at its end */
    return check_targets(d);
}

void cli_outdir_discard(cli_outdir *d)
{
    if (d->rejected)
        fclose(d->rejected);
    d->rejected = NULL;
    if (d->tmp) {
        for (size_t i = 0; i < d->nfiles; i++) {
            char *p = join(d->tmp, d->files[i]);
            if (p)
                unlink(p);
            free(p);
        }
        rmdir(d->tmp);
    }
    free(d->tmp);
    free(d->final);
    d->tmp = d->final = NULL;
}

int cli_outdir_commit(cli_outdir *d)
{
    int bad = ferror(d->rejected) | d->write_failed;
    bad |= fclose(d->rejected) != 0;
    d->rejected = NULL;
    if (bad) {
        fprintf(stderr, "eca: rejected.csv: write error\n");
        return -1;
    }
    if (check_targets(d) != 0)
        return -1;
    if (mkdir(d->final, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "eca: %s: %s\n", d->final, strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < d->nfiles; i++) {
        char *from = join(d->tmp, d->files[i]), *to = join(d->final,
                                                            d->files[i]);
        int r = from && to ? rename(from, to) : -1;
        if (r != 0)
            fprintf(stderr, "eca: cannot move %s into %s: %s (%zu of %zu "
                            "files were moved in)\n", d->files[i], d->final,
                    strerror(errno), i, d->nfiles);
        free(from);
        free(to);
        if (r != 0)
            return -1;
    }
    rmdir(d->tmp);
    return 0;
}

void cli_on_reject(const eca_reject *r, void *user)
{
    cli_outdir *d = user;
    if (eca_reject_write(d->rejected, r) != 0)
        d->write_failed = 1;
}

double cli_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void cli_on_progress(uint64_t done, uint64_t total, void *user)
{
    double *last = user;
    double t = cli_now();
    if (t - *last < 0.25 || total == 0)
        return;
    *last = t;
    fprintf(stderr, "\r  reading meters.csv: %5.1f %% (%.0f of %.0f MB)",
            100.0 * (double)done / (double)total, (double)done / 1e6,
            (double)total / 1e6);
}

void cli_put_plain(const char *s, size_t n)
{
    size_t i = 0;
    for (; s[i] && i < n; i++)
        putchar((unsigned char)s[i] < 0x20 ? ' ' : s[i]);
    while (s[i] && ((unsigned char)s[i] & 0xC0) == 0x80)
        putchar(s[i++]);
}

const char *cli_thousands(char *buf, size_t n, double v, int decimals)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.*f", decimals, v);
    const char *digits = raw + (raw[0] == '-');
    size_t intlen = strcspn(digits, ".");
    size_t o = 0;
    if (raw[0] == '-' && o + 1 < n)
        buf[o++] = '-';
    for (size_t i = 0; digits[i] && o + 2 < n; i++) {
        if (i && i < intlen && (intlen - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}
