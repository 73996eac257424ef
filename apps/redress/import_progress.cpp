#include "import_progress.hpp"

#include <cstdio>
#include <string>

namespace redress::cli {
namespace {

using Clock = std::chrono::steady_clock;

// Redraw a terminal bar often enough to look alive; print a log line rarely.
constexpr auto tty_interval = std::chrono::milliseconds(100);
constexpr auto line_interval = std::chrono::seconds(5);

std::string with_commas(std::int64_t n) {
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return (n < 0 ? "-" : "") + out;
}

} // namespace

ImportProgress::ImportProgress(std::ostream& err, std::uint64_t total_bytes, bool tty)
    : err_(err)
    , total_(total_bytes)
    , tty_(tty)
    , start_(Clock::now())
    , last_(start_) {}

double ImportProgress::rate(std::int64_t rows) const {
    double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return seconds > 0 ? static_cast<double>(rows) / seconds : 0.0;
}

void ImportProgress::update(std::uint64_t bytes_done, std::int64_t rows) {
    auto now = Clock::now();
    if (now - last_ < (tty_ ? tty_interval : line_interval))
        return;
    last_ = now;
    draw(bytes_done, rows);
}

void ImportProgress::finish(std::uint64_t bytes_done, std::int64_t rows) {
    // A short import needs no log line; a bar that was drawn shows its end.
    if (tty_ || drawn_)
        draw(bytes_done, rows);
    if (tty_)
        err_ << '\n';
    err_.flush();
}

void ImportProgress::draw(std::uint64_t bytes_done, std::int64_t rows) {
    double fraction = total_ ? static_cast<double>(bytes_done) / static_cast<double>(total_) : 1.0;
    if (fraction > 1)
        fraction = 1;
    char percent[16];
    std::snprintf(percent, sizeof percent, "%5.1f%%", fraction * 100);
    std::string stats = std::string(percent) + "  " + with_commas(rows) + " rows  " +
                        with_commas(static_cast<std::int64_t>(rate(rows))) + " rows/s";
    if (tty_) {
        constexpr int width = 30;
        int filled = static_cast<int>(fraction * width);
        err_ << "\r\x1b[2K[" << std::string(static_cast<std::size_t>(filled), '#')
             << std::string(static_cast<std::size_t>(width - filled), '.') << "] " << stats;
    } else {
        err_ << "import: " << stats << '\n';
    }
    err_.flush();
    drawn_ = true;
}

} // namespace redress::cli
