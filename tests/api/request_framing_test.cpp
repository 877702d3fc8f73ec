// The framing check on raw bytes (api/http/request_framing.h), without a server: what it passes to
// Pistache's parser, where a request ends, and what it refuses.
#include "api/http/request_framing.h"

#include <gtest/gtest.h>

namespace ln::api {
namespace {

using Outcome = RequestFraming::Outcome;

struct Fed {
  Outcome outcome;
  std::string for_parser;
  std::size_t used;
};

Fed feed(RequestFraming& framing, const std::string& bytes) {
  std::string for_parser;
  auto step = framing.feed(bytes, for_parser);
  return {step.outcome, for_parser, step.used};
}

FramingRefusal refusal_of(const std::string& request) {
  RequestFraming framing(1000);
  EXPECT_EQ(feed(framing, request).outcome, Outcome::kRefused) << request;
  return framing.refusal();
}

TEST(RequestFraming, PassesAWholeRequestInPieces) {
  RequestFraming framing(1000);
  EXPECT_EQ(feed(framing, "POST /a HTTP/1.1\r\nContent-Le").outcome, Outcome::kAgain);
  auto head = feed(framing, "ngth: 5\r\n\r\nab");
  EXPECT_EQ(head.outcome, Outcome::kAgain);
  EXPECT_EQ(head.for_parser, "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nab");
  auto rest = feed(framing, "cdeGET");
  EXPECT_EQ(rest.outcome, Outcome::kComplete);
  EXPECT_EQ(rest.for_parser, "cde");
  EXPECT_EQ(rest.used, 3u);
  EXPECT_FALSE(framing.close_after());
  EXPECT_EQ(framing.method(), "POST");
}

TEST(RequestFraming, AChunkedBodysTrailerNeverReachesTheParser) {
  RequestFraming framing(1000);
  auto body =
      feed(framing, "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n");
  EXPECT_EQ(body.outcome, Outcome::kAgain);
  EXPECT_EQ(body.for_parser,
            "POST / HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n");
  auto end = feed(framing, "X-Trailer: 1\r\n\r\nGET");
  EXPECT_EQ(end.outcome, Outcome::kComplete);
  EXPECT_EQ(end.for_parser, "");
  EXPECT_EQ(end.used, 16u);
  // The next request starts fresh, empty lines before it ignored.
  auto next = feed(framing, "\r\nGET / HTTP/1.0\r\n\r\n");
  EXPECT_EQ(next.outcome, Outcome::kComplete);
  EXPECT_EQ(next.for_parser, "GET / HTTP/1.0\r\n\r\n");
  EXPECT_TRUE(framing.close_after());
}

TEST(RequestFraming, ConnectionCloseIsNoticed) {
  RequestFraming framing(1000);
  feed(framing, "GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n");
  EXPECT_TRUE(framing.close_after());
  RequestFraming old(1000);
  feed(old, "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
  EXPECT_FALSE(old.close_after());
}

TEST(RequestFraming, RefusesWhatPistacheWouldChokeOn) {
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n").status, 400);
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n").status,
            400);
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n").code, "too_large");
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\n")
                .status,
            413);
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n200\r\n" +
                       std::string(512, 'a') + "\r\n300\r\n")
                .status,
            413);  // the chunks add up past the limit
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\n").status,
            400);
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n").code,
            "malformed_request");
  EXPECT_EQ(refusal_of("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").status, 501);
  EXPECT_EQ(refusal_of("PROPFIND / HTTP/1.1\r\n\r\n").code, "method_not_implemented");
  EXPECT_EQ(refusal_of("G(T / HTTP/1.1\r\n\r\n").code, "malformed_request");
  EXPECT_EQ(refusal_of("GET / HTTP/1\r\n\r\n").code, "malformed_request");
  EXPECT_EQ(refusal_of("GET /a b HTTP/1.1\r\n\r\n").code, "malformed_request");
  EXPECT_EQ(refusal_of("GET / HTTP/1.1\r\n Folded: x\r\n\r\n").code, "malformed_request");
  EXPECT_EQ(refusal_of("GET / HTTP/1.1\r\nName : x\r\n\r\n").code, "malformed_request");
  EXPECT_EQ(refusal_of("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n").code, "malformed_request");
  EXPECT_EQ(refusal_of("GET / HTTP/1.1\r\nA: " + std::string(40000, 'x')).status, 431);
  std::string many = "GET / HTTP/1.1\r\n";
  for (int i = 0; i < 101; ++i) many += "A" + std::to_string(i) + ": x\r\n";
  EXPECT_EQ(refusal_of(many + "\r\n").status, 431);
  // After a refusal nothing more is read.
  RequestFraming framing(1000);
  feed(framing, "GET / HTTP/9\r\n\r\n");
  EXPECT_EQ(feed(framing, "GET / HTTP/1.1\r\n\r\n").outcome, Outcome::kRefused);
}

}  // namespace
}  // namespace ln::api
