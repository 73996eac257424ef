// Runs the SLA breach sweep in the background every interval until stopped.
// A failed sweep (storage down) is logged and tried again next time; breaches
// are recorded exactly once however many sweepers (threads or hosts) run.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <redress/core/service/complaint_service.hpp>
#include <thread>

namespace Poco {
class Logger;
}

namespace redress::core {

class SlaSweeper {
public:
    SlaSweeper(ComplaintService& service, std::chrono::milliseconds interval, Poco::Logger& logger);
    //! Stops and joins the thread; an ongoing sweep finishes first.
    ~SlaSweeper();
    SlaSweeper(const SlaSweeper&) = delete;
    SlaSweeper& operator=(const SlaSweeper&) = delete;

private:
    void run();

    ComplaintService& service_;
    std::chrono::milliseconds interval_;
    Poco::Logger& logger_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace redress::core
