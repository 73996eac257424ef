#include "session_checkout.hpp"

#include <Poco/Data/DataException.h>

namespace redress::core::sql {

StoreError store_error(const std::string& backend, const std::string& doing,
                       const Poco::Exception& e) {
    return StoreError(backend + ": " + doing + ": " + e.displayText());
}

Poco::Data::Session checkout(Poco::Data::SessionPool& pool, const std::string& backend,
                             bool validate) {
    // Every pooled connection may be dead at once (the server restarted while
    // they idled): try them all, then one new connection, before giving up.
    const int attempts = pool.allocated() + 1;
    for (int attempt = 1;; ++attempt) {
        Poco::Data::Session s = [&] {
            try {
                return pool.get();
            } catch (const Poco::Data::SessionPoolExhaustedException& e) {
                throw store_error(backend,
                                  "all " + std::to_string(pool.capacity()) +
                                      " database connections are in use",
                                  e);
            } catch (const Poco::Exception& e) {
                throw store_error(backend, "cannot connect to the database", e);
            }
        }();
        if (!validate)
            return s;
        try {
            s << "SELECT 1", Poco::Data::Keywords::now;
            return s;
        } catch (const Poco::Exception& e) {
            // The failed query marked the connection bad; destroying s hands
            // it back, and the pool drops it instead of keeping it idle.
            if (attempt >= attempts)
                throw store_error(backend, "the database connection was lost", e);
        }
    }
}

} // namespace redress::core::sql
