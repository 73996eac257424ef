// The import channel's CSV files (plugins/import/): a file planned as one
// final chunk, as the plugin plans a request (plan_chunk), and the same file
// sent the way `redress import` sends it — in chunks, each request carrying
// what the previous one did not consume, later ones with the header apart.
//
// Input: one byte of settings, then the file. Settings: bits 0-1 the encoding
// (UTF-8, GBK, GB18030), bits 2-7 the chunk size (16 × (1 + n) bytes); the
// chunked run takes at most 1 + (size % 7) records per request, so the
// "rest left for the next request" path runs too.
//
// Expected: std::invalid_argument, the plugin's "the whole file is unusable"
// (400 invalid_file). Findings besides crashes: the chunked run planning other
// rows or errors than the whole file, consuming bytes it was not given, or
// the decoder calling valid text invalid (or the reverse) where glibc's iconv
// itself, given room, decodes it.
#include "chunk_plan.hpp"
#include "csv_reader.hpp"
#include "fuzz_support.hpp"
#include "text_decoder.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iconv.h>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace redress::import;

constexpr const char* target = "csv_import_fuzz";

[[noreturn]] void finding(const std::string& what) {
    redress::fuzz::finding(target, what);
}

const ColumnMapping& mapping() {
    // As [plugin.import] key_column = ["编号", "id"] configures it.
    static const ColumnMapping m({{"问题", "cause"}}, {"编号", "id"});
    return m;
}

// Everything the plans say about the rows, by row number, to compare two runs.
struct Outcome {
    std::map<std::int64_t, std::string> rows;
    std::optional<std::string> refused; // the whole file's invalid_argument
};

void record(Outcome& out, const ChunkPlan& plan) {
    for (const PlannedRow& r : plan.forms) {
        std::string line = "form " + r.form.ref;
        for (const auto& [k, v] : r.form.fields)
            line += " | " + k + "=" + v;
        if (r.form.loss_minor)
            line += " | loss=" + std::to_string(*r.form.loss_minor);
        if (!out.rows.emplace(r.row, line).second)
            finding("row " + std::to_string(r.row) + " planned twice");
    }
    for (const RowError& e : plan.errors)
        if (!out.rows.emplace(e.row, "error " + e.reason).second)
            finding("row " + std::to_string(e.row) + " planned twice");
}

ChunkPlan plan(const ChunkInput& input, Encoding encoding) {
    TextDecoder decoder(encoding); // one per request, as the plugin makes it
    ChunkPlan p = plan_chunk(mapping(), input, decoder);
    if (p.consumed > input.body.size())
        finding("consumed " + std::to_string(p.consumed) + " bytes of a " +
                std::to_string(input.body.size()) + "-byte body");
    if (p.next_row < input.first_row)
        finding("next_row went back from " + std::to_string(input.first_row) + " to " +
                std::to_string(p.next_row));
    return p;
}

Outcome whole_file(std::string_view file, Encoding encoding) {
    Outcome out;
    ChunkInput input;
    input.body = file;
    input.final = true;
    input.department = "after-sales";
    input.currency = "CNY";
    input.max_records = file.size() + 1;
    try {
        ChunkPlan p = plan(input, encoding);
        if (p.consumed != file.size())
            finding("a final chunk left " + std::to_string(file.size() - p.consumed) +
                    " bytes unconsumed");
        record(out, p);
    } catch (const std::invalid_argument& e) {
        out.refused = e.what();
        redress::fuzz::note(target, std::string("refused: ") + e.what());
    }
    for (const auto& [row, what] : out.rows)
        redress::fuzz::note(target, "row " + std::to_string(row) + ": " + what);
    return out;
}

