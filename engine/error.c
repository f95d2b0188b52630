/* error.c: status strings and the first-error-wins error context. */
#include <stdio.h>
#include <string.h>
#include "internal.h"

static const char *const messages[] = {
    [ECA_OK] = "success",
    [ECA_ENOMEM] = "out of memory",
    [ECA_EIO] = "input/output error",
    [ECA_ECSV] = "not readable as CSV",
    [ECA_ECOLUMN] = "a required column is missing",
    [ECA_EFACTOR] = "inconsistent factor or unit table",
    [ECA_EINPUT] = "input rejected",
    [ECA_EARG] = "invalid argument",
};

const char *eca_strerror(eca_status s)
{
    if ((unsigned)s >= sizeof messages / sizeof messages[0] || !messages[s])
        return "unknown status";
    return messages[s];
}

void eca_error_clear(eca_error *err)
{
    if (!err)
        return;
    err->status = ECA_OK;
    err->msg[0] = '\0';
}

eca_status ecai_fail(eca_error *err, eca_status s, const char *fmt, ...)
{
    if (err && err->status == ECA_OK) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->status = s;
    }
    return s;
}

void ecai_list_add(char *buf, size_t n, size_t *k, const char *fmt, ...)
{
    static const char more[] = "...";
    if (*k >= n) /* already cut */
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *k, n - *k, fmt, ap);
    va_end(ap);
    if (w >= 0 && (size_t)w < n - *k) {
        *k += (size_t)w;
        return;
    }
    /* "..." where the piece began, or over the end of the one before when
     * there is no room for it there */
    memcpy(buf + (n - *k >= sizeof more ? *k : n - sizeof more), more,
           sizeof more);
    *k = n;
}
