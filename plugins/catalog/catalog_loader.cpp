#include "catalog_loader.hpp"

#include <algorithm>
#include <redress/money.hpp>
#include <set>
#include <toml++/toml.h>

namespace redress::catalog_plugin {
namespace {

constexpr std::int64_t max_fee_minor = 1'000'000'000'000; // the host's largest amount
constexpr std::int64_t max_lead_time_days = 3650;

std::string join_lines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines)
        out += (out.empty() ? "" : "\n") + l;
    return out;
}

bool valid_id(std::string_view id) {
    return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    });
}

std::string type_name(const toml::node& n) {
    switch (n.type()) {
    case toml::node_type::string:
        return "a string";
    case toml::node_type::integer:
        return "an integer";
    case toml::node_type::floating_point:
        return "a number";
    case toml::node_type::boolean:
        return "a boolean";
    case toml::node_type::date:
        return "a date";
    case toml::node_type::time:
        return "a time";
    case toml::node_type::date_time:
        return "a date-time";
    case toml::node_type::array:
        return "an array";
    case toml::node_type::table:
        return "a table";
    default:
        return "nothing";
    }
}

// Reads one file into a Version, reporting problems with file:line.
class FileReader {
public:
    FileReader(std::string file, const LoadOptions& options, std::vector<std::string>& problems)
        : file_(std::move(file))
        , options_(options)
        , problems_(problems) {}

    std::optional<Version> read(const toml::table& doc) {
        Version v;
        v.file = file_;
        std::size_t before = problems_.size();
        known(doc, {"version", "effective_from", "effective_until", "currency", "entry"}, "");
        if (auto s = string(doc, "version", "", true))
            v.name = *s;
        auto from = date(doc, "effective_from", true);
        if (from)
            v.effective_from = *from;
        v.effective_until = date(doc, "effective_until", false);
        if (from && v.effective_until &&
            std::chrono::sys_days(*v.effective_until) < std::chrono::sys_days(v.effective_from))
            problem(*doc.get("effective_until"),
                    "effective_until " + format_date(*v.effective_until) +
                        " is before effective_from " + format_date(v.effective_from));
        v.currency = string(doc, "currency", "", false).value_or(options_.currency);
        if (!money::supported_currency(v.currency))
            problem(doc.get("currency") ? *doc.get("currency")
                                        : static_cast<const toml::node&>(doc),
                    "currency: expected an ISO 4217 code with two decimal places such as "
                    "\"CNY\", found \"" +
                        v.currency + "\"");
        const toml::node* entries = doc.get("entry");
        if (!entries) {
            problem(doc, "no [[entry]]: a version lists at least one entry");
        } else if (!entries->is_array_of_tables()) {
            problem(*entries, "entry: expected an array of tables ([[entry]])");
        } else {
            for (const toml::node& n : *entries->as_array())
                if (auto e = entry(*n.as_table()))
                    v.entries.push_back(std::move(*e));
        }
        check_references(v);
        if (problems_.size() > before)
            return std::nullopt;
        return v;
    }

    void problem(const toml::node& n, const std::string& what) {
        problems_.push_back(file_ + ":" + std::to_string(n.source().begin.line) + ": " + what);
    }

private:
    void known(const toml::table& t, std::initializer_list<std::string_view> keys,
               const std::string& prefix) {
        for (const auto& [k, n] : t)
            if (std::find(keys.begin(), keys.end(), k.str()) == keys.end()) {
                std::string list;
                for (auto key : keys)
                    list += (list.empty() ? "" : ", ") + std::string(key);
                problem(n, prefix + std::string(k.str()) +
                               ": unknown key (expected one of: " + list + ")");
            }
    }

