// Free-text lookup in one catalog version: the customer's ask (Chinese or
// English) against each entry's keywords, title and description.
//
// The score (0–1) weighs three things: how completely one of the entry's
// keywords appears in the ask (a keyword is the strongest signal: "上门安装"
// inside a long complaint), how much of the ask the entry explains, and how
// much of the entry's title the ask repeats. See README.md for the weights.
#pragma once

#include "catalog_model.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace redress::catalog_plugin {

struct Scope {
    std::string_view department, product_line, customer_tier; //!< empty: any
    bool strict = false; //!< empty values match only entries not scoped by them
};

struct Match {
    const Entry* entry = nullptr;
    double score = 0;
};

//! Entries in scope scoring at least min_score, best first (ties by id), at most limit.
std::vector<Match> search(const Version& v, std::string_view q, const Scope& scope,
                          double min_score, std::size_t limit);

//! The score of one entry for the ask's terms.
double score(const Entry& e, const Terms& ask);

} // namespace redress::catalog_plugin
