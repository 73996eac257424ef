// Field text to UTF-8: GBK and GB18030 through iconv, UTF-8 checked; bad
// bytes are reported, never replaced.
#include "text_decoder.hpp"

#include <gtest/gtest.h>

using namespace redress::import;

TEST(TextDecoder, ParsesEncodingNames) {
    EXPECT_EQ(parse_encoding("UTF-8"), Encoding::Utf8);
    EXPECT_EQ(parse_encoding("utf8"), Encoding::Utf8);
    EXPECT_EQ(parse_encoding("GBK"), Encoding::Gbk);
    EXPECT_EQ(parse_encoding("gb18030"), Encoding::Gb18030);
    EXPECT_FALSE(parse_encoding("latin1"));
    EXPECT_FALSE(parse_encoding(""));
}

TEST(TextDecoder, ConvertsGbkToUtf8) {
    TextDecoder d(Encoding::Gbk);
    // 投诉原因 in GBK.
    EXPECT_EQ(d.to_utf8("\xCD\xB6\xCB\xDF\xD4\xAD\xD2\xF2"), "投诉原因");
    EXPECT_EQ(d.to_utf8("plain ascii"), "plain ascii");
    EXPECT_EQ(d.to_utf8(""), "");
}

TEST(TextDecoder, ConvertsGb18030FourByteSequences) {
    TextDecoder d(Encoding::Gb18030);
    // U+20000 (𠀀), the first supplementary character, is 95 32 82 36 in GB18030;
    // € (U+20AC) is A2 E3.
    EXPECT_EQ(d.to_utf8("\x95\x32\x82\x36"), "\xF0\xA0\x80\x80");
    EXPECT_EQ(d.to_utf8("\xA2\xE3"), "€");
}

TEST(TextDecoder, ConvertsAFieldOfEuroSignsFromGbk) {
    // Found by fuzz/csv_import_fuzz: GBK's one-byte 0x80 is "€", three bytes
    // of UTF-8, and a field of them outgrew the buffer and was called invalid.
    TextDecoder d(Encoding::Gbk);
    EXPECT_EQ(d.to_utf8("\x80\x80\x80\x80\x80\x80"), "€€€€€€");
    EXPECT_EQ(d.to_utf8(std::string(1000, '\x80')), [] {
        std::string s;
        for (int i = 0; i < 1000; ++i)
            s += "€";
        return s;
    }());
}

TEST(TextDecoder, RefusesInvalidAndTruncatedGbk) {
    TextDecoder d(Encoding::Gbk);
    EXPECT_FALSE(d.to_utf8("\xCD")) << "a lead byte with nothing after it";
    EXPECT_FALSE(d.to_utf8("ok\xFF\xFF")) << "FF is never valid";
    // The decoder recovers: the next field decodes normally.
    EXPECT_EQ(d.to_utf8("\xB1\xED"), "表");
}

TEST(TextDecoder, ChecksUtf8) {
    TextDecoder d(Encoding::Utf8);
    EXPECT_EQ(d.to_utf8("投诉 ok €𠂇"), "投诉 ok €𠂇");
    EXPECT_FALSE(d.to_utf8("\xCD\xB6\xCB\xDF")) << "GBK bytes are not UTF-8";
    EXPECT_FALSE(d.to_utf8("\xC0\xAF")) << "overlong";
    EXPECT_FALSE(d.to_utf8("\xED\xA0\x80")) << "a surrogate";
    EXPECT_FALSE(d.to_utf8("\xF4\x90\x80\x80")) << "past U+10FFFF";
    EXPECT_FALSE(d.to_utf8("\xE6\x8A")) << "truncated";
}
