// redress/catalog.hpp — what a CommitmentCatalog reads and writes.
//
// The handbook (seeds/003) wants a service agreement to say plainly "we
// provide A, B, C; we do not provide X, Y, Z; we can arrange X, Y, Z for a
// fee". A catalog answers, for a date, from the version of the agreement in
// force then. The host sends a query record whose `op` says what is asked;
// every answer carries the version it came from.
//
//   op        query fields                              answer fields
//   lookup    q, department, product_line, customer_tier, strict_scope, at, limit
//                                                       version, verdict?, matches[]
//   entry     id, at or version                         version, entry
//   list      status, department, product_line, customer_tier, at
//                                                       version, entries[]
//   versions  at                                        versions[]
//   diff      from, to (version names)                  from, to, added[], removed[], changed[]
//   reload    —                                         versions (count)
//
// `at` is a local date "YYYY-MM-DD" (the host passes the company's today when
// the caller gives none). A version not in force at `at` answers nothing:
// REDRESS_E_NOT_FOUND. `reload` re-reads the catalog's files; a new set with
// errors is refused whole (REDRESS_E_INVALID, one "file:line: problem" per
// line) and the old one keeps answering.
#pragma once

#include <string_view>

namespace redress::catalog {

//! Query fields.
namespace query {
inline constexpr std::string_view op = "op";
inline constexpr std::string_view q = "q";   //!< free text, Chinese or English
inline constexpr std::string_view id = "id"; //!< an entry id
inline constexpr std::string_view department = "department";
inline constexpr std::string_view product_line = "product_line";
inline constexpr std::string_view customer_tier = "customer_tier";
inline constexpr std::string_view status = "status";   //!< list: only entries with this status
inline constexpr std::string_view at = "at";           //!< "YYYY-MM-DD"
inline constexpr std::string_view version = "version"; //!< entry: from this version, not `at`
inline constexpr std::string_view limit = "limit";     //!< lookup: most matches returned
//! lookup, list: true leaves out entries scoped to product lines or tiers the
//! query does not name (the host classifies asks this way: it knows neither).
inline constexpr std::string_view strict_scope = "strict_scope";
inline constexpr std::string_view from = "from"; //!< diff: the older version's name
inline constexpr std::string_view to = "to";     //!< diff: the newer version's name
} // namespace query

//! The operations (values of query::op).
namespace op {
inline constexpr std::string_view lookup = "lookup";
inline constexpr std::string_view entry = "entry";
inline constexpr std::string_view list = "list";
inline constexpr std::string_view versions = "versions";
inline constexpr std::string_view diff = "diff";
inline constexpr std::string_view reload = "reload";
} // namespace op

//! The three verdicts, as entry statuses and as a lookup's verdict.
inline constexpr std::string_view provided = "provided";
inline constexpr std::string_view not_provided = "not_provided";
inline constexpr std::string_view arrangeable = "arrangeable";

//! Answer fields.
namespace answer {
inline constexpr std::string_view version = "version"; //!< the version's name
//! lookup: the best match's status, when some entry matched well enough.
inline constexpr std::string_view verdict = "verdict";
inline constexpr std::string_view matches = "matches"; //!< entry records plus `score`, best first
inline constexpr std::string_view entry = "entry";
inline constexpr std::string_view entries = "entries";
//! versions: records with name, effective_from, effective_until (absent: open),
//! entry_count, currency, file, in_force (bool, at `at`).
inline constexpr std::string_view versions = "versions";
inline constexpr std::string_view added = "added";     //!< diff: entry records
inline constexpr std::string_view removed = "removed"; //!< diff: entry records
//! diff: records with id, fields (repeated: which fields changed), before, after.
inline constexpr std::string_view changed = "changed";
} // namespace answer

//! Fields of an entry record.
namespace entry {
inline constexpr std::string_view id = "id";
inline constexpr std::string_view status = "status";
inline constexpr std::string_view title = "title";             //!< record: language → text
inline constexpr std::string_view description = "description"; //!< record: language → text
//! record: language → what an agent reads to the customer (verdict, fee,
//! lead time, alternatives), ready to say.
inline constexpr std::string_view wording = "wording";
inline constexpr std::string_view fee_minor = "fee_minor";           //!< arrangeable only
inline constexpr std::string_view currency = "currency";             //!< with fee_minor
inline constexpr std::string_view lead_time_days = "lead_time_days"; //!< arrangeable only
//! Repeated records {id, title} to offer instead (mostly for not_provided).
inline constexpr std::string_view alternatives = "alternatives";
inline constexpr std::string_view departments = "departments"; //!< repeated; none: all
inline constexpr std::string_view product_lines = "product_lines";
inline constexpr std::string_view customer_tiers = "customer_tiers";
inline constexpr std::string_view score = "score"; //!< lookup matches: 0–1, higher is closer
} // namespace entry

} // namespace redress::catalog
