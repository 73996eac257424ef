// The browser console through the real redressd: every file of apps/console is
// embedded and served byte for byte with its content type, ETag and security
// headers; redirects, 304, HEAD, 404 and 405; hostile paths never reach
// anything but the embedded table; [server] console = false removes it all.
#include "api_fixture.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <filesystem>
#include <fstream>
#include <redress/core/http/console_routes.hpp>
#include <set>
#include <sstream>

using namespace redress::test;

namespace {

const std::filesystem::path console_dir =
    std::filesystem::path(REDRESS_SOURCE_DIR) / "apps" / "console";

// The files CMake embeds: everything under apps/console but hidden files and
// editor leftovers (core/CMakeLists.txt filters the same way).
std::map<std::string, std::string> console_files() {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(console_dir)) {
        if (!entry.is_regular_file())
            continue;
        std::string rel = entry.path().lexically_relative(console_dir).generic_string();
        bool skipped = rel.back() == '~';
        for (const auto& part : std::filesystem::path(rel))
            skipped = skipped || part.string().front() == '.' || part.string().front() == '#';
        if (skipped)
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        files[rel] = s.str();
    }
    return files;
}

std::string sha256_hex(const std::string& bytes) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(bytes);
    return Poco::DigestEngine::digestToHex(engine.digest());
}

// The content type the console's kinds of file must be served with.
std::string expected_type(const std::string& path) {
    static const std::map<std::string, std::string> types{
        {".html", "text/html; charset=utf-8"},        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},    {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
    };
    auto it = types.find(std::filesystem::path(path).extension().string());
    return it == types.end() ? "" : it->second;
}

void expect_console_headers(const HttpReply& r, const std::string& what) {
    EXPECT_EQ(r.header("Content-Security-Policy"),
              "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src "
              "'self' data: blob:; "
              "frame-src blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
              "form-action 'self'; frame-ancestors 'none'")
        << what;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << what;
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer") << what;
    EXPECT_EQ(r.header("Cache-Control"), "no-cache") << what;
}

class ConsoleAssets : public ApiFixture {
protected:
    // Two requests on one keep-alive connection: a body sent where none was
    // due (HEAD, 304) would be read as the second answer and break it.
    std::pair<HttpReply, HttpReply> twice(const std::string& method,
                                          const std::map<std::string, std::string>& headers,
                                          const std::string& path) {
        Poco::Net::HTTPClientSession session("127.0.0.1",
                                             static_cast<Poco::UInt16>(daemon_->port()));
        auto exchange = [&](const std::string& m, const std::map<std::string, std::string>& h) {
            Poco::Net::HTTPRequest req(m, path, Poco::Net::HTTPMessage::HTTP_1_1);
            req.setKeepAlive(true);
            for (const auto& [k, v] : h)
                req.set(k, v);
            session.sendRequest(req);
            return receive_reply(session);
        };
        HttpReply first = exchange(method, headers);
        HttpReply second = exchange("GET", {});
        return {first, second};
    }
};

class ConsoleDisabled : public ApiFixture {
protected:
    std::string config_text() const override {
        std::string text = ApiFixture::config_text();
        return text.replace(text.find("[server]\n"), 9, "[server]\nconsole = false\n");
    }
};

} // namespace

TEST(ConsoleEmbedding, EmbedsExactlyTheFilesOfAppsConsoleWithTheirSha256) {
    auto files = console_files();
    ASSERT_TRUE(files.count("index.html")) << console_dir;
    std::set<std::string> embedded;
    std::string previous;
    for (const auto& asset : redress::core::http::console_assets()) {
        std::string path(asset.path);
        EXPECT_LT(previous, path) << "the table is sorted by path";
        previous = path;
        embedded.insert(path);
        auto file = files.find(path);
        if (file == files.end()) {
            ADD_FAILURE() << path << " is embedded but not in " << console_dir;
            continue;
        }
        EXPECT_EQ(std::string(asset.bytes.begin(), asset.bytes.end()), file->second) << path;
        EXPECT_EQ(asset.etag, "\"" + sha256_hex(file->second) + "\"") << path;
        if (!expected_type(path).empty()) {
            EXPECT_EQ(asset.content_type, expected_type(path)) << path;
        }
    }
    for (const auto& [path, _] : files)
        EXPECT_TRUE(embedded.count(path)) << path << " is in apps/console but not embedded";
}

TEST_P(ConsoleAssets, ServesTheIndexAtConsoleSlash) {
    auto r = call("GET", "/console/", "");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(r.body, console_files().at("index.html"));
    EXPECT_EQ(call("GET", "/console/index.html", "").body, r.body);
}

