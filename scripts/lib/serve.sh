# Sourced by scripts/start and by the release's bin/openvibe: runs the server and the agent bridge
# beside it with the data directory's defaults, until either ends (then stops the other).
# Usage: openvibe_serve NODE SERVER_ENTRY BRIDGE_ENTRY
openvibe_serve() {
  local node="$1" server_entry="$2" bridge_entry="$3"
  local data_dir="${OPENVIBE_DATA_DIR:-./data}"
  [[ "$data_dir" == /* ]] || data_dir="$PWD/$data_dir"
  export OPENVIBE_DATA_DIR="$data_dir"
  export OPENVIBE_BRIDGE_KEY_FILE="${OPENVIBE_BRIDGE_KEY_FILE:-$data_dir/agent-bridge.key}"
  export OPENVIBE_BRIDGE_STATE_DIR="${OPENVIBE_BRIDGE_STATE_DIR:-$data_dir/agent-bridge}"

  if [[ "${OPENVIBE_START_BRIDGE:-1}" == "0" ]]; then
    exec "$node" "$server_entry"
  fi

  "$node" "$server_entry" &
  local server=$!
  OPENVIBE_SERVER_URL="${OPENVIBE_SERVER_URL:-http://127.0.0.1:${PORT:-8787}}" \
    "$node" "$bridge_entry" &
  local bridge=$!

  # shellcheck disable=SC2064 # the pids are fixed now
  trap "trap - INT TERM; kill -TERM $server $bridge 2>/dev/null || true" INT TERM
  # When either process ends, stop the other.
  wait -n "$server" "$bridge" || true
  kill -TERM "$server" "$bridge" 2>/dev/null || true
  wait "$server" "$bridge" 2>/dev/null || true
}
