# Shared by the benchmarks (sourced, not run): a throwaway PostgreSQL from Debian's package on 127.0.0.1, the dev
# identity provider and the STS simulator as stand-ins, and the packaged rootgate started as production against them.
# Sets WORK, PIDS, PG_PORT, JDBC, ISSUER, STS, SECRET, PORT, MANAGEMENT_PORT, APP_PID; cleans up on exit.
WORK=$(mktemp -d /tmp/rootgate-bench.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$WORK/pg/postmaster.pid" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
    [ "${BENCH_KEEP:-}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# Debian's postgresql keeps initdb and pg_ctl out of PATH.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PG_BIN" ] || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1); }
export PATH="$PG_BIN:$PATH"
[ "${BENCH_SKIP_PACKAGE:-}" = 1 ] || ./mvnw -B -q package -DskipTests
APP=target/quarkus-app
# The helpers need the stand-ins, which the packaged application leaves out: the compiled classes have them.
CP="target/classes:$(ls $APP/lib/main/*.jar | tr '\n' ':')"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== PostgreSQL"
PG_PORT=$(free_port)
mkdir -p "$WORK/pg" && chown postgres "$WORK" "$WORK/pg"
runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -A trust -U rootgate >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=on" start >/dev/null
runuser -u postgres -- "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U rootgate rootgate
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT/rootgate"

echo "== stand-ins (identity provider, STS)"
SECRET=$(head -c 48 /dev/urandom | base64 | tr -d '/+=')
java -cp "$CP" bench/Launcher.java stand-ins "$WORK/addresses" "$SECRET" >"$WORK/standins.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 600); do [ -s "$WORK/addresses" ] && break; sleep 0.2; done
. "$WORK/addresses"

echo "== schema (the packaged jar's migrate command, as production's init container runs it)"
QUARKUS_DATASOURCE_JDBC_URL="$JDBC" QUARKUS_DATASOURCE_USERNAME=rootgate \
QUARKUS_FLYWAY_USERNAME=rootgate QUARKUS_FLYWAY_PASSWORD=unused \
    java -jar $APP/quarkus-run.jar migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }

echo "== rootgate (packaged jar, prod profile)"
openssl genpkey -algorithm ed25519 -outform DER -out "$WORK/checkpoint.der" 2>/dev/null
CHECKPOINT_KEY=$(base64 -w0 "$WORK/checkpoint.der")
CHECKPOINT_PUBLIC_KEY=$(openssl pkey -inform DER -in "$WORK/checkpoint.der" -pubout -outform DER | base64 -w0)
PORT=$(free_port)
MANAGEMENT_PORT=$(free_port)
AWS_ACCESS_KEY_ID=AKIABENCHMARK000000 AWS_SECRET_ACCESS_KEY=benchmark-not-a-secret \
java ${BENCH_JAVA_OPTS:-} ${BENCH_APP_OPTS:-} -Dquarkus.http.port="$PORT" -Dquarkus.http.host=127.0.0.1 -Dquarkus.management.port="$MANAGEMENT_PORT" \
    -Dquarkus.datasource.jdbc.url="$JDBC" -Dquarkus.datasource.username=rootgate -Dquarkus.datasource.password=unused \
    -Dquarkus.oidc.auth-server-url="$ISSUER" -Dquarkus.oidc.credentials.secret="$SECRET" \
    -Drootgate.policy.file="$PWD/src/main/resources/dev-policy.yaml" -Drootgate.base-url=https://localhost \
    -Dquarkus.rest-csrf.token-signature-key="$(head -c 48 /dev/urandom | base64 | tr -d '/+=')" \
    -Drootgate.audit.checkpoint-key="$CHECKPOINT_KEY" -Drootgate.audit.checkpoint-public-key="$CHECKPOINT_PUBLIC_KEY" \
    -Drootgate.sts.endpoint="$STS" -Dquarkus.log.level=WARN \
    -jar $APP/quarkus-run.jar >"$WORK/app.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
for _ in $(seq 900); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/static/favicon.svg" && break; sleep 0.2; done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/static/favicon.svg" || { cat "$WORK/app.log"; exit 1; }

