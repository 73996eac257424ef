// The [plugin.web] section: its schema (every key has a default, so the
// plugin loads with no section at all) and the checked values.
#pragma once

#include <cstdint>
#include <redress/config.hpp>
#include <vector>

namespace redress::web {

struct WebConfig {
    //! Largest request body accepted, bytes; larger bodies get 413.
    std::int64_t max_body = 32 * 1024;
    //! Submissions per client address per minute (also the burst); 0: no limit.
    std::int64_t rate_per_minute = 10;

    //! The keys as the host validates them, with their defaults.
    static std::vector<ConfigKey> schema();
    //! Reads a section the host has validated against schema(); throws
    //! Error(REDRESS_E_INVALID) naming the key when a value is out of range.
    static WebConfig from(const ConfigView& section);
};

} // namespace redress::web
