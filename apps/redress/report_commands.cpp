// redress reports | redress report NAME: the reports — which exist, and one
// rendered by redressd in a format and written to a file (or stdout).
#include "commands.hpp"
#include "errors.hpp"
#include "json_util.hpp"
#include "table.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>
#include <filesystem>
#include <fstream>

namespace redress::cli {
namespace {

void list(Context& ctx, const ParsedArgs&) {
    Reply r = ctx.api.get("/reports");
    if (ctx.json) {
        print_json_body(ctx, r);
        return;
    }
    auto body = r.object();
    Table table({"REPORT", "TITLE", "BY", "DEFAULT RANGE", "TABLES"});
    table.limit_width(4, 60);
    auto reports = body->getArray("reports");
    for (std::size_t i = 0; reports && i < reports->size(); ++i) {
        auto o = reports->getObject(static_cast<unsigned>(i));
        std::string tables;
        auto t = o->getArray("tables");
        for (std::size_t k = 0; t && k < t->size(); ++k)
            tables +=
                (tables.empty() ? "" : ", ") + t->getElement<std::string>(static_cast<unsigned>(k));
        table.add_row({text_of(o, "name"), text_of(o, "title"), text_of(o, "granularity"),
                       text_of(o, "default_from") + " – " + text_of(o, "default_to"), tables});
    }
    table.print(ctx.out);
    std::string formats;
    auto f = body->getArray("formats");
    for (std::size_t k = 0; f && k < f->size(); ++k)
        formats +=
            (formats.empty() ? "" : ", ") + f->getElement<std::string>(static_cast<unsigned>(k));
    ctx.out << "\nformats: " << (formats.empty() ? "(no reporter plugin loaded)" : formats) << "\n";
}

void report(Context& ctx, const ParsedArgs& args) {
    const std::string name = args.positional().at(0);
    const std::string format = args.value("format").value_or("html");
    const auto out = args.value("out");
    if (!out && (format == "xlsx"))
        throw UsageError("--format xlsx is binary: give --out FILE", "report");
    Poco::URI uri("/reports/" + name);
    uri.addQueryParameter("format", format);
    for (const char* flag : {"from", "to", "granularity", "language", "table"})
        if (auto v = args.value(flag))
            uri.addQueryParameter(flag, *v);
    for (const auto& d : args.values("department"))
        uri.addQueryParameter("department", d);
    for (const auto& c : args.values("channel"))
        uri.addQueryParameter("channel", c);
    Reply r = ctx.api.get(uri.toString());
    if (!out) {
        ctx.out << r.body;
        return;
    }
    // Written beside the target and renamed: a failed write leaves no half file.
    const std::filesystem::path target(*out), partial(*out + ".partial");
    {
        std::ofstream file(partial, std::ios::binary | std::ios::trunc);
        file.write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
        file.close();
        if (!file) {
            std::error_code ec;
            std::filesystem::remove(partial, ec);
            throw UsageError("cannot write " + target.string(), "report");
        }
    }
    std::filesystem::rename(partial, target);
    ctx.err << "wrote " << target.string() << " (" << r.body.size() << " bytes, " << format
            << ")\n";
}

} // namespace

std::vector<Command> report_commands() {
    CommandSpec l;
    l.name = "reports";
    l.summary = "the reports redressd offers and the formats it writes";
    l.description = "Lists every report with its title, how its figures are bucketed, the dates\n"
                    "it covers when none are given, and its tables; then the formats the loaded\n"
                    "reporter plugins write.";

    CommandSpec r;
    r.name = "report";
    r.arguments = "NAME";
    r.summary = "one report, rendered as html, csv, json or xlsx";
    r.description =
        "Renders report NAME (see `redress reports`) over --from..--to (local dates,\n"
        "inclusive; default: the report's own range, e.g. last week for weekly) and\n"
        "writes it to --out FILE, or to stdout. Needs a supervisor's token or higher;\n"
        "the token's departments limit what is counted.\n"
        "  redress report weekly --format html --out weekly.html\n"
        "  redress report monthly --from 2026-10-01 --to 2026-10-31 --format xlsx --out oct.xlsx\n"
        "  redress report volumes --department after-sales --channel phone --format csv";
    r.flags = {
        {"format", "F", "html (default), csv, json or xlsx"},
        {"out", "FILE", "write the report to FILE (needed for xlsx)"},
        {"from", "DATE", "first day, YYYY-MM-DD"},
        {"to", "DATE", "last day, YYYY-MM-DD (inclusive)"},
        {"granularity", "G", "day, week or month"},
        {"department", "D", "only department D (repeatable)", true},
        {"channel", "C", "only complaints from channel C (repeatable)", true},
        {"language", "L", "zh (default) or en"},
        {"table", "T", "only table T of the report"},
    };
    r.min_positional = r.max_positional = 1;
    return {{l, list}, {r, report}};
}

} // namespace redress::cli
