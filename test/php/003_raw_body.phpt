--TEST--
rawBody: RFC 2047 encoded UTF-8 subject, no Bcc header, CRLF lines, attachments in base64
--EXTENSIONS--
mailhive
--FILE--
<?php
$m = new MailHive\Message();
$m->fromAddr = 'Jöe Sender <joe@example.com>';
$m->toAddr = 'Bill <bill@example.org>, ann@example.org';
$m->bccAddr = 'hidden@example.net';
$m->subject = 'Grüße aus Köln ✓';
$m->bodyText = "Hallo Bill,\nschöne Grüße.\n";
$m->setHeader('X-Mailer-Test', 'phpt');
$m->addAttachmentData("binary\0data\xff", 'data.bin', 'application/octet-stream');
$raw = $m->rawBody;

preg_match('/^Subject: (.*(?:\r\n[ \t].*)*)/mi', $raw, $subj);
var_dump(isset($subj[1]) && str_starts_with($subj[1], '=?'));            // encoded word
var_dump(iconv_mime_decode(str_replace("\r", '', $subj[1]), 0, 'UTF-8') === 'Grüße aus Köln ✓');
var_dump((bool)preg_match('/^bcc:/mi', $raw), str_contains($raw, 'hidden@example.net'));
var_dump((bool)preg_match('/^To: .*bill@example\.org/m', $raw));
var_dump((bool)preg_match('/^X-Mailer-Test: phpt\r$/m', $raw));
var_dump((bool)preg_match("/(?<!\r)\n/", $raw));                          // every line ends in CRLF
var_dump(str_contains($raw, base64_encode("binary\0data\xff")));
var_dump(str_contains($raw, 'filename="data.bin"') || str_contains($raw, 'filename=data.bin'));
var_dump($m->getHeader('Subject'), $m->getHeader('x-mailer-test'), $m->getHeader('Bcc'));
// Setting rawBody parses it: the built text comes back as the same message.
$p = new MailHive\Message();
$p->rawBody = $raw;
var_dump($p->subject, $p->getHeader('x-mailer-test'), $p->attachments[0]->getData() === "binary\0data\xff");
var_dump($p->rawBody === $raw, isset($m->rawBody));
try { $p->rawBody = 42; } catch (TypeError $e) { echo get_class($e), "\n"; }
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
string(21) "Grüße aus Köln ✓"
string(4) "phpt"
string(0) ""
string(21) "Grüße aus Köln ✓"
string(4) "phpt"
bool(true)
bool(true)
bool(true)
TypeError
