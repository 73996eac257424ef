// The progress of `redress import` on stderr: a bar redrawn in place when
// stderr is a terminal, otherwise a plain line every few seconds (so logs of
// a long import in CI or cron show it is moving without filling up).
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>

namespace redress::cli {

class ImportProgress {
public:
    //! `total_bytes`: the file's size; `tty`: whether `err` is a terminal.
    ImportProgress(std::ostream& err, std::uint64_t total_bytes, bool tty);

    //! Bytes of the file handled and data rows seen so far.
    void update(std::uint64_t bytes_done, std::int64_t rows);
    //! Draws the last state and ends the bar's line.
    void finish(std::uint64_t bytes_done, std::int64_t rows);

    //! Rows per second since the start.
    double rate(std::int64_t rows) const;

private:
    void draw(std::uint64_t bytes_done, std::int64_t rows);

    std::ostream& err_;
    std::uint64_t total_;
    bool tty_;
    std::chrono::steady_clock::time_point start_, last_;
    bool drawn_ = false;
};

} // namespace redress::cli
