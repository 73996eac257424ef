// redress import: registration forms from a CSV file, streamed to the import
// channel (plugins/import) in chunks, so a file of any size goes through in
// bounded memory on both sides.
//
// Each chunk is POSTed to /import/batches with the row number of its first
// record; the answer says how many bytes of whole records were consumed, and
// the rest is sent again in front of the next chunk. The first answer gives
// the header's length; its bytes go with every later chunk, base64, in
// X-Import-Header. A record longer than the chunk makes the next one larger.
#include "commands.hpp"
#include "errors.hpp"
#include "import_progress.hpp"
#include "json_util.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace redress::cli {
namespace {

// Under the server's default body limit (1 MiB), with room to spare.
constexpr std::size_t default_chunk = 960 * 1024;
// The most one request may carry while a single record does not fit.
constexpr std::size_t max_request = 64 * 1024 * 1024;

struct Totals {
    std::int64_t rows = 0, created = 0, duplicates = 0, errors = 0;
    Poco::JSON::Array::Ptr error_list = new Poco::JSON::Array; // --json only
};

std::string base64(const std::string& bytes) {
    std::ostringstream out;
    Poco::Base64Encoder encoder(out);
    encoder.rdbuf()->setLineLength(0);
    encoder << bytes;
    encoder.close();
    return out.str();
}

std::size_t chunk_size(const ParsedArgs& args) {
    auto v = args.value("chunk-size");
    if (!v)
        return default_chunk;
    std::size_t n = 0;
    bool ok = !v->empty() && v->size() < 10;
    for (char c : *v)
        ok = ok && c >= '0' && c <= '9';
    if (ok)
        n = std::stoul(*v);
    if (!ok || n < 16 || n > max_request)
        throw UsageError("--chunk-size must be a number of bytes from 16 to " +
                             std::to_string(max_request) + ", not \"" + *v + "\"",
                         "import");
    return n;
}

std::int64_t number_of(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o->has(key))
        throw ApiError(500, "bad_reply", "the import answer has no \"" + key + "\"");
    return o->getValue<Poco::Int64>(key);
}

