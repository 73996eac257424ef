// The redress command-line client as a user runs it: the real binary as a
// process, talking HTTP to a real redressd on a fresh SQLite database.
// Covers every command, --json, paging, Chinese text and column alignment,
// and the exit codes scripts rely on; compensation (propose, approve, agree,
// tasks, budget) with the shipped goodwill policy.
#include "../api/api_fixture.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <regex>
#include <set>

using namespace redress::test;

namespace {

struct CliRun {
    int code = -1;
    std::string out, err;
};

//! Runs the redress binary with exactly these REDRESS_* variables.
CliRun run_redress(const std::vector<std::string>& args, const std::string& url,
                   const std::string& token) {
    Poco::Pipe out, err;
    Poco::Process::Env env{{"REDRESS_URL", url}, {"REDRESS_TOKEN", token}};
    Poco::ProcessHandle h =
        Poco::Process::launch(REDRESS_CLI_PATH, args, "", nullptr, &out, &err, env);
    Poco::PipeInputStream out_stream(out), err_stream(err);
    CliRun r;
    // Drain stderr beside stdout so neither pipe can fill up and block the child.
    std::thread drain([&] {
        std::stringstream s;
        s << err_stream.rdbuf();
        r.err = s.str();
    });
    std::stringstream s;
    s << out_stream.rdbuf();
    drain.join();
    r.out = s.str();
    r.code = h.wait();
    return r;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

//! Terminal columns of UTF-8 text: CJK and fullwidth characters count 2.
std::size_t columns(const std::string& s) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0x7F >> len);
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        bool wide = (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                    (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60);
        width += wide ? 2 : 1;
        i += len;
    }
    return width;
}

//! The display column at which `needle` starts in `line` (npos if absent).
std::size_t column_of(const std::string& line, const std::string& needle) {
    auto at = line.find(needle);
    return at == std::string::npos ? std::string::npos : columns(line.substr(0, at));
}

//! A port on loopback that nothing listens on: bound, then closed.
int closed_port() {
    Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
    int port = s.address().port();
    s.close();
    return port;
}

const std::string cause = "洗衣机漏水，用了三天就坏了";

class CliTest : public ApiFixture {
protected:
    std::string url() const { return "http://127.0.0.1:" + std::to_string(daemon_->port()); }

    CliRun cli(const std::vector<std::string>& args) { return run_redress(args, url(), agent_); }
    CliRun cli_as(const std::string& token, const std::vector<std::string>& args) {
        return run_redress(args, url(), token);
    }

    Poco::JSON::Object::Ptr fetch(const std::string& id) {
        auto r = call("GET", "/complaints/" + id, agent_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body);
    }

    //! Submits from flags; returns the tracking number.
    std::string submit_flags(const std::string& company = "华东贸易公司") {
        auto r = cli(
            {"submit",          "--department", "after-sales", "--channel",     "phone",
             "--cause",         cause,          "--request",   "换一台新的",    "--company",
             company,           "--contact",    "王先生",      "--phone",       "+86 21 5555 0101",
             "--customer-type", "agitated",     "--product",   "滚筒洗衣机 X7", "--batch",
             "B-2026-07",       "--loss",       "129900",      "--currency",    "CNY"});
        EXPECT_EQ(r.code, 0) << r.err;
        auto lines = lines_of(r.out);
        return lines.empty() ? "" : lines[0];
    }
};

const std::regex tracking_number(R"(^AS-\d{4}-\d{6}$)");

TEST_P(CliTest, SubmitFromFlagsPrintsTheTrackingNumberAndShowRoundTripsTheChinese) {
    std::string id = submit_flags();
    ASSERT_TRUE(std::regex_match(id, tracking_number)) << id;

    auto stored = fetch(id);
    EXPECT_EQ(stored->getValue<std::string>("cause"), cause);
    EXPECT_EQ(stored->getObject("customer")->getValue<std::string>("company"), "华东贸易公司");
    EXPECT_EQ(stored->getObject("customer")->getValue<std::string>("type"), "agitated");
    EXPECT_EQ(stored->getObject("product")->getValue<std::string>("batch"), "B-2026-07");
    EXPECT_EQ(stored->getObject("loss")->getValue<Poco::Int64>("amount_minor"), 129900);

    auto show = cli({"show", id});
    ASSERT_EQ(show.code, 0) << show.err;
    for (const std::string& expected :
         {id, cause, std::string("换一台新的"), std::string("华东贸易公司"), std::string("王先生"),
          std::string("滚筒洗衣机 X7"), std::string("1299.00 CNY"), std::string("Timeline"),
          std::string("created"), std::string("→ received"), std::string("agent-li")})
        EXPECT_NE(show.out.find(expected), std::string::npos) << expected << "\n" << show.out;
    // The submit output names the SLA due times.
    auto again = cli({"submit", "--department", "after-sales", "--channel", "phone", "--cause", "x",
                      "--contact", "Bob", "--phone", "1"});
    EXPECT_NE(again.out.find("first response due"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("resolution due"), std::string::npos) << again.out;
}

TEST_P(CliTest, SubmitFromJsonAndTomlFilesKeepsEveryChineseField) {
    auto json = dir_.write("complaint.json", complaint_body());
    auto toml = dir_.write("complaint.toml", "department = \"after-sales\"\n"
                                             "channel = \"web\"\n"
                                             "category = \"delivery\"\n"
                                             "cause = \"送货迟到了两周，包装也破了\"\n"
                                             "request = \"退运费\"\n"
                                             "[customer]\n"
                                             "contact = \"李女士\"\n"
                                             "email = \"li@example.cn\"\n"
                                             "address = \"上海市浦东新区世纪大道 100 号\"\n"
                                             "[product]\n"
                                             "name = \"电冰箱\"\n"
                                             "previous_brand = \"美的\"\n"
                                             "[loss]\n"
                                             "amount_minor = 5_000\n"
                                             "currency = \"CNY\"\n");
    auto from_json = cli({"submit", "--file", json.string()});
    ASSERT_EQ(from_json.code, 0) << from_json.err;
    auto from_toml = cli({"submit", "--file", toml.string()});
    ASSERT_EQ(from_toml.code, 0) << from_toml.err;
    std::string json_id = lines_of(from_json.out).at(0), toml_id = lines_of(from_toml.out).at(0);
    EXPECT_TRUE(std::regex_match(json_id, tracking_number)) << json_id;
    EXPECT_TRUE(std::regex_match(toml_id, tracking_number)) << toml_id;

    auto j = fetch(json_id);
    EXPECT_EQ(j->getValue<std::string>("cause"), cause);
    EXPECT_EQ(j->getObject("product")->getValue<std::string>("previous_brand"), "海尔");
    auto t = fetch(toml_id);
    EXPECT_EQ(t->getValue<std::string>("cause"), "送货迟到了两周，包装也破了");
    EXPECT_EQ(t->getValue<std::string>("channel"), "web");
    EXPECT_EQ(t->getObject("customer")->getValue<std::string>("address"),
              "上海市浦东新区世纪大道 100 号");
    EXPECT_EQ(t->getObject("product")->getValue<std::string>("previous_brand"), "美的");
    EXPECT_EQ(t->getObject("loss")->getValue<Poco::Int64>("amount_minor"), 5000);

    auto show = cli({"show", toml_id});
    ASSERT_EQ(show.code, 0) << show.err;
    for (const char* expected : {"送货迟到了两周，包装也破了", "李女士",
                                 "上海市浦东新区世纪大道 100 号", "电冰箱", "美的", "50.00 CNY"})
        EXPECT_NE(show.out.find(expected), std::string::npos) << expected << "\n" << show.out;
    auto show_json = cli({"show", json_id, "--json"});
    ASSERT_EQ(show_json.code, 0) << show_json.err;
    EXPECT_EQ(parse(show_json.out)->getValue<std::string>("cause"), cause);
}

TEST_P(CliTest, FlagsOverrideTheFileAndIdempotencyKeyNeverDuplicates) {
    auto json = dir_.write("complaint.json", complaint_body());
    auto first =
        cli({"submit", "--file", json.string(), "--severity", "high", "--idempotency-key", "k-1"});
    auto again =
        cli({"submit", "--file", json.string(), "--severity", "high", "--idempotency-key", "k-1"});
    ASSERT_EQ(first.code, 0) << first.err;
    ASSERT_EQ(again.code, 0) << again.err;
    std::string id = lines_of(first.out).at(0);
    EXPECT_EQ(lines_of(again.out).at(0), id);
    EXPECT_NE(again.err.find("Idempotency-Key"), std::string::npos) << again.err;
    EXPECT_EQ(fetch(id)->getValue<std::string>("severity"), "high");
    auto list = parse(call("GET", "/complaints", agent_).body);
    EXPECT_EQ(list->getArray("items")->size(), 1u);
}

TEST_P(CliTest, ListPrintsAnAlignedTableWithWideCharactersAndParseableJson) {
    std::string chinese = submit_flags("华东贸易公司");
    std::string ascii = submit_flags("ACME Trading");

    auto table = cli({"list"});
    ASSERT_EQ(table.code, 0) << table.err;
    auto lines = lines_of(table.out);
    ASSERT_EQ(lines.size(), 3u) << table.out;
    const std::string& header = lines[0];
    for (const char* column : {"TRACKING NUMBER", "STATUS", "DEPARTMENT", "CHANNEL", "CUSTOMER",
                               "RECEIVED (UTC)", "FIRST RESPONSE DUE (UTC)"})
        EXPECT_NE(header.find(column), std::string::npos) << column;
    std::size_t customer_col = column_of(header, "CUSTOMER");
    std::size_t received_col = column_of(header, "RECEIVED (UTC)");
    for (const auto& [line, id, company] :
         {std::tuple{lines[1], chinese, std::string("华东贸易公司")},
          std::tuple{lines[2], ascii, std::string("ACME Trading")}}) {
        EXPECT_EQ(line.find(id), 0u) << line;
        EXPECT_EQ(column_of(line, company), customer_col) << line;
        std::string received = fetch(id)->getValue<std::string>("received_at");
        received = received.substr(0, 10) + " " + received.substr(11, 5);
        EXPECT_EQ(column_of(line, received), received_col) << header << "\n" << line;
    }

    auto json = cli({"list", "--json"});
    ASSERT_EQ(json.code, 0) << json.err;
    auto items = parse(json.out)->getArray("items");
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("id"), chinese);
    EXPECT_EQ(items->getObject(0)->getObject("customer")->getValue<std::string>("company"),
              "华东贸易公司");

    auto filtered = cli({"list", "--customer", "华东", "--status", "received", "--json"});
    ASSERT_EQ(filtered.code, 0) << filtered.err;
    EXPECT_EQ(parse(filtered.out)->getArray("items")->size(), 1u);
}

