#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Independent writer and dumper of TI .lst trusted-root catalogs.

Written from the layout in reference/nwp-behaviour.md A.3, not from slsim's C code, so that
tests can check slsim's codec against a second implementation. Standard library only.

    lst_independent.py OUT CREATED VALID_UNTIL [T:<hex> | R:<hex>]...
    lst_independent.py --dump FILE

CREATED and VALID_UNTIL are integers (decimal or 0x...). Each T: entry is a trusted SHA-256
digest and each R: entry a revoked one (64 hex digits); entries keep their command-line order.
"""

import struct
import sys

HEADER = 0x1B8
TRUSTED_MAX = 128
REVOKED_MAX = 64
DIGEST = 32


def build(created, valid_until, trusted, revoked):
    """Return the catalog bytes for two lists of 32-byte digests."""
    if len(trusted) > TRUSTED_MAX or len(revoked) > REVOKED_MAX:
        raise ValueError("too many entries")
    out = bytearray()
    # 0x000 creation time and 0x008 valid-until: u32 each, followed by a u32 high half.
    out += struct.pack("<II", created & 0xFFFFFFFF, created >> 32)
    out += struct.pack("<II", valid_until & 0xFFFFFFFF, valid_until >> 32)
    out += bytes(0x30 - len(out))  # reserved, zero
    out += struct.pack("<I", len(trusted))  # 0x030
    trusted_index = b"".join(d[:2] for d in trusted)
    out += trusted_index + bytes(2 * TRUSTED_MAX - len(trusted_index))  # 0x034
    out += struct.pack("<I", len(revoked))  # 0x134
    revoked_index = b"".join(d[:2] for d in revoked)
    out += revoked_index + bytes(2 * REVOKED_MAX - len(revoked_index))  # 0x138
    assert len(out) == HEADER
    for d in trusted + revoked:
        out += d
    return bytes(out)


def parse(data):
    """Return (created, valid_until, trusted, revoked); raise ValueError if malformed."""
    if len(data) < HEADER:
        raise ValueError("truncated: %d bytes" % len(data))
    lo, hi, vlo, vhi = struct.unpack_from("<IIII", data, 0)
    (n,) = struct.unpack_from("<I", data, 0x30)
    (m,) = struct.unpack_from("<I", data, 0x134)
    if n > TRUSTED_MAX or m > REVOKED_MAX:
        raise ValueError("counts too large: %d trusted, %d revoked" % (n, m))
    if len(data) != HEADER + DIGEST * (n + m):
        raise ValueError("size %d, expected %d" % (len(data), HEADER + DIGEST * (n + m)))
    digests = [data[HEADER + DIGEST * i:HEADER + DIGEST * (i + 1)] for i in range(n + m)]
    trusted, revoked = digests[:n], digests[n:]
    for base, slots, lst in ((0x34, TRUSTED_MAX, trusted), (0x138, REVOKED_MAX, revoked)):
        for i in range(slots):
            want = lst[i][:2] if i < len(lst) else b"\0\0"
            if data[base + 2 * i:base + 2 * i + 2] != want:
                raise ValueError("index slot %d at 0x%03x mismatch" % (i, base + 2 * i))
    return lo | (hi << 32), vlo | (vhi << 32), trusted, revoked


def parse_entries(args):
    trusted, revoked = [], []
    for arg in args:
        kind, _, hexdigest = arg.partition(":")
        digest = bytes.fromhex(hexdigest)
        if kind not in ("T", "R") or len(digest) != DIGEST:
            raise ValueError("bad entry '%s' (want T:<64 hex> or R:<64 hex>)" % arg)
        (trusted if kind == "T" else revoked).append(digest)
    return trusted, revoked


def dump(path):
    with open(path, "rb") as f:
        created, valid_until, trusted, revoked = parse(f.read())
    print("created 0x%08x valid_until 0x%08x" % (created, valid_until))
    print("trusted %d revoked %d" % (len(trusted), len(revoked)))
    for d in trusted:
        print("T:" + d.hex())
    for d in revoked:
        print("R:" + d.hex())


def main(argv):
    if len(argv) == 3 and argv[1] == "--dump":
        dump(argv[2])
        return 0
    if len(argv) < 4 or argv[1].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    trusted, revoked = parse_entries(argv[4:])
    data = build(int(argv[2], 0), int(argv[3], 0), trusted, revoked)
    with open(argv[1], "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except (OSError, ValueError) as exc:
        sys.stderr.write("lst_independent: %s\n" % exc)
        sys.exit(1)
