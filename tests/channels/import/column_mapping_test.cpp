// Header names → form fields: the built-in Chinese and English names, the
// operator's overrides, the key column, and files that cannot be imported.
#include "column_mapping.hpp"

#include <gtest/gtest.h>
#include <stdexcept>

using namespace redress::import;

namespace {

ColumnMapping defaults() {
    return ColumnMapping({}, {"编号", "id"});
}

std::string message_of(const ColumnMapping& m, const std::vector<std::string>& header) {
    try {
        m.resolve(header);
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST(ColumnMapping, MapsTheFormsChineseHeaders) {
    ColumnMap map = defaults().resolve({"客户名称", "联系人", "电话", "邮箱", "地址", "产品名称",
                                        "规格", "批号", "生产日期", "投诉原因", "客户要求", "类别",
                                        "严重程度", "损失金额"});
    std::vector<std::string> expected = {"customer.company",
                                         "customer.contact",
                                         "customer.phone",
                                         "customer.email",
                                         "customer.address",
                                         "product.name",
                                         "product.spec",
                                         "product.batch",
                                         "product.production_date",
                                         "cause",
                                         "request",
                                         "category",
                                         "severity",
                                         "loss"};
    ASSERT_EQ(map.field.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        EXPECT_EQ(map.field[i].value_or("-"), expected[i]) << map.headers[i];
    EXPECT_TRUE(map.unknown.empty());
    EXPECT_FALSE(map.key_column);
}

TEST(ColumnMapping, MapsEnglishHeadersIgnoringCaseAndSpaces) {
    ColumnMap map = defaults().resolve({" Company ", "PHONE", "Cause", "e-mail\t"});
    EXPECT_EQ(map.field[0], "customer.company");
    EXPECT_EQ(map.field[1], "customer.phone");
    EXPECT_EQ(map.field[2], "cause");
    EXPECT_EQ(map.field[3], "customer.email");
    EXPECT_EQ(map.headers[0], "Company") << "headers are kept trimmed, for messages";
}

TEST(ColumnMapping, ReportsUnknownHeadersAndFindsTheKeyColumn) {
    ColumnMap map = defaults().resolve({"ID", "投诉原因", "备注", "内部编码", ""});
    EXPECT_EQ(map.key_column, 0u);
    EXPECT_FALSE(map.field[0]) << "the key column fills no form field";
    EXPECT_EQ(map.unknown, (std::vector<std::string>{"备注", "内部编码"}));
}

TEST(ColumnMapping, TheFirstListedKeyColumnWins) {
    ColumnMap map = defaults().resolve({"id", "cause", "编号"});
    EXPECT_EQ(map.key_column, 2u);
}

TEST(ColumnMapping, ConfigEntriesAddNamesAndTakePrecedence) {
    ColumnMapping m({{"问题描述", "cause"}, {"公司", "customer.address"}}, {"单号"});
    ColumnMap map = m.resolve({"单号", "问题描述", "公司"});
    EXPECT_EQ(map.key_column, 0u);
    EXPECT_EQ(map.field[1], "cause");
    EXPECT_EQ(map.field[2], "customer.address");
}

TEST(ColumnMapping, RefusesAConfigEntryForAnUnknownField) {
    try {
        ColumnMapping({{"客户名称", "customer.name"}}, {});
        FAIL() << "accepted";
    } catch (const std::invalid_argument& e) {
        std::string m = e.what();
        EXPECT_NE(m.find("客户名称"), std::string::npos) << m;
        EXPECT_NE(m.find("customer.name"), std::string::npos) << m;
        EXPECT_NE(m.find("customer.company"), std::string::npos) << "lists the valid fields: " << m;
    }
}

TEST(ColumnMapping, AFileWithoutACauseColumnCannotBeImported) {
    std::string m = message_of(defaults(), {"客户名称", "电话"});
    EXPECT_NE(m.find("cause"), std::string::npos) << m;
    EXPECT_NE(m.find("投诉原因"), std::string::npos) << "says which names would do: " << m;
    EXPECT_NE(m.find("客户名称, 电话"), std::string::npos) << "shows the header: " << m;
}

TEST(ColumnMapping, TwoColumnsForOneFieldAreRefusedByName) {
    std::string m = message_of(defaults(), {"投诉原因", "电话", "phone"});
    EXPECT_NE(m.find("column 2 (电话) and column 3 (phone) both fill customer.phone"),
              std::string::npos)
        << m;
}

TEST(ColumnMapping, TrimRemovesIdeographicSpaces) {
    EXPECT_EQ(trim("\xE3\x80\x80 投诉 \t"), "投诉");
    EXPECT_EQ(trim("   "), "");
}