void import_file(Context& ctx, const ParsedArgs& args) {
    const std::string path = args.positional().at(0);
    auto department = args.value("department");
    if (!department || department->empty())
        throw UsageError("--department is required: the department the complaints belong to",
                         "import");
    std::string encoding = args.value("encoding").value_or("utf-8");
    if (encoding != "utf-8" && encoding != "gbk" && encoding != "gb18030")
        throw UsageError("--encoding must be utf-8, gbk or gb18030, not \"" + encoding + "\"",
                         "import");
    const bool dry_run = args.has("dry-run");
    const std::size_t chunk = chunk_size(args);

    std::ifstream in(path, std::ios::binary);
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (!in || ec)
        throw UsageError("cannot read " + path + ": " +
                         (ec ? ec.message() : std::string("cannot open it")));
    if (size == 0)
        throw UsageError(path + " is empty: an import file starts with a header row");

    const std::string base =
        "/import/batches?department=" + path_segment(*department) + "&encoding=" + encoding +
        "&dry_run=" + (dry_run ? "1" : "0") +
        "&file=" + path_segment(std::filesystem::path(path).filename().string());
    ImportProgress progress(ctx.err, size, isatty(STDERR_FILENO) == 1);
    Totals totals;
    Poco::JSON::Array::Ptr unknown_columns = new Poco::JSON::Array;
    std::string body, header;
    std::int64_t row = 1;
    std::uint64_t done = 0;
    std::size_t limit = chunk;
    bool at_end = false;

    for (;;) {
        if (!at_end && body.size() < limit) {
            std::size_t had = body.size();
            body.resize(limit);
            in.read(body.data() + had, static_cast<std::streamsize>(limit - had));
            body.resize(had + static_cast<std::size_t>(in.gcount()));
            at_end = in.peek() == std::char_traits<char>::eof();
            if (in.bad())
                throw UsageError("cannot read " + path + " past byte " +
                                 std::to_string(done + had));
        }
        std::map<std::string, std::string> headers{{"Content-Type", "text/csv"}};
        if (!header.empty())
            headers["X-Import-Header"] = base64(header);
        std::string target = base + "&row=" + std::to_string(row) + (at_end ? "&final=1" : "");
        Reply reply;
        try {
            reply = ctx.api.post(target, body, headers);
        } catch (const ApiError& e) {
            if (e.status() == 413)
                throw CliError(ExitCode::Refused,
                               "row " + std::to_string(row) + ": a record longer than the " +
                                   "server takes in one request (" + std::to_string(body.size()) +
                                   " bytes sent; see the server's max_body); nothing from row " +
                                   std::to_string(row) + " on was imported");
            throw;
        }
        auto answer = reply.object();
        auto consumed = static_cast<std::size_t>(number_of(answer, "consumed"));
        auto header_bytes = static_cast<std::size_t>(number_of(answer, "header_bytes"));
        if (consumed > body.size() || header_bytes > consumed)
            throw ApiError(500, "bad_reply", "the import answer consumed more than was sent");
        if (header_bytes > 0) {
            header = body.substr(0, header_bytes);
            if (auto u = answer->getArray("unknown_columns"); u && u->size() > 0) {
                unknown_columns = u;
                std::string names;
                for (std::size_t i = 0; i < u->size(); ++i)
                    names += (i ? ", " : "") + u->getElement<std::string>(static_cast<unsigned>(i));
                ctx.err << "note: columns that fill no field were ignored: " << names << '\n';
            }
        }
        totals.rows += number_of(answer, "rows");
        totals.created += number_of(answer, "created");
        totals.duplicates += number_of(answer, "duplicates");
        if (auto errors = answer->getArray("errors")) {
            for (std::size_t i = 0; i < errors->size(); ++i) {
                auto e = errors->getObject(static_cast<unsigned>(i));
                ++totals.errors;
                if (ctx.json)
                    totals.error_list->add(e);
                else
                    ctx.out << "row " << text_of(e, "row") << ": " << text_of(e, "reason") << '\n';
            }
        }
        body.erase(0, consumed);
        done += consumed;
        row = number_of(answer, "next_row");
        progress.update(done, totals.rows);
        if (at_end && body.empty())
            break;
        if (at_end && consumed == 0) // a final chunk is always taken whole or in part
            throw ApiError(500, "bad_reply",
                           "the server left " + std::to_string(body.size()) +
                               " bytes of the end of the file unread");
        if (consumed == 0) {
            // One record is longer than what was sent: send more of it.
            if (limit >= max_request)
                throw CliError(ExitCode::Refused, "row " + std::to_string(row) +
                                                      ": a record longer than " +
                                                      std::to_string(max_request) + " bytes");
            limit = std::min(limit * 2, max_request);
        } else {
            limit = std::max(chunk, body.size() + chunk / 2);
        }
    }
    progress.finish(done, totals.rows);
    double rate = progress.rate(totals.rows);

    if (ctx.json) {
        Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
        out.set("file", path);
        out.set("department", *department);
        out.set("dry_run", dry_run);
        out.set("rows", totals.rows);
        out.set("created", totals.created);
        out.set("duplicates", totals.duplicates);
        out.set("errors", totals.error_list);
        out.set("unknown_columns", unknown_columns);
        ctx.out << to_json(out) << '\n';
    } else {
        ctx.out << (dry_run ? "dry run: nothing was stored\n" : "") << "rows        " << totals.rows
                << '\n'
                << (dry_run ? "would create " : "created     ") << totals.created << '\n'
                << "duplicates  " << totals.duplicates << '\n'
                << "errors      " << totals.errors << '\n';
        ctx.err << "note: " << static_cast<std::int64_t>(rate) << " rows/s\n";
    }
    if (totals.errors > 0)
        throw CliError(ExitCode::RowsRefused,
                       std::to_string(totals.errors) + " of " + std::to_string(totals.rows) +
                           " rows refused (listed above by row number); " +
                           (dry_run ? "the others would be stored"
                                    : "the others were stored: fix those rows and import the "
                                      "file again (stored rows are not stored twice)"));
}

} // namespace

std::vector<Command> import_commands() {
    CommandSpec spec;
    spec.name = "import";
    spec.arguments = "FILE";
    spec.summary = "register complaints in bulk from a CSV file (UTF-8, GBK, GB18030)";
    spec.description =
        "Registers one complaint per row of a CSV file (RFC 4180: quoted fields may hold\n"
        "commas, quotes written \"\" and line breaks; CRLF or LF; a UTF-8 BOM is skipped).\n"
        "The first row is the header: 客户名称/company, 联系人/contact, 电话/phone,\n"
        "邮箱/email, 地址/address, 产品名称/product, 规格/spec, 批号/batch,\n"
        "生产日期/production_date, 投诉原因/cause (required), 客户要求/request,\n"
        "类别/category, 严重程度/severity, 损失金额/loss (e.g. 1299.50), 币种/currency;\n"
        "the server's [plugin.import] config may add names. A column 编号 or id gives\n"
        "each row its key; without one a row's key is a hash of its content. Either\n"
        "way, importing the same file again creates nothing twice. You are recorded\n"
        "as the recorder of every complaint.\n"
        "\n"
        "The file is streamed in chunks (about 1 MiB), so any size goes through.\n"
        "Progress goes to stderr (a bar on a terminal, else a line every 5 s). Each\n"
        "refused row is printed as \"row N: reason\" (N as a spreadsheet numbers rows,\n"
        "the header being row 1), then a summary: rows, created, duplicates, errors.\n"
        "Good rows are stored even when others are refused; the exit code is then 5.";
    spec.flags = {
        {"department", "D", "the department the complaints belong to (required)"},
        {"encoding", "E", "the file's encoding: utf-8 (default), gbk or gb18030"},
        {"dry-run", "", "check every row and report, store nothing"},
        {"chunk-size", "BYTES", "bytes sent per request (default 983040)"},
    };
    spec.min_positional = 1;
    spec.max_positional = 1;
    return {{spec, import_file}};
}

} // namespace redress::cli
