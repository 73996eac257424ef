// What one parsed mail becomes: a new complaint, or a comment on the complaint
// whose tracking number its subject carries.
//
// Pure mapping, no host calls: EmailChannel writes a draft into the request of
// complaint.submit or complaint.comment (see redress/services.hpp).
#pragma once

#include "attachment_store.hpp"
#include "mail_parser.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::email {

//! The host's limits on the registration form's text fields, in bytes.
inline constexpr std::size_t max_cause_bytes = 4000;
inline constexpr std::size_t max_request_bytes = 4000;
inline constexpr std::size_t max_contact_bytes = 200;
inline constexpr std::size_t max_email_bytes = 254;

struct ComplaintDraft {
    //! Set when the subject names a complaint: the mail is a comment on it.
    std::optional<std::string> tracking_number;
    std::string ref;     //!< Message-ID, or "sha256:<digest>" for a mail without one
    std::string cause;   //!< the body text (cut to max_cause_bytes; the rest kept as a file)
    std::string request; //!< the subject
    std::string contact; //!< the sender's display name, else the address
    std::string email;   //!< the sender's address ("" when From has none)
    std::string comment; //!< the comment text, when tracking_number is set
    // channel_data
    std::string message_id, subject, from, date;
    std::vector<AttachmentRef> attachments;
    std::vector<std::string> problems;
    std::optional<std::uint64_t> too_large_size; //!< set for a mail left unfetched
    std::optional<std::string> unknown_tracking_number;
};

//! The first tracking number (PREFIX-YYYY-NNNNNN, e.g. AS-2026-000123) in a
//! subject, if any.
std::optional<std::string> tracking_number_in(std::string_view subject);

//! Maps a fetched mail. A body longer than max_cause_bytes is cut in the cause
//! and kept whole as the attachment "message.txt" in store.
ComplaintDraft draft_from(const ParsedMail& mail, AttachmentStore& store);

//! Maps a mail of which only the header was fetched because it is larger than
//! limit bytes: a new complaint saying so (never a comment, so the size is on
//! record even for a reply).
ComplaintDraft draft_too_large(const ParsedMail& header_only, std::uint64_t size,
                               std::uint64_t limit, std::string_view mailbox);

//! Turns a draft whose tracking number the host does not know into a new
//! complaint that says so.
void make_new_complaint(ComplaintDraft& draft);

} // namespace redress::email
