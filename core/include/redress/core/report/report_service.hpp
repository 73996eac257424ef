// Reports as the API, the CLI and the schedules offer them: a request filled
// in with the report's defaults, a reporter chosen by format, and the output
// written to a temporary file and renamed into place, so a failure is a clean
// error and never half a report.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <redress/core/plugin/plugin_host.hpp>
#include <redress/core/report/report_request.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <string>
#include <vector>

namespace redress::core::report {

class ReportService {
public:
    //! plugins may be null (no reporters: every format is unknown).
    ReportService(ComplaintService& complaints, const PluginHost* plugins);

    //! The formats of the loaded reporter plugins, in load order.
    std::vector<std::string> formats() const;
    //! The reporter for format; throws ReportError("format") naming the formats.
    std::shared_ptr<PluginInstance> reporter(std::string_view format) const;
    //! The MIME type a format's reporter declares.
    std::string content_type(std::string_view format) const;

    //! The request for report name with what was not given filled in: the
    //! report's default range for today in the company's time zone, its
    //! granularity. Throws ReportError for an unknown report.
    ReportRequest request(const std::string& name, std::optional<std::chrono::year_month_day> from,
                          std::optional<std::chrono::year_month_day> to,
                          std::optional<Granularity> granularity) const;

    //! Renders request as format into the file out (through out + ".partial",
    //! renamed when complete; removed on failure). Throws ReportError,
    //! StoreError, PluginCallError, std::runtime_error for a file error.
    void write_file(const ReportRequest& request, std::string_view format,
                    const std::filesystem::path& out) const;

    //! Today's date in the company's time zone.
    std::chrono::year_month_day today() const;

private:
    ComplaintService& complaints_;
    const PluginHost* plugins_;
};

} // namespace redress::core::report
