/* cli_solar.h: the `eca solar` command. */
#ifndef ECA_CLI_SOLAR_H
#define ECA_CLI_SOLAR_H

#include "eca.h"

int cli_solar(int argc, char **argv);
/* Prints the scenario comparison of a run as a planning memo. */
void cli_solar_memo(const eca_solar *s, const char *dir, const char *out,
                    const eca_solar_options *o);

#endif
