#include <Poco/DigestEngine.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>
#include <algorithm>
#include <redress/core/auth/tokens.hpp>
#include <redress/core/service/service_error.hpp>

namespace redress::core {
namespace {

// URL-safe, unambiguous on the phone or in a terminal.
std::string random_text(std::size_t bytes) {
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    Poco::RandomInputStream random;
    std::string out;
    for (std::size_t i = 0; i < bytes; ++i) {
        unsigned char c = static_cast<unsigned char>(random.get());
        out += alphabet[c % (sizeof alphabet - 1)];
    }
    return out;
}

} // namespace

std::string hash_secret(std::string_view secret) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(secret.data(), static_cast<unsigned>(secret.size()));
    return Poco::DigestEngine::digestToHex(sha.digest());
}

IssuedToken issue_token(Store& store, const std::vector<std::string>& known_departments,
                        const std::string& name, Role role, std::vector<std::string> departments,
                        std::int64_t now_ms) {
    if (name.empty() || name.size() > 100)
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "a token needs a name of 1 to 100 bytes", "name");
    if (departments.empty())
        throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                           "a token needs at least one department (or \"*\")", "departments");
    for (const auto& d : departments)
        if (d != "*" && std::find(known_departments.begin(), known_departments.end(), d) ==
                            known_departments.end())
            throw ServiceError(ServiceError::Kind::Invalid, "invalid_field",
                               "no department \"" + d + "\"", "departments");
    IssuedToken t;
    t.secret = "rdr_" + random_text(40);
    t.record.id = "tok_" + random_text(12);
    t.record.name = name;
    t.record.secret_hash = hash_secret(t.secret);
    t.record.role = role;
    t.record.departments = std::move(departments);
    t.record.created_at_ms = now_ms;
    store.add_token(t.record);
    return t;
}

std::optional<Actor> authenticate(Store& store, std::string_view secret) {
    if (secret.size() < 8 || secret.size() > 200)
        return std::nullopt;
    auto t = store.find_token_by_hash(hash_secret(secret));
    if (!t || t->revoked_at_ms)
        return std::nullopt;
    return Actor{t->name, t->role, t->departments};
}

} // namespace redress::core
