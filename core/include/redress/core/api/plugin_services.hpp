// The services plugins call through redress_host_api.call (the list, with
// every request and reply field, is sdk/include/redress/services.hpp). They
// run through the same ComplaintService and the same strict validation as the
// REST API, so a complaint is the same whichever way it came in.
#pragma once

#include <redress/core/plugin/host_api.hpp>
#include <redress/core/service/complaint_service.hpp>
#include <set>
#include <string>

namespace redress::core::api {

class PluginServices final : public HostServices {
public:
    explicit PluginServices(ComplaintService& service);
    void call(const std::string& plugin, std::string_view op, const Record& request,
              Record& reply) override;

private:
    ComplaintService& service_;
};

//! A record as a JSON object: a field with one value is that value, a field
//! with several is an array; nested records are objects. Fields named in
//! lists (at any depth) are always arrays, so a list of one stays a list.
Poco::JSON::Object::Ptr record_to_json(const Record& record,
                                       const std::set<std::string, std::less<>>& lists = {});

} // namespace redress::core::api
