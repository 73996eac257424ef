// Runs the real redressd binary for integration tests: starts it on a config,
// waits for "listening on host:port", and talks HTTP to it on loopback.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <csignal>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace redress::test {

struct HttpReply {
    int status = 0;
    std::string body;
    std::string content_type;
    std::map<std::string, std::string> headers;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
};

//! Reads the response to the request just sent on session.
inline HttpReply receive_reply(Poco::Net::HTTPClientSession& session) {
    Poco::Net::HTTPResponse resp;
    std::istream& in = session.receiveResponse(resp);
    std::stringstream s;
    s << in.rdbuf();
    HttpReply reply{static_cast<int>(resp.getStatus()), s.str(), resp.getContentType(), {}};
    for (const auto& [k, v] : resp)
        reply.headers[k] = v;
    return reply;
}

class RedressdProcess {
public:
    //! Starts redressd with args; stdout and stderr are captured.
    explicit RedressdProcess(std::vector<std::string> args)
        : handle_(Poco::Process::launch(REDRESSD_PATH, args, nullptr, &out_, &err_)) {
        err_stream_ = std::make_unique<Poco::PipeInputStream>(err_);
        out_stream_ = std::make_unique<Poco::PipeInputStream>(out_);
    }
    ~RedressdProcess() {
        if (!exit_code_ && Poco::Process::isRunning(handle_)) {
            ::kill(handle_.id(), SIGKILL);
            handle_.wait();
        }
        if (drain_.joinable())
            drain_.join();
    }

    //! Reads stderr until the "listening on" line; returns the port, or nullopt
    //! if the process ended first (its stderr is then in stderr_text()).
    std::optional<int> wait_listening() {
        static const std::regex re(R"(listening on [^:]+:(\d+))");
        std::string line;
        while (std::getline(*err_stream_, line)) {
            stderr_ += line + "\n";
            std::smatch m;
            if (std::regex_search(line, m, re)) {
                port_ = std::stoi(m[1]);
                // Keep draining stderr so the daemon never blocks on a full pipe.
                drain_ = std::thread([this] {
                    std::string l;
                    while (std::getline(*err_stream_, l))
                        late_stderr_ += l + "\n";
                });
                return port_;
            }
        }
        return std::nullopt;
    }

    HttpReply request(const std::string& method, const std::string& path,
                      const std::string& body = {},
                      const std::map<std::string, std::string>& headers = {}) const {
        Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port_));
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        for (const auto& [k, v] : headers)
            req.set(k, v);
        if (!body.empty()) {
            if (!req.has("Content-Type"))
                req.setContentType("application/json");
            req.setContentLength(static_cast<std::streamsize>(body.size()));
        }
        try {
            session.sendRequest(req) << body;
        } catch (const Poco::Exception&) {
            // The server may answer (413) and close before the body is sent.
        }
        return receive_reply(session);
    }

    void signal(int sig) const { ::kill(handle_.id(), sig); }

    //! Waits for exit and returns the exit code.
    int wait() {
        if (!exit_code_)
            exit_code_ = handle_.wait();
        if (drain_.joinable())
            drain_.join();
        return *exit_code_;
    }

    //! Everything on stderr (call after wait() for the full text).
    std::string stderr_text() {
        std::string rest;
        if (!drain_.joinable() && exit_code_) {
            std::stringstream s;
            s << err_stream_->rdbuf();
            rest = s.str();
        }
        return stderr_ + late_stderr_ + rest;
    }
    std::string stdout_text() {
        std::stringstream s;
        s << out_stream_->rdbuf();
        return s.str();
    }

    int port() const noexcept { return port_; }

private:
    Poco::Pipe out_, err_;
    Poco::ProcessHandle handle_;
    std::unique_ptr<Poco::PipeInputStream> err_stream_, out_stream_;
    std::optional<int> exit_code_;
    std::string stderr_, late_stderr_;
    std::thread drain_;
    int port_ = 0;
};

} // namespace redress::test
