#include <Poco/URI.h>
#include <algorithm>
#include <redress/core/http/router.hpp>
#include <stdexcept>

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
    if (result.allowed.empty())
        for (const PrefixRoute& r : prefixes_) {
            bool exact = path == r.prefix;
            if (exact ||
                (path.size() > r.prefix.size() && path.compare(0, r.prefix.size(), r.prefix) == 0 &&
                 path[r.prefix.size()] == '/')) {
                result.handler = &r.handler;
                result.route = r.name;
                result.params["*rest"] = exact ? "/" : path.substr(r.prefix.size());
                result.allowed.push_back(method);
                break;
            }
        }
    return result;
}

void Router::add_prefix(std::string prefix, Handler handler, std::string name) {
    if (prefix.size() < 2 || prefix.front() != '/' || prefix.back() == '/')
        throw std::invalid_argument("a route prefix starts with '/' and has no trailing '/': \"" +
                                    prefix + "\"");
    for (const PrefixRoute& r : prefixes_)
        if (r.prefix == prefix || prefix.rfind(r.prefix + "/", 0) == 0 ||
            r.prefix.rfind(prefix + "/", 0) == 0)
            throw std::invalid_argument("prefix \"" + prefix + "\" overlaps \"" + r.prefix +
                                        "\" (" + r.name + ")");
    std::string first = prefix.substr(
        1, prefix.find('/', 1) == std::string::npos ? std::string::npos : prefix.find('/', 1) - 1);
    for (const Route& r : routes_)
        if (!r.segments.empty() && r.segments.front() == first)
            throw std::invalid_argument("prefix \"" + prefix + "\" overlaps the route " +
                                        r.pattern);
    if (name.empty())
        name = prefix + "/*";
    prefixes_.push_back({std::move(prefix), std::move(handler), std::move(name)});
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const Route& r : routes_)
        out.emplace_back(r.method, r.pattern);
    return out;
}

} // namespace redress::core::http
