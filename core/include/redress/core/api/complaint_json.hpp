// The API's JSON shape of complaints and events. Times are ISO 8601 UTC with
// milliseconds ("2026-11-23T09:00:00.000Z"); money is {amount_minor, currency}.
#pragma once

#include <Poco/JSON/Object.h>
#include <cstdint>
#include <redress/core/api/json_input.hpp>
#include <redress/core/config/config.hpp>
#include <redress/core/model/complaint.hpp>
#include <string>
#include <vector>

namespace redress::core::api {

std::string iso_time(std::int64_t ms);
//! Parses ISO 8601 ("2026-11-01", "2026-11-01T08:00:00Z", with offsets) to UTC ms; nullopt if
//! malformed.
std::optional<std::int64_t> parse_iso_time(const std::string& s);

Poco::JSON::Object::Ptr complaint_json(const Complaint& c);
//! A business duration as the config writes it: "4h", "3d", "1d4h30m".
std::string duration_text(const BusinessDuration& d);
Poco::JSON::Object::Ptr event_json(const Event& e);

//! The registration form from a POST /complaints body (strict: unknown fields
//! and wrong types are 422 naming the field).
Complaint complaint_from_json(JsonReader& body);

} // namespace redress::core::api
