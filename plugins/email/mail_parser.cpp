#include "mail_parser.hpp"

#include "charset.hpp"
#include "html_text.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/DigestStream.h>
#include <Poco/Exception.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/QuotedPrintableDecoder.h>
#include <Poco/SHA2Engine.h>
#include <Poco/String.h>
#include <Poco/URI.h>
#include <fstream>
#include <memory>
#include <redress/error.hpp>
#include <sstream>

namespace redress::email {
namespace {

using Poco::Net::MediaType;
using Poco::Net::MessageHeader;

constexpr int max_depth = 8;
constexpr int max_parts = 1000;

std::string describe(const std::exception& e) {
    if (auto* p = dynamic_cast<const Poco::Exception*>(&e))
        return p->displayText();
    return e.what();
}

// Reads at most limit bytes of in, then drains the rest; returns whether all fit.
bool read_bounded(std::istream& in, std::string& out, std::size_t limit) {
    char buffer[16 * 1024];
    bool fit = true;
    while (in) {
        in.read(buffer, sizeof buffer);
        auto n = static_cast<std::size_t>(in.gcount());
        if (n == 0)
            break;
        std::size_t room = out.size() < limit ? limit - out.size() : 0;
        out.append(buffer, std::min(n, room));
        if (n > room)
            fit = false;
    }
    return fit;
}

// A part's stream with its Content-Transfer-Encoding undone.
class DecodedPart {
public:
    DecodedPart(const MessageHeader& header, std::istream& raw) {
        std::string cte = Poco::toLower(Poco::trim(header.get("Content-Transfer-Encoding", "")));
        if (auto semi = cte.find(';'); semi != std::string::npos)
            cte = Poco::trim(cte.substr(0, semi));
        if (cte == "base64")
            owned_ = std::make_unique<Poco::Base64Decoder>(raw);
        else if (cte == "quoted-printable")
            owned_ = std::make_unique<Poco::Net::QuotedPrintableDecoder>(raw);
        if (owned_) // a broken encoding throws instead of ending the text quietly
            owned_->exceptions(std::ios::badbit);
        stream_ = owned_ ? owned_.get() : &raw;
    }
    std::istream& stream() { return *stream_; }

private:
    std::unique_ptr<std::istream> owned_;
    std::istream* stream_;
};

// The file name a part gives itself: Content-Disposition filename (RFC 2231
// filename* too) or Content-Type name.
std::string part_name(const MessageHeader& header, const MediaType& type, bool& lossy) {
    std::string disposition_value;
    Poco::Net::NameValueCollection params;
    MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition_value,
                                   params);
    if (params.has("filename*")) {
        // RFC 2231: charset'language'percent-encoded
        std::string v = params.get("filename*");
        auto q1 = v.find('\'');
        auto q2 = q1 == std::string::npos ? q1 : v.find('\'', q1 + 1);
        if (q2 != std::string::npos) {
            std::string bytes;
            Poco::URI::decode(v.substr(q2 + 1), bytes);
            Utf8Text t = to_utf8(bytes, v.substr(0, q1));
            lossy = lossy || t.lossy;
            return t.text;
        }
    }
    if (params.has("filename"))
        return repair_text(params.get("filename"), &lossy);
    if (type.hasParameter("name"))
        return repair_text(type.getParameter("name"), &lossy);
    return "";
}

class Collector : public Poco::Net::PartHandler {
public:
    Collector(AttachmentStore& store, ParsedMail& mail, std::size_t max_text)
        : store_(store)
        , mail_(mail)
        , max_text_(max_text) {}

    //! A part whose transfer encoding is already undone.
    void handlePart(const MessageHeader& header, std::istream& stream) override {
        handle(header, stream, 1);
    }

    //! The whole message: its header, and its body as it is on the wire.
    void message(const MessageHeader& header, std::istream& raw) {
        DecodedPart decoded(header, raw);
        handle(header, decoded.stream(), 0);
    }

