// A throwaway Dovecot POP3 server for a test (tests/support/dovecot.sh), and
// mail delivery into its maildirs the way an MTA does it: write into tmp/,
// rename into new/.
#pragma once

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace redress::test {

class DovecotServer {
public:
    //! Starts Dovecot under dir with the given "user:password" accounts;
    //! throws with the script's output when it does not start.
    DovecotServer(std::filesystem::path dir, const std::string& users)
        : dir_(std::move(dir)) {
        std::string cmd = script() + " start " + dir_.string() + " " + users + " > " +
                          (dir_.parent_path() / "dovecot-start.out").string() + " 2>&1";
        std::filesystem::create_directories(dir_);
        if (std::system(cmd.c_str()) != 0)
            throw std::runtime_error("tests/support/dovecot.sh could not start Dovecot: " +
                                     read(dir_.parent_path() / "dovecot-start.out"));
        port_ = std::stoi(read(dir_ / "port"));
        if (std::filesystem::exists(dir_ / "pop3s_port"))
            pop3s_port_ = std::stoi(read(dir_ / "pop3s_port"));
    }
    ~DovecotServer() {
        std::string cmd = script() + " stop " + dir_.string() + " >/dev/null 2>&1";
        [[maybe_unused]] int rc = std::system(cmd.c_str());
    }
    DovecotServer(const DovecotServer&) = delete;
    DovecotServer& operator=(const DovecotServer&) = delete;

    int port() const { return port_; }
    int pop3s_port() const { return pop3s_port_; } //!< 0 when openssl is missing
    std::filesystem::path certificate() const { return dir_ / "tls" / "cert.pem"; }

    //! Delivers a mail to user's maildir; returns its file name.
    std::string deliver(const std::string& user, const std::string& content) {
        static std::atomic<int> n{0};
        std::string name = "1700000000." + std::to_string(++n) + ".redress-test";
        auto tmp = dir_ / "mail" / user / "tmp" / name;
        std::ofstream(tmp, std::ios::binary) << content;
        std::filesystem::rename(tmp, dir_ / "mail" / user / "new" / name);
        return name;
    }
    //! Delivers a file (streamed) without holding it in memory.
    void deliver_file(const std::string& user, const std::filesystem::path& file) {
        static std::atomic<int> n{0};
        std::string name = "1700000001." + std::to_string(++n) + ".redress-test";
        std::filesystem::rename(file, dir_ / "mail" / user / "new" / name);
    }
    //! Mails in user's mailbox (new/ and cur/).
    std::size_t count(const std::string& user) const {
        std::size_t n = 0;
        for (const char* sub : {"new", "cur"})
            for (const auto& e : std::filesystem::directory_iterator(dir_ / "mail" / user / sub))
                n += e.is_regular_file();
        return n;
    }
    std::string log() const { return read(dir_ / "dovecot.log"); }
    const std::filesystem::path& dir() const { return dir_; }

private:
    static std::string script() {
        return std::string(REDRESS_SOURCE_DIR) + "/tests/support/dovecot.sh";
    }
    static std::string read(const std::filesystem::path& p) {
        std::ifstream in(p);
        std::stringstream s;
        s << in.rdbuf();
        std::string text = s.str();
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
            text.pop_back();
        return text;
    }

    std::filesystem::path dir_;
    int port_ = 0;
    int pop3s_port_ = 0;
};

} // namespace redress::test
