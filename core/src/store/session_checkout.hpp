// Internal: taking a session from the SQL store's pool without handing a
// caller a dead connection or a raw Poco exception.
//
// A PostgreSQL connection the server has closed (restart, failover, an
// administrator's pg_terminate_backend) still reports itself connected until
// it is used, so Poco's pool hands it out again. checkout() tries each pooled
// PostgreSQL connection with a trivial query first; a dead one fails that
// query, which marks it bad, and the pool drops it when it comes back. If no
// connection can be had, the caller gets a StoreError that says why.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>
#include <redress/core/store/store.hpp>
#include <string>

namespace redress::core::sql {

//! What a store failure was about, for the message: "<backend>: <doing>: <cause>".
StoreError store_error(const std::string& backend, const std::string& doing,
                       const Poco::Exception& e);

//! A live session from pool, or StoreError. validate: try the connection
//! first (PostgreSQL), replacing dead ones, at most as many as the pool holds.
Poco::Data::Session checkout(Poco::Data::SessionPool& pool, const std::string& backend,
                             bool validate);

} // namespace redress::core::sql
