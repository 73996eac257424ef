// JSON text written front to back, without a document tree: the reporter
// says what comes next (an object, a key, a value) and the writer adds the
// punctuation. The text accumulates in a buffer that the caller hands on
// and empties whenever it likes, so memory stays bounded however long the
// document is. Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace redress::report_json {

class JsonWriter {
public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    //! A key of the object being written; a value must follow.
    JsonWriter& key(std::string_view name);

    //! A string, escaped: '"', '\\' and control characters (as \u00XX), '<',
    //! '>' and '&' (as \u003c…, so the text can sit inside HTML <script>), and
    //! U+2028/U+2029 (line ends to JavaScript). Ill-formed UTF-8 becomes U+FFFD.
    JsonWriter& string(std::string_view text);
    //! A string, or null when absent.
    JsonWriter& string_or_null(const std::optional<std::string>& text);
    JsonWriter& integer(std::int64_t value);
    //! The shortest text that reads back as the same double, always with a
    //! point or an exponent ("2.0", "0.935", "1e+21") so typed readers see a
    //! double; NaN and infinities, which JSON lacks, as null.
    JsonWriter& number(double value);
    JsonWriter& null();

    //! The text written since the last clear().
    const std::string& text() const noexcept { return out_; }
    void clear() noexcept { out_.clear(); }

private:
    // Puts the comma between the values of an array or the members of an object.
    void separate();

    std::string out_;
    std::vector<bool> first_; // one per open container: nothing written in it yet
    bool after_key_ = false;
};

//! Appends text as a JSON string literal (quotes included), escaped as
//! JsonWriter::string says.
void append_json_string(std::string& out, std::string_view text);

} // namespace redress::report_json
