/* solar_weather.c: the typical year of DIR/weather.csv, hourly or monthly
 * rows read and checked, or solar.csv's months without it, as time steps
 * (solar_steps.c) and the year's sums. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

static eca_status read_hourly(ecai_weather *w, ecai_csv *c, int year,
                              const ecai_site *site,
                              const ecai_solar_params *p, eca_error *err)
{
    static const char *const req[] = {"time", "ghi_wm2", "temp_c", NULL};
    eca_status st = ecai_csv_require(c, req, err);
    long ct = ecai_csv_find(c, "time"), cg = ecai_csv_find(c, "ghi_wm2"),
         cte = ecai_csv_find(c, "temp_c");
    long *line_of = NULL;
    int r;
    if (st != ECA_OK)
        return st;
    w->s = calloc(ECAI_HOURS_YEAR, sizeof *w->s);
    line_of = calloc(ECAI_HOURS_YEAR, sizeof *line_of);
    if (!w->s || !line_of) {
        free(line_of);
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    }
    w->n = ECAI_HOURS_YEAR;
    while ((r = ecai_csv_next(c, err)) == 1) {
        size_t n;
        const char *ts = ecai_csv_field(c, (size_t)ct, &n);
        char buf[32];
        ecai_period per;
        long line = ecai_csv_line(c);
        if ((st = ecai_col_count(c, ECA_EINPUT, err)) != ECA_OK)
            goto done;
        snprintf(buf, sizeof buf, "%.31s", ts);
        if (n == 16 && buf[10] == ' ')
            buf[10] = 'T';
        if (ecai_period_parse(buf, strlen(buf), &per) != 0 ||
            per.gran != ECAI_PER_MINUTE || per.minute != 0) {
            st = ecai_fail(err, ECA_EINPUT,
                           "weather.csv:%ld: column 'time': \"%s\" is not an "
                           "hour YYYY-MM-DDThh:00", line, ts);
            goto done;
        }
        int doy = ecai_typical_doy(per.month, per.day);
        if (doy < 0) {
            st = ecai_fail(err, ECA_EINPUT,
                           "weather.csv:%ld: column 'time': \"%s\": 29 "
                           "February has no place in a typical year", line,
                           ts);
            goto done;
        }
        int h = doy * 24 + per.hour;
        if (line_of[h]) {
            st = ecai_fail(err, ECA_EINPUT,
                           "weather.csv:%ld: column 'time': \"%s\" repeats "
                           "the hour of line %ld", line, ts, line_of[h]);
            goto done;
        }
        line_of[h] = line;
        ecai_step *s = &w->s[h];
        if ((st = ecai_col_num_in(c, cg, "ghi_wm2", 0, 1500, &s->ghi,
                                    err)) != ECA_OK ||
            (st = ecai_col_num_in(c, cte, "temp_c", -60, 60, &s->temp_c,
                                    err)) != ECA_OK)
            goto done;
        s->weight = 1;
        if (ecai_step_hour(s, year, per.month, per.day, per.hour, site, p) !=
            ECA_OK) {
            st = ecai_fail(err, ECA_EARG, "weather.csv:%ld: the sun cannot "
                                          "be placed for this site", line);
            goto done;
        }
        w->hour_step[h] = h;
    }
    if (r < 0) {
        st = err->status;
        goto done;
    }
    size_t missing = 0, first = 0;
    for (size_t h = ECAI_HOURS_YEAR; h-- > 0;)
        if (!line_of[h]) {
            missing++;
            first = h;
        }
    if (missing) {
        int m, d;
        ecai_typical_date((int)(first / 24), &m, &d);
        st = ecai_fail(err, ECA_EINPUT,
                       "weather.csv: %zu hours of the typical year are "
                       "missing, the first %02d-%02dT%02d:00", missing, m, d,
                       (int)(first % 24));
    }
done:
    free(line_of);
    return st;
}

static eca_status read_monthly(ecai_weather *w, ecai_csv *c,
                               double ghi[12], double temp[12],
                               eca_error *err)
{
    static const char *const req[] = {"month", "ghi_kwh_m2", "temp_c", NULL};
    eca_status st = ecai_csv_require(c, req, err);
    long cm = ecai_csv_find(c, "month"), cg = ecai_csv_find(c, "ghi_kwh_m2"),
         ct = ecai_csv_find(c, "temp_c");
    long line_of[12] = {0};
    int r;
    (void)w;
    if (st != ECA_OK)
        return st;
    while ((r = ecai_csv_next(c, err)) == 1) {
        double m;
        long line = ecai_csv_line(c);
        if ((st = ecai_col_count(c, ECA_EINPUT, err)) != ECA_OK ||
            (st = ecai_col_num_in(c, cm, "month", 1, 12, &m, err)) != ECA_OK)
            return st;
        if (m != floor(m))
            return ecai_fail(err, ECA_EINPUT, "weather.csv:%ld: column "
                                              "'month': not a whole month",
                             line);
        int k = (int)m - 1;
        if (line_of[k])
            return ecai_fail(err, ECA_EINPUT,
                             "weather.csv:%ld: column 'month': %d repeats "
                             "the month of line %ld", line, k + 1,
                             line_of[k]);
        line_of[k] = line;
        if ((st = ecai_col_num_in(c, cg, "ghi_kwh_m2", 0, 400, &ghi[k],
                                    err)) != ECA_OK ||
            (st = ecai_col_num_in(c, ct, "temp_c", -60, 60, &temp[k],
                                    err)) != ECA_OK)
            return st;
    }
    if (r < 0)
        return err->status;
    for (int k = 0; k < 12; k++)
        if (!line_of[k])
            return ecai_fail(err, ECA_EINPUT,
                             "weather.csv: month %d is missing (monthly rows "
                             "need all 12)", k + 1);
    return ECA_OK;
}

eca_status ecai_weather_load(ecai_weather *w, const char *dir,
                             const ecai_site *site, int year,
                             const ecai_solar_params *p, eca_error *err)
{
    char *path = ecai_path_join(dir, "weather.csv");
    ecai_csv *c = NULL;
    eca_status st = ECA_OK;
    double ghi[12], temp[12];
    memset(w, 0, sizeof *w);
    if (!path)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    if (!ecai_file_exists(path)) {
        w->from_defaults = 1;
        st = ecai_weather_monthly(w, p->monthly_ghi_kwh_m2, p->monthly_temp_c,
                                  year, site, p, err);
        goto sums;
    }
    if (!(c = ecai_csv_open(path, "weather.csv", err))) {
        st = err->status;
        goto done;
    }
    if (ecai_csv_find(c, "time") >= 0)
        st = read_hourly(w, c, year, site, p, err);
    else if (ecai_csv_find(c, "month") >= 0) {
        if ((st = read_monthly(w, c, ghi, temp, err)) == ECA_OK)
            st = ecai_weather_monthly(w, ghi, temp, year, site, p, err);
    } else
        st = ecai_fail(err, ECA_ECOLUMN,
                       "weather.csv:1: column 'time': required column is "
                       "missing (hourly rows time,ghi_wm2,temp_c or monthly "
                       "rows month,ghi_kwh_m2,temp_c)");
sums:
    if (st == ECA_OK) {
        double g = 0, dh = 0, t = 0, wt = 0;
        for (size_t i = 0; i < w->n; i++) {
            g += w->s[i].ghi * w->s[i].weight;
            dh += w->s[i].dhi * w->s[i].weight;
            t += w->s[i].temp_c * w->s[i].weight;
            wt += w->s[i].weight;
        }
        w->ghi_kwh_m2 = g / 1000;
        w->dhi_kwh_m2 = dh / 1000;
        w->mean_temp_c = wt > 0 ? t / wt : 0;
    }
done:
    ecai_csv_close(c);
    free(path);
    return st;
}

void ecai_weather_free(ecai_weather *w)
{
    if (!w)
        return;
    free(w->s);
    memset(w, 0, sizeof *w);
}
