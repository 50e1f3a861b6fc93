#!/usr/bin/env bash
# Builds Lanyard, fetches Keycloak from Maven Central, installs the jars and realm-config, and starts
# Keycloak on http://localhost:8080 with a dev-file H2 database kept in .run/ (it survives restarts), and
# MailDev (npm, through npx) as the demo realm's SMTP server, with its web inbox on http://localhost:1080, and
# the demo app (demo-app/, Node.js) on http://localhost:3000, where sign-ins and magic links land.
#
#   ./run.sh            build and start
#   ./run.sh --reset    forget all data first (users, sessions, realm changes) and re-import realm-config
#
# Settings (environment): KC_HTTP_PORT (8080), KC_MANAGEMENT_PORT (9000),
# KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD (admin / admin), LANYARD_INBOX_PORT (1080),
# LANYARD_DEMO_APP_PORT (the port of LANYARD_DEMO_APP_URL), and the LANYARD_* placeholders of realm-config/
# (see README.md). With LANYARD_SMTP_HOST set, mail goes to that server and no catcher starts.
# The output is plain text (no colours), so that it can be kept in a log.
set -euo pipefail

cd "$(dirname "$0")"
reset=false
for arg in "$@"; do
  case "$arg" in
    --reset) reset=true ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

http_port="${KC_HTTP_PORT:-8080}"
management_port="${KC_MANAGEMENT_PORT:-9000}"
smtp_port="${LANYARD_SMTP_PORT:-1025}"
inbox_port="${LANYARD_INBOX_PORT:-1080}"
export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"
export LANYARD_PUBLIC_URL="${LANYARD_PUBLIC_URL:-http://localhost:$http_port}"
export LANYARD_DEMO_APP_URL="${LANYARD_DEMO_APP_URL:-http://localhost:3000}"
# Node's and npm's own colours.
export NO_COLOR=1
# Batch mode without colours: one line per module and per artifact fetched, no byte counters. Maven 3.8 writes
# colour resets even so; they are dropped, so that a log holds plain text.
maven() {
  mvn -B -Dstyle.color=never "$@" 2>&1 | sed $'s/\e\\[[0-9;]*m//g'
}

echo "Building Lanyard (Maven; the first build also fetches its dependencies)..."
maven --no-transfer-progress -DskipTests -pl providers,themes -am package
version=$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml)
home=".run/keycloak-$version"

if [ ! -x "$home/bin/kc.sh" ]; then
  echo "Fetching Keycloak $version from Maven Central (about 190 MB, once)..."
  maven org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack -N \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$version:tar.gz" -DoutputDirectory=.run
fi

if $reset; then
  echo "Resetting data..."
  rm -rf "$home/data/h2" "$home/data/import"
fi
rm -f "$home"/providers/lanyard-*.jar
# The project's own version (the first <version> of the root pom), so a jar left from another version stays out.
lanyard_version="$(sed -n 's:^    <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"
cp "providers/target/lanyard-providers-$lanyard_version.jar" "themes/target/lanyard-themes-$lanyard_version.jar" "$home/providers/"
mkdir -p "$home/data/import"
cp realm-config/*.json "$home/data/import/"
echo "Installed the jars and realm-config into $home."

# A local SMTP catcher, so that magic links and other mails can be read at once: MailDev's web inbox.
mail_catcher=""
inbox="(none: mail goes to ${LANYARD_SMTP_HOST:-localhost}:$smtp_port)"
if [ -z "${LANYARD_SMTP_HOST:-}" ]; then
  if command -v npx >/dev/null 2>&1; then
    echo "Starting the mail catcher (MailDev)..."
    npx --yes --loglevel=error maildev@2.2.1 --ip 127.0.0.1 --smtp "$smtp_port" --web "$inbox_port" >.run/maildev.log 2>&1 &
    mail_catcher=$!
    inbox="http://localhost:$inbox_port/"
  else
    echo "No npx (Node.js) here, so no mail catcher: mails go to localhost:$smtp_port." >&2
  fi
fi

# Where every sign-in of the README lands: a page that shows who is signed in.
demo_app=""
demo_app_address="(none: no Node.js here)"
if command -v node >/dev/null 2>&1; then
  echo "Starting the demo app..."
  node demo-app/server.js >.run/demo-app.log 2>&1 &
  demo_app=$!
  demo_app_address="$LANYARD_DEMO_APP_URL/"
fi

echo "Starting Keycloak $version..."
# The public address, which mailed links name whatever Host a request says (LANYARD_PUBLIC_URL to change it).
"$home/bin/kc.sh" start-dev --import-realm \
  --hostname="$LANYARD_PUBLIC_URL" \
  --http-port="$http_port" --http-management-port="$management_port" --health-enabled=true \
  --features=declarative-ui --log-console-color=false &
keycloak=$!
# npx runs MailDev in a shell of its own, so the whole tree goes.
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
  kill "$1" 2>/dev/null || true
}
stop() {
  kill "$keycloak" 2>/dev/null || true
  if [ -n "$mail_catcher" ]; then kill_tree "$mail_catcher"; fi
  if [ -n "$demo_app" ]; then kill "$demo_app" 2>/dev/null || true; fi
}
trap 'stop; wait' INT TERM

until curl -fs "http://localhost:$management_port/health/ready" >/dev/null 2>&1; do
  kill -0 "$keycloak" 2>/dev/null || { echo "Keycloak exited; see the log above." >&2; stop; exit 1; }
  sleep 2
done
if [ -n "$mail_catcher" ]; then
  for _ in $(seq 60); do
    curl -fs "$inbox" >/dev/null 2>&1 && break
    kill -0 "$mail_catcher" 2>/dev/null || { echo "MailDev exited; see .run/maildev.log." >&2; inbox="(MailDev failed: .run/maildev.log)"; break; }
    sleep 1
  done
fi
if [ -n "$demo_app" ] && ! kill -0 "$demo_app" 2>/dev/null; then
  echo "The demo app exited; see .run/demo-app.log." >&2
  demo_app_address="(the demo app failed: .run/demo-app.log)"
fi

cat <<BANNER

  Lanyard is running on Keycloak $version.
  Admin console:   http://localhost:$http_port/admin/   ($KC_BOOTSTRAP_ADMIN_USERNAME / $KC_BOOTSTRAP_ADMIN_PASSWORD)
  Demo realm API:  http://localhost:$http_port/realms/lanyard-demo/api/
  Demo users:      demo / ${LANYARD_DEMO_PASSWORD:-demo-password}, demo-admin / ${LANYARD_DEMO_ADMIN_PASSWORD:-demo-admin-password}
  Mail inbox:      $inbox
  Demo app:        $demo_app_address   (sign in there; every sign-in lands there)
  A magic link for the demo user, then see the inbox:
    curl -i -X POST $LANYARD_PUBLIC_URL/realms/lanyard-demo/api/public/request-magic-link \\
      -H 'Content-Type: application/json' \\
      -d '{"email": "demo@example.com", "redirect_uri": "$LANYARD_DEMO_APP_URL/"}'
  Data is kept in $home/data (./run.sh --reset starts afresh). Ctrl-C stops Keycloak, MailDev and the demo app.

BANNER
status=0
wait "$keycloak" || status=$?
stop
exit "$status"
