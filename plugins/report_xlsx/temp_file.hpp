// A file of our own in the system temp folder (TMPDIR, else /tmp), removed
// when the object dies — after a render that succeeded, failed or was
// abandoned alike. libxlsxwriter can only write to a named file.
#pragma once

#include <filesystem>
#include <redress/io.hpp>
#include <string>

namespace redress::report_xlsx {

class TempFile {
public:
    //! Creates an empty file named <prefix>XXXXXX (mkstemp, mode 0600).
    //! Throws Error(REDRESS_E_UNAVAILABLE) naming the folder when it cannot.
    explicit TempFile(const std::string& prefix);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    const std::filesystem::path& path() const noexcept { return path_; }

    //! Writes the file's bytes to out, in chunks of 64 KiB. Throws
    //! Error(REDRESS_E_INTERNAL) when the file cannot be read, and the sink's
    //! Error when out is closed.
    void copy_to(Sink& out) const;

private:
    std::filesystem::path path_;
};

} // namespace redress::report_xlsx
