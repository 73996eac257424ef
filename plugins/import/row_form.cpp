#include "row_form.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <algorithm>
#include <map>

namespace redress::import {
namespace {

// The handbook's words for the enumerated fields, as spreadsheets hold them.
const std::map<std::string, std::string, std::less<>> severity_words = {
    {"低", "low"},  {"轻微", "low"},  {"中", "medium"},     {"一般", "medium"},
    {"高", "high"}, {"严重", "high"}, {"紧急", "critical"}, {"特别严重", "critical"},
};
const std::map<std::string, std::string, std::less<>> customer_type_words = {
    {"要求型", "demanding"},
    {"困惑型", "confused"},
    {"激动型", "agitated"},
};

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string translate(const std::map<std::string, std::string, std::less<>>& words,
                      const std::string& value) {
    auto it = words.find(value);
    return it == words.end() ? lower_ascii(value) : it->second;
}

std::string printable(std::string_view bytes) {
    // For messages about undecodable text: show the bytes, not mojibake.
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = 0; i < bytes.size() && i < 16; ++i) {
        auto b = static_cast<unsigned char>(bytes[i]);
        out += (i ? " " : "");
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out + (bytes.size() > 16 ? " …" : "");
}

} // namespace

std::optional<std::int64_t> parse_amount_minor(std::string_view text) {
    std::string s;
    std::string_view t = trim(text);
    for (std::string_view sign : {"¥", "￥"})
        if (t.substr(0, sign.size()) == sign)
            t = trim(t.substr(sign.size()));
    for (char c : t)
        if (c != ',')
            s += c;
    std::size_t dot = s.find('.');
    std::string whole = s.substr(0, dot);
    std::string frac = dot == std::string::npos ? "" : s.substr(dot + 1);
    auto digits = [](const std::string& d) {
        return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (whole.empty() || whole.size() > 15 || frac.size() > 2 || !digits(whole) || !digits(frac) ||
        (dot != std::string::npos && frac.empty()))
        return std::nullopt;
    while (frac.size() < 2)
        frac += '0';
    return std::stoll(whole) * 100 + std::stoll(frac);
}

std::string sha256_hex(std::string_view data) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(data.data(), static_cast<unsigned>(data.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

RowOutcome build_row(const ColumnMap& map, const CsvRecord& record, TextDecoder& decoder,
                     std::string_view department, std::string_view currency) {
    RowOutcome out;
    if (record.blank())
        return out.blank = true, out;
    if (!record.error.empty()) {
        out.error = map.describe(record.error_column - 1) + ": " + record.error;
        return out;
    }
    bool all_empty = std::all_of(record.fields.begin(), record.fields.end(),
                                 [](const std::string& f) { return trim(f).empty(); });
    if (all_empty)
        return out.blank = true, out;
    if (record.fields.size() != map.headers.size()) {
        out.error = "the row has " + std::to_string(record.fields.size()) +
                    " fields but the header has " + std::to_string(map.headers.size()) +
                    " (a line break or comma in an unquoted field?)";
        return out;
    }

    FormRow form;
    std::string key;
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (!map.field[i] && i != map.key_column)
            continue;
        auto text = decoder.to_utf8(record.fields[i]);
        if (!text) {
            out.error = map.describe(i) + ": not valid " +
                        std::string(encoding_name(decoder.encoding())) + " text (bytes " +
                        printable(record.fields[i]) + "); is --encoding right?";
            return out;
        }
        std::string value(trim(*text));
        if (i == map.key_column) {
            key = value;
            if (key.empty()) {
                out.error = map.describe(i) + ": the row key is empty";
                return out;
            }
            continue;
        }
        if (value.empty())
            continue;
        const std::string& field = *map.field[i];
        if (field == "severity")
            value = translate(severity_words, value);
        else if (field == "customer.type")
            value = translate(customer_type_words, value);
        else if (field == "loss.currency")
            value = [](std::string s) {
                for (char& c : s)
                    if (c >= 'a' && c <= 'z')
                        c = static_cast<char>(c - 'a' + 'A');
                return s;
            }(value);
        if (field == "loss") {
            form.loss_minor = parse_amount_minor(value);
            if (!form.loss_minor) {
                out.error = map.describe(i) + ": \"" + value +
                            "\" is not an amount such as 1299.50 (at most two decimals)";
                return out;
            }
        }
        form.fields.emplace_back(field, std::move(value));
    }
    auto has = [&](std::string_view f) {
        return std::any_of(form.fields.begin(), form.fields.end(),
                           [&](const auto& p) { return p.first == f; });
    };
    if (!has("cause")) {
        out.error = map.describe(*map.column_of("cause")) + ": the cause is empty";
        return out;
    }
    if (form.loss_minor && !has("loss.currency"))
        form.fields.emplace_back("loss.currency", std::string(currency));
    if (!form.loss_minor && has("loss.currency"))
        std::erase_if(form.fields, [](const auto& p) { return p.first == "loss.currency"; });

    if (key.empty()) {
        auto sorted = form.fields;
        std::sort(sorted.begin(), sorted.end());
        std::string normal(department);
        for (const auto& [f, v] : sorted)
            normal += "\x1e" + f + "\x1f" + v;
        key = "sha256:" + sha256_hex(normal);
    }
    form.ref = std::string(department) + "/" + key;
    out.form = std::move(form);
    return out;
}

} // namespace redress::import
