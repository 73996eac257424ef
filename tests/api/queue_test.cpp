// The complaint queue through the real redressd, against SQLite and
// PostgreSQL: who a token is (GET /me), the list's sort orders and their
// cursors, and the queue's live counts (GET /complaints/counts).
#include "api_fixture.hpp"

#include <Poco/Data/Session.h>
#include <Poco/JSON/Array.h>
#include <Poco/URI.h>
#include <algorithm>
#include <chrono>
#include <regex>
#include <set>

using namespace redress::test;

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::vector<std::string> strings(const Poco::JSON::Array::Ptr& a) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a->size(); ++i)
        out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
}

std::string encoded(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "&=+?#/%,;' ", out);
    return out;
}

class QueueTest : public ApiFixture {
protected:
    // A third department, listed after the others though it sorts before them.
    std::string config_text() const override {
        return ApiFixture::config_text() +
               "[[department]]\nid = \"billing\"\nname = \"账务部\"\nprefix = \"BL\"\n"
               "channels = [\"phone\", \"web\"]\n";
    }

    //! Every complaint of a listing, following next_cursor page by page; checks
    //! each page's size and that the last one ends the listing.
    std::vector<std::string> all_pages(const std::string& query, const std::string& token,
                                       int limit, int* pages = nullptr) {
        std::vector<std::string> seen;
        std::string cursor;
        for (int page = 1; page <= 100; ++page) {
            std::string path = "/complaints?limit=" + std::to_string(limit) + query;
            if (!cursor.empty())
                path += "&cursor=" + encoded(cursor);
            auto r = call("GET", path, token);
            EXPECT_EQ(r.status, 200) << path << " → " << r.body;
            if (r.status != 200)
                break;
            auto body = parse(r.body);
            auto items = body->getArray("items");
            EXPECT_LE(items->size(), static_cast<std::size_t>(limit));
            for (std::size_t i = 0; i < items->size(); ++i)
                seen.push_back(
                    items->getObject(static_cast<unsigned>(i))->getValue<std::string>("id"));
            if (body->isNull("next_cursor")) {
                if (pages)
                    *pages = page;
                return seen;
            }
            std::string next = body->getValue<std::string>("next_cursor");
            EXPECT_NE(next, cursor) << "the same cursor twice";
            cursor = next;
        }
        ADD_FAILURE() << "more than 100 pages for " << query;
        return seen;
    }

    //! Sets a complaint's due times, as time passing or another SLA would.
    void set_due(const std::string& id, std::int64_t first_response_due,
                 std::int64_t resolution_due) {
        ASSERT_TRUE(std::regex_match(id, std::regex("^[A-Z]+-\\d{4}-\\d{6}$"))) << id;
        Poco::Data::Session s = db_->raw_session();
        if (db_->backend() == "sqlite")
            s << "PRAGMA busy_timeout=10000", Poco::Data::Keywords::now;
        s << "UPDATE complaints SET first_response_due = " + std::to_string(first_response_due) +
                 ", resolution_due = " + std::to_string(resolution_due) +
                 " WHERE tracking_number = '" + id + "'",
            Poco::Data::Keywords::now;
    }

    void ok(const HttpReply& r) { ASSERT_EQ(r.status, 200) << r.body; }

    void contact(const std::string& id) {
        ok(act(id, agent_, "contact",
               R"({"restated_problem":"漏水","customer_confirmed":true,"method":"phone"})"));
    }
    void reject(const std::string& id) {
        contact(id);
        ok(act(id, supervisor_, "reject", R"({"customer_told":true})", "不在保修范围"));
    }
    //! Through the procedure to resolved: an apology, carried out as a task.
    void resolve(const std::string& id) {
        contact(id);
        ok(act(
            id, agent_, "analyse",
            R"({"severity":"low","company_fault":"full","demand_reasonable":true,"findings":"x"})"));
        ok(act(id, agent_, "propose", R"({"remedies":["apology"],"amount_minor":0})"));
        ok(act(id, supervisor_, "approve"));
        ok(act(id, agent_, "agree", R"({"customer_accepted":true})"));
        ok(act(id, agent_, "implement"));
        auto tasks = parse(call("GET", "/tasks?complaint=" + id, agent_).body)->getArray("items");
        for (std::size_t i = 0; i < tasks->size(); ++i)
            ok(call("POST",
                    "/tasks/" +
                        std::to_string(
                            tasks->getObject(static_cast<unsigned>(i))->getValue<int>("id")) +
                        "/done",
                    agent_, R"({"note":"已致歉"})"));
        auto c = parse(call("GET", "/complaints/" + id, agent_).body);
        if (c->getValue<std::string>("status") != "resolved")
            ok(act(id, agent_, "resolve", R"({"resolution":"已致歉"})"));
    }
    void close(const std::string& id) {
        resolve(id);
        ok(act(id, agent_, "close", R"({"satisfaction":4})"));
    }

