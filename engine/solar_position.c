/* solar_position.c: the sun's topocentric zenith and azimuth by NREL's
 * Solar Position Algorithm (I. Reda and A. Andreas, "Solar Position
 * Algorithm for Solar Radiation Applications", NREL/TP-560-34302, 2003,
 * revised 2008), good to +/-0.0003 degrees over -2000..6000.
 *
 * The periodic terms below are the report's Tables A4.2 (Earth, from
 * VSOP87 as truncated by Meeus) and A4.3 (nutation). They define the
 * algorithm, as a polynomial's coefficients do in GSL, so they live here
 * and not in factors/: changing one makes it another algorithm. */
#include <math.h>
#include "solar.h"

#define PI 3.14159265358979323846
#define RAD (PI / 180.0)

typedef struct {
    double a, b, c;
} term;

/* Table A4.2: L0..L5, B0..B1, R0..R4, each term A cos(B + C x JME). */
static const term L0[] = {
    {175347046, 0, 0}, {3341656, 4.6692568, 6283.07585},
    {34894, 4.6261, 12566.1517}, {3497, 2.7441, 5753.3849},
    {3418, 2.8289, 3.5231}, {3136, 3.6277, 77713.7715},
    {2676, 4.4181, 7860.4194}, {2343, 6.1352, 3930.2097},
    {1324, 0.7425, 11506.7698}, {1273, 2.0371, 529.691},
    {1199, 1.1096, 1577.3435}, {990, 5.233, 5884.927},
    {902, 2.045, 26.298}, {857, 3.508, 398.149}, {780, 1.179, 5223.694},
    {753, 2.533, 5507.553}, {505, 4.583, 18849.228}, {492, 4.205, 775.523},
    {357, 2.92, 0.067}, {317, 5.849, 11790.629}, {284, 1.899, 796.298},
    {271, 0.315, 10977.079}, {243, 0.345, 5486.778},
    {206, 4.806, 2544.314}, {205, 1.869, 5573.143},
    {202, 2.458, 6069.777}, {156, 0.833, 213.299}, {132, 3.411, 2942.463},
    {126, 1.083, 20.775}, {115, 0.645, 0.98}, {103, 0.636, 4694.003},
    {102, 0.976, 15720.839}, {102, 4.267, 7.114}, {99, 6.21, 2146.17},
    {98, 0.68, 155.42}, {86, 5.98, 161000.69}, {85, 1.3, 6275.96},
    {85, 3.67, 71430.7}, {80, 1.81, 17260.15}, {79, 3.04, 12036.46},
    {75, 1.76, 5088.63}, {74, 3.5, 3154.69}, {74, 4.68, 801.82},
    {70, 0.83, 9437.76}, {62, 3.98, 8827.39}, {61, 1.82, 7084.9},
    {57, 2.78, 6286.6}, {56, 4.39, 14143.5}, {56, 3.47, 6279.55},
    {52, 0.19, 12139.55}, {52, 1.33, 1748.02}, {51, 0.28, 5856.48},
    {49, 0.49, 1194.45}, {41, 5.37, 8429.24}, {41, 2.4, 19651.05},
    {39, 6.17, 10447.39}, {37, 6.04, 10213.29}, {37, 2.57, 1059.38},
    {36, 1.71, 2352.87}, {36, 1.78, 6812.77}, {33, 0.59, 17789.85},
    {30, 0.44, 83996.85}, {30, 2.74, 1349.87}, {25, 3.16, 4690.48}};
static const term L1[] = {
    {628331966747.0, 0, 0}, {206059, 2.678235, 6283.07585},
    {4303, 2.6351, 12566.1517}, {425, 1.59, 3.523}, {119, 5.796, 26.298},
    {109, 2.966, 1577.344}, {93, 2.59, 18849.23}, {72, 1.14, 529.69},
    {68, 1.87, 398.15}, {67, 4.41, 5507.55}, {59, 2.89, 5223.69},
    {56, 2.17, 155.42}, {45, 0.4, 796.3}, {36, 0.47, 775.52},
    {29, 2.65, 7.11}, {21, 5.34, 0.98}, {19, 1.85, 5486.78},
    {19, 4.97, 213.3}, {17, 2.99, 6275.96}, {16, 0.03, 2544.31},
    {16, 1.43, 2146.17}, {15, 1.21, 10977.08}, {12, 2.83, 1748.02},
    {12, 3.26, 5088.63}, {12, 5.27, 1194.45}, {12, 2.08, 4694},
    {11, 0.77, 553.57}, {10, 1.3, 6286.6}, {10, 4.24, 1349.87},
    {9, 2.7, 242.73}, {9, 5.64, 951.72}, {8, 5.3, 2352.87},
    {6, 2.65, 9437.76}, {6, 4.67, 4690.48}};
