// The HTTP server: Poco's HTTPServer on an explicit thread pool, dispatching
// through a Router. Every handler runs inside a guard: HttpError becomes its
// JSON error, any other exception a 500 "internal" error that is logged.
// Thread-safe after start(); the router must not change once started.
#pragma once

#include <functional>
#include <memory>
#include <redress/core/config/config.hpp>
#include <redress/core/http/router.hpp>
#include <string>

namespace Poco {
class Logger;
class ThreadPool;
namespace Net {
class HTTPServer;
}
} // namespace Poco

namespace redress::core::http {

//! Told about every answered request: method, route name ("unmatched" when no
//! route matched) and the status sent. Must be thread-safe.
using RequestObserver =
    std::function<void(const std::string& method, const std::string& route, int status)>;

class ApiServer {
public:
    ApiServer(const ServerConfig& config, const Router& router, Poco::Logger& logger,
              RequestObserver observer = {});
    ~ApiServer();

    //! Binds and starts accepting; throws Poco::Exception when the address is taken.
    void start();
    //! Stops accepting and waits for in-flight requests.
    void stop();
    //! The bound port (useful with port = 0).
    int port() const noexcept { return port_; }

private:
    const ServerConfig config_;
    const Router& router_;
    Poco::Logger& logger_;
    RequestObserver observer_;
    std::unique_ptr<Poco::ThreadPool> pool_;
    std::unique_ptr<Poco::Net::HTTPServer> server_;
    int port_ = 0;
};

} // namespace redress::core::http
