#include "form_token.hpp"

#include <Poco/HexBinaryEncoder.h>
#include <Poco/RandomStream.h>
#include <algorithm>
#include <array>
#include <sstream>

namespace redress::web {

std::string new_form_token() {
    std::array<char, 16> bytes{};
    Poco::RandomInputStream random;
    random.read(bytes.data(), bytes.size());
    std::ostringstream hex;
    Poco::HexBinaryEncoder encoder(hex);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    encoder.close();
    return hex.str();
}

bool acceptable_form_token(std::string_view token) noexcept {
    return token.size() >= 16 && token.size() <= 64 &&
           std::all_of(token.begin(), token.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
           });
}

} // namespace redress::web
