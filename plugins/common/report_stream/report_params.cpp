#include "report_stream/report_params.hpp"

#include "report_stream/utf8_text.hpp"

#include <redress/report.hpp>

namespace redress::report_stream {
namespace {

std::optional<std::string> optional_string(const RecordView& params, std::string_view key) {
    if (auto v = params.find(key); !v || v->is_null())
        return std::nullopt;
    return to_valid_utf8(params.string(key));
}

std::vector<std::string> strings(const RecordView& params, std::string_view key) {
    std::vector<std::string> out;
    for (std::string_view s : params.strings(key))
        out.push_back(to_valid_utf8(s));
    return out;
}

} // namespace

ReportParams read_params(const RecordView& params) {
    namespace p = report::param;
    ReportParams r;
    r.report = optional_string(params, p::report);
    r.title = optional_string(params, p::title);
    r.company = optional_string(params, p::company);
    r.language = optional_string(params, p::language);
    r.from = optional_string(params, p::from);
    r.to = optional_string(params, p::to);
    r.timezone = optional_string(params, p::timezone);
    r.granularity = optional_string(params, p::granularity);
    r.generated_at = optional_string(params, p::generated_at);
    r.departments = strings(params, p::departments);
    r.channels = strings(params, p::channels);
    return r;
}

} // namespace redress::report_stream
