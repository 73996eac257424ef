/*
 * redress/abi.h — the binary contract between redressd and its plugins.
 *
 * Plain C on purpose: a plugin built by any compiler, standard library or flags
 * loads into any host of the same ABI major version whose minor version is at
 * least the plugin's. Nothing but the types below crosses the boundary: no C++
 * type, no exception, no allocation that the other side must free.
 *
 * How a plugin is loaded:
 *   1. The host opens the library and looks up REDRESS_PLUGIN_ENTRY_NAME, a
 *      function of type redress_plugin_entry_fn.
 *   2. It calls it and reads the returned descriptor's first eight bytes:
 *      struct_size, abi_major, abi_minor. Those three fields never move.
 *      Same major and plugin minor <= host minor loads; anything else is refused
 *      before any other field is read.
 *   3. It validates the rest of the descriptor, then calls create() once with
 *      the plugin's configuration section, and calls the family tables on the
 *      instance until it calls destroy(). The library stays mapped until then.
 *
 * Compatibility rules (checked by tests/abi): structs only grow at the end, each
 * growth bumps REDRESS_ABI_MINOR, and every reader checks struct_size before
 * touching a field added after 1.0. Function tables are append-only.
 *
 * Strings are UTF-8, passed as (pointer, size) and not necessarily
 * NUL-terminated, except the descriptor's own names, which are NUL-terminated
 * and live as long as the library. Times are UTC milliseconds since the Unix
 * epoch. Money is an integer in minor units (fen, cents) plus an ISO 4217 code.
 */
#ifndef REDRESS_ABI_H
#define REDRESS_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI this header describes. */
#define REDRESS_ABI_MAJOR 1
#define REDRESS_ABI_MINOR 2

/** The one symbol a plugin library exports (see REDRESS_PLUGIN in plugin.hpp). */
#define REDRESS_PLUGIN_ENTRY_NAME "redress_plugin_entry"

#if defined(_WIN32)
#define REDRESS_EXPORT __declspec(dllexport)
#else
#define REDRESS_EXPORT __attribute__((visibility("default")))
#endif

/* ---- Status codes ---------------------------------------------------------
 * Every call that can fail returns one. A failing call also fills the
 * redress_error it was given (see redress_host_api.error_set) with a message. */
typedef int32_t redress_status;
#define REDRESS_OK 0            /**< success */
#define REDRESS_END 1           /**< an iteration is exhausted; not an error */
#define REDRESS_E_INVALID 2     /**< bad input: argument, field, request or config */
#define REDRESS_E_NOT_FOUND 3   /**< the key, record or resource does not exist */
#define REDRESS_E_TYPE 4        /**< a value exists but has another type */
#define REDRESS_E_UNSUPPORTED 5 /**< the operation is not offered by this side */
#define REDRESS_E_REFUSED 6     /**< valid, but refused by a rule (e.g. channel disabled) */
#define REDRESS_E_UNAVAILABLE 7 /**< an outside resource (server, file) is unreachable */
#define REDRESS_E_INTERNAL 8    /**< a bug or an unexpected exception */

/* ---- Plugin families -------------------------------------------------------
 * A library provides one or more; each set bit requires its table below. */
#define REDRESS_FAMILY_INTAKE 0x1u       /**< complaint intake channels */
#define REDRESS_FAMILY_COMPENSATION 0x2u /**< compensation policies */
#define REDRESS_FAMILY_CATALOG 0x4u      /**< service-commitment catalogs */
#define REDRESS_FAMILY_REPORTER 0x8u     /**< report formats */
#define REDRESS_FAMILY_KNOWN 0xFu        /**< every family this ABI knows */

/* ---- Opaque handles, all owned by the host ---------------------------------- */
typedef struct redress_host redress_host;     /**< the host context a plugin was created in */
typedef struct redress_record redress_record; /**< a tree of named, typed values */
typedef struct redress_error redress_error;   /**< where a failing call leaves its message */
typedef struct redress_sink redress_sink;     /**< a byte stream the plugin writes to */
typedef struct redress_rows redress_rows;     /**< a stream of records the plugin reads */

