// The catalog as read from its files: versions of the service agreement,
// each a list of entries, each provided / not provided / arrangeable.
// Immutable once loaded; a reload builds a new Catalog and swaps it in.
#pragma once

#include "text_terms.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::catalog_plugin {

enum class Status { Provided, NotProvided, Arrangeable };
std::string_view to_string(Status s) noexcept;
std::optional<Status> parse_status(std::string_view s) noexcept;

//! Text per language ("zh", "en", …).
using Translations = std::map<std::string, std::string>;

struct Entry {
    std::string id;
    Status status = Status::Provided;
    Translations title, description;
    std::map<std::string, std::vector<std::string>> keywords;            //!< per language
    std::optional<std::int64_t> fee_minor;                               //!< arrangeable only
    std::optional<int> lead_time_days;                                   //!< arrangeable only
    std::vector<std::string> alternatives;                               //!< entry ids
    std::vector<std::string> departments, product_lines, customer_tiers; //!< empty: all
    int line = 0; //!< where the entry starts in its file

    // The search terms (text_terms.hpp), computed once at load: each keyword's
    // and each title's own, the titles' together, and everything searchable.
    std::vector<Terms> keyword_terms;
    Terms title_terms, all_terms;

    //! True when the entry applies to this scope. An empty value matches every
    //! entry, unless strict: then only entries without a list for it.
    bool in_scope(std::string_view department, std::string_view product_line,
                  std::string_view customer_tier, bool strict = false) const;
};

struct Version {
    std::string name;
    std::chrono::year_month_day effective_from{};
    std::optional<std::chrono::year_month_day> effective_until; //!< last day in force
    //! effective_until was not given: the day before the next version starts.
    bool until_implied = false;
    std::string currency;
    std::string file;
    std::vector<Entry> entries;

    const Entry* find(std::string_view id) const;
    bool in_force(std::chrono::year_month_day day) const;
};

//! Every version, oldest first; validity periods never overlap.
struct Catalog {
    std::vector<Version> versions;

    const Version* at(std::chrono::year_month_day day) const;
    const Version* find(std::string_view name) const;
};

//! "YYYY-MM-DD".
std::string format_date(std::chrono::year_month_day d);
std::optional<std::chrono::year_month_day> parse_date(std::string_view s);

} // namespace redress::catalog_plugin
