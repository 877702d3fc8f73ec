#pragma once
// What a child is told before they consent, worded for their age band, with a version that is
// stored with the consent.
#include <string>

namespace ln {

struct ConsentText {
  std::string version;
  std::string age_band;
  std::string vi;
  std::string en;
};

ConsentText consent_text_for(const std::string& age_band);
inline constexpr const char* kConsentTextVersion = "2026-11-v1";

}  // namespace ln
