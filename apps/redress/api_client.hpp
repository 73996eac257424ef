// The HTTP side of redress: sends one request to redressd's API and turns
// every failure into the error that decides the exit code. One client keeps
// one connection (kept alive across requests, e.g. while paging).
#pragma once

#include <Poco/JSON/Object.h>
#include <map>
#include <memory>
#include <string>

namespace Poco::Net {
class HTTPClientSession;
}

namespace redress::cli {

//! A successful (2xx) answer.
struct Reply {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;

    std::string header(const std::string& name) const;
    //! The body as a JSON object; throws ApiError (a server error) if it is not one.
    Poco::JSON::Object::Ptr object() const;
};

class ApiClient {
public:
    //! `base_url` is http://host[:port][/prefix]; throws UsageError otherwise.
    //! An empty token sends no Authorization header (the API then answers 401).
    ApiClient(const std::string& base_url, std::string token);
    ~ApiClient();
    ApiClient(const ApiClient&) = delete;
    ApiClient& operator=(const ApiClient&) = delete;

    //! Sends `method path` with an optional JSON body. Returns 2xx answers;
    //! throws ApiError for 4xx/5xx (with the API's code, message and field)
    //! and UnreachableError when no answer arrives (refused, timeout, reset).
    Reply send(const std::string& method, const std::string& path, const std::string& body = {},
               const std::map<std::string, std::string>& headers = {});

    Reply get(const std::string& path) { return send("GET", path); }
    Reply post(const std::string& path, const std::string& body,
               const std::map<std::string, std::string>& headers = {}) {
        return send("POST", path, body, headers);
    }

    //! The server's URL as given, for messages.
    const std::string& url() const noexcept { return url_; }

private:
    std::string url_, prefix_, token_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
};

//! A path segment with everything but unreserved characters percent-encoded.
std::string path_segment(const std::string& text);

} // namespace redress::cli
