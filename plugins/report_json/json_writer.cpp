#include "json_writer.hpp"

#include "report_stream/utf8_text.hpp"

#include <array>
#include <charconv>
#include <cmath>

namespace redress::report_json {

void append_json_string(std::string& out, std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    const auto escape = [&](char32_t cp) {
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4)
            out += hex[(cp >> shift) & 0xF];
    };
    out += '"';
    for (std::size_t pos = 0; pos < text.size();) {
        const auto byte = static_cast<unsigned char>(text[pos]);
        if (byte < 0x80) {
            if (byte == '"' || byte == '\\') {
                out += '\\';
                out += static_cast<char>(byte);
            } else if (byte < 0x20 || byte == 0x7F || byte == '<' || byte == '>' || byte == '&') {
                escape(byte);
            } else {
                out += static_cast<char>(byte);
            }
            ++pos;
            continue;
        }
        const report_stream::Utf8Char c = report_stream::decode_utf8(text, pos);
        if (!c.valid)
            report_stream::append_utf8(out, c.code_point);
        else if (c.code_point == 0x2028 || c.code_point == 0x2029)
            escape(c.code_point);
        else
            out.append(text.substr(pos, c.size));
        pos += c.size;
    }
    out += '"';
}

void JsonWriter::separate() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back())
            out_ += ',';
        first_.back() = false;
    }
}

JsonWriter& JsonWriter::begin_object() {
    separate();
    out_ += '{';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    out_ += '}';
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    separate();
    out_ += '[';
    first_.push_back(true);
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    out_ += ']';
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
    separate();
    append_json_string(out_, text);
    return *this;
}

JsonWriter& JsonWriter::string_or_null(const std::optional<std::string>& text) {
    return text ? string(*text) : null();
}

JsonWriter& JsonWriter::integer(std::int64_t value) {
    separate();
    out_ += std::to_string(value);
    return *this;
}

JsonWriter& JsonWriter::number(double value) {
    if (!std::isfinite(value))
        return null();
    separate();
    std::array<char, 32> buffer; // the shortest form of a double takes at most 24
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    std::string_view s(buffer.data(), ec == std::errc() ? end - buffer.data() : 0);
    out_ += s;
    if (s.find_first_of(".e") == std::string_view::npos)
        out_ += ".0";
    return *this;
}

JsonWriter& JsonWriter::null() {
    separate();
    out_ += "null";
    return *this;
}

} // namespace redress::report_json
