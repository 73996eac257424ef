#include "utf8.hpp"

#include <array>
#include <cerrno>
#include <iconv.h>
#include <stdexcept>

namespace redress::intake {
namespace {

// An iconv descriptor keeps shift state, so each call opens its own; opening
// one costs far less than the request it checks.
class Decoder {
public:
    Decoder()
        : cd_(::iconv_open("UTF-32LE", "UTF-8")) {
        if (cd_ == reinterpret_cast<iconv_t>(-1))
            throw std::runtime_error("iconv cannot convert UTF-8 to UTF-32LE on this system");
    }
    ~Decoder() { ::iconv_close(cd_); }
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;
    iconv_t get() const noexcept { return cd_; }

private:
    iconv_t cd_;
};

} // namespace

bool valid_utf8(std::string_view bytes) {
    Decoder decoder;
    // iconv's input pointer is char** for historical reasons; it never writes through it.
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    std::array<char, 4096> buffer;
    while (in_left > 0) {
        char* out = buffer.data();
        std::size_t out_left = buffer.size();
        if (::iconv(decoder.get(), &in, &in_left, &out, &out_left) ==
            static_cast<std::size_t>(-1)) {
            if (errno == E2BIG)
                continue; // output full: the decoded text is thrown away, go on
            return false; // EILSEQ: an invalid sequence; EINVAL: truncated at the end
        }
    }
    return true;
}

} // namespace redress::intake