/* ---- Values ----------------------------------------------------------------
 * A record maps field names to lists of values (most fields hold one value;
 * lists such as remedies or reasons hold several). Values are typed. */
#define REDRESS_VALUE_NULL 0
#define REDRESS_VALUE_BOOL 1   /**< int_value is 0 or 1 */
#define REDRESS_VALUE_INT 2    /**< int_value */
#define REDRESS_VALUE_DOUBLE 3 /**< double_value */
#define REDRESS_VALUE_STRING 4 /**< string_data, string_size (UTF-8, may hold NUL bytes) */
#define REDRESS_VALUE_RECORD 5 /**< record (a nested record owned by its parent) */

/** One value. When the host returns it, pointers stay valid until that field is
 *  replaced (record_set) or the record is destroyed; appending moves nothing.
 *  When a plugin passes it, the host copies.
 *  Frozen: this struct carries no size, so it never changes within ABI 1.x;
 *  new kinds of value would come with new functions. */
typedef struct redress_value {
    uint32_t type; /**< REDRESS_VALUE_* */
    uint32_t reserved;
    int64_t int_value;
    double double_value;
    const char* string_data;
    size_t string_size;
    const redress_record* record;
} redress_value;

/* ---- Host services ---------------------------------------------------------
 * The host passes this table to create(); it stays valid for the instance's
 * life. Append-only: a plugin built against minor N may call a function added
 * in minor N only after checking struct_size covers it (the C++ SDK does). All
 * functions are thread-safe for distinct records; one record must not be
 * written from two threads at once. */
typedef struct redress_host_api {
    uint32_t struct_size; /**< sizeof(redress_host_api) as the host knows it */
    uint16_t abi_major;   /**< the host's REDRESS_ABI_MAJOR */
    uint16_t abi_minor;   /**< the host's REDRESS_ABI_MINOR */

    /** Logs a message under the plugin's name. level: 0 trace … 5 error. */
    void (*log)(redress_host* host, int32_t level, const char* message, size_t size);
    /** Fills an error slot; the host copies the message. Later calls replace it. */
    void (*error_set)(redress_error* error, redress_status status, const char* message,
                      size_t size);
    /** The host's clock: UTC milliseconds since the Unix epoch. */
    int64_t (*clock_now_ms)(redress_host* host);

    /** Creates an empty record the plugin owns until record_destroy. */
    redress_record* (*record_create)(redress_host* host);
    /** Destroys a record made by record_create (never one the host passed in). */
    void (*record_destroy)(redress_record* record);
    /** Number of distinct field names, in insertion order. */
    size_t (*record_field_count)(const redress_record* record);
    /** Name of field number index (0-based). REDRESS_E_NOT_FOUND past the end. */
    redress_status (*record_field_name)(const redress_record* record, size_t index,
                                        const char** name, size_t* size);
    /** Number of values under a field name; 0 when absent. */
    size_t (*record_value_count)(const redress_record* record, const char* key, size_t key_size);
    /** Value number index of a field. REDRESS_E_NOT_FOUND when absent. */
    redress_status (*record_get)(const redress_record* record, const char* key, size_t key_size,
                                 size_t index, redress_value* out);
    /** Replaces every value of a field with one value (RECORD values: use record_add_record). */
    redress_status (*record_set)(redress_record* record, const char* key, size_t key_size,
                                 const redress_value* value);
    /** Appends a value to a field's list. */
    redress_status (*record_append)(redress_record* record, const char* key, size_t key_size,
                                    const redress_value* value);
    /** Appends a new empty nested record to a field's list and returns it
     *  (owned by the parent); NULL on bad arguments. */
    redress_record* (*record_add_record)(redress_record* record, const char* key, size_t key_size);

    /** Writes bytes to a sink. REDRESS_E_UNAVAILABLE when the reader went away. */
    redress_status (*sink_write)(redress_sink* sink, const char* data, size_t size);
    /** Reads the next record of a stream into *row (valid until the next call);
     *  REDRESS_END when the stream is exhausted. */
    redress_status (*rows_next)(redress_rows* rows, const redress_record** row);

    /* ---- Added in 1.1 ---- */

    /** Asks the host to do something on the plugin's behalf: submit a complaint,
     *  add a comment, read a complaint's history, work the follow-up queue…
     *  op names the service ("complaint.submit"); the operations, their request
     *  and reply fields are listed in redress/services.hpp. The host fills reply
     *  (a record the plugin created) and returns REDRESS_OK; on failure it
     *  returns the status and sets reply field "error" to the message:
     *  REDRESS_E_UNSUPPORTED for an unknown op, REDRESS_E_INVALID for bad
     *  fields ("customer.email: …"), REDRESS_E_NOT_FOUND, REDRESS_E_REFUSED
     *  when a rule forbids it (a channel disabled in the department),
     *  REDRESS_E_UNAVAILABLE when the store is unreachable. */
    redress_status (*call)(redress_host* host, const char* op, size_t op_size,
                           const redress_record* request, redress_record* reply);
} redress_host_api;

