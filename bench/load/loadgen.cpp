// bench_loadgen: a closed-loop HTTP load generator for servers on loopback.
// Each connection is one thread with one keep-alive connection that sends its
// next request as soon as the previous response has been read in full, so the
// figures are what N clients that never pause get, not what an open stream of
// arrivals would see (closed-loop latencies hide queueing; read p99 with that
// in mind).
//
// Usage: bench_loadgen --url http://127.0.0.1:PORT/path [--method GET|POST]
//            [--body-file FILE] [--header "Name: value"]... [--unique-header NAME]
//            [--connections N] [--duration S] [--warmup S] [--timeout S] [--json]
// Exit status: 0 after a run, 1 if no request completed in the measured window,
// 2 on a usage error (a URL that is not on loopback is one).
#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/NullStream.h>
#include <Poco/NumberFormatter.h>
#include <Poco/NumberParser.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <Poco/UTF8String.h>
#include <Poco/Util/Application.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using Poco::Util::Option;

constexpr int exit_ok = 0;
constexpr int exit_no_data = 1;
constexpr int exit_usage = 2;
constexpr int max_connections = 1024;
// After a failed request, wait this long before reconnecting: a server that
// is down refuses at once, and retrying in a tight loop would burn the CPU
// the server under test needs.
constexpr auto error_backoff = std::chrono::milliseconds(10);

class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Header {
    std::string name;
    std::string value;
};

// Everything a connection needs to know, validated.
struct Plan {
    std::string url;
    std::string host;
    Poco::UInt16 port = 0;
    std::string target; // path and query, still percent-encoded
    std::string method = "GET";
    std::optional<std::string> body;
    std::vector<Header> headers;
    std::string unique_header;
    std::string unique_prefix; // "<start time us>-<pid>-": unique across runs, not only within one
    int connections = 1;
    double warmup_s = 1;
    double duration_s = 5;
    double timeout_s = 5;
    bool json = false;
};

// What one connection saw in the measured window.
struct Tally {
    std::vector<std::int64_t> latencies_ns; // one per completed request
    std::uint64_t non_2xx = 0;
    std::uint64_t errors = 0;
    std::string first_error;
};

Clock::duration seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
}

