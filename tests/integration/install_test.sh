#!/bin/sh
# Installs slsim from BUILD_DIR into a temporary prefix, then builds the fs_list example out of
# tree twice: with pkg-config (cc app.c $(pkg-config --cflags --libs slsim)) and with CMake's
# find_package(slsim), and runs both against a fresh image.
set -eu
build=${1:?usage: install_test.sh BUILD_DIR}
src=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" > /dev/null
libdir=$(ls -d "$prefix"/lib*/pkgconfig | head -n 1)
export PKG_CONFIG_PATH=$libdir
export LD_LIBRARY_PATH=$(dirname "$libdir")

# 1. pkg-config
cc -std=c11 -Wall -Wextra -Werror -o "$tmp/fs_list_pc" "$src/examples/fs_list/fs_list.c" \
    $(pkg-config --cflags --libs slsim)

# 2. find_package
mkdir -p "$tmp/app"
cat > "$tmp/app/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(app C)
find_package(slsim REQUIRED)
add_executable(fs_list_cmake $src/examples/fs_list/fs_list.c)
target_link_libraries(fs_list_cmake PRIVATE slsim::slsim)
CMAKE
cmake -S "$tmp/app" -B "$tmp/app/build" -DCMAKE_PREFIX_PATH="$prefix" > /dev/null
cmake --build "$tmp/app/build" > /dev/null

# Run both on a fresh image.
"$prefix/bin/slsim" image create "$tmp/dev.img" --profile cc3220s > /dev/null
printf '{"image": "dev.img", "profile": "cc3220s"}\n' > "$tmp/dev.json"
SLSIM_DEVICE=$tmp/dev.json "$tmp/fs_list_pc" | grep -q 'read back 21 bytes'
SLSIM_DEVICE=$tmp/dev.json "$tmp/app/build/fs_list_cmake" | grep -q '/demo/hello.txt'
echo "install test: pkg-config and find_package builds ran"
