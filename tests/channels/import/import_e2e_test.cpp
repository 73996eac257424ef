// `redress import` end to end: the real CLI binary streams CSV files to a
// real redressd with the import plugin loaded, on SQLite and PostgreSQL.
#include "../channel_fixture.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <fstream>
#include <iconv.h>
#include <sstream>
#include <thread>

using namespace redress::test;

namespace {

struct CliRun {
    int code = -1;
    std::string out, err;
};

class ImportE2E : public ChannelFixture {
protected:
    std::string channels() const override { return R"(["import"])"; }

    CliRun import(const std::string& token, std::vector<std::string> args) {
        args.insert(args.begin(), "import");
        Poco::Pipe out, err;
        Poco::Process::Env env{
            {"REDRESS_URL", "http://127.0.0.1:" + std::to_string(daemon_->port())},
            {"REDRESS_TOKEN", token}};
        Poco::ProcessHandle h =
            Poco::Process::launch(REDRESS_CLI_PATH, args, "", nullptr, &out, &err, env);
        Poco::PipeInputStream out_stream(out), err_stream(err);
        CliRun r;
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

    std::string file(const std::string& name, const std::string& bytes) {
        return dir_.write(name, bytes).string();
    }

    //! The complaints that came through the import channel, newest first.
    Poco::JSON::Array::Ptr imported() {
        auto r = call("GET", "/complaints?channel=import&limit=500", admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body)->getArray("items");
    }
    std::vector<std::string> causes() {
        std::vector<std::string> out;
        auto items = imported();
        for (std::size_t i = 0; i < items->size(); ++i)
            out.push_back(
                items->getObject(static_cast<unsigned>(i))->getValue<std::string>("cause"));
        std::sort(out.begin(), out.end());
        return out;
    }
};

std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

const std::string header = "客户名称,联系人,电话,投诉原因,客户要求,严重程度,损失金额\r\n";

// Rows 2, 4 and 6 are good; 3 has no cause, 5 a bad amount.
const std::string mixed =
    header + "华东贸易公司,王先生,021-5555-0101,洗衣机漏水,换新,高,1299.00\r\n"
             "北方物流,李女士,,,退款,,\r\n"
             "南方电器,张先生,13800000000,\"显示屏有坏点,\"\"很明显\"\"\",维修,低,\r\n"
             "西部超市,赵女士,,冰箱不制冷,退货,,一千元\r\n"
             "东方酒店,钱经理,13900000000,\"空调噪音大\n晚上无法入睡\",上门检查,,88.5\r\n";

std::string to_gbk(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    std::string out(utf8.size() * 2, '\0');
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size(), out_left = out.size();
    char* dst = out.data();
    EXPECT_NE(iconv(cd, &in, &in_left, &dst, &out_left), static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

} // namespace

TEST_P(ImportE2E, StoresGoodRowsAndReportsBadOnesByRowNumber) {
    CliRun r = import(agent_, {file("mixed.csv", mixed), "--department", "after-sales"});
    EXPECT_EQ(r.code, 5) << r.out << r.err;
    EXPECT_NE(r.out.find("row 3: column 4 (投诉原因): the cause is empty"), std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("row 5: column 7 (损失金额): \"一千元\" is not an amount"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("rows        5"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("created     3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("errors      2"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("2 of 5 rows refused"), std::string::npos) << r.err;

    EXPECT_EQ(causes(),
              sorted({"洗衣机漏水", "显示屏有坏点,\"很明显\"", "空调噪音大\n晚上无法入睡"}));
    auto items = imported();
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto c = items->getObject(static_cast<unsigned>(i));
        EXPECT_EQ(c->getValue<std::string>("recorder"), "agent-li") << "the caller signs";
        EXPECT_EQ(c->getValue<std::string>("department"), "after-sales");
        EXPECT_EQ(c->getValue<std::string>("channel"), "import");
        if (c->getValue<std::string>("cause") == "洗衣机漏水") {
            EXPECT_EQ(c->getValue<std::string>("severity"), "high");
            EXPECT_EQ(c->getObject("customer")->getValue<std::string>("company"), "华东贸易公司");
            EXPECT_EQ(c->getObject("loss")->getValue<Poco::Int64>("amount_minor"), 129900);
        }
    }
}

TEST_P(ImportE2E, ImportingTheSameFileAgainCreatesNothing) {
    std::string path = file("mixed.csv", mixed);
    ASSERT_EQ(import(agent_, {path, "--department", "after-sales"}).code, 5);
    CliRun again = import(agent_, {path, "--department", "after-sales", "--json"});
    EXPECT_EQ(again.code, 5) << again.err;
    auto summary = parse(again.out);
    EXPECT_EQ(summary->getValue<int>("created"), 0);
    EXPECT_EQ(summary->getValue<int>("duplicates"), 3);
    EXPECT_EQ(summary->getArray("errors")->size(), 2u);
    EXPECT_EQ(summary->getArray("errors")->getObject(0)->getValue<int>("row"), 3);
    EXPECT_EQ(imported()->size(), 3u);
}

TEST_P(ImportE2E, AKeyColumnMakesTheRowKey) {
    std::string a = "编号,投诉原因,电话,联系人\nK-1,漏水,1,王\nK-2,异响,2,李\n";
    std::string b = "编号,投诉原因,电话,联系人\nK-1,漏水（客户又来电补充）,1,王\nK-3,破损,3,张\n";
    ASSERT_EQ(import(agent_, {file("a.csv", a), "--department", "after-sales"}).code, 0);
    CliRun r = import(agent_, {file("b.csv", b), "--department", "after-sales"});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("created     1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("duplicates  1"), std::string::npos) << r.out;
    EXPECT_EQ(causes(), sorted({"异响", "漏水", "破损"}));
}

TEST_P(ImportE2E, DryRunStoresNothing) {
    CliRun r =
        import(agent_, {file("mixed.csv", mixed), "--department", "after-sales", "--dry-run"});
    EXPECT_EQ(r.code, 5) << r.err;
    EXPECT_NE(r.out.find("dry run: nothing was stored"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("would create 3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("row 3:"), std::string::npos) << r.out;
    EXPECT_EQ(imported()->size(), 0u);
}

TEST_P(ImportE2E, ImportsAGbkFile) {
    std::string gbk =
        to_gbk("客户名称,投诉原因,严重程度,地址\n华东贸易公司,洗衣机漏水,高,上海市浦东新区\n");
    CliRun wrong = import(agent_, {file("gbk.csv", gbk), "--department", "after-sales"});
    EXPECT_NE(wrong.code, 0) << "GBK read as UTF-8 is refused, not stored as mojibake";
    EXPECT_EQ(imported()->size(), 0u);

    CliRun r =
        import(agent_, {file("gbk.csv", gbk), "--department", "after-sales", "--encoding", "gbk"});
    EXPECT_EQ(r.code, 0) << r.out << r.err;
    auto items = imported();
    ASSERT_EQ(items->size(), 1u);
    auto c = items->getObject(0);
    EXPECT_EQ(c->getValue<std::string>("cause"), "洗衣机漏水");
    EXPECT_EQ(c->getValue<std::string>("severity"), "high");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("company"), "华东贸易公司");
}

TEST_P(ImportE2E, EmbeddedLineBreaksSurviveTinyChunks) {
    // Every record is longer than the chunk and has line breaks inside quotes:
    // the client must keep tails and grow chunks, and lose no row.
    std::string csv = "\xEF\xBB\xBF"
                      "编号,投诉原因,邮箱,联系人\r\n";
    std::vector<std::string> expected;
    for (int i = 0; i < 40; ++i) {
        std::string cause = "第" + std::to_string(i) + "行\n\"引号\",逗号\r\n结束";
        std::string quoted = "第" + std::to_string(i) + "行\n\"\"引号\"\",逗号\r\n结束";
        csv += "R" + std::to_string(i) + ",\"" + quoted + "\",k@example.cn,王先生\r\n";
        expected.push_back(cause);
    }
    csv += "R-bad,\"never closed\n";
    CliRun r =
        import(agent_, {file("nl.csv", csv), "--department", "after-sales", "--chunk-size", "32"});
    EXPECT_EQ(r.code, 5) << r.out << r.err;
    EXPECT_NE(r.out.find("row 42: column 2 (投诉原因): a quoted field is never closed"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("created     40"), std::string::npos) << r.out;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(causes(), expected);
}

TEST_P(ImportE2E, AFileWithoutACauseColumnIsRefusedWhole) {
    CliRun r = import(agent_,
                      {file("nocause.csv", "客户名称,电话\nA,1\n"), "--department", "after-sales"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("nocause.csv: the header has no column for the complaint's cause"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(imported()->size(), 0u);
}

TEST_P(ImportE2E, ADisabledChannelIsRefusedNamingDepartmentAndChannel) {
    auto off =
        call("PUT", "/departments/after-sales/channels/import", admin_, R"({"enabled":false})");
    ASSERT_EQ(off.status, 200) << off.body;
    CliRun r = import(agent_, {file("mixed.csv", mixed), "--department", "after-sales"});
    EXPECT_EQ(r.code, 1) << r.out << r.err;
    EXPECT_NE(r.err.find("channel_disabled"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("import"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("after-sales"), std::string::npos) << r.err;
    EXPECT_EQ(imported()->size(), 0u);
}

TEST_P(ImportE2E, OnlyTheDepartmentsOwnPeopleMayImport) {
    CliRun r = import(cc_agent_, {file("mixed.csv", mixed), "--department", "after-sales"});
    EXPECT_EQ(r.code, 1) << r.err;
    EXPECT_NE(r.err.find("forbidden"), std::string::npos) << r.err;
    CliRun anonymous = import("", {file("mixed.csv", mixed), "--department", "after-sales"});
    EXPECT_EQ(anonymous.code, 1) << anonymous.err;
    EXPECT_EQ(imported()->size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Databases, ImportE2E, ::testing::Values("sqlite", "postgresql"));