Tally run_connection(const Plan& plan, int index, Clock::time_point measure_from,
                     Clock::time_point until) {
    Tally tally;
    Poco::Net::HTTPClientSession session(plan.host, plan.port);
    session.setKeepAlive(true);
    // Bounds how long a hung server can keep the run going past its end.
    session.setTimeout(Poco::Timespan(
        std::chrono::duration_cast<std::chrono::microseconds>(seconds(plan.timeout_s)).count()));
    Poco::Net::HTTPRequest request(plan.method, plan.target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    if (plan.body) {
        request.setContentType("application/json");
        request.setContentLength64(static_cast<Poco::Int64>(plan.body->size()));
    }
    for (const auto& h : plan.headers)
        request.set(h.name, h.value); // after the defaults, so --header can override them
    const std::string unique_prefix = plan.unique_prefix + std::to_string(index) + "-";
    std::uint64_t sequence = 0;
    Poco::NullOutputStream discard;

    auto fail = [&](const std::string& why) {
        session.reset(); // the next sendRequest() reconnects
        auto now = Clock::now();
        if (now >= measure_from && now <= until) {
            ++tally.errors;
            if (tally.first_error.empty())
                tally.first_error = why;
        }
        std::this_thread::sleep_until(std::min(now + error_backoff, until));
    };

    for (auto start = Clock::now(); start < until; start = Clock::now()) {
        if (!plan.unique_header.empty())
            request.set(plan.unique_header, unique_prefix + std::to_string(sequence++));
        try {
            std::ostream& out = session.sendRequest(request);
            if (plan.body)
                out.write(plan.body->data(), static_cast<std::streamsize>(plan.body->size()));
            if (!out)
                throw Poco::Net::MessageException("request body not sent");
            Poco::Net::HTTPResponse response;
            std::istream& in = session.receiveResponse(response);
            // A response counts once it has been read in full; a body cut short
            // by the peer is a connection error, not a fast response.
            std::streamsize got = Poco::StreamCopier::copyStream(in, discard);
            if (in.bad() || (response.hasContentLength() && got != response.getContentLength64()))
                throw Poco::Net::MessageException("response body cut short");
            auto done = Clock::now();
            // Requests that complete in the window are counted, whenever they
            // started: that is the server's throughput over the window.
            if (done >= measure_from && done <= until) {
                tally.latencies_ns.push_back(
                    std::chrono::duration_cast<std::chrono::nanoseconds>(done - start).count());
                if (response.getStatus() < 200 || response.getStatus() >= 300)
                    ++tally.non_2xx;
            }
        } catch (const Poco::Exception& e) {
            fail(e.displayText());
        } catch (const std::exception& e) {
            fail(e.what());
        }
    }
    return tally;
}

struct Summary {
    std::uint64_t requests = 0;
    double requests_per_second = 0;
    // Microseconds; empty when no request completed.
    std::optional<double> p50, p90, p99, max;
    std::uint64_t non_2xx = 0;
    std::uint64_t errors = 0;
    std::string first_error;
};

Summary summarize(const Plan& plan, std::vector<Tally>& tallies) {
    Summary s;
    std::vector<std::int64_t> all;
    for (auto& t : tallies) {
        all.insert(all.end(), t.latencies_ns.begin(), t.latencies_ns.end());
        s.non_2xx += t.non_2xx;
        s.errors += t.errors;
        if (s.first_error.empty())
            s.first_error = t.first_error;
    }
    s.requests = all.size();
    s.requests_per_second = static_cast<double>(s.requests) / plan.duration_s;
    if (all.empty())
        return s;
    std::sort(all.begin(), all.end());
    // Nearest rank: the smallest latency that p% of requests did not exceed.
    auto percentile = [&](double p) {
        auto rank =
            static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(all.size())));
        return static_cast<double>(all[std::clamp<std::size_t>(rank, 1, all.size()) - 1]) / 1000.0;
    };
    s.p50 = percentile(50);
    s.p90 = percentile(90);
    s.p99 = percentile(99);
    s.max = static_cast<double>(all.back()) / 1000.0;
    return s;
}

std::string json_string(const std::string& s) {
    return "\"" + Poco::UTF8::escape(s, /*strictJSON*/ true) + "\"";
}

// Rates and microseconds to 0.1; "-" (text) or null (JSON) when absent.
std::string fixed1(std::optional<double> v, const char* absent) {
    if (!v)
        return absent;
    std::ostringstream o;
    o << std::fixed << std::setprecision(1) << *v;
    return o.str();
}

void print_json(const Plan& plan, const Summary& s) {
    // Seconds print as given (0.05 stays 0.05): the stream keeps its default format.
    std::cout << "{\"url\":" << json_string(plan.url) << ",\"method\":" << json_string(plan.method)
              << ",\"connections\":" << plan.connections << ",\"warmup_s\":" << plan.warmup_s
              << ",\"duration_s\":" << plan.duration_s << ",\"requests\":" << s.requests
              << ",\"requests_per_second\":" << fixed1(s.requests_per_second, "null")
              << ",\"latency_us\":{\"p50\":" << fixed1(s.p50, "null")
              << ",\"p90\":" << fixed1(s.p90, "null") << ",\"p99\":" << fixed1(s.p99, "null")
              << ",\"max\":" << fixed1(s.max, "null") << "}"
              << ",\"non_2xx\":" << s.non_2xx << ",\"connection_errors\":" << s.errors
              << ",\"first_error\":"
              << (s.first_error.empty() ? std::string("null") : json_string(s.first_error))
              << "}\n";
}

void print_text(const Plan& plan, const Summary& s) {
    std::cout << plan.method << " " << plan.url << ", " << plan.connections << " connection(s), "
              << plan.duration_s << " s after " << plan.warmup_s << " s warmup\n";
    std::cout << "requests      " << s.requests << "\n";
    std::cout << "duration      " << plan.duration_s << " s\n";
    std::cout << "requests/s    " << fixed1(s.requests_per_second, "-") << "\n";
    if (s.p50)
        std::cout << "latency (us)  p50 " << fixed1(s.p50, "-") << "  p90 " << fixed1(s.p90, "-")
                  << "  p99 " << fixed1(s.p99, "-") << "  max " << fixed1(s.max, "-") << "\n";
    else
        std::cout << "latency (us)  -\n";
    std::cout << "non-2xx       " << s.non_2xx << "\n";
    std::cout << "conn errors   " << s.errors;
    if (!s.first_error.empty())
        std::cout << " (first: " << s.first_error << ")";
    std::cout << "\n";
}

