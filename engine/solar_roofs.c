/* solar_roofs.c: DIR/rooftops.csv (bad rows rejected with their reason,
 * as the audit does) and the scenarios: policy, full, or a user file of
 * category and firm shares. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "solar.h"

long ecai_idlist_find(const ecai_idlist *l, const char *id)
{
    size_t lo = 0, hi = l ? l->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(l->ids[mid], id);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

eca_status ecai_solar_reject(const eca_solar_options *o, const char *file,
                             long line, const char *column,
                             const char *reason, const char *detail,
                             eca_error *err)
{
    eca_reject r = {file, line, column, reason, detail};
    if (o->on_reject)
        o->on_reject(&r, o->reject_user);
    if (o->strict)
        return ecai_fail(err, ECA_EINPUT, "%s:%ld: %s%s%s%s (%s; --strict)",
                         file, line, *column ? "column '" : "", column,
                         *column ? "': " : "", detail, reason);
    return ECA_OK;
}

static int category_of(const char *s)
{
    for (int i = 0; i < ECA_ROOF_COUNT; i++)
        if (strcmp(s, eca_roof_category_name((eca_roof_category)i)) == 0)
            return i;
    return -1;
}

void ecai_roofs_free(ecai_roofs *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->r[i].id);
        free(t->r[i].firm);
    }
    free(t->r);
    memset(t, 0, sizeof *t);
}

enum { C_ID, C_FIRM, C_CAT, C_AREA, C_TILT, C_AZ, NCOL };
static const char *const col_names[NCOL] = {
    "roof_id", "firm_id", "category", "area_m2", "tilt_deg", "azimuth_deg"};

/* Checks one row; on a fault names the column, reason and detail. */
static int check_row(const ecai_csv *c, const long *cols, size_t ncols,
                     const ecai_idlist *firms, const ecai_strmap *seen,
                     const ecai_solar_params *p, ecai_roof *x, int *col,
                     const char **reason, char *detail, size_t dn)
{
    const char *s[NCOL];
    size_t n[NCOL];
    for (int i = 0; i < NCOL; i++)
        s[i] = cols[i] >= 0 ? ecai_csv_field(c, (size_t)cols[i], &n[i])
                            : (n[i] = 0, "");
    *col = -1;
    if (ecai_csv_nfields(c) != ncols) {
        *reason = "field_count";
        snprintf(detail, dn, "row has %zu fields, header has %zu",
                 ecai_csv_nfields(c), ncols);
        return -1;
    }
    static const int req[] = {C_ID, C_CAT, C_AREA};
    for (int i = 0; i < 3; i++)
        if (!n[req[i]]) {
            *col = req[i];
            *reason = "missing_value";
            snprintf(detail, dn, "required value is empty");
            return -1;
        }
    if (ecai_strmap_get(seen, s[C_ID], n[C_ID]) >= 0) {
        *col = C_ID;
        *reason = "duplicate_roof";
        snprintf(detail, dn, "\"%.200s\" repeats an earlier roof_id", s[C_ID]);
        return -1;
    }
    int cat = category_of(s[C_CAT]);
    if (cat < 0) {
        *col = C_CAT;
        *reason = "bad_code";
        snprintf(detail, dn, "\"%.200s\" is not government, public, "
                             "industrial or residential", s[C_CAT]);
        return -1;
    }
    x->cat = (eca_roof_category)cat;
    x->firm_index = -1;
    if (n[C_FIRM] && (x->firm_index = ecai_idlist_find(firms, s[C_FIRM])) < 0) {
        *col = C_FIRM;
        *reason = "unknown_firm";
        snprintf(detail, dn, "\"%.200s\" is not a firm_id of firms.csv",
                 s[C_FIRM]);
        return -1;
    }
    static const struct {
        int col;
        double lo, hi;
        const char *what;
    } nums[] = {{C_AREA, 0, 1e8, "a roof area above 0 m2"},
                {C_TILT, 0, 90, "a tilt in [0, 90] degrees"},
                {C_AZ, 0, 360, "an azimuth in [0, 360] degrees"}};
    double v[3] = {0, p->default_tilt_deg, p->default_azimuth_deg};
    for (int i = 0; i < 3; i++) {
        int k = nums[i].col;
        if (!n[k])
            continue;
        if (ecai_parse_double(s[k], n[k], &v[i]) != 0 ||
            !(v[i] >= nums[i].lo) || !(v[i] <= nums[i].hi) ||
            (k == C_AREA && v[i] <= 0)) {
            *col = k;
            *reason = "bad_number";
            snprintf(detail, dn, "\"%.200s\" is not %s", s[k], nums[i].what);
            return -1;
        }
    }
    x->area_m2 = v[0];
    x->tilt_deg = v[1];
    x->azimuth_deg = v[2];
    return 0;
}