/* ---- Configuration schema --------------------------------------------------
 * A plugin declares the keys of its own config section; the host validates the
 * section against them (unknown keys, wrong types, missing required keys are
 * config errors with file:line:column) and fills in defaults before create(). */
#define REDRESS_CONFIG_STRING 1
#define REDRESS_CONFIG_INTEGER 2
#define REDRESS_CONFIG_FLOAT 3
#define REDRESS_CONFIG_BOOLEAN 4
#define REDRESS_CONFIG_STRING_LIST 5
#define REDRESS_CONFIG_INTEGER_LIST 6
#define REDRESS_CONFIG_TABLE 7      /**< a table whose keys are declared as "path.key" */
#define REDRESS_CONFIG_TABLE_LIST 8 /**< an array of such tables */
/** A string naming a file or folder (ABI 1.2). The host resolves a relative
 *  one against the folder of the config file, so the plugin gets an absolute
 *  path whatever the daemon's working directory. */
#define REDRESS_CONFIG_PATH 9

#define REDRESS_CONFIG_REQUIRED 0x1u /**< the key must be present */

/** One key of a plugin's config section. Frozen for ABI 1.x (the descriptor's
 *  array of them is read with this exact stride). */
typedef struct redress_config_key {
    const char* path;          /**< "key", or "table.key" for keys inside a TABLE(_LIST) */
    uint32_t type;             /**< REDRESS_CONFIG_* */
    uint32_t flags;            /**< REDRESS_CONFIG_REQUIRED */
    const char* default_value; /**< a TOML value ("30", "\"pop3\"", "[]") or NULL */
    const char* description;   /**< one line for operators; shown by --list-plugins */
} redress_config_key;

/* ---- Family tables ---------------------------------------------------------
 * Each starts with its size. The void* instance is what create() returned.
 * On failure a function returns a status other than REDRESS_OK and fills error. */

/** Complaint intake channels (web form, e-mail, phone, desk, import…). */
typedef struct redress_intake_api {
    uint32_t struct_size;
    uint32_t reserved;
    /** The channel names this plugin provides, as departments enable them. */
    const char* const* channels;
    size_t channel_count;
    /** Handles an HTTP request routed to the plugin. request fields: method,
     *  path, prefix, query.<name>, header.<name> (lowercase), body,
     *  client_address, and, when the request carried a valid API token,
     *  auth.name, auth.role and auth.departments (a list; "*" for all). A
     *  request with an invalid token never reaches the plugin (401).
     *  The plugin sets response fields: status (int), content_type, body,
     *  header.<name>. */
    redress_status (*handle_http)(void* instance, const redress_record* request,
                                  redress_record* response, redress_error* error);
    /** Does one round of background work (fetching mail, say); the host calls it
     *  periodically from one thread at a time. */
    redress_status (*poll)(void* instance, redress_error* error);

    /* ---- Added in 1.1 ---- */

    /** URL path prefixes the plugin serves ("/intake", "/phone"), each starting
     *  with '/' and without a trailing one. The host routes every request whose
     *  path is a prefix or starts with prefix + "/" to handle_http, with
     *  path = the rest (starting with '/', or "/" for the prefix itself) and
     *  prefix = the matched prefix. Two plugins claiming one prefix, or a prefix
     *  the host's own API uses, are refused at load. A 1.0 plugin (whose table
     *  ends before these fields) is served under /channels/<channel>. */
    const char* const* http_prefixes;
    size_t http_prefix_count;
} redress_intake_api;

