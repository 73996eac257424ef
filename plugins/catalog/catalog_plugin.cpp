#include "catalog_plugin.hpp"

#include "catalog_search.hpp"
#include "catalog_wording.hpp"

#include <filesystem>
#include <redress/catalog.hpp>

namespace redress::catalog_plugin {

namespace q = catalog::query;
namespace a = catalog::answer;
namespace f = catalog::entry;

namespace {

constexpr std::size_t max_query_bytes = 4096;
constexpr std::int64_t max_limit = 50;

[[noreturn]] void invalid(const std::string& what) {
    throw Error(REDRESS_E_INVALID, what);
}

void write_translations(RecordWriter w, const Translations& t) {
    for (const auto& [lang, text] : t)
        w.set(lang, text);
}

void append_all(RecordWriter& w, std::string_view key, const std::vector<std::string>& values) {
    for (const auto& v : values)
        w.append(key, v);
}

// Which fields differ between two entries with the same id.
std::vector<std::string> changed_fields(const Entry& x, const Entry& y) {
    std::vector<std::string> out;
    auto check = [&](const char* name, bool same) {
        if (!same)
            out.emplace_back(name);
    };
    check("status", x.status == y.status);
    check("title", x.title == y.title);
    check("description", x.description == y.description);
    check("keywords", x.keywords == y.keywords);
    check("fee_minor", x.fee_minor == y.fee_minor);
    check("lead_time_days", x.lead_time_days == y.lead_time_days);
    check("alternatives", x.alternatives == y.alternatives);
    check("departments", x.departments == y.departments);
    check("product_lines", x.product_lines == y.product_lines);
    check("customer_tiers", x.customer_tiers == y.customer_tiers);
    return out;
}

} // namespace

PluginInfo CatalogPlugin::info() {
    PluginInfo i;
    i.name = "catalog";
    i.version = "1.0.0";
    i.description = "service-commitment catalog: provided / not provided / arrangeable, versioned";
    i.config = {
        {"dir", ConfigType::Path, false, "\"\"",
         "the folder of catalog versions, one *.toml file each (empty: no catalog)"},
        {"languages", ConfigType::StringList, false, "[\"zh\", \"en\"]",
         "every entry's title and description must be given in each of these"},
        {"currency", ConfigType::String, false, "\"CNY\"",
         "the currency of fees when a version's file names none"},
        {"min_score", ConfigType::Float, false, "0.35",
         "a free-text lookup answers entries scoring at least this (0-1)"},
        {"limit", ConfigType::Integer, false, "5", "most matches a lookup answers (1-50)"},
    };
    return i;
}

CatalogPlugin::CatalogPlugin(Host host, ConfigView config)
    : host_(host)
    , dir_(config.string("dir")) {
    options_.languages.clear();
    for (auto l : config.strings("languages"))
        options_.languages.emplace_back(l);
    if (options_.languages.empty())
        invalid("languages: name at least one language");
    options_.currency = std::string(config.string("currency", "CNY"));
    min_score_ = config.number("min_score", 0.35);
    if (!(min_score_ > 0 && min_score_ <= 1))
        invalid("min_score: expected a number above 0 and at most 1, got " +
                std::to_string(min_score_));
    std::int64_t limit = config.integer("limit", 5);
    if (limit < 1 || limit > max_limit)
        invalid("limit: expected 1 to 50, got " + std::to_string(limit));
    limit_ = static_cast<std::size_t>(limit);
    catalog_ = std::make_shared<const Catalog>(load());
}

Catalog CatalogPlugin::load() const {
    if (dir_.empty())
        return {};
    try {
        return load_catalog(dir_, options_);
    } catch (const CatalogErrors& e) {
        invalid("the catalog in " + dir_ + " has " + std::to_string(e.problems().size()) +
                " problem(s):\n" + e.what());
    }
}

std::shared_ptr<const Catalog> CatalogPlugin::snapshot() const {
    std::lock_guard lock(mutex_);
    return catalog_;
}

void CatalogPlugin::lookup(const RecordView& query, RecordWriter& answer) {
    std::string op(query.string(q::op, catalog::op::lookup));
    if (op == catalog::op::reload) {
        auto fresh = std::make_shared<const Catalog>(load()); // throws: the old one stays
        std::size_t n = fresh->versions.size();
        {
            std::lock_guard lock(mutex_);
            catalog_ = std::move(fresh);
        }
        host_.log(LogLevel::Notice,
                  "catalog reloaded from " + dir_ + ": " + std::to_string(n) + " version(s)");
        answer.set(a::versions, static_cast<std::int64_t>(n));
        return;
    }
    auto c = snapshot();
    if (op == catalog::op::lookup)
        answer_lookup(*c, query, answer);
    else if (op == catalog::op::entry)
        answer_entry(*c, query, answer);
    else if (op == catalog::op::list)
        answer_list(*c, query, answer);
    else if (op == catalog::op::versions)
        answer_versions(*c, query, answer);
    else if (op == catalog::op::diff)
        answer_diff(*c, query, answer);
    else
        invalid("op: unknown operation \"" + op +
                "\" (expected lookup, entry, list, versions, diff or reload)");
}

std::chrono::year_month_day CatalogPlugin::day_of(const RecordView& query) const {
    std::string_view at = query.string(q::at);
    if (at.empty()) // the host passes the company's date; this is a fallback (UTC)
        return std::chrono::year_month_day(
            std::chrono::floor<std::chrono::days>(std::chrono::sys_time<std::chrono::milliseconds>(
                std::chrono::milliseconds(host_.now_ms()))));
    auto d = parse_date(at);
    if (!d)
        invalid("at: expected a date YYYY-MM-DD, got \"" + std::string(at.substr(0, 40)) + "\"");
    return *d;
}

const Version& CatalogPlugin::version_at(const Catalog& c, const RecordView& query) const {
    if (c.versions.empty())
        throw Error(REDRESS_E_NOT_FOUND,
                    "the catalog is empty: [plugin.catalog] dir names no folder of versions");
    auto day = day_of(query);
    const Version* v = c.at(day);
    if (!v)
        throw Error(REDRESS_E_NOT_FOUND, "no catalog version is in force on " + format_date(day));
    return *v;
}

void CatalogPlugin::write_entry(RecordWriter w, const Version& v, const Entry& e) const {
    w.set(f::id, e.id);
    w.set(f::status, to_string(e.status));
    write_translations(w.add_record(f::title), e.title);
    write_translations(w.add_record(f::description), e.description);
    RecordWriter words = w.add_record(f::wording);
    for (const auto& lang : options_.languages)
        words.set(lang, wording(v, e, lang));
    if (e.fee_minor) {
        w.set(f::fee_minor, *e.fee_minor);
        w.set(f::currency, v.currency);
    }
    if (e.lead_time_days)
        w.set(f::lead_time_days, static_cast<std::int64_t>(*e.lead_time_days));
    for (const auto& id : e.alternatives) {
        RecordWriter alt = w.add_record(f::alternatives);
        alt.set(f::id, id);
        if (const Entry* other = v.find(id))
            write_translations(alt.add_record(f::title), other->title);
    }
    append_all(w, f::departments, e.departments);
    append_all(w, f::product_lines, e.product_lines);
    append_all(w, f::customer_tiers, e.customer_tiers);
}

void CatalogPlugin::answer_lookup(const Catalog& c, const RecordView& query,
                                  RecordWriter& answer) const {
    std::string_view text = query.string(q::q);
    if (text.empty())
        invalid("q: missing (the words to look up, Chinese or English)");
    if (text.size() > max_query_bytes)
        invalid("q: longer than " + std::to_string(max_query_bytes) + " bytes");
    std::int64_t limit = query.integer(q::limit, static_cast<std::int64_t>(limit_));
    if (limit < 1 || limit > max_limit)
        invalid("limit: expected 1 to 50, got " + std::to_string(limit));
    const Version& v = version_at(c, query);
    Scope scope{query.string(q::department), query.string(q::product_line),
                query.string(q::customer_tier), query.boolean(q::strict_scope)};
    auto matches = search(v, text, scope, min_score_, static_cast<std::size_t>(limit));
    answer.set(a::version, v.name);
    if (!matches.empty())
        answer.set(a::verdict, to_string(matches.front().entry->status));
    for (const auto& m : matches) {
        RecordWriter w = answer.add_record(a::matches);
        write_entry(w, v, *m.entry);
        w.set(f::score, static_cast<double>(static_cast<int>(m.score * 1000 + 0.5)) / 1000);
    }
}

void CatalogPlugin::answer_entry(const Catalog& c, const RecordView& query,
                                 RecordWriter& answer) const {
    std::string_view id = query.string(q::id);
    if (id.empty())
        invalid("id: missing");
    const Version* named = nullptr;
    if (std::string_view name = query.string(q::version); !name.empty()) {
        named = c.find(name);
        if (!named)
            throw Error(REDRESS_E_NOT_FOUND,
                        "no catalog version \"" + std::string(name.substr(0, 64)) + "\"");
    }
    const Version& v = named ? *named : version_at(c, query);
    const Entry* e = v.find(id);
    if (!e)
        throw Error(REDRESS_E_NOT_FOUND, "no entry \"" + std::string(id.substr(0, 64)) +
                                             "\" in catalog version " + v.name);
    answer.set(a::version, v.name);
    write_entry(answer.add_record(a::entry), v, *e);
}

void CatalogPlugin::answer_list(const Catalog& c, const RecordView& query,
                                RecordWriter& answer) const {
    std::optional<Status> status;
    if (std::string_view s = query.string(q::status); !s.empty()) {
        status = parse_status(s);
        if (!status)
            invalid("status: expected provided, not_provided or arrangeable, got \"" +
                    std::string(s.substr(0, 40)) + "\"");
    }
    const Version& v = version_at(c, query);
    answer.set(a::version, v.name);
    for (const auto& e : v.entries)
        if ((!status || e.status == *status) &&
            e.in_scope(query.string(q::department), query.string(q::product_line),
                       query.string(q::customer_tier), query.boolean(q::strict_scope)))
            write_entry(answer.add_record(a::entries), v, e);
}

void CatalogPlugin::answer_versions(const Catalog& c, const RecordView& query,
                                    RecordWriter& answer) const {
    auto day = day_of(query);
    for (const auto& v : c.versions) {
        RecordWriter w = answer.add_record(a::versions);
        w.set("name", v.name);
        w.set("effective_from", format_date(v.effective_from));
        if (v.effective_until)
            w.set("effective_until", format_date(*v.effective_until));
        if (v.until_implied)
            w.set("until_implied", true);
        w.set("entry_count", static_cast<std::int64_t>(v.entries.size()));
        w.set("currency", v.currency);
        w.set("file", std::filesystem::path(v.file).filename().string()); // not the server's paths
        w.set("in_force", v.in_force(day));
    }
}

void CatalogPlugin::answer_diff(const Catalog& c, const RecordView& query,
                                RecordWriter& answer) const {
    auto version = [&](std::string_view key) -> const Version& {
        std::string_view name = query.string(key);
        if (name.empty())
            invalid(std::string(key) + ": missing (a version name)");
        const Version* v = c.find(name);
        if (!v)
            throw Error(REDRESS_E_NOT_FOUND,
                        "no catalog version \"" + std::string(name.substr(0, 64)) + "\"");
        return *v;
    };
    const Version& from = version(q::from);
    const Version& to = version(q::to);
    answer.set(a::version, to.name);
    answer.set("from", from.name);
    answer.set("to", to.name);
    for (const auto& e : to.entries) {
        const Entry* old = from.find(e.id);
        if (!old) {
            write_entry(answer.add_record(a::added), to, e);
            continue;
        }
        auto fields = changed_fields(*old, e);
        if (fields.empty())
            continue;
        RecordWriter w = answer.add_record(a::changed);
        w.set(f::id, e.id);
        append_all(w, "fields", fields);
        write_entry(w.add_record("before"), from, *old);
        write_entry(w.add_record("after"), to, e);
    }
    for (const auto& e : from.entries)
        if (!to.find(e.id))
            write_entry(answer.add_record(a::removed), from, e);
}

} // namespace redress::catalog_plugin
