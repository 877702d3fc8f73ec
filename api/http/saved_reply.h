#pragma once
// The reply to a write that goes through the group committer: 201 with `body` (JSON, serialised on
// the worker thread so the committer's thread only sends it) once the batch is on disk, or the
// error the committer reports in our JSON error shape.
#include <string>

#include "api/http/http.h"
#include "consult/group_committer.h"

namespace ln::api {

GroupCommitter::Done reply_when_saved(Reply reply, std::string body);

}  // namespace ln::api
