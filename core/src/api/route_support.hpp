// Internal to the API's route files: authentication, and the mapping of
// service and storage errors to HTTP errors.
#pragma once

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <redress/core/auth/tokens.hpp>
#include <redress/core/http/http_context.hpp>
#include <redress/core/http/router.hpp>
#include <redress/core/service/service_error.hpp>
#include <redress/core/store/store.hpp>

namespace redress::core::api {

using http::HttpContext;
using http::HttpError;
using Poco::Net::HTTPResponse;

// ---- Authentication and error mapping -----------------------------------

inline Actor require_actor(HttpContext& ctx, Store& store) {
    // A copy: get() returns a reference to its default argument when the header is absent.
    const std::string auth = ctx.request().get("Authorization", "");
    static const std::string scheme = "Bearer ";
    if (auth.rfind(scheme, 0) != 0) {
        ctx.response().set("WWW-Authenticate", "Bearer");
        throw HttpError(HTTPResponse::HTTP_UNAUTHORIZED, "unauthorized",
                        "an API token is required: Authorization: Bearer <token>");
    }
    auto actor = authenticate(store, std::string_view(auth).substr(scheme.size()));
    if (!actor) {
        ctx.response().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        throw HttpError(HTTPResponse::HTTP_UNAUTHORIZED, "unauthorized",
                        "the API token is unknown or revoked");
    }
    return *actor;
}

inline HTTPResponse::HTTPStatus status_of(ServiceError::Kind k) {
    switch (k) {
    case ServiceError::Kind::Invalid:
        return HTTPResponse::HTTP_UNPROCESSABLE_ENTITY;
    case ServiceError::Kind::NotFound:
        return HTTPResponse::HTTP_NOT_FOUND;
    case ServiceError::Kind::Forbidden:
        return HTTPResponse::HTTP_FORBIDDEN;
    case ServiceError::Kind::Conflict:
        return HTTPResponse::HTTP_CONFLICT;
    case ServiceError::Kind::Unavailable:
        return HTTPResponse::HTTP_SERVICE_UNAVAILABLE;
    case ServiceError::Kind::PluginFailed:
        return HTTPResponse::HTTP_BAD_GATEWAY;
    }
    return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
}

// Wraps a handler: service and storage failures become their HTTP errors.
template <class F>
http::Handler guarded(F f) {
    return [f](HttpContext& ctx) {
        try {
            f(ctx);
        } catch (const ServiceError& e) {
            throw HttpError(status_of(e.kind()), e.code(), e.what(), e.field());
        } catch (const StoreError& e) {
            if (e.cause() ==
                StoreError::Cause::Full) // nothing was stored; retry when space returns
                throw HttpError(HTTPResponse::HTTP_INSUFFICIENT_STORAGE, "storage_full",
                                std::string("storage is full: ") + e.what());
            throw HttpError(HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "store_unavailable",
                            std::string("storage is unavailable: ") + e.what());
        }
    };
}

} // namespace redress::core::api
