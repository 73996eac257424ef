#include <Poco/URI.h>
#include <algorithm>
#include <redress/core/http/router.hpp>

namespace redress::core::http {
namespace {

std::vector<std::string> split(const std::string& path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/')
            ++i;
        std::size_t j = path.find('/', i);
        if (j == std::string::npos)
            j = path.size();
        if (j > i)
            out.push_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

// Percent-decodes one path segment; a malformed escape is the client's error.
std::string decode(const std::string& segment) {
    std::string out;
    try {
        Poco::URI::decode(segment, out);
    } catch (const Poco::Exception&) {
        throw HttpError(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, "bad_uri",
                        "malformed percent-encoding in path segment \"" + segment + "\"");
    }
    return out;
}

bool is_capture(const std::string& s) {
    return s.size() > 2 && s.front() == '{' && s.back() == '}';
}

} // namespace

void Router::add(std::string method, std::string pattern, Handler handler, std::string name) {
    Route r{std::move(method), pattern, split(pattern), std::move(handler),
            name.empty() ? pattern : std::move(name)};
    routes_.push_back(std::move(r));
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
    Match result;
    auto segments = split(path);
    for (const Route& r : routes_) {
        if (r.segments.size() != segments.size())
            continue;
        std::map<std::string, std::string> params;
        bool ok = true;
        for (std::size_t i = 0; ok && i < segments.size(); ++i) {
            std::string decoded = decode(segments[i]);
            if (is_capture(r.segments[i]))
                params[r.segments[i].substr(1, r.segments[i].size() - 2)] = decoded;
            else
                ok = r.segments[i] == decoded;
        }
        if (!ok)
            continue;
        if (r.method == method && !result.handler) {
            result.handler = &r.handler;
            result.route = r.name;
            result.params = std::move(params);
        }
        if (std::find(result.allowed.begin(), result.allowed.end(), r.method) ==
            result.allowed.end())
            result.allowed.push_back(r.method);
    }
    return result;
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Route& r : routes_)
        out.emplace_back(r.method, r.pattern);
    return out;
}

} // namespace redress::core::http
