// The web form end to end: a real redressd with the shipped plugins on SQLite
// and PostgreSQL; pages fetched and forms posted over HTTP as a browser would.
#include "../channel_fixture.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/URI.h>
#include <regex>
#include <utility>
#include <vector>

using namespace redress::test;

namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

std::string urlencode(const Fields& fields) {
    std::string out;
    for (const auto& [k, v] : fields) {
        std::string encoded;
        Poco::URI::encode(v, "!#$&'()*+,/:;=?@[]", encoded);
        out += (out.empty() ? "" : "&") + k + "=" + encoded;
    }
    return out;
}

std::string first_match(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(pattern)))
        return "";
    return m[1];
}

std::string token_in(const std::string& html) {
    return first_match(html, R"re(name="form_token" value="([0-9a-f]{32})")re");
}
std::string tracking_number_in(const std::string& html) {
    return first_match(html, R"re(id="tracking-number">([A-Z]+-\d{4}-\d+)<)re");
}

const std::map<std::string, std::string> form_type{
    {"Content-Type", "application/x-www-form-urlencoded"}};
const std::map<std::string, std::string> json_type{{"Content-Type", "application/json"}};

Fields complaint(const std::string& token) {
    return {{"form_token", token},
            {"lang", "zh"},
            {"customer_company", "华东贸易公司"},
            {"customer_contact", "王先生"},
            {"customer_phone", "+86 21 5555 0101"},
            {"customer_email", "wang@example.cn"},
            {"product_name", "滚筒洗衣机 X7"},
            {"product_batch", "B-2026-07"},
            {"product_production_date", "2026-07-01"},
            {"category", "quality"},
            {"cause", "洗衣机漏水，用了三天就坏了 & 地板泡坏"},
            {"request", "换一台新的"},
            {"loss_amount", "1299.50"},
            {"loss_currency", "CNY"},
            {"website", ""}};
}

class WebChannelTest : public ChannelFixture {
protected:
    std::string channels() const override { return R"(["web"])"; }

    HttpReply get(const std::string& path, std::map<std::string, std::string> headers = {}) {
        return call("GET", path, "", {}, std::move(headers));
    }
    HttpReply post_form(const std::string& department, const Fields& fields) {
        return call("POST", "/intake/" + department, "", urlencode(fields), form_type);
    }
    HttpReply post_json(const std::string& department, const std::string& body) {
        return call("POST", "/intake/" + department, "", body, json_type);
    }
    std::string fresh_token(const std::string& department = "after-sales") {
        auto page = get("/intake/" + department);
        EXPECT_EQ(page.status, 200) << page.body;
        std::string token = token_in(page.body);
        EXPECT_FALSE(token.empty()) << page.body;
        return token;
    }
    std::size_t stored() {
        auto r = call("GET", "/complaints", admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body)->getArray("items")->size();
    }
    Poco::JSON::Object::Ptr complaint_json(const std::string& id) {
        auto r = call("GET", "/complaints/" + id, admin_);
        EXPECT_EQ(r.status, 200) << r.body;
        return parse(r.body);
    }
};

class WebRateLimitTest : public WebChannelTest {
protected:
    std::string plugin_config() const override { return "[plugin.web]\nrate_per_minute = 2\n"; }
};

} // namespace

TEST_P(WebChannelTest, ServesTheFormInChineseByDefault) {
    auto r = get("/intake/after-sales");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r.header("Cache-Control"), "no-store");
    EXPECT_NE(r.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
    EXPECT_NE(r.body.find("<html lang=\"zh-CN\">"), std::string::npos);
    EXPECT_NE(r.body.find("售后服务部"), std::string::npos); // from departments.list
    EXPECT_NE(r.body.find("投诉原因"), std::string::npos);
    EXPECT_NE(r.body.find("name=\"website\""), std::string::npos);
    EXPECT_FALSE(token_in(r.body).empty());
    EXPECT_NE(token_in(r.body), token_in(get("/intake/after-sales").body)); // one-time
}

