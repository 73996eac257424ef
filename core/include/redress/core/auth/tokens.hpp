// API tokens: a random secret shown once at creation, stored only as its
// SHA-256; each token has a role and the departments it may act on ("*" for
// all). A request authenticates with "Authorization: Bearer <secret>".
#pragma once

#include <optional>
#include <redress/core/lifecycle/actor.hpp>
#include <redress/core/store/store.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace redress::core {

struct IssuedToken {
    TokenRecord record;
    std::string secret; //!< "rdr_…"; not stored anywhere, shown to the caller once
};

//! SHA-256 of a secret, lower-case hex.
std::string hash_secret(std::string_view secret);

//! Creates and stores a token. Throws ServiceError (Invalid) for an empty name,
//! no departments, or a department the config does not know (unless "*").
IssuedToken issue_token(Store& store, const std::vector<std::string>& known_departments,
                        const std::string& name, Role role, std::vector<std::string> departments,
                        std::int64_t now_ms);

//! The actor a bearer secret stands for, or nullopt if it is unknown or revoked.
std::optional<Actor> authenticate(Store& store, std::string_view secret);

} // namespace redress::core
