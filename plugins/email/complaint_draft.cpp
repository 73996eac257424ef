#include "complaint_draft.hpp"

#include "charset.hpp"

#include <Poco/String.h>
#include <regex>
#include <sstream>

namespace redress::email {
namespace {

// The host refuses a form whose text holds NUL (and the mail would then stay
// on the server, fetched again every round): it becomes U+FFFD, as other
// undecodable bytes do.
std::string without_nul(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text)
        if (c == '\0')
            out += "\xEF\xBF\xBD";
        else
            out += c;
    return out;
}

std::string cut(std::string_view text, std::size_t max_bytes) {
    return std::string(utf8_prefix(without_nul(text), max_bytes));
}

void common(ComplaintDraft& d, const ParsedMail& mail) {
    d.message_id = mail.message_id;
    d.ref = mail.message_id.empty() ? "sha256:" + mail.digest : mail.message_id;
    d.subject = mail.subject;
    d.date = mail.date;
    d.from = mail.from.name.empty() ? mail.from.address
                                    : mail.from.name + " <" + mail.from.address + ">";
    d.email = mail.from.address.size() <= max_email_bytes ? mail.from.address : "";
    d.contact = cut(mail.from.name.empty() ? mail.from.address : mail.from.name, max_contact_bytes);
    d.request = cut(mail.subject, max_request_bytes);
    d.attachments = mail.attachments;
    d.problems = mail.problems;
}

} // namespace

std::optional<std::string> tracking_number_in(std::string_view subject) {
    static const std::regex re(R"((?:^|[^A-Za-z0-9])([A-Z]{1,4}-[0-9]{4}-[0-9]{6,})(?![0-9]))");
    std::string s(subject);
    std::smatch m;
    if (std::regex_search(s, m, re))
        return m[1].str();
    return std::nullopt;
}

ComplaintDraft draft_from(const ParsedMail& mail, AttachmentStore& store) {
    ComplaintDraft d;
    common(d, mail);
    d.tracking_number = tracking_number_in(mail.subject);

    std::string text = without_nul(mail.text);
    if (text.empty())
        text = mail.attachments.empty() ? "(the e-mail has no text)"
                                        : "(the e-mail has no text; see its attachments)";
    if (text.size() > max_cause_bytes) {
        std::istringstream whole(text);
        d.attachments.push_back(store.store(whole, "message.txt", "text/plain"));
        constexpr std::string_view more = "\n[… the whole text is in the attachment message.txt]";
        text = cut(text, max_cause_bytes - more.size()) + std::string(more);
    }
    d.cause = text;
    if (d.cause == "(the e-mail has no text)" && !mail.subject.empty())
        d.cause = cut(mail.subject, max_cause_bytes);

    if (d.tracking_number) {
        std::string c = "E-mail from " + d.from;
        if (!mail.subject.empty())
            c += ": " + mail.subject;
        c += "\n\n" + mail.text;
        if (!mail.attachments.empty())
            c += "\n\n(" + std::to_string(mail.attachments.size()) + " attachment(s))";
        d.comment = cut(c, max_cause_bytes);
    }
    return d;
}

ComplaintDraft draft_too_large(const ParsedMail& header_only, std::uint64_t size,
                               std::uint64_t limit, std::string_view mailbox) {
    ComplaintDraft d;
    common(d, header_only);
    d.too_large_size = size;
    d.cause = "The e-mail \"" + cut(header_only.subject, 1000) + "\" is too large to fetch (" +
              std::to_string(size) + " bytes; max_message_bytes is " + std::to_string(limit) +
              "). It stays in the mailbox " + std::string(mailbox) + " to be read there.";
    d.cause = cut(d.cause, max_cause_bytes);
    return d;
}

void make_new_complaint(ComplaintDraft& draft) {
    draft.unknown_tracking_number = draft.tracking_number;
    draft.tracking_number.reset();
    draft.problems.push_back("the subject names " + *draft.unknown_tracking_number +
                             ", which is not a known complaint: registered as a new one");
}

} // namespace redress::email
