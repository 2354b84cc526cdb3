--TEST--
Constants, defaults, property types and phpinfo of the mailhive extension
--EXTENSIONS--
mailhive
--FILE--
<?php
use MailHive\{SMTP, SSL, Message};

var_dump(SMTP::AUTH_NONE, SMTP::AUTH_AUTO, SMTP::AUTH_LOGIN, SMTP::AUTH_PLAIN, SMTP::AUTH_CRAM_MD5, SMTP::AUTH_XOAUTH2);
var_dump(SSL::PROTOCOL_AUTO, SSL::PROTOCOL_TLS10, SSL::PROTOCOL_TLS11, SSL::PROTOCOL_TLS12, SSL::PROTOCOL_TLS13);
var_dump(Message::FORMAT_TEXT, Message::FORMAT_HTML);

$s = new SMTP();
foreach (['serverName', 'portNumber', 'userName', 'password', 'authMethod', 'domain', 'timeout', 'deadline',
          'allowRefusedRecipients', 'enableLogging', 'logFilePath', 'throwExceptions', 'licenseKey',
          'isError', 'errCode', 'errDesc', 'serverResponse', 'clientRequest', 'connected', 'busy',
          'refusedRecipients', 'serverCapabilities'] as $p) {
    echo $p, ' = ', json_encode($s->$p), "\n";
}
foreach (['enabled', 'useStartTls', 'autosetPortAndSsl', 'protocol', 'verifyServerCert', 'expectedHostName',
          'pinSha256', 'sslError', 'sslSpecificError', 'negotiatedProtocol', 'cipherSuite', 'serverCert', 'clientCert'] as $p) {
    echo 'ssl.', $p, ' = ', json_encode($s->ssl->$p), "\n";
}
$m = $s->message;
var_dump($m instanceof Message, $m->charset, $m->bodyFormat, $m->priority, $m->attachments);

// Shortcuts are the message's own properties.
$s->subject = 'shortcut';
$s->bodyFormat = Message::FORMAT_HTML;
var_dump($m->subject, $m->bodyFormat, isset($s->subject));
$m->toAddr = 'x@y.z';
var_dump($s->toAddr);
$other = new Message();
$other->subject = 'other';
$s->message = $other;
var_dump($s->subject);

// Result properties and ssl are read-only.
foreach (['errCode' => 3, 'isError' => true, 'connected' => true, 'ssl' => null] as $p => $v) {
    try { $s->$p = $v; } catch (Error $e) { echo get_class($e), ': ', $e->getMessage(), "\n"; }
}
try { $s->ssl->sslError = 1; } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { $s->message = 'text'; } catch (TypeError $e) { echo "TypeError\n"; }
try { $s->authMethod = 9; } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
try { $s->ssl->protocol = 7; } catch (ValueError $e) { echo $e->getMessage(), "\n"; }
try { unset($s->serverName); } catch (Error $e) { echo $e->getMessage(), "\n"; }
try { $s->noSuchProperty = 1; } catch (Error $e) { echo $e->getMessage(), "\n"; }

// The password never shows in var_dump/print_r.
$s->password = 'hunter2';
var_dump(str_contains(print_r($s, true), 'hunter2'), $s->password);

ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
var_dump((bool)preg_match('/mailhive support => enabled/', $info));
var_dump((bool)preg_match('/GnuTLS => \d+\.\d+\.\d+/', $info));
var_dump((bool)preg_match('/Version => \d+\.\d+\.\d+/', $info), phpversion('mailhive') !== false);
?>
--EXPECT--
int(0)
int(1)
int(2)
int(3)
int(4)
int(5)
int(0)
int(1)
int(2)
int(3)
int(4)
int(0)
int(1)
serverName = ""
portNumber = 25
userName = ""
password = ""
authMethod = 1
domain = ""
timeout = 30
deadline = 0
allowRefusedRecipients = false
enableLogging = false
logFilePath = ""
throwExceptions = false
licenseKey = ""
isError = false
errCode = 0
errDesc = ""
serverResponse = ""
clientRequest = ""
connected = false
busy = false
refusedRecipients = []
serverCapabilities = []
ssl.enabled = false
ssl.useStartTls = false
ssl.autosetPortAndSsl = true
ssl.protocol = 0
ssl.verifyServerCert = true
ssl.expectedHostName = ""
ssl.pinSha256 = ""
ssl.sslError = 0
ssl.sslSpecificError = 0
ssl.negotiatedProtocol = ""
ssl.cipherSuite = ""
ssl.serverCert = null
ssl.clientCert = null
bool(true)
string(5) "utf-8"
int(0)
int(0)
array(0) {
}
string(8) "shortcut"
int(1)
bool(true)
string(5) "x@y.z"
string(5) "other"
Error: Cannot modify readonly property MailHive\SMTP::$errCode
Error: Cannot modify readonly property MailHive\SMTP::$isError
Error: Cannot modify readonly property MailHive\SMTP::$connected
Error: Cannot modify readonly property MailHive\SMTP::$ssl
Cannot modify readonly property MailHive\SSL::$sslError
TypeError
MailHive\SMTP::$authMethod must be one of the MailHive\SMTP::AUTH_* constants
MailHive\SSL::$protocol must be one of the MailHive\SSL::PROTOCOL_* constants
Cannot unset MailHive\SMTP::$serverName
Cannot create dynamic property MailHive\SMTP::$noSuchProperty
bool(false)
string(7) "hunter2"
bool(true)
bool(true)
bool(true)
bool(true)
