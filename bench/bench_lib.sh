# SPDX-License-Identifier: BSD-3-Clause
# Sourced by the benchmark scripts (POSIX sh): failure bookkeeping and number formatting.

failed=
fail() { # fail WHAT: remembered for the report and the exit code
    failed="$failed $1"
    echo "run.sh: $1 failed" >&2
}

# kv FILE KEY: the value of KEY=VALUE in FILE (empty if absent)
kv() {
    [ -f "$1" ] && awk -F= -v k="$2" '$1 == k { v = substr($0, length(k) + 2) } END { print v }' "$1"
}

# calc EXPR NAME=VALUE...: EXPR evaluated by awk with %.3f, or "-" when a value is empty or
# not a number (a measurement is missing).
calc() {
    expr=$1
    shift
    assign=
    for a in "$@"; do
        case ${a#*=} in '' | *[!0-9.eE+-]*) echo "-"; return 0 ;; esac
        assign="$assign $a;"
    done
    awk "BEGIN { $assign x = $expr; printf \"%.3f\", x }" </dev/null 2>/dev/null || echo "-"
}

# fmt FORMAT VALUE: printf of a number, "-" stays "-"
fmt() {
    # shellcheck disable=SC2059 # the format is the argument
    case $2 in '' | -) echo "-" ;; *) printf "$1" "$2" ;; esac
}

# median FILE...: the median of the first line of each file that holds a number, or "-"
median() {
    for f in "$@"; do [ -s "$f" ] && head -n 1 "$f"; done | grep -E '^[0-9.]+$' | sort -g |
        awk '{ v[NR] = $1 } END { if (NR == 0) print "-";
              else if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2];
              else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
