#pragma once
// What a child is told before they consent, worded for their age band, with a version that is
// stored with the consent.
#include <string>
#include <vector>

namespace ln {

struct ConsentText {
  std::string version;
  std::string age_band;
  std::string vi;
  std::string en;
};

ConsentText consent_text_for(const std::string& age_band);

// What a parent or guardian agrees to, one part per question they may ask, in both languages:
// shown on the guardian page before they decide and on the printed guardian slip.
struct GuardianConsentPart {
  std::string key;  // collected | why | how_long | who_sees | withdraw
  std::string vi;
  std::string en;
};
std::vector<GuardianConsentPart> guardian_consent_text();
inline constexpr const char* kConsentTextVersion = "2026-11-v1";

}  // namespace ln
