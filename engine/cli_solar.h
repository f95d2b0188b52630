/* cli_solar.h: the `eca solar` command. */
#ifndef ECA_CLI_SOLAR_H
#define ECA_CLI_SOLAR_H

int cli_solar(int argc, char **argv);

#endif
