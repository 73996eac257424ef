// The e-mail channel end to end: a real Dovecot (tests/support/dovecot.sh)
// holding the mail, a real redressd with the shipped plugins fetching it over
// POP3 (plain for after-sales, POP3S for call-centre), on SQLite and
// PostgreSQL.
#include "../channel_fixture.hpp"
#include "dovecot_server.hpp"

#include <Poco/JSON/Array.h>
#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

using namespace redress::test;

namespace {

std::string mail_file(const std::string& name) {
    std::ifstream in(std::string(EMAIL_MAILS_DIR) + "/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

bool has(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

class EmailChannel : public ChannelFixture {
protected:
    void SetUp() override {
        dovecot_ = std::make_unique<DovecotServer>(mail_dir_.path() / "dovecot",
                                                   "complaints:secret cc:s3cret");
        ChannelFixture::SetUp();
        if (IsSkipped() || HasFatalFailure())
            return;
        wait_for_first_round(); // the host polls once at start; the mailboxes are empty then
    }

    std::string channels() const override { return R"(["email"])"; }
    virtual int interval() const { return 3600; }

    std::string plugin_config() const override {
        std::string c = "[plugin.email]\ninterval = " + std::to_string(interval()) +
                        "\nattachment_dir = \"" + (mail_dir_.path() / "attachments").string() +
                        "\"\n"
                        "[[plugin.email.mailbox]]\ndepartment = \"after-sales\"\n"
                        "host = \"127.0.0.1\"\nport = " +
                        std::to_string(dovecot_->port()) +
                        "\nuser = \"complaints\"\npassword = \"secret\"\n";
        if (dovecot_->pop3s_port())
            c += "[[plugin.email.mailbox]]\ndepartment = \"call-centre\"\n"
                 "host = \"127.0.0.1\"\nport = " +
                 std::to_string(dovecot_->pop3s_port()) +
                 "\nuser = \"cc\"\npassword = \"s3cret\"\ntls = true\nca_file = \"" +
                 dovecot_->certificate().string() + "\"\n";
        return c;
    }

    void wait_for_first_round() {
        for (int i = 0; i < 100; ++i) {
            auto r = call("GET", "/email/status", admin_);
            if (r.status == 200 && !has(r.body, "never_fetched"))
                return;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        FAIL() << "the e-mail channel never polled its mailboxes";
    }

    //! POST /email/fetch as token; the result of department's mailbox.
    Poco::JSON::Object::Ptr fetch(const std::string& department = "after-sales",
                                  const std::string& token = "") {
        auto r = call("POST", "/email/fetch", token.empty() ? supervisor_ : token);
        EXPECT_EQ(r.status, 200) << r.body;
        if (r.status != 200)
            return new Poco::JSON::Object;
        auto list = parse(r.body)->getArray("mailboxes");
        for (unsigned i = 0; i < list->size(); ++i)
            if (list->getObject(i)->getValue<std::string>("department") == department)
                return list->getObject(i);
        ADD_FAILURE() << "no mailbox of " << department << " in " << r.body;
        return new Poco::JSON::Object;
    }
    static int n(const Poco::JSON::Object::Ptr& o, const std::string& key) {
        return o->optValue<int>(key, -1);
    }

    std::vector<Poco::JSON::Object::Ptr> complaints() {
        auto r = call("GET", "/complaints", admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<Poco::JSON::Object::Ptr> out;
        auto items = parse(r.body)->getArray("items");
        for (unsigned i = 0; i < items->size(); ++i)
            out.push_back(items->getObject(i));
        return out;
    }
    HttpReply complaint(const std::string& id) { return call("GET", "/complaints/" + id, admin_); }
    std::string only_complaint_id() {
        auto all = complaints();
        EXPECT_EQ(all.size(), 1u);
        return all.empty() ? "" : all[0]->getValue<std::string>("id");
    }

    TempDir mail_dir_;
    std::unique_ptr<DovecotServer> dovecot_;
};

} // namespace

TEST_P(EmailChannel, AGbkMailBecomesAComplaintAndLeavesTheServerOnlyAfterwards) {
    dovecot_->deliver("complaints", mail_file("gbk_subject_body.eml"));
    auto r = fetch();
    EXPECT_EQ(n(r, "fetched"), 1);
    EXPECT_EQ(n(r, "created"), 1);
    EXPECT_EQ(r->getArray("errors")->size(), 0u);
    EXPECT_EQ(dovecot_->count("complaints"), 0u) << "committed, so deleted";

    auto got = complaint(only_complaint_id());
    ASSERT_EQ(got.status, 200) << got.body;
    auto c = parse(got.body);
    EXPECT_EQ(c->getValue<std::string>("channel"), "email");
    EXPECT_EQ(c->getValue<std::string>("department"), "after-sales");
    EXPECT_EQ(c->getValue<std::string>("cause"),
              "我家的滚筒洗衣机用了三天就漏水了，地板都泡坏了。\r\n请尽快换一台新的。");
    EXPECT_EQ(c->getValue<std::string>("request"), "洗衣机漏水，要求换货");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("email"), "wang@example.com");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("contact"), "王先生");
    EXPECT_TRUE(has(got.body, R"("message_id":"<gbk-1@mail.example.com>")")) << got.body;
}

TEST_P(EmailChannel, AnAttachmentIsKeptBySha256AndReferencedByTheComplaint) {
    dovecot_->deliver("complaints", mail_file("multipart_attachment.eml"));
    auto r = fetch();
    ASSERT_EQ(n(r, "created"), 1) << r->getArray("errors")->size();
    auto got = complaint(only_complaint_id());
    EXPECT_TRUE(has(got.body, R"("name":"照片.jpg")")) << got.body;
    EXPECT_TRUE(has(got.body, R"("type":"image/jpeg")")) << got.body;
    EXPECT_TRUE(has(got.body, R"("size":10240)")) << got.body;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(got.body, m, std::regex(R"re("sha256":"([0-9a-f]{64})")re")))
        << got.body;
    auto kept = mail_dir_.path() / "attachments" / m[1].str();
    EXPECT_TRUE(std::filesystem::exists(kept)) << kept;
    EXPECT_EQ(std::filesystem::file_size(kept), 10240u);
    EXPECT_EQ(parse(got.body)->getValue<std::string>("cause"),
              "微波炉的门合不上了，照片在附件里。");
}

TEST_P(EmailChannel, AReplyNamingATrackingNumberIsThreadedAsAComment) {
    dovecot_->deliver("complaints", mail_file("gbk_subject_body.eml"));
    ASSERT_EQ(n(fetch(), "created"), 1);
    std::string id = only_complaint_id();

    dovecot_->deliver("complaints",
                      "From: wang@example.com\r\nSubject: Re: [" + id +
                          "] 洗衣机漏水\r\nMessage-ID: <reply-e2e@example.com>\r\n"
                          "Content-Type: text/plain; charset=utf-8\r\n\r\n师傅昨天没有来。\r\n");
    auto r = fetch();
    EXPECT_EQ(n(r, "comments"), 1);
    EXPECT_EQ(n(r, "created"), 0);
    EXPECT_EQ(complaints().size(), 1u);
    auto got = complaint(id);
    EXPECT_TRUE(has(got.body, "师傅昨天没有来。")) << got.body;
    EXPECT_TRUE(has(got.body, "<reply-e2e@example.com>")) << got.body;

    // A number nobody issued: a new complaint that says so.
    dovecot_->deliver("complaints", "From: li@example.com\r\nSubject: Re: AS-1999-999999\r\n"
                                    "Message-ID: <unknown-no@example.com>\r\n\r\nhello\r\n");
    r = fetch();
    EXPECT_EQ(n(r, "created"), 1);
    bool said_so = false;
    for (const auto& c : complaints()) {
        auto body = complaint(c->getValue<std::string>("id")).body;
        said_so = said_so || has(body, R"("unknown_tracking_number":"AS-1999-999999")");
    }
    EXPECT_TRUE(said_so);
}

TEST_P(EmailChannel, TheSameMailTwiceIsOneComplaint) {
    dovecot_->deliver("complaints", mail_file("qp_utf8.eml"));
    dovecot_->deliver("complaints", mail_file("qp_utf8.eml"));
    auto r = fetch();
    EXPECT_EQ(n(r, "fetched"), 2);
    EXPECT_EQ(n(r, "created"), 1);
    EXPECT_EQ(n(r, "duplicates"), 1);
    EXPECT_EQ(complaints().size(), 1u);
    EXPECT_EQ(dovecot_->count("complaints"), 0u);
}

TEST_P(EmailChannel, ADisabledChannelRefusesTheMailWhichStaysUntilItIsEnabled) {
    auto off =
        call("PUT", "/departments/after-sales/channels/email", admin_, R"({"enabled":false})");
    ASSERT_EQ(off.status, 200) << off.body;
    dovecot_->deliver("complaints", mail_file("base64_utf8.eml"));
    auto r = fetch();
    EXPECT_EQ(n(r, "created"), 0);
    EXPECT_EQ(n(r, "left_on_server"), 1);
    ASSERT_EQ(r->getArray("errors")->size(), 1u);
    std::string error = r->getArray("errors")->getElement<std::string>(0);
    EXPECT_TRUE(has(error, "<b64-1@example.net>")) << error;
    EXPECT_TRUE(has(error, "refused")) << error;
    EXPECT_EQ(dovecot_->count("complaints"), 1u) << "refused, so kept";
    EXPECT_TRUE(complaints().empty());
    auto status = call("GET", "/email/status", agent_);
    EXPECT_EQ(status.status, 200);
    EXPECT_TRUE(has(status.body, "refused")) << status.body;

    auto on = call("PUT", "/departments/after-sales/channels/email", admin_, R"({"enabled":true})");
    ASSERT_EQ(on.status, 200) << on.body;
    r = fetch();
    EXPECT_EQ(n(r, "created"), 1);
    EXPECT_EQ(dovecot_->count("complaints"), 0u);
}

TEST_P(EmailChannel, AFiftyMegabyteMailIsRegisteredFromItsHeaderAndStaysOnTheServer) {
    auto big = mail_dir_.path() / "big.eml";
    {
        std::ofstream out(big, std::ios::binary);
        out << "From: =?UTF-8?B?5byg5LiJ?= <zhang@example.com>\r\nSubject: "
               "=?UTF-8?B?6KeG6aKR6K+B5o2u?=\r\nMessage-ID: <big-1@example.com>\r\n"
               "Content-Type: text/plain; charset=utf-8\r\n\r\n";
        std::string line(78, 'x');
        line += "\r\n";
        for (std::size_t written = 0; written < 50u << 20; written += line.size())
            out << line;
    }
    auto size = std::filesystem::file_size(big);
    dovecot_->deliver_file("complaints", big);

    auto r = fetch();
    EXPECT_EQ(n(r, "too_large"), 1);
    EXPECT_EQ(n(r, "created"), 1);
    EXPECT_EQ(n(r, "left_on_server"), 1);
    EXPECT_EQ(dovecot_->count("complaints"), 1u);
    auto c = parse(complaint(only_complaint_id()).body);
    EXPECT_TRUE(has(c->getValue<std::string>("cause"), "too large"))
        << c->getValue<std::string>("cause");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("contact"), "张三");
    EXPECT_EQ(c->getValue<std::string>("request"), "视频证据");

    r = fetch(); // again: the same Message-ID, so no second complaint
    EXPECT_EQ(n(r, "duplicates"), 1);
    EXPECT_EQ(n(r, "created"), 0);
    EXPECT_EQ(complaints().size(), 1u);
    // Only headers went over the wire: Dovecot counted TOPs and no RETR.
    std::string log = dovecot_->log();
    EXPECT_FALSE(std::regex_search(log, std::regex("retr=[1-9]"))) << log;
    EXPECT_TRUE(std::regex_search(log, std::regex("top=[1-9]"))) << log;
    (void)size;
}

TEST_P(EmailChannel, FetchingTakesASupervisorAndStatusIsScopedToTheCaller) {
    EXPECT_EQ(call("POST", "/email/fetch", agent_).status, 403);
    EXPECT_EQ(call("POST", "/email/fetch", "").status, 401);
    EXPECT_EQ(call("GET", "/email/status", "").status, 401);
    EXPECT_EQ(call("GET", "/email/fetch", admin_).status, 405);
    auto status = call("GET", "/email/status", cc_agent_);
    ASSERT_EQ(status.status, 200) << status.body;
    EXPECT_FALSE(has(status.body, "after-sales")) << status.body;
    EXPECT_FALSE(has(status.body, "secret")) << "never shows a password: " << status.body;
}

TEST_P(EmailChannel, Pop3sMailboxOfTheOtherDepartmentFetchesOverTls) {
    if (!dovecot_->pop3s_port())
        GTEST_SKIP() << "no openssl: Dovecot runs without TLS";
    dovecot_->deliver("cc", mail_file("html_only.eml"));
    auto r = fetch("call-centre", admin_);
    EXPECT_EQ(n(r, "created"), 1) << (r->has("errors") && r->getArray("errors")->size()
                                          ? r->getArray("errors")->getElement<std::string>(0)
                                          : "");
    EXPECT_TRUE(has(r->getValue<std::string>("mailbox"), "pop3s://"));
    auto c = parse(complaint(only_complaint_id()).body);
    EXPECT_EQ(c->getValue<std::string>("department"), "call-centre");
    EXPECT_EQ(c->getValue<std::string>("cause"), "热水器&水管漏水\n请联系我：138 0000");
    EXPECT_TRUE(std::regex_search(dovecot_->log(), std::regex("user=<cc>.*TLS")));
}

class EmailPolling : public EmailChannel {
protected:
    int interval() const override { return 1; }
};

TEST_P(EmailPolling, TheHostsPollFetchesWithoutBeingAsked) {
    dovecot_->deliver("complaints", mail_file("reply_tracking.eml"));
    for (int i = 0; i < 100 && complaints().empty(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(complaints().size(), 1u);
    EXPECT_EQ(dovecot_->count("complaints"), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, EmailChannel, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Backends, EmailPolling, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });
