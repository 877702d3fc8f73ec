#pragma once
// Events where children are heard in person: the yearly "Forum listening to children's voices"
// (Diễn đàn lắng nghe tiếng nói trẻ em), leaders meeting pupils, and school dialogues. Each has a
// date, a unit, the children present by age band, and what it produced.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consult/audit.h"
#include "consult/organisation.h"

namespace ln {

struct EventInput {
  std::string unit_id;
  EventKind kind = EventKind::kForum;
  std::string title;
  std::string held_on;
  std::map<std::string, std::int64_t> participants;  // age band → children present
  std::vector<std::string> outcomes;
  std::optional<std::string> council_id;
};

class Events {
 public:
  Events(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation)
      : storage_(storage), clock_(clock), audit_(audit), organisation_(organisation) {}

  CouncilEvent record(const Principal& actor, const EventInput& input);
  CouncilEvent get(const Principal& actor, const std::string& id);
  // Events in `unit_id` (or every unit of the actor) held on days in [from, to).
  std::vector<CouncilEvent> list(const Principal& actor, const std::optional<std::string>& unit_id,
                                 const std::string& from, const std::string& to);

 private:
  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
};

}  // namespace ln