    std::optional<std::string> string(const toml::table& t, std::string_view key,
                                      const std::string& prefix, bool required) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required)
                problem(t, prefix + std::string(key) + ": missing");
            return std::nullopt;
        }
        if (!n->is_string()) {
            problem(*n, prefix + std::string(key) + ": expected a string, found " + type_name(*n));
            return std::nullopt;
        }
        std::string s = n->as_string()->get();
        if (s.empty() && required) {
            problem(*n, prefix + std::string(key) + ": must not be empty");
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::chrono::year_month_day> date(const toml::table& t, std::string_view key,
                                                    bool required) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required)
                problem(t, std::string(key) + ": missing");
            return std::nullopt;
        }
        if (!n->is_date()) {
            problem(*n, std::string(key) + ": expected a date such as 2026-01-01, found " +
                            type_name(*n));
            return std::nullopt;
        }
        toml::date d = n->as_date()->get();
        return std::chrono::year_month_day{std::chrono::year(d.year), std::chrono::month(d.month),
                                           std::chrono::day(d.day)};
    }

    std::optional<std::int64_t> count(const toml::table& t, std::string_view key,
                                      const std::string& prefix) {
        const toml::node* n = t.get(key);
        if (!n)
            return std::nullopt;
        if (!n->is_integer() || n->as_integer()->get() < 0) {
            problem(*n, prefix + std::string(key) + ": expected an integer >= 0");
            return std::nullopt;
        }
        return n->as_integer()->get();
    }

    std::vector<std::string> strings(const toml::table& t, std::string_view key,
                                     const std::string& prefix) {
        std::vector<std::string> out;
        const toml::node* n = t.get(key);
        if (!n)
            return out;
        const toml::array* a = n->as_array();
        if (!a) {
            problem(*n, prefix + std::string(key) + ": expected an array of strings");
            return out;
        }
        for (const toml::node& el : *a) {
            if (!el.is_string() || el.as_string()->get().empty())
                problem(el, prefix + std::string(key) + ": expected non-empty strings, found " +
                                type_name(el));
            else
                out.push_back(el.as_string()->get());
        }
        return out;
    }

    // A table of language → text, with every configured language.
    Translations translations(const toml::table& t, std::string_view key,
                              const std::string& prefix) {
        Translations out;
        const toml::node* n = t.get(key);
        if (!n) {
            problem(t, prefix + std::string(key) + ": missing (a table of " + languages() + ")");
            return out;
        }
        const toml::table* tt = n->as_table();
        if (!tt) {
            problem(*n, prefix + std::string(key) + ": expected a table of " + languages() +
                            ", found " + type_name(*n));
            return out;
        }
        for (const auto& [lang, text] : *tt) {
            if (!text.is_string() || text.as_string()->get().empty())
                problem(text, prefix + std::string(key) + "." + std::string(lang.str()) +
                                  ": expected a non-empty string");
            else
                out[std::string(lang.str())] = text.as_string()->get();
        }
        for (const auto& lang : options_.languages)
            if (!tt->get(lang))
                problem(*n, prefix + std::string(key) + ": missing translation \"" + lang + "\"");
        return out;
    }

    std::string languages() const {
        std::string out;
        for (const auto& l : options_.languages)
            out += (out.empty() ? "" : ", ") + l;
        return out;
    }

    std::optional<Entry> entry(const toml::table& t) {
        Entry e;
        e.line = static_cast<int>(t.source().begin.line);
        std::size_t before = problems_.size();
        std::string prefix = "entry ";
        if (auto id = string(t, "id", "entry.", true)) {
            e.id = *id;
            ids_.emplace_back(e.id, e.line);
            if (!valid_id(e.id))
                problem(*t.get("id"), "entry.id: \"" + e.id +
                                          "\" is not an id (a-z, 0-9, '-' and '_', 1-64 bytes)");
        }
        prefix = "entry \"" + e.id + "\": ";
        known(t,
              {"id", "status", "title", "description", "keywords", "fee_minor", "lead_time_days",
               "alternatives", "departments", "product_lines", "customer_tiers"},
              prefix);
        if (auto s = string(t, "status", prefix, true)) {
            if (auto st = parse_status(*s))
                e.status = *st;
            else
                problem(*t.get("status"), prefix +
                                              "status: expected \"provided\", "
                                              "\"not_provided\" or \"arrangeable\", found \"" +
                                              *s + "\"");
        }
        e.title = translations(t, "title", prefix);
        e.description = translations(t, "description", prefix);
        if (const toml::node* k = t.get("keywords")) {
            if (const toml::table* kt = k->as_table()) {
                for (const auto& [lang, _] : *kt)
                    e.keywords[std::string(lang.str())] =
                        strings(*kt, lang.str(), prefix + "keywords.");
                for (const auto& lang : options_.languages)
                    if (!kt->get(lang))
                        problem(*k, prefix + "keywords: missing translation \"" + lang + "\"");
            } else {
                problem(*k, prefix + "keywords: expected a table of " + languages() +
                                " (each an array of strings)");
            }
        }
        e.fee_minor = count(t, "fee_minor", prefix);
        if (e.fee_minor && *e.fee_minor > max_fee_minor) {
            problem(*t.get("fee_minor"), prefix + "fee_minor: more than " +
                                             std::to_string(max_fee_minor) + " (minor units)");
            e.fee_minor.reset();
        }
        if (auto d = count(t, "lead_time_days", prefix)) {
            if (*d > max_lead_time_days)
                problem(*t.get("lead_time_days"), prefix + "lead_time_days: more than " +
                                                      std::to_string(max_lead_time_days) +
                                                      " working days");
            else
                e.lead_time_days = static_cast<int>(*d);
        }
        if (e.status == Status::Arrangeable) {
            if (!t.get("fee_minor"))
                problem(t, prefix + "fee_minor: missing (an arrangeable entry names its fee)");
            if (!t.get("lead_time_days"))
                problem(t,
                        prefix +
                            "lead_time_days: missing (an arrangeable entry names its lead time)");
        } else {
            for (const char* key : {"fee_minor", "lead_time_days"})
                if (const toml::node* n = t.get(key))
                    problem(*n, prefix + key + ": only an arrangeable entry has one (this one is " +
                                    std::string(to_string(e.status)) + ")");
        }
        e.alternatives = strings(t, "alternatives", prefix);
        e.departments = strings(t, "departments", prefix);
        e.product_lines = strings(t, "product_lines", prefix);
        e.customer_tiers = strings(t, "customer_tiers", prefix);
        if (problems_.size() > before)
            return std::nullopt;
        index(e);
        return e;
    }

    static void index(Entry& e) {
        for (const auto& [lang, words] : e.keywords)
            for (const auto& w : words) {
                e.keyword_terms.push_back(terms_of(w));
                e.all_terms.insert(e.keyword_terms.back().begin(), e.keyword_terms.back().end());
            }
        // A title counts as one more keyword: an ask that repeats it names the entry.
        for (const auto& [lang, text] : e.title) {
            Terms t = terms_of(text);
            e.title_terms.insert(t.begin(), t.end());
            e.keyword_terms.push_back(std::move(t));
        }
        e.all_terms.insert(e.title_terms.begin(), e.title_terms.end());
        for (const auto& [lang, text] : e.description) {
            Terms t = terms_of(text);
            e.all_terms.insert(t.begin(), t.end());
        }
    }

    // Ids are unique; alternatives name entries of the same version. Every
    // entry with an id counts, also one dropped for a problem of its own (so
    // its problem is not reported again as "unknown id" where it is named).
    void check_references(const Version& v) {
        std::set<std::string> ids;
        for (const auto& [id, line] : ids_)
            if (!ids.insert(id).second)
                problems_.push_back(file_ + ":" + std::to_string(line) + ": entry \"" + id +
                                    "\": duplicate id (an earlier entry has it)");
        for (const auto& e : v.entries)
            for (const auto& alt : e.alternatives) {
                if (alt == e.id)
                    problems_.push_back(file_ + ":" + std::to_string(e.line) + ": entry \"" + e.id +
                                        "\": alternatives: names the entry itself");
                else if (!ids.count(alt))
                    problems_.push_back(file_ + ":" + std::to_string(e.line) + ": entry \"" + e.id +
                                        "\": alternatives: unknown entry id \"" + alt + "\"");
            }
    }

    std::string file_;
    const LoadOptions& options_;
    std::vector<std::string>& problems_;
    std::vector<std::pair<std::string, int>> ids_; // every entry's id and line
};

