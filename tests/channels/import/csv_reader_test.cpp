// The CSV state machine: RFC 4180 quoting, line breaks of every kind, chunks
// that end inside a record, and malformed input reported, never fatal.
#include "csv_reader.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

using redress::import::CsvReader;
using redress::import::CsvRecord;

namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows read_all(std::string_view data, bool at_end = true, std::size_t* consumed = nullptr) {
    CsvReader reader(data, at_end);
    Rows rows;
    while (auto r = reader.next()) {
        EXPECT_EQ(r->error, "") << "row " << rows.size() + 1;
        rows.push_back(r->fields);
    }
    if (consumed)
        *consumed = reader.consumed();
    return rows;
}

TEST(CsvReader, SplitsPlainFieldsAndRecords) {
    EXPECT_EQ(read_all("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReader, AcceptsCrLfLfAndLoneCr) {
    EXPECT_EQ(read_all("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(read_all("a,b\r1,2\r"), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(read_all("a,b\n1,2\r\n3,4\r5,6"),
              (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}, {"5", "6"}}));
}

TEST(CsvReader, QuotedFieldsKeepCommasLineBreaksAndDoubledQuotes) {
    EXPECT_EQ(read_all("\"a,b\",\"say \"\"hi\"\"\",\"line1\nline2\",\"crlf\r\ninside\"\n"),
              (Rows{{"a,b", "say \"hi\"", "line1\nline2", "crlf\r\ninside"}}));
    EXPECT_EQ(read_all("\"\",x,\"\"\"\"\n"), (Rows{{"", "x", "\""}}));
}

TEST(CsvReader, KeepsAQuoteInsideAnUnquotedFieldAsText) {
    EXPECT_EQ(read_all("5\" screen,b\n"), (Rows{{"5\" screen", "b"}}));
}

TEST(CsvReader, EmptyFieldsAndEmptyLines) {
    CsvReader reader(",,\n\n\r\nx\n", true);
    auto a = reader.next();
    ASSERT_TRUE(a);
    EXPECT_EQ(a->fields, (std::vector<std::string>{"", "", ""}));
    EXPECT_FALSE(a->blank());
    auto b = reader.next();
    ASSERT_TRUE(b);
    EXPECT_TRUE(b->blank());
    auto c = reader.next();
    ASSERT_TRUE(c);
    EXPECT_TRUE(c->blank()) << "CRLF alone is one empty line, not two";
    auto d = reader.next();
    ASSERT_TRUE(d);
    EXPECT_EQ(d->fields, (std::vector<std::string>{"x"}));
    EXPECT_FALSE(reader.next());
}

TEST(CsvReader, LastRecordWithoutLineBreakIsCompleteOnlyAtTheEnd) {
    std::size_t consumed = 0;
    EXPECT_EQ(read_all("a,b\n1,2", false, &consumed), (Rows{{"a", "b"}}));
    EXPECT_EQ(consumed, 4u);
    EXPECT_EQ(read_all("a,b\n1,2", true, &consumed), (Rows{{"a", "b"}, {"1", "2"}}));
    EXPECT_EQ(consumed, 7u);
}

TEST(CsvReader, AChunkEndingInsideAQuotedLineBreakTakesNothingOfThatRecord) {
    std::string file = "h1,h2\n\"first\nsecond\",x\n";
    for (std::size_t cut = 7; cut < file.size() - 1; ++cut) {
        std::size_t consumed = 0;
        Rows rows = read_all(std::string_view(file).substr(0, cut), false, &consumed);
        EXPECT_EQ(rows, (Rows{{"h1", "h2"}})) << "cut at " << cut;
        EXPECT_EQ(consumed, 6u) << "cut at " << cut;
    }
}

TEST(CsvReader, ACrAtTheEndOfAChunkWaitsForAPossibleLf) {
    std::size_t consumed = 0;
    EXPECT_EQ(read_all("a,b\r", false, &consumed), Rows{});
    EXPECT_EQ(consumed, 0u);
    // Then the next chunk (the rest prepended) sees CRLF as one break: no blank row.
    EXPECT_EQ(read_all("a,b\r\nc,d\r\n", false, &consumed), (Rows{{"a", "b"}, {"c", "d"}}));
}

TEST(CsvReader, EveryCutOfAFileReassemblesToTheSameRecords) {
    std::string file = "\xEF\xBB\xBF编号,投诉原因,地址\r\n1,\"漏水, 很严重\",\"上海\r\n浦东\"\r\n"
                       "2,\"说 \"\"坏了\"\"\",北京\r\n\r\n3,x,\"\"\r\n4,last,row";
    Rows whole = read_all(file);
    ASSERT_EQ(whole.size(), 6u);
    for (std::size_t cut = 0; cut <= file.size(); ++cut) {
        // As the import client does: send a prefix, keep the unconsumed tail.
        std::size_t consumed = 0;
        Rows first = read_all(std::string_view(file).substr(0, cut), false, &consumed);
        std::string rest = file.substr(consumed);
        Rows second = read_all(rest, true);
        first.insert(first.end(), second.begin(), second.end());
        EXPECT_EQ(first, whole) << "cut at " << cut;
    }
}

TEST(CsvReader, AnUnbalancedQuoteIsAnErrorOnlyAtTheEnd) {
    CsvReader partial("a,\"open\nmore", false);
    EXPECT_FALSE(partial.next()) << "more bytes may close the quote";
    EXPECT_EQ(partial.consumed(), 0u);

    CsvReader last("a,\"open\nmore", true);
    auto r = last.next();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->error_column, 2u);
    EXPECT_NE(r->error.find("never closed"), std::string::npos) << r->error;
    EXPECT_EQ(last.consumed(), 12u) << "the rest of the file is taken";
    EXPECT_FALSE(last.next());
}

