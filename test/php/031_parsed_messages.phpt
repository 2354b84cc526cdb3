--TEST--
rawBody = ... parses (nested multipart, Latin-1, missing final boundary, odd input never throws); rawBody of an unchanged parsed message is the original bytes; importFromFile; attachments of parsed messages
--EXTENSIONS--
mailhive
--FILE--
<?php
$png = random_bytes(700);
$nested = "From: =?utf-8?q?J=C3=B6rg?= <jorg@example.com>\r\nTo: a@example.org, \"Last, First\" <b@example.org>\r\n"
    . "Subject: =?utf-8?b?" . base64_encode('Grüße ✓') . "?=\r\nDate: Mon, 2 Jan 2023 10:00:00 +0000\r\n"
    . "Message-ID: <nested@example.com>\r\nX-Priority: 2\r\nX-Custom: hello world\r\nMIME-Version: 1.0\r\n"
    . "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\npreamble\r\n--outer\r\n"
    . "Content-Type: multipart/related; boundary=\"rel\"\r\n\r\n--rel\r\n"
    . "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n--alt\r\n"
    . "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nPlain =C3=BC\r\n--alt\r\n"
    . "Content-Type: text/html; charset=utf-8\r\n\r\n<p>HTML \xC3\xBC <img src=\"cid:logo\"></p>\r\n--alt--\r\n--rel\r\n"
    . "Content-Type: image/png\r\nContent-ID: <logo>\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    . chunk_split(base64_encode($png), 76, "\r\n") . "--rel--\r\n--outer\r\n"
    . "Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.bin\r\n"
    . "Content-Transfer-Encoding: base64\r\n\r\n" . base64_encode("\x00\x01\x02zz") . "\r\n--outer--\r\nepilogue\r\n";
$latin1 = "From: caf\xE9 <c@example.com>\nSubject: =?iso-8859-1?q?caf=E9_cr=E8me?=\nContent-Type: text/plain; charset=iso-8859-1\n\n"
    . "Cr\xE8me br\xFBl\xE9e\n";
$noFinal = "Subject: cut\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n"
    . "--b\r\nContent-Type: text/csv; name=t.csv\r\n\r\na,b\r\n1,2\r\n";
$deep = "Subject: deep\r\n";
for ($d = 0; $d < 70; $d++) $deep .= "Content-Type: multipart/mixed; boundary=d$d\r\n\r\n--d$d\r\n";
$deep .= "Content-Type: text/plain\r\n\r\nbottom\r\n";
$rfc822 = "Subject: fwd\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
    . "--x\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\ninner body\r\n--x--\r\n";
$odd = [
    '', "\r\n", "no header at all", "Subject: only a header", str_repeat("X-Long: " . str_repeat('a', 5000) . "\r\n", 3) . "\r\nbody",
    "Content-Type: multipart/mixed\r\n\r\nno boundary parameter", "Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!",
    "Subject: =?utf-8?q?broken", random_bytes(2000), "Content-Type: text/plain; charset=x-unknown\r\n\r\n\xff\xfe",
    str_repeat("--b\r\n", 100), $deep, $rfc822,
];

$m = new MailHive\Message();
$m->rawBody = $nested;
var_dump($m->fromAddr, $m->toAddr, $m->subject, $m->date, $m->messageId, $m->priority);
var_dump($m->bodyFormat === MailHive\Message::FORMAT_HTML, str_contains($m->bodyText, 'HTML ü'), $m->altBodyText);
var_dump(count($m->attachments));
foreach ($m->attachments as $a) var_dump($a->filename, $a->contentType, $a->contentId, $a->size);
var_dump($m->attachments[0]->getData() === $png, $m->attachments[1]->getData() === "\x00\x01\x02zz");
var_dump($m->getHeader('X-Custom'), $m->getHeader('x-priority'), $m->getHeader('Subject'));
var_dump($m->rawBody === $nested);              // unchanged: the original bytes
$f = tempnam(sys_get_temp_dir(), 'mh031');
var_dump($m->attachments[0]->saveFile($f), file_get_contents($f) === $png);

$c = clone $m;
var_dump($c->rawBody === $nested);
$c->subject = 'changed';                         // changed: built anew
$built = $c->rawBody;
var_dump($built !== $nested, str_contains($built, 'Subject: changed'), $m->rawBody === $nested);
$c->setHeader('X-Custom', '');                   // removing a header drops the parsed one too
var_dump($c->getHeader('X-Custom'));
$back = new MailHive\Message();
$back->rawBody = $built;
var_dump($back->subject, count($back->attachments), $back->attachments[0]->getData() === $png);

$l = new MailHive\Message();
$l->rawBody = $latin1;
var_dump($l->fromAddr, $l->subject, $l->bodyText, $l->charset, $l->rawBody === $latin1);

$n = new MailHive\Message();
$n->rawBody = $noFinal;
var_dump($n->subject, $n->bodyText, count($n->attachments), $n->attachments[0]->filename ?? null, $n->attachments[0]->getData() ?? null);

$ok = 0;
foreach ($odd as $k => $text) {
    $o = new MailHive\Message();
    $o->rawBody = $text;
    if ($o->rawBody !== $text && $text !== '') echo "odd #$k: rawBody differs\n";
    $o->subject .= '!';                           // building a parsed odd message works too
    $o->rawBody = $o->rawBody;
    $ok++;
}
var_dump($ok === count($odd));
$o = new MailHive\Message();
$o->rawBody = $rfc822;
var_dump($o->bodyText, $o->attachments[0]->filename, $o->attachments[0]->contentType);

file_put_contents($f, $nested);
$i = new MailHive\Message();
var_dump($i->importFromFile($f), $i->subject, $i->rawBody === $nested);
unlink($f);
try { $i->importFromFile($f); } catch (MailHive\Exception $e) { var_dump($e->getCode(), $i->subject); }
try { $i->importFromFile('/'); } catch (MailHive\Exception $e) { var_dump($e->getCode()); }
?>
--EXPECT--
string(24) "Jörg <jorg@example.com>"
string(44) "a@example.org, "Last, First" <b@example.org>"
string(11) "Grüße ✓"
string(30) "Mon, 2 Jan 2023 10:00:00 +0000"
string(20) "<nested@example.com>"
int(2)
bool(true)
bool(true)
string(8) "Plain ü"
int(2)
string(9) "part1.png"
string(9) "image/png"
string(4) "logo"
int(700)
string(12) "résumé.bin"
string(24) "application/octet-stream"
string(0) ""
int(5)
bool(true)
bool(true)
string(11) "hello world"
string(1) "2"
string(11) "Grüße ✓"
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
string(0) ""
string(7) "changed"
int(2)
bool(true)
string(21) "café <c@example.com>"
string(12) "café crème"
string(17) "Crème brûlée
"
string(10) "iso-8859-1"
bool(true)
string(3) "cut"
string(5) "first"
int(1)
string(5) "t.csv"
string(10) "a,b
1,2
"
bool(true)
string(9) "see below"
string(9) "inner.eml"
string(14) "message/rfc822"
bool(true)
string(11) "Grüße ✓"
bool(true)
int(301)
string(11) "Grüße ✓"
int(301)
