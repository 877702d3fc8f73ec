// The only file that speaks Pistache: it turns Pistache's request into ours, hands it to the
// Dispatcher and writes the answer back. See shared/PISTACHE.md for why each piece is here.
#include "api/server.h"

#include <pistache/endpoint.h>
#include <pistache/http.h>
#include <pistache/peer.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <sstream>
#include <thread>
#include <vector>

#include "api/app.h"
#include "api/http/dispatcher.h"
#include "api/http/error_response.h"
#include "api/http/request_framing.h"
#include "api/routes/routes.h"
#include "api/scheduled_jobs.h"
#include "demo/demo.h"
#include "demo/demo_recommendations.h"
#include "store/open_storage.h"

namespace ln::api {
namespace {

using namespace Pistache;

// Pistache's own limit sits well above --max-body (routes may take more, up to 4 MiB): bodies
// between the two get our JSON 413 from the Dispatcher, larger ones from HttpHandler::onInput
// before they are read. In production nginx's client_max_body_size stops larger bodies first.
constexpr std::size_t kPistacheSlack = 4 * 1024 * 1024;

struct ServerState {
  const Dispatcher* dispatcher = nullptr;
  App* app = nullptr;
  std::atomic<int> in_flight{0};
  // Connections with a request partly arrived (an upload still being sent): the drain waits for
  // them too, so that they get an answer instead of a closed socket.
  std::atomic<int> receiving{0};
  std::atomic<bool> draining{false};
};

// Pistache 0.0.5 writes only typed headers (raw ones are dropped), so every header we send is
// one of these.
class NamedHeader : public Http::Header::Header {
 public:
  NamedHeader(std::string name, std::string value)
      : name_(std::move(name)), value_(std::move(value)) {}
  const char* name() const override { return name_.c_str(); }
  void parse(const std::string& data) override { value_ = data; }
  void write(std::ostream& stream) const override { stream << value_; }
#ifdef SAFE_HEADER_CAST
  uint64_t hash() const override {
    return std::hash<std::string>{}(name_);
  }
#endif

 private:
  std::string name_;
  std::string value_;
};

// Our Set-Cookie value as Pistache's cookie. Its Cookie::fromString mangles valueless attributes
// ("Path=/; HttpOnly; ; Max-Age=…; ; Secure=") and has no SameSite, so the attributes we send
// are set one by one; SameSite goes in as an extension.
Http::Cookie to_cookie(const std::string& header) {
  std::vector<std::string> parts;
  std::istringstream in(header);
  for (std::string part; std::getline(in, part, ';');) {
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) parts.push_back(part);
  }
  auto eq = parts.empty() ? std::string::npos : parts[0].find('=');
  Http::Cookie cookie(parts.empty() ? "" : parts[0].substr(0, eq),
                      eq == std::string::npos ? "" : parts[0].substr(eq + 1));
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto at = parts[i].find('=');
    std::string name = parts[i].substr(0, at);
    std::string value = at == std::string::npos ? "" : parts[i].substr(at + 1);
    if (name == "Path")
      cookie.path = value;
    else if (name == "Max-Age")
      cookie.maxAge = std::stoi(value);
    else if (name == "HttpOnly")
      cookie.httpOnly = true;
    else if (name == "Secure")
      cookie.secure = true;
    else
      cookie.ext[name] = value;
  }
  return cookie;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Request to_request(const Http::Request& in) {
  Request out;
  out.method = Http::methodString(in.method());
  out.path = in.resource();
  for (auto it = in.query().parameters_begin(); it != in.query().parameters_end(); ++it)
    out.query[it->first] = it->second;
  for (const auto& [name, raw] : in.headers().rawList()) out.headers[lower(name)] = raw.value();
  for (const auto& header : in.headers().list()) {
    std::ostringstream value;
    header->write(value);
    out.headers[lower(header->name())] = value.str();
  }
  out.body = in.body();
  out.client_address = in.address().host();
  return out;
}

// Our side of one connection, kept in the peer's data next to Pistache's parser.
struct Connection {
  Connection(std::size_t max_body, std::shared_ptr<ServerState> state)
      : framing(max_body), state(std::move(state)) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { set_receiving(false); }

  // A request has begun to arrive (true) or has arrived whole or been refused (false).
  void set_receiving(bool on) {
    if (on == receiving) return;
    receiving = on;
    if (on) began_before_drain = !state->draining;
    state->receiving += on ? 1 : -1;
  }

  RequestFraming framing;
  std::shared_ptr<ServerState> state;
  bool closing = false;  // refused: whatever else arrives is not read
  bool receiving = false;
  bool began_before_drain = true;  // the current request's first bytes came before SIGTERM
};

class HttpHandler : public Http::Handler {
 public:
  HTTP_PROTOTYPE(HttpHandler)

  HttpHandler(std::shared_ptr<ServerState> state, std::size_t max_body)
      : state_(std::move(state)), max_body_(max_body) {}

  // Pistache calls this only from its own onInput, which onInput below replaces.
  void onRequest(const Http::Request& in, Http::ResponseWriter writer) override {
    serve(in, std::move(writer), false);
  }