TEST_P(WebChannelTest, ServesTheFormInEnglishByParameterOrAcceptLanguage) {
    auto by_param = get("/intake/after-sales?lang=en");
    ASSERT_EQ(by_param.status, 200);
    EXPECT_NE(by_param.body.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(by_param.body.find("What happened"), std::string::npos);
    EXPECT_EQ(by_param.body.find("投诉原因"), std::string::npos);
    auto by_header = get("/intake/after-sales", {{"Accept-Language", "en-GB,en;q=0.9,zh;q=0.5"}});
    EXPECT_NE(by_header.body.find("Send complaint"), std::string::npos);
    auto param_wins = get("/intake/after-sales?lang=zh", {{"Accept-Language", "en"}});
    EXPECT_NE(param_wins.body.find("提交投诉"), std::string::npos);
}

TEST_P(WebChannelTest, TheIndexLinksEveryOpenDepartment) {
    auto r = get("/intake");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_NE(r.body.find("href=\"/intake/after-sales?lang=zh\""), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("客户服务中心"), std::string::npos);
}

TEST_P(WebChannelTest, AFormPostBecomesAWebComplaint) {
    ASSERT_EQ(stored(), 0u);
    auto r = post_form("after-sales", complaint(fresh_token()));
    ASSERT_EQ(r.status, 200) << r.body;
    std::string id = tracking_number_in(r.body);
    ASSERT_EQ(id.substr(0, 3), "AS-") << r.body;
    EXPECT_TRUE(std::regex_search(r.body, std::regex("我们将在 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} "
                                                     "前答复您")))
        << r.body;

    auto c = complaint_json(id);
    EXPECT_EQ(c->getValue<std::string>("channel"), "web");
    EXPECT_EQ(c->getValue<std::string>("department"), "after-sales");
    EXPECT_EQ(c->getValue<std::string>("category"), "quality");
    EXPECT_EQ(c->getValue<std::string>("cause"), "洗衣机漏水，用了三天就坏了 & 地板泡坏");
    EXPECT_EQ(c->getValue<std::string>("request"), "换一台新的");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("contact"), "王先生");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("phone"), "+86 21 5555 0101");
    EXPECT_EQ(c->getObject("product")->getValue<std::string>("name"), "滚筒洗衣机 X7");
    EXPECT_EQ(c->getObject("product")->getValue<std::string>("production_date"), "2026-07-01");
    EXPECT_EQ(c->getObject("loss")->getValue<Poco::Int64>("amount_minor"), 129950);
    EXPECT_EQ(c->getObject("loss")->getValue<std::string>("currency"), "CNY");
    EXPECT_EQ(c->getValue<std::string>("recorder"), "plugin:web");
    // Where it came from is kept with the complaint, in its "created" event.
    auto origin =
        c->getArray("timeline")->getObject(0)->getObject("data")->getObject("channel_data");
    EXPECT_EQ(origin->getValue<std::string>("client_address"), "127.0.0.1");
    EXPECT_EQ(origin->getValue<std::string>("language"), "zh");
    EXPECT_EQ(stored(), 1u);
}

TEST_P(WebChannelTest, AJsonPostGets201WithTheTrackingNumberAndReplyTime) {
    auto r = call("POST", "/intake/call-centre?lang=en", "",
                  R"({"cause":"The kettle base smokes","customer_contact":"Emma Clarke",)"
                  R"("customer_email":"e.clarke@harbourfoods.co.uk","loss_amount":80,)"
                  R"("form_token":"client-chosen-token-0001"})",
                  json_type);
    ASSERT_EQ(r.status, 201) << r.body;
    auto body = parse(r.body);
    std::string id = body->getValue<std::string>("tracking_number");
    EXPECT_EQ(id.substr(0, 3), "CC-");
    EXPECT_TRUE(body->getValue<bool>("created"));
    EXPECT_FALSE(body->getValue<std::string>("first_response_due_local").empty());
    EXPECT_EQ(body->getValue<std::string>("message").rfind("We will reply by ", 0), 0u) << r.body;
    auto c = complaint_json(id);
    EXPECT_EQ(c->getValue<std::string>("channel"), "web");
    EXPECT_EQ(c->getObject("customer")->getValue<std::string>("email"),
              "e.clarke@harbourfoods.co.uk");
    EXPECT_EQ(c->getObject("loss")->getValue<Poco::Int64>("amount_minor"), 8000);
}

TEST_P(WebChannelTest, DoubleSubmitOfOneFormCreatesOneComplaint) {
    Fields form = complaint(fresh_token());
    auto first = post_form("after-sales", form);
    auto again = post_form("after-sales", form); // a double click or a refresh
    ASSERT_EQ(first.status, 200) << first.body;
    ASSERT_EQ(again.status, 200) << again.body;
    EXPECT_EQ(tracking_number_in(again.body), tracking_number_in(first.body));
    EXPECT_NE(again.body.find("没有重复登记"), std::string::npos) << again.body;
    EXPECT_EQ(stored(), 1u);
    // A new form is a new complaint.
    auto other = post_form("after-sales", complaint(fresh_token()));
    ASSERT_EQ(other.status, 200);
    EXPECT_NE(tracking_number_in(other.body), tracking_number_in(first.body));
    EXPECT_EQ(stored(), 2u);
}

