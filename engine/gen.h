/* gen.h: `eca gen`, the deterministic generator of dataset folders
 * (firms.csv, meters.csv), random or the bundled Qingxu 2022 county. */
#ifndef ECA_GEN_H
#define ECA_GEN_H

/* argv[0] is "gen". Returns the exit status: 0 done (or --help), 1 I/O
 * failure, 2 usage error; messages go to stderr. */
int gen_main(int argc, char **argv);

#endif
