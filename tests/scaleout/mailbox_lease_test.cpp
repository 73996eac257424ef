// One POP3 mailbox, two redressd polling it every second on one PostgreSQL:
// the poll lease lets one host at a time fetch, so every mail is retrieved
// once (Dovecot's own count), becomes exactly one complaint, and is deleted.
#include "../channels/email/dovecot_server.hpp"
#include "cluster.hpp"

#include <chrono>
#include <regex>
#include <set>
#include <thread>

using namespace redress::test;

namespace {

constexpr int mails = 50;

std::string message_id(int i) {
    return "<scale-" + std::to_string(i) + "@mail.example.com>";
}

class MailboxLease : public ScaleOut {
protected:
    void SetUp() override {
        ScaleOut::SetUp();
        if (IsSkipped())
            return;
        dovecot_ =
            std::make_unique<DovecotServer>(mail_dir_.path() / "dovecot", "complaints:secret");
    }

    std::string channels() const override { return R"(["email", "phone"])"; }
    std::string extra_config() const override {
        return "[plugin.email]\ninterval = 1\nattachment_dir = \"" +
               (mail_dir_.path() / "attachments").string() +
               "\"\n"
               "[[plugin.email.mailbox]]\ndepartment = \"after-sales\"\n"
               "host = \"127.0.0.1\"\nport = " +
               std::to_string(dovecot_->port()) +
               "\nuser = \"complaints\"\npassword = \"secret\"\n";
    }

    void deliver(int from, int to) {
        for (int i = from; i < to; ++i)
            dovecot_->deliver("complaints", "From: customer" + std::to_string(i) +
                                                "@example.com\r\n"
                                                "To: complaints@example.com\r\n"
                                                "Subject: =?UTF-8?B?5rSX6KGj5py65ryP5rC0?= #" +
                                                std::to_string(i) +
                                                "\r\nMessage-ID: " + message_id(i) +
                                                "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                                "\r\n滚筒洗衣机漏水，第 " +
                                                std::to_string(i) + " 封。\r\n");
    }

    //! Sums one counter of Dovecot's POP3 logout lines ("retr=3/…, del=3/…").
    long dovecot_total(const std::string& counter) const {
        std::regex re(counter + "=(\\d+)/");
        long total = 0;
        const std::string log = dovecot_->log();
        for (std::sregex_iterator it(log.begin(), log.end(), re), end; it != end; ++it)
            total += std::stol((*it)[1]);
        return total;
    }

    TempDir mail_dir_;
    std::unique_ptr<DovecotServer> dovecot_;
};

} // namespace

TEST_F(MailboxLease, EveryMailIsFetchedByOneHostOnceAndBecomesOneComplaint) {
    // Half waiting before the hosts start (both poll at once at start), half
    // arriving while they poll.
    deliver(0, mails / 2);
    start_hosts(2);
    ASSERT_FALSE(HasFatalFailure());
    const auto started = std::chrono::steady_clock::now();
    for (int i = mails / 2; i < mails; i += 5) {
        deliver(i, i + 5);
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }

    std::vector<std::string> ids;
    const auto deadline = started + std::chrono::seconds(40);
    while (std::chrono::steady_clock::now() < deadline) {
        ids = listed(0, admin_);
        if (ids.size() >= static_cast<std::size_t>(mails) && dovecot_->count("complaints") == 0)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    const auto drained = std::chrono::steady_clock::now();
    RecordProperty(
        "mailbox_drained_ms",
        static_cast<int>(
            std::chrono::duration_cast<std::chrono::milliseconds>(drained - started).count()));
    // Two more turns of each host: nothing fetched twice may turn up late.
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));

    EXPECT_EQ(dovecot_->count("complaints"), 0u) << "every mail deleted after its commit";
    ids = listed(1, admin_);
    ASSERT_EQ(ids.size(), static_cast<std::size_t>(mails));
    std::set<std::string> seen;
    static const std::regex message_id_re(R"re("message_id":"(<[^"]+>)")re");
    for (const auto& id : ids) {
        auto r = call(0, "GET", "/complaints/" + id, admin_);
        ASSERT_EQ(r.status, 200) << r.body;
        std::smatch m;
        ASSERT_TRUE(std::regex_search(r.body, m, message_id_re)) << r.body;
        EXPECT_TRUE(seen.insert(m[1]).second) << "Message-ID " << m[1] << " twice";
    }
    std::set<std::string> expected;
    for (int i = 0; i < mails; ++i)
        expected.insert(message_id(i));
    EXPECT_EQ(seen, expected);

    // Dovecot's own account: no mail was retrieved by two sessions (which
    // two hosts fetching at the same time would do; the Message-ID dedupe
    // would then hide it from the complaint count).
    EXPECT_EQ(dovecot_total("retr"), mails) << dovecot_->log();
    EXPECT_EQ(dovecot_total("del"), mails) << dovecot_->log();

    long skipped = 0;
    for (std::size_t h = 0; h < 2; ++h)
        skipped += metric(metrics(h), R"(redress_poll_skipped_total{plugin="email"})");
    RecordProperty("email_poll_turns_skipped", static_cast<int>(skipped));
}
