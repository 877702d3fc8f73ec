// /api/v1/age-bands: the deployment's age bands (--age-bands), which forms offer for wording,
// feedback and forum counts.
#include "consult/age_bands.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"

namespace ln::api {

void add_age_band_routes(Router& r, App&) {
  r.add(
      "GET", "/api/v1/age-bands",
      [](Request&) {
        // Bands have no labels of their own: pages word "7–10" in the reader's language.
        nlohmann::json items = nlohmann::json::array();
        for (const auto& band : age_bands())
          items.push_back({{"id", band.id}, {"min_age", band.min_age}, {"max_age", band.max_age}});
        return Response::json(200, {{"items", items}});
      },
      doc("The configured age bands (--age-bands), youngest first: id, min_age and max_age.",
          "consultations", Permission::kAdult)
          .returns(Shape{required("items", list_of(object_of(
                                               Shape{required("id", text()),
                                                     required("min_age", integer()),
                                                     required("max_age", integer())})))}
                       .schema()));
}

}  // namespace ln::api
