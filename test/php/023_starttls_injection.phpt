--TEST--
STARTTLS injection (forged lines in the same packet as the 220): sslError 13, connection dropped, nothing after STARTTLS
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$srv = new MhScripted('starttls-injection');
$smtp = mh_smtp_for($srv, false);
$smtp->ssl->enabled = true;
$smtp->ssl->useStartTls = true;
$smtp->domain = 'client.test';
$smtp->userName = 'test';
$smtp->password = 'secret';
var_dump($smtp->connect());
var_dump($smtp->errCode, $smtp->ssl->sslError, $smtp->connected);
$sent = $srv->stop();
echo json_encode($sent), "\n";
?>
--EXPECT--
bool(false)
int(12)
int(13)
bool(false)
"EHLO client.test\r\nSTARTTLS\r\n"
