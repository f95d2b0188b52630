/* gen_qingxu.c: the bundled county of `eca gen --preset qingxu-2022`: its
 * firm table, which random mode also uses as sector prototypes, and writer. */

#include "gen_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Synthetic: names follow the county's 2022 work report, every quantity is
 * made up to realistic magnitudes (datasets/qingxu-2022/README.md). */

#define PRESET_YEAR 2022
#define PRESET_SEED 20220126u /* the work report's date */

/* Coking plants: rates per t of coke. Charged washed coal is metered as
 * received (about 10 % moisture), so 1.41-1.46 t wet is about 1.33 t dry.
 * The first series of every firm is its electricity. */
static const gen_firm preset_firms[] = {
    {"QX001", "山西美锦煤焦化有限公司", "coking", "孟封镇",
     "top", "0", "26.5", "10.2", "dry", "6", 2650000, {
        {"electricity", "consume", "coking", 34, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.43, 1, "万吨", 4, GEN_PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "万吨", 4, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 430, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 176, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"steam", "recovered", "coking", 0.50, 1, "t", 1, GEN_PR_PROD, 0},
        {"steam", "consume", "coking", 0.40, 1, "t", 1, GEN_PR_PROD, 0},
        {"nitrogen", "consume", "coking", 6, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"new_water", "consume", "coking", 1.4, 1, "t", 1, GEN_PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.038, 1, "t", 2, GEN_PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.011, 1, "t", 2, GEN_PR_PROD, 0},
        {"electricity", "consume", "", 0.45, 1, "MWh", 3, GEN_PR_PROD, 0}}},
    {"QX002", "山西梗阳新能源有限公司", "coking", "东于镇",
     "stamp", "0", "28.2", "10.8", "dry", "4", 1980000, {
        {"electricity", "consume", "coking", 42, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.45, 1, "10^4t", 4, GEN_PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 1, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 425, 1, "m3", 1, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 185, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"steam", "recovered", "coking", 0.47, 1, "t", 2, GEN_PR_PROD, 0},
        {"steam", "consume", "coking", 0.38, 1, "t", 2, GEN_PR_PROD, 0},
        {"compressed_air", "consume", "coking", 12, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"new_water", "consume", "coking", 1.6, 1, "t", 1, GEN_PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.041, 1, "t", 3, GEN_PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0105, 1, "t", 3, GEN_PR_PROD, 0},
        {"electricity", "consume", "", 0.5, 1, "kWh", 1, GEN_PR_PROD, 0}}},
    {"QX003", "清徐县亚鑫焦化有限公司", "coking", "孟封镇",
     "top", "0", "25.1", "9.6", "wet", "17", 1350000, {
        {"electricity", "consume", "coking", 31, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.42, 1, "万吨", 4, GEN_PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "万吨", 4, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 435, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 172, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"steam", "consume", "coking", 0.12, 1, "t", 1, GEN_PR_PROD, 0},
        {"new_water", "consume", "coking", 2.2, 1, "t", 1, GEN_PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.037, 1, "t", 2, GEN_PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0108, 1, "t", 2, GEN_PR_PROD, 0},
        {"electricity", "consume", "", 0.6, 1, "MWh", 2, GEN_PR_PROD, 0}}},
    {"QX004", "山西清徐宏达焦化有限公司", "coking", "孟封镇",
     "stamp", "0.10", "27.4", "11.2", "dry", "9", 900000, {
        {"electricity", "consume", "coking", 40, 1, "kWh", 1, GEN_PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.46, 1, "t", 1, GEN_PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "kt", 3, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 428, 1, "m3", 1, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 180, 1, "m3", 1, GEN_PR_PROD, 0},
        {"electricity", "recovered", "coking", 95, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"steam", "recovered", "coking", 0.15, 1, "t", 1, GEN_PR_PROD, 0},
        {"steam", "consume", "coking", 0.30, 1, "t", 1, GEN_PR_PROD, 0},
        {"nitrogen", "consume", "coking", 5, 1, "m3", 1, GEN_PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.042, 1, "t", 2, GEN_PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0112, 1, "t", 2, GEN_PR_PROD, 0},
        {"electricity", "consume", "", 0.4, 1, "kWh", 1, GEN_PR_PROD, 0}}},
    {"QX005", "太原清徐鑫源焦化有限公司", "coking", "东于镇",
     "stamp", "0", "28.9", "11.6", "dry", "12", 720000, {
        {"electricity", "consume", "coking", 38, 1, "10^4kWh", 3, GEN_PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.44, 1, "t", 1, GEN_PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 1, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 432, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 178, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"steam", "recovered", "coking", 0.54, 1, "t", 1, GEN_PR_PROD, 0},
        {"steam", "consume", "coking", 0.42, 1, "t", 1, GEN_PR_PROD, 0},
        {"new_water", "consume", "coking", 1.2, 1, "t", 1, GEN_PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.040, 1, "t", 2, GEN_PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.011, 1, "t", 2, GEN_PR_PROD, 0},
        {"electricity", "consume", "", 0.5, 1, "kWh", 1, GEN_PR_PROD, 0}}},
    {"QX006", "清徐县徐沟焦化厂", "coking", "徐沟镇",
     "top", "0", "23.4", "8.7", "wet", "28", 430000, {
        {"electricity", "consume", "coking", 45, 1, "kWh", 1, GEN_PR_PROD, 0},
        {"washed_coal", "convert_in", "coking", 1.41, 1, "t", 2, GEN_PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 2, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 420, 1, "m3", 1, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 190, 1, "m3", 1, GEN_PR_PROD, 0},
        {"steam", "consume", "coking", 0.15, 1, "t", 2, GEN_PR_PROD, 0},
        {"new_water", "consume", "coking", 2.5, 1, "t", 1, GEN_PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.035, 1, "t", 2, GEN_PR_PROD, 0},
        {"crude_benzene", "convert_out", "coking", 0.0098, 1, "t", 3, GEN_PR_PROD, 0},
        {"electricity", "consume", "", 0.8, 1, "kWh", 1, GEN_PR_PROD, 0}}},
    /* Semi-coke (兰炭): long-flame raw coal, internally heated; its lean gas
     * is metered in coke-oven-gas equivalent m3. */
    {"QX007", "清徐县西谷兰炭有限公司", "coking", "西谷乡",
     "semi_coke", "", "", "", "wet", "8", 500000, {
        {"electricity", "consume", "coking", 26, 1, "kWh", 1, GEN_PR_PROD, 0},
        {"raw_coal", "convert_in", "coking", 1.75, 1, "t", 1, GEN_PR_PROD, 0},
        {"coke", "convert_out", "coking", 1.0, 1, "t", 1, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "coking", 320, 1, "m3", 1, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "coking", 258, 1, "m3", 1, GEN_PR_PROD, 0},
        {"steam", "consume", "coking", 0.08, 1, "t", 2, GEN_PR_PROD, 0},
        {"coal_tar", "convert_out", "coking", 0.075, 1, "t", 2, GEN_PR_PROD, 0},
        {"new_water", "consume", "coking", 1.0, 1, "t", 1, GEN_PR_PROD, 0},
        {"electricity", "consume", "", 0.6, 1, "kWh", 1, GEN_PR_PROD, 0}}},

    /* Coal mines: activity is raw coal mined (8.5 Mt in all), which is not
     * an energy flow of the mine. Two coal-mine-methane power projects. */
    {"QX010", "山西清徐东于煤业有限公司(东于煤矿)", "coal_mining", "东于镇",
     "", "", "", "", "", "", 2400000, {
        {"electricity", "consume", "", 24, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00020, 1, "t", 2, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 4200, 0, "t", 1, GEN_PR_HEAT, 0},
        {"coal_mine_methane", "convert_in", "cmm_power", 51840000, 0, "万立方米", 2, GEN_PR_FLAT, 5},
        {"electricity", "convert_out", "cmm_power", 86400000, 0, "MWh", 3, GEN_PR_FLAT, 5},
        {"new_water", "consume", "", 0.25, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX011", "山西锦富煤业有限公司(锦富煤矿)", "coal_mining", "马峪乡",
     "", "", "", "", "", "", 1500000, {
        {"electricity", "consume", "", 26, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00025, 1, "t", 3, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 3000, 0, "t", 1, GEN_PR_HEAT, 0},
        {"coal_mine_methane", "convert_in", "cmm_power", 43400000, 0, "m3", 1, GEN_PR_FLAT, 9},
        {"electricity", "convert_out", "cmm_power", 70000000, 0, "10^4kWh", 3, GEN_PR_FLAT, 9},
        {"new_water", "consume", "", 0.22, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX012", "清徐县瑞源煤业有限公司(瑞源煤矿)", "coal_mining", "西谷乡",
     "", "", "", "", "", "", 600000, {
        {"electricity", "consume", "", 28, 1, "kWh", 1, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00030, 1, "t", 2, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 1500, 0, "t", 1, GEN_PR_HEAT, 0},
        {"electricity", "consume", "construction", 3600000, 0, "kWh", 1, GEN_PR_FLAT, 4},
        {"diesel", "consume", "construction", 420, 0, "t", 2, GEN_PR_FLAT, 4}}},
    {"QX013", "山西清徐马峪煤业有限公司", "coal_mining", "马峪乡",
     "", "", "", "", "", "", 1200000, {
        {"electricity", "consume", "", 22, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00018, 1, "t", 2, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 2400, 0, "t", 1, GEN_PR_HEAT, 0},
        {"new_water", "consume", "", 0.20, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX014", "清徐县西谷煤业有限公司", "coal_mining", "西谷乡",
     "", "", "", "", "", "", 900000, {
        {"electricity", "consume", "", 25, 1, "10^4kWh", 3, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00022, 1, "kg", 1, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 1800, 0, "t", 1, GEN_PR_HEAT, 0}}},
    {"QX015", "山西清徐集义煤业有限公司", "coal_mining", "集义乡",
     "", "", "", "", "", "", 1000000, {
        {"electricity", "consume", "", 23, 1, "MWh", 2, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00020, 1, "t", 2, GEN_PR_PROD, 0},
        {"natural_gas", "consume", "heating", 1200000, 0, "万立方米", 2, GEN_PR_HEAT, 0},
        {"new_water", "consume", "", 0.18, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX016", "清徐县宏泰煤业有限公司", "coal_mining", "马峪乡",
     "", "", "", "", "", "", 900000, {
        {"electricity", "consume", "", 27, 1, "kWh", 1, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00024, 1, "t", 2, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 2000, 0, "t", 1, GEN_PR_HEAT, 0}}},

    /* Coal washeries: activity is raw coal washed; energy is their own use. */
    {"QX020", "清徐县鑫峰洗煤有限公司", "coal_washing", "西谷乡",
     "", "", "", "", "", "", 1800000, {
        {"electricity", "consume", "", 6.5, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00006, 1, "t", 2, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 600, 0, "t", 1, GEN_PR_HEAT, 0},
        {"new_water", "consume", "", 0.08, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX021", "山西清徐东于洗选煤有限公司", "coal_washing", "东于镇",
     "", "", "", "", "", "", 1200000, {
        {"electricity", "consume", "", 6.8, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00007, 1, "t", 2, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "heating", 400, 0, "t", 1, GEN_PR_HEAT, 0}}},
    {"QX022", "清徐县马峪兴盛洗煤厂", "coal_washing", "马峪乡",
     "", "", "", "", "", "", 600000, {
        {"electricity", "consume", "", 7.2, 1, "kWh", 1, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00008, 1, "t", 3, GEN_PR_PROD, 0},
        {"new_water", "consume", "", 0.10, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX023", "清徐县集义宏远洗煤有限公司", "coal_washing", "集义乡",
     "", "", "", "", "", "", 350000, {
        {"electricity", "consume", "", 7.5, 1, "kWh", 1, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00009, 1, "kg", 1, GEN_PR_PROD, 0}}},
    {"QX024", "山西清徐焦煤洗选有限公司", "coal_washing", "孟封镇",
     "", "", "", "", "", "", 2500000, {
        {"electricity", "consume", "", 6.0, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 0.00005, 1, "t", 2, GEN_PR_PROD, 0},
        {"new_water", "consume", "", 0.07, 1, "t", 1, GEN_PR_PROD, 0},
        {"natural_gas", "consume", "heating", 350000, 0, "m3", 1, GEN_PR_HEAT, 0}}},

    /* Coal chemicals in the fine-chemicals circular park. Coke oven gas to
     * chemical methanol, coal tar to carbon materials, crude benzene and
     * hydrogen to hydrofining are feedstock; fuel LNG and fuel-cell hydrogen
     * made from coke oven gas are energy conversion. */
    {"QX030", "山西美锦华盛化工新材料有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 200000, { /* t methanol */
        {"electricity", "consume", "", 650, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"coke_oven_gas", "feedstock", "methanol", 1700, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"coke_oven_gas", "consume", "", 350, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"oxygen", "consume", "methanol", 250, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"steam", "consume", "", 0.9, 1, "t", 1, GEN_PR_PROD, 0},
        {"new_water", "consume", "", 12, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX031", "清徐县鑫源焦炉煤气综合利用有限公司", "chemicals", "东于镇",
     "", "", "", "", "", "", 120000, { /* t LNG */
        {"electricity", "consume", "", 900, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_in", "", 3600, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"lng", "convert_out", "", 1.0, 1, "t", 2, GEN_PR_PROD, 0},
        {"hydrogen", "convert_out", "", 500, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"steam", "consume", "", 0.5, 1, "t", 1, GEN_PR_PROD, 0},
        {"new_water", "consume", "", 8, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX032", "山西清徐氢能科技有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 80000000, { /* m3 fuel-cell hydrogen */
        {"electricity", "consume", "", 0.35, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_in", "", 2.3, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"hydrogen", "convert_out", "", 1.0, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_out", "tail_gas", 1.2, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"new_water", "consume", "", 0.002, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX033", "清徐县华晋碳材料科技有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 30000, { /* t carbon materials */
        {"electricity", "consume", "", 1200, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"coal_tar", "feedstock", "", 1.6, 1, "t", 2, GEN_PR_PROD, 0},
        {"natural_gas", "consume", "", 180, 1, "万立方米", 3, GEN_PR_PROD, 0},
        {"nitrogen", "consume", "", 40, 1, "m3", 1, GEN_PR_PROD, 0}}},
    {"QX034", "山西亚鑫新材料有限公司", "chemicals", "孟封镇",
     "", "", "", "", "", "", 60000, { /* t crude benzene refined */
        {"electricity", "consume", "", 90, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"crude_benzene", "feedstock", "", 1.0, 1, "t", 2, GEN_PR_PROD, 0},
        {"hydrogen", "feedstock", "", 180, 1, "10^4m3", 3, GEN_PR_PROD, 0},
        {"natural_gas", "consume", "", 60, 1, "万立方米", 3, GEN_PR_PROD, 0},
        {"steam", "consume", "", 1.1, 1, "t", 1, GEN_PR_PROD, 0}}},
    {"QX035", "山西清徐新碳能源材料有限公司", "chemicals", "清源镇",
     "", "", "", "", "", "", 0, { /* supercapacitor carbon pilot from Oct */
        {"electricity", "consume", "", 3000000, 0, "kWh", 1, GEN_PR_FLAT, 10},
        {"natural_gas", "consume", "", 120000, 0, "m3", 2, GEN_PR_FLAT, 10}}},

    /* Coke oven gas power: activity is kWh generated. */
    {"QX040", "清徐县焦炉煤气发电有限公司", "power", "孟封镇",
     "", "", "", "", "", "", 400000000, {
        {"electricity", "consume", "", 0.08, 1, "MWh", 3, GEN_PR_PROD, 0},
        {"coke_oven_gas", "convert_in", "", 0.74, 1, "万立方米", 2, GEN_PR_PROD, 0},
        {"electricity", "convert_out", "", 1.0, 1, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"new_water", "consume", "", 0.0025, 1, "t", 1, GEN_PR_PROD, 0}}},

    /* Vinegar and food: activity is t of vinegar (or head of pigs). */
    {"QX050", "山西水塔醋业股份有限公司", "food", "清源镇",
     "", "", "", "", "", "", 150000, {
        {"electricity", "consume", "", 45, 1, "万千瓦时", 2, GEN_PR_FOOD, 0},
        {"natural_gas", "convert_in", "boiler", 30, 1, "万立方米", 3, GEN_PR_FOOD, 0},
        {"steam", "convert_out", "boiler", 0.26, 1, "t", 1, GEN_PR_FOOD, 0},
        {"steam", "consume", "", 0.26, 1, "t", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "", 5, 1, "万立方米", 3, GEN_PR_FOOD, 0},
        {"pv_electricity", "consume", "", 1800000, 0, "kWh", 1, GEN_PR_SOLAR, 0},
        {"natural_gas", "consume", "heating", 400000, 0, "m3", 1, GEN_PR_HEAT, 0},
        {"new_water", "consume", "", 5, 1, "t", 1, GEN_PR_FOOD, 0}}},
    {"QX051", "山西紫林醋业股份有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 80000, {
        {"electricity", "consume", "", 40, 1, "MWh", 3, GEN_PR_FOOD, 0},
        {"steam", "consume", "", 0.22, 1, "t", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "", 12, 1, "m3", 1, GEN_PR_FOOD, 0},
        {"pv_electricity", "consume", "", 1000000, 0, "kWh", 1, GEN_PR_SOLAR, 0},
        {"new_water", "consume", "", 4.5, 1, "t", 1, GEN_PR_FOOD, 0}}},
    {"QX052", "山西东湖醋业有限公司", "food", "清源镇",
     "", "", "", "", "", "", 50000, {
        {"electricity", "consume", "", 42, 1, "kWh", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "", 25, 1, "万立方米", 4, GEN_PR_FOOD, 0},
        {"steam", "consume", "", 0.15, 1, "t", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "heating", 200000, 0, "10^4m3", 3, GEN_PR_HEAT, 0}}},
    {"QX053", "山西来福老陈醋股份有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 25000, {
        {"electricity", "consume", "", 40, 1, "kWh", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "", 28, 1, "m3", 1, GEN_PR_FOOD, 0},
        {"new_water", "consume", "", 4, 1, "t", 1, GEN_PR_FOOD, 0}}},
    {"QX054", "清徐县姚锦坊酿造有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 40000, { /* phase 1 in service from Sep */
        {"electricity", "consume", "", 38, 1, "kWh", 1, GEN_PR_FOOD, 9},
        {"natural_gas", "consume", "", 24, 1, "m3", 1, GEN_PR_FOOD, 9}}},
    {"QX055", "清徐县宝源老醋坊", "food", "徐沟镇",
     "", "", "", "", "", "", 6000, {
        {"electricity", "consume", "", 45, 1, "kWh", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "", 32, 1, "m3", 1, GEN_PR_FOOD, 0}}},
    {"QX056", "清徐县美和源醋业有限公司", "food", "王答乡",
     "", "", "", "", "", "", 12000, {
        {"electricity", "consume", "", 40, 1, "kWh", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "", 26, 1, "m3", 2, GEN_PR_FOOD, 0}}},
    {"QX057", "清徐县新大象科技有限公司", "food", "柳杜乡",
     "", "", "", "", "", "", 500000, { /* head of pigs; slaughter from Oct */
        {"electricity", "consume", "", 32, 1, "10^4kWh", 3, GEN_PR_FOOD, 10},
        {"natural_gas", "consume", "", 2.2, 1, "m3", 1, GEN_PR_FOOD, 10},
        {"new_water", "consume", "", 0.5, 1, "t", 1, GEN_PR_FOOD, 10}}},
    {"QX058", "清徐县东木庄杂粮加工有限公司", "food", "王答乡",
     "", "", "", "", "", "", 10000, {
        {"electricity", "consume", "", 60, 1, "kWh", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "heating", 30000, 0, "m3", 1, GEN_PR_HEAT, 0}}},
    {"QX059", "山西\"晋韵\"食用菌科技有限公司,清徐分公司", "food", "柳杜乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1500000, 0, "kWh", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "", 300000, 0, "m3", 2, GEN_PR_HEAT, 0}}},
    {"QX060", "清徐县三晋清源酒庄有限公司", "food", "马峪乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 420000, 0, "kWh", 1, GEN_PR_FOOD, 0},
        {"natural_gas", "consume", "heating", 45000, 0, "m3", 2, GEN_PR_HEAT, 0}}},
    {"QX061", "清徐县鸿新农产品有限公司", "food", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 650000, 0, "kWh", 1, GEN_PR_COOL, 0},
        {"diesel", "consume", "", 40, 0, "kg", 1, GEN_PR_FLAT, 0}}},

    /* Building materials. */
    {"QX070", "清徐县鑫磊新型建材有限公司", "building_materials", "西谷乡",
     "", "", "", "", "", "", 0, { /* coal-gangue bricks */
        {"electricity", "consume", "", 4200000, 0, "万千瓦时", 3, GEN_PR_PROD, 0},
        {"raw_coal", "consume", "", 7500, 0, "t", 1, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 120, 0, "t", 2, GEN_PR_PROD, 0}}},
    {"QX071", "山西清徐华源水泥粉磨有限公司", "building_materials", "王答乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 28000000, 0, "MWh", 3, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 60, 0, "t", 2, GEN_PR_PROD, 0},
        {"natural_gas", "consume", "", 600000, 0, "万立方米", 3, GEN_PR_PROD, 0}}},
    {"QX072", "清徐县梗阳商品混凝土有限公司", "building_materials", "清源镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1800000, 0, "kWh", 1, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 350, 0, "t", 2, GEN_PR_PROD, 0},
        {"natural_gas", "consume", "heating", 150000, 0, "m3", 1, GEN_PR_HEAT, 0}}},
    {"QX073", "清徐县柳杜石料厂", "building_materials", "柳杜乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 2200000, 0, "万千瓦时", 2, GEN_PR_PROD, 0},
        {"diesel", "consume", "", 260, 0, "kg", 1, GEN_PR_PROD, 0}}},
    {"QX074", "清徐县王答保温材料有限公司", "building_materials", "王答乡",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1600000, 0, "kWh", 1, GEN_PR_PROD, 0},
        {"natural_gas", "consume", "", 900000, 0, "m3", 2, GEN_PR_PROD, 0}}},

    /* Others: data centre, logistics, development zone, buses. */
    {"QX080", "山西美锦良辰数据科技有限公司", "other", "清源镇",
     "", "", "", "", "", "", 0, { /* data centre in service from Jul */
        {"electricity", "consume", "", 48000000, 0, "MWh", 3, GEN_PR_COOL, 7},
        {"green_power", "consume", "", 20000000, 0, "万千瓦时", 2, GEN_PR_COOL, 7}}},
    {"QX081", "山西晋煤物流清徐有限公司", "other", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 1200000, 0, "kWh", 1, GEN_PR_FLAT, 0},
        {"diesel", "consume", "", 2800, 0, "t", 2, GEN_PR_PROD, 0},
        {"lng", "consume", "", 900, 0, "t", 2, GEN_PR_PROD, 0},
        {"methanol", "consume", "", 1500, 0, "t", 2, GEN_PR_PROD, 0}}},
    {"QX082", "清徐县优鲜多歌冷链物流有限公司", "other", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 5500000, 0, "万千瓦时", 2, GEN_PR_COOL, 0},
        {"pv_electricity", "consume", "", 900000, 0, "kWh", 1, GEN_PR_SOLAR, 0},
        {"diesel", "consume", "", 300, 0, "t", 2, GEN_PR_FLAT, 0}}},
    {"QX083", "清徐经济开发区建设投资有限公司", "other", "王答乡",
     "", "", "", "", "", "", 0, { /* standard factory buildings */
        {"electricity", "consume", "", 3500000, 0, "MWh", 3, GEN_PR_FLAT, 0},
        {"pv_electricity", "consume", "", 2200000, 0, "kWh", 1, GEN_PR_SOLAR, 0},
        {"heat", "consume", "", 40000, 0, "GJ", 2, GEN_PR_HEAT, 0}}},
    {"QX084", "清徐县公共交通有限公司", "other", "清源镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 2600000, 0, "kWh", 1, GEN_PR_FLAT, 0},
        {"natural_gas", "consume", "", 1100000, 0, "万立方米", 4, GEN_PR_FLAT, 0}}},
    {"QX085", "清徐县现海物流有限公司", "other", "徐沟镇",
     "", "", "", "", "", "", 0, {
        {"electricity", "consume", "", 500000, 0, "kWh", 1, GEN_PR_FLAT, 0},
        {"diesel", "consume", "", 900, 0, "t", 2, GEN_PR_PROD, 0}}},
};

#define PRESET_NFIRMS (sizeof preset_firms / sizeof preset_firms[0])

/* Random mode sizes its prototype lists by the constant. */
_Static_assert(PRESET_NFIRMS == GEN_QINGXU_NFIRMS,
               "GEN_QINGXU_NFIRMS must count the preset firms");

const gen_firm *gen_qingxu_firm(size_t i)
{
    return &preset_firms[i];
}

/* Rows for December of the year before, written ahead of the firm's rows:
 * late uploads the engine must count as outside the reporting year. */
static const struct {
    const char *firm;
    int series;
} preset_prior[] = {{"QX011", 0}, {"QX050", 0}, {"QX050", 1}};

/* Deliberately bad rows, written after the named firm's rows; each has one
 * reason to be rejected (README lists them). */
static const struct {
    const char *after;
    const char *line;
} preset_bad[] = {
    /* unknown firm: a closed plant still reporting */
    {"QX007", "QX099,QX099-M01,electricity,consume,,2022-08,48210.0,kWh,0"},
    /* negative quantity: a sub-meter read backwards */
    {"QX031", "QX031,QX031-M91,electricity,consume,,2022-04,-1520.5,kWh,0"},
    /* unit of the wrong dimension: trucked gas entered in tonnes */
    {"QX052", "QX052,QX052-M91,natural_gas,consume,,2022-11,9.85,t,0"},
    /* unknown carrier: coal slime is not in the carrier table */
    {"QX070", "QX070,QX070-M91,coal_slime,consume,,2022-03,612.4,t,0"},
    /* bad period: a thirteenth month */
    {"QX084", "QX084,QX084-M02,natural_gas,consume,,2022-13,9.1234,万立方米,0"},
};

/* An exact duplicate of an earlier row, written after the firm's rows. */
static const struct {
    const char *firm;
    int series, month;
} preset_dup = {"QX013", 0, 7};

size_t gen_series_count(const gen_firm *f)
{
    size_t n = 0;
    while (n < GEN_MAX_SERIES && f->s[n].carrier != NULL)
        n++;
    return n;
}

/* Every preset unit must be one of its carrier's dimension. */
int gen_qingxu_check(void)
{
    for (size_t i = 0; i < PRESET_NFIRMS; i++) {
        const gen_firm *f = &preset_firms[i];
        for (size_t j = 0; j < gen_series_count(f); j++) {
            const gen_series *s = &f->s[j];
            if (gen_unit_factor(gen_carrier_dim(s->carrier), s->unit) <= 0.0 ||
                s->decimals < 1 || s->decimals > 4) {
                fprintf(stderr, "eca gen: internal error: %s series %zu\n",
                        f->id, j + 1);
                return -1;
            }
        }
    }
    return 0;
}

/* ---- the preset's meters.csv ------------------------------------------- */

static void preset_firm_rows(gen_out *o, const gen_shapes *sh, size_t fi,
                             uint64_t *rows)
{
    const gen_firm *f = &preset_firms[fi];
    size_t ns = gen_series_count(f);
    double v[GEN_PR_COUNT][12]; /* this firm's monthly activity, per profile */
    char dup[GEN_ROW_MAX];
    size_t duplen = 0;
    gen_rng r;

    gen_rng_seed(&r, PRESET_SEED, fi, 1);
    for (int p = 0; p < GEN_PR_COUNT; p++)
        for (int m = 0; m < 12; m++)
            v[p][m] = sh->month[p][m] * (1.0 + 0.03 * gen_rng_sym(&r));

    for (size_t k = 0; k < sizeof preset_prior / sizeof preset_prior[0]; k++) {
        if (strcmp(preset_prior[k].firm, f->id) != 0)
            continue;
        const gen_series *s = &f->s[preset_prior[k].series];
        gen_rowtext t;
        char period[8];
        double annual = s->rate * (s->per_act ? f->activity : 1.0);
        double q = annual / 12.0 * sh->month[s->profile][11] *
                   (1.0 + 0.03 * gen_rng_sym(&r)) /
                   gen_unit_factor(gen_carrier_dim(s->carrier), s->unit);
        gen_rowtext_init(&t, f->id, preset_prior[k].series + 1, s, s->unit);
        gen_put_year_month(period, PRESET_YEAR - 1, 12);
        gen_out_row(o, t.prefix, t.plen, period, 7, q, s->decimals,
                    t.suffix[0], t.slen);
        (*rows)++;
    }

    for (size_t j = 0; j < ns; j++) {
        const gen_series *s = &f->s[j];
        double annual = s->rate * (s->per_act ? f->activity : 1.0);
        double per_unit =
            1.0 / gen_unit_factor(gen_carrier_dim(s->carrier), s->unit);
        gen_rowtext t;
        gen_rng rs;
        char period[8];
        gen_rng_seed(&rs, PRESET_SEED, fi, 100 + j);
        gen_rowtext_init(&t, f->id, (int)j + 1, s, s->unit);
        for (int m = s->start_month > 0 ? s->start_month : 1; m <= 12; m++) {
            double q = annual / 12.0 * v[s->profile][m - 1] *
                       (1.0 + 0.012 * gen_rng_sym(&rs)) * per_unit;
            int est = gen_rng_unit(&rs) < 0.01;
            size_t at = o->len;
            gen_put_year_month(period, PRESET_YEAR, m);
            gen_out_row(o, t.prefix, t.plen, period, 7, q, s->decimals,
                        t.suffix[est], t.slen);
            (*rows)++;
            if (strcmp(preset_dup.firm, f->id) == 0 &&
                preset_dup.series == (int)j && preset_dup.month == m &&
                o->len > at) {
                duplen = o->len - at;
                memcpy(dup, o->buf + at, duplen);
            }
        }
    }

    if (duplen > 0) {
        gen_out_mem(o, dup, duplen);
        (*rows)++;
    }
    for (size_t k = 0; k < sizeof preset_bad / sizeof preset_bad[0]; k++) {
        if (strcmp(preset_bad[k].after, f->id) != 0)
            continue;
        gen_out_str(o, preset_bad[k].line);
        gen_out_mem(o, "\n", 1);
        (*rows)++;
    }
}

void gen_qingxu_write(gen_out *firms, gen_out *meters, long *nfirms,
                      uint64_t *rows)
{
    gen_shapes sh;
    gen_shapes_init(&sh);
    gen_out_str(firms, gen_firms_header);
    gen_out_str(meters, gen_meters_header);
    for (size_t i = 0; i < PRESET_NFIRMS; i++) {
        const gen_firm *f = &preset_firms[i];
        gen_out_firm(firms, f->id, f->name, f->sector, f->township, f->oven,
                     f->mixed, f->volatile_pct, f->moisture, f->quench, f->age);
        preset_firm_rows(meters, &sh, i, rows);
    }
    *nfirms = (long)PRESET_NFIRMS;
}
