#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Validates `slsim doctor --json` reports against docs/doctor.schema.json.

Python's standard library has no JSON-Schema validator, so this implements the subset the
schema uses (type, required, properties, items, enum, $ref, minimum, maximum, minLength) and
adds the contract rules a schema cannot say: findings in pipeline order, warn/fail findings
with a code, a name, a cause and a fix, pass/info/skip with code 0, and the top-level code
being one of the findings' codes.

Usage: validate_doctor_json.py SCHEMA REPORT.json...   (exit 0 valid, 1 invalid)
"""
import json
import sys

ORDER = ["ca-file", "own-cert", "own-key", "sockets", "handshake", "peer-cert", "chain",
         "anchor", "dates", "domain", "pinned", "catalog", "no-ca"]
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def check(schema, value, root, path, errors):
    if "$ref" in schema:
        ref = schema["$ref"].lstrip("#/").split("/")
        target = root
        for part in ref:
            target = target[part]
        return check(target, value, root, path, errors)
    t = schema.get("type")
    if t == "integer":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
            errors.append(f"{path}: not an integer")
            return
    elif t is not None and (not isinstance(value, TYPES[t]) or
                            (t != "boolean" and isinstance(value, bool))):
        errors.append(f"{path}: not a {t}")
        return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{path}: {value} < {schema['minimum']}")
    if "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{path}: {value} > {schema['maximum']}")
    if "minLength" in schema and len(value) < schema["minLength"]:
        errors.append(f"{path}: shorter than {schema['minLength']}")
    for key in schema.get("required", []):
        if key not in value:
            errors.append(f"{path}: missing '{key}'")
    for key, sub in schema.get("properties", {}).items():
        if isinstance(value, dict) and key in value:
            check(sub, value[key], root, f"{path}.{key}", errors)
    if "items" in schema and isinstance(value, list):
        for i, item in enumerate(value):
            check(schema["items"], item, root, f"{path}[{i}]", errors)


def contract(report, errors):
    last = -1
    codes = {0}
    for i, f in enumerate(report["findings"]):
        where = f"findings[{i}] ({f['check']})"
        idx = ORDER.index(f["check"])
        if idx < last:
            errors.append(f"{where}: out of pipeline order")
        last = idx
        if f["status"] in ("warn", "fail"):
            codes.add(f["code"])
            for key in ("name", "fix", "cause", "kb_ref"):
                if not f[key]:
                    errors.append(f"{where}: empty '{key}' for a {f['status']}")
            if f["code"] >= 0:
                errors.append(f"{where}: {f['status']} without a negative code")
        elif f["code"] != 0 or f["fix"]:
            errors.append(f"{where}: {f['status']} with a code or a fix")
    if report["code"] not in codes:
        errors.append(f"code {report['code']} is not the code of any warn/fail finding")
    if "mqtt" not in report and report["connected"] != (report["exit"] in (0, 5)):
        errors.append("connected and exit disagree")
    if report["exit"] == 5 and (not report["connected"] or report["code"] == 0):
        errors.append("exit 5 without a connected-with-warning code")


def main():
    schema = json.load(open(sys.argv[1]))
    bad = 0
    for name in sys.argv[2:]:
        errors = []
        try:
            report = json.load(open(name))
        except (OSError, ValueError) as e:
            errors.append(str(e))
        else:
            check(schema, report, schema, "$", errors)
            if not errors:
                contract(report, errors)
        for e in errors:
            print(f"{name}: {e}")
        bad += 1 if errors else 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
