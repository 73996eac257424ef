// A created plugin instance and the guarded calls into it.
//
// Every call checks the plugin's status; a failure (or anything thrown across
// the boundary by a misbehaving plugin) is counted, logged with the plugin's
// name, and rethrown as PluginCallError for the caller to turn into a clean
// error. Faults (REDRESS_E_INTERNAL, REDRESS_E_UNAVAILABLE, anything thrown)
// go through a circuit breaker: a plugin that keeps failing is isolated — its
// calls are skipped for a back-off, failing at once with REDRESS_E_UNAVAILABLE
// — and a burst of faults is logged once, not once per call. The instance
// holds its library, so the library outlives it.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <redress/abi.h>
#include <redress/core/plugin/circuit_breaker.hpp>
#include <redress/core/plugin/host_api.hpp>
#include <redress/core/plugin/plugin_library.hpp>
#include <redress/core/plugin/record.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace Poco {
class Logger;
}

namespace redress::core {

//! A plugin call that failed: "<plugin>: <operation> failed (<status>): <message>".
class PluginCallError : public std::runtime_error {
public:
    PluginCallError(std::string plugin, std::string operation, redress_status status,
                    const std::string& message);
    const std::string& plugin() const noexcept { return plugin_; }
    const std::string& operation() const noexcept { return operation_; }
    redress_status status() const noexcept { return status_; }
    //! The plugin's own message, without the prefix.
    const std::string& plugin_message() const noexcept { return message_; }

private:
    std::string plugin_, operation_;
    redress_status status_;
    std::string message_;
};

//! Call counters of one instance.
struct PluginCallStats {
    std::uint64_t calls = 0;   //!< calls made (skipped ones are not calls)
    std::uint64_t errors = 0;  //!< calls that failed
    std::uint64_t skipped = 0; //!< calls not made: the plugin was isolated
};

class PluginInstance {
public:
    //! Creates the instance from its validated config section; throws
    //! PluginCallError when the plugin's create fails.
    //! breaker: when to isolate the plugin (create itself is never skipped).
    static std::shared_ptr<PluginInstance> create(std::shared_ptr<const PluginLibrary> library,
                                                  const Record& config, Poco::Logger& logger,
                                                  Clock clock,
                                                  CircuitBreaker::Settings breaker = {});
    ~PluginInstance();
    PluginInstance(const PluginInstance&) = delete;
    PluginInstance& operator=(const PluginInstance&) = delete;

    const PluginLibrary& library() const noexcept { return *library_; }
    const std::string& name() const noexcept { return library_->name(); }

    //! Intake: handles an HTTP request record, returns the response record.
    Record handle_http(const Record& request);
    //! Intake: one round of background work. Calls are serialised.
    void poll();
    //! Compensation: fills proposal from input.
    void propose(const Record& input, Record& proposal);
    //! Catalog: fills answer from query.
    void lookup(const Record& query, Record& answer);
    //! Reporter: renders rows (next() returns nullptr at the end) into write().
    void render(const Record& params, std::function<const Record*()> next,
                std::function<bool(std::string_view)> write);

    PluginCallStats stats() const {
        return {calls_.load(), errors_.load(), breaker_.state().skipped};
    }
    //! Whether the plugin is isolated, and why (GET /plugins).
    CircuitBreaker::State health() const { return breaker_.state(); }
    //! Makes the host's services reachable through redress_host_api.call
    //! (null: unavailable again). services must outlive the instance's use.
    void set_services(HostServices* services) noexcept { host_.services.store(services); }

private:
    PluginInstance(std::shared_ptr<const PluginLibrary> library, Poco::Logger& logger, Clock clock,
                   CircuitBreaker::Settings breaker);
    void require(std::uint32_t family, const char* operation) const;
    // Runs one C call; counts, logs and throws on failure.
    template <class Call>
    void call(const char* operation, Call&& c);

    // Declared first, destroyed last: the library must outlive the instance.
    std::shared_ptr<const PluginLibrary> library_;
    redress_host host_;
    void* instance_ = nullptr;
    Poco::Logger& logger_;
    std::mutex poll_mutex_;
    std::atomic<std::uint64_t> calls_{0}, errors_{0};
    CircuitBreaker breaker_;
};

} // namespace redress::core