    Poco::JSON::Object::Ptr get(const std::string& id) {
        return parse(call("GET", "/complaints/" + id, agent_).body);
    }
};

} // namespace

// ---- GET /me --------------------------------------------------------------------

TEST_P(QueueTest, MeTellsAScopedTokenItsNameRoleAndDepartments) {
    auto r = call("GET", "/me", agent_);
    ASSERT_EQ(r.status, 200) << r.body;
    auto me = parse(r.body);
    EXPECT_EQ(me->getValue<std::string>("name"), "agent-li");
    EXPECT_EQ(me->getValue<std::string>("role"), "agent");
    EXPECT_EQ(strings(me->getArray("departments")), std::vector<std::string>{"after-sales"});
    EXPECT_FALSE(me->getValue<bool>("all_departments"));

    // Listed in config order, whatever order the token was given them in.
    std::string two = token("主管-赵", "supervisor", R"(["billing","after-sales"])");
    me = parse(call("GET", "/me", two).body);
    EXPECT_EQ(me->getValue<std::string>("name"), "主管-赵");
    EXPECT_EQ(me->getValue<std::string>("role"), "supervisor");
    EXPECT_EQ(strings(me->getArray("departments")),
              (std::vector<std::string>{"after-sales", "billing"}));
    EXPECT_FALSE(me->getValue<bool>("all_departments"));
}

TEST_P(QueueTest, MeSpellsOutAllDepartmentsInConfigOrder) {
    auto me = parse(call("GET", "/me", admin_).body);
    EXPECT_EQ(me->getValue<std::string>("name"), "root");
    EXPECT_EQ(me->getValue<std::string>("role"), "admin");
    EXPECT_EQ(strings(me->getArray("departments")),
              (std::vector<std::string>{"after-sales", "call-centre", "billing"}));
    EXPECT_TRUE(me->getValue<bool>("all_departments"));
    std::string exec = token("exec", "executive", R"(["*"])");
    me = parse(call("GET", "/me", exec).body);
    EXPECT_EQ(me->getValue<std::string>("role"), "executive");
    EXPECT_EQ(me->getArray("departments")->size(), 3u);
    EXPECT_TRUE(me->getValue<bool>("all_departments"));
}

TEST_P(QueueTest, MeNeedsAValidToken) {
    auto none = call("GET", "/me", "");
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(error_code(none), "unauthorized");
    EXPECT_EQ(none.header("WWW-Authenticate"), "Bearer");
    auto unknown = call("GET", "/me", "rdr_not-a-real-token");
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(unknown.header("WWW-Authenticate"), "Bearer error=\"invalid_token\"");
    EXPECT_EQ(call("POST", "/me", agent_, "{}").status, 405);
}

// ---- GET /complaints?sort= --------------------------------------------------------

