// Scheduled reports ([[report]] in the config): every minute, each schedule's
// latest due run — "monday 08:00" last passed, say — is written to its folder
// unless its file is already there. So a daemon that was down at 08:00
// catches up when it starts, a restart never writes a report twice, and a
// failed run is tried again on the next pass. File names say what is inside:
// <report>_<from>_<to>[_<departments>].<format>.
//
// With leases (several hosts on one database) a pass runs only under the
// lease "report-schedule" (PollLeases): one host at a time checks and writes,
// and a host that does not get it skips the pass. So with the report folders
// on storage all hosts share, each report is written once.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <redress/core/report/report_service.hpp>
#include <redress/core/store/poll_lease.hpp>
#include <thread>
#include <vector>

namespace Poco {
class Logger;
}

namespace redress::core::report {

class ReportScheduler {
public:
    //! Starts the background thread (interval: between passes). leases: where
    //! the pass's lease comes from; null: every pass runs (a single host).
    ReportScheduler(ReportService& reports, ComplaintService& complaints, Poco::Logger& logger,
                    std::chrono::seconds interval = std::chrono::seconds(60),
                    PollLeases* leases = nullptr);
    ~ReportScheduler();
    ReportScheduler(const ReportScheduler&) = delete;
    ReportScheduler& operator=(const ReportScheduler&) = delete;

    //! One pass at now_ms over the config's schedules; returns the files written.
    //! Failures are logged and left for the next pass.
    std::vector<std::filesystem::path> run_due(std::int64_t now_ms);

    //! The file a schedule writes for the run due at or before now_ms (local
    //! date and time of the company's zone), or nullopt if none is due yet.
    static std::optional<std::pair<ReportRequest, std::filesystem::path>>
    due(const ReportSchedule& schedule, const std::string& timezone, std::int64_t now_ms);

private:
    void loop();

    ReportService& reports_;
    ComplaintService& complaints_;
    Poco::Logger& logger_;
    std::chrono::seconds interval_;
    std::unique_ptr<PollLease> lease_; // null: no other host to take turns with
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

} // namespace redress::core::report
