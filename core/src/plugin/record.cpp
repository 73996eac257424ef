#include <algorithm>
#include <redress/core/plugin/record.hpp>

namespace {

redress::core::RecordValue copy_value(const redress::core::RecordValue& v) {
    using Child = std::unique_ptr<redress_record>;
    if (const auto* r = std::get_if<Child>(&v))
        return redress::core::RecordValue(std::in_place_type<Child>,
                                          *r ? std::make_unique<redress_record>(**r) : Child());
    return std::visit(
        [](const auto& x) -> redress::core::RecordValue {
            if constexpr (std::is_same_v<std::decay_t<decltype(x)>, Child>)
                return std::monostate{}; // unreachable: handled above
            else
                return x;
        },
        v);
}

} // namespace

redress_record::redress_record(const redress_record& other) {
    *this = other;
}

redress_record& redress_record::operator=(const redress_record& other) {
    if (this == &other)
        return *this;
    std::deque<redress::core::RecordField> copy;
    for (const auto& f : other.fields_) {
        redress::core::RecordField nf{f.name, {}};
        for (const auto& v : f.values)
            nf.values.push_back(copy_value(v));
        copy.push_back(std::move(nf));
    }
    fields_ = std::move(copy);
    return *this;
}

const redress::core::RecordField* redress_record::find(std::string_view key) const {
    auto it =
        std::find_if(fields_.begin(), fields_.end(), [&](const auto& f) { return f.name == key; });
    return it == fields_.end() ? nullptr : &*it;
}

const redress::core::RecordValue* redress_record::get(std::string_view key,
                                                      std::size_t index) const {
    const auto* f = find(key);
    if (!f || index >= f->values.size())
        return nullptr;
    return &f->values[index];
}

std::size_t redress_record::count(std::string_view key) const {
    const auto* f = find(key);
    return f ? f->values.size() : 0;
}

redress::core::RecordField& redress_record::field(std::string_view key) {
    for (auto& f : fields_)
        if (f.name == key)
            return f;
    return fields_.emplace_back(redress::core::RecordField{std::string(key), {}});
}

redress_record& redress_record::set(std::string_view key, redress::core::RecordValue value) {
    auto& f = field(key);
    f.values.clear();
    f.values.push_back(std::move(value));
    return *this;
}

redress_record& redress_record::append(std::string_view key, redress::core::RecordValue value) {
    field(key).values.push_back(std::move(value));
    return *this;
}

redress_record& redress_record::add_record(std::string_view key) {
    auto& slot = field(key).values.emplace_back(std::make_unique<redress_record>());
    return *std::get<std::unique_ptr<redress_record>>(slot);
}

bool redress_record::erase(std::string_view key) {
    auto it =
        std::find_if(fields_.begin(), fields_.end(), [&](const auto& f) { return f.name == key; });
    if (it == fields_.end())
        return false;
    fields_.erase(it);
    return true;
}

std::optional<std::string_view> redress_record::string(std::string_view key) const {
    const auto* v = get(key);
    if (const auto* s = v ? std::get_if<std::string>(v) : nullptr)
        return std::string_view(*s);
    return std::nullopt;
}

std::optional<std::int64_t> redress_record::integer(std::string_view key) const {
    const auto* v = get(key);
    if (const auto* i = v ? std::get_if<std::int64_t>(v) : nullptr)
        return *i;
    return std::nullopt;
}

const redress_record* redress_record::record(std::string_view key) const {
    const auto* v = get(key);
    if (const auto* r = v ? std::get_if<std::unique_ptr<redress_record>>(v) : nullptr)
        return r->get();
    return nullptr;
}
