// The catalog through the real daemon with the example company's catalog:
// GET /catalog, /catalog/lookup, /catalog/versions, /catalog/entries/{id},
// /catalog/diff; the verdict stored at intake; a policy quoting the fee of an
// arrangeable ask; reloads (good, bad, and under load) — on SQLite and
// PostgreSQL.
#include "../api/api_fixture.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

namespace redress::test {
namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string encoded(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "&=+?#", out);
    return out;
}

class CatalogApi : public ApiFixture {
protected:
    void SetUp() override {
        copy_example_catalog(dir_ / "catalog");
        ApiFixture::SetUp();
    }

    std::string config_text() const override {
        return "[server]\nport = 0\nthreads = 8\nmax_body = \"64KiB\"\n"
               "[storage]\nurl = \"" +
               db_->url() +
               "\"\n"
               "[plugins]\nbuiltin = true\ncatalog = \"catalog\"\n"
               "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
               "channels = [\"phone\", \"web\"]\npolicies = [\"goodwill\"]\n"
               "[[department]]\nid = \"call-centre\"\nname = \"客户服务中心\"\nprefix = \"CC\"\n"
               "channels = [\"phone\", \"web\"]\n"
               "[plugin.catalog]\ndir = \"catalog\"\n"; // relative to the config file
    }

    Poco::JSON::Object::Ptr get_ok(const std::string& path) {
        auto r = call("GET", path, agent_);
        EXPECT_EQ(r.status, 200) << path << ": " << r.body;
        return parse(r.body);
    }
    Poco::JSON::Object::Ptr lookup(const std::string& q, const std::string& extra = "") {
        return get_ok("/catalog/lookup?q=" + encoded(q) + extra);
    }
    std::string create_asking(const std::string& request) {
        std::string body = complaint_body();
        body.replace(body.find("换一台新的"), std::string("换一台新的").size(), request);
        auto r = call("POST", "/complaints", agent_, body);
        EXPECT_EQ(r.status, 201) << r.body;
        return parse(r.body)->getValue<std::string>("id");
    }
};

