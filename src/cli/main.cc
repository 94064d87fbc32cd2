// The baophu command line: see cli/app.h.
#include "cli/app.h"

int main(int argc, char** argv) { return baophu::RunCli(argc, argv); }
