/* period.c: parsing of meter periods (YYYY-MM, YYYY-MM-DD,
 * YYYY-MM-DDThh:mm) into calendar fields and a minute count. */
#include "internal.h"

static int digits(const char *s, size_t n, int *v)
{
    int x = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 0;
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

int ecai_period_parse(const char *s, size_t n, ecai_period *p)
{
    ecai_period r = {0, 0, 1, 0, 0, ECAI_PER_MONTH};

    if (n != 7 && n != 10 && n != 16)
        return -1;
    if (digits(s, 4, &r.year) || s[4] != '-' || digits(s + 5, 2, &r.month))
        return -1;
    if (r.year < 1900 || r.month < 1 || r.month > 12)
        return -1;
    if (n >= 10) {
        if (s[7] != '-' || digits(s + 8, 2, &r.day))
            return -1;
        if (r.day < 1 || r.day > days_in_month(r.year, r.month))
            return -1;
        r.gran = ECAI_PER_DAY;
    }
    if (n == 16) {
        if ((s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &r.hour) ||
            s[13] != ':' || digits(s + 14, 2, &r.minute))
            return -1;
        if (r.hour > 23 || r.minute > 59)
            return -1;
        r.gran = ECAI_PER_MINUTE;
    }
    *p = r;
    return 0;
}

int64_t ecai_period_minutes(const ecai_period *p)
{
    /* days from civil (H. Hinnant's algorithm, years counted from March) */
    int y = p->year - (p->month <= 2);
    int era = y / 400;
    int yoe = y - era * 400;
    int mp = (p->month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + p->day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = (int64_t)era * 146097 + doe;
    return (days * 24 + p->hour) * 60 + p->minute;
}

void ecai_period_from_minutes(int64_t minutes, ecai_period *p)
{
    /* civil from days (H. Hinnant's algorithm), the inverse of the above */
    int64_t days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    int64_t rest = minutes - days * 1440;
    int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    int64_t doe = days - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    p->day = (int)(doy - (153 * mp + 2) / 5 + 1);
    p->month = (int)(mp < 10 ? mp + 3 : mp - 9);
    p->year = (int)(yoe + era * 400 + (p->month <= 2));
    p->hour = (int)(rest / 60);
    p->minute = (int)(rest % 60);
    p->gran = ECAI_PER_MINUTE;
}
