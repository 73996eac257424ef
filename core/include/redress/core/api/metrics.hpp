// Counters for GET /metrics, in the Prometheus text format: HTTP requests by
// route, method and status; complaints registered by department and channel;
// plugin calls and errors (read from the plugin host). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace redress::core {

class PluginHost;
class Store;

class Metrics {
public:
    void count_request(const std::string& method, const std::string& route, int status);
    void count_complaint(const std::string& department, const std::string& channel);
    //! An intake plugin's poll turn skipped because another host held its lease.
    void count_poll_skipped(const std::string& plugin);
    //! The exposition text; plugins and store may be null.
    std::string prometheus(const PluginHost* plugins, const Store* store = nullptr) const;

private:
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
    std::map<std::pair<std::string, std::string>, std::uint64_t> complaints_;
    std::map<std::string, std::uint64_t> poll_skipped_;
};

} // namespace redress::core