TEST_P(QueueTest, EachSortPagesThroughEveryComplaintOnceInItsOrder) {
    std::vector<std::string> created; // in id order
    for (int i = 0; i < 8; ++i)
        created.push_back(
            create(i % 3 == 2 ? cc_agent_ : agent_, i % 3 == 2 ? "call-centre" : "after-sales"));
    std::vector<std::string> newest(created.rbegin(), created.rend());
    for (int limit : {1, 2, 3}) {
        int pages = 0;
        EXPECT_EQ(all_pages("", admin_, limit, &pages), created) << "limit " << limit;
        EXPECT_EQ(pages, (8 + limit - 1) / limit);
        EXPECT_EQ(all_pages("&sort=received", admin_, limit), created) << "limit " << limit;
        EXPECT_EQ(all_pages("&sort=-received", admin_, limit, &pages), newest) << "limit " << limit;
        EXPECT_GE(pages, 3);
        // Freshly registered, none answered: due order is the order of registration
        // within a department, every department's due times alike.
        auto due = all_pages("&sort=due", admin_, limit, &pages);
        EXPECT_GE(pages, 3);
        EXPECT_EQ(std::set<std::string>(due.begin(), due.end()),
                  std::set<std::string>(created.begin(), created.end()));
        EXPECT_EQ(due.size(), created.size());
    }
    // Sorts combine with filters, and the token's scope still holds.
    std::vector<std::string> ours;
    std::copy_if(newest.begin(), newest.end(), std::back_inserter(ours),
                 [](const std::string& id) { return id.rfind("AS-", 0) == 0; });
    EXPECT_EQ(all_pages("&sort=-received", agent_, 2), ours);
    EXPECT_EQ(all_pages("&sort=-received&department=call-centre&channel=phone", admin_, 1).size(),
              2u);
}

TEST_P(QueueTest, DueSortPutsTheNextDueFirstAndWhatIsFinishedLast) {
    std::vector<std::string> c;
    for (int i = 0; i < 11; ++i)
        c.push_back(create(agent_));
    constexpr std::int64_t hour = 3600 * 1000;
    // Far ahead, so none is overdue and the SLA sweeper leaves them alone.
    const std::int64_t t = now_ms() + 30 * 24 * hour;
    contact(c[2]);
    contact(c[10]);
    close(c[4]);
    reject(c[5]);
    resolve(c[6]);
    set_due(c[0], t + 5 * hour, t + 50 * hour);
    set_due(c[1], t + 1 * hour, t + 50 * hour);
    // Answered: its resolution counts, not the earliest first response of all.
    set_due(c[2], t - 100 * hour, t + 4 * hour);
    set_due(c[3], t + 3 * hour, t + 50 * hour);
    set_due(c[4], t - 200 * hour, t - 150 * hour); // closed
    set_due(c[5], t - 200 * hour, t - 150 * hour); // rejected
    set_due(c[6], t - 200 * hour, t - 150 * hour); // resolved
    set_due(c[7], t + 3 * hour, t + 50 * hour);    // ties with c[3]
    set_due(c[8], t + 1 * hour, t + 50 * hour);    // ties with c[1]
    set_due(c[9], t + 6 * hour, t + 50 * hour);
    set_due(c[10], t - 100 * hour, t + hour / 2);
    const std::vector<std::string> expected{c[10], c[1], c[8], c[3], c[7], c[2],
                                            c[0],  c[9], c[4], c[5], c[6]};
    for (int limit : {1, 2, 3, 4, 11, 50}) {
        int pages = 0;
        EXPECT_EQ(all_pages("&sort=due", agent_, limit, &pages), expected) << "limit " << limit;
        EXPECT_EQ(pages, (11 + limit - 1) / limit);
    }

    // sla.next_due is what the order is by.
    auto sla = [&](const std::string& id) {
        return get(id)->getObject("sla");
    };
    EXPECT_EQ(sla(c[1])->getValue<std::string>("next_due"),
              sla(c[1])->getValue<std::string>("first_response_due"));
    EXPECT_EQ(sla(c[2])->getValue<std::string>("next_due"),
              sla(c[2])->getValue<std::string>("resolution_due"));
    for (int finished : {4, 5, 6})
        EXPECT_TRUE(sla(c[static_cast<std::size_t>(finished)])->isNull("next_due")) << finished;
    auto page = parse(call("GET", "/complaints?sort=due&limit=2", agent_).body)->getArray("items");
    ASSERT_EQ(page->size(), 2u);
    EXPECT_LE(page->getObject(0)->getObject("sla")->getValue<std::string>("next_due"),
              page->getObject(1)->getObject("sla")->getValue<std::string>("next_due"));

    // With a filter: the open ones that are still waiting for a first response.
    EXPECT_EQ(all_pages("&sort=due&status=received", agent_, 2),
              (std::vector<std::string>{c[1], c[8], c[3], c[7], c[0], c[9]}));
    // Reopened, a closed complaint has a due time again.
    ok(act(c[4], agent_, "reopen", "{}", "客户再次来电"));
    auto reopened = all_pages("&sort=due", agent_, 3);
    EXPECT_EQ(reopened.front(), c[4]); // its resolution due time is the earliest of all
    EXPECT_EQ(reopened.back(), c[6]);
}

