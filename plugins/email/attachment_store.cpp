#include "attachment_store.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <atomic>
#include <fstream>
#include <redress/error.hpp>
#include <system_error>
#include <unistd.h>

namespace redress::email {

AttachmentStore::AttachmentStore(std::filesystem::path dir, std::uint64_t max_bytes)
    : dir_(std::filesystem::absolute(std::move(dir)))
    , max_bytes_(max_bytes) {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec)
        throw Error(REDRESS_E_UNAVAILABLE,
                    "attachment_dir '" + dir_.string() + "' cannot be created: " + ec.message());
}

AttachmentRef AttachmentStore::store(std::istream& in, std::string name, std::string type) {
    static std::atomic<unsigned> counter{0};
    AttachmentRef ref;
    ref.name = std::move(name);
    ref.type = std::move(type);

    auto temp = dir_ / (".incoming-" + std::to_string(::getpid()) + "-" +
                        std::to_string(counter.fetch_add(1)));
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error(REDRESS_E_UNAVAILABLE, "cannot write in attachment_dir '" + dir_.string() +
                                               "' (" + temp.filename().string() + ")");
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    char buffer[64 * 1024];
    bool keep = true;
    try {
        while (in) {
            in.read(buffer, sizeof buffer);
            auto n = static_cast<std::size_t>(in.gcount());
            if (n == 0)
                break;
            sha.update(buffer, n);
            ref.size += n;
            if (keep && ref.size > max_bytes_) {
                keep = false; // too large: stop writing, keep reading for size and digest
                out.close();
            }
            if (keep)
                out.write(buffer, static_cast<std::streamsize>(n));
        }
    } catch (...) {
        out.close();
        std::filesystem::remove(temp);
        throw;
    }
    ref.sha256 = Poco::DigestEngine::digestToHex(sha.digest());
    if (keep) {
        out.close();
        if (!out) {
            std::filesystem::remove(temp);
            throw Error(REDRESS_E_UNAVAILABLE,
                        "writing attachment '" + ref.name + "' to '" + dir_.string() + "' failed");
        }
        auto final_path = dir_ / ref.sha256;
        std::error_code ec;
        if (std::filesystem::exists(final_path, ec))
            std::filesystem::remove(temp, ec); // the same bytes are already kept
        else
            std::filesystem::rename(temp, final_path);
        ref.path = final_path.string();
    } else {
        std::filesystem::remove(temp);
        ref.note = "not kept: " + std::to_string(ref.size) +
                   " bytes, more than max_attachment_bytes (" + std::to_string(max_bytes_) + ")";
    }
    return ref;
}

} // namespace redress::email
