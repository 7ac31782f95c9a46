/* kdcc-cli.c — placeholder until the CLI lands */
#include "config.h"
#include <glib.h>
int
main (int   argc,
      char *argv[])
{
  return 1;
}
