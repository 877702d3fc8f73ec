#include "api/data_files.h"

#include <stdexcept>
#include <system_error>
#include <vector>

#include "base/working_days.h"
#include "moderation/screener.h"

namespace ln::api {
namespace fs = std::filesystem;
namespace {

struct Description {
  const char* what;
  const char* flag;
  const char* env;
  const char* installed;  // under share/langnghe
};

Description describe(DataFile which) {
  switch (which) {
    case DataFile::kWebRoot:
      return {"the web pages (index.html)", "--web-root", "LANGNGHE_WEB_ROOT", "web"};
    case DataFile::kLexicons:
      return {"the screener's lexicons", "--lexicons", "LANGNGHE_LEXICONS", "lexicons"};
    case DataFile::kScreenerModel:
      return {"the screener's model", "--screener-model", "LANGNGHE_SCREENER_MODEL",
              "screener_model.bin"};
    case DataFile::kCalendar:
      return {"the holiday calendar", "--holidays", "LANGNGHE_HOLIDAYS",
              "calendar/holidays_vn.tsv"};
  }
  throw std::logic_error("unknown data file");
}

fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

bool started_from_build_tree(const fs::path& exe_dir) {
  std::error_code ec;
  return !exe_dir.empty() && fs::equivalent(exe_dir, LANGNGHE_BUILD_DIR, ec);
}

fs::path build_tree_path(DataFile which) {
  switch (which) {
    case DataFile::kWebRoot:
      return fs::path(LANGNGHE_SOURCE_DIR) / "web";
    case DataFile::kLexicons:
      return moderation::default_lexicon_dir();
    case DataFile::kScreenerModel:
      return moderation::default_model_file();
    case DataFile::kCalendar:
      return default_calendar_file();
  }
  throw std::logic_error("unknown data file");
}

// What must exist for the path to be usable.
std::vector<fs::path> required_files(DataFile which, const fs::path& path) {
  switch (which) {
    case DataFile::kWebRoot:
      return {path / "index.html"};
    case DataFile::kLexicons:
      return {path / "VERSION"};
    case DataFile::kScreenerModel:
      return {path, fs::path(path.string() + ".thresholds")};
    case DataFile::kCalendar:
      return {path};
  }
  throw std::logic_error("unknown data file");
}

}  // namespace

fs::path find_data_file(DataFile which, const std::string& given) {
  const Description d = describe(which);
  fs::path path;
  if (!given.empty()) {
    path = given;
  } else {
    const fs::path exe_dir = executable_dir();
    const fs::path share = exe_dir.parent_path() / "share" / "langnghe";
    std::error_code ec;
    if (!exe_dir.empty() && fs::is_directory(share, ec)) {
      path = share / d.installed;
    } else if (started_from_build_tree(exe_dir)) {
      path = build_tree_path(which);
    } else {
      throw std::runtime_error(std::string("cannot find ") + d.what + ": there is no " +
                               share.string() + " (share/langnghe beside the folder of " +
                               (exe_dir.empty() ? std::string("this binary") : exe_dir.string()) +
                               "); set " + d.flag + " (or " + d.env + ")");
    }
  }
  for (const fs::path& file : required_files(which, path)) {
    std::error_code ec;
    if (!fs::exists(file, ec))
      throw std::runtime_error(std::string("missing ") + file.string() + " (" + d.what + "; set " +
                               d.flag + " or " + d.env + ")");
  }
  return path;
}

void find_data_files(ServeOptions& options) {
  options.web_root = find_data_file(DataFile::kWebRoot, options.web_root).string();
  options.lexicons = find_data_file(DataFile::kLexicons, options.lexicons).string();
  options.screener_model =
      find_data_file(DataFile::kScreenerModel, options.screener_model).string();
  // A --holidays file is the admins' to edit (PUT /calendar); without one the installed
  // calendar is read only.
  options.calendar = find_data_file(DataFile::kCalendar, options.holidays).string();
}

}  // namespace ln::api
