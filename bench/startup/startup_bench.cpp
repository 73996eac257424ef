// bench_startup: how long a server takes from exec to answering GET /health
// with 200, and how much memory it holds once up.
//
//   bench_startup --port P [--runs N] [--settle-ms MS] [--log FILE] -- PROGRAM ARGS...
//
// Each run forks, execs PROGRAM (stdout and stderr to --log, default
// /dev/null), then connects to 127.0.0.1:P every 0.5 ms and sends
// "GET /health" until one answers 200; that moment minus the fork is the run's
// start-up time. The server is then stopped with SIGTERM and reaped. One
// uncounted run first (it creates the database and warms the page cache).
// After the last run's 200, it waits --settle-ms (default 1000) and reads
// VmRSS, VmHWM and Threads from /proc/PID/status before stopping the server.
// Prints one JSON line: median/min/max ms, the last /health body, the memory.
// Exit status: 0, 1 if the server exited or did not answer within 30 s, 2 on
// a usage error.
#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <netinet/in.h>
#include <optional>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    int port = 0;
    int runs = 10;
    int settle_ms = 1000;
    std::string log = "/dev/null";
    std::vector<std::string> command;
};

struct Health {
    int status = 0;
    std::string body;
};

// One GET /health on a fresh connection; nullopt when nothing listens yet.
std::optional<Health> get_health(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return std::nullopt;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return std::nullopt;
    }
    static constexpr char request[] =
        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if (::send(fd, request, sizeof request - 1, MSG_NOSIGNAL) != sizeof request - 1) {
        ::close(fd);
        return std::nullopt;
    }
    std::string response;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        response.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    Health h;
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12)
        return std::nullopt;
    h.status = std::atoi(response.c_str() + 9);
    auto end_of_headers = response.find("\r\n\r\n");
    if (end_of_headers != std::string::npos)
        h.body = response.substr(end_of_headers + 4);
    return h;
}

pid_t spawn(const Options& o) {
    pid_t pid = ::fork();
    if (pid < 0) {
        std::perror("bench_startup: fork");
        std::exit(1);
    }
    if (pid == 0) {
        int fd = ::open(o.log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (fd >= 0) {
            ::dup2(fd, STDOUT_FILENO);
            ::dup2(fd, STDERR_FILENO);
        }
        std::vector<char*> argv;
        for (const auto& a : o.command)
            argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        std::perror("bench_startup: exec");
        ::_exit(127);
    }
    return pid;
}

void stop(pid_t pid) {
    ::kill(pid, SIGTERM);
    int status = 0;
    ::waitpid(pid, &status, 0);
}

// Milliseconds from exec to the first 200, or nullopt (server gone or too slow).
std::optional<double> time_start(const Options& o, pid_t& pid, Health& last) {
    auto t0 = Clock::now();
    pid = spawn(o);
    auto deadline = t0 + std::chrono::seconds(30);
    while (Clock::now() < deadline) {
        if (auto h = get_health(o.port); h && h->status == 200) {
            last = *h;
            return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        }
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            pid = 0;
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    return std::nullopt;
}

long status_kib(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key + ":", 0) == 0)
            return std::strtol(line.c_str() + key.size() + 1, nullptr, 10);
    return -1;
}

std::string json_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (static_cast<unsigned char>(c) >= 0x20)
            out += c;
    }
    return out;
}

int usage(const std::string& why) {
    std::cerr << "bench_startup: " << why
              << "\nusage: bench_startup --port P [--runs N] [--settle-ms MS] [--log FILE] -- "
                 "PROGRAM ARGS...\n";
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    int i = 1;
    for (; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--") {
            ++i;
            break;
        }
        if (i + 1 >= argc)
            return usage("missing value after " + a);
        std::string v = argv[++i];
        if (a == "--port")
            o.port = std::atoi(v.c_str());
        else if (a == "--runs")
            o.runs = std::atoi(v.c_str());
        else if (a == "--settle-ms")
            o.settle_ms = std::atoi(v.c_str());
        else if (a == "--log")
            o.log = v;
        else
            return usage("unknown option " + a);
    }
    for (; i < argc; ++i)
        o.command.emplace_back(argv[i]);
    if (o.port <= 0 || o.port > 65535 || o.runs < 1 || o.command.empty())
        return usage("--port 1..65535, --runs >= 1 and a command after -- are required");
    if (get_health(o.port))
        return usage("something already answers on port " + std::to_string(o.port));

    std::vector<double> times;
    Health last;
    long rss = -1, hwm = -1, threads = -1;
    for (int run = 0; run <= o.runs; ++run) { // run 0 is the uncounted warm-up
        pid_t pid = 0;
        auto ms = time_start(o, pid, last);
        if (!ms) {
            if (pid > 0)
                stop(pid);
            std::cerr << "bench_startup: the server did not answer GET /health with 200 (see "
                      << o.log << ")\n";
            return 1;
        }
        if (run > 0)
            times.push_back(*ms);
        if (run == o.runs) {
            std::this_thread::sleep_for(std::chrono::milliseconds(o.settle_ms));
            rss = status_kib(pid, "VmRSS");
            hwm = status_kib(pid, "VmHWM");
            threads = status_kib(pid, "Threads");
        }
        stop(pid);
        // The next run binds the same port: wait until nothing answers there.
        for (int k = 0; k < 2000 && get_health(o.port); ++k)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::sort(times.begin(), times.end());
    auto n = times.size();
    double median = n % 2 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    std::printf("{\"runs\":%zu,\"median_ms\":%.1f,\"min_ms\":%.1f,\"max_ms\":%.1f,\"rss_kib\":%ld,"
                "\"hwm_kib\":%ld,\"threads\":%ld,\"health\":\"%s\"}\n",
                n, median, times.front(), times.back(), rss, hwm, threads,
                json_escape(last.body).c_str());
    return 0;
}
