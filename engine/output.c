/* output.c: writing CSV cells, JSON strings and numbers the same way in
 * every output file. */
#include <math.h>
#include <string.h>
#include "internal.h"

int ecai_csv_put(FILE *fp, const char *s)
{
    if (!s[strcspn(s, ",\"\r\n")])
        return fputs(s, fp) < 0 ? -1 : 0;
    if (fputc('"', fp) == EOF)
        return -1;
    for (; *s; s++) {
        if (*s == '"' && fputc('"', fp) == EOF)
            return -1;
        if (fputc(*s, fp) == EOF)
            return -1;
    }
    return fputc('"', fp) == EOF ? -1 : 0;
}

int ecai_json_put(FILE *fp, const char *s)
{
    if (fputc('"', fp) == EOF)
        return -1;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        int r;
        if (*p == '"' || *p == '\\')
            r = fprintf(fp, "\\%c", *p);
        else if (*p == '\n')
            r = fputs("\\n", fp);
        else if (*p == '\r')
            r = fputs("\\r", fp);
        else if (*p == '\t')
            r = fputs("\\t", fp);
        else if (*p < 0x20)
            r = fprintf(fp, "\\u%04x", *p);
        else
            r = fputc(*p, fp);
        if (r < 0)
            return -1;
    }
    return fputc('"', fp) == EOF ? -1 : 0;
}

int ecai_num_put(FILE *fp, double v)
{
    if (isnan(v))
        return 0;
    if (v == 0)
        v = 0; /* no "-0" */
    return fprintf(fp, "%.15g", v) < 0 ? -1 : 0;
}