TEST_P(QueueTest, UnknownSortBadCursorAndAnotherSortsCursorAre400) {
    for (int i = 0; i < 3; ++i)
        create(agent_);
    for (const std::string& sort :
         std::vector<std::string>{"urgent", "", "DUE", "+received", "received,due", "-due",
                                  std::string(5000, 'd'), "due%27%20OR%201=1--"}) {
        auto r = call("GET", "/complaints?sort=" + sort, agent_);
        EXPECT_EQ(r.status, 400) << sort;
        EXPECT_EQ(error_code(r), "invalid_parameter") << r.body;
        EXPECT_EQ(error_field(r), "sort") << r.body;
        EXPECT_NE(r.body.find("received, -received, due"), std::string::npos) << r.body;
    }
    EXPECT_EQ(error_field(call("GET", "/complaints?sort=due&sort=received", agent_)), "sort");

    for (const std::string& cursor : std::vector<std::string>{
             "", "abc", "-1", "1.5", "99999999999999999999", "new.", "new.0", "new.x", "due.",
             "due.5", "due.x.1", "due.none.", "due.none.0", "due.1.2.3", "due.--1.2",
             "due.none.1%00", "1%27%20OR%201=1", std::string(1000, '9')}) {
        for (std::string sort : {"received", "-received", "due"}) {
            auto r = call("GET", "/complaints?sort=" + sort + "&cursor=" + cursor, agent_);
            EXPECT_EQ(r.status, 400) << sort << " " << cursor.substr(0, 40);
            EXPECT_EQ(error_field(r), "cursor") << r.body;
        }
    }

    // Each sort's cursor works with its own sort only.
    std::map<std::string, std::string> cursors;
    for (std::string sort : {"received", "-received", "due"}) {
        auto page = parse(call("GET", "/complaints?limit=1&sort=" + sort, agent_).body);
        ASSERT_FALSE(page->isNull("next_cursor")) << sort;
        cursors[sort] = page->getValue<std::string>("next_cursor");
    }
    EXPECT_EQ(
        std::set<std::string>({cursors["received"], cursors["-received"], cursors["due"]}).size(),
        3u);
    for (const auto& [issued, cursor] : cursors)
        for (std::string sort : {"received", "-received", "due"}) {
            auto r = call("GET", "/complaints?sort=" + sort + "&cursor=" + encoded(cursor), agent_);
            if (sort == issued) {
                EXPECT_EQ(r.status, 200) << sort << " " << r.body;
                continue;
            }
            EXPECT_EQ(r.status, 400) << issued << " cursor with sort=" << sort;
            EXPECT_EQ(error_field(r), "cursor");
            EXPECT_NE(r.body.find("sort=" + issued), std::string::npos) << r.body;
        }
    // The default sort is received: its cursors are the same.
    EXPECT_EQ(call("GET", "/complaints?cursor=" + encoded(cursors["received"]), agent_).status,
              200);
    EXPECT_EQ(call("GET", "/complaints?cursor=" + encoded(cursors["due"]), agent_).status, 400);
}

// ---- GET /complaints/counts ---------------------------------------------------------

