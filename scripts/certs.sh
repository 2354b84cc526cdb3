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

# ---- Extra certificate kinds for the hostile-server suites (appended; generated from the existing test CA,
# so adding them never replaces ca.pem or server.pem that running servers already use).
#   notyet        leaf valid from 2036 (not yet valid)
#   inter         intermediate CA signed by the test CA
#   chainleaf     leaf signed by the intermediate; the server sends it alone (missing intermediate)
#   chainfull     chainleaf + inter in one PEM (the server sends the whole chain: valid control)
#   nosan         CN=localhost only, no subjectAltName
#   weakkey       RSA 1024 key, signed by the test CA
#   sha1          leaf whose signature uses SHA-1
EXTRA_FILES="notyet.pem notyet-key.pem inter.pem inter-key.pem chainleaf.pem chainleaf-key.pem chainfull.pem
chainfull-key.pem nosan.pem nosan-key.pem weakkey.pem weakkey-key.pem sha1.pem sha1-key.pem"

extras_complete() {
  local f
  for f in $EXTRA_FILES; do [ -s "$DIR/$f" ] || return 1; done
  return 0
}

gen_extras() {
  extras_complete && return 0
  exec 8>"$DIR/.lock-extra"
  flock 8
  extras_complete && return 0
  local T
  T=$(mktemp -d "$DIR/.genx.XXXXXX")
  (
    set -e
    cd "$T"
    cp "$DIR/ca.pem" "$DIR/ca-key.pem" .
    xkey() { certtool --generate-privkey --key-type=ecdsa --curve=secp256r1 --outfile "$1" >/dev/null 2>&1; }
    xsigned() { # out key tmpl ca cakey [extra certtool args]
      local out=$1 k=$2 t=$3 ca=$4 cak=$5; shift 5
      certtool --generate-certificate --load-privkey "$k" --load-ca-certificate "$ca" --load-ca-privkey "$cak" \
        --template "$t" --outfile "$out" "$@" >/dev/null 2>&1
    }
    cat > leaf.tmpl <<'EOT'
cn = "localhost"
dns_name = "localhost"
ip_address = "127.0.0.1"
tls_www_server
encryption_key
signing_key
expiration_days = 3650
EOT
    cat > notyet.tmpl <<'EOT'
cn = "localhost"
dns_name = "localhost"
ip_address = "127.0.0.1"
tls_www_server
encryption_key
signing_key
activation_date = "2036-01-01 00:00:00 UTC"
expiration_date = "2037-01-01 00:00:00 UTC"
EOT
    cat > inter.tmpl <<'EOT'
cn = "mailhive Test Intermediate CA"
organization = "mailhive tests"
ca
path_len = 0
cert_signing_key
crl_signing_key
expiration_days = 3650
EOT
    cat > nosan.tmpl <<'EOT'
cn = "localhost"
tls_www_server
encryption_key
signing_key
expiration_days = 3650
EOT
    xkey notyet-key.pem;    xsigned notyet.pem notyet-key.pem notyet.tmpl ca.pem ca-key.pem
    xkey inter-key.pem;     xsigned inter.pem inter-key.pem inter.tmpl ca.pem ca-key.pem
    xkey chainleaf-key.pem; xsigned chainleaf.pem chainleaf-key.pem leaf.tmpl inter.pem inter-key.pem
    cat chainleaf.pem inter.pem > chainfull.pem
    cp chainleaf-key.pem chainfull-key.pem
    xkey nosan-key.pem;     xsigned nosan.pem nosan-key.pem nosan.tmpl ca.pem ca-key.pem
    certtool --generate-privkey --key-type=rsa --bits 1024 --sec-param low --outfile weakkey-key.pem >/dev/null 2>&1 \
      || certtool --generate-privkey --key-type=rsa --bits 1024 --outfile weakkey-key.pem >/dev/null 2>&1
    xsigned weakkey.pem weakkey-key.pem leaf.tmpl ca.pem ca-key.pem
    xkey sha1-key.pem;      xsigned sha1.pem sha1-key.pem leaf.tmpl ca.pem ca-key.pem --hash SHA1
    # sanity: the chain verifies through the intermediate
    certtool --verify --load-ca-certificate ca.pem --infile chainfull.pem >/dev/null 2>&1
    chmod 644 ./*.pem
    for f in $EXTRA_FILES; do mv -f "$f" "$DIR/$f"; done
  ) || { rm -rf "$T"; echo "certs.sh: could not generate the extra test certificates" >&2; return 1; }
  rm -rf "$T"
  echo "certs.sh: extra test certificates written to $DIR"
}

if complete; then
  gen_extras
  exit 0
fi

# Serialise concurrent callers (mocha + PHP tests may start at the same time).
exec 9>"$DIR/.lock"
flock 9
if complete; then gen_extras; exit 0; fi

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
gen_extras