double parse_seconds(const std::string& name, const std::string& v, double min) {
    double s = 0;
    if (!Poco::NumberParser::tryParseFloat(v, s) || !std::isfinite(s) || s < min)
        throw UsageError("--" + name + " expects a number of seconds >= " +
                         Poco::NumberFormatter::format(min) + ", got '" + v + "'");
    return s;
}

class LoadGen : public Poco::Util::Application {
protected:
    void defineOptions(Poco::Util::OptionSet& options) override {
        Application::defineOptions(options);
        auto add = [&](const std::string& name, const std::string& arg, const std::string& text,
                       bool repeatable = false) {
            Option o(name, "", text);
            if (!arg.empty())
                o.argument(arg);
            o.repeatable(repeatable);
            o.callback(Poco::Util::OptionCallback<LoadGen>(this, &LoadGen::on_option));
            options.addOption(o);
        };
        add("url", "URL", "http://HOST:PORT/path; HOST must be 127.0.0.1, localhost or [::1]");
        add("method", "GET|POST", "request method (default GET)");
        add("body-file", "FILE", "send this file as the body, Content-Type application/json");
        add("header", "\"Name: value\"", "add this header to every request (repeatable)", true);
        add("unique-header", "NAME", "add header NAME with a value unique to each request");
        add("connections", "N", "concurrent keep-alive connections, one thread each (default 1)");
        add("duration", "S", "measured seconds (default 5)");
        add("warmup", "S", "seconds of load before measuring (default 1)");
        add("timeout", "S", "connect/send/receive timeout in seconds (default 5)");
        add("json", "", "print the result as one JSON object");
        options.addOption(
            Option("help", "h", "show this help and exit")
                .callback(Poco::Util::OptionCallback<LoadGen>(this, &LoadGen::on_help)));
    }

    int main(const std::vector<std::string>& args) override {
        if (help_) {
            Poco::Util::HelpFormatter f(options());
            f.setCommand("bench_loadgen");
            f.setUsage("--url http://127.0.0.1:PORT/path [OPTIONS]");
            f.setHeader("Closed-loop HTTP load against a loopback server; prints requests/s, "
                        "latency percentiles, non-2xx responses and connection errors.");
            f.format(std::cout);
            return exit_ok;
        }
        Plan plan;
        try {
            if (!args.empty())
                throw UsageError("unexpected argument '" + args.front() + "'");
            plan = make_plan();
        } catch (const UsageError& e) {
            std::cerr << "bench_loadgen: " << e.what() << " (see --help)\n";
            return exit_usage;
        }
        // A server that closes a connection mid-request is a counted error,
        // not a reason for the kernel to kill the load generator.
        std::signal(SIGPIPE, SIG_IGN);

        auto measure_from = Clock::now() + seconds(plan.warmup_s);
        auto until = measure_from + seconds(plan.duration_s);
        std::vector<Tally> tallies(static_cast<std::size_t>(plan.connections));
        std::vector<std::thread> threads;
        for (int i = 0; i < plan.connections; ++i)
            threads.emplace_back([&, i] {
                tallies[static_cast<std::size_t>(i)] = run_connection(plan, i, measure_from, until);
            });
        for (auto& t : threads)
            t.join();

        Summary summary = summarize(plan, tallies);
        if (plan.json)
            print_json(plan, summary);
        else
            print_text(plan, summary);
        return summary.requests > 0 ? exit_ok : exit_no_data;
    }

private:
    void on_option(const std::string& name, const std::string& value) {
        if (name == "header")
            headers_.push_back(value);
        else
            values_[name] = value;
    }
    void on_help(const std::string&, const std::string&) {
        help_ = true;
        stopOptionsProcessing();
    }

