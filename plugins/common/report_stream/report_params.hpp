// The parameters of a report (redress::report::param), read once into plain
// values: what the report covers, for its heading or metadata.
#pragma once

#include <optional>
#include <redress/record.hpp>
#include <string>
#include <vector>

namespace redress::report_stream {

//! Every parameter; a scalar the host did not give is std::nullopt. Strings
//! are valid UTF-8 (bad bytes become U+FFFD).
struct ReportParams {
    std::optional<std::string> report, title, company, language, from, to, timezone, granularity,
        generated_at;
    std::vector<std::string> departments; //!< none: all departments
    std::vector<std::string> channels;    //!< none: all channels
};

//! Reads the parameters record. Throws Error naming the field when one has
//! the wrong type.
ReportParams read_params(const RecordView& params);

} // namespace redress::report_stream
