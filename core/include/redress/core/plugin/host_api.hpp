// The host side of the SDK's C ABI: the function table handed to every plugin
// and the concrete types behind its opaque handles (host context, error slot,
// output sink, row stream).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <redress/abi.h>
#include <redress/core/plugin/record.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace Poco {
class Logger;
}

namespace redress::core {

//! UTC milliseconds since the Unix epoch. Tests substitute a fixed clock.
using Clock = std::function<std::int64_t()>;
Clock system_clock();

//! The host function table of this build (REDRESS_ABI_MAJOR.MINOR). Static.
const redress_host_api& host_api();

//! What redress_host_api.call reaches: the host's services to plugins (see
//! redress/services.hpp). Implementations throw ServiceCallError (or any
//! exception, reported as internal) and must be thread-safe.
class HostServices {
public:
    virtual ~HostServices() = default;
    virtual void call(const std::string& plugin, std::string_view op, const Record& request,
                      Record& reply) = 0;
};

//! A failed host service call, with the status the plugin receives.
class ServiceCallError : public std::runtime_error {
public:
    ServiceCallError(redress_status status, const std::string& message)
        : std::runtime_error(message)
        , status_(status) {}
    redress_status status() const noexcept { return status_; }

private:
    redress_status status_;
};

} // namespace redress::core

//! What a plugin instance knows the host as: its name (for logs) and the clock.
struct redress_host {
    std::string plugin_name;
    Poco::Logger* logger = nullptr;
    redress::core::Clock clock;
    //! Set once the host's services run (after every plugin is created).
    std::atomic<redress::core::HostServices*> services{nullptr};
};

//! Where a failing plugin call leaves its status and message (copied).
struct redress_error {
    redress_status status = REDRESS_OK;
    std::string message;
};

//! A byte sink; write returns false when the reader went away.
struct redress_sink {
    std::function<bool(std::string_view)> write;
};

//! A row stream; next returns nullptr at the end. The row stays valid until the
//! following call.
struct redress_rows {
    std::function<const redress_record*()> next;
};
