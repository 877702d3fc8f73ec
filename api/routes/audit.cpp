// /api/v1/audit: the hash-chained audit log (admins).
#include <algorithm>

#include "api/http/fields.h"
#include "api/http/route_doc.h"
#include "api/routes/routes.h"
#include "api/views/audit_views.h"
#include "api/views/views.h"

namespace ln::api {

void add_audit_routes(Router& r, App& app) {
  r.add(
      "GET", "/api/v1/audit",
      [&app](Request& q) {
        Page page = page_of(q);
        std::int64_t after = 0;
        if (const auto& a = page.after) {
          if (a->empty() || a->size() > 18 || !std::all_of(a->begin(), a->end(), ::isdigit))
            throw Invalid("after", "after must be the seq of an entry.");
          after = std::stoll(*a);
        }
        auto entries = app.audit.list(after, page.limit);
        nlohmann::json out = {{"items", nlohmann::json::array()}, {"next", nullptr}};
        for (const auto& e : entries) out["items"].push_back(audit_entry_json(e));
        if (static_cast<int>(entries.size()) == page.limit)
          out["next"] = std::to_string(entries.back().seq);
        return Response::json(200, out);
      },
      doc("Audit entries in order (?after=<seq>&limit=…).", "audit", Permission::kReadAudit)
          .reads({query("after", text().max_length(18).pattern("^[0-9]+$"),
                        "the seq of the last entry seen (`next` of the previous page)"),
                  query("limit", integer().range(1, 200), "entries per page (default 50)")})
          .returns(page_schema(audit_entry_schema())));

  r.add(
      "GET", "/api/v1/audit/verify",
      [&app](Request&) {
        auto v = app.audit.verify();
        return Response::json(200, {{"ok", v.ok},
                                    {"entries", v.entries},
                                    {"broken_at", or_null(v.broken_at)},
                                    {"problem", v.problem}});
      },
      doc("Check the audit log's hash chain.", "audit", Permission::kReadAudit)
          .returns(Shape{required("ok", boolean()),
                         required("entries", integer().range(0, 9007199254740991LL)),
                         required("broken_at", integer().or_null()),
                         required("problem", text())}
                       .schema()));
}

}  // namespace ln::api