static const term L2[] = {
    {52919, 0, 0}, {8720, 1.0721, 6283.0758}, {309, 0.867, 12566.152},
    {27, 0.05, 3.52}, {16, 5.19, 26.3}, {16, 3.68, 155.42},
    {10, 0.76, 18849.23}, {9, 2.06, 77713.77}, {7, 0.83, 775.52},
    {5, 4.66, 1577.34}, {4, 1.03, 7.11}, {4, 3.44, 5573.14},
    {3, 5.14, 796.3}, {3, 6.05, 5507.55}, {3, 1.19, 242.73},
    {3, 6.12, 529.69}, {3, 0.31, 398.15}, {3, 2.28, 553.57},
    {2, 4.38, 5223.69}, {2, 3.75, 0.98}};
static const term L3[] = {
    {289, 5.844, 6283.076}, {35, 0, 0}, {17, 5.49, 12566.15},
    {3, 5.2, 155.42}, {1, 4.72, 3.52}, {1, 5.3, 18849.23},
    {1, 5.97, 242.73}};
static const term L4[] = {{114, 3.142, 0}, {8, 4.13, 6283.08},
                          {1, 3.84, 12566.15}};
static const term L5[] = {{1, 3.14, 0}};
static const term B0[] = {{280, 3.199, 84334.662}, {102, 5.422, 5507.553},
                          {80, 3.88, 5223.69}, {44, 3.7, 2352.87},
                          {32, 4, 1577.34}};
static const term B1[] = {{9, 3.9, 5507.55}, {6, 1.73, 5223.69}};
static const term R0[] = {
    {100013989, 0, 0}, {1670700, 3.0984635, 6283.07585},
    {13956, 3.05525, 12566.1517}, {3084, 5.1985, 77713.7715},
    {1628, 1.1739, 5753.3849}, {1576, 2.8469, 7860.4194},
    {925, 5.453, 11506.77}, {542, 4.564, 3930.21}, {472, 3.661, 5884.927},
    {346, 0.964, 5507.553}, {329, 5.9, 5223.694}, {307, 0.299, 5573.143},
    {243, 4.273, 11790.629}, {212, 5.847, 1577.344},
    {186, 5.022, 10977.079}, {175, 3.012, 18849.228},
    {110, 5.055, 5486.778}, {98, 0.89, 6069.78}, {86, 5.69, 15720.84},
    {86, 1.27, 161000.69}, {65, 0.27, 17260.15}, {63, 0.92, 529.69},
    {57, 2.01, 83996.85}, {56, 5.24, 71430.7}, {49, 3.25, 2544.31},
    {47, 2.58, 775.52}, {45, 5.54, 9437.76}, {43, 6.01, 6275.96},
    {39, 5.36, 4694}, {38, 2.39, 8827.39}, {37, 0.83, 19651.05},
    {37, 4.9, 12139.55}, {36, 1.67, 12036.46}, {35, 1.84, 2942.46},
    {33, 0.24, 7084.9}, {32, 0.18, 5088.63}, {32, 1.78, 398.15},
    {28, 1.21, 6286.6}, {28, 1.9, 6279.55}, {26, 4.59, 10447.39}};
static const term R1[] = {
    {103019, 1.10749, 6283.07585}, {1721, 1.0644, 12566.1517},
    {702, 3.142, 0}, {32, 1.02, 18849.23}, {31, 2.84, 5507.55},
    {25, 1.32, 5223.69}, {18, 1.42, 1577.34}, {10, 5.91, 10977.08},
    {9, 1.42, 6275.96}, {9, 0.27, 5486.78}};
static const term R2[] = {{4359, 5.7846, 6283.0758}, {124, 5.579, 12566.152},
                          {12, 3.14, 0}, {9, 3.63, 77713.77},
                          {6, 1.87, 5573.14}, {3, 5.47, 18849.23}};
static const term R3[] = {{145, 4.273, 6283.076}, {7, 3.92, 12566.15}};
static const term R4[] = {{4, 2.56, 6283.08}};

