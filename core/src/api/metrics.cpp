#include <redress/core/api/metrics.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <set>
#include <sstream>

namespace redress::core {
namespace {

// Label values are escaped as the exposition format requires.
std::string label(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

} // namespace

void Metrics::count_request(const std::string& method, const std::string& route, int status) {
    // Clients choose the method string; only known ones become label values,
    // so a client cannot grow the series without bound.
    static const std::set<std::string> known{"GET",   "HEAD",   "POST",   "PUT",
                                             "PATCH", "DELETE", "OPTIONS"};
    std::lock_guard lock(mutex_);
    ++requests_[{route, known.count(method) ? method : "other", status}];
}

void Metrics::count_complaint(const std::string& department, const std::string& channel) {
    std::lock_guard lock(mutex_);
    ++complaints_[{department, channel}];
}

std::string Metrics::prometheus(const PluginHost* plugins) const {
    std::ostringstream out;
    {
        std::lock_guard lock(mutex_);
        out << "# HELP redress_http_requests_total HTTP requests answered, by route, method and "
               "status.\n"
            << "# TYPE redress_http_requests_total counter\n";
        for (const auto& [key, n] : requests_)
            out << "redress_http_requests_total{route=\"" << label(std::get<0>(key))
                << "\",method=\"" << label(std::get<1>(key)) << "\",status=\"" << std::get<2>(key)
                << "\"} " << n << "\n";
        out << "# HELP redress_complaints_registered_total Complaints registered since start, by "
               "department and channel.\n"
            << "# TYPE redress_complaints_registered_total counter\n";
        for (const auto& [key, n] : complaints_)
            out << "redress_complaints_registered_total{department=\"" << label(key.first)
                << "\",channel=\"" << label(key.second) << "\"} " << n << "\n";
    }
    out << "# HELP redress_plugin_calls_total Calls into each plugin.\n"
        << "# TYPE redress_plugin_calls_total counter\n";
    if (plugins)
        for (const auto& p : plugins->instances())
            out << "redress_plugin_calls_total{plugin=\"" << label(p->name()) << "\"} "
                << p->stats().calls << "\n";
    out << "# HELP redress_plugin_call_errors_total Plugin calls that failed, by plugin.\n"
        << "# TYPE redress_plugin_call_errors_total counter\n";
    if (plugins)
        for (const auto& p : plugins->instances())
            out << "redress_plugin_call_errors_total{plugin=\"" << label(p->name()) << "\"} "
                << p->stats().errors << "\n";
    return out.str();
}

} // namespace redress::core