TEST_P(QueueTest, CountsEveryStatusAndWhatIsOverdueInTheTokensDepartments) {
    std::vector<std::string> c;
    for (int i = 0; i < 7; ++i)
        c.push_back(create(agent_));
    std::string theirs = create(cc_agent_, "call-centre");
    contact(c[1]);
    contact(c[2]);
    close(c[3]);
    reject(c[4]);
    constexpr std::int64_t hour = 3600 * 1000;
    const std::int64_t now = now_ms();
    set_due(c[0], now - hour, now + 50 * hour);   // first response late: overdue
    set_due(c[1], now - hour, now + 50 * hour);   // answered, resolution ahead: not
    set_due(c[2], now - 50 * hour, now - hour);   // resolution late: overdue
    set_due(c[3], now - 50 * hour, now - hour);   // closed: never overdue
    set_due(c[4], now - 50 * hour, now - hour);   // rejected: never overdue
    set_due(c[5], now + hour, now + 50 * hour);   // in time
    set_due(theirs, now - 50 * hour, now - hour); // overdue, but another department's

    auto r = call("GET", "/complaints/counts", agent_);
    ASSERT_EQ(r.status, 200) << r.body;
    auto counts = parse(r.body);
    EXPECT_EQ(counts->getValue<int>("total"), 7);
    EXPECT_EQ(counts->getValue<int>("overdue"), 2);
    auto by = counts->getObject("by_status");
    EXPECT_EQ(by->size(), 12u); // every status, zeros included
    std::map<std::string, int> expected{
        {"received", 3}, {"contacted", 2}, {"closed", 1}, {"rejected", 1}};
    for (const auto& name : by->getNames())
        EXPECT_EQ(by->getValue<int>(name), expected.count(name) ? expected[name] : 0) << name;
    for (const char* s : {"analysed", "proposed", "approved", "agreed", "implementing", "resolved",
                          "escalated", "reopened"})
        EXPECT_TRUE(by->has(s)) << s;
    EXPECT_TRUE(std::regex_match(counts->getValue<std::string>("as_of"),
                                 std::regex(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)")));

    // The same overdue condition as the list's.
    auto overdue = parse(call("GET", "/complaints?overdue=true", agent_).body)->getArray("items");
    EXPECT_EQ(overdue->size(), 2u);

    // An all-departments token counts everything; filters narrow it.
    auto all = parse(call("GET", "/complaints/counts", admin_).body);
    EXPECT_EQ(all->getValue<int>("total"), 8);
    EXPECT_EQ(all->getValue<int>("overdue"), 3);
    auto cc = parse(call("GET", "/complaints/counts?department=call-centre", admin_).body);
    EXPECT_EQ(cc->getValue<int>("total"), 1);
    EXPECT_EQ(cc->getObject("by_status")->getValue<int>("received"), 1);
    auto both = parse(
        call("GET", "/complaints/counts?department=call-centre&department=after-sales", admin_)
            .body);
    EXPECT_EQ(both->getValue<int>("total"), 8);
    EXPECT_EQ(parse(call("GET", "/complaints/counts?department=billing", admin_).body)
                  ->getValue<int>("total"),
              0);
    EXPECT_EQ(
        parse(call("GET", "/complaints/counts?channel=web", agent_).body)->getValue<int>("total"),
        0);
    EXPECT_EQ(
        parse(call("GET", "/complaints/counts?channel=phone&customer=%E5%8D%8E%E4%B8%9C", agent_)
                  .body)
            ->getValue<int>("total"),
        7); // customer search: 华东
    EXPECT_EQ(
        parse(call("GET", "/complaints/counts?received_from=2000-01-01&received_to=2000-01-02",
                   agent_)
                  .body)
            ->getValue<int>("total"),
        0);
    ok(act(c[6], agent_, "assign", R"({"owner":"王五"})"));
    auto owned = parse(call("GET", "/complaints/counts?owner=%E7%8E%8B%E4%BA%94", agent_).body);
    EXPECT_EQ(owned->getValue<int>("total"), 1);
    EXPECT_EQ(owned->getValue<int>("overdue"), 0);
    // The list agrees with each count.
    EXPECT_EQ(parse(call("GET", "/complaints?owner=%E7%8E%8B%E4%BA%94", agent_).body)
                  ->getArray("items")
                  ->size(),
              1u);
}

TEST_P(QueueTest, CountsRefuseWhatTheListRefuses) {
    create(agent_);
    create(cc_agent_, "call-centre");
    // Another department: 403 from both, the same error.
    for (std::string path : {"/complaints", "/complaints/counts"}) {
        auto r = call("GET", path + "?department=call-centre", agent_);
        EXPECT_EQ(r.status, 403) << path;
        EXPECT_EQ(error_code(r), "forbidden") << path;
        EXPECT_EQ(error_field(r), "department") << path;
        r = call("GET", path + "?department=after-sales,call-centre", agent_);
        EXPECT_EQ(r.status, 403) << path;
        EXPECT_EQ(call("GET", path + "?department=x%27%20OR%20%271%27=%271", agent_).status, 403);
        EXPECT_EQ(call("GET", path, "").status, 401);
    }
    // Status, overdue, sort and paging are the list's, not the counts'.
    for (std::string p : {"status=received", "overdue=true", "sort=due", "limit=5", "cursor=1",
                          "colour=red", "department=after-sales&deparment=x"}) {
        auto r = call("GET", "/complaints/counts?" + p, agent_);
        EXPECT_EQ(r.status, 400) << p;
        EXPECT_EQ(error_code(r), "unknown_parameter") << p << " " << r.body;
    }
    EXPECT_EQ(error_field(call("GET", "/complaints/counts?channel=a&channel=b", agent_)),
              "channel");
    EXPECT_EQ(error_field(call("GET", "/complaints/counts?received_from=yesterday", agent_)),
              "received_from");
}

TEST_P(QueueTest, HostileFiltersAreRefusedOrMatchLiterally) {
    create(agent_);
    auto total = [&](const std::string& query, const std::string& token) {
        auto r = call("GET", "/complaints/counts?" + query, token);
        EXPECT_EQ(r.status, 200) << query.substr(0, 80) << " → " << r.body;
        return r.status == 200 ? parse(r.body)->getValue<int>("total") : -1;
    };
    // SQL in values is data.
    EXPECT_EQ(total("customer=" + encoded("'); DROP TABLE complaints; --"), agent_), 0);
    EXPECT_EQ(total("owner=" + encoded("' OR '1'='1"), agent_), 0);
    EXPECT_EQ(total("channel=" + encoded("phone' OR 1=1 --"), admin_), 0);
    EXPECT_EQ(total("department=" + encoded("x' OR '1'='1"), admin_), 0);
    EXPECT_EQ(total("customer=%25", agent_), 0); // "%" matches literally
    EXPECT_EQ(total("customer=_", agent_), 0);
    EXPECT_EQ(total("", agent_), 1); // and the table is still there
    // Values too long to match anything, or too many departments: 400 naming the field.
    for (auto [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"customer=" + std::string(255, 'x'), "customer"},
             {"owner=" + std::string(4001, 'x'), "owner"},
             {"channel=" + std::string(5000, 'x'), "channel"},
             {"department=" + std::string(201, 'x'), "department"},
         }) {
        for (std::string path : {"/complaints?", "/complaints/counts?"}) {
            auto r = call("GET", path + query, admin_);
            EXPECT_EQ(r.status, 400) << path << field;
            EXPECT_EQ(error_field(r), field) << r.body;
        }
    }
    std::string many;
    for (int i = 0; i < 101; ++i)
        many += (many.empty() ? "" : ",") + std::string("d") + std::to_string(i);
    EXPECT_EQ(error_field(call("GET", "/complaints/counts?department=" + many, admin_)),
              "department");
    // NUL (PostgreSQL would cut the value there) and broken UTF-8: 400 on both backends.
    for (std::string query :
         {"customer=a%00b", "owner=%00", "customer=%FF%FE", "channel=%ED%A0%80"}) {
        for (std::string path : {"/complaints?", "/complaints/counts?"}) {
            auto r = call("GET", path + query, agent_);
            EXPECT_EQ(r.status, 400) << path << query << " → " << r.body;
        }
    }
}

TEST_P(QueueTest, CountsIsARouteNotAComplaintId) {
    std::string id = create(agent_);
    auto r = call("GET", "/complaints/counts", agent_);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_TRUE(parse(r.body)->has("by_status"));
    EXPECT_EQ(call("GET", "/complaints/counts/", agent_).status, 200);
    auto post = call("POST", "/complaints/counts", agent_, "{}");
    EXPECT_EQ(post.status, 405);
    EXPECT_EQ(post.header("Allow"), "GET");
    // Tracking numbers still reach the complaint.
    auto got = call("GET", "/complaints/" + id, agent_);
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(parse(got.body)->getValue<std::string>("id"), id);
    EXPECT_EQ(call("GET", "/complaints/count", agent_).status, 404); // an id, and no such complaint
    auto m = daemon_->request("GET", "/metrics");
    EXPECT_NE(m.body.find(R"(route="/complaints/counts",method="GET",status="200")"),
              std::string::npos)
        << m.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, QueueTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