typedef struct {
    const term *t;
    size_t n;
} series;
#define SERIES(x) {x, sizeof x / sizeof x[0]}
static const series LS[] = {SERIES(L0), SERIES(L1), SERIES(L2),
                            SERIES(L3), SERIES(L4), SERIES(L5)};
static const series BS[] = {SERIES(B0), SERIES(B1)};
static const series RS[] = {SERIES(R0), SERIES(R1), SERIES(R2),
                            SERIES(R3), SERIES(R4)};

/* Table A4.3: multiples of X0..X4, and the coefficients a, b (longitude)
 * and c, d (obliquity), in 0.0001 arc seconds. */
static const signed char NY[63][5] = {
    {0, 0, 0, 0, 1},   {-2, 0, 0, 2, 2}, {0, 0, 0, 2, 2},   {0, 0, 0, 0, 2},
    {0, 1, 0, 0, 0},   {0, 0, 1, 0, 0},  {-2, 1, 0, 2, 2},  {0, 0, 0, 2, 1},
    {0, 0, 1, 2, 2},   {-2, -1, 0, 2, 2}, {-2, 0, 1, 0, 0}, {-2, 0, 0, 2, 1},
    {0, 0, -1, 2, 2},  {2, 0, 0, 0, 0},  {0, 0, 1, 0, 1},   {2, 0, -1, 2, 2},
    {0, 0, -1, 0, 1},  {0, 0, 1, 2, 1},  {-2, 0, 2, 0, 0},  {0, 0, -2, 2, 1},
    {2, 0, 0, 2, 2},   {0, 0, 2, 2, 2},  {0, 0, 2, 0, 0},   {-2, 0, 1, 2, 2},
    {0, 0, 0, 2, 0},   {-2, 0, 0, 2, 0}, {0, 0, -1, 2, 1},  {0, 2, 0, 0, 0},
    {2, 0, -1, 0, 1},  {-2, 2, 0, 2, 2}, {0, 1, 0, 0, 1},   {-2, 0, 1, 0, 1},
    {0, -1, 0, 0, 1},  {0, 0, 2, -2, 0}, {2, 0, -1, 2, 1},  {2, 0, 1, 2, 2},
    {0, 1, 0, 2, 2},   {-2, 1, 1, 0, 0}, {0, -1, 0, 2, 2},  {2, 0, 0, 2, 1},
    {2, 0, 1, 0, 0},   {-2, 0, 2, 2, 2}, {-2, 0, 1, 2, 1},  {2, 0, -2, 0, 1},
    {2, 0, 0, 0, 1},   {0, -1, 1, 0, 0}, {-2, -1, 0, 2, 1}, {-2, 0, 0, 0, 1},
    {0, 0, 2, 2, 1},   {-2, 0, 2, 0, 1}, {-2, 1, 0, 2, 1},  {0, 0, 1, -2, 0},
    {-1, 0, 1, 0, 0},  {-2, 1, 0, 0, 0}, {1, 0, 0, 0, 0},   {0, 0, 1, 2, 0},
    {0, 0, -2, 2, 2},  {-1, -1, 1, 0, 0}, {0, 1, 1, 0, 0},  {0, -1, 1, 2, 2},
    {2, -1, -1, 2, 2}, {0, 0, 3, 2, 2},  {2, -1, 0, 2, 2}};
