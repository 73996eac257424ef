#include <redress/core/api/metrics.hpp>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/store/store.hpp>
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

void Metrics::count_poll_skipped(const std::string& plugin) {
    std::lock_guard lock(mutex_);
    ++poll_skipped_[plugin];
}

std::string Metrics::prometheus(const PluginHost* plugins, const Store* store) const {
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
        out << "# HELP redress_poll_skipped_total Poll turns of an intake plugin skipped "
               "because another host held its lease.\n"
            << "# TYPE redress_poll_skipped_total counter\n";
        for (const auto& [plugin, n] : poll_skipped_)
            out << "redress_poll_skipped_total{plugin=\"" << label(plugin) << "\"} " << n << "\n";
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
    out << "# HELP redress_plugin_calls_skipped_total Calls not made because the plugin was "
           "isolated after consecutive failures.\n"
        << "# TYPE redress_plugin_calls_skipped_total counter\n";
    if (plugins)
        for (const auto& p : plugins->instances())
            out << "redress_plugin_calls_skipped_total{plugin=\"" << label(p->name()) << "\"} "
                << p->stats().skipped << "\n";
    out << "# HELP redress_plugin_isolated 1 while the plugin is isolated (its calls skipped).\n"
        << "# TYPE redress_plugin_isolated gauge\n";
    if (plugins)
        for (const auto& p : plugins->instances())
            out << "redress_plugin_isolated{plugin=\"" << label(p->name()) << "\"} "
                << (p->health().open ? 1 : 0) << "\n";
    if (store) {
        // Group commit: creates per commit = creates_total / commits_total.
        Store::CommitStats c = store->commit_stats();
        out << "# HELP redress_store_create_commits_total Transactions that committed "
               "complaints (group commit: one may hold many).\n"
            << "# TYPE redress_store_create_commits_total counter\n"
            << "redress_store_create_commits_total " << c.transactions << "\n"
            << "# HELP redress_store_creates_committed_total Creates those transactions "
               "carried (one refused alone included).\n"
            << "# TYPE redress_store_creates_committed_total counter\n"
            << "redress_store_creates_committed_total " << c.creates << "\n"
            << "# HELP redress_store_largest_commit Most complaints one transaction held.\n"
            << "# TYPE redress_store_largest_commit gauge\n"
            << "redress_store_largest_commit " << c.largest << "\n";
    }
    return out.str();
}

} // namespace redress::core
