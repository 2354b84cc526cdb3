--TEST--
selectServerCertStore: a missing file gives false and sslError 11; a good one true; bad arguments throw
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$s = new MailHive\SMTP();
var_dump($s->ssl->selectServerCertStore('/nonexistent/mailhive/ca.pem', 1));
var_dump($s->ssl->sslError, $s->ssl->sslSpecificError < 0);
var_dump($s->ssl->selectServerCertStore(mh_certs() . '/ca.pem', 1));
var_dump($s->ssl->sslError, $s->ssl->sslSpecificError);
var_dump($s->ssl->selectServerCertStore('ROOT', 0));
try { $s->ssl->selectServerCertStore('x', 7); } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
// Client certificates: a missing one gives sslError 10 and no clientCert.
var_dump($s->ssl->selectClientCert('/nonexistent/client.p12', 'pw'), $s->ssl->sslError, $s->ssl->clientCert);
var_dump($s->ssl->selectClientCert(mh_certs() . '/client.p12', 'wrong-password'), $s->ssl->sslError);
var_dump($s->ssl->selectClientCert(mh_certs() . '/client.p12', 'p12pass'), $s->ssl->sslError);
var_dump($s->ssl->clientCert instanceof MailHive\Certificate, $s->ssl->clientCert->issuedBy);
var_dump($s->ssl->selectClientCert(''), $s->ssl->clientCert);
?>
--EXPECT--
bool(false)
int(11)
bool(true)
bool(true)
int(0)
int(0)
bool(true)
MailHive\SSL::selectServerCertStore(): Argument #2 ($storeType) must be 0 (system store) or 1 (file or directory)
bool(false)
int(10)
NULL
bool(false)
int(10)
bool(true)
int(0)
bool(true)
string(16) "mailhive Test CA"
bool(true)
NULL
