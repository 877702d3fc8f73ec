#include "api/http/saved_reply.h"

#include "api/http/error_response.h"

namespace ln::api {

GroupCommitter::Done reply_when_saved(Reply reply, std::string body) {
  return [reply = std::move(reply), body = std::move(body)](std::exception_ptr error) mutable {
    if (!error) {
      Response r;
      r.status = 201;
      r.body = std::move(body);
      return reply(std::move(r));
    }
    try {
      std::rethrow_exception(error);
    } catch (...) {
      reply(response_for_current_exception());
    }
  };
}

}  // namespace ln::api
