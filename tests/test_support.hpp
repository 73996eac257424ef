// Shared helpers for the test suite: where the fixtures are, temp folders,
// a silent logger.
#pragma once

#include <Poco/Logger.h>
#include <Poco/NullChannel.h>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace redress::test {

//! The fixture plugin built from tests/fixtures/plugins as <target>.so.
inline std::filesystem::path fixture(const std::string& target) {
    return std::filesystem::path(REDRESS_FIXTURE_DIR) / (target + ".so");
}

//! A fresh, empty folder under the system temp dir, removed with this object.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("redress-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

    //! Writes content to name and returns its path.
    std::filesystem::path write(const std::string& name, const std::string& content) const {
        auto p = path_ / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << content;
        return p;
    }

private:
    std::filesystem::path path_;
};

//! The example company's catalog (one TOML file per version).
inline std::filesystem::path example_catalog() {
    return std::filesystem::path(REDRESS_SOURCE_DIR) / "examples" / "catalog";
}

//! Copies every version of the example catalog into dir (created if needed).
inline void copy_example_catalog(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    for (const auto& f : std::filesystem::directory_iterator(example_catalog()))
        std::filesystem::copy_file(f.path(), dir / f.path().filename(),
                                   std::filesystem::copy_options::overwrite_existing);
}

//! A logger that discards everything.
inline Poco::Logger& quiet_logger() {
    Poco::Logger& l = Poco::Logger::get("test.quiet");
    static bool once = [&] {
        l.setChannel(new Poco::NullChannel);
        return true;
    }();
    (void)once;
    return l;
}

} // namespace redress::test
