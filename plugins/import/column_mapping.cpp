#include "column_mapping.hpp"

#include <algorithm>
#include <stdexcept>

namespace redress::import {
namespace {

// The registration form's headers as companies write them, in Chinese and English.
const std::vector<std::pair<std::string_view, std::string_view>> default_names = {
    {"客户名称", "customer.company"},
    {"公司", "customer.company"},
    {"company", "customer.company"},
    {"联系人", "customer.contact"},
    {"contact", "customer.contact"},
    {"电话", "customer.phone"},
    {"联系电话", "customer.phone"},
    {"phone", "customer.phone"},
    {"邮箱", "customer.email"},
    {"电子邮件", "customer.email"},
    {"email", "customer.email"},
    {"e-mail", "customer.email"},
    {"地址", "customer.address"},
    {"address", "customer.address"},
    {"客户类型", "customer.type"},
    {"customer type", "customer.type"},
    {"customer_type", "customer.type"},
    {"产品名称", "product.name"},
    {"产品", "product.name"},
    {"product", "product.name"},
    {"规格", "product.spec"},
    {"型号", "product.spec"},
    {"规格型号", "product.spec"},
    {"spec", "product.spec"},
    {"model", "product.spec"},
    {"批号", "product.batch"},
    {"batch", "product.batch"},
    {"生产日期", "product.production_date"},
    {"production_date", "product.production_date"},
    {"production date", "product.production_date"},
    {"使用时间", "product.used_at"},
    {"used_at", "product.used_at"},
    {"症状", "product.symptoms"},
    {"故障现象", "product.symptoms"},
    {"symptoms", "product.symptoms"},
    {"原用品牌", "product.previous_brand"},
    {"previous_brand", "product.previous_brand"},
    {"投诉原因", "cause"},
    {"投诉内容", "cause"},
    {"cause", "cause"},
    {"客户要求", "request"},
    {"request", "request"},
    {"类别", "category"},
    {"投诉类别", "category"},
    {"category", "category"},
    {"严重程度", "severity"},
    {"severity", "severity"},
    {"损失金额", "loss"},
    {"loss", "loss"},
    {"币种", "loss.currency"},
    {"currency", "loss.currency"},
};

std::string fold(std::string_view name) {
    std::string out(trim(name));
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

} // namespace

const std::vector<std::string_view>& form_fields() {
    static const std::vector<std::string_view> fields = {
        "cause",
        "request",
        "category",
        "severity",
        "customer.company",
        "customer.contact",
        "customer.address",
        "customer.phone",
        "customer.email",
        "customer.type",
        "product.name",
        "product.spec",
        "product.production_date",
        "product.batch",
        "product.used_at",
        "product.symptoms",
        "product.previous_brand",
        "loss",
        "loss.currency",
    };
    return fields;
}

std::string_view trim(std::string_view s) {
    static constexpr std::string_view ideographic_space = "\xE3\x80\x80";
    for (bool changed = true; changed;) {
        changed = false;
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
            s.remove_prefix(1);
            changed = true;
        }
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
            s.remove_suffix(1);
            changed = true;
        }
        if (s.substr(0, 3) == ideographic_space) {
            s.remove_prefix(3);
            changed = true;
        }
        if (s.size() >= 3 && s.substr(s.size() - 3) == ideographic_space) {
            s.remove_suffix(3);
            changed = true;
        }
    }
    return s;
}

std::optional<std::size_t> ColumnMap::column_of(std::string_view form_field) const {
    for (std::size_t i = 0; i < field.size(); ++i)
        if (field[i] && *field[i] == form_field)
            return i;
    return std::nullopt;
}

std::string ColumnMap::describe(std::size_t column) const {
    std::string out = "column " + std::to_string(column + 1);
    if (column < headers.size())
        out += " (" + headers[column] + ")";
    return out;
}

ColumnMapping::ColumnMapping(const std::vector<std::pair<std::string, std::string>>& overrides,
                             std::vector<std::string> key_columns) {
    for (const auto& [name, field] : default_names)
        names_[fold(name)] = std::string(field);
    const auto& fields = form_fields();
    for (const auto& [name, field] : overrides) {
        if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
            std::string list;
            for (auto f : fields)
                list += (list.empty() ? "" : ", ") + std::string(f);
            throw std::invalid_argument("column \"" + name + "\": unknown field \"" + field +
                                        "\" (fields: " + list + ")");
        }
        if (trim(name).empty())
            throw std::invalid_argument("a column entry for field \"" + field +
                                        "\" has an empty name");
        names_[fold(name)] = field;
    }
    for (auto& k : key_columns)
        key_columns_.push_back(fold(k));
}

std::vector<std::string> ColumnMapping::names_for(std::string_view form_field) const {
    std::vector<std::string> out;
    for (const auto& [name, field] : names_)
        if (field == form_field)
            out.push_back(name);
    return out;
}

ColumnMap ColumnMapping::resolve(const std::vector<std::string>& headers) const {
    ColumnMap map;
    std::vector<std::string> folded;
    for (const auto& h : headers) {
        map.headers.emplace_back(trim(h));
        folded.push_back(fold(h));
    }
    for (const auto& k : key_columns_) {
        auto at = std::find(folded.begin(), folded.end(), k);
        if (at != folded.end()) {
            map.key_column = static_cast<std::size_t>(at - folded.begin());
            break;
        }
    }
    for (std::size_t i = 0; i < headers.size(); ++i) {
        auto it = names_.find(folded[i]);
        if (it == names_.end()) {
            map.field.emplace_back();
            if (i != map.key_column && !folded[i].empty())
                map.unknown.push_back(map.headers[i]);
            continue;
        }
        if (auto other = map.column_of(it->second))
            throw std::invalid_argument(map.describe(*other) + " and " + map.describe(i) +
                                        " both fill " + it->second + "; keep one of them");
        map.field.emplace_back(it->second);
    }
    if (!map.column_of("cause")) {
        std::string expected, header;
        for (const auto& n : names_for("cause"))
            expected += (expected.empty() ? "" : ", ") + n;
        for (const auto& h : map.headers)
            header += (header.empty() ? "" : ", ") + h;
        throw std::invalid_argument("the header has no column for the complaint's cause "
                                    "(one of: " +
                                    expected + "); the header is: " + header);
    }
    return map;
}

} // namespace redress::import
