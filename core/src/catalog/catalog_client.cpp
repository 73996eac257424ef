#include <Poco/Logger.h>
#include <redress/catalog.hpp>
#include <redress/core/catalog/catalog_client.hpp>
#include <redress/core/service/service_error.hpp>

namespace redress::core {

namespace q = catalog::query;

constexpr std::size_t max_ask_bytes = 1024;

CatalogClient::CatalogClient(std::shared_ptr<PluginInstance> plugin, Poco::Logger& logger)
    : plugin_(std::move(plugin))
    , logger_(logger) {}

Record CatalogClient::ask(const Record& query) const {
    Record answer;
    try {
        plugin_->lookup(query, answer);
    } catch (const PluginCallError& e) {
        switch (e.status()) {
        case REDRESS_E_INVALID:
            throw ServiceError(ServiceError::Kind::Invalid, "invalid_query", e.plugin_message());
        case REDRESS_E_NOT_FOUND:
            throw ServiceError(ServiceError::Kind::NotFound, "not_found", e.plugin_message());
        default:
            throw ServiceError(ServiceError::Kind::PluginFailed, "catalog_failed", e.what());
        }
    }
    return answer;
}

std::optional<CatalogVerdict> CatalogClient::classify(const Complaint& c,
                                                      const std::string& local_date) const {
    if (c.request.empty())
        return std::nullopt;
    Record query;
    query.set(q::op, std::string(catalog::op::lookup));
    // The start of a long ask says what it is about (a cut mid-character is
    // harmless: invalid UTF-8 separates terms).
    query.set(q::q, c.request.substr(0, max_ask_bytes));
    query.set(q::department, c.department);
    // Intake knows neither the product line nor the tier: an entry for one
    // product line must not decide for every product.
    query.set(q::strict_scope, true);
    query.set(q::at, local_date);
    query.set(q::limit, std::int64_t{1});
    try {
        Record answer = ask(query);
        auto verdict = answer.string(catalog::answer::verdict);
        const Record* best = answer.record(catalog::answer::matches);
        if (!verdict || !best)
            return std::nullopt;
        return CatalogVerdict{std::string(*verdict),
                              std::string(best->string(catalog::entry::id).value_or("")),
                              std::string(answer.string(catalog::answer::version).value_or(""))};
    } catch (const std::exception& e) {
        // An isolated plugin's burst is logged by its instance, once; a line
        // per complaint would flood the log while it lasts.
        if (!plugin_->health().open)
            logger_.warning("catalog: no verdict for a complaint of %s: %s", c.department,
                            std::string(e.what()));
        return std::nullopt;
    }
}

Record CatalogClient::citation(const CatalogVerdict& v) const {
    namespace f = catalog::entry;
    Record out;
    out.set("entry", v.entry);
    out.set("version", v.version);
    Record query;
    query.set(q::op, std::string(catalog::op::entry));
    query.set(q::id, v.entry);
    query.set(q::version, v.version);
    try {
        Record answer = ask(query);
        const Record* e = answer.record(catalog::answer::entry);
        if (!e)
            return out;
        auto title_of = [](const Record* entry) {
            const Record* t = entry ? entry->record(f::title) : nullptr;
            if (!t)
                return std::string();
            if (auto en = t->string("en"))
                return std::string(*en);
            const auto& fields = t->fields();
            if (fields.empty() || fields.front().values.empty())
                return std::string();
            const auto* s = std::get_if<std::string>(&fields.front().values.front());
            return s ? *s : std::string();
        };
        out.set("title", title_of(e));
        if (auto fee = e->integer(f::fee_minor)) {
            out.set("fee_minor", *fee);
            out.set("currency", std::string(e->string(f::currency).value_or("")));
        }
        if (auto days = e->integer(f::lead_time_days))
            out.set("lead_time_days", *days);
        for (std::size_t i = 0, n = e->count(f::alternatives); i < n; ++i) {
            const auto* held = std::get_if<std::unique_ptr<Record>>(e->get(f::alternatives, i));
            if (!held || !*held)
                continue;
            const Record* alt = held->get();
            out.append("alternatives", std::string(alt->string(f::id).value_or("")));
            out.append("alternative_titles", title_of(alt));
        }
    } catch (const std::exception& e) {
        logger_.warning("catalog: cannot cite entry %s of version %s: %s", v.entry, v.version,
                        std::string(e.what()));
    }
    return out;
}

std::vector<std::string> CatalogClient::reload() const {
    Record query;
    query.set(q::op, std::string(catalog::op::reload));
    Record answer;
    try {
        plugin_->lookup(query, answer);
    } catch (const PluginCallError& e) {
        std::vector<std::string> lines;
        const std::string& m = e.plugin_message();
        for (std::size_t start = 0; start < m.size();) {
            auto end = std::min(m.find('\n', start), m.size());
            lines.push_back(m.substr(start, end - start));
            start = end + 1;
        }
        return lines.empty() ? std::vector<std::string>{e.what()} : lines;
    }
    return {};
}

} // namespace redress::core
