#include "daemon_options.hpp"

#include <system_error>

namespace redressd {

std::vector<std::filesystem::path> builtin_plugin_dirs() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec)
        return {};
    return {(exe.parent_path() / ".." / "lib" / "redress" / "plugins").lexically_normal()};
}

} // namespace redressd
