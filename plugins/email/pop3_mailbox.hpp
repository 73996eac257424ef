// One POP3 session with a mailbox (Poco::Net::POP3ClientSession), plain or
// POP3S. Deletions (remove()) take effect only when the session ends with
// QUIT (quit(), or the destructor), as POP3 defines: a session cut off any
// other way deletes nothing.
#pragma once

#include "settings.hpp"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/POP3ClientSession.h>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

namespace redress::email {

class Pop3Mailbox {
public:
    struct Message {
        int id;
        std::uint64_t size; //!< as the server reports it (LIST)
    };

    //! Connects and logs in. Throws redress::Error(REDRESS_E_UNAVAILABLE)
    //! naming the mailbox (MailboxConfig::label) and what failed.
    Pop3Mailbox(const MailboxConfig& config, std::chrono::seconds timeout);
    ~Pop3Mailbox();
    Pop3Mailbox(const Pop3Mailbox&) = delete;
    Pop3Mailbox& operator=(const Pop3Mailbox&) = delete;

    std::vector<Message> list();
    //! Writes message id, as the server sends it (dot-stuffing undone), to file.
    void retrieve(int id, const std::filesystem::path& file);
    //! Only the header of message id (TOP id 0).
    Poco::Net::MessageHeader header(int id);
    //! Marks message id for deletion at quit().
    void remove(int id);
    //! Ends the session; the server then deletes the marked messages.
    void quit();

private:
    [[noreturn]] void fail(const std::string& what, const std::exception& e) const;

    std::string label_;
    std::unique_ptr<Poco::Net::POP3ClientSession> session_;
};

} // namespace redress::email