eca_status ecai_roofs_load(ecai_roofs *t, const char *dir,
                           const ecai_idlist *firms,
                           const ecai_solar_params *p,
                           const eca_solar_options *o, eca_error *err)
{
    static const char *const req[] = {"roof_id", "category", "area_m2", NULL};
    size_t pn = strlen(dir) + sizeof "/rooftops.csv";
    char *path = malloc(pn);
    ecai_csv *c = NULL;
    ecai_strmap *seen = ecai_strmap_alloc();
    eca_status st = ECA_OK;
    size_t cap = 0;
    long cols[NCOL];
    int r;
    memset(t, 0, sizeof *t);
    if (!path || !seen) {
        st = ecai_fail(err, ECA_ENOMEM, "out of memory");
        goto done;
    }
    snprintf(path, pn, "%s/rooftops.csv", dir);
    if (!(c = ecai_csv_open(path, "rooftops.csv", err))) {
        st = err->status;
        goto done;
    }
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    for (int i = 0; i < NCOL; i++)
        cols[i] = ecai_csv_find(c, col_names[i]);
    while ((r = ecai_csv_next(c, err)) == 1) {
        ecai_roof x = {0};
        int col;
        const char *reason;
        char detail[320];
        t->rows.read++;
        if (check_row(c, cols, ecai_csv_columns(c), firms, seen, p, &x, &col,
                      &reason, detail, sizeof detail) != 0) {
            t->rows.rejected++;
            st = ecai_solar_reject(o, "rooftops.csv", ecai_csv_line(c),
                                   col >= 0 ? col_names[col] : "", reason,
                                   detail, err);
            if (st != ECA_OK)
                goto done;
            continue;
        }
        if (t->n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            ecai_roof *q = realloc(t->r, nc * sizeof *q);
            if (!q) {
                st = ecai_fail(err, ECA_ENOMEM, "out of memory");
                goto done;
            }
            t->r = q;
            cap = nc;
        }
        size_t ni, nf;
        const char *id = ecai_csv_field(c, (size_t)cols[C_ID], &ni);
        const char *fi = cols[C_FIRM] >= 0
                             ? ecai_csv_field(c, (size_t)cols[C_FIRM], &nf)
                             : "";
        x.id = strdup(id);
        x.firm = strdup(fi);
        x.line = ecai_csv_line(c);
        t->r[t->n++] = x;
        if (!x.id || !x.firm || ecai_strmap_put(seen, id, ni, 0) < 0) {
            st = ecai_fail(err, ECA_ENOMEM, "out of memory");
            goto done;
        }
        t->rows.used++;
    }
    if (r < 0)
        st = err->status;
    else if (t->n == 0)
        st = ecai_fail(err, ECA_EINPUT,
                       "rooftops.csv: no usable roof (see rejected.csv)");
done:
    ecai_strmap_free(seen);
    ecai_csv_close(c);
    free(path);
    return st;
}

void ecai_scenario_def_free(ecai_scenario_def *d)
{
    if (!d)
        return;
    free(d->name);
    free(d->roof_share);
    memset(d, 0, sizeof *d);
}

eca_status ecai_scenario_builtin(ecai_scenario_def *d, const char *name,
                                 const double share[ECA_ROOF_COUNT],
                                 const ecai_roofs *roofs, eca_error *err)
{
    memset(d, 0, sizeof *d);
    d->name = strdup(name);
    d->roof_share = calloc(roofs->n ? roofs->n : 1, sizeof *d->roof_share);
    if (!d->name || !d->roof_share)
        return ecai_fail(err, ECA_ENOMEM, "out of memory");
    memcpy(d->cat, share, sizeof d->cat);
    for (size_t i = 0; i < roofs->n; i++)
        d->roof_share[i] = share[roofs->r[i].cat];
    return ECA_OK;
}

