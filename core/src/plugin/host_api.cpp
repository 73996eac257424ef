#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <chrono>
#include <redress/core/plugin/host_api.hpp>

namespace redress::core {
namespace {

std::string_view as_view(const char* data, size_t size) {
    return data ? std::string_view(data, size) : std::string_view();
}

// Every function below is called from plugin code, possibly C: none may
// throw. Failures become status codes (or are dropped, for log and error_set).

void log(redress_host* host, int32_t level, const char* message, size_t size) noexcept try {
    if (!host || !host->logger)
        return;
    // SDK levels 0..5 (trace..error) onto Poco's 8..3.
    static constexpr Poco::Message::Priority priorities[] = {
        Poco::Message::PRIO_TRACE,  Poco::Message::PRIO_DEBUG,   Poco::Message::PRIO_INFORMATION,
        Poco::Message::PRIO_NOTICE, Poco::Message::PRIO_WARNING, Poco::Message::PRIO_ERROR};
    auto prio = priorities[level < 0 ? 0 : level > 5 ? 5 : level];
    if (host->logger->is(prio))
        host->logger->log(
            Poco::Message(host->logger->name(),
                          host->plugin_name + ": " + std::string(as_view(message, size)), prio));
} catch (...) {
    // A log line that cannot be written is not worth failing the plugin's call.
}

void error_set(redress_error* error, redress_status status, const char* message,
               size_t size) noexcept {
    if (!error)
        return;
    error->status = status;
    try {
        error->message.assign(as_view(message, size));
    } catch (...) {
        error->message.clear(); // keep the status; the host reports "no message given"
    }
}

int64_t clock_now_ms(redress_host* host) noexcept try {
    return host && host->clock ? host->clock() : system_clock()();
} catch (...) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

redress_record* record_create(redress_host*) {
    return new (std::nothrow) redress_record();
}

void record_destroy(redress_record* record) {
    delete record;
}

size_t record_field_count(const redress_record* record) {
    return record ? record->fields().size() : 0;
}

redress_status record_field_name(const redress_record* record, size_t index, const char** name,
                                 size_t* size) noexcept {
    if (!record || !name || !size)
        return REDRESS_E_INVALID;
    if (index >= record->fields().size())
        return REDRESS_E_NOT_FOUND;
    const std::string& n = record->fields()[index].name;
    *name = n.data();
    *size = n.size();
    return REDRESS_OK;
}

size_t record_value_count(const redress_record* record, const char* key, size_t key_size) noexcept {
    return record && key ? record->count(std::string_view(key, key_size)) : 0;
}

redress_status record_get(const redress_record* record, const char* key, size_t key_size,
                          size_t index, redress_value* out) noexcept {
    if (!record || !key || !out)
        return REDRESS_E_INVALID;
    const RecordValue* v = record->get(std::string_view(key, key_size), index);
    if (!v)
        return REDRESS_E_NOT_FOUND;
    *out = redress_value{};
    std::visit(
        [out](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                out->type = REDRESS_VALUE_NULL;
            } else if constexpr (std::is_same_v<T, bool>) {
                out->type = REDRESS_VALUE_BOOL;
                out->int_value = x ? 1 : 0;
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                out->type = REDRESS_VALUE_INT;
                out->int_value = x;
            } else if constexpr (std::is_same_v<T, double>) {
                out->type = REDRESS_VALUE_DOUBLE;
                out->double_value = x;
            } else if constexpr (std::is_same_v<T, std::string>) {
                out->type = REDRESS_VALUE_STRING;
                out->string_data = x.data();
                out->string_size = x.size();
            } else {
                out->type = REDRESS_VALUE_RECORD;
                out->record = x.get();
            }
        },
        *v);
    return REDRESS_OK;
}

// Converts a plugin's value into an owned one; RECORD values are deep-copied.
bool to_owned(const redress_value* in, RecordValue& out) {
    switch (in->type) {
    case REDRESS_VALUE_NULL:
        out = std::monostate{};
        return true;
    case REDRESS_VALUE_BOOL:
        out = in->int_value != 0;
        return true;
    case REDRESS_VALUE_INT:
        out = in->int_value;
        return true;
    case REDRESS_VALUE_DOUBLE:
        out = in->double_value;
        return true;
    case REDRESS_VALUE_STRING:
        if (!in->string_data && in->string_size)
            return false;
        out = std::string(as_view(in->string_data, in->string_size));
        return true;
    case REDRESS_VALUE_RECORD:
        if (!in->record)
            return false;
        out = std::make_unique<redress_record>(*in->record);
        return true;
    default:
        return false;
    }
}

template <class Op>
redress_status write_value(redress_record* record, const char* key, size_t key_size,
                           const redress_value* value, Op op) noexcept {
    if (!record || !key || key_size == 0 || !value)
        return REDRESS_E_INVALID;
    try {
        RecordValue owned;
        if (!to_owned(value, owned))
            return REDRESS_E_INVALID;
        op(*record, std::string_view(key, key_size), std::move(owned));
    } catch (const std::length_error&) {
        return REDRESS_E_INVALID; // an absurd size from the plugin
    } catch (...) {
        return REDRESS_E_INTERNAL;
    }
    return REDRESS_OK;
}

redress_status record_set(redress_record* record, const char* key, size_t key_size,
                          const redress_value* value) noexcept {
    return write_value(
        record, key, key_size, value,
        [](redress_record& r, std::string_view k, RecordValue v) { r.set(k, std::move(v)); });
}

redress_status record_append(redress_record* record, const char* key, size_t key_size,
                             const redress_value* value) noexcept {
    return write_value(
        record, key, key_size, value,
        [](redress_record& r, std::string_view k, RecordValue v) { r.append(k, std::move(v)); });
}

redress_record* record_add_record(redress_record* record, const char* key,
                                  size_t key_size) noexcept {
    if (!record || !key || key_size == 0)
        return nullptr;
    try {
        return &record->add_record(std::string_view(key, key_size));
    } catch (...) {
        return nullptr;
    }
}

redress_status sink_write(redress_sink* sink, const char* data, size_t size) noexcept {
    if (!sink || !sink->write || (!data && size))
        return REDRESS_E_INVALID;
    try {
        return sink->write(as_view(data, size)) ? REDRESS_OK : REDRESS_E_UNAVAILABLE;
    } catch (...) {
        return REDRESS_E_UNAVAILABLE;
    }
}

redress_status rows_next(redress_rows* rows, const redress_record** row) noexcept {
    if (!rows || !rows->next || !row)
        return REDRESS_E_INVALID;
    try {
        *row = rows->next();
    } catch (...) {
        return REDRESS_E_UNAVAILABLE;
    }
    return *row ? REDRESS_OK : REDRESS_END;
}

void reply_error(redress_record* reply, const std::string& message) noexcept try {
    reply->set("error", std::string(message));
} catch (...) {
}

redress_status call(redress_host* host, const char* op, size_t op_size,
                    const redress_record* request, redress_record* reply) noexcept {
    if (!host || !reply)
        return REDRESS_E_INVALID;
    try {
        redress::core::HostServices* services = host->services.load();
        if (!services) {
            reply_error(reply, "host services are not available yet (called during create?)");
            return REDRESS_E_UNAVAILABLE;
        }
        static const redress_record empty;
        services->call(host->plugin_name, as_view(op, op_size), request ? *request : empty, *reply);
        return REDRESS_OK;
    } catch (const redress::core::ServiceCallError& e) {
        reply_error(reply, e.what());
        return e.status();
    } catch (const std::exception& e) {
        reply_error(reply, e.what());
        return REDRESS_E_INTERNAL;
    } catch (...) {
        reply_error(reply, "unknown exception in the host");
        return REDRESS_E_INTERNAL;
    }
}

} // namespace

Clock system_clock() {
    return [] {
        return std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    };
}

const redress_host_api& host_api() {
    static const redress_host_api api = [] {
        redress_host_api a{};
        a.struct_size = sizeof(redress_host_api);
        a.abi_major = REDRESS_ABI_MAJOR;
        a.abi_minor = REDRESS_ABI_MINOR;
        a.log = &log;
        a.error_set = &error_set;
        a.clock_now_ms = &clock_now_ms;
        a.record_create = &record_create;
        a.record_destroy = &record_destroy;
        a.record_field_count = &record_field_count;
        a.record_field_name = &record_field_name;
        a.record_value_count = &record_value_count;
        a.record_get = &record_get;
        a.record_set = &record_set;
        a.record_append = &record_append;
        a.record_add_record = &record_add_record;
        a.sink_write = &sink_write;
        a.rows_next = &rows_next;
        a.call = &call;
        return a;
    }();
    return api;
}

} // namespace redress::core