/** Compensation policies: a proposal from the facts of a complaint. */
typedef struct redress_compensation_api {
    uint32_t struct_size;
    uint32_t reserved;
    /** Reads the case (the complaint, the handbook's factors, earlier policies'
     *  proposal) and writes a proposal: remedies, amount, level, reasons. */
    redress_status (*propose)(void* instance, const redress_record* input, redress_record* proposal,
                              redress_error* error);
} redress_compensation_api;

/** Service-commitment catalogs: provided / not provided / arrangeable. */
typedef struct redress_catalog_api {
    uint32_t struct_size;
    uint32_t reserved;
    /** Answers a query (q, id, department, at…) with a verdict and its details. */
    redress_status (*lookup)(void* instance, const redress_record* query, redress_record* answer,
                             redress_error* error);
} redress_catalog_api;

/** Report formats: renders a stream of rows into bytes. */
typedef struct redress_reporter_api {
    uint32_t struct_size;
    uint32_t reserved;
    const char* format;       /**< e.g. "csv"; NUL-terminated, static */
    const char* content_type; /**< e.g. "text/csv; charset=utf-8"; NUL-terminated, static */
    /** Writes the report for params, reading rows until REDRESS_END. */
    redress_status (*render)(void* instance, const redress_record* params, redress_rows* rows,
                             redress_sink* out, redress_error* error);
} redress_reporter_api;

/* ---- The descriptor --------------------------------------------------------
 * Static data in the plugin, returned by the entry point; it must stay valid
 * and unchanged while the library is loaded. */
typedef struct redress_plugin_descriptor {
    uint32_t struct_size;    /**< sizeof(redress_plugin_descriptor) as the plugin knows it */
    uint16_t abi_major;      /**< REDRESS_ABI_MAJOR the plugin was built with */
    uint16_t abi_minor;      /**< REDRESS_ABI_MINOR the plugin was built with */
    const char* name;        /**< unique plugin name: [a-z0-9][a-z0-9_-]*, at most 64 bytes */
    const char* version;     /**< the plugin's own version, e.g. "1.2.0" */
    const char* description; /**< one line */
    uint32_t families;       /**< REDRESS_FAMILY_* bits; at least one */
    uint32_t reserved;
    const redress_config_key* config_keys; /**< the config schema; may be NULL if count is 0 */
    size_t config_key_count;

    /** Makes the plugin's one instance from its validated config section.
     *  On failure returns a status, fills error, and leaves *instance unset. */
    redress_status (*create)(const redress_host_api* api, redress_host* host,
                             const redress_record* config, void** instance, redress_error* error);
    /** Destroys the instance; never fails. The host calls it before unloading. */
    void (*destroy)(void* instance);

    const redress_intake_api* intake;             /**< non-NULL iff REDRESS_FAMILY_INTAKE */
    const redress_compensation_api* compensation; /**< non-NULL iff REDRESS_FAMILY_COMPENSATION */
    const redress_catalog_api* catalog;           /**< non-NULL iff REDRESS_FAMILY_CATALOG */
    const redress_reporter_api* reporter;         /**< non-NULL iff REDRESS_FAMILY_REPORTER */
} redress_plugin_descriptor;

/** The type of the exported entry point. It must not fail and must not call
 *  back into the host; it returns a pointer to static data. */
typedef const redress_plugin_descriptor* (*redress_plugin_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* REDRESS_ABI_H */
