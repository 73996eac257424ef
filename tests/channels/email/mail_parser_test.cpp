// MIME → complaint fields, in-process, from the .eml fixtures in mails/.
#include "charset.hpp"
#include "complaint_draft.hpp"
#include "headers.hpp"
#include "html_text.hpp"
#include "mail_parser.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

namespace redress::email {
namespace {

namespace fs = std::filesystem;

fs::path mail(const std::string& name) {
    return fs::path(EMAIL_MAILS_DIR) / name;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

bool any_contains(const std::vector<std::string>& list, const std::string& needle) {
    for (const auto& s : list)
        if (contains(s, needle))
            return true;
    return false;
}

class EmailParse : public ::testing::Test {
protected:
    void SetUp() override {
        std::random_device rd;
        dir_ = fs::temp_directory_path() /
               ("redress-email-test-" + std::to_string(rd()) + std::to_string(rd()));
        store_ = std::make_unique<AttachmentStore>(dir_, 1 << 20);
    }
    void TearDown() override { fs::remove_all(dir_); }
    ParsedMail parse(const std::string& name) { return parse_mail_file(mail(name), *store_); }

    fs::path dir_;
    std::unique_ptr<AttachmentStore> store_;
};

TEST_F(EmailParse, GbkEncodedWordSubjectAndGbkBodyBecomeUtf8) {
    ParsedMail m = parse("gbk_subject_body.eml");
    EXPECT_EQ(m.subject, "洗衣机漏水，要求换货");
    EXPECT_EQ(m.from.name, "王先生");
    EXPECT_EQ(m.from.address, "wang@example.com");
    EXPECT_EQ(m.message_id, "<gbk-1@mail.example.com>");
    EXPECT_EQ(m.text, "我家的滚筒洗衣机用了三天就漏水了，地板都泡坏了。\r\n请尽快换一台新的。");
    EXPECT_TRUE(m.problems.empty()) << m.problems.front();

    ComplaintDraft d = draft_from(m, *store_);
    EXPECT_FALSE(d.tracking_number);
    EXPECT_EQ(d.ref, "<gbk-1@mail.example.com>");
    EXPECT_EQ(d.cause, m.text);
    EXPECT_EQ(d.request, "洗衣机漏水，要求换货");
    EXPECT_EQ(d.contact, "王先生");
    EXPECT_EQ(d.email, "wang@example.com");
    EXPECT_EQ(d.from, "王先生 <wang@example.com>");
}

TEST_F(EmailParse, QuotedPrintableUtf8BodyAndQEncodedSubject) {
    ParsedMail m = parse("qp_utf8.eml");
    EXPECT_EQ(m.subject, "冰箱不制冷");
    EXPECT_EQ(m.from.name, "Li Na");
    EXPECT_TRUE(contains(m.text, "您好，冰箱不制冷，已经坏了一周。")) << m.text;
    EXPECT_TRUE(contains(m.text, "温度一直是 15°C。")) << m.text;
    EXPECT_TRUE(m.problems.empty());
}

TEST_F(EmailParse, Base64BodyAndASubjectCharacterSplitAcrossEncodedWords) {
    ParsedMail m = parse("base64_utf8.eml");
    EXPECT_EQ(m.subject, "空调噪音太大");
    EXPECT_EQ(m.text, "空调晚上噪音很大，无法入睡。要求上门检修。");
    EXPECT_EQ(m.from.address, "zhao@example.net");
    EXPECT_TRUE(m.from.name.empty());
    ComplaintDraft d = draft_from(m, *store_);
    EXPECT_EQ(d.contact, "zhao@example.net"); // no display name: the address names them
}

TEST_F(EmailParse, MultipartPrefersPlainTextAndKeepsTheAttachmentBySha256) {
    ParsedMail m = parse("multipart_attachment.eml");
    EXPECT_EQ(m.subject, "微波炉门坏了（附照片）");
    EXPECT_EQ(m.from.name, "陈女士");
    EXPECT_EQ(m.text, "微波炉的门合不上了，照片在附件里。");
    ASSERT_EQ(m.attachments.size(), 1u);
    const AttachmentRef& a = m.attachments[0];
    EXPECT_EQ(a.name, "照片.jpg"); // GBK encoded word in a part header
    EXPECT_EQ(a.type, "image/jpeg");
    EXPECT_EQ(a.size, 10240u);

    std::string expected;
    for (int i = 0; i < 40; ++i)
        for (int b = 0; b < 256; ++b)
            expected += static_cast<char>(b);
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(expected);
    EXPECT_EQ(a.sha256, Poco::DigestEngine::digestToHex(sha.digest()));
    EXPECT_EQ(fs::path(a.path), dir_ / a.sha256);
    std::ifstream in(a.path, std::ios::binary);
    std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(kept, expected);

    // The same mail again: the same file, no second copy.
    ParsedMail again = parse("multipart_attachment.eml");
    EXPECT_EQ(again.attachments.at(0).path, a.path);
    std::size_t files = 0;
    for (const auto& e : fs::directory_iterator(dir_))
        files += e.is_regular_file();
    EXPECT_EQ(files, 1u);
}

TEST_F(EmailParse, AnAttachmentOverTheLimitIsReferencedButNotKept) {
    AttachmentStore small(dir_ / "small", 1000);
    ParsedMail m = parse_mail_file(mail("multipart_attachment.eml"), small);
    ASSERT_EQ(m.attachments.size(), 1u);
    EXPECT_EQ(m.attachments[0].size, 10240u);
    EXPECT_EQ(m.attachments[0].sha256.size(), 64u);
    EXPECT_TRUE(m.attachments[0].path.empty());
    EXPECT_TRUE(contains(m.attachments[0].note, "max_attachment_bytes")) << m.attachments[0].note;
    EXPECT_TRUE(fs::is_empty(dir_ / "small"));
}

TEST_F(EmailParse, AReplyWithATrackingNumberBecomesACommentOnIt) {
    ParsedMail m = parse("reply_tracking.eml");
    ComplaintDraft d = draft_from(m, *store_);
    ASSERT_TRUE(d.tracking_number);
    EXPECT_EQ(*d.tracking_number, "AS-2026-000123");
    EXPECT_EQ(d.ref, "<reply-1@mail.example.com>");
    EXPECT_TRUE(contains(d.comment, "师傅昨天没有来，请再安排一次。")) << d.comment;
    EXPECT_TRUE(contains(d.comment, "wang@example.com")) << d.comment;
    EXPECT_EQ(d.contact, "王先生"); // raw UTF-8 in From is taken as it is

    make_new_complaint(d); // what happens when the host does not know the number
    EXPECT_FALSE(d.tracking_number);
    EXPECT_EQ(d.unknown_tracking_number, "AS-2026-000123");
    EXPECT_TRUE(any_contains(d.problems, "not a known complaint"));
}

TEST_F(EmailParse, MalformedMimeKeepsTheRawBodyAndSaysSo) {
    ParsedMail m = parse("malformed_mime.eml");
    EXPECT_TRUE(contains(m.text, "The oven caught fire when I turned it on.")) << m.text;
    EXPECT_TRUE(any_contains(m.problems, "malformed MIME")) << ::testing::PrintToString(m.problems);
    EXPECT_EQ(m.message_id, "<malformed-1@example.com>");
}

TEST_F(EmailParse, BrokenCharsetBytesBecomeReplacementCharactersAndTheRestSurvives) {
    ParsedMail m = parse("broken_charset.eml");
    EXPECT_TRUE(contains(m.text, "电视没有声音")) << m.text;
    EXPECT_TRUE(contains(m.text, "第二天也一样")) << m.text;
    EXPECT_TRUE(contains(m.text, "\xEF\xBF\xBD")) << m.text;
    EXPECT_TRUE(is_utf8(m.text));
    EXPECT_TRUE(contains(m.subject, "电视")) << m.subject;
    EXPECT_TRUE(is_utf8(m.subject));
    EXPECT_TRUE(any_contains(m.problems, "GBK")) << ::testing::PrintToString(m.problems);
}

TEST_F(EmailParse, HtmlOnlyMailIsReducedToItsText) {
    ParsedMail m = parse("html_only.eml");
    EXPECT_EQ(m.text, "热水器&水管漏水\n请联系我：138 0000");
}

TEST_F(EmailParse, BrokenBase64InAnAttachmentIsReportedAndTheTextKept) {
    ParsedMail m = parse("broken_base64.eml");
    EXPECT_EQ(m.text, "The receipt is attached.");
    EXPECT_TRUE(any_contains(m.problems, "part")) << ::testing::PrintToString(m.problems);
    EXPECT_TRUE(m.attachments.empty());
}

TEST_F(EmailParse, ALongBodyIsCutInTheCauseAndKeptWholeAsMessageTxt) {
    ParsedMail m;
    m.message_id = "<long@x>";
    m.from = {"张三", "zhang@example.com"};
    for (int i = 0; i < 2000; ++i)
        m.text += "漏水";
    ComplaintDraft d = draft_from(m, *store_);
    EXPECT_LE(d.cause.size(), max_cause_bytes);
    EXPECT_TRUE(is_utf8(d.cause));
    EXPECT_TRUE(contains(d.cause, "message.txt"));
    ASSERT_EQ(d.attachments.size(), 1u);
    EXPECT_EQ(d.attachments[0].name, "message.txt");
    EXPECT_EQ(d.attachments[0].size, m.text.size());
}

TEST_F(EmailParse, AMailWithoutMessageIdIsKeyedByItsContent) {
    ParsedMail m = parse("qp_utf8.eml");
    m.message_id.clear();
    ComplaintDraft d = draft_from(m, *store_);
    EXPECT_EQ(d.ref, "sha256:" + m.digest);
    EXPECT_EQ(m.digest.size(), 64u);
}

TEST(EmailDraft, ATooLargeMailSaysItsSizeAndNeverThreads) {
    ParsedMail head;
    head.subject = "Re: AS-2026-000001 video";
    head.message_id = "<big@x>";
    head.from = {"", "big@example.com"};
    ComplaintDraft d = draft_too_large(head, 52428800, 10485760, "pop3://u@h:110");
    EXPECT_FALSE(d.tracking_number);
    EXPECT_EQ(d.too_large_size, 52428800u);
    EXPECT_TRUE(contains(d.cause, "52428800 bytes")) << d.cause;
    EXPECT_TRUE(contains(d.cause, "pop3://u@h:110")) << d.cause;
    EXPECT_EQ(d.ref, "<big@x>");
}

TEST(EmailTrackingNumber, FoundAmongCjkAndBracketsButNotInsideLongerTokens) {
    EXPECT_EQ(tracking_number_in("回复：AS-2026-000123 洗衣机"), "AS-2026-000123");
    EXPECT_EQ(tracking_number_in("Re: [CC-2027-004567]"), "CC-2027-004567");
    EXPECT_FALSE(tracking_number_in("order XAS2026-000123"));
    EXPECT_FALSE(tracking_number_in("AS-2026-00012"));
    EXPECT_FALSE(tracking_number_in("as-2026-000123"));
}

TEST(EmailHeaders, RawEightBitGbkAndUnknownCharsetsNeverYieldInvalidUtf8) {
    bool lossy = false;
    std::string gbk = "\xCD\xF5\xCF\xC8\xC9\xFA"; // 王先生 in GBK, undeclared
    EXPECT_EQ(decode_header(gbk, &lossy), "王先生");
    EXPECT_FALSE(lossy);
    std::string odd = decode_header("=?x-no-such-charset?B?5L2g5aW9?=", &lossy);
    EXPECT_TRUE(is_utf8(odd));
    EXPECT_TRUE(lossy);
    EXPECT_EQ(decode_header("=?utf-8?q?caf=C3=A9_au_lait?= ok"), "café au lait ok");
}

TEST(EmailHeaders, ABrokenEncodedWordIsKeptAsWrittenButInUtf8) {
    // Found by fuzz/mail_fuzz: a B word that does not decode was kept with
    // its raw 8-bit bytes, and the subject was not UTF-8.
    bool lossy = false;
    std::string s = decode_header("=?UTF-8?B?5Zue\xD6\xD6\xD6?= ok", &lossy);
    EXPECT_TRUE(is_utf8(s)) << s;
    EXPECT_TRUE(lossy);
    EXPECT_TRUE(contains(s, "=?UTF-8?B?5Zue")) << s;
}

TEST(EmailHeaders, AddressesInTheirUsualShapes) {
    Address a = parse_address("\"Zhang, San\" <zhang@example.com>");
    EXPECT_EQ(a.name, "Zhang, San");
    EXPECT_EQ(a.address, "zhang@example.com");
    a = parse_address("zhang@example.com (张三)");
    EXPECT_EQ(a.name, "张三");
    EXPECT_EQ(a.address, "zhang@example.com");
    a = parse_address("undisclosed-recipients");
    EXPECT_TRUE(a.address.empty());
    EXPECT_EQ(a.name, "undisclosed-recipients");
}

TEST(EmailHeaders, AnAddressOfRawBytesOrNulIsNotKeptAsTheEmail) {
    // Found by fuzz/mail_fuzz: raw 8-bit bytes or a NUL in the address part
    // passed the user@host check, and the host would have refused (NUL) or
    // stored (not UTF-8) the customer's e-mail.
    Address a = parse_address(std::string("z\0\xBFo@example.net", 17));
    EXPECT_TRUE(a.address.empty());
    EXPECT_TRUE(is_utf8(a.name));
    a = parse_address("\xCD\xF5 <\xCD\xF5@example.cn>");
    EXPECT_TRUE(a.address.empty());
    EXPECT_TRUE(is_utf8(a.name)) << a.name;
    a = parse_address("王 <wang@例子.中国>"); // UTF-8 addresses (RFC 6531) stay
    EXPECT_EQ(a.address, "wang@例子.中国");
}

TEST_F(EmailParse, NulCharactersNeverReachTheComplaint) {
    // Found by fuzz/mail_fuzz: a NUL decoded from the body or an encoded word
    // made the host refuse the form, so the mail stayed on the server and was
    // fetched again every round.
    std::istringstream in("From: =?utf-8?q?Li=00Na?= <li@example.com>\r\n"
                          "Subject: =?utf-8?b?AGxlYWs=?=\r\n"
                          "Content-Type: text/plain; charset=utf-8\r\n"
                          "Content-Transfer-Encoding: base64\r\n\r\n"
                          "5ryPAOawtA==\r\n");
    ParsedMail m = parse_mail(in, *store_);
    ComplaintDraft d = draft_from(m, *store_);
    for (const std::string* s : {&d.cause, &d.request, &d.contact, &d.email})
        EXPECT_EQ(s->find('\0'), std::string::npos) << *s;
    EXPECT_EQ(d.cause, "漏\xEF\xBF\xBD水");
    EXPECT_EQ(d.email, "li@example.com");
}

TEST_F(EmailParse, ANestedMultipartNeverClosedEndsInsteadOfLoopingForever) {
    // Found by fuzz/mail_fuzz: Poco's MultipartReader returned empty parts
    // forever once the outer part ended before the inner closing boundary, and
    // the e-mail channel's poll never came back.
    std::istringstream in("Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
                          "--outer\r\n"
                          "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
                          "--inner\r\nContent-Type: text/plain\r\n\r\nleaking\r\n"
                          "--inner\r\nContent-Type: text/html\r\n\r\n<p>x\r\n"
                          "--outer--\r\n");
    ParsedMail m = parse_mail(in, *store_);
    EXPECT_EQ(m.text, "leaking");
    EXPECT_TRUE(any_contains(m.problems, "ends without its closing boundary"))
        << ::testing::PrintToString(m.problems);
}

TEST_F(EmailParse, AStreamParsesAsTheSameFileDoes) {
    std::ifstream file(mail("multipart_attachment.eml"), std::ios::binary);
    std::stringstream bytes;
    bytes << file.rdbuf();
    std::istringstream in(bytes.str());
    ParsedMail from_stream = parse_mail(in, *store_);
    ParsedMail from_file = parse("multipart_attachment.eml");
    EXPECT_EQ(from_stream.digest, from_file.digest);
    EXPECT_EQ(from_stream.text, from_file.text);
    EXPECT_EQ(from_stream.attachments.size(), from_file.attachments.size());
    EXPECT_EQ(from_stream.problems, from_file.problems);
}

TEST(EmailCharset, Utf8PrefixNeverCutsACharacter) {
    std::string s = "漏水漏水"; // 12 bytes
    EXPECT_EQ(utf8_prefix(s, 7), "漏水");
    EXPECT_EQ(utf8_prefix(s, 6), "漏水");
    EXPECT_EQ(utf8_prefix(s, 100), s);
    EXPECT_EQ(to_utf8("\xB2\xE2\xCA\xD4", "gb2312").text, "测试");
    EXPECT_EQ(to_utf8("caf\xE9", "ISO-8859-1").text, "café");
}

TEST(EmailHtml, EntitiesBlocksAndScriptsHandled) {
    EXPECT_EQ(html_to_text("<div>a&lt;b</div><div>c<br>d</div><!-- x --><script>e</script>"),
              "a<b\nc\nd");
    EXPECT_EQ(html_to_text("unterminated <b"), "unterminated");
}

} // namespace
} // namespace redress::email
