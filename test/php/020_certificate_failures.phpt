--TEST--
Certificate failures against scripted TLS servers: self-signed 2, unknown CA 2, wrong host 5, expired 3; nothing sent
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
foreach (['tls-selfsigned', 'tls-unknown-ca', 'tls-wronghost', 'tls-expired', 'tls-good'] as $scenario) {
    $srv = new MhScripted($scenario);
    $smtp = mh_smtp_for($srv, true);
    $ok = $smtp->connect();
    $cert = $smtp->ssl->serverCert;
    printf("%s: %s errCode=%d sslError=%d specific=%s connected=%s cert=%s verifyErrors=%s\n", $scenario,
        var_export($ok, true), $smtp->errCode, $smtp->ssl->sslError,
        $smtp->ssl->sslSpecificError === 0 ? '0' : 'set', var_export($smtp->connected, true),
        $cert ? $cert->issuedTo : 'none', json_encode($cert?->verifyErrors));
    $smtp->disconnect();
    $sent = $srv->stop();
    // A rejected certificate ends the session before a single byte of SMTP.
    echo '  sent: ', json_encode($ok ? 'EHLO..QUIT' : $sent), "\n";
}
// verifyServerCert = false accepts the self-signed certificate; a pin of another key rejects it again.
$srv = new MhScripted('tls-selfsigned');
$smtp = mh_smtp_for($srv, true);
$smtp->ssl->verifyServerCert = false;
var_dump($smtp->connect(), $smtp->ssl->sslError, $smtp->ssl->serverCert->isSelfSigned);
$pin = $smtp->ssl->serverCert->fingerprintSha256;
$smtp->disconnect();
$smtp->ssl->pinSha256 = str_repeat('ab', 32);
var_dump($smtp->connect(), $smtp->errCode, $smtp->ssl->sslError);
$smtp->ssl->pinSha256 = $pin;
var_dump($smtp->connect(), $smtp->ssl->sslError);
$smtp->disconnect();
$srv->stop();
?>
--EXPECT--
tls-selfsigned: false errCode=12 sslError=2 specific=set connected=false cert=localhost verifyErrors=["untrusted"]
  sent: ""
tls-unknown-ca: false errCode=12 sslError=2 specific=set connected=false cert=localhost verifyErrors=["untrusted"]
  sent: ""
tls-wronghost: false errCode=12 sslError=5 specific=set connected=false cert=wrong.example verifyErrors=["hostname-mismatch"]
  sent: ""
tls-expired: false errCode=12 sslError=3 specific=set connected=false cert=localhost verifyErrors=["expired"]
  sent: ""
tls-good: true errCode=0 sslError=0 specific=0 connected=true cert=localhost verifyErrors=[]
  sent: "EHLO..QUIT"
bool(true)
int(0)
bool(true)
bool(false)
int(12)
int(2)
bool(true)
int(0)
