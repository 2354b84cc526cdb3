--TEST--
throwExceptions = true: a failure throws MailHive\Exception (getCode() = errCode, message = errDesc, sslError, serverResponse)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$srv = new MhScripted('no-starttls');
$smtp = mh_smtp_for($srv, false);
$smtp->ssl->enabled = true;
$smtp->ssl->useStartTls = true;
$smtp->throwExceptions = true;
try {
    $smtp->connect();
    echo "no exception\n";
} catch (MailHive\Exception $e) {
    var_dump($e instanceof RuntimeException, $e->getCode(), $e->errCode, $e->sslError);
    var_dump($e->getMessage() === $smtp->errDesc, $e->getMessage() !== '');
    var_dump($e->serverResponse === $smtp->serverResponse, str_contains($e->serverResponse, '250'));
}
var_dump($smtp->errCode, $smtp->isError);
$srv->stop();

// Bad arguments throw ValueError, not MailHive\Exception, and whatever throwExceptions says.
$smtp->throwExceptions = false;
try { $smtp->domain = "a\nb"; } catch (ValueError $e) { echo "ValueError\n"; }
?>
--EXPECT--
bool(true)
int(11)
int(11)
int(9)
bool(true)
bool(true)
bool(true)
bool(true)
int(11)
bool(true)
ValueError
