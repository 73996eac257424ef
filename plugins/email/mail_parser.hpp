// Parses one e-mail (RFC 5322 + MIME) into what a complaint needs: who sent
// it, its subject and text in UTF-8, and its attachments (kept as files).
//
// Parsing never throws for bad mail: undecodable charsets, broken
// base64/quoted-printable and malformed multipart structure are recorded in
// ParsedMail::problems (each naming the part) and the rest is kept; when the
// MIME structure cannot be read at all the raw body becomes the text.
#pragma once

#include "attachment_store.hpp"
#include "headers.hpp"

#include <Poco/Net/MessageHeader.h>
#include <cstddef>
#include <filesystem>
#include <istream>
#include <string>
#include <vector>

namespace redress::email {

struct ParsedMail {
    std::string message_id; //!< as written, e.g. "<abc@host>"; empty when absent
    std::string subject;    //!< decoded
    Address from;
    std::string date; //!< the Date header as written
    std::string text; //!< the body as plain text (HTML reduced)
    std::vector<AttachmentRef> attachments;
    std::vector<std::string> problems; //!< what could not be decoded, and where
    std::string digest;                //!< SHA-256 of the raw message (or header)
};

//! Parses the message in file; attachments go to store. Throws only when the
//! file cannot be read (redress::Error, REDRESS_E_UNAVAILABLE) or the
//! attachment store fails.
ParsedMail parse_mail_file(const std::filesystem::path& file, AttachmentStore& store,
                           std::size_t max_text_bytes = 1 << 20);

//! Parses the message from in's current position to its end. in must be
//! seekable (a file or string stream): the message is read more than once.
//! Throws only when the attachment store fails (redress::Error).
ParsedMail parse_mail(std::istream& in, AttachmentStore& store,
                      std::size_t max_text_bytes = 1 << 20);

//! The header fields of a message of which only the header was fetched (POP3
//! TOP n 0, which Poco parses and decodes itself; see headers.hpp).
ParsedMail parse_header_only(const Poco::Net::MessageHeader& header);

} // namespace redress::email