    // header: the part's; in: its content with the transfer encoding undone.
    void handle(const MessageHeader& header, std::istream& in, int depth) {
        int number = ++parts_;
        std::string what = "part " + std::to_string(number);
        try {
            MediaType type("text/plain");
            std::string declared = header.get("Content-Type", "text/plain");
            try {
                type = MediaType(declared);
            } catch (const Poco::Exception&) {
                mail_.problems.push_back(what + ": unreadable Content-Type \"" +
                                         repair_text(declared) + "\", read as text/plain");
            }
            what += " (" + type.getType() + "/" + type.getSubType() + ")";
            if (type.matches("multipart")) {
                multipart(type, in, depth, what);
                return;
            }
            bool lossy = false;
            std::string name = part_name(header, type, lossy);
            std::string disposition = Poco::toLower(header.get("Content-Disposition", ""));
            bool is_text = type.matches("text", "plain") || type.matches("text", "html");
            if (disposition.starts_with("attachment") || !name.empty() || !is_text) {
                if (name.empty())
                    name = "attachment-" + std::to_string(number);
                if (lossy)
                    mail_.problems.push_back(what + ": file name had undecodable bytes");
                mail_.attachments.push_back(
                    store_.store(in, name, type.getType() + "/" + type.getSubType()));
                return;
            }
            std::string bytes;
            if (!read_bounded(in, bytes, max_text_))
                mail_.problems.push_back(what + ": text longer than " + std::to_string(max_text_) +
                                         " bytes, cut");
            text(type, bytes, what);
        } catch (const Error&) {
            throw; // the attachment store failed: not the mail's fault
        } catch (const std::exception& e) {
            if (depth == 0)
                throw; // the message itself is unreadable: parse_mail_file falls back
            mail_.problems.push_back(what + ": " + describe(e));
            drain(in);
        }
    }

    // Text decoded from a part with a charset, or from the top-level content.
    void text(const MediaType& type, const std::string& bytes, const std::string& what) {
        std::string charset =
            type.hasParameter("charset") ? type.getParameter("charset") : std::string();
        Utf8Text t = to_utf8(bytes, charset);
        if (t.lossy)
            mail_.problems.push_back(what + ": bytes invalid in charset \"" +
                                     (charset.empty() ? "us-ascii" : charset) +
                                     "\" replaced with U+FFFD");
        std::string& into = type.matches("text", "html") ? html_ : plain_;
        if (!into.empty())
            into += "\n\n";
        into += t.text;
    }

    int parts() const noexcept { return parts_; }
    const std::string& plain() const noexcept { return plain_; }
    const std::string& html() const noexcept { return html_; }

private:
    void multipart(const MediaType& type, std::istream& in, int depth, const std::string& what) {
        if (depth >= max_depth) {
            mail_.problems.push_back(what + ": nested deeper than " + std::to_string(max_depth) +
                                     " levels, skipped");
            drain(in);
            return;
        }
        std::string boundary =
            type.hasParameter("boundary") ? type.getParameter("boundary") : std::string();
        if (boundary.empty()) {
            mail_.problems.push_back(what + ": no boundary parameter, skipped");
            drain(in);
            return;
        }
        Poco::Net::MultipartReader reader(in, boundary);
        while (reader.hasNextPart()) {
            // Poco 1.11 goes on returning empty parts, forever, once the
            // stream ends before the closing boundary (found by fuzz/mail_fuzz:
            // a nested multipart whose part never ends hung the channel).
            if (in.peek() == std::char_traits<char>::eof()) {
                mail_.problems.push_back(what + ": ends without its closing boundary");
                return;
            }
            if (parts_ >= max_parts) {
                mail_.problems.push_back(what + ": more than " + std::to_string(max_parts) +
                                         " parts, the rest skipped");
                drain(in);
                return;
            }
            MessageHeader header;
            reader.nextPart(header);
            DecodedPart decoded(header, reader.stream());
            handle(header, decoded.stream(), depth + 1);
            drain(reader.stream());
        }
    }