  void onTimeout(const Http::Request&, Http::ResponseWriter writer) override {
    Response response = state_->dispatcher->refused(
        "", error_response(408, "timeout", "The request took too long to arrive."));
    write(writer, response, true);
  }

 private:
  // Replaces Http::Handler::onInput (Pistache 0.0.5, src/common/http.cc), which answers every
  // parse failure itself with the exception's text. Here the framing is checked first, the
  // parser gets only checked bytes, and every failure is answered in our error shape, counted,
  // logged, and ends the connection.
  void onInput(const char* buffer, size_t len, const std::shared_ptr<Tcp::Peer>& peer) override {
    auto connection = std::static_pointer_cast<Connection>(peer->tryGetData(kConnectionData));
    if (!connection) {
      connection = std::make_shared<Connection>(max_body_, state_);
      peer->putData(kConnectionData, connection);
    }
    std::string_view input(buffer, len);
    while (!input.empty() && !connection->closing) {
      std::string for_parser;
      connection->set_receiving(true);
      auto step = connection->framing.feed(input, for_parser);
      if (step.outcome == RequestFraming::Outcome::kRefused) {
        refuse(peer, *connection, connection->framing.refusal());
        connection->set_receiving(false);
        return;
      }
      if (!for_parser.empty()) parse(peer, *connection, for_parser);
      if (step.outcome != RequestFraming::Outcome::kComplete) return;
      connection->set_receiving(false);  // after parse(): in_flight counts it by now
      if (!for_parser.empty() && step.used < input.size()) {
        // Pistache answers one request at a time (no pipelining): as it always did, what was
        // sent behind a request in the same read is not read.
        spdlog::debug("dropped {} bytes sent behind a request", input.size() - step.used);
        return;
      }
      // Only the end of a chunked body's trailer was read; its request was answered before.
      input.remove_prefix(step.used);
    }
  }

  void parse(const std::shared_ptr<Tcp::Peer>& peer, Connection& connection,
             const std::string& bytes) {
    auto parser = Http::Handler::getParser(peer);
    bool done = false;
    try {
      if (!parser->feed(bytes.data(), bytes.size())) {
        parser->reset();
        refuse(peer, connection,
               {413, "too_large", "The request is larger than this server takes.",
                "over Pistache's request buffer"});
        return;
      }
      done = parser->parse() == Http::Private::State::Done;
    } catch (const std::exception& e) {
      parser->reset();
      refuse(peer, connection,
             {400, "malformed_request", "The request is not well-formed HTTP.", e.what()});
      return;
    } catch (...) {
      parser->reset();
      refuse(peer, connection,
             {400, "malformed_request", "The request is not well-formed HTTP.", "unknown"});
      return;
    }
    if (!done) return;
    auto& request = parser->request;
    request.copyAddress(peer->address());
    peer->setIdle(false);  // Pistache's idle timer: a request is being answered
    Http::ResponseWriter writer(request.version(), transport(), this, peer);
    if (state_->draining) {
      // Every answer while draining closes its connection, so clients move to another instance.
      // A request that began to arrive before SIGTERM is finished; one that began after it gets
      // our 503 (the balancer sends it elsewhere), except the probes that say we are draining.
      bool probe = request.resource() == "/readyz" || request.resource() == "/healthz";
      if (!connection.began_before_drain && !probe) {
        Response response = state_->dispatcher->refused(
            Http::methodString(request.method()),
            error_response(503, "draining",
                           "This server is restarting. Please send your request again.")
                .with_header("Retry-After", "1"));
        write(writer, response, true);
      } else {
        serve(request, std::move(writer), true);
      }
    } else {
      serve(request, std::move(writer), connection.framing.close_after());
    }
    parser->reset();
  }

  void refuse(const std::shared_ptr<Tcp::Peer>& peer, Connection& connection,
              const FramingRefusal& refusal) {
    connection.closing = true;
    spdlog::warn("refused a malformed request from {}: {} {} ({})", peer->address().host(),
                 refusal.status, refusal.code, refusal.detail);
    Response response = state_->dispatcher->refused(
        connection.framing.method(), error_response(refusal.status, refusal.code, refusal.message));
    Http::ResponseWriter writer(Http::Version::Http11, transport(), this, peer);
    write(writer, response, true);
  }

  void serve(const Http::Request& in, Http::ResponseWriter writer, bool close) {
    ++state_->in_flight;
    // A deferred reply (an answer waiting for its batch to be synced) is sent from the committer's
    // thread: only send() is safe there (PISTACHE.md), and that is all write() does.
    auto out = std::make_shared<Http::ResponseWriter>(std::move(writer));
    Reply reply = [state = state_, out, close](Response response) {
      write(*out, response, close);
      --state->in_flight;
    };
    Request request;
    try {
      request = to_request(in);
    } catch (...) {
      reply(response_for_current_exception());
      return;
    }
    state_->dispatcher->dispatch(request, std::move(reply));
  }

