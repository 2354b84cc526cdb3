--TEST--
send() over implicit TLS (Postfix 10465) with AUTH PLAIN; serverCert describes the server's certificate
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$new = mh_mailstack();
$tag = 'phpt-011-' . bin2hex(random_bytes(6));

$smtp = new MailHive\SMTP();
$smtp->serverName = '127.0.0.1';
$smtp->portNumber = 10465;
$smtp->timeout = 15;
$smtp->ssl->enabled = true;
$smtp->ssl->expectedHostName = 'localhost';
$smtp->ssl->selectServerCertStore(mh_certs() . '/ca.pem', 1);
$smtp->userName = 'test';
$smtp->password = 'secret';
$smtp->authMethod = MailHive\SMTP::AUTH_PLAIN;
$smtp->fromAddr = 'sender@localhost';
$smtp->toAddr = 'test@localhost';
$smtp->subject = $tag;
$smtp->bodyText = 'implicit TLS';

var_dump($smtp->connect(), $smtp->errCode, $smtp->connected);
var_dump($smtp->send(), $smtp->errCode);
$tag2 = $tag . '-second';
$smtp->subject = $tag2;
var_dump($smtp->send(), $smtp->errCode);   // same connection
var_dump(str_contains($smtp->clientRequest, 'secret'));
$c = $smtp->ssl->serverCert;
var_dump($c instanceof MailHive\Certificate);
var_dump($c->issuedTo, $c->issuedBy, str_contains($c->subject, 'CN=localhost'), str_contains($c->issuer, 'mailhive Test CA'));
var_dump($c->validFrom instanceof DateTimeImmutable, $c->validFrom < new DateTimeImmutable(), $c->validTo > new DateTimeImmutable());
var_dump(in_array('localhost', $c->altNames, true), $c->isSelfSigned, $c->verifyErrors, $c->version);
var_dump(strlen($c->fingerprintSha256), strlen($c->fingerprintSha1), ctype_xdigit($c->serialNumber), $c->publicKeyBits > 0);
var_dump(str_starts_with($c->pem, '-----BEGIN CERTIFICATE-----'));
// The same fingerprint as the file on disk.
$pem = file_get_contents(mh_certs() . '/server.pem');
preg_match('/-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----/s', $pem, $mm);
var_dump(strtolower($c->fingerprintSha256) === hash('sha256', base64_decode($mm[1])));
var_dump($smtp->ssl->negotiatedProtocol !== '', $smtp->ssl->cipherSuite !== '');
var_dump($smtp->disconnect());
var_dump(mh_wait_delivery($new, $tag) !== null, mh_wait_delivery($new, $tag2) !== null);
?>
--EXPECT--
bool(true)
int(0)
bool(true)
bool(true)
int(0)
bool(true)
int(0)
bool(false)
bool(true)
string(9) "localhost"
string(16) "mailhive Test CA"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
array(0) {
}
int(3)
int(64)
int(40)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
