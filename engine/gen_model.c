/* gen_model.c: what generated quantities are made of: the carriers'
 * dimensions, unit spellings and their factors, monthly and daily shapes. */

#include "gen_internal.h"

#include <string.h>

/* ---- units and carriers ------------------------------------------------ */

/* The spellings the generator uses, to exercise unit handling; SPEC 4. */
static const gen_unit units_mass[] = {
    {"t", 1.0}, {"kg", 0.001}, {"kt", 1000.0},
    {"万吨", 1e4}, {"10^4t", 1e4}};
static const gen_unit units_volume[] = {
    {"m3", 1.0}, {"10^4m3", 1e4}, {"万立方米", 1e4}};
static const gen_unit units_elec[] = {
    {"kWh", 1.0}, {"MWh", 1000.0}, {"10^4kWh", 1e4}, {"万千瓦时", 1e4}};
static const gen_unit units_heat[] = {{"GJ", 1.0}, {"MJ", 0.001}};

static const struct {
    const gen_unit *u;
    size_t n;
} units_by_dim[GEN_DIM_COUNT] = {
    {units_mass, sizeof units_mass / sizeof units_mass[0]},
    {units_volume, sizeof units_volume / sizeof units_volume[0]},
    {units_elec, sizeof units_elec / sizeof units_elec[0]},
    {units_heat, sizeof units_heat / sizeof units_heat[0]},
};

/* Dimension of each carrier the generator writes (the shipped carrier
 * table's `unit` column decides it for the engine). */
static const struct {
    const char *carrier;
    int dim;
} carrier_dims[] = {
    {"raw_coal", GEN_DIM_MASS}, {"washed_coal", GEN_DIM_MASS},
    {"coke", GEN_DIM_MASS}, {"coal_tar", GEN_DIM_MASS},
    {"crude_benzene", GEN_DIM_MASS}, {"diesel", GEN_DIM_MASS},
    {"lng", GEN_DIM_MASS}, {"methanol", GEN_DIM_MASS},
    {"steam", GEN_DIM_MASS}, {"new_water", GEN_DIM_MASS},
    {"coke_oven_gas", GEN_DIM_VOLUME}, {"natural_gas", GEN_DIM_VOLUME},
    {"hydrogen", GEN_DIM_VOLUME}, {"oxygen", GEN_DIM_VOLUME},
    {"nitrogen", GEN_DIM_VOLUME}, {"compressed_air", GEN_DIM_VOLUME},
    {"coal_mine_methane", GEN_DIM_VOLUME},
    {"electricity", GEN_DIM_ELEC}, {"pv_electricity", GEN_DIM_ELEC},
    {"green_power", GEN_DIM_ELEC}, {"heat", GEN_DIM_HEAT},
};

int gen_carrier_dim(const char *carrier)
{
    for (size_t i = 0; i < sizeof carrier_dims / sizeof carrier_dims[0]; i++)
        if (strcmp(carrier_dims[i].carrier, carrier) == 0)
            return carrier_dims[i].dim;
    return GEN_DIM_NONE;
}

double gen_unit_factor(int dim, const char *unit)
{
    if (dim < 0 || dim >= GEN_DIM_COUNT)
        return 0.0;
    for (size_t i = 0; i < units_by_dim[dim].n; i++)
        if (strcmp(units_by_dim[dim].u[i].unit, unit) == 0)
            return units_by_dim[dim].u[i].to_base;
    return 0.0;
}

size_t gen_dim_units(int dim, const gen_unit **u)
{
    *u = units_by_dim[dim].u;
    return units_by_dim[dim].n;
}

/* ---- seasonal and daily shapes ----------------------------------------- */

/* Monthly shapes, Jan..Dec, normalised to mean 1 at start-up. PROD: steady
 * industry with the Spring Festival dip; FOOD: vinegar and food, autumn and
 * pre-festival peak; HEAT: heating season (15 Nov to 15 Mar in Taiyuan);
 * COOL: cold chain and data centres; SOLAR: PV yield at 37.6 N. */
static const double month_shape[GEN_PR_COUNT][12] = {
    {1.00, 0.88, 1.01, 1.02, 1.03, 1.00, 0.97, 0.98, 1.02, 1.03, 1.03, 1.03},
    {1.08, 0.82, 0.96, 0.98, 0.97, 0.93, 0.92, 0.95, 1.03, 1.10, 1.12, 1.14},
    {1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00, 1.00},
    {1.95, 1.70, 1.15, 0.45, 0.35, 0.35, 0.35, 0.35, 0.40, 0.60, 1.50, 1.95},
    {0.90, 0.86, 0.92, 0.97, 1.06, 1.14, 1.20, 1.18, 1.05, 0.96, 0.88, 0.90},
    {0.68, 0.78, 1.00, 1.12, 1.26, 1.22, 1.14, 1.08, 0.94, 0.86, 0.68, 0.62},
};

void gen_shapes_init(gen_shapes *sh)
{
    for (int p = 0; p < GEN_PR_COUNT; p++) {
        double sum = 0.0;
        for (int m = 0; m < 12; m++)
            sum += month_shape[p][m];
        for (int m = 0; m < 12; m++)
            sh->month[p][m] = month_shape[p][m] * 12.0 / sum;
    }
    double solar_sum = 0.0;
    for (int k = 0; k < 96; k++) {
        double h = (k + 0.5) / 4.0; /* hour of day, slot centre */
        sh->day[GEN_DAY_FLAT][k] = 1.0;
        sh->day[GEN_DAY_ELEC][k] = (h >= 8.0 && h < 20.0) ? 1.12 : 0.88;
        double x = (h - 6.0) / 13.0; /* daylight 06:00 to 19:00 */
        sh->day[GEN_DAY_SOLAR][k] =
            (x > 0.0 && x < 1.0) ? 4.0 * x * (1.0 - x) : 0.0;
        solar_sum += sh->day[GEN_DAY_SOLAR][k];
        char *t = sh->slot_text[k];
        t[0] = 'T';
        gen_put2(t + 1, k / 4);
        t[3] = ':';
        gen_put2(t + 4, k % 4 * 15);
        t[6] = '\0';
    }
    for (int k = 0; k < 96; k++)
        sh->day[GEN_DAY_SOLAR][k] *= 96.0 / solar_sum;
}
