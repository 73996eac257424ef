#include <Poco/Logger.h>
#include <redress/core/plugin/plugin_instance.hpp>
#include <redress/error.hpp>

namespace redress::core {

PluginCallError::PluginCallError(std::string plugin, std::string operation, redress_status status,
                                 const std::string& message)
    : std::runtime_error(plugin + ": " + operation + " failed (" +
                         std::string(redress::status_name(status)) + "): " + message)
    , plugin_(std::move(plugin))
    , operation_(std::move(operation))
    , status_(status)
    , message_(message) {}

PluginInstance::PluginInstance(std::shared_ptr<const PluginLibrary> library, Poco::Logger& logger,
                               Clock clock, CircuitBreaker::Settings breaker)
    : library_(std::move(library))
    , logger_(logger)
    , breaker_(breaker) {
    host_.plugin_name = library_->name();
    host_.logger = &logger;
    host_.clock = std::move(clock);
}

std::shared_ptr<PluginInstance> PluginInstance::create(std::shared_ptr<const PluginLibrary> library,
                                                       const Record& config, Poco::Logger& logger,
                                                       Clock clock,
                                                       CircuitBreaker::Settings breaker) {
    std::shared_ptr<PluginInstance> self(
        new PluginInstance(std::move(library), logger, std::move(clock), breaker));
    const auto& d = self->library_->descriptor();
    self->call("create", [&](redress_error* error) {
        return d.create(&host_api(), &self->host_, &config, &self->instance_, error);
    });
    if (!self->instance_)
        throw PluginCallError(self->name(), "create", REDRESS_E_INTERNAL,
                              "reported success but returned no instance");
    return self;
}

PluginInstance::~PluginInstance() {
    if (instance_)
        library_->descriptor().destroy(instance_);
}

namespace {

// The plugin, or what it depends on, is broken — as opposed to an answer such
// as "invalid input" or "not found", which a working plugin gives.
bool is_fault(redress_status s) {
    return s == REDRESS_E_INTERNAL || s == REDRESS_E_UNAVAILABLE;
}

} // namespace

template <class Call>
void PluginInstance::call(const char* operation, Call&& c) {
    // create runs once, before anyone could be protected from it; handle_http
    // answers a person (a status page that explains an outage must stay up,
    // and clients must not be able to isolate a channel for everyone).
    const std::string_view op(operation);
    const bool breakable = op != "create" && op != "handle_http";
    if (breakable && !breaker_.admit())
        throw PluginCallError(name(), operation, REDRESS_E_UNAVAILABLE, breaker_.why_skipped());
    calls_.fetch_add(1, std::memory_order_relaxed);
    redress_error error;
    redress_status status;
    try {
        status = c(&error);
    } catch (const std::exception& e) {
        // A C function must not throw; a broken plugin did. Contain it.
        status = REDRESS_E_INTERNAL;
        error.message = std::string("exception crossed the plugin boundary: ") + e.what();
    } catch (...) {
        status = REDRESS_E_INTERNAL;
        error.message = "unknown exception crossed the plugin boundary";
    }
    if (status == REDRESS_OK || (breakable && !is_fault(status))) {
        if (breakable && breaker_.success() == CircuitBreaker::Change::Closed)
            logger_.notice("%s: %s succeeded; the plugin is called again", name(),
                           std::string(operation));
        if (status == REDRESS_OK)
            return;
    }
    errors_.fetch_add(1, std::memory_order_relaxed);
    if (error.message.empty())
        error.message = "no message given";
    PluginCallError failure(name(), operation, status, error.message);
    if (!breakable || !is_fault(status)) {
        logger_.error(failure.what());
        throw failure;
    }
    // One line per burst of faults: the first, and the one that isolates the
    // plugin; the rest are counted (GET /plugins, /metrics), logged at debug.
    switch (breaker_.fault(failure.what())) {
    case CircuitBreaker::Change::FirstFault:
        logger_.error(failure.what());
        break;
    case CircuitBreaker::Change::Opened:
        logger_.warning("%s: isolated after %d consecutive failures (last: %s); its calls are "
                        "skipped for %ds, then tried again",
                        name(), breaker_.settings().threshold, std::string(failure.what()),
                        static_cast<int>(breaker_.settings().backoff.count() / 1000));
        break;
    default:
        logger_.debug(failure.what());
        break;
    }
    throw failure;
}

void PluginInstance::require(std::uint32_t family, const char* operation) const {
    if (!(library_->families() & family))
        throw PluginCallError(name(), operation, REDRESS_E_UNSUPPORTED,
                              "the plugin does not provide this family");
}

Record PluginInstance::handle_http(const Record& request) {
    require(REDRESS_FAMILY_INTAKE, "handle_http");
    Record response;
    call("handle_http", [&](redress_error* e) {
        return library_->descriptor().intake->handle_http(instance_, &request, &response, e);
    });
    return response;
}

void PluginInstance::poll() {
    require(REDRESS_FAMILY_INTAKE, "poll");
    std::lock_guard lock(poll_mutex_);
    call("poll",
         [&](redress_error* e) { return library_->descriptor().intake->poll(instance_, e); });
}

void PluginInstance::propose(const Record& input, Record& proposal) {
    require(REDRESS_FAMILY_COMPENSATION, "propose");
    call("propose", [&](redress_error* e) {
        return library_->descriptor().compensation->propose(instance_, &input, &proposal, e);
    });
}

void PluginInstance::lookup(const Record& query, Record& answer) {
    require(REDRESS_FAMILY_CATALOG, "lookup");
    call("lookup", [&](redress_error* e) {
        return library_->descriptor().catalog->lookup(instance_, &query, &answer, e);
    });
}

void PluginInstance::render(const Record& params, std::function<const Record*()> next,
                            std::function<bool(std::string_view)> write) {
    require(REDRESS_FAMILY_REPORTER, "render");
    redress_rows rows{std::move(next)};
    redress_sink sink{std::move(write)};
    call("render", [&](redress_error* e) {
        return library_->descriptor().reporter->render(instance_, &params, &rows, &sink, e);
    });
}

} // namespace redress::core
