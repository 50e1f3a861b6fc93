#!/usr/bin/env bash
# Builds Lanyard, fetches Keycloak from Maven Central, installs the jars and realm-config, and starts
# Keycloak on http://localhost:8080 with a dev-file H2 database kept in .run/ (it survives restarts).
#
#   ./run.sh            build and start
#   ./run.sh --reset    forget all data first (users, sessions, realm changes) and re-import realm-config
#
# Settings (environment): KC_HTTP_PORT (8080), KC_MANAGEMENT_PORT (9000),
# KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (admin / admin), and the LANYARD_* placeholders
# of realm-config/ (see README.md).
set -euo pipefail

cd "$(dirname "$0")"
reset=false
for arg in "$@"; do
  case "$arg" in
    --reset) reset=true ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

http_port="${KC_HTTP_PORT:-8080}"
management_port="${KC_MANAGEMENT_PORT:-9000}"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"

echo "Building Lanyard..."
mvn -B -q -DskipTests -pl providers,themes -am package
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
home=".run/keycloak-$version"

if [ ! -x "$home/bin/kc.sh" ]; then
  echo "Fetching Keycloak $version..."
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack -N \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" -DoutputDirectory=.run
fi

if $reset; then
  echo "Resetting data..."
  rm -rf "$home/data/h2" "$home/data/import"
fi
rm -f "$home"/providers/lanyard-*.jar
cp providers/target/lanyard-providers.jar themes/target/lanyard-themes.jar "$home/providers/"
mkdir -p "$home/data/import"
cp realm-config/*.json "$home/data/import/"

"$home/bin/kc.sh" start-dev --import-realm \
  --http-port="$http_port" --http-management-port="$management_port" --health-enabled=true &
keycloak=$!
trap 'kill "$keycloak" 2>/dev/null; wait "$keycloak" 2>/dev/null' INT TERM

until curl -fs "http://localhost:$management_port/health/ready" >/dev/null 2>&1; do
  kill -0 "$keycloak" 2>/dev/null || { echo "Keycloak exited; see the log above." >&2; exit 1; }
  sleep 2
done

cat <<BANNER

  Lanyard is running on Keycloak $version.
  Admin console:   http://localhost:$http_port/admin/   ($KC_BOOTSTRAP_ADMIN_USERNAME / $KC_BOOTSTRAP_ADMIN_PASSWORD)
  Demo realm API:  http://localhost:$http_port/realms/lanyard-demo/api/
  Demo users:      demo / ${LANYARD_DEMO_PASSWORD:-demo-password}, demo-admin / ${LANYARD_DEMO_ADMIN_PASSWORD:-demo-admin-password}
  Data is kept in $home/data (./run.sh --reset starts afresh). Ctrl-C stops Keycloak.

BANNER
wait "$keycloak"