static const double NPE[63][4] = {
    {-171996, -174.2, 92025, 8.9}, {-13187, -1.6, 5736, -3.1},
    {-2274, -0.2, 977, -0.5}, {2062, 0.2, -895, 0.5},
    {1426, -3.4, 54, -0.1}, {712, 0.1, -7, 0}, {-517, 1.2, 224, -0.6},
    {-386, -0.4, 200, 0}, {-301, 0, 129, -0.1}, {217, -0.5, -95, 0.3},
    {-158, 0, 0, 0}, {129, 0.1, -70, 0}, {123, 0, -53, 0}, {63, 0, 0, 0},
    {63, 0.1, -33, 0}, {-59, 0, 26, 0}, {-58, -0.1, 32, 0},
    {-51, 0, 27, 0}, {48, 0, 0, 0}, {46, 0, -24, 0}, {-38, 0, 16, 0},
    {-31, 0, 13, 0}, {29, 0, 0, 0}, {29, 0, -12, 0}, {26, 0, 0, 0},
    {-22, 0, 0, 0}, {21, 0, -10, 0}, {17, -0.1, 0, 0}, {16, 0, -8, 0},
    {-16, 0.1, 7, 0}, {-15, 0, 9, 0}, {-13, 0, 7, 0}, {-12, 0, 6, 0},
    {11, 0, 0, 0}, {-10, 0, 5, 0}, {-8, 0, 3, 0}, {7, 0, -3, 0},
    {-7, 0, 0, 0}, {-7, 0, 3, 0}, {-7, 0, 3, 0}, {6, 0, 0, 0},
    {6, 0, -3, 0}, {6, 0, -3, 0}, {-6, 0, 3, 0}, {-6, 0, 3, 0},
    {5, 0, 0, 0}, {-5, 0, 3, 0}, {-5, 0, 3, 0}, {-5, 0, 3, 0},
    {4, 0, 0, 0}, {4, 0, 0, 0}, {4, 0, 0, 0}, {-4, 0, 0, 0},
    {-4, 0, 0, 0}, {-4, 0, 0, 0}, {3, 0, 0, 0}, {-3, 0, 0, 0},
    {-3, 0, 0, 0}, {-3, 0, 0, 0}, {-3, 0, 0, 0}, {-3, 0, 0, 0},
    {-3, 0, 0, 0}, {-3, 0, 0, 0}};

/* Constants of the report's equations (sections 3.5 to 3.14). */
#define ABERRATION_ARCSEC 20.4898 /* eq. 23 */
#define PARALLAX_ARCSEC 8.794     /* eq. 33 */
#define POLAR_RATIO 0.99664719    /* eq. 34: 1 - flattening */
#define EARTH_RADIUS_M 6378140.0  /* eq. 35, 36 */
#define SUN_RADIUS_DEG 0.26667    /* apparent semi-diameter */
#define JD2000 2451545.0

static double limit360(double d)
{
    d = fmod(d, 360.0);
    return d < 0 ? d + 360.0 : d;
}

static double poly(const double *c, size_t n, double x)
{
    double v = 0;
    for (size_t i = n; i-- > 0;)
        v = v * x + c[i];
    return v;
}

/* Sum over the series of x-power: (S0 + S1 x + S2 x^2 ...) / 1e8. */
static double earth_value(const series *s, size_t ns, double jme)
{
    double v[6];
    for (size_t i = 0; i < ns; i++) {
        double sum = 0;
        for (size_t k = 0; k < s[i].n; k++)
            sum += s[i].t[k].a * cos(s[i].t[k].b + s[i].t[k].c * jme);
        v[i] = sum;
    }
    return poly(v, ns, jme) / 1e8;
}

static double julian_day(const eca_sun_time *t)
{
    int y = t->year, m = t->month;
    double day = t->day + (t->hour - t->timezone_h +
                           (t->minute + t->second / 60.0) / 60.0) / 24.0;
    if (m < 3) {
        m += 12;
        y--;
    }
    double jd = floor(365.25 * (y + 4716.0)) + floor(30.6001 * (m + 1)) +
                day - 1524.5;
    if (jd > 2299160.0) {
        double a = floor(y / 100.0);
        jd += 2 - a + floor(a / 4);
    }
    return jd;
}

