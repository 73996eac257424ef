// The "import" intake channel: registration forms in bulk from CSV files.
//
// Protocol (the redress CLI's `redress import` speaks it; README.md of this
// folder has the full description): the client POSTs the file in chunks to
//   POST /import/batches?department=D&encoding=utf-8|gbk|gb18030&dry_run=0|1
//                       &file=NAME&row=N[&final=1]
// The first chunk starts with the header record; the answer says how long it
// was (header_bytes) and the client sends those bytes, base64, in the header
// X-Import-Header with every later chunk. Each answer says how many bytes of
// whole records were consumed; the client keeps the rest and puts it in front
// of the next chunk. Requests are independent: the plugin keeps no state
// between them, so any number of imports may run at once.
#include "chunk_plan.hpp"
#include "column_mapping.hpp"
#include "text_decoder.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <algorithm>
#include <array>
#include <map>
#include <redress/redress.hpp>
#include <sstream>
#include <stdexcept>

namespace {

using namespace redress;
using namespace redress::import;

// Every role may record complaints; an unknown one may not.
constexpr std::array<std::string_view, 5> roles = {"agent", "supervisor", "manager", "executive",
                                                   "admin"};

// A refusal of the whole request, answered as the REST API answers errors.
struct HttpFailure {
    int status;
    std::string code, message, field;
};

std::string to_json(const Poco::JSON::Object& o) {
    std::ostringstream s;
    o.stringify(s);
    return s.str();
}

void answer_error(HttpResponse& response, const HttpFailure& f) {
    Poco::JSON::Object error(Poco::JSON_PRESERVE_KEY_ORDER);
    error.set("code", f.code);
    error.set("message", f.message);
    if (!f.field.empty())
        error.set("field", f.field);
    Poco::JSON::Object root;
    root.set("error", error);
    response.status(f.status).content_type("application/json; charset=utf-8").body(to_json(root));
}

bool parse_flag(const HttpRequest& request, std::string_view name) {
    auto v = request.query(name);
    if (!v || *v == "0" || *v == "false" || v->empty())
        return false;
    if (*v == "1" || *v == "true")
        return true;
    throw HttpFailure{400, "invalid_parameter",
                      std::string(name) + " must be 0 or 1, not \"" + std::string(*v) + "\"",
                      std::string(name)};
}

std::int64_t parse_row(const HttpRequest& request) {
    auto v = request.query("row");
    if (!v)
        return 1;
    std::int64_t n = 0;
    bool ok = !v->empty() && v->size() <= 12;
    for (char c : *v)
        ok = ok && c >= '0' && c <= '9';
    if (ok)
        n = std::stoll(std::string(*v));
    if (!ok || n < 1)
        throw HttpFailure{400, "invalid_parameter",
                          "row must be a record number from 1 on, not \"" + std::string(*v) + "\"",
                          "row"};
    return n;
}

std::string decode_base64(std::string_view text) {
    std::istringstream in{std::string(text)};
    Poco::Base64Decoder decoder(in);
    std::string out((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    if (!in.eof() && in.fail())
        throw std::invalid_argument("bad base64");
    return out;
}

// The HTTP answer for a host service's failure.
HttpFailure failure_of(const Error& e) {
    switch (e.status()) {
    case REDRESS_E_INVALID:
        return {400, "invalid_field", e.what(), ""};
    case REDRESS_E_NOT_FOUND:
        return {404, "not_found", e.what(), ""};
    case REDRESS_E_REFUSED:
        return {403, "channel_disabled", e.what(), ""};
    case REDRESS_E_UNAVAILABLE:
        return {503, "store_unavailable", e.what(), ""};
    default:
        return {500, "internal", e.what(), ""};
    }
}

// The host names the form field at fault ("customer.phone: …"); say which
// column of the file that is, as the rows refused here do.
std::string with_column(const ColumnMap& columns, std::string_view message) {
    auto colon = message.find(':');
    if (colon != std::string_view::npos)
        if (auto column = columns.column_of(message.substr(0, colon)))
            return columns.describe(*column) + ": " + std::string(message);
    return std::string(message);
}

class ImportChannel : public IntakeChannel {
public:
    static PluginInfo info() {
        PluginInfo i;
        i.name = "import";
        i.version = "1.0.0";
        i.description = "batch import of registration forms from CSV files (UTF-8, GBK, GB18030)";
        i.channels = {"import"};
        i.http_prefixes = {"/import"};
        i.config = {
            {"column", ConfigType::TableList, false, "",
             "extra header names: [[plugin.import.column]] name = \"客户名称\", field = "
             "\"customer.company\" (they take precedence over the built-in names)"},
            {"column.name", ConfigType::String, true, "", "the header as written in the file"},
            {"column.field", ConfigType::String, true, "",
             "the form field it fills (cause, customer.phone, product.batch, loss, …)"},
            {"key_column", ConfigType::StringList, false, "[\"编号\", \"id\"]",
             "headers that hold a row's stable key, first present wins; without one a row's "
             "key is the SHA-256 of its content"},
        };
        return i;
    }

    ImportChannel(Host host, ConfigView config)
        : host_(host)
        , mapping_(make_mapping(config)) {}

    void handle_http(const HttpRequest& request, HttpResponse& response) override {
        try {
            if (request.path() != "/batches")
                throw HttpFailure{404, "not_found",
                                  "no such endpoint: " + std::string(request.prefix()) +
                                      std::string(request.path()) + " (POST /import/batches)",
                                  ""};
            if (request.method() != "POST")
                throw HttpFailure{405, "method_not_allowed", "/import/batches takes POST", ""};
            batch(request, response);
        } catch (const HttpFailure& f) {
            answer_error(response, f);
        } catch (const Error& e) {
            answer_error(response, failure_of(e));
        }
    }

private:
    static ColumnMapping make_mapping(const ConfigView& config) {
        std::vector<std::pair<std::string, std::string>> overrides;
        for (const ConfigView& c : config.tables("column"))
            overrides.emplace_back(c.string("name"), c.string("field"));
        std::vector<std::string> keys;
        for (auto k : config.strings("key_column"))
            keys.emplace_back(k);
        try {
            return ColumnMapping(overrides, keys);
        } catch (const std::invalid_argument& e) {
            throw Error(REDRESS_E_INVALID, std::string("[plugin.import] ") + e.what());
        }
    }

    // The department's currency; refuses an unknown department or one where
    // the channel is off.
    std::string department_currency(const std::string& department) const {
        OwnedRecord none = host_.make_record();
        OwnedRecord reply = host_.call(service::departments, none);
        for (const RecordView& d : reply.view().records("department")) {
            if (d.string("id") != department)
                continue;
            bool enabled = false;
            for (const RecordView& c : d.records("channel"))
                if (c.string("name") == "import")
                    enabled = c.boolean("enabled");
            if (!enabled)
                throw HttpFailure{403, "channel_disabled",
                                  "the import channel is disabled in department " + department +
                                      " (" + std::string(d.string("name")) + ")",
                                  "department"};
            return std::string(d.string("currency", "CNY"));
        }
        throw HttpFailure{404, "not_found", "no department \"" + department + "\"", "department"};
    }

    void batch(const HttpRequest& request, HttpResponse& response) const {
        auto caller = request.caller();
        if (!caller)
            throw HttpFailure{401, "unauthorized",
                              "importing needs an API token (Authorization: Bearer …)", ""};
        std::string department(request.query("department").value_or(""));
        if (department.empty())
            throw HttpFailure{400, "invalid_parameter", "department is required", "department"};
        if (std::find(roles.begin(), roles.end(), caller->role) == roles.end() ||
            !caller->may_act_in(department))
            throw HttpFailure{403, "forbidden",
                              caller->name + " (" + caller->role +
                                  ") may not record complaints in department " + department,
                              "department"};
        std::string_view encoding_text = request.query("encoding").value_or("utf-8");
        auto encoding = parse_encoding(encoding_text);
        if (!encoding)
            throw HttpFailure{400, "invalid_parameter",
                              "encoding must be utf-8, gbk or gb18030, not \"" +
                                  std::string(encoding_text) + "\"",
                              "encoding"};
        bool dry_run = parse_flag(request, "dry_run");
        ChunkInput input;
        input.final = parse_flag(request, "final");
        input.first_row = parse_row(request);
        input.body = request.body();
        input.department = department;
        if (auto h = request.header("x-import-header")) {
            try {
                input.header = decode_base64(*h);
            } catch (const std::exception&) {
                throw HttpFailure{400, "invalid_header",
                                  "X-Import-Header must be the header record in base64", ""};
            }
        }
        std::string currency = department_currency(department);
        input.currency = currency;

        TextDecoder decoder(*encoding);
        ChunkPlan plan;
        try {
            plan = plan_chunk(mapping_, input, decoder);
        } catch (const std::invalid_argument& e) {
            std::string file(request.query("file").value_or(""));
            throw HttpFailure{400, "invalid_file", (file.empty() ? "" : file + ": ") + e.what(),
                              ""};
        }

        std::int64_t created = 0, duplicates = 0;
        if (!plan.forms.empty())
            submit(plan, *caller, department, dry_run, created, duplicates);

        std::sort(plan.errors.begin(), plan.errors.end(),
                  [](const RowError& a, const RowError& b) { return a.row < b.row; });
        Poco::JSON::Object out(Poco::JSON_PRESERVE_KEY_ORDER);
        out.set("consumed", static_cast<Poco::UInt64>(plan.consumed));
        out.set("next_row", static_cast<Poco::Int64>(plan.next_row));
        out.set("header_bytes", static_cast<Poco::UInt64>(plan.header_bytes));
        out.set("rows", static_cast<Poco::Int64>(plan.rows));
        out.set("created", static_cast<Poco::Int64>(created));
        out.set("duplicates", static_cast<Poco::Int64>(duplicates));
        out.set("dry_run", dry_run);
        Poco::JSON::Array errors;
        for (const auto& e : plan.errors) {
            Poco::JSON::Object o(Poco::JSON_PRESERVE_KEY_ORDER);
            o.set("row", static_cast<Poco::Int64>(e.row));
            o.set("reason", e.reason);
            errors.add(o);
        }
        out.set("errors", errors);
        Poco::JSON::Array unknown;
        for (const auto& u : plan.unknown_columns)
            unknown.add(u);
        out.set("unknown_columns", unknown);
        response.status(200).content_type("application/json; charset=utf-8").body(to_json(out));
    }

    // Stores the chunk's good rows in one transaction (complaint.submit_batch)
    // and moves the rows the host refuses into plan.errors.
    void submit(ChunkPlan& plan, const Caller& caller, const std::string& department, bool dry_run,
                std::int64_t& created, std::int64_t& duplicates) const {
        OwnedRecord req = host_.make_record();
        RecordWriter w = req.writer();
        w.set("dry_run", dry_run);
        RecordWriter actor = w.add_record("actor");
        actor.set("name", caller.name).set("role", caller.role);
        for (const auto& d : caller.departments)
            actor.append("departments", d);
        for (const PlannedRow& p : plan.forms) {
            RecordWriter c = w.add_record("complaint");
            c.set(field::department, department)
                .set(field::channel, "import")
                .set(field::recorder, caller.name)
                .set("ref", p.form.ref);
            std::map<std::string, std::vector<std::pair<std::string, std::string>>> nested;
            for (const auto& [name, value] : p.form.fields) {
                auto dot = name.find('.');
                if (name == "loss")
                    continue; // written below, in minor units
                if (dot == std::string::npos)
                    c.set(name, value);
                else
                    nested[name.substr(0, dot)].emplace_back(name.substr(dot + 1), value);
            }
            for (auto& [record, fields] : nested) {
                RecordWriter r = c.add_record(record);
                for (const auto& [name, value] : fields)
                    r.set(name, value);
                if (record == "loss" && p.form.loss_minor)
                    r.set("amount_minor", *p.form.loss_minor);
            }
            RecordWriter data = c.add_record("channel_data");
            data.set("row", static_cast<std::int64_t>(p.row));
        }
        OwnedRecord reply = host_.call(service::submit_batch, req);
        for (const RecordView& r : reply.view().records("result")) {
            auto index = static_cast<std::size_t>(r.integer("index", -1));
            if (index >= plan.forms.size())
                throw Error(REDRESS_E_INTERNAL, "complaint.submit_batch answered index " +
                                                    std::to_string(index) + " of " +
                                                    std::to_string(plan.forms.size()));
            if (r.has("error")) {
                plan.errors.push_back(
                    {plan.forms[index].row, with_column(plan.columns, r.string("error"))});
                continue;
            }
            // A dry run stores nothing and says created = false for every
            // complaint: count the ones that passed as what would be created.
            if (dry_run || r.boolean("created"))
                ++created;
            else
                ++duplicates;
        }
    }

    Host host_;
    ColumnMapping mapping_;
};

} // namespace

REDRESS_PLUGIN(ImportChannel)
