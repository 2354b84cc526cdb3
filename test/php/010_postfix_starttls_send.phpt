--TEST--
send() over STARTTLS (Postfix 10025) with AUTH and the test CA: the delivered file has the subject, the attachment, no Bcc
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$new = mh_mailstack();
$tag = 'phpt-010-' . bin2hex(random_bytes(6));

$smtp = new MailHive\SMTP();
$smtp->serverName = '127.0.0.1';
$smtp->portNumber = 10025;
$smtp->timeout = 15;
$smtp->ssl->enabled = true;
$smtp->ssl->useStartTls = true;
$smtp->ssl->expectedHostName = 'localhost';
var_dump($smtp->ssl->selectServerCertStore(mh_certs() . '/ca.pem', 1));
$smtp->userName = 'test';
$smtp->password = 'secret';
$smtp->authMethod = MailHive\SMTP::AUTH_LOGIN;
$smtp->fromAddr = 'PHP Test <sender@localhost>';
$smtp->toAddr = 'Test <test@localhost>';
$smtp->bccAddr = 'hidden-bcc@example.org';
$smtp->subject = "Grüße $tag";
$smtp->bodyText = "Hello from the PHPT suite.\n";
$payload = random_bytes(3000);
$smtp->message->addAttachmentData($payload, 'payload.bin', 'application/octet-stream');

var_dump($smtp->send());
var_dump($smtp->errCode, $smtp->isError, $smtp->errDesc);
var_dump((bool)preg_match('/^250 /', $smtp->serverResponse));
var_dump($smtp->connected, in_array('AUTH PLAIN LOGIN', $smtp->serverCapabilities, true));
var_dump(str_starts_with($smtp->ssl->negotiatedProtocol, 'TLS1.'), $smtp->ssl->sslError);
var_dump($smtp->disconnect(), $smtp->connected);

$text = mh_wait_delivery($new, $tag);
var_dump($text !== null);
$text = str_replace("\r\n", "\n", (string)$text);
[$head] = explode("\n\n", $text, 2);
var_dump((bool)preg_match('/^Subject: =\?UTF-8\?/mi', $head));
var_dump(str_contains(iconv_mime_decode_headers($head, 0, 'UTF-8')['Subject'] ?? '', "Grüße $tag"));
var_dump((bool)preg_match('/^Bcc:/mi', $head), str_contains($text, 'hidden-bcc'));
var_dump(str_contains(str_replace("\n", '', $text), base64_encode($payload)));
var_dump((bool)preg_match('/^Received: .*\n?.*with ESMTPS?A/mi', $head) || str_contains($head, 'ESMTPSA'));
?>
--EXPECT--
bool(true)
bool(true)
int(0)
bool(false)
string(0) ""
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(true)
bool(true)
