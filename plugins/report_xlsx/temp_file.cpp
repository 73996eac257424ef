#include "temp_file.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <unistd.h>
#include <vector>

namespace redress::report_xlsx {

TempFile::TempFile(const std::string& prefix) {
    std::error_code ec;
    const std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
    if (ec)
        throw Error(REDRESS_E_UNAVAILABLE,
                    "no temporary folder for the xlsx file: " + ec.message());
    std::string name = (dir / (prefix + "XXXXXX")).string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0)
        throw Error(REDRESS_E_UNAVAILABLE, "cannot create a temporary file in " + dir.string() +
                                               ": " + std::strerror(errno));
    // libxlsxwriter opens the file again by name; the descriptor is not needed.
    ::close(fd);
    path_ = name;
}

TempFile::~TempFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
}

void TempFile::copy_to(Sink& out) const {
    std::ifstream in(path_, std::ios::binary);
    if (!in)
        throw Error(REDRESS_E_INTERNAL, "cannot open the written xlsx file " + path_.string());
    std::vector<char> chunk(64 * 1024);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto n = static_cast<std::size_t>(in.gcount());
        if (n > 0)
            out.write(std::string_view(chunk.data(), n));
    }
    if (in.bad())
        throw Error(REDRESS_E_INTERNAL, "cannot read the written xlsx file " + path_.string());
}

} // namespace redress::report_xlsx
