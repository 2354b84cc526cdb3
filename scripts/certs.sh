#!/usr/bin/env bash
# scripts/certs.sh DIR — generate the throw-away test PKI used by mailhive's tests (certtool, ECDSA P-256).
# Idempotent: does nothing when DIR/ca.pem exists, is a valid certificate and every other file is present.
# Nothing generated here is committed; tests regenerate it at test time.
set -euo pipefail

DIR="${1:-${MAILHIVE_TEST_DIR:-/tmp/mailhive-test}/certs}"
mkdir -p "$DIR"
cd "$DIR"

command -v certtool >/dev/null || { echo "certs.sh: certtool not found (apt-get install gnutls-bin)" >&2; exit 1; }

FILES="ca.pem ca-key.pem server.pem server-key.pem other-ca.pem other-ca-key.pem unknownca.pem unknownca-key.pem
selfsigned.pem selfsigned-key.pem wronghost.pem wronghost-key.pem expired.pem expired-key.pem client.pem
client-key.pem client-combined.pem client.p12"

complete() {
  [ -s ca.pem ] || return 1
  certtool --certificate-info --infile ca.pem >/dev/null 2>&1 || return 1
  certtool --verify --load-ca-certificate ca.pem --infile server.pem >/dev/null 2>&1 || return 1
  local f
  for f in $FILES; do [ -s "$f" ] || return 1; done
  return 0
}

if complete; then
  exit 0
fi

# Serialise concurrent callers (mocha + PHP tests may start at the same time).
exec 9>"$DIR/.lock"
flock 9
if complete; then exit 0; fi

TMP=$(mktemp -d "$DIR/.gen.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"

key() { certtool --generate-privkey --key-type=ecdsa --curve=secp256r1 --outfile "$1" >/dev/null 2>&1; }
signed() { # out key tmpl ca cakey
  certtool --generate-certificate --load-privkey "$2" --load-ca-certificate "$4" --load-ca-privkey "$5" \
    --template "$3" --outfile "$1" >/dev/null 2>&1
}
selfsig() { # out key tmpl
  certtool --generate-self-signed --load-privkey "$2" --template "$3" --outfile "$1" >/dev/null 2>&1
}

cat > ca.tmpl <<'EOF'
cn = "mailhive Test CA"
organization = "mailhive tests"
serial = 1
ca
cert_signing_key
crl_signing_key
expiration_days = 3650
EOF
cat > other-ca.tmpl <<'EOF'
cn = "mailhive Other Test CA"
organization = "mailhive tests"
serial = 2
ca
cert_signing_key
crl_signing_key
expiration_days = 3650
EOF
cat > server.tmpl <<'EOF'
cn = "localhost"
dns_name = "localhost"
ip_address = "127.0.0.1"
tls_www_server
encryption_key
signing_key
expiration_days = 3650
EOF
cat > wronghost.tmpl <<'EOF'
cn = "wrong.example"
dns_name = "wrong.example"
tls_www_server
encryption_key
signing_key
expiration_days = 3650
EOF
cat > expired.tmpl <<'EOF'
cn = "localhost"
dns_name = "localhost"
ip_address = "127.0.0.1"
tls_www_server
encryption_key
signing_key
activation_date = "2020-01-01 00:00:00 UTC"
expiration_date = "2021-01-01 00:00:00 UTC"
EOF
cat > client.tmpl <<'EOF'
cn = "mailhive test client"
email = "test@localhost"
tls_www_client
encryption_key
signing_key
expiration_days = 3650
EOF

key ca-key.pem;         selfsig ca.pem ca-key.pem ca.tmpl
key other-ca-key.pem;   selfsig other-ca.pem other-ca-key.pem other-ca.tmpl
key server-key.pem;     signed server.pem server-key.pem server.tmpl ca.pem ca-key.pem
key unknownca-key.pem;  signed unknownca.pem unknownca-key.pem server.tmpl other-ca.pem other-ca-key.pem
key selfsigned-key.pem; selfsig selfsigned.pem selfsigned-key.pem server.tmpl
key wronghost-key.pem;  signed wronghost.pem wronghost-key.pem wronghost.tmpl ca.pem ca-key.pem
key expired-key.pem;    signed expired.pem expired-key.pem expired.tmpl ca.pem ca-key.pem
key client-key.pem;     signed client.pem client-key.pem client.tmpl ca.pem ca-key.pem
cat client.pem client-key.pem > client-combined.pem
certtool --to-p12 --load-certificate client.pem --load-privkey client-key.pem --p12-name "mailhive test client" \
  --password p12pass --outder --outfile client.p12 >/dev/null 2>&1

certtool --verify --load-ca-certificate ca.pem --infile server.pem >/dev/null 2>&1
certtool --verify --load-ca-certificate other-ca.pem --infile unknownca.pem >/dev/null 2>&1
certtool --verify --load-ca-certificate ca.pem --infile client.pem >/dev/null 2>&1

chmod 644 ./*.pem client.p12
# private keys readable by the servers' users (Dovecot reads them as root via '<', Postfix as root) - keep them 0644
# so that unprivileged test processes (scripted.js, PHP) can load them too; they are throw-away test keys.
# ca.pem last, so that a reader that only checks ca.pem never sees a half-written set
for f in $FILES; do [ "$f" = ca.pem ] || mv -f "$f" "$DIR/$f"; done
mv -f ca.pem "$DIR/ca.pem"
echo "certs.sh: test certificates written to $DIR"
