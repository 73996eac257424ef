// The e-mail channel's configuration ([plugin.email] in redress.toml):
//
//   [plugin.email]
//   interval = 30                   # seconds between fetches of one mailbox
//   max_message_bytes = 10485760    # larger mails: header only, left on the server
//   max_attachment_bytes = 5242880  # larger attachments: referenced, not kept
//   attachment_dir = "var/email-attachments"
//   timeout = 30                    # seconds a POP3 server may take to answer
//   [[plugin.email.mailbox]]
//   department = "after-sales"
//   host = "pop.example.com"
//   port = 995
//   user = "complaints"
//   password = "…"
//   tls = true                      # POP3S (implicit TLS); certificate verified
//   ca_file = ""                    # PEM file of trusted CAs; "" = the system's
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <redress/config.hpp>
#include <string>
#include <vector>

namespace redress::email {

struct MailboxConfig {
    std::string department;
    std::string host;
    int port = 110;
    std::string user;
    std::string password;
    bool tls = false;
    std::string ca_file;
    //! "pop3://user@host:port" (pop3s:// with TLS); never shows the password.
    std::string label() const;
};

struct Settings {
    std::vector<MailboxConfig> mailboxes;
    std::chrono::seconds interval{30};
    std::uint64_t max_message_bytes = 10ull << 20;
    std::uint64_t max_attachment_bytes = 5ull << 20;
    std::filesystem::path attachment_dir = "var/email-attachments";
    std::chrono::seconds timeout{30};

    //! The declared schema (keys, types, defaults) the host validates against.
    static std::vector<ConfigKey> schema();
    //! Reads a validated section; throws redress::Error(REDRESS_E_INVALID)
    //! naming the key ("mailbox[2].port: …") for values out of range.
    static Settings from(const ConfigView& config);
};

} // namespace redress::email