// Validity periods must not overlap, so a date has at most one version in
// force. An open-ended version ends the day before the next one starts.
void check_periods(std::vector<Version>& versions, std::vector<std::string>& problems) {
    using std::chrono::sys_days;
    std::sort(versions.begin(), versions.end(), [](const Version& a, const Version& b) {
        return sys_days(a.effective_from) < sys_days(b.effective_from);
    });
    std::set<std::string> names;
    for (const auto& v : versions)
        if (!names.insert(v.name).second)
            problems.push_back(v.file + ": version \"" + v.name +
                               "\": another file has the same version name");
    for (std::size_t i = 0; i + 1 < versions.size(); ++i) {
        Version& a = versions[i];
        const Version& b = versions[i + 1];
        if (!a.effective_until && sys_days(a.effective_from) < sys_days(b.effective_from)) {
            a.effective_until =
                std::chrono::year_month_day(sys_days(b.effective_from) - std::chrono::days(1));
            a.until_implied = true;
            continue;
        }
        if (!a.effective_until || sys_days(*a.effective_until) >= sys_days(b.effective_from))
            problems.push_back(
                b.file + ": version \"" + b.name + "\" (from " + format_date(b.effective_from) +
                ") overlaps version \"" + a.name + "\" of " + a.file + " (" +
                format_date(a.effective_from) + " to " +
                (a.effective_until ? format_date(*a.effective_until) : "open-ended") +
                "); a date must have one version in force: end the earlier one before " +
                format_date(b.effective_from) + " or start the later one after it");
    }
}

} // namespace

CatalogErrors::CatalogErrors(std::vector<std::string> problems)
    : std::runtime_error(join_lines(problems))
    , problems_(std::move(problems)) {}

Catalog load_catalog(const std::filesystem::path& dir, const LoadOptions& options) {
    std::vector<std::string> problems;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw CatalogErrors({dir.string() + ": not a folder (the catalog's `dir`)"});
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dir, ec))
        if (f.is_regular_file() && f.path().extension() == ".toml")
            files.push_back(f.path());
    if (ec)
        throw CatalogErrors({dir.string() + ": " + ec.message()});
    if (files.empty())
        throw CatalogErrors({dir.string() + ": no *.toml files (one per catalog version)"});
    std::sort(files.begin(), files.end());
    Catalog c;
    for (const auto& f : files) {
        toml::table doc;
        try {
            doc = toml::parse_file(f.string());
        } catch (const toml::parse_error& e) {
            problems.push_back(f.string() + ":" + std::to_string(e.source().begin.line) + ":" +
                               std::to_string(e.source().begin.column) + ": " +
                               std::string(e.description()));
            continue;
        }
        FileReader reader(f.string(), options, problems);
        if (auto v = reader.read(doc))
            c.versions.push_back(std::move(*v));
    }
    check_periods(c.versions, problems); // among the versions that read well
    if (!problems.empty())
        throw CatalogErrors(std::move(problems));
    return c;
}

} // namespace redress::catalog_plugin
