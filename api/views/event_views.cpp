#include "api/views/event_views.h"

#include "api/views/council_views.h"
#include "api/views/views.h"

namespace ln::api {

nlohmann::json event_json(const CouncilEvent& e) {
  return {{"id", e.id},
          {"unit_id", e.unit_id},
          {"kind", word(e.kind)},
          {"title", e.title},
          {"held_on", e.held_on},
          {"participants", e.participants},
          {"participants_by_band", e.participants_by_band},
          {"outcomes", e.outcomes},
          {"council_id", or_null(e.council_id)},
          {"created_at", e.created_at}};
}

nlohmann::json event_schema() {
  return Shape{required("id", id()),
               required("unit_id", id()),
               required("kind", word_of(kEventKinds)),
               required("title", text()),
               required("held_on", date()),
               required("participants", integer()),
               required("participants_by_band", map_of(integer())),
               required("outcomes", list_of(text())),
               required("council_id", text().or_null()),
               required("created_at", timestamp())}
      .schema();
}

}  // namespace ln::api