  // Sends the response; with `close`, says so and shuts the connection once it is written
  // (Pistache itself would keep it open until its keep-alive timeout).
  static void write(Http::ResponseWriter& writer, const Response& response, bool close) {
    if (!response.content_type.empty())
      writer.headers().add(std::make_shared<NamedHeader>("Content-Type", response.content_type));
    for (const auto& [name, value] : response.headers) {
      // Header names are unique in Pistache's collection; cookies go through its jar.
      if (name == "Set-Cookie")
        writer.cookies().add(to_cookie(value));
      else
        writer.headers().add(std::make_shared<NamedHeader>(name, value));
    }
    writer.headers().add<Http::Header::Connection>(close ? Http::ConnectionControl::Close
                                                         : Http::ConnectionControl::KeepAlive);
    std::weak_ptr<Tcp::Peer> peer = writer.getPeer();
    auto sent = writer.send(static_cast<Http::Code>(response.status), response.body);
    if (!close) return;
    // The reactor reads end-of-file next and closes the socket itself. A peer already gone has
    // had its socket closed (and its number maybe reused), so it is left alone.
    sent.then(
        [peer](ssize_t) {
          if (auto p = peer.lock()) ::shutdown(p->fd(), SHUT_RDWR);
        },
        [](std::exception_ptr) {});
  }

  static constexpr const char* kConnectionData = "ln.connection";
  std::shared_ptr<ServerState> state_;
  std::size_t max_body_;
};

Address parse_listen(const std::string& listen) {
  auto colon = listen.rfind(':');
  return Address(listen.substr(0, colon),
                 Port(static_cast<uint16_t>(std::stoi(listen.substr(colon + 1)))));
}

}  // namespace

int serve(const ServeOptions& options) {
  // Block the stop signals before any thread starts, so only sigwait() below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  store::MigrationReport report;
  auto storage = store::open_storage(options.db, &report, {.pool_size = options.db_pool});
  spdlog::info("database {} at schema version {} ({} migrations applied now)", storage->backend(),
               report.to_version, report.applied.size());

  Keys keys = Keys::load_or_create(options.key_file);
  App app(*storage, options, keys);
  if (options.demo) {
    if (seed_demo(*storage, app.clock, app.organisation, app.accounts, app.pupils,
                  app.consultations, keys, app.calendar)) {
      seed_demo_recommendations(*storage, app.clock, app.recommendations, app.pupils, keys);
      spdlog::warn(
          "DEMO MODE: filled the empty database with demo data (password {}, class code {})",
          kDemoPassword, kDemoJoinCode);
    }
    spdlog::warn("DEMO MODE: this instance is for trying Lắng Nghe, never for real children");
  }
  Router router;
  build_router(router, app);
  StaticFiles files(options.web_root);
  Dispatcher dispatcher(
      router, files, app.metrics, options.max_body,
      [&app](const std::string& token) { return app.sessions.authenticate(token); });
  dispatcher.trust_proxies(options.trusted_proxies);
  dispatcher.limit_writes(&app.write_limits);
  ScheduledJobs jobs(app, std::chrono::seconds(options.jobs_interval_seconds));

  auto state = std::make_shared<ServerState>();
  state->dispatcher = &dispatcher;
  state->app = &app;

  Http::Endpoint endpoint(parse_listen(options.listen));
  endpoint.init(Http::Endpoint::options()
                    .threads(options.threads)
                    .flags(Tcp::Options::ReuseAddr)
                    .maxRequestSize(options.max_body + kPistacheSlack)
                    .maxResponseSize(64 * 1024 * 1024)
                    .headerTimeout(std::chrono::seconds(10))
                    .bodyTimeout(std::chrono::seconds(10))
                    .keepaliveTimeout(std::chrono::seconds(60)));
  endpoint.setHandler(Http::make_handler<HttpHandler>(
      state, options.max_body + kPistacheSlack - RequestFraming::kMaxHead));
  endpoint.serveThreaded();
  spdlog::info("langnghe listening on http://{} ({} threads, web root {})", options.listen,
               options.threads, options.web_root);

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  spdlog::info("received {}, draining for {}s", signal_number == SIGTERM ? "SIGTERM" : "SIGINT",
               options.drain_seconds);
  // For --drain-seconds the instance still accepts connections: /readyz says 503 so that a
  // balancer takes it out, requests that were already arriving are finished, and new ones get
  // our 503 with Connection: close (instead of a refused or reset connection).
  app.draining = true;
  state->draining = true;
  std::this_thread::sleep_for(std::chrono::seconds(options.drain_seconds));
  // Then whatever is still arriving or being answered gets up to --finish-seconds more.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.finish_seconds);
  while ((state->in_flight > 0 || state->receiving > 0) &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (state->in_flight > 0 || state->receiving > 0)
    spdlog::warn("{} requests still in flight and {} still arriving after the drain; stopping",
                 state->in_flight.load(), state->receiving.load());
  // Batches still queued (past the deadline) are written and answered before the endpoint stops.
  app.group_committer.stop();
  // Let the last replies leave the write queues before the reactor stops.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  jobs.stop();
  endpoint.shutdown();
  spdlog::info("stopped");
  return 0;
}

}  // namespace ln::api