/* A user scenario: rows `category,share`, and rows with a firm_id whose
 * share applies to that firm's roofs (of the row's category, or all its
 * roofs when the category is empty). Categories not listed get 0. */
eca_status ecai_scenario_file(ecai_scenario_def *d, const char *path,
                              const ecai_roofs *roofs,
                              const ecai_idlist *firms, eca_error *err)
{
    static const char *const req[] = {"category", "share", NULL};
    const char *base = strrchr(path, '/');
    double zero[ECA_ROOF_COUNT] = {0};
    eca_status st = ecai_scenario_builtin(d, base ? base + 1 : path, zero,
                                          roofs, err);
    ecai_csv *c = NULL;
    long seen_cat[ECA_ROOF_COUNT] = {0};
    int r;
    if (st != ECA_OK)
        return st;
    if (!(c = ecai_csv_open(path, d->name, err)))
        return err->status;
    if ((st = ecai_csv_require(c, req, err)) != ECA_OK)
        goto done;
    long cc = ecai_csv_find(c, "category"), cs = ecai_csv_find(c, "share"),
         cf = ecai_csv_find(c, "firm_id");
    /* firm rows are applied after all category rows */
    typedef struct {
        long firm;
        int cat;
        double share;
    } frow;
    frow *fr = NULL;
    size_t nfr = 0;
    while ((r = ecai_csv_next(c, err)) == 1) {
        size_t ns;
        const char *cat = ecai_csv_field(c, (size_t)cc, NULL);
        const char *sh = ecai_csv_field(c, (size_t)cs, &ns);
        const char *firm = cf >= 0 ? ecai_csv_field(c, (size_t)cf, NULL) : "";
        long line = ecai_csv_line(c);
        double v;
        int k = *cat ? category_of(cat) : -1;
        if (ecai_csv_nfields(c) != ecai_csv_columns(c)) {
            st = ecai_fail(err, ECA_EINPUT,
                           "%s:%ld: row has %zu fields, header has %zu",
                           d->name, line, ecai_csv_nfields(c),
                           ecai_csv_columns(c));
            break;
        }
        if ((*cat || !*firm) && k < 0) {
            st = ecai_fail(err, ECA_EINPUT,
                           "%s:%ld: column 'category': \"%s\" is not "
                           "government, public, industrial or residential",
                           d->name, line, cat);
            break;
        }
        if (ecai_parse_double(sh, ns, &v) != 0 || !(v >= 0) || !(v <= 1)) {
            st = ecai_fail(err, ECA_EINPUT,
                           "%s:%ld: column 'share': \"%s\" is not a number in "
                           "[0, 1]", d->name, line, sh);
            break;
        }
        if (!*firm) {
            if (seen_cat[k]) {
                st = ecai_fail(err, ECA_EINPUT,
                               "%s:%ld: column 'category': %s repeats line "
                               "%ld", d->name, line, cat, seen_cat[k]);
                break;
            }
            seen_cat[k] = line;
            d->cat[k] = v;
            continue;
        }
        long fi = ecai_idlist_find(firms, firm);
        if (fi < 0) {
            st = ecai_fail(err, ECA_EINPUT,
                           "%s:%ld: column 'firm_id': \"%s\" is not a firm_id "
                           "of firms.csv", d->name, line, firm);
            break;
        }
        frow *q = realloc(fr, (nfr + 1) * sizeof *q);
        if (!q) {
            st = ecai_fail(err, ECA_ENOMEM, "out of memory");
            break;
        }
        fr = q;
        fr[nfr++] = (frow){fi, k, v};
    }
    if (st == ECA_OK && r < 0)
        st = err->status;
    if (st == ECA_OK) {
        for (size_t i = 0; i < roofs->n; i++)
            d->roof_share[i] = d->cat[roofs->r[i].cat];
        for (size_t j = 0; j < nfr; j++)
            for (size_t i = 0; i < roofs->n; i++)
                if (roofs->r[i].firm_index == fr[j].firm &&
                    (fr[j].cat < 0 || (int)roofs->r[i].cat == fr[j].cat))
                    d->roof_share[i] = fr[j].share;
    }
    free(fr);
done:
    ecai_csv_close(c);
    return st;
}
