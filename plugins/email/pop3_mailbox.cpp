#include "pop3_mailbox.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <fstream>
#include <mutex>
#include <redress/error.hpp>

namespace redress::email {
namespace {

Poco::Net::StreamSocket connect(const MailboxConfig& c, Poco::Timespan timeout) {
    Poco::Net::SocketAddress address(c.host, static_cast<Poco::UInt16>(c.port));
    if (!c.tls) {
        Poco::Net::StreamSocket socket;
        socket.connect(address, timeout);
        return socket;
    }
    static std::once_flag ssl_once;
    std::call_once(ssl_once, [] { Poco::Net::initializeSSL(); });
    Poco::Net::Context::Ptr context =
        new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", c.ca_file,
                               Poco::Net::Context::VERIFY_RELAXED, 9, c.ca_file.empty());
    Poco::Net::SecureStreamSocket socket(context);
    socket.setPeerHostName(c.host);
    socket.connect(address, timeout);
    return socket;
}

} // namespace

Pop3Mailbox::Pop3Mailbox(const MailboxConfig& config, std::chrono::seconds timeout)
    : label_(config.label()) {
    Poco::Timespan span(static_cast<long>(timeout.count()), 0);
    try {
        session_ = std::make_unique<Poco::Net::POP3ClientSession>(connect(config, span));
        session_->setTimeout(span);
    } catch (const std::exception& e) {
        fail("cannot connect", e);
    }
    try {
        session_->login(config.user, config.password);
    } catch (const std::exception& e) {
        fail("login refused", e);
    }
}

Pop3Mailbox::~Pop3Mailbox() = default;

void Pop3Mailbox::fail(const std::string& what, const std::exception& e) const {
    std::string detail = e.what();
    if (auto* p = dynamic_cast<const Poco::Exception*>(&e))
        detail = p->displayText();
    throw Error(REDRESS_E_UNAVAILABLE, label_ + ": " + what + ": " + detail);
}

std::vector<Pop3Mailbox::Message> Pop3Mailbox::list() {
    Poco::Net::POP3ClientSession::MessageInfoVec infos;
    try {
        session_->listMessages(infos);
    } catch (const std::exception& e) {
        fail("LIST failed", e);
    }
    std::vector<Message> out;
    for (const auto& i : infos)
        out.push_back({i.id, static_cast<std::uint64_t>(i.size)});
    return out;
}

void Pop3Mailbox::retrieve(int id, const std::filesystem::path& file) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error(REDRESS_E_UNAVAILABLE, "cannot write the spool file " + file.string());
    try {
        session_->retrieveMessage(id, out);
    } catch (const std::exception& e) {
        fail("RETR " + std::to_string(id) + " failed", e);
    }
    out.close();
    if (!out)
        throw Error(REDRESS_E_UNAVAILABLE, "writing the spool file " + file.string() + " failed");
}

Poco::Net::MessageHeader Pop3Mailbox::header(int id) {
    Poco::Net::MessageHeader h;
    h.setFieldLimit(1000);
    try {
        session_->retrieveHeader(id, h);
    } catch (const std::exception& e) {
        fail("TOP " + std::to_string(id) + " 0 failed", e);
    }
    return h;
}

void Pop3Mailbox::remove(int id) {
    try {
        session_->deleteMessage(id);
    } catch (const std::exception& e) {
        fail("DELE " + std::to_string(id) + " failed", e);
    }
}

void Pop3Mailbox::quit() {
    try {
        session_->close();
    } catch (const std::exception& e) {
        fail("QUIT failed (messages marked for deletion may remain)", e);
    }
}

} // namespace redress::email