TEST(CsvReader, TextAfterAClosingQuoteIsAnErrorAndReadingGoesOn) {
    CsvReader reader("ok,\"bad\"x,z\nnext,row\n", true);
    auto r = reader.next();
    ASSERT_TRUE(r);
    EXPECT_EQ(r->error_column, 2u);
    EXPECT_NE(r->error.find("after the closing quote"), std::string::npos) << r->error;
    EXPECT_EQ(r->fields.size(), 3u) << "the record still ends at its line break";
    auto n = reader.next();
    ASSERT_TRUE(n);
    EXPECT_EQ(n->error, "");
    EXPECT_EQ(n->fields, (std::vector<std::string>{"next", "row"}));
}

TEST(CsvReader, VeryLongFieldsAreKeptWhole) {
    std::string big(3 << 20, 'x');
    std::string quoted;
    for (int i = 0; i < 100000; ++i)
        quoted += "ab,\"\"\n";
    std::string file = big + ",\"" + quoted + "\"\n";
    Rows rows = read_all(file);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][0].size(), big.size());
    EXPECT_EQ(rows[0][1].size(), 100000u * 5);
    EXPECT_EQ(rows[0][1].substr(0, 5), "ab,\"\n");
}

TEST(CsvReader, GbkBytesPassThroughUntouched) {
    // 投诉 in GBK: CD B6 CB DF; 表 is B1 ED; 数 is CA FD; 0x5C ('\') as a second byte: 乗 81 5C.
    std::string gbk = "\xCD\xB6\xCB\xDF,\"\xB1\xED,\x81\x5C\"\n";
    EXPECT_EQ(read_all(gbk), (Rows{{"\xCD\xB6\xCB\xDF", "\xB1\xED,\x81\x5C"}}));
}

TEST(CsvReader, EmptyInputHasNoRecords) {
    EXPECT_EQ(read_all("", true), Rows{});
    EXPECT_EQ(read_all("", false), Rows{});
}

TEST(CsvReader, StripBomRemovesOnlyALeadingMark) {
    using redress::import::strip_bom;
    EXPECT_EQ(strip_bom("\xEF\xBB\xBF"
                        "a,b"),
              "a,b");
    EXPECT_EQ(strip_bom("a,b"), "a,b");
    EXPECT_EQ(strip_bom("\xEF\xBB"), "\xEF\xBB");
}

} // namespace
