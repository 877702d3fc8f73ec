#pragma once
// Where `langnghe` finds the files it reads at start: the web pages, the screener's lexicons and
// model, the holiday calendar. In this order: the flag (or its environment variable); else
// share/langnghe beside the binary's bin/ folder (an installed or unpacked package, wherever it
// lies); else, only for the binary a build tree made and started from that build tree, the
// source tree and the build's model. An installed binary never reads the source tree.
#include <filesystem>
#include <string>

#include "api/serve_options.h"

namespace ln::api {

enum class DataFile { kWebRoot, kLexicons, kScreenerModel, kCalendar };

// `given` when it is not empty, else the path found as above. Throws std::runtime_error naming
// the file and the flag that sets it when the file is not there.
std::filesystem::path find_data_file(DataFile which, const std::string& given);

// Fills the web root, lexicons, screener model and built-in calendar of `options`.
void find_data_files(ServeOptions& options);

}  // namespace ln::api
