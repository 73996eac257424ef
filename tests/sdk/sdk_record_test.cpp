// The SDK's C++ views over host records, exercised through the real host
// function table, as a plugin would use them.
#include <gtest/gtest.h>
#include <redress/core/plugin/host_api.hpp>
#include <redress/redress.hpp>

using redress::core::host_api;
using redress::core::Record;

namespace {
const redress_host_api* api() {
    return &host_api();
}
} // namespace

TEST(SdkRecord, WriterAndViewRoundTripEveryType) {
    Record r;
    redress::RecordWriter w(api(), &r);
    w.set("text", "投诉：洗衣机漏水").set("count", 42).set("ratio", 0.25).set("flag", true);
    w.append("tag", "a").append("tag", std::string("b"));
    w.add_record("customer").set("company", "华东家电").set("type", "agitated");
    w.set_null("nothing");

    redress::RecordView v(api(), &r);
    EXPECT_EQ(v.string("text"), "投诉：洗衣机漏水");
    EXPECT_EQ(v.integer("count"), 42);
    EXPECT_DOUBLE_EQ(v.number("ratio"), 0.25);
    EXPECT_DOUBLE_EQ(v.number("count"), 42.0); // integers widen
    EXPECT_TRUE(v.boolean("flag"));
    EXPECT_EQ(v.strings("tag"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(v.record("customer")->string("company"), "华东家电");
    EXPECT_TRUE(v.get("nothing").is_null());
    EXPECT_EQ(v.string("nothing", "fallback"), "fallback");
    EXPECT_EQ(v.keys(), (std::vector<std::string_view>{"text", "count", "ratio", "flag", "tag",
                                                       "customer", "nothing"}));
}

TEST(SdkRecord, StringsMayHoldNulBytes) {
    Record r;
    std::string bytes("a\0b", 3);
    redress::RecordWriter(api(), &r).set("body", bytes);
    EXPECT_EQ(redress::RecordView(api(), &r).string("body"), bytes);
}

TEST(SdkRecord, TypeErrorsNameTheField) {
    Record r;
    redress::RecordWriter(api(), &r).set("amount", "lots");
    redress::RecordView v(api(), &r);
    try {
        v.integer("amount");
        FAIL();
    } catch (const redress::Error& e) {
        EXPECT_EQ(e.status(), REDRESS_E_TYPE);
        EXPECT_STREQ(e.what(), "field 'amount': expected an integer");
    }
    try {
        v.get("missing");
        FAIL();
    } catch (const redress::Error& e) {
        EXPECT_EQ(e.status(), REDRESS_E_NOT_FOUND);
        EXPECT_STREQ(e.what(), "missing field 'missing'");
    }
}

TEST(SdkRecord, ComplaintViewReadsTheRegistrationForm) {
    Record r;
    redress::RecordWriter w(api(), &r);
    w.set(redress::field::cause, "买了三天就坏了").set(redress::field::department, "after-sales");
    w.add_record(redress::field::customer).set(redress::customer_field::type, "demanding");
    w.add_record(redress::field::product).set(redress::product_field::batch, "B-2026-07");
    w.add_record(redress::field::loss).set("amount_minor", 129900).set("currency", "CNY");
    redress::ComplaintView c(redress::RecordView(api(), &r));
    EXPECT_EQ(c.cause(), "买了三天就坏了");
    EXPECT_EQ(c.customer_type(), redress::CustomerType::Demanding);
    EXPECT_EQ(c.product(redress::product_field::batch), "B-2026-07");
    EXPECT_EQ(c.product(redress::product_field::name), "");
    ASSERT_TRUE(c.loss());
    EXPECT_EQ(c.loss()->amount_minor, 129900);
}

TEST(SdkRecord, HostCreatesOwnedRecordsAndReadsTheClock) {
    redress_host host;
    host.clock = [] {
        return std::int64_t{123};
    };
    redress::Host h(api(), &host);
    EXPECT_EQ(h.now_ms(), 123);
    auto owned = h.make_record();
    owned.writer().set("k", 1);
    EXPECT_EQ(owned.view().integer("k"), 1);
    EXPECT_EQ(h.abi_minor(), REDRESS_ABI_MINOR);
}

TEST(SdkRecord, HostRejectsBadArgumentsInsteadOfCrashing) {
    const redress_host_api& a = host_api();
    redress_value v{};
    v.type = 99;
    Record r;
    EXPECT_EQ(a.record_set(&r, "k", 1, &v), REDRESS_E_INVALID);
    EXPECT_EQ(a.record_set(nullptr, "k", 1, &v), REDRESS_E_INVALID);
    EXPECT_EQ(a.record_set(&r, "", 0, &v), REDRESS_E_INVALID);
    EXPECT_EQ(a.record_get(&r, "k", 1, 0, &v), REDRESS_E_NOT_FOUND);
    EXPECT_EQ(a.record_add_record(&r, nullptr, 0), nullptr);
    EXPECT_EQ(a.sink_write(nullptr, "x", 1), REDRESS_E_INVALID);
    EXPECT_EQ(a.rows_next(nullptr, nullptr), REDRESS_E_INVALID);
    a.error_set(nullptr, REDRESS_E_INTERNAL, "ignored", 7); // must not crash
}

TEST(SdkRecord, BorrowedValuesSurviveAppendsAndNewFields) {
    // A policy reads the remedies so far, then appends: the views it holds
    // must stay valid (ASan checks this run for use-after-free).
    Record r;
    redress::RecordWriter w(api(), &r);
    w.append("remedy", "apology").append("remedy", "voucher");
    redress::RecordView v(api(), &r);
    auto remedies = v.strings("remedy");
    auto keys = v.keys();
    for (int i = 0; i < 200; ++i) {
        w.append("remedy", "gift");
        w.set("field" + std::to_string(i), i);
    }
    EXPECT_EQ(remedies, (std::vector<std::string_view>{"apology", "voucher"}));
    EXPECT_EQ(keys, (std::vector<std::string_view>{"remedy"}));
}

TEST(SdkRecord, AbsurdSizesFromAPluginAreAnErrorNotAnException) {
    const redress_host_api& a = host_api();
    Record r;
    redress_value v{};
    v.type = REDRESS_VALUE_STRING;
    v.string_data = "x";
    v.string_size = SIZE_MAX;
    EXPECT_EQ(a.record_set(&r, "k", 1, &v), REDRESS_E_INVALID);
    EXPECT_EQ(a.record_append(&r, "k", 1, &v), REDRESS_E_INVALID);
    EXPECT_EQ(r.count("k"), 0u);
}
