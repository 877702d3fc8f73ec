#include "api/cli.h"

int main(int argc, char** argv) {
  return ln::api::run_cli(argc, argv);
}
