#!/usr/bin/env python3
"""Writes fuzz/corpus/plugin_descriptor/: descriptors in the byte format that
plugin_descriptor_fuzz.cpp reads (see its header comment), modelled on the
shipped plugins and the refusals the loader tests expect. Run it again when
that format changes:  python3 fuzz/descriptor_seeds.py
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "plugin_descriptor")

HOST, ABI_1_0 = 0, 1  # size selectors
CREATE, DESTROY, INTAKE, COMPENSATION, CATALOG, REPORTER, KEYS = 1, 2, 4, 8, 16, 32, 64
STRING, INTEGER, FLOAT, BOOLEAN, STRING_LIST, INTEGER_LIST, TABLE, TABLE_LIST, PATH = range(1, 10)


def s(text):
    """str: u16 n (0 = NULL), then n - 1 bytes."""
    if text is None:
        return struct.pack("<H", 0)
    b = text.encode() if isinstance(text, str) else text
    return struct.pack("<H", len(b) + 1) + b


def size(sel, raw=None):
    return bytes([sel]) if raw is None else bytes([2]) + struct.pack("<I", raw)


def strings(items, present=True):
    return bytes([len(items), 1 if present else 0]) + b"".join(s(i) for i in items)


def descriptor(name, families, present, keys=(), intake=b"", compensation=b"", catalog=b"",
               reporter=b"", sel=size(HOST), abi=(1, 2), version="1.0.0",
               description="a plugin", key_count=None):
    out = sel + struct.pack("<HH", *abi) + s(name) + s(version) + s(description)
    out += struct.pack("<IB", families, present)
    out += struct.pack("<H", len(keys) if key_count is None else key_count)
    for path, type_, flags, default, desc in keys:
        out += s(path) + struct.pack("<II", type_, flags) + s(default) + s(desc)
    return out + intake + compensation + catalog + reporter


def intake(channels, prefixes=(), sel=size(HOST), functions=3):
    return sel + strings(channels) + bytes([functions]) + strings(prefixes)


EMAIL_KEYS = [
    ("mailboxes", TABLE_LIST, 1, None, "POP3 mailboxes to fetch"),
    ("mailboxes.host", STRING, 1, None, "server"),
    ("mailboxes.port", INTEGER, 0, "995", "port"),
    ("mailboxes.tls", BOOLEAN, 0, "true", ""),
    ("attachment_dir", PATH, 0, '"attachments"', "where attachments are kept"),
    ("max_message_bytes", INTEGER, 0, "10485760", ""),
]
IMPORT_KEYS = [
    ("column", TABLE_LIST, 0, None, "extra header names"),
    ("column.name", STRING, 1, None, "the header as written in the file"),
    ("column.field", STRING, 1, None, "the form field it fills"),
    ("key_column", STRING_LIST, 0, '["编号", "id"]', "headers that hold a row's key"),
]
GOODWILL_KEYS = [
    ("levels", TABLE, 0, "{ a = 100, b = 50 }", ""),
    ("levels.a", FLOAT, 0, "1.5", "级别 A"),
    ("tiers", INTEGER_LIST, 0, "[1, 2, 3]", ""),
]
ALL = CREATE | DESTROY

SEEDS = {
    "email_intake": descriptor("email", 1, ALL | INTAKE | KEYS, EMAIL_KEYS,
                               intake=intake(["email"], ["/email"])),
    "import_intake": descriptor("import", 1, ALL | INTAKE | KEYS, IMPORT_KEYS,
                                intake=intake(["import"], ["/import"]),
                                description="导入投诉登记表 (CSV)"),
    "intake_abi_1_0": descriptor("fixture-intake", 1, ALL | INTAKE, abi=(1, 0),
                                 intake=intake(["hello", "hello-fax"], sel=size(ABI_1_0))),
    "goodwill_policy": descriptor("goodwill", 2, ALL | COMPENSATION | KEYS, GOODWILL_KEYS,
                                  compensation=size(HOST) + b"\x01"),
    "catalog": descriptor("catalog", 4, ALL | CATALOG, abi=(1, 1),
                          catalog=size(HOST) + b"\x01"),
    "reporter_csv": descriptor("report_csv", 8, ALL | REPORTER,
                               reporter=size(HOST) + b"\x01" + s("csv") +
                               s("text/csv; charset=utf-8")),
    "every_family": descriptor("all-in-one", 15, ALL | INTAKE | COMPENSATION | CATALOG | REPORTER,
                               intake=intake(["web"]), compensation=size(HOST) + b"\x01",
                               catalog=size(HOST) + b"\x01",
                               reporter=size(HOST) + b"\x01" + s("json") + s("application/json")),
    "bad_abi_major": descriptor("future", 1, ALL, abi=(2, 0)),
    "bad_newer_minor": descriptor("newer", 2, ALL, abi=(1, 9)),
    "bad_small_size": descriptor("small", 2, ALL, sel=size(2, 24)),
    "bad_unknown_family": descriptor("odd", 0x12, ALL | COMPENSATION,
                                     compensation=size(HOST) + b"\x01"),
    "bad_default": descriptor("bad-default", 2, ALL | COMPENSATION | KEYS,
                              [("greeting", STRING, 0, "hello", "")],
                              compensation=size(HOST) + b"\x01"),
    "bad_orphan_key": descriptor("orphan", 2, ALL | COMPENSATION | KEYS,
                                 [("limits.max", INTEGER, 0, None, "")],
                                 compensation=size(HOST) + b"\x01"),
    "bad_channel_count": descriptor("liar", 1, ALL | INTAKE,
                                    intake=size(HOST) + strings(["a", "b", "c"], present=False) + b"\x03" +
                                    strings([])),
    "bad_prefix": descriptor("prefix", 1, ALL | INTAKE,
                             intake=intake(["web"], ["/Web/", "relative"])),
    "bad_name": descriptor("Bad Name!", 2, ALL | COMPENSATION, compensation=size(HOST) + b"\x01"),
    "bad_null_strings": descriptor(None, 2, CREATE, version=None, description=None),
    "bad_key_count": descriptor("count", 2, ALL | COMPENSATION | KEYS, key_count=2000,
                                compensation=size(HOST) + b"\x01"),
}

os.makedirs(OUT, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(OUT, name + ".bin"), "wb") as f:
        f.write(data)
print(f"wrote {len(SEEDS)} seeds to {OUT}")
