/* cli.h: what the files of the eca tool share: exit statuses, argument
 * parsing helpers, the output folder, callbacks, the commands. */
#ifndef ECA_CLI_H
#define ECA_CLI_H

#include <stdint.h>
#include <stdio.h>
#include "eca.h"

enum { EXIT_OK = 0, EXIT_INTERNAL = 1, EXIT_USAGE = 2, EXIT_INPUT = 3 };

/* The exit status of a library error: out of memory 1, an invalid
 * argument that reached the library the user's (2), any other the
 * input's (3). */
int cli_status(const eca_error *err);

/* Prints "eca: <message>" and a pointer to `eca CMD --help`; returns 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* -1 when region is NULL or a region of grid.csv; else a usage error
 * listing the regions (returns 2). */
int cli_check_grid(const char *cmd, const eca_factors *f, const char *region);
/* 0 and *out when s is a number > 0 / an integer in [lo, hi]; else -1. */
int cli_parse_pos(const char *s, double *out);
int cli_parse_int(const char *s, long lo, long hi, long *out);
/* 0 and *out when s is a number in [lo, hi]; else -1. */
int cli_parse_num(const char *s, double lo, double hi, double *out);
/* The shipped factors/ folder: $ECA_FACTORS_DIR, beside the program, or
 * installed; malloc'd. */
char *cli_factors_dir(void);

/* 0 when OUTDIR may take the output of a run on dataset folder DIR; else
 * prints a usage error for command cmd and returns EXIT_USAGE: OUTDIR is
 * DIR itself (by any path), where the output would replace the input. */
int cli_out_check(const char *cmd, const char *out, const char *dir);

/* An output folder written aside (a temporary folder beside it) and moved
 * in file by file only when the whole run succeeded, once every name in it
 * was found replaceable (absent, or a file). What --help says of it: */
#define CLI_OUTDIR_HELP                                                     \
    "The files are written in a temporary folder beside OUTDIR and, only\n"  \
    "when the whole run succeeded, moved in one by one, replacing files of\n" \
    "the same name; other files in OUTDIR are left alone.\n"

typedef struct {
    char *final, *tmp;
    FILE *rejected; /* rejected.csv, open while the run reads */
    int write_failed;
    const char *const *files;
    size_t nfiles;
} cli_outdir;

int cli_outdir_open(cli_outdir *d, const char *final,
                    const char *const *files, size_t nfiles);
void cli_outdir_discard(cli_outdir *d);
int cli_outdir_commit(cli_outdir *d);
/* eca_reject_fn writing to the folder's rejected.csv (user: cli_outdir). */
void cli_on_reject(const eca_reject *r, void *user);
/* eca_progress_fn printing to a terminal (user: double, last time). */
void cli_on_progress(uint64_t done, uint64_t total, void *user);
double cli_now(void);
/* Prints text on one line, control characters as spaces, at most n bytes
 * (a UTF-8 sequence is kept whole). */
void cli_put_plain(const char *s, size_t n);

/* v with `decimals` decimals and thousands separated by commas, in buf. */
const char *cli_thousands(char *buf, size_t n, double v, int decimals);

int cli_audit(int argc, char **argv);
int cli_explain(int argc, char **argv);

#endif