// The client's loop (apps/redress import): send a chunk, keep what was not
// consumed in front of the next one; a chunk too short for one record is
// sent again longer.
Outcome in_chunks(std::string_view file, Encoding encoding, std::size_t chunk,
                  std::size_t max_records) {
    Outcome out;
    std::optional<std::string> header;
    std::size_t pos = 0, want = chunk;
    std::int64_t row = 1;
    for (int requests = 0;; ++requests) {
        if (requests > 100000)
            finding("the chunked import does not finish");
        std::size_t end = std::min(file.size(), pos + want);
        ChunkInput input;
        input.header = header;
        input.body = file.substr(pos, end - pos);
        input.first_row = row;
        input.final = end == file.size();
        input.department = "after-sales";
        input.currency = "CNY";
        input.max_records = max_records;
        ChunkPlan p;
        try {
            p = plan(input, encoding);
        } catch (const std::invalid_argument& e) {
            out.refused = e.what();
            return out;
        }
        record(out, p);
        if (!header && p.header_bytes > 0)
            header = std::string(input.body.substr(0, p.header_bytes));
        pos += p.consumed;
        row = p.next_row;
        if (input.final && pos == file.size())
            return out;
        if (p.consumed == 0 && input.final)
            finding("a final chunk of " + std::to_string(input.body.size()) +
                    " bytes was not consumed at all");
        want = p.consumed == 0 ? want * 2 : chunk;
    }
}

// glibc's own answer, with room for any growth.
std::optional<std::string> iconv_reference(std::string_view text, const char* from) {
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == reinterpret_cast<iconv_t>(-1))
        finding(std::string("iconv lacks ") + from);
    std::string out(text.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(text.data());
    std::size_t in_left = text.size(), out_left = out.size();
    char* dst = out.data();
    std::size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
    iconv_close(cd);
    if (rc == static_cast<std::size_t>(-1))
        return std::nullopt;
    out.resize(out.size() - out_left);
    return out;
}

void check_decoder(std::string_view file, Encoding encoding) {
    if (encoding == Encoding::Utf8)
        return;
    TextDecoder decoder(encoding);
    CsvReader reader(file, true);
    for (int n = 0; n < 16; ++n) {
        auto rec = reader.next();
        if (!rec)
            return;
        for (const std::string& field : rec->fields) {
            auto ours = decoder.to_utf8(field);
            auto theirs = iconv_reference(field, encoding == Encoding::Gbk ? "GBK" : "GB18030");
            if (ours != theirs)
                finding("TextDecoder(" + std::string(encoding_name(encoding)) + ") says " +
                        (ours ? "valid" : "invalid") + ", iconv says " +
                        (theirs ? "valid" : "invalid") + " for a " + std::to_string(field.size()) +
                        "-byte field");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const Encoding encodings[] = {Encoding::Utf8, Encoding::Gbk, Encoding::Gb18030, Encoding::Utf8};
    const Encoding encoding = encodings[data[0] & 3];
    const std::size_t chunk = 16 * (1 + (data[0] >> 2));
    const std::string_view file(reinterpret_cast<const char*>(data) + 1, size - 1);

    check_decoder(file, encoding);
    Outcome whole = whole_file(file, encoding);
    Outcome chunked = in_chunks(file, encoding, chunk, 1 + size % 7);
    if (whole.refused != chunked.refused)
        finding("the whole file was " +
                (whole.refused ? "refused (" + *whole.refused + ")" : std::string("taken")) +
                " but in chunks " +
                (chunked.refused ? "refused (" + *chunked.refused + ")" : std::string("taken")));
    if (!whole.refused && whole.rows != chunked.rows) {
        auto [a, b] = std::mismatch(whole.rows.begin(), whole.rows.end(), chunked.rows.begin(),
                                    chunked.rows.end());
        finding("chunks change the rows: whole file " +
                (a == whole.rows.end() ? std::string("<end>")
                                       : "row " + std::to_string(a->first) + ": " + a->second) +
                "; in chunks " +
                (b == chunked.rows.end() ? std::string("<end>")
                                         : "row " + std::to_string(b->first) + ": " + b->second));
    }
    return 0;
}