TEST_P(ConsoleAssets, RedirectsConsoleAndRootToConsoleSlash) {
    auto bare = call("GET", "/console", "");
    EXPECT_EQ(bare.status, 301);
    EXPECT_EQ(bare.header("Location"), "/console/");
    EXPECT_EQ(bare.body, "");
    auto query = call("GET", "/console?from=bookmark", "");
    EXPECT_EQ(query.status, 301);
    EXPECT_EQ(query.header("Location"), "/console/");
    auto root = call("GET", "/", "");
    EXPECT_EQ(root.status, 302);
    EXPECT_EQ(root.header("Location"), "/console/");
    EXPECT_EQ(call("HEAD", "/", "").status, 302);
    EXPECT_EQ(call("HEAD", "/console", "").status, 301);
}

TEST_P(ConsoleAssets, ServesEveryEmbeddedFileByteForByteWithItsContentType) {
    auto files = console_files();
    for (const auto& [path, content] : files) {
        auto r = call("GET", "/console/" + path, "");
        ASSERT_EQ(r.status, 200) << path << ": " << r.body;
        EXPECT_EQ(r.body, content) << path;
        EXPECT_EQ(r.header("Content-Length"), std::to_string(content.size())) << path;
        EXPECT_EQ(r.header("ETag"), "\"" + sha256_hex(content) + "\"") << path;
        if (!expected_type(path).empty()) {
            EXPECT_EQ(r.content_type, expected_type(path)) << path;
        }
        expect_console_headers(r, path);
    }
}

TEST_P(ConsoleAssets, SendsTheSecurityHeadersOnEveryConsoleResponse) {
    std::string etag = call("GET", "/console/", "").header("ETag");
    ASSERT_FALSE(etag.empty());
    struct Case {
        std::string method, path;
        std::map<std::string, std::string> headers;
        int status;
    };
    for (const Case& c : std::vector<Case>{
             {"GET", "/console/", {}, 200},
             {"HEAD", "/console/", {}, 200},
             {"GET", "/console/", {{"If-None-Match", etag}}, 304},
             {"GET", "/console", {}, 301},
             {"GET", "/", {}, 302},
             {"GET", "/console/no-such-file.js", {}, 404},
             {"POST", "/console/", {}, 405},
         }) {
        auto r = call(c.method, c.path, "", "", c.headers);
        EXPECT_EQ(r.status, c.status) << c.method << " " << c.path;
        expect_console_headers(r, c.method + " " + c.path);
    }
}

TEST_P(ConsoleAssets, AnswersAMatchingIfNoneMatchWith304AndNoBody) {
    auto full = call("GET", "/console/", "");
    std::string etag = full.header("ETag");
    ASSERT_EQ(etag.size(), 66u) << etag; // a quoted SHA-256
    for (const std::string& condition :
         {etag, "W/" + etag, "\"something-else\", " + etag, std::string("*")}) {
        auto [cached, next] = twice("GET", {{"If-None-Match", condition}}, "/console/");
        EXPECT_EQ(cached.status, 304) << condition;
        EXPECT_EQ(cached.body, "") << condition;
        EXPECT_EQ(cached.header("ETag"), etag) << condition;
        EXPECT_EQ(next.status, 200) << "the connection survives the 304: " << condition;
        EXPECT_EQ(next.body, full.body) << condition;
    }
    auto stale = call("GET", "/console/", "", "", {{"If-None-Match", "\"an-old-version\""}});
    EXPECT_EQ(stale.status, 200);
    EXPECT_EQ(stale.body, full.body);
    auto malformed = call("GET", "/console/", "", "", {{"If-None-Match", "no quotes"}});
    EXPECT_EQ(malformed.status, 200);
}

TEST_P(ConsoleAssets, AnswersHeadWithTheHeadersOfGetAndNoBody) {
    std::string index = console_files().at("index.html");
    auto [head, next] = twice("HEAD", {}, "/console/");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.body, "");
    EXPECT_EQ(head.content_type, "text/html; charset=utf-8");
    EXPECT_EQ(head.header("Content-Length"), std::to_string(index.size()));
    EXPECT_EQ(head.header("ETag"), "\"" + sha256_hex(index) + "\"");
    EXPECT_EQ(next.status, 200) << "the connection survives the HEAD";
    EXPECT_EQ(next.body, index);
}

