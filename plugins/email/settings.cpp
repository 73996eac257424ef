#include "settings.hpp"

#include <redress/error.hpp>

namespace redress::email {

std::string MailboxConfig::label() const {
    return std::string(tls ? "pop3s://" : "pop3://") + user + "@" + host + ":" +
           std::to_string(port);
}

std::vector<ConfigKey> Settings::schema() {
    using T = ConfigType;
    return {
        {"interval", T::Integer, false, "30", "seconds between two fetches of one mailbox"},
        {"max_message_bytes", T::Integer, false, "10485760",
         "a larger mail is not downloaded: its header is registered and it stays on the server"},
        {"max_attachment_bytes", T::Integer, false, "5242880",
         "a larger attachment is referenced (name, size, SHA-256) but not kept"},
        {"attachment_dir", T::String, false, "\"var/email-attachments\"",
         "where attachments are kept, one file per content, named by its SHA-256"},
        {"timeout", T::Integer, false, "30", "seconds a POP3 server may take to answer"},
        {"mailbox", T::TableList, false, "", "one POP3 mailbox per department"},
        {"mailbox.department", T::String, true, "", "the department its mails are registered in"},
        {"mailbox.host", T::String, true, "", "POP3 server host name or address"},
        {"mailbox.port", T::Integer, false, "", "POP3 port; default 110, or 995 with tls"},
        {"mailbox.user", T::String, true, "", "POP3 user name"},
        {"mailbox.password", T::String, true, "", "POP3 password"},
        {"mailbox.tls", T::Boolean, false, "false",
         "POP3S: TLS from the first byte, with the server's certificate verified"},
        {"mailbox.ca_file", T::String, false, "\"\"",
         "PEM file of the CAs trusted for tls; empty for the system's"},
    };
}

namespace {

std::uint64_t positive(const ConfigView& c, std::string_view key, std::int64_t fallback) {
    std::int64_t v = c.integer(key, fallback);
    if (v <= 0)
        throw Error(REDRESS_E_INVALID,
                    std::string(key) + ": expected a positive number, found " + std::to_string(v));
    return static_cast<std::uint64_t>(v);
}

std::string required(const ConfigView& c, std::string_view key, const std::string& where) {
    std::string v(c.string(key));
    if (v.empty())
        throw Error(REDRESS_E_INVALID,
                    where + "." + std::string(key) + ": required, and not empty");
    return v;
}

} // namespace

Settings Settings::from(const ConfigView& config) {
    Settings s;
    s.interval = std::chrono::seconds(positive(config, "interval", 30));
    s.max_message_bytes = positive(config, "max_message_bytes", 10 << 20);
    s.max_attachment_bytes = positive(config, "max_attachment_bytes", 5 << 20);
    s.timeout = std::chrono::seconds(positive(config, "timeout", 30));
    s.attachment_dir = std::string(config.string("attachment_dir", "var/email-attachments"));
    if (s.attachment_dir.empty())
        throw Error(REDRESS_E_INVALID, "attachment_dir: expected a folder, found \"\"");
    int index = 0;
    for (const ConfigView& t : config.tables("mailbox")) {
        std::string where = "mailbox[" + std::to_string(++index) + "]";
        MailboxConfig m;
        m.department = required(t, "department", where);
        m.host = required(t, "host", where);
        m.user = required(t, "user", where);
        m.password = std::string(t.string("password"));
        m.tls = t.boolean("tls", false);
        m.ca_file = std::string(t.string("ca_file"));
        std::int64_t port = t.integer("port", m.tls ? 995 : 110);
        if (port < 1 || port > 65535)
            throw Error(REDRESS_E_INVALID,
                        where + ".port: expected 1 to 65535, found " + std::to_string(port));
        m.port = static_cast<int>(port);
        s.mailboxes.push_back(std::move(m));
    }
    return s;
}

} // namespace redress::email
