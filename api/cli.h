#pragma once
namespace ln::api {

// The `langnghe` command line: serve, migrate, --help, --version.
// Bad flags or values: a message on stderr and exit code 2.
int run_cli(int argc, char** argv);

}  // namespace ln::api
