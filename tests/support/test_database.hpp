// A fresh, empty database per test: a new SQLite file in a temp folder, or a
// new database in the test PostgreSQL cluster (started by the CTest fixture,
// whose URL is in the file named by REDRESS_TEST_POSTGRES_URL_FILE).
#pragma once

#include "../test_support.hpp"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <random>
#include <redress/core/store/store.hpp>
#include <stdexcept>
#include <string>

namespace redress::test {

//! The test cluster's admin URL, or nullopt when the tests run without the
//! fixture (a manual run of one binary). Under CTest the fixture must be there.
inline std::optional<std::string> postgres_admin_url() {
    const char* file = std::getenv("REDRESS_TEST_POSTGRES_URL_FILE");
    if (!file)
        return std::nullopt;
    std::ifstream in(file);
    std::string url;
    if (!std::getline(in, url) || url.empty())
        throw std::runtime_error(std::string("PostgreSQL test cluster URL missing from ") + file);
    return url;
}

class TestDatabase {
public:
    explicit TestDatabase(const std::string& backend)
        : backend_(backend) {
        static std::once_flag once;
        std::call_once(once, [] {
            Poco::Data::SQLite::Connector::registerConnector();
            Poco::Data::PostgreSQL::Connector::registerConnector();
        });
        if (backend == "sqlite") {
            url_ = "sqlite://" + (dir_.path() / "redress.db").string();
            return;
        }
        auto admin = postgres_admin_url();
        if (!admin)
            return;
        std::random_device rd;
        name_ = "t_" + std::to_string(rd()) + std::to_string(rd());
        admin_ = *admin;
        Poco::Data::Session s("PostgreSQL", redress::core::postgres_keywords(admin_));
        s << "CREATE DATABASE " + name_, Poco::Data::Keywords::now;
        url_ = admin_;
        url_.replace(url_.find("/postgres?"), 10, "/" + name_ + "?");
    }
    ~TestDatabase() {
        if (name_.empty())
            return;
        try {
            Poco::Data::Session s("PostgreSQL", redress::core::postgres_keywords(admin_));
            s << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)", Poco::Data::Keywords::now;
        } catch (...) {
        }
    }
    bool available() const { return !url_.empty(); }
    const std::string& url() const { return url_; }
    const std::string& backend() const { return backend_; }
    //! A raw Poco::Data session to the same database (to tamper with it).
    Poco::Data::Session raw_session() const {
        if (backend_ == "sqlite")
            return Poco::Data::Session("SQLite", url_.substr(9));
        return Poco::Data::Session("PostgreSQL", redress::core::postgres_keywords(url_));
    }

private:
    std::string backend_, url_, name_, admin_;
    TempDir dir_;
};

} // namespace redress::test
