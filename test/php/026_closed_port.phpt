--TEST--
A closed port: errCode 4 (connection refused), false without throwExceptions, MailHive\Exception with it
--EXTENSIONS--
mailhive
--FILE--
<?php
// Bind and close: the port is (almost certainly) closed now.
$sock = stream_socket_server('tcp://127.0.0.1:0');
$port = (int)substr(strrchr(stream_socket_get_name($sock, false), ':'), 1);
fclose($sock);

$smtp = new MailHive\SMTP();
$smtp->serverName = '127.0.0.1';
$smtp->portNumber = $port;
$smtp->timeout = 5;
var_dump($smtp->connect(), $smtp->errCode, $smtp->isError, $smtp->connected, $smtp->errDesc !== '');
$smtp->fromAddr = 'a@localhost';
$smtp->toAddr = 'b@localhost';
var_dump($smtp->send(), $smtp->errCode);   // send() connects first

$smtp->throwExceptions = true;
try {
    $smtp->connect();
} catch (MailHive\Exception $e) {
    var_dump($e->getCode(), $e->errCode, $e->sslError);
}
// disconnect() when not connected succeeds and resets the error properties.
var_dump($smtp->disconnect(), $smtp->errCode, $smtp->isError, $smtp->errDesc);
?>
--EXPECT--
bool(false)
int(4)
bool(true)
bool(false)
bool(true)
bool(false)
int(4)
int(4)
int(4)
int(0)
bool(true)
int(0)
bool(false)
string(0) ""
