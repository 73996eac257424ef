#include <Poco/Logger.h>
#include <redress/core/service/sla_sweeper.hpp>

namespace redress::core {

SlaSweeper::SlaSweeper(ComplaintService& service, std::chrono::milliseconds interval,
                       Poco::Logger& logger)
    : service_(service)
    , interval_(interval)
    , logger_(logger)
    , thread_([this] { run(); }) {}

SlaSweeper::~SlaSweeper() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void SlaSweeper::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            int n = service_.sweep_breaches();
            if (n > 0)
                logger_.notice("recorded %d SLA breach(es)", n);
        } catch (const std::exception& e) {
            logger_.error("SLA sweep failed (will retry): %s", std::string(e.what()));
        }
        lock.lock();
        wake_.wait_for(lock, interval_, [this] { return stopping_; });
    }
}

} // namespace redress::core