    Plan make_plan() const {
        Plan plan;
        auto value = [&](const std::string& name) -> const std::string* {
            auto it = values_.find(name);
            return it == values_.end() ? nullptr : &it->second;
        };
        const std::string* url = value("url");
        if (!url)
            throw UsageError("--url is required");
        plan.url = *url;
        Poco::URI uri;
        try {
            uri = Poco::URI(plan.url);
        } catch (const Poco::Exception& e) {
            throw UsageError("--url '" + plan.url + "' is not a URL: " + e.displayText());
        }
        if (uri.getScheme() != "http")
            throw UsageError("--url must start with http:// (https is not supported), got '" +
                             plan.url + "'");
        plan.host = uri.getHost();
        // Load is only ever sent to this machine: a typo must not turn a
        // benchmark into an attack on someone else's server.
        if (plan.host != "127.0.0.1" && plan.host != "::1" &&
            Poco::icompare(plan.host, std::string("localhost")) != 0)
            throw UsageError("refusing to send load to host '" + plan.host +
                             "': --url must name 127.0.0.1, localhost or [::1]");
        plan.port = uri.getPort();
        plan.target = uri.getPathAndQuery();
        if (plan.target.empty() || plan.target.front() != '/')
            plan.target.insert(0, "/");

        if (const auto* m = value("method")) {
            plan.method = Poco::toUpper(*m);
            if (plan.method != "GET" && plan.method != "POST")
                throw UsageError("--method must be GET or POST, got '" + *m + "'");
        }
        if (const auto* file = value("body-file")) {
            // A directory opens and reads as empty; only a regular file is a body.
            std::error_code ec;
            std::ifstream in;
            if (std::filesystem::is_regular_file(*file, ec))
                in.open(*file, std::ios::binary);
            if (!in.is_open())
                throw UsageError("--body-file '" + *file + "' is not a readable file");
            plan.body.emplace(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
            if (in.bad())
                throw UsageError("cannot read --body-file '" + *file + "'");
        }
        for (const auto& h : headers_) {
            auto colon = h.find(':');
            std::string name = colon == std::string::npos ? "" : Poco::trim(h.substr(0, colon));
            if (name.empty() || name.find_first_of(" \t") != std::string::npos)
                throw UsageError("--header expects \"Name: value\", got '" + h + "'");
            plan.headers.push_back({name, Poco::trim(h.substr(colon + 1))});
        }
        if (const auto* name = value("unique-header")) {
            if (name->empty() || name->find_first_of(" \t:") != std::string::npos)
                throw UsageError("--unique-header expects a header name, got '" + *name + "'");
            plan.unique_header = *name;
            auto now_us = std::chrono::duration_cast<std::chrono::microseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
            plan.unique_prefix =
                std::to_string(now_us) + "-" + std::to_string(Poco::Process::id()) + "-";
        }
        if (const auto* n = value("connections")) {
            if (!Poco::NumberParser::tryParse(*n, plan.connections) || plan.connections < 1 ||
                plan.connections > max_connections)
                throw UsageError("--connections expects 1.." + std::to_string(max_connections) +
                                 ", got '" + *n + "'");
        }
        if (const auto* s = value("duration"))
            plan.duration_s = parse_seconds("duration", *s, 0.001);
        if (const auto* s = value("warmup"))
            plan.warmup_s = parse_seconds("warmup", *s, 0);
        if (const auto* s = value("timeout"))
            plan.timeout_s = parse_seconds("timeout", *s, 0.001);
        plan.json = value("json") != nullptr;
        return plan;
    }

    std::map<std::string, std::string> values_;
    std::vector<std::string> headers_;
    bool help_ = false;
};

} // namespace

int main(int argc, char** argv) {
    Poco::AutoPtr<LoadGen> app = new LoadGen;
    try {
        app->init(argc, argv);
    } catch (const Poco::Exception& e) {
        // Unknown options, missing arguments: usage errors, reported plainly
        // rather than through the application logger.
        std::cerr << "bench_loadgen: " << e.displayText() << " (see --help)\n";
        return exit_usage;
    }
    return app->run();
}