eca_status eca_solar_position(const eca_sun_time *t, eca_sun_position *p)
{
    if (!t || !p || t->year < -2000 || t->year > 6000 || t->month < 1 ||
        t->month > 12 || t->day < 1 || t->day > 31 || t->hour < 0 ||
        t->hour > 24 || t->minute < 0 || t->minute > 59 || t->second < 0 ||
        t->second >= 60 || fabs(t->timezone_h) > 18 ||
        fabs(t->latitude_deg) > 90 || fabs(t->longitude_deg) > 180 ||
        t->elevation_m < -6500000 || t->pressure_mbar < 0 ||
        t->pressure_mbar > 5000 || t->temperature_c <= -273 ||
        t->temperature_c > 6000 || fabs(t->atmos_refract_deg) > 5)
        return ECA_EARG;
    double jd = julian_day(t);
    double jde = jd + t->delta_t_s / 86400.0;
    double jc = (jd - JD2000) / 36525.0, jce = (jde - JD2000) / 36525.0;
    double jme = jce / 10.0;

    double L = limit360(earth_value(LS, 6, jme) / RAD);
    double B = earth_value(BS, 2, jme) / RAD;
    double R = earth_value(RS, 5, jme);
    double theta = limit360(L + 180.0), beta = -B;

    /* nutation (eq. 15-22) */
    static const double c0[] = {297.85036, 445267.111480, -0.0019142,
                                1.0 / 189474.0};
    static const double c1[] = {357.52772, 35999.050340, -0.0001603,
                                -1.0 / 300000.0};
    static const double c2[] = {134.96298, 477198.867398, 0.0086972,
                                1.0 / 56250.0};
    static const double c3[] = {93.27191, 483202.017538, -0.0036825,
                                1.0 / 327270.0};
    static const double c4[] = {125.04452, -1934.136261, 0.0020708,
                                1.0 / 450000.0};
    double x[5] = {poly(c0, 4, jce), poly(c1, 4, jce), poly(c2, 4, jce),
                   poly(c3, 4, jce), poly(c4, 4, jce)};
    double dpsi = 0, deps = 0;
    for (int i = 0; i < 63; i++) {
        double arg = 0;
        for (int j = 0; j < 5; j++)
            arg += x[j] * NY[i][j];
        arg *= RAD;
        dpsi += (NPE[i][0] + NPE[i][1] * jce) * sin(arg);
        deps += (NPE[i][2] + NPE[i][3] * jce) * cos(arg);
    }
    dpsi /= 36000000.0;
    deps /= 36000000.0;

    /* obliquity of the ecliptic (eq. 24, 25), arc seconds */
    static const double ce[] = {84381.448, -4680.93, -1.55, 1999.25, -51.38,
                                -249.67, -39.05, 7.12, 27.87, 5.79, 2.45};
    double eps = poly(ce, 11, jme / 10.0) / 3600.0 + deps;

    double dtau = -ABERRATION_ARCSEC / (3600.0 * R);
    double lambda = theta + dpsi + dtau;
    double nu0 = limit360(280.46061837 + 360.98564736629 * (jd - JD2000) +
                          0.000387933 * jc * jc - jc * jc * jc / 38710000.0);
    double nu = nu0 + dpsi * cos(eps * RAD);

    double lr = lambda * RAD, er = eps * RAD, br = beta * RAD;
    double alpha = limit360(atan2(sin(lr) * cos(er) - tan(br) * sin(er),
                                  cos(lr)) / RAD);
    double delta = asin(sin(br) * cos(er) + cos(br) * sin(er) * sin(lr)) / RAD;
    double h = limit360(nu + t->longitude_deg - alpha);

    /* topocentric (eq. 33-40) */
    double phi = t->latitude_deg * RAD;
    double xi = PARALLAX_ARCSEC / (3600.0 * R) * RAD;
    double u = atan(POLAR_RATIO * tan(phi));
    double xx = cos(u) + t->elevation_m / EARTH_RADIUS_M * cos(phi);
    double yy = POLAR_RATIO * sin(u) + t->elevation_m / EARTH_RADIUS_M *
                                           sin(phi);
    double hr = h * RAD, dr = delta * RAD;
    double dalpha = atan2(-xx * sin(xi) * sin(hr),
                          cos(dr) - xx * sin(xi) * cos(hr));
    double dprime = atan2((sin(dr) - yy * sin(xi)) * cos(dalpha),
                          cos(dr) - xx * sin(xi) * cos(hr));
    double hprime = hr - dalpha;

    /* elevation with refraction (eq. 41-44) */
    double e0 = asin(sin(phi) * sin(dprime) +
                     cos(phi) * cos(dprime) * cos(hprime)) / RAD;
    double de = 0;
    if (e0 >= -(SUN_RADIUS_DEG + t->atmos_refract_deg))
        de = t->pressure_mbar / 1010.0 * 283.0 / (273.0 + t->temperature_c) *
             1.02 / (60.0 * tan((e0 + 10.3 / (e0 + 5.11)) * RAD));
    p->zenith_deg = 90.0 - (e0 + de);
    double gamma = atan2(sin(hprime), cos(hprime) * sin(phi) -
                                          tan(dprime) * cos(phi)) / RAD;
    p->azimuth_deg = limit360(limit360(gamma) + 180.0);
    p->declination_deg = dprime / RAD;
    p->hour_angle_deg = hprime / RAD;
    p->earth_sun_au = R;
    return ECA_OK;
}
