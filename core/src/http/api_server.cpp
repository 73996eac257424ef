#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <algorithm>
#include <redress/core/http/api_server.hpp>

namespace redress::core::http {
namespace {

using Poco::Net::HTTPResponse;

// The path of a request target, still percent-encoded (Poco::URI would decode
// it, losing the difference between "/" and "%2F").
std::string raw_path(const std::string& target) {
    try {
        Poco::URI check(target); // rejects malformed targets
    } catch (const Poco::Exception&) {
        throw HttpError(HTTPResponse::HTTP_BAD_REQUEST, "bad_uri", "the request URI is not valid");
    }
    std::string path = target;
    if (auto scheme = path.find("://"); scheme != std::string::npos && scheme < path.find('/')) {
        auto slash = path.find('/', scheme + 3); // absolute-form: drop scheme and authority
        path = slash == std::string::npos ? "/" : path.substr(slash);
    }
    path.resize(std::min(path.size(), path.find_first_of("?#")));
    return path;
}

class RoutedHandler : public Poco::Net::HTTPRequestHandler {
public:
    RoutedHandler(const Router& router, Poco::Logger& logger, std::int64_t max_body,
                  const RequestObserver& observer)
        : router_(router)
        , logger_(logger)
        , max_body_(max_body)
        , observer_(observer) {}

    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        HttpContext ctx(request, response, max_body_);
        std::string route = "unmatched";
        try {
            // The raw (still percent-encoded) path: the router decodes each
            // segment once, so an encoded '/' or '%' stays data.
            std::string path = raw_path(request.getURI());
            // Read any body now, whatever the route: bytes left unread on a
            // keep-alive connection would be parsed as the next request.
            if ((request.hasContentLength() && request.getContentLength64() > 0) ||
                request.getChunkedTransferEncoding())
                ctx.body();
            auto match = router_.match(request.getMethod(), path);
            if (!match.handler) {
                if (match.allowed.empty())
                    throw HttpError(HTTPResponse::HTTP_NOT_FOUND, "not_found",
                                    "no such resource: " + path);
                std::string allow;
                for (const auto& m : match.allowed)
                    allow += (allow.empty() ? "" : ", ") + m;
                response.set("Allow", allow);
                throw HttpError(HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                                request.getMethod() + " is not allowed on " + path +
                                    " (allowed: " + allow + ")");
            }
            route = match.route;
            ctx.params() = std::move(match.params);
            (*match.handler)(ctx);
        } catch (const HttpError& e) {
            reply_error(ctx, e.status(), e.code(), e.what(), e.field());
        } catch (const std::exception& e) {
            logger_.error("%s %s: %s", request.getMethod(), request.getURI(),
                          std::string(e.what()));
            reply_error(ctx, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal",
                        "internal error; see the server log", {});
        }
        if (observer_)
            observer_(request.getMethod(), route, static_cast<int>(response.getStatus()));
    }

private:
    void reply_error(HttpContext& ctx, HTTPResponse::HTTPStatus status, const std::string& code,
                     const std::string& message, const std::string& field) {
        if (ctx.sent())
            return; // the response is already on the wire; nothing more to say
        // An error before the body was consumed (e.g. 413) leaves unread bytes
        // on a keep-alive connection; close it instead of misreading them.
        if (status == HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE)
            ctx.response().setKeepAlive(false);
        ctx.send_error(status, code, message, field);
    }

    const Router& router_;
    Poco::Logger& logger_;
    std::int64_t max_body_;
    const RequestObserver& observer_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Factory(const Router& router, Poco::Logger& logger, std::int64_t max_body,
            const RequestObserver& observer)
        : router_(router)
        , logger_(logger)
        , max_body_(max_body)
        , observer_(observer) {}
    Poco::Net::HTTPRequestHandler*
    createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new RoutedHandler(router_, logger_, max_body_, observer_);
    }

private:
    const Router& router_;
    Poco::Logger& logger_;
    std::int64_t max_body_;
    const RequestObserver& observer_;
};

} // namespace

ApiServer::ApiServer(const ServerConfig& config, const Router& router, Poco::Logger& logger,
                     RequestObserver observer)
    : config_(config)
    , router_(router)
    , logger_(logger)
    , observer_(std::move(observer)) {}

ApiServer::~ApiServer() {
    stop();
}

void ApiServer::start() {
    // Poco's ServerSocket(address) also sets SO_REUSEPORT, which would let a
    // second redressd silently share the port; bind explicitly without it.
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(config_.host, static_cast<Poco::UInt16>(config_.port)),
                /*reuseAddress*/ true, /*reusePort*/ false);
    socket.listen(256);
    port_ = socket.address().port();
    // Each keep-alive connection holds a thread while open, so the pool is
    // sized from the config, not Poco's default of 16.
    pool_ = std::make_unique<Poco::ThreadPool>(1, config_.threads);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(config_.threads);
    params->setMaxQueued(config_.max_queued);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(config_.keep_alive_timeout_s, 0));
    params->setTimeout(Poco::Timespan(config_.request_timeout_s, 0));
    params->setServerName("redressd");
    server_ = std::make_unique<Poco::Net::HTTPServer>(
        new Factory(router_, logger_, config_.max_body_bytes, observer_), *pool_, socket, params);
    server_->start();
}

void ApiServer::stop() {
    if (server_) {
        server_->stopAll(false); // let in-flight requests finish
        server_.reset();
    }
    if (pool_) {
        pool_->joinAll();
        pool_.reset();
    }
}

} // namespace redress::core::http
