#include "enum_names.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <algorithm>
#include <array>
#include <redress/core/model/compensation.hpp>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace redress::core {
namespace {

constexpr std::array<std::pair<ProposalStatus, std::string_view>, 7> proposal_status_names{{
    {ProposalStatus::Proposed, "proposed"},
    {ProposalStatus::Approved, "approved"},
    {ProposalStatus::Declined, "declined"},
    {ProposalStatus::Agreed, "agreed"},
    {ProposalStatus::NotAccepted, "not_accepted"},
    {ProposalStatus::Refused, "refused"},
    {ProposalStatus::Withdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<TaskStatus, std::string_view>, 3> task_status_names{{
    {TaskStatus::Open, "open"},
    {TaskStatus::Done, "done"},
    {TaskStatus::Cancelled, "cancelled"},
}};

} // namespace

std::string_view to_string(ProposalStatus s) {
    return enum_names::name_of(proposal_status_names, s);
}
std::optional<ProposalStatus> parse_proposal_status(std::string_view s) {
    return enum_names::find(proposal_status_names, s);
}
std::string_view to_string(TaskStatus s) {
    return enum_names::name_of(task_status_names, s);
}
std::optional<TaskStatus> parse_task_status(std::string_view s) {
    return enum_names::find(task_status_names, s);
}

namespace {

Poco::JSON::Array::Ptr to_array(const std::vector<std::string>& list) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& s : list)
        a->add(s);
    return a;
}

std::vector<std::string> from_array(const Poco::JSON::Array::Ptr& a) {
    std::vector<std::string> out;
    if (a)
        for (std::size_t i = 0; i < a->size(); ++i)
            out.push_back(a->getElement<std::string>(static_cast<unsigned>(i)));
    return out;
}

std::string stringify(const Poco::Dynamic::Var& v) {
    std::ostringstream s;
    Poco::JSON::Stringifier::stringify(v, s);
    return s.str();
}

Poco::Dynamic::Var parse(std::string_view json) {
    try {
        return Poco::JSON::Parser().parse(std::string(json));
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("malformed JSON: " + e.displayText());
    }
}

} // namespace

std::string steps_to_json(const std::vector<PolicyStep>& steps) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
    for (const auto& st : steps) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
        o->set("policy", st.policy);
        o->set("effect", st.effect);
        o->set("decision", st.decision);
        o->set("amount_before", st.amount_before);
        o->set("amount_after", st.amount_after);
        o->set("remedies", to_array(st.remedies));
        o->set("level", st.level);
        o->set("reasons", to_array(st.reasons));
        a->add(o);
    }
    return stringify(a);
}

std::string money_remedy(const std::vector<std::string>& remedies) {
    for (const char* r : {"refund", "voucher", "gift", "replacement"})
        if (std::find(remedies.begin(), remedies.end(), r) != remedies.end())
            return r;
    return remedies.empty() ? "" : remedies.front();
}

std::vector<PolicyStep> steps_from_json(std::string_view json) {
    std::vector<PolicyStep> out;
    try {
        auto a = parse(json).extract<Poco::JSON::Array::Ptr>();
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto o = a->getObject(static_cast<unsigned>(i));
            PolicyStep st;
            st.policy = o->getValue<std::string>("policy");
            st.effect = o->getValue<std::string>("effect");
            st.decision = o->getValue<std::string>("decision");
            st.amount_before = o->getValue<Poco::Int64>("amount_before");
            st.amount_after = o->getValue<Poco::Int64>("amount_after");
            st.remedies = from_array(o->getArray("remedies"));
            st.level = o->getValue<std::string>("level");
            st.reasons = from_array(o->getArray("reasons"));
            out.push_back(std::move(st));
        }
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("malformed policy steps: " + e.displayText());
    }
    return out;
}

std::string strings_to_json(const std::vector<std::string>& list) {
    return stringify(to_array(list));
}

std::vector<std::string> strings_from_json(std::string_view json) {
    try {
        return from_array(parse(json).extract<Poco::JSON::Array::Ptr>());
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument("malformed list: " + e.displayText());
    }
}

} // namespace redress::core
