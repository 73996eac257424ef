// Routes (method, path pattern) to handlers. Patterns are literal segments and
// "{name}" captures, e.g. "/complaints/{id}/transitions". match() takes the raw
// (percent-encoded) path and decodes each segment exactly once, so "%2F" in a
// segment is data, not a separator. A path that matches no pattern is 404; one
// that matches with another method is 405 with Allow.
#pragma once

#include <functional>
#include <redress/core/http/http_context.hpp>
#include <string>
#include <vector>

namespace redress::core::http {

using Handler = std::function<void(HttpContext&)>;

class Router {
public:
    //! Adds a route; later routes never shadow earlier ones with the same pattern.
    void add(std::string method, std::string pattern, Handler handler, std::string name = {});

    //! Adds a handler for every method on prefix ("/intake") and everything
    //! under it ("/intake/…"), as plugins serve them. Pattern routes win over
    //! prefix routes; the raw rest of the path ("/" for the prefix itself) is the
    //! param "*rest". Throws std::invalid_argument for a prefix already taken or
    //! one that shadows a pattern route's first segment.
    void add_prefix(std::string prefix, Handler handler, std::string name = {});
    //! Result of matching a request.
    struct Match {
        const Handler* handler = nullptr; //!< null: no route for this method
        std::string route; //!< the route's name (its pattern by default), for metrics
        std::map<std::string, std::string> params;
        std::vector<std::string> allowed; //!< methods allowed on this path (for 405)
    };
    Match match(const std::string& method, const std::string& path) const;

    //! Every (method, pattern), e.g. to compare with the OpenAPI document.
    std::vector<std::pair<std::string, std::string>> routes() const;

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        std::string name;
    };
    std::vector<Route> routes_;
    struct PrefixRoute {
        std::string prefix;
        Handler handler;
        std::string name;
    };
    std::vector<PrefixRoute> prefixes_;
};

} // namespace redress::core::http
