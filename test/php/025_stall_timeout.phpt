--TEST--
A server that never answers: timeout = 1 gives errCode 5 after about a second; deadline bounds the whole call too
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$srv = new MhScripted('stall');
$smtp = mh_smtp_for($srv, false);
$smtp->timeout = 1;
$t = microtime(true);
var_dump($smtp->connect());
$elapsed = microtime(true) - $t;
var_dump($smtp->errCode, $smtp->connected, $elapsed >= 0.9 && $elapsed < 5);

$smtp->timeout = 30;
$smtp->deadline = 1;
$t = microtime(true);
var_dump($smtp->connect(), $smtp->errCode);
$elapsed = microtime(true) - $t;
var_dump($elapsed >= 0.9 && $elapsed < 5);
$srv->stop();
?>
--EXPECT--
bool(false)
int(5)
bool(false)
bool(true)
bool(false)
int(5)
bool(true)
