#!/usr/bin/env bash
# scripts/php-fpm-test.sh — the mailhive extension under php-fpm (SAPI fpm-fcgi), not only the CLI.
# Builds the module (scripts/build-php.sh), installs php8.2-fpm and libfcgi-bin (cgi-fcgi) with apt when
# missing, starts the private Postfix/Dovecot (scripts/mailstack.sh), then runs a private php-fpm master
# (own config in a temp dir, pool as www-data, 2 static workers, listening on 127.0.0.1:<free port>,
# -d extension=<abs path>/mailhive.so, the Debian fpm php.ini with opcache) and sends requests through
# cgi-fcgi:
#   - the module is loaded in fpm-fcgi and phpinfo() shows it with the GnuTLS version;
#   - 20 requests each create a MailHive\SMTP and send a message to Postfix 10025 over STARTTLS with the
#     test CA and AUTH test/secret (errCode 0, the marker in the subject arrives in the Maildir), served by
#     the same 2 workers again and again (extension state reused across requests);
#   - ValueError and MailHive\Exception inside a request, and a request that leaves a connection open,
#     do not hurt the worker;
#   - no worker died (no SIGSEGV / "exited on signal" in the fpm log, the same worker pids at the end).
# Stops its php-fpm (by pid) and ends with exactly one line:  php-fpm: N passed, N failed
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export MAILHIVE_TEST_DIR="${MAILHIVE_TEST_DIR:-/tmp/mailhive-test}"
REQUESTS="${MAILHIVE_FPM_REQUESTS:-20}"

passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
finish() { echo "php-fpm: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

# --- prerequisites --------------------------------------------------------------------------------
FPM=$(command -v php-fpm8.2 || ls /usr/sbin/php-fpm8.2 2>/dev/null || true)
if [ -z "$FPM" ] || ! command -v cgi-fcgi >/dev/null; then
  echo "installing php8.2-fpm libfcgi-bin"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends php8.2-fpm libfcgi-bin >/tmp/mailhive-fpm-apt.log 2>&1; then
    apt-get update >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends php8.2-fpm libfcgi-bin >/tmp/mailhive-fpm-apt.log 2>&1 \
      || { tail -5 /tmp/mailhive-fpm-apt.log; fail "apt-get install php8.2-fpm libfcgi-bin"; finish; }
  fi
  FPM=$(command -v php-fpm8.2 || echo /usr/sbin/php-fpm8.2)
fi
bash scripts/build-php.sh >/tmp/mailhive-fpm-build.log 2>&1 || { tail -20 /tmp/mailhive-fpm-build.log; fail "build-php.sh"; finish; }
SO="$ROOT/build-php/modules/mailhive.so"
bash scripts/certs.sh "$MAILHIVE_TEST_DIR/certs" >/dev/null 2>&1 || { fail "certs.sh"; finish; }
bash scripts/mailstack.sh start >/tmp/mailhive-fpm-mailstack.log 2>&1 || { tail -20 /tmp/mailhive-fpm-mailstack.log; fail "mailstack.sh start"; finish; }
CA="$MAILHIVE_TEST_DIR/certs/ca.pem"
MAILDIR_NEW="$MAILHIVE_TEST_DIR/dovecot/mail/test/Maildir/new"

# --- private php-fpm --------------------------------------------------------------------------------
T=$(mktemp -d /tmp/mailhive-fpm.XXXXXX)
chmod 755 "$T"
FPM_PID=""
cleanup() {
  if [ -n "$FPM_PID" ] && kill -0 "$FPM_PID" 2>/dev/null; then
    kill -QUIT "$FPM_PID" 2>/dev/null           # graceful stop of the master and its workers
    for _ in $(seq 50); do kill -0 "$FPM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$FPM_PID" 2>/dev/null || true
  fi
  [ "${MAILHIVE_FPM_KEEP:-0}" = 1 ] || rm -rf "$T"
}
trap cleanup EXIT

PORT=$(php -r '$s = stream_socket_server("tcp://127.0.0.1:0"); echo explode(":", stream_socket_get_name($s, false))[1];')
POOL_USER=www-data
id "$POOL_USER" >/dev/null 2>&1 || POOL_USER=nobody
POOL_GROUP=$(id -gn "$POOL_USER")
cat >"$T/php-fpm.conf" <<EOF
[global]
pid = $T/php-fpm.pid
error_log = $T/php-fpm.log
log_level = notice
daemonize = no

[mailhive]
user = $POOL_USER
group = $POOL_GROUP
listen = 127.0.0.1:$PORT
pm = static
pm.max_children = 2
pm.max_requests = 0
catch_workers_output = yes
clear_env = yes
env[MAILHIVE_CA] = $CA
php_admin_value[error_log] = $T/php-errors.log
php_admin_flag[log_errors] = on
php_admin_flag[display_errors] = off
EOF

# The request scripts (readable by the pool user).
cat >"$T/info.php" <<'PHP'
<?php
ob_start(); phpinfo(INFO_MODULES); $info = strip_tags(ob_get_clean());
preg_match('/GnuTLS\s*(\d+\.\d+\.\d+)/', $info, $g);
echo json_encode(['sapi' => PHP_SAPI, 'loaded' => extension_loaded('mailhive'), 'version' => phpversion('mailhive'),
    'section' => str_contains($info, 'mailhive support'), 'gnutls' => $g[1] ?? null, 'pid' => getmypid(),
    'opcache' => function_exists('opcache_get_status') && (bool)ini_get('opcache.enable')]), "\n";
PHP
cat >"$T/send.php" <<'PHP'
<?php
// One request: a fresh SMTP object, STARTTLS on Postfix 10025 with the test CA, AUTH test/secret.
$tag = preg_replace('/[^A-Za-z0-9-]/', '', $_GET['tag'] ?? 'none');
$smtp = new MailHive\SMTP();
$smtp->serverName = '127.0.0.1';
$smtp->portNumber = 10025;
$smtp->timeout = 15;
$smtp->ssl->enabled = true;
$smtp->ssl->useStartTls = true;
$smtp->ssl->expectedHostName = 'localhost';
$smtp->ssl->selectServerCertStore(getenv('MAILHIVE_CA'), 1);
$smtp->userName = 'test';
$smtp->password = 'secret';
$smtp->fromAddr = 'php-fpm <sender@localhost>';
$smtp->toAddr = 'test@localhost';
$smtp->subject = "php-fpm test $tag";
$smtp->bodyText = "Sent by " . PHP_SAPI . " worker " . getmypid() . "\n";
$smtp->message->addAttachmentData(str_repeat('mailhive ', 1000), 'data.txt', 'text/plain');
$sent = $smtp->send();
if (!empty($_GET['keep'])) { $GLOBALS['leak'] = $smtp; exit(json_encode(['sent' => $sent, 'errCode' => $smtp->errCode, 'pid' => getmypid()]) . "\n"); }
$smtp->disconnect();
echo json_encode(['sent' => $sent, 'errCode' => $smtp->errCode, 'sslError' => $smtp->ssl->sslError,
    'protocol' => $smtp->ssl->negotiatedProtocol, 'pid' => getmypid()]), "\n";
PHP
cat >"$T/errors.php" <<'PHP'
<?php
// Exceptions thrown by the extension inside a request: ValueError for a bad value, MailHive\Exception
// with throwExceptions (wrong password), and a caught TypeError; the worker must carry on.
$r = ['pid' => getmypid()];
$smtp = new MailHive\SMTP();
try { $smtp->subject = "a\r\nBcc: x@example.org"; $r['valueError'] = false; }
catch (ValueError $e) { $r['valueError'] = true; }
$smtp->serverName = '127.0.0.1';
$smtp->portNumber = 10025;
$smtp->timeout = 15;
$smtp->ssl->enabled = true;
$smtp->ssl->useStartTls = true;
$smtp->ssl->expectedHostName = 'localhost';
$smtp->ssl->selectServerCertStore(getenv('MAILHIVE_CA'), 1);
$smtp->userName = 'test';
$smtp->password = 'wrong';
$smtp->throwExceptions = true;
$smtp->fromAddr = 'sender@localhost';
$smtp->toAddr = 'test@localhost';
$smtp->subject = 'never delivered';
try { $smtp->send(); $r['exception'] = null; }
catch (MailHive\Exception $e) { $r['exception'] = get_class($e); $r['code'] = $e->getCode(); $r['errCode'] = $e->errCode; }
try { $smtp->ssl->protocol = 99; $r['protocolError'] = false; } catch (ValueError $e) { $r['protocolError'] = true; }
echo json_encode($r), "\n";
PHP
chmod 644 "$T"/*.php

"$FPM" -t -y "$T/php-fpm.conf" -d "extension=$SO" >"$T/fpm-t.log" 2>&1 || { cat "$T/fpm-t.log"; fail "php-fpm -t (configuration test)"; finish; }
"$FPM" -F -y "$T/php-fpm.conf" -d "extension=$SO" >"$T/fpm.out" 2>&1 &
FPM_PID=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "$FPM_PID" 2>/dev/null || break
  sleep 0.1
done

# request SCRIPT [QUERY] -> the body (headers removed) on stdout
request() {
  env -i SCRIPT_FILENAME="$T/$1" SCRIPT_NAME="/$1" REQUEST_METHOD=GET QUERY_STRING="${2:-}" \
      SERVER_PROTOCOL=HTTP/1.1 GATEWAY_INTERFACE=CGI/1.1 REMOTE_ADDR=127.0.0.1 \
      cgi-fcgi -bind -connect "127.0.0.1:$PORT" 2>&1 | tr -d '\r' | sed '1,/^$/d'
}
jget() { php -r '$j = json_decode(stream_get_contents(STDIN), true); $v = $j[$argv[1]] ?? null; echo is_bool($v) ? ($v ? "true" : "false") : (is_null($v) ? "null" : $v);' "$1"; }

# 1. loaded in fpm-fcgi, phpinfo section with versions
info=$(request info.php)
if [ "$(jget sapi <<<"$info")" = fpm-fcgi ] && [ "$(jget loaded <<<"$info")" = true ] && [ "$(jget section <<<"$info")" = true ] \
   && [[ "$(jget gnutls <<<"$info")" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] && [ "$(jget version <<<"$info")" = 0.1.0 ]; then
  ok "fpm-fcgi loads mailhive $(jget version <<<"$info") (GnuTLS $(jget gnutls <<<"$info"), opcache $(jget opcache <<<"$info"))"
else
  fail "info.php: $info"; tail -20 "$T/php-fpm.log" 2>/dev/null
fi

# 2. N sends through the same workers
RUN="fpm-$(date +%s)-$$"
declare -a PIDS=()
for i in $(seq "$REQUESTS"); do
  out=$(request send.php "tag=$RUN-$i")
  pid=$(jget pid <<<"$out"); PIDS+=("$pid")
  if [ "$(jget sent <<<"$out")" = true ] && [ "$(jget errCode <<<"$out")" = 0 ]; then
    ok "request $i: sent, errCode 0, $(jget protocol <<<"$out"), worker $pid"
  else
    fail "request $i: $out"
  fi
done
# deliveries: every marker in a file of Maildir/new (Postfix hands them to Dovecot LMTP asynchronously)
found=""
for _ in $(seq 150); do
  found=$(grep -rhoE "php-fpm test $RUN-[0-9]+\b" "$MAILDIR_NEW" 2>/dev/null </dev/null | sed 's/.*-//' | sort -un)
  [ "$(printf '%s\n' "$found" | grep -c .)" -ge "$REQUESTS" ] && break
  sleep 0.2
done
for i in $(seq "$REQUESTS"); do
  if printf '%s\n' "$found" | grep -qx "$i"; then ok "message $i delivered"; else fail "message $i ($RUN-$i) not in $MAILDIR_NEW"; fi
done

# 3. error paths inside a request, and a request that keeps its SMTP object in a global at exit
err=$(request errors.php)
if [ "$(jget valueError <<<"$err")" = true ] && [ "$(jget exception <<<"$err")" = 'MailHive\Exception' ] \
   && [[ "$(jget code <<<"$err")" =~ ^11[34]$ ]] && [ "$(jget code <<<"$err")" = "$(jget errCode <<<"$err")" ] \
   && [ "$(jget protocolError <<<"$err")" = true ]; then
  ok "ValueError and MailHive\\Exception (errCode $(jget code <<<"$err")) inside a request"
else
  fail "errors.php: $err"
fi
keep=$(request send.php "tag=$RUN-keep&keep=1")
if [ "$(jget sent <<<"$keep")" = true ]; then ok "request ending with an open connection (freed at request shutdown)"; else fail "keep request: $keep"; fi
after=$(request send.php "tag=$RUN-after")
if [ "$(jget sent <<<"$after")" = true ] && [ "$(jget errCode <<<"$after")" = 0 ]; then ok "worker still sends after the error requests"; else fail "after: $after"; fi
PIDS+=("$(jget pid <<<"$err")" "$(jget pid <<<"$keep")" "$(jget pid <<<"$after")")

# 4. the same workers served everything; none died
distinct=$(printf '%s\n' "${PIDS[@]}" | grep -E '^[0-9]+$' | sort -u)
ndistinct=$(printf '%s\n' "$distinct" | grep -c .)
if [ "$ndistinct" -ge 1 ] && [ "$ndistinct" -le 2 ]; then ok "$((REQUESTS + 3)) requests served by $ndistinct worker(s): $(echo $distinct)"; else fail "requests served by $ndistinct workers: $(echo $distinct)"; fi
alive=1
for p in $distinct; do kill -0 "$p" 2>/dev/null || alive=0; done
if [ "$alive" = 1 ] && ! grep -qiE 'SIGSEGV|SIGABRT|exited on signal|core dumped|zend_mm_heap|Fatal error' "$T/php-fpm.log" "$T/php-errors.log" 2>/dev/null; then
  ok "workers alive, no crash or fatal error in the fpm logs"
else
  fail "worker crash or fatal error:"; cat "$T/php-fpm.log" "$T/php-errors.log" 2>/dev/null | tail -20
fi

# 5. graceful stop
kill -QUIT "$FPM_PID" 2>/dev/null
for _ in $(seq 50); do kill -0 "$FPM_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$FPM_PID" 2>/dev/null; then fail "php-fpm did not stop on SIGQUIT"; else wait "$FPM_PID" 2>/dev/null; ok "php-fpm stopped"; FPM_PID=""; fi
finish
