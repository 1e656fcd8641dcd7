#!/bin/bash
# tls.sh: a tcp:// engine behind TLS with client certificates. porthole
# verifies the engine's certificate by default, refuses an engine whose
# certificate it cannot verify, and connects without verification only when
# told to (--tls-no-verify). Exec streams work over TLS too. The same engine
# is then reached through docker CLI contexts made in a temporary
# DOCKER_CONFIG: --context, DOCKER_CONTEXT and currentContext, the TLS
# material and SkipTLSVerify taken from the context store.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
P=${PORTHOLE:?}
command -v openssl >/dev/null || t_bail "openssl is needed"
[ "$(id -u)" = 0 ] || t_skip_all "a private dockerd needs root"
certs=$(mktemp -d -p /tmp ph-tls.XXXXXX)
other=$(mktemp -d -p /tmp ph-tlso.XXXXXX)
port=$((20000 + $$ % 20000))
mk() { openssl "$@" >/dev/null 2>&1; }
cd "$certs" || exit 1
mk req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out ca.pem -days 2 -subj /CN=ph-test-ca
mk req -newkey rsa:2048 -nodes -keyout server-key.pem -out server.csr -subj /CN=localhost
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >ext-s
mk x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out server-cert.pem -days 2 -extfile ext-s
mk req -newkey rsa:2048 -nodes -keyout key.pem -out client.csr -subj /CN=client
printf 'extendedKeyUsage=clientAuth\n' >ext-c
mk x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -out cert.pem -days 2 -extfile ext-c
# a second CA the engine's certificate does not come from
mk req -x509 -newkey rsa:2048 -nodes -keyout ca-key.pem -out "$other/ca.pem" -days 2 -subj /CN=other-ca
cp cert.pem key.pem "$other/"
cd - >/dev/null || exit 1
[ -s "$certs/server-cert.pem" ] && [ -s "$certs/cert.pem" ] || t_bail "cannot make certificates"

PH_DOCKERD_ARGS="--tlsverify --tlscacert $certs/ca.pem --tlscert $certs/server-cert.pem --tlskey $certs/server-key.pem -H tcp://127.0.0.1:$port"
export PH_DOCKERD_ARGS
engine_need --private
unset PH_DOCKERD_ARGS
store=$(mktemp -d -p /tmp ph-ctx.XXXXXX)
trap 'engine_cleanup; rm -rf "$certs" "$other" "$store"' EXIT
c=ph-tls-$$
engine_run "$c" >/dev/null || t_bail "cannot start a container"
T=tcp://127.0.0.1:$port

t_like "$(DOCKER_HOST=$T DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=$certs "$P" ls)" "$c" "DOCKER_TLS_VERIFY with DOCKER_CERT_PATH lists over TLS"
t_like "$("$P" -H "$T" --tls --tlscert "$certs" ls)" "$c" "--tls --tlscert lists over TLS"
t_is "$("$P" -H "$T" --tls --tlscert "$certs" exec "$c" sh -c 'echo over-tls; exit 6'; echo "rc=$?")" $'over-tls\nrc=6' "exec streams and exit codes work over TLS"
t_is "$(printf 'x\ny\nz\n' | "$P" -H "$T" --tls --tlscert "$certs" exec -i "$c" cat)" $'x\ny\nz' "stdin goes through over TLS"
"$P" -H "$T" --tls --tlscert "$other" ls >/dev/null 2>"$certs/e"; rc=$?
t_is "$rc" 1 "an engine certificate from another CA is refused"
t_like "$(cat "$certs/e")" "$T" "and the message names the engine"
"$P" -H "$T" ls >/dev/null 2>&1; rc=$?
t_is "$rc" 1 "plain HTTP to a TLS engine fails"
t_like "$("$P" -H "$T" --tls-no-verify --tlscert "$other" ls 2>&1)" "$c" "--tls-no-verify connects without checking the engine"

# ---- contexts made by the docker CLI ----
command -v docker >/dev/null || t_bail "the docker CLI is needed to make contexts"
dctx() { DOCKER_CONFIG=$store docker context "$@" >/dev/null 2>&1; }
dctx create tls-ctx --description "over TLS" --docker "host=$T,ca=$certs/ca.pem,cert=$certs/cert.pem,key=$certs/key.pem" || t_bail "docker context create failed"
dctx create wrong-ca --docker "host=$T,ca=$other/ca.pem,cert=$other/cert.pem,key=$other/key.pem"
dctx create plain --docker "host=$T"
dctx create unverified --docker "host=$T,ca=$other/ca.pem,cert=$other/cert.pem,key=$other/key.pem,skip-tls-verify=true"
pc() { env -u DOCKER_HOST -u DOCKER_CONTEXT DOCKER_CONFIG=$store "$@"; }
t_like "$(pc "$P" --context tls-ctx ls)" "$c" "--context with the store's TLS material lists"
t_like "$(pc DOCKER_CONTEXT=tls-ctx "$P" ls)" "$c" "DOCKER_CONTEXT names the context"
t_is "$(pc "$P" -c tls-ctx exec "$c" sh -c 'echo via-ctx; exit 4'; echo "rc=$?")" $'via-ctx\nrc=4' "exec through a context"
pc "$P" --context wrong-ca ls >/dev/null 2>"$store/e"; rc=$?
t_is "$rc" 1 "a context whose CA did not sign the engine is refused"
pc "$P" --context plain ls >/dev/null 2>&1; rc=$?
t_is "$rc" 1 "a context without TLS material speaks plain HTTP (and fails here)"
t_like "$(pc "$P" --context unverified ls 2>&1)" "$c" "skip-tls-verify=true in the context connects without checks"
pc "$P" --context nowhere ls >/dev/null 2>"$store/e"; rc=$?
t_ok "an unknown context fails" [ "$rc" -ne 0 ]
t_like "$(cat "$store/e")" 'context "nowhere" not found' "and says so"
both=$(pc "$P" --context tls-ctx --context unverified ls 2>&1)
t_like "$both" "tls-ctx +[0-9a-f]{12} +$c " "two contexts: both engines listed, each named by its context (tls-ctx)"
t_like "$both" "unverified +[0-9a-f]{12} +$c " "(unverified)"
t_like "$(pc "$P" context ls)" "tls-ctx +over TLS +$T" "context ls shows a context made by the CLI"
t_like "$(pc "$P" context ls)" "default \\*" "with default marked as the current one"
dctx use tls-ctx
t_like "$(pc "$P" context ls)" "tls-ctx \\* +over TLS" "context ls marks the currentContext"
t_like "$(pc DOCKER_HOST=$T "$P" context ls)" "default \\*" "DOCKER_HOST set: default is the current one"
t_like "$(pc "$P" context ls --json | tr -d ' \t\n')" '"name":"tls-ctx","description":"overTLS","docker_endpoint":"'"$T"'","current":true' "context ls --json"
t_like "$(pc "$P" ls)" "$c" "the currentContext of config.json is used"
t_like "$(pc DOCKER_HOST=unix:///nonexistent.sock "$P" ls 2>&1)" "nonexistent.sock" "DOCKER_HOST wins over currentContext, as with the docker CLI"
t_like "$(pc DOCKER_HOST=unix:///nonexistent.sock DOCKER_CONTEXT=tls-ctx "$P" ls 2>&1)" "nonexistent.sock" "and over DOCKER_CONTEXT"
t_done