TEST_P(WebChannelTest, FieldErrorsReShowTheFormWithTheCustomersValues) {
    std::string token = fresh_token();
    Fields form = complaint(token);
    for (auto& [k, v] : form) {
        if (k == "cause")
            v = "";
        if (k == "customer_email")
            v = "wang-at-example";
    }
    auto r = post_form("after-sales", form);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("id=\"f-cause-error\""), std::string::npos);
    EXPECT_NE(r.body.find("此项必填"), std::string::npos);
    EXPECT_NE(r.body.find("id=\"f-customer_email-error\""), std::string::npos);
    EXPECT_NE(r.body.find("value=\"wang-at-example\""), std::string::npos);
    EXPECT_NE(r.body.find("value=\"华东贸易公司\""), std::string::npos);
    EXPECT_NE(r.body.find("换一台新的</textarea>"), std::string::npos);
    EXPECT_EQ(token_in(r.body), token); // nothing stored, so the same form continues
    EXPECT_EQ(stored(), 0u);
}

TEST_P(WebChannelTest, JsonFieldErrorsAre422WithAMessagePerField) {
    auto r = post_json("after-sales", R"({"customer_phone":"call me","colour":"red"})");
    ASSERT_EQ(r.status, 422) << r.body;
    auto error = parse(r.body)->getObject("error");
    EXPECT_EQ(error->getValue<std::string>("code"), "invalid");
    auto fields = error->getObject("fields");
    EXPECT_TRUE(fields->has("cause"));
    EXPECT_TRUE(fields->has("customer_phone"));
    EXPECT_TRUE(fields->has("customer_contact"));
    EXPECT_TRUE(fields->has("colour"));
    EXPECT_EQ(stored(), 0u);
}

TEST_P(WebChannelTest, AScriptPayloadComesBackEscaped) {
    Fields form = complaint(fresh_token());
    for (auto& [k, v] : form) {
        if (k == "cause")
            v = "<script>alert('x')</script>";
        if (k == "customer_contact")
            v = "\"><script>alert(1)</script>";
        if (k == "customer_email")
            v = "<img src=x onerror=alert(1)>";
    }
    auto r = post_form("after-sales", form);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.body.find("<script"), std::string::npos) << r.body;
    EXPECT_EQ(r.body.find("<img"), std::string::npos);
    EXPECT_NE(r.body.find("&lt;script&gt;alert('x')&lt;/script&gt;</textarea>"), std::string::npos);
    EXPECT_NE(r.body.find("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""),
              std::string::npos);
    EXPECT_EQ(stored(), 0u);
}

