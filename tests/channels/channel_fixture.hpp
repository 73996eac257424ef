// A running redressd with the shipped plugins loaded (the builtin plugin
// folder of this build tree), on a fresh SQLite or PostgreSQL database, with the
// API fixture's tokens. A channel test names the channels its departments
// enable and adds its plugin's config section.
#pragma once

#include "../api/api_fixture.hpp"

#include <string>

namespace redress::test {

class ChannelFixture : public ApiFixture {
protected:
    //! The TOML list of channels both departments enable, e.g. R"(["web"])".
    virtual std::string channels() const = 0;
    //! Extra TOML appended to the config: [plugin.<name>] sections.
    virtual std::string plugin_config() const { return ""; }

    std::string config_text() const override {
        return "[server]\nport = 0\nthreads = 8\nmax_body = \"1MiB\"\n"
               "[storage]\nurl = \"" +
               db_->url() +
               "\"\n"
               "[sla]\nsweep_interval = \"1s\"\n"
               "[plugins]\nbuiltin = true\npoll_interval = \"1s\"\n"
               "[[department]]\nid = \"after-sales\"\nname = \"售后服务部\"\nprefix = \"AS\"\n"
               "channels = " +
               channels() +
               "\n"
               "approval = { agent = 100_00, supervisor = 2000_00, manager = 20000_00 }\n"
               "[[department]]\nid = \"call-centre\"\nname = \"客户服务中心\"\nprefix = \"CC\"\n"
               "channels = " +
               channels() + "\n" + plugin_config();
    }
};

} // namespace redress::test
