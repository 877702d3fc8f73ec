// /api/v1/about: what every page shows in its header (version, demo mode, the hotline).
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "langnghe_version.h"

namespace ln::api {

void add_about_routes(Router& r, App& app) {
  r.add(
      "GET", "/api/v1/about",
      [&app](Request&) {
        return Response::json(200,
                              {{"name", "Lắng Nghe"},
                               {"version", kVersion},
                               {"demo", app.options.demo},
                               {"time_zone", app.options.time_zone},
                               {"hotline",
                                {{"number", "111"},
                                 {"vi", "Tổng đài quốc gia bảo vệ trẻ em 111 — miễn phí, 24/7"},
                                 {"en", "National child protection hotline 111 — free, 24/7"}}}});
      },
      doc("Version, demo mode, the time zone times are shown in and the child-protection hotline.",
          "operations", std::nullopt)
          .returns(Shape{required("name", text()),
                         required("version", text()),
                         required("demo", boolean()),
                         required("time_zone", text().describe("IANA zone, e.g. Asia/Ho_Chi_Minh")),
                         required("hotline", object_of(Shape{required("number", text()),
                                                             required("vi", text()),
                                                             required("en", text())}))}
                       .schema()));
}

}  // namespace ln::api
