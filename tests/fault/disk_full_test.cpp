// The disk under the SQLite database fills up: creates fail with a JSON error
// that names the cause, redressd keeps running and serving reads, nothing it
// acknowledged is lost, the database stays intact, and once there is space
// again creates succeed without a restart. The database lives on a small
// tmpfs of the test's own (mounting needs root; the test skips without it).
#include "fault_fixture.hpp"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <fstream>
#include <sys/mount.h>
#include <sys/statvfs.h>

using namespace redress::test;

namespace {

class DiskFull : public FaultFixture {
protected:
    void SetUp() override {
        mount_ = dir_ / "disk";
        std::filesystem::create_directories(mount_);
        if (::mount("tmpfs", mount_.c_str(), "tmpfs", 0, "size=4m") != 0)
            GTEST_SKIP() << "cannot mount a 4 MiB tmpfs at " << mount_ << " ("
                         << std::strerror(errno) << "); the disk-full test needs root";
        mounted_ = true;
        db_ = mount_ / "redress.db";
        start_daemon("sqlite://" + db_.string());
    }
    void TearDown() override {
        daemon_.reset();
        if (mounted_)
            ::umount2(mount_.c_str(), MNT_DETACH);
    }

    std::uint64_t free_bytes() const {
        struct statvfs s {};
        ::statvfs(mount_.c_str(), &s);
        return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
    }

    //! Fills the disk but for `leave` bytes with a file the test removes later.
    void fill_leaving(std::uint64_t leave) {
        std::ofstream f(mount_ / "filler", std::ios::binary);
        std::string block(4096, 'x');
        for (std::uint64_t n = free_bytes(); n > leave + block.size(); n -= block.size())
            f.write(block.data(), static_cast<std::streamsize>(block.size()));
    }

    std::string integrity() const {
        static std::once_flag once;
        std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
        Poco::Data::Session s("SQLite", db_.string());
        std::string result;
        s << "PRAGMA integrity_check", Poco::Data::Keywords::into(result),
            Poco::Data::Keywords::now;
        return result;
    }

    std::filesystem::path mount_, db_;
    bool mounted_ = false;
};

} // namespace

TEST_F(DiskFull, CreatesFailClearlyReadsGoOnAndSpaceBackMeansCreatesWork) {
    // Room for a few dozen creates: each commit appends its pages to the WAL.
    fill_leaving(1536 * 1024);

    std::map<std::string, std::string> acked; // key -> tracking number
    HttpReply refused;
    std::string refused_key;
    for (int i = 0; i < 20000 && refused.status == 0; ++i) {
        std::string key = "full-" + std::to_string(i);
        auto r = create(key);
        if (r.status == 201) {
            acked[key] = parse(r.body)->getValue<std::string>("id");
        } else {
            refused = r;
            refused_key = key;
        }
    }
    ASSERT_NE(refused.status, 0) << "the disk never filled up";
    ASSERT_GE(acked.size(), 10u) << "the disk filled before the test proved anything: "
                                 << refused.status << " " << refused.body;

    // A clear error: 507 storage_full with a JSON message naming the cause.
    EXPECT_EQ(refused.status, 507) << refused.body;
    EXPECT_EQ(error_code(refused), "storage_full") << refused.body;
    EXPECT_NE(refused.body.find("full"), std::string::npos)
        << "the message does not say the disk is full: " << refused.body;
    // More creates on a full disk are refused the same way (one may still fit
    // in a page SQLite has free), and redressd stays up and reads.
    for (int i = 0; i < 5; ++i) {
        std::string key = "still-full-" + std::to_string(i);
        auto r = create(key);
        if (r.status == 201)
            acked[key] = parse(r.body)->getValue<std::string>("id");
        else
            EXPECT_EQ(r.status, 507) << r.body;
    }
    EXPECT_EQ(call("GET", "/health", "").status, 200);
    for (const auto& [key, id] : acked)
        ASSERT_EQ(call("GET", "/complaints/" + id, agent_).status, 200) << id << " unreadable";
    EXPECT_EQ(integrity(), "ok");

    // Space returns: creates work again, without a restart.
    std::filesystem::remove(mount_ / "filler");
    auto again = create(refused_key);
    ASSERT_EQ(again.status, 201) << "the refused create was not stored once space returned: "
                                 << again.body;
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(create("after-" + std::to_string(i)).status, 201);
    for (const auto& [key, id] : acked) {
        auto r = create(key);
        EXPECT_EQ(r.status, 200) << key << " was stored twice";
        EXPECT_EQ(parse(r.body)->getValue<std::string>("id"), id);
    }
    EXPECT_EQ(all_ids().size(), acked.size() + 1 + 20);
    EXPECT_EQ(integrity(), "ok");
}
