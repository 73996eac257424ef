// Where a mail's attachments are kept: one file per distinct content, named by
// its SHA-256, in the configured attachment_dir.
//
// Attachments are streamed: at most one buffer of an attachment is in memory,
// however large it is. Storing the same bytes twice yields the same file, so a
// mail fetched twice costs no extra space. Thread-safe for distinct contents
// (files are written under unique temporary names and renamed into place).
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <string>

namespace redress::email {

//! A reference to an attachment, as the complaint keeps it.
struct AttachmentRef {
    std::string name;       //!< file name from the mail (UTF-8), or "attachment-N"
    std::string type;       //!< media type, e.g. "application/pdf"
    std::uint64_t size = 0; //!< decoded size in bytes
    std::string sha256;     //!< hex digest of the decoded bytes
    std::string path;       //!< where the file is; empty when it was not kept
    std::string note;       //!< why it was not kept (too large, broken encoding…)
};

class AttachmentStore {
public:
    //! Keeps attachments of at most max_bytes in dir (created when missing).
    //! Throws redress::Error(REDRESS_E_UNAVAILABLE) naming dir when it cannot
    //! be created.
    AttachmentStore(std::filesystem::path dir, std::uint64_t max_bytes);

    //! Reads in to its end and keeps the bytes, unless there are more than
    //! max_bytes: then it still reads to the end (for size and digest) but
    //! keeps nothing and says so in note. A read error (broken base64…) is
    //! rethrown after the partial file is removed.
    AttachmentRef store(std::istream& in, std::string name, std::string type);

    const std::filesystem::path& dir() const noexcept { return dir_; }
    std::uint64_t max_bytes() const noexcept { return max_bytes_; }

private:
    std::filesystem::path dir_;
    std::uint64_t max_bytes_;
};

} // namespace redress::email
