// Message headers as written, and their decoding to UTF-8 text.
//
// Poco::Net::MessageHeader decodes RFC 2047 words itself, but only into the
// charsets Poco knows: a =?GBK?B?…?= subject comes out as raw GBK bytes with
// no record of the charset. So the top-level header block is read here as
// written and decoded with iconv (see charset.hpp); headers that only Poco
// has seen (MIME part headers, TOP replies) are repaired by repair_text().
#pragma once

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redress::email {

//! The header fields of a message, unfolded (RFC 5322 §2.2.3), in order.
class RawHeaders {
public:
    //! Reads the header block up to the empty line that ends it (or the end of
    //! the stream), at most max_bytes; lines that are not "Name: value" are
    //! skipped. Leaves the stream at the first byte of the body.
    static RawHeaders read(std::istream& in, std::size_t max_bytes = 1 << 20);

    //! The first field called name (case-insensitive), as written (unfolded).
    std::optional<std::string> get(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& fields() const noexcept {
        return fields_;
    }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

//! Decodes a header value to UTF-8: RFC 2047 encoded words (B and Q, any
//! charset iconv knows; adjacent words of one charset are joined before
//! conversion so a character split between words survives) and raw 8-bit
//! text (UTF-8 if valid, else read as GB18030, the usual undeclared charset
//! of Chinese mail). lossy is set when anything had to be replaced.
std::string decode_header(std::string_view raw, bool* lossy = nullptr);

//! Makes a value that Poco already decoded into UTF-8: kept if it is valid
//! UTF-8, else read as GB18030 (see the file comment).
std::string repair_text(std::string_view poco_decoded, bool* lossy = nullptr);

//! A mailbox from a From header: display name (decoded) and address.
struct Address {
    std::string name;
    std::string address;
};

//! Splits "Name <user@host>", "user@host (Name)" or "user@host"; the name is
//! decoded with decode_header.
Address parse_address(std::string_view raw, bool* lossy = nullptr);

} // namespace redress::email