TEST_P(CliTest, AllFollowsNextCursorThroughEveryPage) {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(create(agent_));

    auto one_page = cli({"list", "--limit", "2"});
    ASSERT_EQ(one_page.code, 0) << one_page.err;
    EXPECT_EQ(lines_of(one_page.out).size(), 3u) << one_page.out; // header + 2
    EXPECT_NE(one_page.err.find("--all"), std::string::npos) << one_page.err;

    auto all = cli({"list", "--limit", "2", "--all"});
    ASSERT_EQ(all.code, 0) << all.err;
    auto lines = lines_of(all.out);
    ASSERT_EQ(lines.size(), 6u) << all.out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        EXPECT_EQ(lines[i + 1].find(ids[i]), 0u) << lines[i + 1];

    auto json = cli({"list", "--limit", "2", "--all", "--json"});
    ASSERT_EQ(json.code, 0) << json.err;
    auto page = parse(json.out);
    auto items = page->getArray("items");
    ASSERT_EQ(items->size(), 5u);
    for (std::size_t i = 0; i < ids.size(); ++i)
        EXPECT_EQ(items->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"), ids[i]);
    EXPECT_TRUE(page->isNull("next_cursor"));
}

TEST_P(CliTest, TransitionTakesDataFromSetAndFromData) {
    std::string id = create(agent_);
    auto contact = cli({"transition", id, "contact", "--set", "restated_problem=洗衣机漏水",
                        "--set", "customer_confirmed=true", "--set", "method=phone"});
    ASSERT_EQ(contact.code, 0) << contact.err;
    EXPECT_NE(contact.out.find("received → contacted"), std::string::npos) << contact.out;

    auto analyse = cli(
        {"transition", id, "analyse", "--data",
         R"({"severity":"high","company_fault":"full","demand_reasonable":true,"findings":"密封圈批次缺陷"})"});
    ASSERT_EQ(analyse.code, 0) << analyse.err;
    EXPECT_NE(analyse.out.find("contacted → analysed"), std::string::npos) << analyse.out;

    auto propose =
        cli({"transition", id, "propose", "--set", R"(remedies=["replacement","apology"])", "--set",
             "amount_minor=129900", "--json"});
    ASSERT_EQ(propose.code, 0) << propose.err;
    auto result = parse(propose.out);
    EXPECT_EQ(result->getObject("complaint")->getValue<std::string>("status"), "proposed");
    EXPECT_EQ(result->getObject("complaint")
                  ->getObject("proposal")
                  ->getValue<Poco::Int64>("amount_minor"),
              129900);
    auto remedies = result->getObject("event")->getObject("data")->getArray("remedies");
    ASSERT_EQ(remedies->size(), 2u);
    EXPECT_EQ(remedies->getElement<std::string>(1), "apology");

    auto timeline = fetch(id)->getArray("timeline");
    auto contacted = timeline->getObject(1)->getObject("data");
    EXPECT_EQ(contacted->getValue<std::string>("restated_problem"), "洗衣机漏水");
    EXPECT_TRUE(contacted->get("customer_confirmed").isBoolean());
    EXPECT_EQ(timeline->getObject(2)->getObject("data")->getValue<std::string>("findings"),
              "密封圈批次缺陷");

    auto show = cli({"show", id});
    EXPECT_NE(show.out.find("contacted → analysed"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("propose"), std::string::npos) << show.out;
}

TEST_P(CliTest, CommentIsAddedToTheTimeline) {
    std::string id = create(agent_);
    auto r = cli({"comment", id, "客户来电催促，答应明天回电"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto timeline = fetch(id)->getArray("timeline");
    ASSERT_EQ(timeline->size(), 2u);
    EXPECT_EQ(timeline->getObject(1)->getValue<std::string>("type"), "comment");
    EXPECT_EQ(timeline->getObject(1)->getValue<std::string>("reason"),
              "客户来电催促，答应明天回电");
    auto show = cli({"show", id});
    EXPECT_NE(show.out.find("客户来电催促，答应明天回电"), std::string::npos) << show.out;
}

TEST_P(CliTest, TokensAreCreatedListedAndRevoked) {
    auto created = cli_as(admin_, {"token", "create", "--name", "质检-张", "--role", "agent",
                                   "--departments", "after-sales,call-centre", "--json"});
    ASSERT_EQ(created.code, 0) << created.err;
    auto token = parse(created.out);
    std::string secret = token->getValue<std::string>("secret");
    std::string id = token->getValue<std::string>("id");
    EXPECT_EQ(token->getArray("departments")->size(), 2u);

    auto shown = cli_as(
        admin_, {"token", "create", "--name", "ops", "--role", "supervisor", "--departments", "*"});
    ASSERT_EQ(shown.code, 0) << shown.err;
    EXPECT_NE(shown.out.find("secret"), std::string::npos) << shown.out;
    EXPECT_NE(shown.out.find("rdr_"), std::string::npos) << shown.out;

    auto list = cli_as(admin_, {"token", "list"});
    ASSERT_EQ(list.code, 0) << list.err;
    EXPECT_NE(list.out.find("质检-张"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find(id), std::string::npos) << list.out;
    EXPECT_EQ(list.out.find(secret), std::string::npos) << "secrets are never listed";
    auto listed = parse(cli_as(admin_, {"token", "list", "--json"}).out)->getArray("items");
    EXPECT_GE(listed->size(), 6u);

    EXPECT_EQ(cli_as(secret, {"list"}).code, 0);
    auto revoked = cli_as(admin_, {"token", "revoke", id});
    ASSERT_EQ(revoked.code, 0) << revoked.err;
    auto refused = cli_as(secret, {"list"});
    EXPECT_EQ(refused.code, 1);
    EXPECT_NE(refused.err.find("error: unauthorized: "), std::string::npos) << refused.err;
    auto again = cli_as(admin_, {"token", "revoke", id});
    EXPECT_EQ(again.code, 1);
    EXPECT_NE(again.err.find("not_found"), std::string::npos) << again.err;
    auto not_admin = cli({"token", "list"});
    EXPECT_EQ(not_admin.code, 1);
    EXPECT_NE(not_admin.err.find("forbidden"), std::string::npos) << not_admin.err;
}

TEST_P(CliTest, DepartmentsAlignsChineseNames) {
    auto r = cli_as(admin_, {"departments"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    std::size_t prefix_col = column_of(lines[0], "PREFIX");
    EXPECT_EQ(column_of(lines[1], "售后服务部"), column_of(lines[0], "NAME"));
    EXPECT_EQ(column_of(lines[1], "AS"), prefix_col) << r.out;
    EXPECT_EQ(column_of(lines[2], "CC"), prefix_col) << r.out;
    auto json = cli_as(agent_, {"departments", "--json"});
    ASSERT_EQ(json.code, 0) << json.err;
    auto items = parse(json.out)->getArray("items");
    ASSERT_EQ(items->size(), 1u); // the agent's own department only
    EXPECT_EQ(items->getObject(0)->getValue<std::string>("name"), "售后服务部");
}

TEST_P(CliTest, ChannelsAreSwitchedListedWithWhoAndWhenAndReset) {
    auto off = cli_as(supervisor_, {"channel", "disable", "after-sales", "phone"});
    ASSERT_EQ(off.code, 0) << off.err;
    EXPECT_NE(off.out.find("phone disabled (switched by 主管-王"), std::string::npos) << off.out;
    // Intake refuses at once, naming department and channel.
    auto refused = cli({"submit", "--department", "after-sales", "--channel", "phone", "--cause",
                        cause, "--contact", "王先生", "--phone", "+86 21 5555 0101"});
    EXPECT_EQ(refused.code, 1);
    EXPECT_NE(refused.err.find("channel_disabled"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("after-sales"), std::string::npos) << refused.err;

    auto listed = cli({"channel", "list", "after-sales"});
    ASSERT_EQ(listed.code, 0) << listed.err;
    auto lines = lines_of(listed.out);
    auto row = std::find_if(lines.begin(), lines.end(),
                            [](const std::string& l) { return l.rfind("phone ", 0) == 0; });
    ASSERT_NE(row, lines.end()) << listed.out;
    EXPECT_NE(row->find("disabled"), std::string::npos) << *row;
    EXPECT_NE(listed.out.find("latest switches:"), std::string::npos) << listed.out;
    auto json = cli({"channel", "list", "after-sales", "--json"});
    ASSERT_EQ(json.code, 0);
    EXPECT_EQ(parse(json.out)->getArray("audit")->size(), 1u);

    auto agent = cli({"channel", "enable", "after-sales", "phone"});
    EXPECT_EQ(agent.code, 1) << "agents may not switch channels";
    EXPECT_NE(agent.err.find("forbidden"), std::string::npos) << agent.err;
    EXPECT_EQ(cli_as(supervisor_, {"channel", "disable", "after-sales"}).code, 2);

    auto reset = cli_as(supervisor_, {"channel", "reset", "after-sales", "phone"});
    ASSERT_EQ(reset.code, 0) << reset.err;
    EXPECT_NE(reset.out.find("phone enabled (config)"), std::string::npos) << reset.out;
    EXPECT_FALSE(submit_flags().empty());
}

TEST_P(CliTest, RefusedRequestsExitOneWithTheApiErrorOnStderr) {
    std::string id = create(agent_);
    auto illegal = cli_as(supervisor_, {"transition", id, "approve"});
    EXPECT_EQ(illegal.code, 1);
    EXPECT_EQ(illegal.err.rfind("error: illegal_transition: cannot 'approve'", 0), 0u)
        << illegal.err;
    EXPECT_TRUE(illegal.out.empty()) << illegal.out;

    auto invalid =
        cli({"transition", id, "contact", "--set", "restated_problem=x", "--set", "method=phone"});
    EXPECT_EQ(invalid.code, 1);
    EXPECT_NE(invalid.err.find("error: missing_field: "), std::string::npos) << invalid.err;
    EXPECT_NE(invalid.err.find("[field: data.customer_confirmed]"), std::string::npos)
        << invalid.err;

    auto missing = cli({"show", "AS-1999-000999"});
    EXPECT_EQ(missing.code, 1);
    EXPECT_NE(missing.err.find("error: not_found: "), std::string::npos) << missing.err;
}

TEST_P(CliTest, UsageErrorsExitTwoAndSendNothing) {
    auto unknown = cli({"list", "--bogus"});
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.err.find("unknown flag --bogus"), std::string::npos) << unknown.err;

    auto no_file = cli({"submit", "--file", (dir_ / "missing.json").string()});
    EXPECT_EQ(no_file.code, 2);
    EXPECT_NE(no_file.err.find("missing.json"), std::string::npos) << no_file.err;

    auto bad_toml = cli({"submit", "--file", dir_.write("bad.toml", "cause = \n").string()});
    EXPECT_EQ(bad_toml.code, 2);
    EXPECT_NE(bad_toml.err.find("bad.toml:1:"), std::string::npos) << bad_toml.err;

    EXPECT_EQ(cli({"show"}).code, 2);                                      // missing argument
    EXPECT_EQ(cli({"show", "a", "b"}).code, 2);                            // one too many
    EXPECT_EQ(cli({"frobnicate"}).code, 2);                                // unknown command
    EXPECT_EQ(cli({"transition", "X", "contact", "--data", "{"}).code, 2); // bad JSON
    EXPECT_EQ(cli({"transition", "X", "contact", "--set", "novalue"}).code, 2);
    EXPECT_EQ(cli({"list", "--limit", "many"}).code, 2);
    EXPECT_EQ(cli({"submit", "--loss", "12.5"}).code, 2);
    EXPECT_EQ(cli({"token", "create", "--name", "x"}).code, 2);
    EXPECT_EQ(cli({}).code, 2);
    EXPECT_EQ(parse(call("GET", "/complaints", agent_).body)->getArray("items")->size(), 0u);
}

TEST_P(CliTest, ClosedPortExitsThree) {
    auto r = run_redress({"list"}, "http://127.0.0.1:" + std::to_string(closed_port()), agent_);
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.err.find("cannot reach"), std::string::npos) << r.err;
    auto flag = run_redress(
        {"--server", "http://127.0.0.1:" + std::to_string(closed_port()), "departments"}, url(),
        agent_);
    EXPECT_EQ(flag.code, 3) << "--server wins over REDRESS_URL";
}

TEST_P(CliTest, WrongOrMissingTokenExitsOneWithUnauthorized) {
    auto wrong = cli_as("rdr_not-a-real-token", {"list"});
    EXPECT_EQ(wrong.code, 1);
    EXPECT_NE(wrong.err.find("error: unauthorized: "), std::string::npos) << wrong.err;
    auto none = cli_as("", {"list"});
    EXPECT_EQ(none.code, 1);
    EXPECT_NE(none.err.find("unauthorized"), std::string::npos) << none.err;
    auto by_flag = cli_as("rdr_not-a-real-token", {"--token", agent_, "list"});
    EXPECT_EQ(by_flag.code, 0) << "--token wins over REDRESS_TOKEN: " << by_flag.err;
}

TEST_P(CliTest, HelpDocumentsTheCommandsAndExitCodes) {
    auto help = cli({"--help"});
    ASSERT_EQ(help.code, 0);
    for (const char* expected :
         {"submit", "list", "show ID", "transition ID ACTION", "comment ID TEXT", "departments",
          "token create", "token revoke ID", "Exit codes", "0  success", "1  the API refused",
          "2  usage error", "3  cannot reach the server", "4  server error"})
        EXPECT_NE(help.out.find(expected), std::string::npos) << expected;
    auto list_help = cli({"list", "--help"});
    EXPECT_EQ(list_help.code, 0);
    EXPECT_NE(list_help.out.find("--all"), std::string::npos) << list_help.out;
    auto token_help = cli({"token", "create", "--help"});
    EXPECT_EQ(token_help.code, 0);
    EXPECT_NE(token_help.out.find("--departments"), std::string::npos) << token_help.out;
}

// A stand-in server whose every answer is a 500 in the API's error shape.
class FailingHandler : public Poco::Net::HTTPRequestHandler {
public:
    void handleRequest(Poco::Net::HTTPServerRequest& req,
                       Poco::Net::HTTPServerResponse& resp) override {
        req.stream().ignore(std::numeric_limits<std::streamsize>::max());
        resp.setStatus(Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR);
        resp.setContentType("application/json");
        resp.send() << R"({"error":{"code":"internal","message":"the store broke"}})";
    }
};
class FailingFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    Poco::Net::HTTPRequestHandler*
    createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new FailingHandler;
    }
};

TEST_P(CliTest, ServerErrorExitsFour) {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
    int port = socket.address().port();
    Poco::Net::HTTPServer server(new FailingFactory, socket, new Poco::Net::HTTPServerParams);
    server.start();
    auto r = run_redress({"list"}, "http://127.0.0.1:" + std::to_string(port), agent_);
    server.stop();
    EXPECT_EQ(r.code, 4);
    EXPECT_NE(r.err.find("error: internal: the store broke"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CliTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

// Compensation from the command line: after-sales runs the shipped goodwill
// policy with its defaults; replacements are carried out by the warehouse.
class CompensationCliTest : public CliTest {
protected:
    void SetUp() override {
        CliTest::SetUp();
        if (IsSkipped())
            return;
        warehouse_ = token("仓库-赵", "agent", R"(["warehouse"])");
    }

    std::string config_text() const override {
        // Limits: agent 100.00, supervisor 2,000.00, manager 20,000.00; a monthly
        // budget of 3,000.00.
        return "[server]\nport = 0\nthreads = 8\nmax_body = \"64KiB\"\n"
               "[storage]\nurl = \"" +
               db_->url() +
               "\"\n"
               "[plugins]\nbuiltin = true\n"
               "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
               "channels = [\"phone\", \"web\"]\n"
               "approval = { agent = 100_00, supervisor = 2000_00, manager = 20000_00 }\n"
               "policies = [\"goodwill\"]\n"
               "budget = { monthly = 3000_00 }\n"
               "[[department]]\nid = \"call-centre\"\nname = \"客户服务中心\"\nprefix = \"CC\"\n"
               "channels = [\"phone\", \"web\"]\n"
               "[[department]]\nid = \"warehouse\"\nname = \"仓储物流部\"\nprefix = \"WH\"\n"
               "[remedies]\n"
               "replacement = { department = \"warehouse\", due = \"2d\" }\n";
    }

    //! A complaint (stated loss 1,299.00 CNY, agitated customer) contacted and
    //! analysed through the CLI, ready for a proposal.
    std::string analysed(const std::string& fault = "full", bool reasonable = true) {
        std::string id = create(agent_);
        auto contact = cli({"transition", id, "contact", "--set", "restated_problem=洗衣机漏水",
                            "--set", "customer_confirmed=true", "--set", "method=phone"});
        EXPECT_EQ(contact.code, 0) << contact.err;
        auto analyse = cli({"transition", id, "analyse", "--set", "severity=medium", "--set",
                            "company_fault=" + fault, "--set",
                            std::string("demand_reasonable=") + (reasonable ? "true" : "false"),
                            "--set", "findings=密封圈批次缺陷"});
        EXPECT_EQ(analyse.code, 0) << analyse.err;
        return id;
    }

    //! B and C for the customer: with the company fully at fault goodwill grants
    //! 135% of the loss, 1,753.65 CNY, a replacement, an apology and a senior
    //! call: a supervisor's to approve.
    static std::vector<std::string> generous(const std::string& id) {
        return {"propose", id, "--buy-again", "--word-of-mouth", "high"};
    }

    std::string status_of(const std::string& id) {
        return fetch(id)->getValue<std::string>("status");
    }

    //! The ids of the open tasks `redress tasks ARGS --json` lists for the token.
    std::vector<std::string> task_ids(const std::string& token, std::vector<std::string> args) {
        args.insert(args.begin(), "tasks");
        args.push_back("--json");
        auto r = cli_as(token, args);
        EXPECT_EQ(r.code, 0) << r.err;
        std::vector<std::string> out;
        auto items = parse(r.out)->getArray("items");
        for (std::size_t i = 0; i < items->size(); ++i)
            out.push_back(std::to_string(items->getObject(i)->getValue<Poco::Int64>("id")));
        return out;
    }

    std::string warehouse_;
};

TEST_P(CompensationCliTest, ProposeDryRunShowsTheReasonsAndStoresNothing) {
    // A, B and C: 155% of the loss, capped at 150% (1,948.50 CNY); the plant
    // visit for a long-term customer needs a manager (the default [remedies]).
    std::string id = analysed();
    std::vector<std::string> args{"propose",         id,     "--long-term", "--buy-again",
                                  "--word-of-mouth", "high", "--dry-run"};
    auto preview = cli(args);
    ASSERT_EQ(preview.code, 0) << preview.err;
    for (const char* expected : {"Proposal for ",
                                 "(dry run: nothing was stored)",
                                 "decision",
                                 "grant",
                                 "remedies",
                                 "replacement, apology, senior_call, plant_visit",
                                 "1948.50 CNY",
                                 "approval by",
                                 "a manager or higher",
                                 "- the remedy plant_visit needs a manager or higher",
                                 "Factors",
                                 "A long-term",
                                 "C word of mouth",
                                 "high",
                                 "E company fault",
                                 "full",
                                 "stated loss",
                                 "1299.00 CNY",
                                 "Policy steps",
                                 "1. goodwill (proposed): grant 0.00 → 1948.50 CNY",
                                 "- E: the company is fully at fault",
                                 "- cap: "})
        EXPECT_NE(preview.out.find(expected), std::string::npos) << expected << "\n" << preview.out;
    EXPECT_NE(preview.out.find(id), std::string::npos) << preview.out;
    // Each level reason is printed under the level, as a bullet.
    auto lines = lines_of(preview.out);
    auto level = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
        return l.find("approval by") != std::string::npos;
    });
    ASSERT_NE(level, lines.end());
    ASSERT_NE(level + 1, lines.end());
    EXPECT_EQ(column_of(*(level + 1), "- "), column_of(*level, "a manager")) << preview.out;
    EXPECT_EQ(status_of(id), "analysed");

    args.push_back("--json");
    auto json = cli(args);
    ASSERT_EQ(json.code, 0) << json.err;
    auto body = parse(json.out);
    EXPECT_TRUE(body->getValue<bool>("dry_run"));
    EXPECT_FALSE(body->has("complaint")) << json.out;
    auto p = body->getObject("proposal");
    EXPECT_EQ(p->getValue<Poco::Int64>("amount_minor"), 194850);
    EXPECT_EQ(p->getValue<std::string>("required_level"), "manager");
    auto factors = p->getObject("factors");
    EXPECT_TRUE(factors->getValue<bool>("long_term"));
    EXPECT_TRUE(factors->getValue<bool>("will_buy_again"));
    EXPECT_EQ(factors->getValue<std::string>("word_of_mouth"), "high");
    EXPECT_EQ(status_of(id), "analysed");
    EXPECT_EQ(parse(call("GET", "/complaints/" + id + "/proposals", agent_).body)
                  ->getArray("items")
                  ->size(),
              0u);
}

TEST_P(CompensationCliTest, ProposeStoresTheProposalAndPrintsTheMove) {
    std::string id = analysed();
    auto args = generous(id);
    args.insert(args.end(), {"--tier", "key", "--ask", "1800", "--asked", "replacement,apology",
                             "--note", "客户要求换新"});
    auto r = cli(args);
    ASSERT_EQ(r.code, 0) << r.err;
    for (const char* expected :
         {"Proposal 1 for ", "status", "proposed", "customer tier", "key", "customer asks",
          "1800.00 CNY", "asked remedies", "replacement, apology", "proposed by", "agent-li",
          "analysed → proposed"})
        EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
    EXPECT_EQ(status_of(id), "proposed");
    auto stored =
        parse(call("GET", "/complaints/" + id + "/proposals", agent_).body)->getArray("items");
    ASSERT_EQ(stored->size(), 1u);
    auto factors = stored->getObject(0)->getObject("factors");
    EXPECT_EQ(factors->getValue<Poco::Int64>("ask_minor"), 180000) << "major units → minor";
    EXPECT_EQ(factors->getValue<std::string>("customer_tier"), "key");
    EXPECT_EQ(factors->getArray("asked_remedies")->size(), 2u);

    // proposals: the same view of every stored proposal.
    auto listed = cli({"proposals", id});
    ASSERT_EQ(listed.code, 0) << listed.err;
    EXPECT_NE(listed.out.find("Proposal 1 for " + id), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find("Policy steps"), std::string::npos) << listed.out;

    // --json prints the API's 201 body: proposal, complaint and event.
    std::string other = analysed();
    auto json_args = generous(other);
    json_args.insert(json_args.end(), {"--ask", "1000.5", "--json"});
    auto json = cli(json_args);
    ASSERT_EQ(json.code, 0) << json.err;
    auto body = parse(json.out);
    EXPECT_FALSE(body->getValue<bool>("dry_run"));
    EXPECT_EQ(body->getObject("complaint")->getValue<std::string>("status"), "proposed");
    EXPECT_EQ(body->getObject("event")->getValue<std::string>("to"), "proposed");
    EXPECT_EQ(body->getObject("proposal")->getObject("factors")->getValue<Poco::Int64>("ask_minor"),
              100050);
}

TEST_P(CompensationCliTest, ApprovalNeedsTheLevelAndRejectingNeedsAReason) {
    std::string id = analysed();
    ASSERT_EQ(cli(generous(id)).code, 0);

    auto agent = cli({"approve", id});
    EXPECT_EQ(agent.code, 1) << "an agent may not approve 1,753.65";
    EXPECT_EQ(agent.err.rfind("error: forbidden: ", 0), 0u) << agent.err;
    EXPECT_NE(agent.err.find("supervisor"), std::string::npos) << agent.err;
    EXPECT_TRUE(agent.out.empty()) << agent.out;

    auto no_reason = cli_as(supervisor_, {"approve", id, "--reject"});
    EXPECT_EQ(no_reason.code, 2);
    EXPECT_NE(no_reason.err.find("--reject needs --reason"), std::string::npos) << no_reason.err;
    EXPECT_NE(no_reason.err.find("redress approve --help"), std::string::npos) << no_reason.err;
    EXPECT_EQ(status_of(id), "proposed");

    auto declined = cli_as(supervisor_, {"approve", id, "--reject", "--reason", "金额过高"});
    ASSERT_EQ(declined.code, 0) << declined.err;
    EXPECT_NE(declined.out.find(id + ": proposed → analysed"), std::string::npos) << declined.out;
    EXPECT_NE(declined.out.find("proposal 1 declined by 主管-王"), std::string::npos)
        << declined.out;
    EXPECT_NE(declined.out.find("reason: 金额过高"), std::string::npos) << declined.out;

    ASSERT_EQ(cli(generous(id)).code, 0);
    auto approved = cli_as(supervisor_, {"approve", id, "--note", "同意"});
    ASSERT_EQ(approved.code, 0) << approved.err;
    EXPECT_NE(approved.out.find(id + ": proposed → approved"), std::string::npos) << approved.out;
    EXPECT_NE(approved.out.find("proposal 2 approved by 主管-王: grant 1753.65 CNY"),
              std::string::npos)
        << approved.out;
    EXPECT_NE(approved.out.find("budget "), std::string::npos) << approved.out;
    EXPECT_NE(approved.out.find("1753.65 CNY charged; 1753.65 of 3000.00 CNY spent"),
              std::string::npos)
        << approved.out;
    EXPECT_EQ(status_of(id), "approved");

    auto again = cli_as(supervisor_, {"approve", id, "--json"});
    EXPECT_EQ(again.code, 1);
    EXPECT_NE(again.err.find("no_open_proposal"), std::string::npos) << again.err;
}

TEST_P(CompensationCliTest, ApprovingARefusalNeedsCustomerToldAndRejectsTheComplaint) {
    // Not at fault, an excessive demand, no relationship: the handbook's polite no.
    std::string id = analysed("none", false);
    auto r = cli({"propose", id});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("refuse"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("remedies              none"), std::string::npos) << r.out;

    auto untold = cli_as(supervisor_, {"approve", id});
    EXPECT_EQ(untold.code, 1);
    EXPECT_NE(untold.err.find("customer_told"), std::string::npos) << untold.err;
    auto told = cli_as(supervisor_, {"approve", id, "--customer-told"});
    ASSERT_EQ(told.code, 0) << told.err;
    EXPECT_NE(told.out.find(id + ": proposed → rejected"), std::string::npos) << told.out;
    EXPECT_NE(
        told.out.find("proposal 1 (a refusal) approved by 主管-王: the complaint is rejected"),
        std::string::npos)
        << told.out;
    EXPECT_NE(told.out.find("reason: D: the demand is excessive"), std::string::npos) << told.out;
}

TEST_P(CompensationCliTest, AgreeDispatchesTasksAndTheLastOneDoneResolves) {
    std::string id = analysed();
    ASSERT_EQ(cli(generous(id)).code, 0);
    ASSERT_EQ(cli_as(supervisor_, {"approve", id}).code, 0);

    auto no_reason = cli({"agree", id, "--declined"});
    EXPECT_EQ(no_reason.code, 2);
    EXPECT_NE(no_reason.err.find("--declined needs --reason"), std::string::npos) << no_reason.err;

    auto agreed = cli({"agree", id, "--note", "电话确认"});
    ASSERT_EQ(agreed.code, 0) << agreed.err;
    auto lines = lines_of(agreed.out);
    ASSERT_EQ(lines.size(), 5u) << agreed.out; // status, header, 3 tasks
    EXPECT_EQ(lines[0], id + ": implementing, 3 tasks dispatched");
    const std::string& header = lines[1];
    for (const char* column :
         {"ID", "COMPLAINT", "REMEDY", "DEPARTMENT", "AMOUNT", "DUE (UTC)", "STATUS", "ASSIGNEE"})
        EXPECT_NE(header.find(column), std::string::npos) << column;
    auto replacement = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
        return l.find("replacement") != std::string::npos;
    });
    ASSERT_NE(replacement, lines.end()) << agreed.out;
    EXPECT_EQ(column_of(*replacement, "warehouse"), column_of(header, "DEPARTMENT"));
    EXPECT_EQ(column_of(*replacement, "1753.65 CNY"), column_of(header, "AMOUNT"));
    EXPECT_EQ(column_of(*replacement, "open"), column_of(header, "STATUS"));
    EXPECT_NE(agreed.out.find("apology"), std::string::npos);
    EXPECT_EQ(status_of(id), "implementing");

    // Each department sees its own tasks.
    auto mine = cli({"tasks"});
    ASSERT_EQ(mine.code, 0) << mine.err;
    EXPECT_EQ(lines_of(mine.out).size(), 3u) << mine.out; // header + apology, senior call
    EXPECT_EQ(mine.out.find("warehouse"), std::string::npos) << mine.out;
    auto forbidden = cli({"tasks", "--department", "warehouse"});
    EXPECT_EQ(forbidden.code, 1);
    EXPECT_NE(forbidden.err.find("forbidden"), std::string::npos) << forbidden.err;

    // The warehouse lists its own tasks; it may not see the complaint itself.
    auto wh = task_ids(warehouse_, {});
    ASSERT_EQ(wh.size(), 1u);
    auto assigned = cli_as(warehouse_, {"tasks", "assign", wh[0], "仓库-孙"});
    ASSERT_EQ(assigned.code, 0) << assigned.err;
    EXPECT_EQ(assigned.out,
              "task " + wh[0] + ": replacement for " + id + " (warehouse) assigned to 仓库-孙\n");
    auto by_assignee = cli_as(warehouse_, {"tasks", "--assignee", "仓库-孙"});
    ASSERT_EQ(by_assignee.code, 0) << by_assignee.err;
    EXPECT_NE(by_assignee.out.find("仓库-孙"), std::string::npos) << by_assignee.out;

    auto shipped = cli_as(warehouse_, {"tasks", "done", wh[0], "--note", "已发货"});
    ASSERT_EQ(shipped.code, 0) << shipped.err;
    EXPECT_NE(shipped.out.find("replacement for " + id + " (warehouse) done by 仓库-赵"),
              std::string::npos)
        << shipped.out;
    EXPECT_NE(shipped.out.find(id + ": implementing\n"), std::string::npos) << shipped.out;
    auto twice = cli_as(warehouse_, {"tasks", "done", wh[0]});
    EXPECT_EQ(twice.code, 1);
    EXPECT_NE(twice.err.find("task_not_open"), std::string::npos) << twice.err;

    auto rest = task_ids(agent_, {"--complaint", id});
    ASSERT_EQ(rest.size(), 2u);
    std::string last;
    for (const auto& task : rest) {
        auto done = cli({"tasks", "done", "#" + task});
        ASSERT_EQ(done.code, 0) << done.err;
        last = done.out;
    }
    EXPECT_NE(last.find(id + ": resolved (that was its last open task)"), std::string::npos)
        << last;
    EXPECT_EQ(status_of(id), "resolved");

    auto open = cli({"tasks"});
    ASSERT_EQ(open.code, 0) << open.err;
    EXPECT_EQ(open.out, "no tasks match\n");
    auto all = cli({"tasks", "--status", "all", "--complaint", id});
    ASSERT_EQ(all.code, 0) << all.err;
    EXPECT_EQ(lines_of(all.out).size(), 3u) << all.out;
    EXPECT_NE(all.out.find("done"), std::string::npos) << all.out;
}

TEST_P(CompensationCliTest, TasksPagesWithLimitAndAll) {
    std::string id = analysed();
    ASSERT_EQ(cli(generous(id)).code, 0);
    ASSERT_EQ(cli_as(supervisor_, {"approve", id}).code, 0);
    ASSERT_EQ(cli({"agree", id, "--json"}).code, 0);

    auto page = cli({"tasks", "--limit", "1"});
    ASSERT_EQ(page.code, 0) << page.err;
    EXPECT_EQ(lines_of(page.out).size(), 2u) << page.out; // header + 1
    EXPECT_NE(page.err.find("more tasks follow: add --all"), std::string::npos) << page.err;
    auto all = cli({"tasks", "--limit", "1", "--all", "--json"});
    ASSERT_EQ(all.code, 0) << all.err;
    auto body = parse(all.out);
    EXPECT_EQ(body->getArray("items")->size(), 2u);
    EXPECT_TRUE(body->isNull("next_cursor"));
}

TEST_P(CompensationCliTest, BudgetShowsSpentAndRemaining) {
    auto empty = cli_as(supervisor_, {"budget", "after-sales"});
    ASSERT_EQ(empty.code, 0) << empty.err;
    EXPECT_NE(empty.out.find("3000.00 CNY"), std::string::npos) << empty.out;

    std::string id = analysed();
    ASSERT_EQ(cli(generous(id)).code, 0);
    ASSERT_EQ(cli_as(supervisor_, {"approve", id}).code, 0);
    auto r = cli_as(supervisor_, {"budget", "after-sales"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 5u) << r.out;
    EXPECT_EQ(lines[0], "department  after-sales");
    EXPECT_EQ(lines[1].rfind("month       ", 0), 0u) << lines[1];
    EXPECT_EQ(lines[2], "budget      3000.00 CNY");
    EXPECT_EQ(lines[3], "spent       1753.65 CNY");
    EXPECT_EQ(lines[4], "remaining   1246.35 CNY");

    auto json = cli({"budget", "after-sales", "--json"});
    ASSERT_EQ(json.code, 0) << json.err;
    auto b = parse(json.out);
    EXPECT_EQ(b->getValue<Poco::Int64>("spent_minor"), 175365);
    EXPECT_EQ(b->getValue<Poco::Int64>("remaining_minor"), 124635);

    auto old = cli({"budget", "after-sales", "--month", "2020-01"});
    ASSERT_EQ(old.code, 0) << old.err;
    EXPECT_NE(old.out.find("spent       0.00 CNY"), std::string::npos) << old.out;
    auto none = cli_as(warehouse_, {"budget", "warehouse"});
    ASSERT_EQ(none.code, 0) << none.err;
    EXPECT_NE(none.out.find("none (no monthly budget set)"), std::string::npos) << none.out;
    auto hidden = cli({"budget", "warehouse"});
    EXPECT_EQ(hidden.code, 1);
    EXPECT_NE(hidden.err.find("not_found"), std::string::npos) << hidden.err;
}

TEST_P(CompensationCliTest, BadInputIsAUsageErrorBeforeAnyRequest) {
    // Against a port nothing listens on: exit 2 (not 3) shows nothing was sent.
    std::string nowhere = "http://127.0.0.1:" + std::to_string(closed_port());
    auto offline = [&](const std::vector<std::string>& args) {
        return run_redress(args, nowhere, agent_);
    };
    for (const char* bad : {"12,99", "abc", "-5", "1.2345", "1e3", "", "12.", ".5", "¥100"}) {
        auto r = offline({"propose", "AS-2026-000001", "--ask", bad});
        EXPECT_EQ(r.code, 2) << bad << ": " << r.err;
        EXPECT_NE(r.err.find("--ask must be an amount in major units, such as 1299.00"),
                  std::string::npos)
            << r.err;
    }
    auto wom = offline({"propose", "X", "--word-of-mouth", "huge"});
    EXPECT_EQ(wom.code, 2);
    EXPECT_NE(wom.err.find("--word-of-mouth must be low, medium or high"), std::string::npos)
        << wom.err;
    EXPECT_EQ(offline({"propose", "X", "--asked", ","}).code, 2);
    EXPECT_EQ(offline({"propose"}).code, 2);
    EXPECT_EQ(offline({"approve", "X", "--reject"}).code, 2);
    EXPECT_EQ(offline({"agree", "X", "--declined"}).code, 2);
    EXPECT_EQ(offline({"tasks", "--status", "finished"}).code, 2);
    EXPECT_EQ(offline({"tasks", "--limit", "0"}).code, 2);
    EXPECT_EQ(offline({"tasks", "done", "abc"}).code, 2);
    EXPECT_EQ(offline({"tasks", "done"}).code, 2);
    EXPECT_EQ(offline({"tasks", "assign", "12"}).code, 2);
    EXPECT_EQ(offline({"budget", "after-sales", "--month", "2026-13"}).code, 2);
    EXPECT_EQ(offline({"budget", "after-sales", "--month", "July"}).code, 2);
    auto sub = offline({"tasks", "finish", "12"});
    EXPECT_EQ(sub.code, 2);
    EXPECT_NE(sub.err.find("no subcommand 'finish' of 'tasks' (done or assign)"), std::string::npos)
        << sub.err;

    // More decimals than the department's currency: refused before the proposal.
    std::string id = analysed();
    auto cents = cli({"propose", id, "--ask", "12.345"});
    EXPECT_EQ(cents.code, 2);
    EXPECT_NE(cents.err.find("CNY amounts have at most 2 decimals"), std::string::npos)
        << cents.err;
    EXPECT_EQ(status_of(id), "analysed");
    auto unknown = cli({"propose", id, "--asked", "money"});
    EXPECT_EQ(unknown.code, 1) << "the API knows the remedies";
    EXPECT_NE(unknown.err.find("[field: factors.asked_remedies[0]]"), std::string::npos)
        << unknown.err;
    auto missing = cli({"propose", "AS-1999-000999", "--ask", "10"});
    EXPECT_EQ(missing.code, 1);
    EXPECT_NE(missing.err.find("not_found"), std::string::npos) << missing.err;
}

TEST_P(CompensationCliTest, HelpListsTheCompensationCommandsAndTheTasksGroup) {
    auto help = cli({"--help"});
    ASSERT_EQ(help.code, 0);
    for (const char* expected :
         {"propose ID", "approve ID", "agree ID", "proposals ID", "tasks  ", "tasks done TASK_ID",
          "tasks assign TASK_ID NAME", "budget DEPARTMENT"})
        EXPECT_NE(help.out.find(expected), std::string::npos) << expected << "\n" << help.out;
    auto tasks = cli({"tasks", "--help"});
    ASSERT_EQ(tasks.code, 0);
    for (const char* expected : {"Usage: redress tasks [flags]", "--status S",
                                 "redress tasks done TASK_ID", "redress tasks assign TASK_ID NAME"})
        EXPECT_NE(tasks.out.find(expected), std::string::npos) << expected << "\n" << tasks.out;
    auto group = cli({"help", "tasks"});
    ASSERT_EQ(group.code, 0);
    for (const char* expected :
         {"Usage: redress tasks [SUBCOMMAND]", "redress tasks [flags]",
          "redress tasks done TASK_ID [flags]", "redress tasks assign TASK_ID NAME"})
        EXPECT_NE(group.out.find(expected), std::string::npos) << expected << "\n" << group.out;
    auto propose = cli({"propose", "--help"});
    ASSERT_EQ(propose.code, 0);
    for (const char* expected : {"--ask AMOUNT", "--dry-run", "--word-of-mouth LEVEL"})
        EXPECT_NE(propose.out.find(expected), std::string::npos) << expected;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CompensationCliTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

// The catalog commands against the example company's catalog.
class CatalogCliTest : public CliTest {
protected:
    void SetUp() override {
        copy_example_catalog(dir_ / "catalog");
        CliTest::SetUp();
    }
    std::string config_text() const override {
        return "[server]\nport = 0\nthreads = 8\n"
               "[storage]\nurl = \"" +
               db_->url() +
               "\"\n"
               "[plugins]\nbuiltin = true\ncatalog = \"catalog\"\n"
               "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
               "channels = [\"phone\"]\n"
               "[[department]]\nid = \"call-centre\"\nname = \"客户服务中心\"\nprefix = \"CC\"\n"
               "channels = [\"phone\"]\n"
               "[plugin.catalog]\ndir = \"catalog\"\n";
    }
};

TEST_P(CatalogCliTest, LookupPrintsTheVerdictAndTheWordingToRead) {
    auto r = cli({"catalog", "lookup", "要求赔偿误工费"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_GE(lines.size(), 4u) << r.out;
    EXPECT_EQ(lines[0], "catalog version 2026-H2: not_provided (lost-earnings)");
    EXPECT_EQ(lines[1],
              "很抱歉，我们不提供「误工费、交通费赔偿」。我们可以为您提供：「24小时加急维修」、"
              "「上门取件」。");

    auto en =
        cli({"catalog", "lookup", "extended", "warranty", "--lang", "en", "--at", "2026-03-01"});
    ASSERT_EQ(en.code, 0) << en.err;
    EXPECT_EQ(lines_of(en.out)[1], "We can arrange Two-year extended warranty for a fee of 399.00 "
                                   "CNY; it takes 3 working days.");

    auto none = cli({"catalog", "lookup", "天气"});
    EXPECT_EQ(none.code, 0);
    EXPECT_EQ(none.out, "catalog version 2026-H2: nothing matches \"天气\"\n");

    auto json = cli({"catalog", "lookup", "延保", "--json"});
    ASSERT_EQ(json.code, 0);
    EXPECT_EQ(parse(json.out)->getValue<std::string>("verdict"), "arrangeable");
}

TEST_P(CatalogCliTest, DiffShowsWhatChangedBetweenVersions) {
    auto r = cli({"catalog", "diff", "2026-H1", "2026-H2", "--lang", "en"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto lines = lines_of(r.out);
    ASSERT_EQ(lines.size(), 5u) << r.out;
    EXPECT_EQ(lines[0], "catalog 2026-H1 → 2026-H2");
    EXPECT_EQ(lines[1], "+ deep-cleaning (arrangeable): Deep cleaning of an air conditioner");
    EXPECT_EQ(lines[2], "- free-filter (provided): Free filter replacement in the first year");
    EXPECT_EQ(lines[3], "~ extended-warranty: fee_minor 399.00 CNY → 349.00 CNY");
    EXPECT_EQ(lines[4].rfind("~ night-visit: status not_provided → arrangeable", 0), 0u);
    EXPECT_EQ(lines_of(cli({"catalog", "diff", "2026-H2", "2026-H2"}).out).back(),
              "no differences");
}

TEST_P(CatalogCliTest, ListAndVersions) {
    auto v = cli({"catalog", "versions", "--at", "2026-03-01"});
    ASSERT_EQ(v.code, 0) << v.err;
    auto lines = lines_of(v.out);
    ASSERT_EQ(lines.size(), 3u) << v.out;
    EXPECT_NE(lines[1].find("2026-H1  2026-01-01  2026-06-30  25"), std::string::npos) << v.out;
    EXPECT_NE(lines[1].find("yes"), std::string::npos) << v.out;

    auto l = cli({"catalog", "list", "--status", "arrangeable", "--lang", "en"});
    ASSERT_EQ(l.code, 0) << l.err;
    EXPECT_NE(l.out.find("extended-warranty   arrangeable  Two-year extended warranty"),
              std::string::npos)
        << l.out;
    EXPECT_NE(l.out.find("30.00 CNY, 1 working day\n"), std::string::npos) << l.out;
}

TEST_P(CatalogCliTest, BadInputExitsWithAClearError) {
    auto at = cli({"catalog", "lookup", "x", "--at", "2026/1/1"});
    EXPECT_EQ(at.code, 2);
    EXPECT_NE(at.err.find("--at must be a date YYYY-MM-DD"), std::string::npos) << at.err;
    auto old = cli({"catalog", "lookup", "x", "--at", "2020-01-01"});
    EXPECT_EQ(old.code, 1);
    EXPECT_NE(old.err.find("no catalog version is in force on 2020-01-01"), std::string::npos)
        << old.err;
    auto missing = cli({"catalog", "diff", "2026-H1"});
    EXPECT_EQ(missing.code, 2);
    auto unknown = cli({"catalog", "diff", "2026-H1", "2099"});
    EXPECT_EQ(unknown.code, 1);
    EXPECT_NE(unknown.err.find("no catalog version \"2099\""), std::string::npos) << unknown.err;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, CatalogCliTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

// redress reports and redress report NAME against the real reporters.
class ReportCliTest : public CliTest {};

TEST_P(ReportCliTest, WritesAReportFileInEachFormat) {
    create(agent_);
    auto list = cli_as(supervisor_, {"reports"});
    ASSERT_EQ(list.code, 0) << list.err;
    EXPECT_NE(list.out.find("weekly"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("formats: "), std::string::npos) << list.out;

    for (const char* format : {"csv", "json", "html", "xlsx"}) {
        const auto out = dir_ / (std::string("weekly.") + format);
        auto r =
            cli_as(admin_, {"report", "weekly", "--format", format, "--out", out.string(), "--from",
                            "2026-01-01", "--to", "2026-12-31", "--granularity", "month"});
        ASSERT_EQ(r.code, 0) << format << ": " << r.err;
        EXPECT_NE(r.err.find("wrote " + out.string()), std::string::npos) << r.err;
        EXPECT_GT(std::filesystem::file_size(out), 100u) << format;
        EXPECT_FALSE(std::filesystem::exists(out.string() + ".partial"));
    }
    auto csv = cli_as(admin_, {"report", "volumes", "--format", "csv", "--department",
                               "after-sales", "--table", "volume_by_channel"});
    ASSERT_EQ(csv.code, 0) << csv.err;
    EXPECT_NE(csv.out.find("按渠道的投诉量"), std::string::npos) << csv.out;
}

TEST_P(ReportCliTest, RefusalsAndUsageErrors) {
    auto agent = cli({"report", "weekly", "--format", "csv"});
    EXPECT_EQ(agent.code, 1);
    EXPECT_NE(agent.err.find("supervisor"), std::string::npos) << agent.err;
    auto xlsx = cli_as(admin_, {"report", "weekly", "--format", "xlsx"});
    EXPECT_EQ(xlsx.code, 2);
    EXPECT_NE(xlsx.err.find("--out"), std::string::npos) << xlsx.err;
    auto bad = cli_as(admin_, {"report", "weekly", "--format", "csv", "--from", "2026-02-30"});
    EXPECT_EQ(bad.code, 1);
    EXPECT_NE(bad.err.find("from"), std::string::npos) << bad.err;
    auto missing = cli_as(admin_, {"report"});
    EXPECT_EQ(missing.code, 2);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, ReportCliTest, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

} // namespace
