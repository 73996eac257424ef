// redress/host.hpp — the services the host offers a plugin instance.
//
// A Host is given to the plugin's constructor and stays valid for the
// instance's life. Every method is thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <redress/abi.h>
#include <redress/error.hpp>
#include <redress/record.hpp>
#include <string>
#include <string_view>
#include <utility>

namespace redress {

//! Log levels, as the host's logger understands them.
enum class LogLevel : std::int32_t {
    Trace = 0,
    Debug = 1,
    Info = 2,
    Notice = 3,
    Warning = 4,
    Error = 5
};

//! A record the plugin created and owns; destroyed with this object.
class OwnedRecord {
public:
    OwnedRecord(const redress_host_api* api, redress_record* record)
        : api_(api)
        , record_(record) {
        if (!record_)
            throw Error(REDRESS_E_INTERNAL, "the host could not create a record");
    }
    OwnedRecord(OwnedRecord&& other) noexcept
        : api_(other.api_)
        , record_(other.record_) {
        other.record_ = nullptr;
    }
    OwnedRecord& operator=(OwnedRecord&& other) noexcept {
        std::swap(api_, other.api_);
        std::swap(record_, other.record_);
        return *this;
    }
    OwnedRecord(const OwnedRecord&) = delete;
    OwnedRecord& operator=(const OwnedRecord&) = delete;
    ~OwnedRecord() {
        if (record_)
            api_->record_destroy(record_);
    }

    RecordWriter writer() { return RecordWriter(api_, record_); }
    RecordView view() const { return RecordView(api_, record_); }

private:
    const redress_host_api* api_;
    redress_record* record_;
};

//! The host, as seen from a plugin instance.
class Host {
public:
    Host(const redress_host_api* api, redress_host* host)
        : api_(api)
        , host_(host) {}

    //! Logs under the plugin's name.
    void log(LogLevel level, std::string_view message) const {
        api_->log(host_, static_cast<std::int32_t>(level), message.data(), message.size());
    }
    //! UTC milliseconds since the Unix epoch, from the host's clock (tests may fix it).
    std::int64_t now_ms() const { return api_->clock_now_ms(host_); }
    //! A new, empty record owned by the caller.
    OwnedRecord make_record() const { return OwnedRecord(api_, api_->record_create(host_)); }

    //! The host's ABI version; a plugin may use a function added in a later
    //! minor only when the host's table is large enough (see supports()).
    std::uint16_t abi_minor() const noexcept { return api_->abi_minor; }
    //! True when the host's function table contains the member at offset.
    bool supports(std::size_t member_offset_end) const noexcept {
        return api_->struct_size >= member_offset_end;
    }

    //! Calls a host service (see redress/services.hpp) and returns its reply.
    //! Throws Error with the host's status and message when it fails, and
    //! REDRESS_E_UNSUPPORTED when the host predates ABI 1.1.
    OwnedRecord call(std::string_view op, const OwnedRecord& request) const {
        return call(op, request.view().raw());
    }
    OwnedRecord call(std::string_view op, const redress_record* request) const {
        if (!supports(offsetof(redress_host_api, call) + sizeof api_->call) || !api_->call)
            throw Error(REDRESS_E_UNSUPPORTED,
                        "the host (ABI 1." + std::to_string(api_->abi_minor) +
                            ") offers no services; " + std::string(op) + " needs ABI 1.1");
        OwnedRecord reply = make_record();
        redress_status status =
            api_->call(host_, op.data(), op.size(), request, reply.writer().raw());
        if (status != REDRESS_OK) {
            std::string message(reply.view().string("error"));
            throw Error(status, message.empty() ? std::string(op) + " failed" : message);
        }
        return reply;
    }

    const redress_host_api* api() const noexcept { return api_; }
    redress_host* handle() const noexcept { return host_; }

private:
    const redress_host_api* api_;
    redress_host* host_;
};

} // namespace redress
