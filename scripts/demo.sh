#!/bin/sh
# End-to-end demo of what slsim does today (README command 1 runs it after the build):
# build a device image with the CLI, store certificate-like files (one of them secure), run a
# device application written against the TI API on it, and read everything back.
# Usage: scripts/demo.sh [BUILD_DIR]   (default: build)
set -eu
build=$(cd "${1:-build}" && pwd)
slsim=$build/slsim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }

echo "slsim demo in $work"
printf 'pretend root CA certificate\n' > root-ca.crt
printf 'DEVICE-PRIVATE-KEY-MARKER (a real key would be DER)\n' > device.key

run "$slsim" image create dev.img --profile cc3220s
run "$slsim" fs put dev.img root-ca.crt /cert/root-ca.crt --failsafe
run "$slsim" fs put dev.img device.key /cert/545acc1c00-private.key --secure --no-signature
run "$slsim" fs ls dev.img

say "device application (TI API) on the same image"
printf '{"image": "dev.img", "profile": "cc3220s"}\n' > dev.json
echo "SLSIM_DEVICE=dev.json $build/examples/fs_list"
SLSIM_DEVICE=$work/dev.json "$build/examples/fs_list"

run "$slsim" fs get dev.img /cert/root-ca.crt root-ca.back
run cmp root-ca.crt root-ca.back
run "$slsim" fs get dev.img /cert/545acc1c00-private.key device.key.back
run cmp device.key device.key.back
say "plaintext in the image file: the fail-safe CA file yes, the secure key no"
printf 'root-ca.crt: %s match(es)\n' "$(grep -c -a 'pretend root CA' dev.img || true)"
printf 'device.key:  %s match(es)\n' "$(grep -c -a 'DEVICE-PRIVATE-KEY-MARKER' dev.img || true)"
if grep -q -a 'DEVICE-PRIVATE-KEY-MARKER' dev.img; then
    echo "demo: the secure file is stored in plaintext" >&2
    exit 1
fi

run "$slsim" fs stat dev.img /demo/hello.txt
run "$slsim" image check dev.img
run "$slsim" image info dev.img
echo
echo "demo finished: image built, files stored and read back through the CLI and the TI API"
