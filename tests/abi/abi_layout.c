/* Reports the layout of abi.h as a C compiler sees it: one line per struct
 * field ("field <struct> <member> <offset> <size>"), struct size and constant.
 * Compiled as C on purpose: the C view is the contract. */
#include <redress/abi.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static char text[16384];

static void line(const char* kind, const char* a, const char* b, unsigned long x, unsigned long y) {
    size_t n = strlen(text);
    snprintf(text + n, sizeof text - n, "%s %s %s %lu %lu\n", kind, a, b, x, y);
}

#define FIELD(s, f)                                                                                \
    line("field", #s, #f, (unsigned long)offsetof(s, f), (unsigned long)sizeof(((s*)0)->f))
#define SIZE(s) line("sizeof", #s, "-", (unsigned long)sizeof(s), (unsigned long)_Alignof(s))
#define CONST(c) line("const", #c, "-", (unsigned long)(c), 0)

const char* redress_abi_layout(void) {
    text[0] = '\0';
    CONST(REDRESS_ABI_MAJOR);
    CONST(REDRESS_ABI_MINOR);
    CONST(REDRESS_OK);
    CONST(REDRESS_END);
    CONST(REDRESS_E_INVALID);
    CONST(REDRESS_E_NOT_FOUND);
    CONST(REDRESS_E_TYPE);
    CONST(REDRESS_E_UNSUPPORTED);
    CONST(REDRESS_E_REFUSED);
    CONST(REDRESS_E_UNAVAILABLE);
    CONST(REDRESS_E_INTERNAL);
    CONST(REDRESS_FAMILY_INTAKE);
    CONST(REDRESS_FAMILY_COMPENSATION);
    CONST(REDRESS_FAMILY_CATALOG);
    CONST(REDRESS_FAMILY_REPORTER);
    CONST(REDRESS_VALUE_NULL);
    CONST(REDRESS_VALUE_BOOL);
    CONST(REDRESS_VALUE_INT);
    CONST(REDRESS_VALUE_DOUBLE);
    CONST(REDRESS_VALUE_STRING);
    CONST(REDRESS_VALUE_RECORD);
    CONST(REDRESS_CONFIG_STRING);
    CONST(REDRESS_CONFIG_INTEGER);
    CONST(REDRESS_CONFIG_FLOAT);
    CONST(REDRESS_CONFIG_BOOLEAN);
    CONST(REDRESS_CONFIG_STRING_LIST);
    CONST(REDRESS_CONFIG_INTEGER_LIST);
    CONST(REDRESS_CONFIG_TABLE);
    CONST(REDRESS_CONFIG_TABLE_LIST);
    CONST(REDRESS_CONFIG_PATH);
    CONST(REDRESS_CONFIG_REQUIRED);

    SIZE(redress_value);
    FIELD(redress_value, type);
    FIELD(redress_value, reserved);
    FIELD(redress_value, int_value);
    FIELD(redress_value, double_value);
    FIELD(redress_value, string_data);
    FIELD(redress_value, string_size);
    FIELD(redress_value, record);

    SIZE(redress_host_api);
    FIELD(redress_host_api, struct_size);
    FIELD(redress_host_api, abi_major);
    FIELD(redress_host_api, abi_minor);
    FIELD(redress_host_api, log);
    FIELD(redress_host_api, error_set);
    FIELD(redress_host_api, clock_now_ms);
    FIELD(redress_host_api, record_create);
    FIELD(redress_host_api, record_destroy);
    FIELD(redress_host_api, record_field_count);
    FIELD(redress_host_api, record_field_name);
    FIELD(redress_host_api, record_value_count);
    FIELD(redress_host_api, record_get);
    FIELD(redress_host_api, record_set);
    FIELD(redress_host_api, record_append);
    FIELD(redress_host_api, record_add_record);
    FIELD(redress_host_api, sink_write);
    FIELD(redress_host_api, rows_next);
    FIELD(redress_host_api, call);

    SIZE(redress_config_key);
    FIELD(redress_config_key, path);
    FIELD(redress_config_key, type);
    FIELD(redress_config_key, flags);
    FIELD(redress_config_key, default_value);
    FIELD(redress_config_key, description);

    SIZE(redress_intake_api);
    FIELD(redress_intake_api, struct_size);
    FIELD(redress_intake_api, reserved);
    FIELD(redress_intake_api, channels);
    FIELD(redress_intake_api, channel_count);
    FIELD(redress_intake_api, handle_http);
    FIELD(redress_intake_api, poll);
    FIELD(redress_intake_api, http_prefixes);
    FIELD(redress_intake_api, http_prefix_count);

    SIZE(redress_compensation_api);
    FIELD(redress_compensation_api, struct_size);
    FIELD(redress_compensation_api, reserved);
    FIELD(redress_compensation_api, propose);

    SIZE(redress_catalog_api);
    FIELD(redress_catalog_api, struct_size);
    FIELD(redress_catalog_api, reserved);
    FIELD(redress_catalog_api, lookup);

    SIZE(redress_reporter_api);
    FIELD(redress_reporter_api, struct_size);
    FIELD(redress_reporter_api, reserved);
    FIELD(redress_reporter_api, format);
    FIELD(redress_reporter_api, content_type);
    FIELD(redress_reporter_api, render);

    SIZE(redress_plugin_descriptor);
    FIELD(redress_plugin_descriptor, struct_size);
    FIELD(redress_plugin_descriptor, abi_major);
    FIELD(redress_plugin_descriptor, abi_minor);
    FIELD(redress_plugin_descriptor, name);
    FIELD(redress_plugin_descriptor, version);
    FIELD(redress_plugin_descriptor, description);
    FIELD(redress_plugin_descriptor, families);
    FIELD(redress_plugin_descriptor, reserved);
    FIELD(redress_plugin_descriptor, config_keys);
    FIELD(redress_plugin_descriptor, config_key_count);
    FIELD(redress_plugin_descriptor, create);
    FIELD(redress_plugin_descriptor, destroy);
    FIELD(redress_plugin_descriptor, intake);
    FIELD(redress_plugin_descriptor, compensation);
    FIELD(redress_plugin_descriptor, catalog);
    FIELD(redress_plugin_descriptor, reporter);
    return text;
}
