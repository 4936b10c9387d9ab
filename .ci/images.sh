#!/usr/bin/env bash
# Builds, from Debian packages only, every image of compose/compose.yaml that can be made that
# way, plus the log writer's busybox and alert-sink (our echo server on Debian's Node.js). Each is
# tagged stacktests.local/<the reference compose.yaml uses>, with the upstream image's entrypoint,
# working directory, user and paths, so compose's command: lines and mounts work unchanged. The
# suite uses them with STACKTESTS_IMAGE_REGISTRY=stacktests.local. Where Debian's version differs
# from the tag, the image says so in the label org.stacktests.version-note, and this script prints it.
#
# Loki, Tempo, Grafana, Alloy and the OpenTelemetry Collector have no Debian package: no image,
# unless the user supplies the program. `--binary SERVICE=PATH` (repeatable; loki and tempo) builds
# SERVICE's image from that static binary instead, laid out as the upstream image is (entrypoint,
# user, data folder), for a team whose CI has the binaries but no registry; the image says, as the
# Debian-built ones do, where the binary's version differs from compose's tag.
#
#   .ci/images.sh [--binary SERVICE=PATH]...   needs a Docker engine (.ci/docker-engine.sh start), root, debootstrap
#   .ci/images.sh --only-binaries --binary SERVICE=PATH...   just those images (no Debian base)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
work=$repo/.tools/images
prefix=stacktests.local
base=$prefix/debian-base:bookworm
sid_bin=$repo/.tools/sid/usr/bin
# What the base root file system holds: the IoT programs, Node.js for alert-sink, and a static
# busybox that gives the images sh and the wget their compose healthchecks call.
base_packages=(busybox-static mosquitto mosquitto-clients prometheus-mqtt-exporter nodejs)
base_recipe=1 # raise when build_base changes, so an existing base image is rebuilt

fail() { echo "images.sh: $*" >&2; exit 3; }
usage() { echo "images.sh: $*; usage: .ci/images.sh [--only-binaries] [--binary SERVICE=PATH]..." >&2; exit 2; }

binaries=() only_binaries=0
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) [ $# -ge 2 ] || usage "--binary needs SERVICE=PATH"; binaries+=("$2"); shift ;;
    --binary=*) binaries+=("${1#--binary=}") ;;
    --only-binaries) only_binaries=1 ;;
    -h|--help) usage "help" ;;
    *) usage "unknown argument '$1'" ;;
  esac
  shift
done
[ "$only_binaries" -eq 0 ] || [ ${#binaries[@]} -gt 0 ] || usage "--only-binaries needs at least one --binary"
# shellcheck source=tools/debian-packages.sh
. "$repo/tools/debian-packages.sh"

export DOCKER_BUILDKIT=0 # the classic builder: no buildx plugin needed
timeout 10 docker version --format '{{.Server.APIVersion}}' >/dev/null 2>&1 \
  || fail "no Docker engine answers (DOCKER_HOST or /var/run/docker.sock); start one with .ci/docker-engine.sh start"

# The compose image reference of a service, e.g. prom/prometheus:v3.5.3, as docker compose reads it.
compose_image() { "$repo/.ci/compose-value.sh" services "$1" image; }

# A version as upstream writes it: v3.5.3 -> 3.5.3, 2.1.2-alpine -> 2.1.2, 1:3.5.3+ds1-6 -> 3.5.3.
plain_version() { local v=${1#*:}; v=${v#v}; v=${v%%[-+~]*}; echo "$v"; }

# The label that says where the Debian build's version differs from the tag, if it does.
version_note() { # reference what version, e.g. prom/prometheus:v3.5.3 "Debian's prometheus" 2.42.0
  local tag=${1##*:}
  [ "$(plain_version "$tag")" = "$(plain_version "$3")" ] && return 0
  echo "compose pins $1; this image carries $2 $3"
}

build_base() {
  local stamp
  stamp=$(printf '%s\n' "$base_recipe" "${base_packages[@]}" | sha256sum | cut -c1-16)
  if [ "$(docker image inspect -f '{{index .Config.Labels "org.stacktests.stamp"}}' "$base" 2>/dev/null)" = "$stamp" ]; then
    echo "images.sh: $base is current"; return 0
  fi
  command -v debootstrap >/dev/null || apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
    || fail "debootstrap is missing and could not be installed"
  local rootfs=$work/rootfs started=$SECONDS
  rm -rf "$rootfs"; mkdir -p "$work"
  echo "images.sh: debootstrap bookworm (${base_packages[*]})"
  timeout 900 debootstrap --variant=minbase --include="$(IFS=,; echo "${base_packages[*]}")" \
    bookworm "$rootfs" "$(mirror_uri)" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed (log: $work/debootstrap.log)"; }
  # busybox's wget for the compose healthchecks, as the upstream (busybox-based) images have it.
  ln -sf /bin/busybox "$rootfs/usr/local/bin/wget"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import -c "LABEL org.stacktests.stamp=$stamp" - "$base" >/dev/null
  rm -rf "$rootfs"
  echo "images.sh: $base built in $((SECONDS - started)) s"
}

# Version of a package installed in the base image.
base_version() { docker run --rm --network none --entrypoint dpkg-query "$base" -W -f='${Version}' "$1"; }

# build REFERENCE CONTEXT_DIR NOTE [SOURCE]: docker build of CONTEXT_DIR/Dockerfile as stacktests.local/<reference>;
# the label org.stacktests.source says what the image carries in place of upstream's (default: Debian's packages).
build() {
  local reference=$1 context=$2 note=$3 source=${4:-debian packages} started=$SECONDS
  local args=(--quiet --force-rm --network none -t "$prefix/$reference" --label "org.stacktests.upstream=$reference"
              --label "org.stacktests.source=$source")
  [ -z "$note" ] || args+=(--label "org.stacktests.version-note=$note")
  docker build "${args[@]}" "$context" >"$context/build.log" 2>&1 \
    || { cat "$context/build.log" >&2; fail "docker build of $prefix/$reference failed"; }
  echo "images.sh: $prefix/$reference built in $((SECONDS - started)) s${note:+ (note: $note)}"
}

context_dir() { local dir=$work/context/$1; rm -rf "$dir"; mkdir -p "$dir"; echo "$dir"; }

# A program of the Prometheus family: sid's build where tools/install-components.sh fetched it
# (the versions compose pins), else bookworm's package.
prometheus_family() { # service binary-in-image debian-binary package data-dir|"" [debian-binary binary-in-image]...
  local service=$1 target=$2 binary=$3 package=$4 data_dir=$5; shift 5
  local reference dir source version
  reference=$(compose_image "$service")
  dir=$(context_dir "$service")
  if [ -x "$sid_bin/$binary" ]; then
    source=$sid_bin
    version=$(dpkg-deb -f "$(ls "$repo"/.tools/apt-sid/cache/archives/"$package"_*.deb 2>/dev/null | head -1)" Version 2>/dev/null \
              || "$sid_bin/$binary" --version 2>&1 | head -1 | grep -o 'version [^ ]*' | cut -d' ' -f2)
  else
    source=/usr/bin
    [ -x "$source/$binary" ] || fail "$binary is neither in $sid_bin nor in /usr/bin: run tools/install-components.sh"
    version=$(dpkg-query -W -f='${Version}' "$package")
  fi
  cp "$source/$binary" "$dir/$target"
  local copies="COPY $target /bin/$target"
  # Debian's builds read assets from /usr/share/prometheus (Alertmanager's default templates, web files).
  local share=${source%/bin}/share/prometheus
  if [ -d "$share" ]; then cp -r "$share" "$dir/share"; copies+=$'\n'"COPY share /usr/share/prometheus"; fi
  while [ $# -ge 2 ]; do cp "$source/$1" "$dir/$2"; copies+=$'\n'"COPY $2 /bin/$2"; shift 2; done
  local data=""
  [ -z "$data_dir" ] || data="RUN mkdir -p $data_dir && chown -R nobody:nogroup $data_dir
WORKDIR $data_dir"
  cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $base
$copies
$data
USER nobody
ENTRYPOINT ["/bin/$target"]
DOCKERFILE
  build "$reference" "$dir" "$(version_note "$reference" "Debian's $package" "$version")"
}

# The upstream image's layout of a service built from a user's binary: the program's path, the
# user it runs as, and the data folder its named volume mounts (owned by that user, so a new
# volume starts writable). grafana/loki cmd/loki/Dockerfile and grafana/tempo cmd/tempo/Dockerfile.
binary_layout() {
  case "$1" in
    loki) echo "/usr/bin/loki 10001 /loki" ;;
    tempo) echo "/tempo 10001 /var/tempo" ;;
    *) return 1 ;;
  esac
}

# binary_image SERVICE=PATH: SERVICE's image FROM scratch with the program at the upstream path.
binary_image() {
  local service=${1%%=*} path=${1#*=} layout program user data reference dir version
  [ "$service" != "$1" ] && [ -n "$service" ] && [ -n "$path" ] || usage "--binary takes SERVICE=PATH, got '$1'"
  layout=$(binary_layout "$service") || fail "--binary $service: no image layout for '$service' (loki, tempo)"
  read -r program user data <<<"$layout"
  [ -f "$path" ] && [ -x "$path" ] || fail "--binary $service: '$path' is not an executable file"
  # FROM scratch has no libraries: the program must be static (upstream builds with CGO off).
  if ldd "$path" >/dev/null 2>&1; then fail "--binary $service: '$path' is dynamically linked; build it static (CGO_ENABLED=0)"; fi
  reference=$(compose_image "$service")
  [ -n "$reference" ] || fail "--binary $service: compose/compose.yaml has no service '$service' with an image"
  # Both print "<name>, version X.Y.Z (branch: ..., revision: ...)".
  version=$(timeout 10 "$path" -version 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p' | head -1)
  [ -n "$version" ] || fail "--binary $service: '$path -version' names no version"
  dir=$(context_dir "$service")
  cp "$path" "$dir/program"
  mkdir -p "$dir/data"
  cat >"$dir/Dockerfile" <<DOCKERFILE
FROM scratch
COPY program $program
COPY --chown=$user:$user data $data
USER $user
WORKDIR /
ENTRYPOINT ["$program"]
DOCKERFILE
  build "$reference" "$dir" "$(version_note "$reference" "the supplied $service binary" "$version")" "supplied binary: $service $version"
}

if [ "$only_binaries" -eq 1 ]; then
  for spec in "${binaries[@]}"; do binary_image "$spec"; done
  exit 0
fi
build_base
started=$SECONDS
# The Prometheus family, with the upstream images' entrypoints, working directories and user
# (prometheus/prometheus, alertmanager, node_exporter and pushgateway Dockerfiles).
prometheus_family prometheus prometheus prometheus prometheus /prometheus promtool promtool &
prometheus_family alertmanager alertmanager prometheus-alertmanager prometheus-alertmanager /alertmanager amtool amtool &
prometheus_family node-exporter node_exporter prometheus-node-exporter prometheus-node-exporter "" &
prometheus_family pushgateway pushgateway prometheus-pushgateway prometheus-pushgateway /pushgateway &

# eclipse-mosquitto: the broker, its clients and a shell (the device simulator runs on it too).
mosquitto_ref=$(compose_image mosquitto)
dir=$(context_dir mosquitto)
cat >"$dir/docker-entrypoint.sh" <<'SCRIPT'
#!/bin/sh
# As eclipse-mosquitto's entrypoint: hand /mosquitto to the broker's user, then run the command.
set -e
if [ "$(id -u)" = 0 ] && [ -d /mosquitto ]; then chown -R mosquitto:mosquitto /mosquitto || true; fi
exec "$@"
SCRIPT
cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $base
COPY docker-entrypoint.sh /docker-entrypoint.sh
RUN chmod 755 /docker-entrypoint.sh && mkdir -p /mosquitto/config /mosquitto/data /mosquitto/log && chown -R mosquitto:mosquitto /mosquitto
ENTRYPOINT ["/docker-entrypoint.sh"]
CMD ["/usr/sbin/mosquitto", "-c", "/mosquitto/config/mosquitto.conf"]
DOCKERFILE
build "$mosquitto_ref" "$dir" "$(version_note "$mosquitto_ref" "Debian's mosquitto" "$(base_version mosquitto)")" &

# hikhvar/mqtt2prometheus: the program at /mqtt2prometheus, as the upstream image (FROM scratch) has it.
exporter_ref=$(compose_image mqtt-exporter)
dir=$(context_dir mqtt-exporter)
cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $base
RUN ln -s /usr/bin/prometheus-mqtt-exporter /mqtt2prometheus
ENTRYPOINT ["/mqtt2prometheus"]
DOCKERFILE
build "$exporter_ref" "$dir" "$(version_note "$exporter_ref" "Debian's prometheus-mqtt-exporter" "$(base_version prometheus-mqtt-exporter)")" &

# alert-sink: our echo server (tools/alert-sink) in place of mendhak/http-https-echo, which
# listens on HTTP_PORT and logs each request as JSON on stdout the same way.
sink_ref=$(compose_image alert-sink)
dir=$(context_dir alert-sink)
cp "$repo/tools/alert-sink/echo-server.mjs" "$dir/index.mjs"
cat >"$dir/Dockerfile" <<DOCKERFILE
FROM $base
COPY index.mjs /app/index.mjs
WORKDIR /app
ENTRYPOINT ["node", "/app/index.mjs"]
CMD ["--host", "0.0.0.0"]
DOCKERFILE
build "$sink_ref" "$dir" "mendhak/http-https-echo replaced by tools/alert-sink/echo-server.mjs on Debian's Node.js $(base_version nodejs)" "tools/alert-sink/echo-server.mjs on debian packages" &

# The log writer's busybox (test infrastructure, not a compose service: compose.yaml's top-level
# x-stacktests.images): Debian's static build alone, FROM scratch, with its applets linked as the
# upstream image has them.
busybox_ref=$("$repo/.ci/compose-value.sh" x-stacktests images log-writer) || busybox_ref=
case "$busybox_ref" in busybox:*) ;; *) fail "cannot read the log writer's image (x-stacktests.images.log-writer, a busybox) from compose/compose.yaml" ;; esac
dir=$(context_dir busybox)
docker run --rm --network none --entrypoint cat "$base" /bin/busybox >"$dir/busybox"
chmod 755 "$dir/busybox"
cat >"$dir/Dockerfile" <<DOCKERFILE
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["sh"]
DOCKERFILE
build "$busybox_ref" "$dir" "$(version_note "$busybox_ref" "Debian's busybox-static" "$(base_version busybox-static)")" &

for spec in ${binaries[@]+"${binaries[@]}"}; do binary_image "$spec" & done

failed=0
for job in $(jobs -p); do wait "$job" || failed=1; done
[ "$failed" -eq 0 ] || fail "an image did not build (see above)"
echo "images.sh: service images built in $((SECONDS - started)) s"
docker image ls --filter "reference=$prefix/*/*" --filter "reference=$prefix/*" --format '  {{.Repository}}:{{.Tag}}  {{.Size}}'
