#include "time_input.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>
#include <Poco/Timestamp.h>
#include <regex>

namespace redress::intake {

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
    // Poco's ISO 8601 parser is lenient about shape (it accepts a missing zone
    // and takes it as UTC), so the shape is checked first and Poco does the
    // calendar arithmetic.
    static const std::regex shape(
        R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$)");
    if (text.size() > 40)
        return std::nullopt;
    std::string s(text);
    if (!std::regex_match(s, shape))
        return std::nullopt;
    try {
        int tz = 0;
        Poco::DateTime dt;
        if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, s, dt, tz))
            return std::nullopt;
        // tryParse normalises some out-of-range fields instead of refusing
        // them, so the fields are compared with the text.
        if (dt.year() != std::stoi(s.substr(0, 4)) || dt.month() != std::stoi(s.substr(5, 2)) ||
            dt.day() != std::stoi(s.substr(8, 2)) || dt.hour() != std::stoi(s.substr(11, 2)) ||
            dt.minute() != std::stoi(s.substr(14, 2)) || dt.second() != std::stoi(s.substr(17, 2)))
            return std::nullopt;
        if (tz % 60 != 0 || tz < -18 * 3600 || tz > 18 * 3600)
            return std::nullopt;
        dt.makeUTC(tz);
        std::int64_t ms = dt.timestamp().epochMicroseconds() / 1000;
        if (!plausible_ms(ms))
            return std::nullopt;
        return ms;
    } catch (const Poco::Exception&) {
        return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

std::string format_iso8601(std::int64_t ms) {
    Poco::Timestamp t(static_cast<Poco::Timestamp::TimeVal>(ms) * 1000);
    return Poco::DateTimeFormatter::format(t, "%Y-%m-%dT%H:%M:%S.%iZ");
}

} // namespace redress::intake