    static void drain(std::istream& in) {
        try {
            char buffer[16 * 1024];
            while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
            }
        } catch (...) {
            // A broken encoding may throw again while draining: nothing more to read.
        }
    }

    AttachmentStore& store_;
    ParsedMail& mail_;
    std::size_t max_text_;
    int parts_ = 0;
    std::string plain_, html_;
};

// The SHA-256 of the rest of in.
std::string sha256_of(std::istream& in) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0)
        sha.update(buffer, static_cast<std::size_t>(in.gcount()));
    return Poco::DigestEngine::digestToHex(sha.digest());
}

// Back to where the message starts, whatever state a failed read left in.
void rewind(std::istream& in, std::istream::pos_type start) {
    in.clear();
    in.seekg(start);
}

} // namespace

ParsedMail parse_mail_file(const std::filesystem::path& file, AttachmentStore& store,
                           std::size_t max_text_bytes) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(REDRESS_E_UNAVAILABLE, "cannot read the fetched mail " + file.string());
    return parse_mail(in, store, max_text_bytes);
}

ParsedMail parse_mail(std::istream& in, AttachmentStore& store, std::size_t max_text_bytes) {
    ParsedMail mail;
    const auto start = in.tellg();
    mail.digest = sha256_of(in);
    rewind(in, start);

    bool lossy = false;
    RawHeaders raw = RawHeaders::read(in);
    mail.message_id = Poco::trim(raw.get("Message-ID").value_or(""));
    mail.subject = decode_header(raw.get("Subject").value_or(""), &lossy);
    mail.from = parse_address(raw.get("From").value_or(""), &lossy);
    mail.date = raw.get("Date").value_or("");
    if (lossy)
        mail.problems.push_back(
            "header: undecodable bytes in Subject or From replaced with U+FFFD");

    rewind(in, start);
    Collector collector(store, mail, max_text_bytes);
    // MailMessage reads the header (for its MIME view: content type,
    // multipart or not); the body is walked here rather than by
    // MailMessage::read(istream, PartHandler&), which in Poco 1.11 loops
    // forever when a part's base64 is broken, and keeps a single-part body in
    // memory whole.
    Poco::Net::MailMessage message;
    message.setFieldLimit(1000); // long Received: chains are normal
    bool structure_ok = true;
    try {
        message.clear(); // MailMessage starts with a default Date and Content-Type
        message.MessageHeader::read(in);
        collector.message(message, in);
    } catch (const Error&) {
        throw;
    } catch (const std::exception& e) {
        structure_ok = false;
        mail.problems.push_back("malformed MIME: " + describe(e));
    }

    std::string text =
        collector.plain().empty() ? html_to_text(collector.html()) : collector.plain();
    if (!structure_ok && text.empty()) {
        // Nothing readable came out of the structure: the raw body is the text,
        // so the customer's words are not lost.
        rewind(in, start);
        RawHeaders::read(in);
        std::string bytes;
        read_bounded(in, bytes, max_text_bytes);
        text = to_utf8(bytes, "").text;
        mail.problems.push_back("the raw message body is used as the text");
    }
    mail.text = Poco::trim(text);
    return mail;
}

ParsedMail parse_header_only(const MessageHeader& header) {
    ParsedMail mail;
    bool lossy = false;
    mail.message_id = Poco::trim(header.get("Message-ID", ""));
    mail.subject = repair_text(header.get("Subject", ""), &lossy);
    mail.from = parse_address(repair_text(header.get("From", ""), &lossy));
    mail.date = header.get("Date", "");
    if (lossy)
        mail.problems.push_back(
            "header: undecodable bytes in Subject or From replaced with U+FFFD");
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    for (const auto& [k, v] : header) {
        sha.update(k);
        sha.update(v);
    }
    mail.digest = Poco::DigestEngine::digestToHex(sha.digest());
    return mail;
}

} // namespace redress::email
