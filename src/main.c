/* main.c — placeholder until the UI lands */
#include "config.h"
int
main (int   argc,
      char *argv[])
{
  return 1;
}
