#pragma once
// Text inserted into the HTML pages the server writes itself (letters, reports): escaped, always.
#include <string>

namespace ln::api {

// `text` with & < > " ' replaced by their character references.
std::string html_escape(const std::string& text);

}  // namespace ln::api
