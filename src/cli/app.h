// The CLI: parses arguments (CLI11), calls one domain function per command, formats the result,
// and maps Status codes to exit codes (cli/exit_code.h). No domain logic lives here.
#pragma once

namespace baophu {

int RunCli(int argc, char** argv);

}  // namespace baophu
