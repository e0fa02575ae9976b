#!/usr/bin/env bash
# Puts what building the store needs on PATH, installing whatever is missing: the wasm target,
# cargo-leptos, wasm-bindgen at the lock file's version, and wasm-opt (npm's binaryen).
# Tools are cached in $KETTLEWISE_TOOLS (default ~/.cache/kettlewise-tools). Source it.

KETTLEWISE_TOOLS="${KETTLEWISE_TOOLS:-$HOME/.cache/kettlewise-tools}"
export PATH="$KETTLEWISE_TOOLS/bin:$KETTLEWISE_TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
_kw_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION=0.3.11
BINARYEN_VERSION=132.0.0

_kw_say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# Installs a crates.io binary from its unpacked source, after pinning the named dependencies
# to versions that build on this compiler.
_kw_install_crate() {
  local name=$1 version=$2; shift 2
  # Build tools without their size-tuned release settings (LTO, one codegen unit): they
  # compile in a fraction of the time and run as fast for what the build asks of them.
  local -x CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
  _kw_say "installing $name $version (once; cached in $KETTLEWISE_TOOLS)"
  # A plain install unpacks the source even when its lock file cannot build here.
  cargo install "$name" --version "$version" --locked --root "$KETTLEWISE_TOOLS" >/dev/null 2>&1 && return 0
  local src
  src=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"$name-$version" 2>/dev/null | head -n 1)
  [ -n "$src" ] || { echo "could not fetch the source of $name $version" >&2; return 1; }
  local work; work=$(mktemp -d)
  cp -r "$src" "$work/src"
  (
    cd "$work/src"
    while [ $# -gt 0 ]; do cargo update -q -p "$1" --precise "$2"; shift 2; done
    cargo install --path . --locked --root "$KETTLEWISE_TOOLS"
  )
  local rc=$?
  rm -rf "$work"
  return $rc
}

kw_build_tools() {
  mkdir -p "$KETTLEWISE_TOOLS"
  if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    _kw_say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  if ! cargo-leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    _kw_install_crate cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1
  fi
  local wb
  wb=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$_kw_root/Cargo.lock")
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb\$"; then
    _kw_install_crate wasm-bindgen-cli "$wb" webpki-roots 1.0.10
  fi
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    command -v npm >/dev/null || { echo "npm is needed for wasm-opt: apt-get install npm" >&2; return 1; }
    _kw_say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
    npm install --prefix "$KETTLEWISE_TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
  fi
}

# Installs Debian packages that are missing (as root, or through sudo).
kw_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  _kw_say "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
