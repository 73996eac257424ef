// bench_hello_server: the physical limit for HTTP throughput on this machine.
// A bare Poco::Net::HTTPServer, set up as redressd's ApiServer is (explicit
// thread pool, keep-alive, no SO_REUSEPORT), that reads the whole request body
// and answers a GET with 200 "hello", a POST with 201 and a small JSON (so the
// same POST /complaints request can be sent to it and to redressd). What redressd does per request
// is the gap between its figures and this server's, measured with bench_loadgen against both.
//
// Usage: bench_hello_server [--port N] [--threads N]
// Prints "listening on 127.0.0.1:PORT" once, serves until SIGTERM/SIGINT,
// then exits 0.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/NullStream.h>
#include <Poco/NumberParser.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>
#include <csignal>
#include <iostream>

namespace {

using Poco::Util::Option;

class HelloHandler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
        // Bytes left unread on a keep-alive connection would be parsed as the
        // next request, so a POST body is consumed even though it is unused.
        Poco::NullOutputStream discard;
        Poco::StreamCopier::copyStream(request.stream(), discard);
        if (request.getMethod() == Poco::Net::HTTPRequest::HTTP_POST) {
            // What POST /complaints answers, minus everything redressd does to
            // earn it: 201 and a small JSON naming the new complaint.
            response.setStatus(Poco::Net::HTTPResponse::HTTP_CREATED);
            response.setContentType("application/json");
            static constexpr char created[] =
                R"({"id":"00000000-0000-4000-8000-000000000000","tracking_number":"AS-2026-000001","status":"registered"})";
            response.sendBuffer(created, sizeof created - 1);
            return;
        }
        response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
        response.setContentType("text/plain");
        static constexpr char body[] = "hello";
        response.sendBuffer(body, sizeof body - 1); // header and body in one write
    }
};

class HelloFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler*
    createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new HelloHandler;
    }
};

class HelloServer : public Poco::Util::ServerApplication {
protected:
    void defineOptions(Poco::Util::OptionSet& options) override {
        ServerApplication::defineOptions(options);
        options.addOption(
            Option("port", "", "listen on this port of 127.0.0.1; 0 picks a free one (default 0)")
                .argument("N")
                .callback(Poco::Util::OptionCallback<HelloServer>(this, &HelloServer::on_port)));
        options.addOption(
            Option("threads", "", "worker threads, one per open connection (default 32)")
                .argument("N")
                .callback(Poco::Util::OptionCallback<HelloServer>(this, &HelloServer::on_threads)));
        options.addOption(
            Option("help", "h", "show this help and exit")
                .callback(Poco::Util::OptionCallback<HelloServer>(this, &HelloServer::on_help)));
    }

    int main(const std::vector<std::string>& args) override {
        if (help_) {
            Poco::Util::HelpFormatter f(options());
            f.setCommand("bench_hello_server");
            f.setUsage("[--port N] [--threads N]");
            f.setHeader(
                "Answers GET with 200 \"hello\", POST with 201 and a small JSON; the reference for "
                "bench_loadgen.");
            f.format(std::cout);
            return EXIT_OK;
        }
        if (!args.empty()) {
            std::cerr << "bench_hello_server: unexpected argument '" << args.front()
                      << "' (see --help)\n";
            return EXIT_USAGE;
        }
        if (port_ < 0 || port_ > 65535 || threads_ < 1) {
            std::cerr << "bench_hello_server: --port must be 0..65535 and --threads at least 1\n";
            return EXIT_USAGE;
        }
        // A client that hangs up mid-response must not kill the server.
        std::signal(SIGPIPE, SIG_IGN);
        // Block the termination signals before any thread exists, so that every
        // thread inherits the mask and only waitForTerminationRequest() sees them.
        sigset_t termination;
        sigemptyset(&termination);
        sigaddset(&termination, SIGINT);
        sigaddset(&termination, SIGQUIT);
        sigaddset(&termination, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &termination, nullptr);

        // Poco's ServerSocket(address) also sets SO_REUSEPORT, which would let
        // two servers silently share the port; bind explicitly without it.
        Poco::Net::ServerSocket socket;
        try {
            socket.bind(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port_)),
                        /*reuseAddress*/ true, /*reusePort*/ false);
            socket.listen(256);
        } catch (const Poco::Exception& e) {
            std::cerr << "bench_hello_server: cannot listen on 127.0.0.1:" << port_ << ": "
                      << e.displayText() << "\n";
            return EXIT_UNAVAILABLE;
        }
        // Each keep-alive connection holds a thread while open, so the pool is
        // sized from --threads, not Poco's default of 16.
        Poco::ThreadPool pool(1, threads_);
        auto* params = new Poco::Net::HTTPServerParams;
        params->setMaxThreads(threads_);
        params->setKeepAlive(true);
        Poco::Net::HTTPServer server(new HelloFactory, pool, socket, params);
        server.start();
        // One line, flushed: scripts wait for it to learn the port.
        std::cout << "listening on 127.0.0.1:" << socket.address().port() << std::endl;
        waitForTerminationRequest();
        server.stopAll(false); // let in-flight requests finish, close idle connections
        pool.joinAll();
        return EXIT_OK;
    }

private:
    void on_port(const std::string& name, const std::string& v) { port_ = parse_int(name, v); }
    void on_threads(const std::string& name, const std::string& v) {
        threads_ = parse_int(name, v);
    }
    void on_help(const std::string&, const std::string&) {
        help_ = true;
        stopOptionsProcessing();
    }

    static int parse_int(const std::string& name, const std::string& v) {
        int n = 0;
        if (!Poco::NumberParser::tryParse(v, n))
            throw Poco::Util::InvalidArgumentException("--" + name + " expects an integer, got '" +
                                                       v + "'");
        return n;
    }

    int port_ = 0;
    int threads_ = 32;
    bool help_ = false;
};

} // namespace

POCO_SERVER_MAIN(HelloServer)