TEST_P(CatalogApi, LooksUpChineseAndEnglishAsks) {
    auto zh = lookup("上门安装");
    EXPECT_EQ(zh->getValue<std::string>("version"), "2026-H2");
    EXPECT_EQ(zh->getValue<std::string>("verdict"), "provided");
    auto best = zh->getArray("matches")->getObject(0);
    EXPECT_EQ(best->getValue<std::string>("id"), "standard-install");
    EXPECT_EQ(best->getObject("wording")->getValue<std::string>("zh").rfind("我们提供「", 0), 0u);

    auto en = lookup("Can I get an extended warranty?", "&at=2026-03-01");
    EXPECT_EQ(en->getValue<std::string>("version"), "2026-H1");
    EXPECT_EQ(en->getValue<std::string>("verdict"), "arrangeable");
    auto fee = en->getArray("matches")->getObject(0);
    EXPECT_EQ(fee->getValue<Poco::Int64>("fee_minor"), 399'00);
    EXPECT_EQ(fee->getValue<Poco::Int64>("lead_time_days"), 3);

    auto partial = lookup("安装", "&limit=1");
    EXPECT_EQ(partial->getArray("matches")->size(), 1u);

    auto none = lookup("今天天气很好");
    EXPECT_FALSE(none->has("verdict"));
    EXPECT_EQ(none->getArray("matches")->size(), 0u); // a list even when empty
}

TEST_P(CatalogApi, ScopesFilterLookupsAndLists) {
    auto standard = lookup("专属工程师", "&customer_tier=standard");
    for (std::size_t i = 0; i < standard->getArray("matches")->size(); ++i)
        EXPECT_NE(standard->getArray("matches")->getObject(i)->getValue<std::string>("id"),
                  "dedicated-engineer");
    auto key = lookup("专属工程师", "&customer_tier=key&department=after-sales");
    EXPECT_EQ(key->getArray("matches")->getObject(0)->getValue<std::string>("id"),
              "dedicated-engineer");

    auto fees = get_ok("/catalog?status=arrangeable");
    ASSERT_GE(fees->getArray("entries")->size(), 5u);
    for (std::size_t i = 0; i < fees->getArray("entries")->size(); ++i)
        EXPECT_EQ(fees->getArray("entries")->getObject(i)->getValue<std::string>("status"),
                  "arrangeable");
    EXPECT_EQ(get_ok("/catalog")->getArray("entries")->size(), 25u);
}

TEST_P(CatalogApi, VersionsEntriesAndDiff) {
    auto v = get_ok("/catalog/versions?at=2026-11-23")->getArray("versions");
    ASSERT_EQ(v->size(), 2u);
    EXPECT_FALSE(v->getObject(0)->getValue<bool>("in_force"));
    EXPECT_TRUE(v->getObject(1)->getValue<bool>("in_force"));
    EXPECT_EQ(v->getObject(1)->get("entry_count").convert<int>(), 25);

    auto e = get_ok("/catalog/entries/free-filter?version=2026-H1");
    EXPECT_EQ(e->getObject("entry")->getValue<std::string>("status"), "provided");
    EXPECT_EQ(call("GET", "/catalog/entries/free-filter", agent_).status, 404);

    auto d = get_ok("/catalog/diff?from=2026-H1&to=2026-H2");
    EXPECT_EQ(d->getArray("added")->getObject(0)->getValue<std::string>("id"), "deep-cleaning");
    EXPECT_EQ(d->getArray("removed")->getObject(0)->getValue<std::string>("id"), "free-filter");
    auto changed = d->getArray("changed");
    ASSERT_EQ(changed->size(), 2u);
    EXPECT_EQ(changed->getObject(0)->getArray("fields")->size(), 1u); // a list of one
}

TEST_P(CatalogApi, BadQueriesGetClearErrors) {
    auto expect = [&](const std::string& path, int status, const std::string& code,
                      const std::string& field) {
        auto r = call("GET", path, agent_);
        EXPECT_EQ(r.status, status) << path << ": " << r.body;
        EXPECT_EQ(error_code(r), code) << path << ": " << r.body;
        EXPECT_EQ(error_field(r), field) << path << ": " << r.body;
    };
    expect("/catalog/lookup", 400, "invalid_parameter", "q");
    expect("/catalog/lookup?q=", 400, "invalid_parameter", "q");
    expect("/catalog/lookup?q=" + std::string(5000, 'a'), 400, "invalid_parameter", "q");
    expect("/catalog/lookup?q=x&limit=0", 400, "invalid_parameter", "limit");
    expect("/catalog/lookup?q=x&limit=9x", 400, "invalid_parameter", "limit");
    expect("/catalog/lookup?q=x&at=2026-1-1", 400, "invalid_parameter", "at");
    expect("/catalog/lookup?q=x&department=nowhere", 400, "invalid_parameter", "department");
    expect("/catalog/lookup?q=x&colour=red", 400, "unknown_parameter", "colour");
    expect("/catalog/lookup?q=x&q=y", 400, "invalid_parameter", "q");
    expect("/catalog/lookup?q=%FF%FE", 400, "invalid_utf8", "");
    expect("/catalog/lookup?q=x&at=2025-01-01", 404, "not_found", "");
    expect("/catalog/lookup?q=x&at=2026-02-30", 400, "invalid_parameter", "at");
    expect("/catalog?status=free", 400, "invalid_parameter", "status");
    expect("/catalog/entries/x?version=", 400, "invalid_parameter", "version");
    expect("/catalog/entries/x?version=2026-H1&at=2026-01-01", 400, "invalid_parameter", "at");
    expect("/catalog/diff?from=2026-H1", 400, "invalid_parameter", "to");
    expect("/catalog/diff?from=2026-H1&to=2027", 404, "not_found", "");
    EXPECT_EQ(call("GET", "/catalog", "").status, 401);
}

TEST_P(CatalogApi, IntakeStoresTheVerdictWithItsVersion) {
    std::string id = create_asking("要求赔偿误工费和交通费");
    auto c = get_ok("/complaints/" + id);
    auto cat = c->getObject("catalog");
    ASSERT_TRUE(cat) << c->get("catalog").toString();
    EXPECT_EQ(cat->getValue<std::string>("verdict"), "not_provided");
    EXPECT_EQ(cat->getValue<std::string>("entry"), "lost-earnings");
    EXPECT_EQ(cat->getValue<std::string>("version"), "2026-H2");
    auto created = c->getArray("timeline")->getObject(0);
    EXPECT_EQ(created->getObject("data")->getObject("catalog")->getValue<std::string>("entry"),
              "lost-earnings");

    // An entry for key accounts only must not decide for a customer whose tier
    // intake does not know.
    std::string key_only = create_asking("要求指定工程师专人负责");
    auto cat2 = get_ok("/complaints/" + key_only)->get("catalog");
    EXPECT_TRUE(cat2.isEmpty() || cat2.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>(
                                      "entry") != "dedicated-engineer")
        << cat2.toString();

    std::string other = create_asking("门店员工态度不好");
    EXPECT_TRUE(get_ok("/complaints/" + other)->get("catalog").isEmpty());
}

TEST_P(CatalogApi, APolicyQuotesTheFeeOfAnArrangeableAsk) {
    std::string id = create_asking("我要延长保修两年");
    ASSERT_EQ(get_ok("/complaints/" + id)->getObject("catalog")->getValue<std::string>("verdict"),
              "arrangeable");
    ASSERT_EQ(act(id, agent_, "contact",
                  R"({"restated_problem":"要求延保","customer_confirmed":true,"method":"phone"})")
                  .status,
              200);
    ASSERT_EQ(
        act(id, agent_, "analyse",
            R"({"severity":"low","company_fault":"none","demand_reasonable":true,"findings":"产品正常"})")
            .status,
        200);
    auto r = call("POST", "/complaints/" + id + "/proposal", agent_,
                  R"({"factors":{"long_term":true,"will_buy_again":true}})");
    ASSERT_EQ(r.status, 201) << r.body;
    auto p = parse(r.body)->getObject("proposal");
    EXPECT_EQ(p->getValue<std::string>("decision"), "refuse") << r.body;
    // The policies' reasons are on their steps.
    auto step = p->getArray("steps")->getObject(0);
    EXPECT_EQ(step->getValue<std::string>("policy"), "goodwill");
    std::string reasons;
    for (std::size_t i = 0; i < step->getArray("reasons")->size(); ++i)
        reasons += step->getArray("reasons")->getElement<std::string>(static_cast<unsigned>(i));
    EXPECT_NE(reasons.find("version 2026-H2"), std::string::npos) << reasons;
    EXPECT_NE(reasons.find("quote 349.00 CNY, ready in 3 working days"), std::string::npos)
        << reasons;
    EXPECT_EQ(p->getObject("factors")->getValue<std::string>("catalog_verdict"), "arrangeable");
}

TEST_P(CatalogApi, ReloadTakesAChangedCatalogAndRefusesABrokenOne) {
    auto h2 = dir_ / "catalog" / "2026-h2.toml";
    std::string text = read_file(h2);
    text.replace(text.find("fee_minor = 34900"), 17, "fee_minor = 29900");
    std::ofstream(h2, std::ios::binary | std::ios::trunc) << text;
    auto r = call("POST", "/admin/reload", admin_);
    ASSERT_EQ(r.status, 200) << r.body;
    auto fee = [&] {
        return lookup("延保")->getArray("matches")->getObject(0)->getValue<Poco::Int64>(
            "fee_minor");
    };
    EXPECT_EQ(fee(), 299'00);

    // A second version starting the day 2026-H2 starts: refused whole.
    std::string twin = text;
    twin.replace(twin.find("version = \"2026-H2\""), 19, "version = \"2026-H2b\"");
    std::ofstream(dir_ / "catalog" / "2026-h2b.toml", std::ios::binary) << twin;
    r = call("POST", "/admin/reload", admin_);
    ASSERT_EQ(r.status, 422) << r.body;
    // One line per problem, after a line saying how many there are.
    auto errors = parse(r.body)->getArray("errors");
    ASSERT_EQ(errors->size(), 2u) << r.body;
    EXPECT_NE(errors->getElement<std::string>(0).find("has 1 problem(s)"), std::string::npos);
    EXPECT_NE(errors->getElement<std::string>(1).find("overlaps version \"2026-H2"),
              std::string::npos)
        << r.body;
    // Config and catalog reload together: a new department in the same reload
    // is not taken either.
    {
        std::ofstream(config_, std::ios::app)
            << "[[department]]\nid = \"warehouse\"\nname = \"仓储物流部\"\nprefix = \"WH\"\n";
    }
    r = call("POST", "/admin/reload", admin_);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(call("GET", "/departments", admin_).body.find("warehouse"), std::string::npos);
    std::filesystem::remove(dir_ / "catalog" / "2026-h2b.toml");
    ASSERT_EQ(call("POST", "/admin/reload", admin_).status, 200);
    EXPECT_NE(call("GET", "/departments", admin_).body.find("warehouse"), std::string::npos);

    // A broken file: its line named.
    std::ofstream(dir_ / "catalog" / "2027.toml")
        << "version = \"2027\"\neffective_from = 2027-01-01\n";
    r = call("POST", "/admin/reload", admin_);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("2027.toml:1: no [[entry]]"), std::string::npos) << r.body;
    EXPECT_EQ(fee(), 299'00); // the catalog already loaded still answers
}

TEST_P(CatalogApi, LookupsDuringReloadsAllSucceed) {
    std::atomic<bool> stop{false};
    std::atomic<int> ok{0}, bad{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 3; ++t)
        clients.emplace_back([&] {
            while (!stop) {
                auto r = call("GET", "/catalog/lookup?q=" + encoded("上门安装"), agent_);
                (r.status == 200 && r.body.find("standard-install") != std::string::npos ? ok
                                                                                         : bad)++;
            }
        });
    for (int i = 0; i < 10; ++i)
        EXPECT_EQ(call("POST", "/admin/reload", admin_).status, 200);
    stop = true;
    for (auto& c : clients)
        c.join();
    EXPECT_GT(ok.load(), 0);
    EXPECT_EQ(bad.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogApi, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// Without [plugins] catalog the routes say so, and intake stores no verdict.
class NoCatalogApi : public ApiFixture {};

TEST_P(NoCatalogApi, RoutesAnswerNoCatalog) {
    auto r = call("GET", "/catalog/lookup?q=x", agent_);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(error_code(r), "no_catalog");
    std::string id = create(agent_);
    EXPECT_TRUE(parse(call("GET", "/complaints/" + id, agent_).body)->get("catalog").isEmpty());
}

INSTANTIATE_TEST_SUITE_P(Backends, NoCatalogApi, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

} // namespace
} // namespace redress::test
