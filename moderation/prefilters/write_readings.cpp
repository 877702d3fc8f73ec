// Reads the prefilter formulas of the shipped lexicons' patterns at build time and writes them as
// a C++ source file that the server links (moderation/pattern.h, know_prefilter_readings): loading
// the lexicons then compiles each pattern without reading its formula again, which was most of a
// server's start. A pattern missing from it (other lexicons) is read at load, as before.
//
//   screener_prefilters <lexicon dir> <out.cpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "moderation/pattern.h"
#include "moderation/screener.h"

namespace {

// `text` as C++ string literals, one line of at most about 100 characters each: printable ASCII
// as it is, every other byte (and '\', '"', '?') as a three-digit octal escape, which no
// following character can extend.
std::string literals(const std::string& text) {
  std::string out, line;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"' && c != '?') {
      line += static_cast<char>(c);
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\%03o", c);
      line += escaped;
    }
    if (line.size() >= 100) {
      out += "    \"" + line + "\"\n";
      line.clear();
    }
  }
  if (!line.empty() || out.empty()) out += "    \"" + line + "\"\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: screener_prefilters <lexicon dir> <out.cpp>\n";
    return 2;
  }
  try {
    const ln::moderation::Screener screener{std::filesystem::path(argv[1])};
    const std::string text =
        ln::moderation::serialise_readings(ln::moderation::loaded_prefilter_readings());
    const std::filesystem::path out = argv[2];
    const std::filesystem::path temporary = out.string() + ".tmp";
    {
      std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
      file << "// Generated at build time by screener_prefilters from the lexicons:\n"
           << "// the prefilter readings of the lexicons' patterns (moderation/pattern.h).\n"
           << "#include <string_view>\n\n"
           << "#include \"moderation/pattern.h\"\n\n"
           << "namespace {\n\n"
           << "constexpr char kReadings[] =\n"
           << literals(text) << "    ;\n\n"
           << "[[maybe_unused]] const bool kKnown = [] {\n"
           << "  ln::moderation::know_prefilter_readings(\n"
           << "      std::string_view(kReadings, sizeof kReadings - 1));\n"
           << "  return true;\n"
           << "}();\n\n"
           << "}  // namespace\n";
      if (!file) throw std::runtime_error("cannot write " + temporary.string());
    }
    std::filesystem::rename(temporary, out);
  } catch (const std::exception& e) {
    std::cerr << "screener_prefilters: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
