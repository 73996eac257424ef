#include "api_client.hpp"

#include "errors.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <sstream>

namespace redress::cli {
namespace {

// Long enough for a slow list page; short enough that a hung server is noticed.
const Poco::Timespan connect_timeout(10, 0);
const Poco::Timespan io_timeout(60, 0);

// The error an error reply stands for: the API's {"error": {...}} when the
// body is one, else the status line.
ApiError error_of(int status, const std::string& reason, const std::string& body) {
    try {
        auto root = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        auto e = root ? root->getObject("error") : nullptr;
        if (e && e->has("code"))
            return ApiError(status, e->optValue<std::string>("code", ""),
                            e->optValue<std::string>("message", ""),
                            e->optValue<std::string>("field", ""));
    } catch (const Poco::Exception&) {
    } catch (const std::exception&) {
    }
    return ApiError(status, "http_" + std::to_string(status),
                    reason.empty() ? "the server answered " + std::to_string(status) : reason);
}

} // namespace

std::string Reply::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

Poco::JSON::Object::Ptr Reply::object() const {
    try {
        auto o = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
        if (o)
            return o;
    } catch (const Poco::Exception&) {
    } catch (const std::exception&) {
    }
    throw ApiError(500, "bad_reply",
                   "the server's answer is not a JSON object (is this redressd?): " +
                       body.substr(0, 200));
}

ApiClient::ApiClient(const std::string& base_url, std::string token)
    : url_(base_url)
    , token_(std::move(token)) {
    Poco::URI uri;
    try {
        uri = Poco::URI(base_url);
    } catch (const Poco::Exception& e) {
        throw UsageError("--server \"" + base_url + "\" is not a URL: " + e.message());
    }
    if (uri.getScheme() != "http")
        throw UsageError("--server \"" + base_url +
                         "\" must be an http:// URL such as http://127.0.0.1:8080");
    if (uri.getHost().empty())
        throw UsageError("--server \"" + base_url + "\" names no host");
    if (!uri.getQuery().empty() || !uri.getFragment().empty())
        throw UsageError("--server \"" + base_url + "\" must not have a query or fragment");
    prefix_ = uri.getPath();
    while (!prefix_.empty() && prefix_.back() == '/')
        prefix_.pop_back();
    session_ = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
    session_->setTimeout(connect_timeout, io_timeout, io_timeout);
    session_->setKeepAlive(true);
}

ApiClient::~ApiClient() = default;

Reply ApiClient::send(const std::string& method, const std::string& path, const std::string& body,
                      const std::map<std::string, std::string>& headers) {
    Poco::Net::HTTPRequest request(method, prefix_ + path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/json");
    request.set("User-Agent", "redress");
    if (!token_.empty())
        request.set("Authorization", "Bearer " + token_);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    if (!body.empty() || method == "POST") {
        if (!headers.count("Content-Type"))
            request.setContentType("application/json; charset=utf-8");
        request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    Poco::Net::HTTPResponse response;
    std::string text;
    try {
        session_->sendRequest(request) << body;
        std::istream& in = session_->receiveResponse(response);
        Poco::StreamCopier::copyToString(in, text);
    } catch (const Poco::TimeoutException&) {
        throw UnreachableError("no answer from " + url_ + " in time");
    } catch (const Poco::Exception& e) {
        // Refused, reset, unknown host, a reply cut short: no usable answer.
        throw UnreachableError("cannot reach " + url_ + ": " + e.displayText());
    }
    int status = static_cast<int>(response.getStatus());
    if (status < 200 || status > 299)
        throw error_of(status, response.getReason(), text);
    Reply reply{status, std::move(text), {}};
    for (const auto& [name, value] : response)
        reply.headers[name] = value;
    return reply;
}

std::string path_segment(const std::string& text) {
    std::string out;
    Poco::URI::encode(text, "/?#[]@!$&'()*+,;=%: ", out);
    return out;
}

} // namespace redress::cli
