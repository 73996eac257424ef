// The e-mail channel's mail parsing (plugins/email/): a fetched message as
// MailboxFetcher treats it — parse_mail (RFC 5322 + MIME, charsets, transfer
// encodings, HTML, attachments into an AttachmentStore), then draft_from (the
// complaint or comment it becomes); and the same bytes as the header of a
// mail too large to fetch (Poco's MessageHeader, parse_header_only,
// draft_too_large), as a POP3 TOP reply gives it.
//
// Expected: redress::Error from the attachment store (it does not fail here:
// its folder is a fresh temporary one) and Poco::Net::MessageException from
// Poco's own header reader, which the POP3 session reports. parse_mail
// promises not to throw for bad mail, so anything else is a finding, as is
// text that is not UTF-8 or a draft field over the host's limit.
#include "attachment_store.hpp"
#include "charset.hpp"
#include "complaint_draft.hpp"
#include "fuzz_support.hpp"
#include "mail_parser.hpp"

#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NetException.h>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <redress/error.hpp>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

using namespace redress::email;

constexpr const char* target = "mail_fuzz";

[[noreturn]] void finding(const std::string& what) {
    redress::fuzz::finding(target, what);
}

// Attachments are written for real, under $TMPDIR (run.sh points it at its
// work folder); the folder is emptied now and then so a long run does not
// fill the disk.
class Attachments {
public:
    Attachments()
        : dir_(std::filesystem::temp_directory_path() /
               ("redress-mail-fuzz-" + std::to_string(::getpid())))
        , store_(dir_, 64 * 1024) {}
    ~Attachments() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    AttachmentStore& store() {
        if (++runs_ % 1000 == 0) {
            std::error_code ec;
            std::filesystem::remove_all(dir_, ec);
            std::filesystem::create_directories(dir_, ec);
        }
        return store_;
    }

private:
    std::filesystem::path dir_;
    AttachmentStore store_;
    unsigned runs_ = 0;
};

void check_utf8(const char* what, const std::string& text) {
    if (!is_utf8(text))
        finding(std::string(what) + " is not valid UTF-8");
}

// The host refuses a registration form whose text is not UTF-8 or holds NUL,
// and a refused mail stays on the server, fetched again every round.
void check_field(const char* what, const std::string& text) {
    check_utf8(what, text);
    if (text.find('\0') != std::string::npos)
        finding(std::string(what) + " holds a NUL character");
}

void check_draft(const ComplaintDraft& d) {
    check_field("draft cause", d.cause);
    check_field("draft request", d.request);
    check_field("draft contact", d.contact);
    check_field("draft email", d.email);
    check_field("draft comment", d.comment);
    if (d.cause.size() > max_cause_bytes || d.request.size() > max_request_bytes ||
        d.contact.size() > max_contact_bytes || d.email.size() > max_email_bytes ||
        d.comment.size() > max_cause_bytes)
        finding("a draft field is over the host's limit");
    if (d.ref.empty())
        finding("a draft without a ref (Message-ID or digest)");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Attachments attachments;
    const std::string raw(reinterpret_cast<const char*>(data), size);
    try {
        std::istringstream in(raw);
        ParsedMail mail = parse_mail(in, attachments.store(), 16 * 1024);
        check_utf8("subject", mail.subject);
        check_utf8("sender name", mail.from.name);
        check_utf8("text", mail.text);
        for (const AttachmentRef& a : mail.attachments)
            check_utf8("attachment name", a.name);
        ComplaintDraft draft = draft_from(mail, attachments.store());
        check_draft(draft);
        redress::fuzz::note(target, "subject \"" + mail.subject + "\", " +
                                        std::to_string(mail.attachments.size()) +
                                        " attachment(s), cause: " + draft.cause);
        for (const std::string& p : mail.problems)
            redress::fuzz::note(target, "problem: " + p);
    } catch (const redress::Error& e) {
        redress::fuzz::note(target, std::string("store failed: ") + e.what());
    }

    std::istringstream top(raw);
    Poco::Net::MessageHeader header;
    try {
        header.read(top);
    } catch (const Poco::Net::MessageException& e) {
        redress::fuzz::note(target, "header refused by Poco: " + e.displayText());
        return 0;
    }
    ParsedMail head = parse_header_only(header);
    check_utf8("header-only subject", head.subject);
    check_draft(draft_too_large(head, 50u << 20, 10u << 20, "pop3://mail.example.com/support"));
    return 0;
}
