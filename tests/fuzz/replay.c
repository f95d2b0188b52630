/* replay.c: a plain main for the libFuzzer targets of tests/fuzz: it
 * replays every regular file of the folders (in name order) and the files
 * given, through LLVMFuzzerTestOneInput; a broken invariant or a sanitizer
 * report aborts. make check links it with each target and replays the
 * committed corpus. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Replays one file; 0, or -1 when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            uint8_t *q = realloc(buf, cap * 2);
            if (!q)
                free(buf);
            buf = q;
            cap *= 2;
        }
    }
    int bad = !buf || ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "%s: cannot read\n", path);
        free(buf);
        return -1;
    }
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

/* Replays every regular file of a folder, in name order; -1 on error. */
static int replay_dir(const char *dir, int *n)
{
    struct dirent **list = NULL;
    int k = scandir(dir, &list, NULL, alphasort), rc = 0;
    if (k < 0) {
        perror(dir);
        return -1;
    }
    for (int i = 0; i < k; i++) {
        char p[4096];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", dir, list[i]->d_name);
        if (rc == 0 && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(p) != 0)
                rc = -1;
            else
                (*n)++;
        }
        free(list[i]);
    }
    free(list);
    return rc;
}

/* Usage: PROGRAM DIR|FILE...: replays every regular file of each folder
 * and each file given; a broken invariant or a sanitizer report aborts. */
int main(int argc, char **argv)
{
    int n = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR|FILE...\n", argv[0]);
        return 2;
    }
    for (int a = 1; a < argc; a++) {
        struct stat st;
        if (stat(argv[a], &st) != 0) {
            perror(argv[a]);
            return 1;
        }
        if (S_ISDIR(st.st_mode) ? replay_dir(argv[a], &n) != 0
                                : replay_file(argv[a]) != 0)
            return 1;
        n += !S_ISDIR(st.st_mode);
    }
    printf("%s: %d inputs replayed, no finding\n", argv[0], n);
    return n > 0 ? 0 : 1;
}
