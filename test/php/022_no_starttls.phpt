--TEST--
useStartTls against a server that does not offer STARTTLS: errCode 11, sslError 9, only EHLO was sent (no AUTH, no mail)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$srv = new MhScripted('no-starttls');
$smtp = mh_smtp_for($srv, false);
$smtp->ssl->enabled = true;
$smtp->ssl->useStartTls = true;
$smtp->domain = 'client.test';
$smtp->userName = 'test';
$smtp->password = 'secret';
$smtp->fromAddr = 'a@localhost';
$smtp->toAddr = 'test@localhost';
$smtp->subject = 'must never be sent';
var_dump($smtp->send());
var_dump($smtp->errCode, $smtp->isError, $smtp->ssl->sslError, $smtp->connected);
var_dump(str_contains($smtp->serverResponse, '250'), $smtp->errDesc !== '');
$sent = $srv->stop();
echo json_encode($sent), "\n";
?>
--EXPECT--
bool(false)
int(11)
bool(true)
int(9)
bool(false)
bool(true)
bool(true)
"EHLO client.test\r\n"