TEST_P(ConsoleAssets, AnUnknownAssetIs404LikeAnUnknownApiRoute) {
    for (const char* path : {"/console/no-such-file.js", "/console/js/", "/console/index.htm",
                             "/console/INDEX.HTML", "/console/index.html/"}) {
        auto r = call("GET", path, "");
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(r.content_type, "application/json; charset=utf-8") << path;
        EXPECT_EQ(error_code(r), "not_found") << path << ": " << r.body;
    }
    auto api = call("GET", "/no-such-route", "");
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(error_code(api), "not_found");
}

TEST_P(ConsoleAssets, HostilePathsNeverLeaveTheTable) {
    std::string openapi = call("GET", "/openapi.json", "").body;
    ASSERT_FALSE(openapi.empty());
    for (const std::string& path : {
             std::string("/console/../openapi.json"),
             std::string("/console/%2e%2e/openapi.json"),
             std::string("/console/%2e%2e/%2e%2e/etc/passwd"),
             std::string("/console/%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
             std::string("/console/js/../../x"),
             std::string("/console/js/%2e%2e/index.html"),
             std::string("/console/./index.html"),
             std::string("/console/%2findex.html"),
             std::string("/console/js%2F..%2F..%2Fetc%2Fpasswd"),
             std::string("/console/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd"),
             std::string("/console/") + std::string(10 * 1024, 'a'),
             std::string("/console/") + std::string(2000, '/') + "etc/passwd",
             std::string("/console/%00"),
             std::string("/console/index.html%00"),
             std::string("/console/index.html%00.js"),
             std::string("/console/..\\..\\etc\\passwd"),
             std::string("/console/%5c..%5c..%5cetc%5cpasswd"),
             std::string("/console//index.html"),
             std::string("/console//etc/passwd"),
             std::string("//console/index.html"),
             std::string("/console/%"),
             std::string("/console/%zz"),
             std::string("/console/~/.ssh/id_rsa"),
             std::string("/console/C:/Windows/win.ini"),
         }) {
        auto r = call("GET", path, "");
        std::string shown = path.substr(0, 80);
        EXPECT_TRUE(r.status == 404 || r.status == 400) << shown << " gave " << r.status;
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << shown;
        EXPECT_NE(r.body, openapi) << shown;
    }
    EXPECT_EQ(call("GET", "/health", "").status, 200) << "redressd survives";
}

TEST_P(ConsoleAssets, OtherMethodsAre405WithAllowAsElsewhereInTheApi) {
    for (const auto& [method, path] :
         std::vector<std::pair<std::string, std::string>>{{"POST", "/console/"},
                                                          {"PUT", "/console/index.html"},
                                                          {"DELETE", "/console"},
                                                          {"PATCH", "/console/"}}) {
        auto r = call(method, path, "", method == "DELETE" ? "" : "{}");
        EXPECT_EQ(r.status, 405) << method << " " << path;
        EXPECT_EQ(r.header("Allow"), "GET, HEAD") << method << " " << path;
        EXPECT_EQ(error_code(r), "method_not_allowed") << r.body;
    }
    auto api = call("POST", "/health", "");
    EXPECT_EQ(api.status, 405);
    EXPECT_EQ(error_code(api), "method_not_allowed");
    // As for the API, a path that names nothing is 404 whatever the method.
    EXPECT_EQ(call("POST", "/console/no-such-file.js", "", "{}").status, 404);
}

TEST_P(ConsoleAssets, AssetsNeedNoTokenWhileTheDataRoutesStillDo) {
    EXPECT_EQ(call("GET", "/console/", "").status, 200);
    EXPECT_EQ(call("GET", "/console/", "rdr_not-a-real-token").status, 200);
    EXPECT_EQ(call("GET", "/complaints", "").status, 401);
    EXPECT_EQ(call("GET", "/complaints", agent_).status, 200);
}

TEST_P(ConsoleDisabled, ConsoleFalseLeavesNeitherTheConsoleNorTheRedirect) {
    for (const char* path : {"/console/", "/console", "/console/index.html", "/"}) {
        auto r = call("GET", path, "");
        EXPECT_EQ(r.status, 404) << path;
        EXPECT_EQ(error_code(r), "not_found") << path;
        EXPECT_EQ(r.header("Content-Security-Policy"), "") << path;
    }
    EXPECT_EQ(call("GET", "/health", "").status, 200);
}

// The console does not touch the database: SQLite is enough.
INSTANTIATE_TEST_SUITE_P(Backends, ConsoleAssets, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });
INSTANTIATE_TEST_SUITE_P(Backends, ConsoleDisabled, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });
