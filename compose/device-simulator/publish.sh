#!/bin/sh
# Simulated IoT devices: every INTERVAL_SECONDS each device publishes one JSON reading to
# devices/<id>/telemetry, the topic mqtt2prometheus subscribes to (mqtt-exporter/config.yaml).
set -eu
. "$(dirname "$0")/simulator.env"
host=${BROKER%:*}
port=${BROKER##*:}

tick=0
while :; do
  n=0
  for device in $DEVICES; do
    n=$((n + 1))
    # Plausible readings that drift a little on every tick.
    payload=$(awk -v seed=$((tick * 100 + n)) 'BEGIN {
      srand(seed)
      printf "{\"temperature\":%.1f,\"humidity\":%.1f,\"battery\":%.2f}", 19 + rand() * 6, 35 + rand() * 25, 3.0 + rand() * 0.3
    }')
    mosquitto_pub -h "$host" -p "$port" -i "simulator-$device" -t "devices/$device/telemetry" -m "$payload" \
      || echo "device-simulator: publish to $host:$port failed for $device" >&2
  done
  tick=$((tick + 1))
  sleep "$INTERVAL_SECONDS"
done