TEST_P(WebChannelTest, AHugeFieldIsAFieldErrorAndAnOversizeBodyIs413) {
    Fields form = complaint(fresh_token());
    for (auto& [k, v] : form)
        if (k == "product_batch")
            v = std::string(65, '9');
    auto r = post_form("after-sales", form);
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("最多 64 字节"), std::string::npos) << r.body;

    for (auto& [k, v] : form)
        if (k == "cause")
            v = std::string(40'000, 'x'); // over the default max_body of 32768
    auto big = post_form("after-sales", form);
    EXPECT_EQ(big.status, 413) << big.body;
    EXPECT_NE(big.body.find("32768"), std::string::npos);
    auto big_json = post_json("after-sales", "{\"cause\":\"" + std::string(40'000, 'x') + "\"}");
    EXPECT_EQ(big_json.status, 413);
    EXPECT_EQ(error_code(big_json), "too_large");
    EXPECT_EQ(stored(), 0u);
}

TEST_P(WebChannelTest, AFilledHoneypotIsRefusedAndNothingStored) {
    Fields form = complaint(fresh_token());
    for (auto& [k, v] : form)
        if (k == "website")
            v = "http://cheap-pills.example";
    auto r = post_form("after-sales", form);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_NE(r.body.find("website"), std::string::npos);
    auto j = post_json("after-sales", R"({"cause":"x","customer_contact":"bot",)"
                                      R"("customer_phone":"13800138000","website":"spam"})");
    EXPECT_EQ(j.status, 400);
    EXPECT_EQ(error_code(j), "rejected");
    EXPECT_EQ(stored(), 0u);
    // Logged for the operator (stderr is complete once the daemon has exited).
    daemon_->signal(SIGTERM);
    daemon_->wait();
    EXPECT_NE(daemon_->stderr_text().find("honeypot field 'website' filled in a submission from "
                                          "127.0.0.1"),
              std::string::npos)
        << daemon_->stderr_text();
}

TEST_P(WebChannelTest, AnUnknownDepartmentIs404) {
    auto r = get("/intake/no-such-department");
    EXPECT_EQ(r.status, 404);
    EXPECT_NE(r.body.find("no-such-department"), std::string::npos);
    auto p = post_form("no-such-department", complaint("0123456789abcdef0123"));
    EXPECT_EQ(p.status, 404);
    auto deeper = get("/intake/after-sales/extra");
    EXPECT_EQ(deeper.status, 404);
    EXPECT_EQ(stored(), 0u);
}

TEST_P(WebChannelTest, OtherContentTypesAndMethodsAreRefusedClearly) {
    auto text =
        call("POST", "/intake/after-sales", "", "cause=x", {{"Content-Type", "text/plain"}});
    EXPECT_EQ(text.status, 415);
    EXPECT_NE(text.body.find("text/plain"), std::string::npos);
    auto bad_json = post_json("after-sales", "{\"cause\":");
    EXPECT_EQ(bad_json.status, 400);
    EXPECT_EQ(error_code(bad_json), "malformed");
    auto del = call("DELETE", "/intake/after-sales", "");
    EXPECT_EQ(del.status, 405);
    EXPECT_EQ(del.header("Allow"), "GET, HEAD, POST");
}

TEST_P(WebChannelTest, ADisabledChannelRefusesAndStoresNothing) {
    auto off = call("PUT", "/departments/call-centre/channels/web", admin_, R"({"enabled":false})");
    ASSERT_EQ(off.status, 200) << off.body;

    auto page = get("/intake/call-centre");
    EXPECT_EQ(page.status, 403);
    EXPECT_NE(page.body.find("客户服务中心"), std::string::npos) << page.body;
    EXPECT_NE(page.body.find("web"), std::string::npos);

    // A complete form reaches complaint.submit, which refuses it.
    auto r = post_form("call-centre", complaint("0123456789abcdef0123456789abcdef"));
    EXPECT_EQ(r.status, 403) << r.body;
    EXPECT_NE(r.body.find("客户服务中心（call-centre）"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("“web”"), std::string::npos);
    auto j = post_json("call-centre",
                       R"({"cause":"x","customer_contact":"Li","customer_phone":"13800138000"})");
    EXPECT_EQ(j.status, 403);
    EXPECT_EQ(error_code(j), "channel_disabled");
    // An incomplete one is not sent back for corrections that could not help.
    auto incomplete = post_json("call-centre", R"({"cause":""})");
    EXPECT_EQ(incomplete.status, 403);
    EXPECT_EQ(error_code(incomplete), "channel_disabled");
    EXPECT_EQ(stored(), 0u);

    // The other department is untouched.
    EXPECT_EQ(post_form("after-sales", complaint(fresh_token())).status, 200);
    EXPECT_EQ(stored(), 1u);
}

TEST_P(WebRateLimitTest, TheThirdSubmissionInAMinuteGets429WithRetryAfter) {
    // rate_per_minute = 2: two submissions pass (even invalid ones count), the
    // third is refused for about the 30 s one token takes to refill.
    auto r1 = post_json("after-sales", R"({"cause":""})");
    auto r2 = post_form("after-sales", complaint(fresh_token()));
    auto r3 = post_form("after-sales", complaint(fresh_token()));
    EXPECT_EQ(r1.status, 422);
    EXPECT_EQ(r2.status, 200) << r2.body;
    ASSERT_EQ(r3.status, 429) << r3.body;
    int retry = std::stoi(r3.header("Retry-After"));
    EXPECT_GE(retry, 1);
    EXPECT_LE(retry, 30);
    EXPECT_NE(r3.body.find(r3.header("Retry-After") + " 秒后重试"), std::string::npos) << r3.body;
    auto r4 = post_json("after-sales", R"({"cause":"x"})");
    EXPECT_EQ(r4.status, 429);
    EXPECT_EQ(error_code(r4), "rate_limited");
    EXPECT_EQ(stored(), 1u);
    // Reading the form is not limited.
    EXPECT_EQ(get("/intake/after-sales").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, WebChannelTest, ::testing::Values("sqlite", "postgresql"));
INSTANTIATE_TEST_SUITE_P(Backends, WebRateLimitTest, ::testing::Values("sqlite", "postgresql"));
