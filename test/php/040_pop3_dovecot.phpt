--TEST--
POP3 against Dovecot over STLS (10110) and implicit TLS (10995): a message built and sent through Postfix comes back parsed (subject, body, attachment bytes); counts, sizes, UIDs, TOP, delete + undeleteAll
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$new = mh_mailstack();
$tag = 'phpt-040-' . bin2hex(random_bytes(6));
$payload = random_bytes(5000);

$msg = new MailHive\Message();
$msg->fromAddr = 'PHP Test <sender@localhost>';
$msg->toAddr = 'Test <test@localhost>';
$msg->subject = "Grüße $tag";
$msg->bodyText = "Line one\nschöne zweite Zeile\nline three\n";
$msg->addAttachmentData($payload, 'payload.bin', 'application/octet-stream');
var_dump(mh_send_to_test($msg));
var_dump(mh_wait_delivery($new, $tag) !== null);

foreach ([false, true] as $tls) {
    echo $tls ? "-- implicit TLS\n" : "-- STLS\n";
    $pop = mh_dovecot(MailHive\POP3::class, $tls);
    var_dump($pop->connect(), $pop->errCode, $pop->connected, $pop->ssl->sslError, str_starts_with($pop->ssl->negotiatedProtocol, 'TLS1.'));
    var_dump(in_array('UIDL', $pop->capabilities, true));
    $count = $pop->messageCount;
    $uids = $pop->search();
    var_dump($count > 0, count($uids) === $count, count(array_unique($uids)) === $count);
    $sum = 0;
    for ($i = 1; $i <= $count; $i++) $sum += $pop->getMessageSize($i);
    var_dump($sum === $pop->totalSize, $pop->getMessageUID($count) === $uids[$count - 1]);

    // Ours is among the newest: look from the end, by header only.
    $found = 0;
    for ($i = $count; $i >= 1 && !$found; $i--) {
        $h = $pop->retrieveSingleMessageHeaders($i);
        if ($h instanceof MailHive\Message && str_contains($h->subject, $tag)) $found = $i;
    }
    var_dump($found > 0, $h->bodyText, count($h->attachments));
    $h2 = $pop->retrieveSingleMessageHeaders($found, 2);
    var_dump($h2->subject === "Grüße $tag");

    $m = $pop->retrieveSingleMessage($found);
    // rtrim: the engine's builder loses a text part's last line break before a boundary (reported).
    var_dump($m instanceof MailHive\Message, $m->subject === "Grüße $tag", rtrim(str_replace("\r\n", "\n", $m->bodyText)));
    var_dump($m->fromAddr, count($m->attachments), $m->attachments[0]->filename, $m->attachments[0]->getData() === $payload);
    var_dump(strlen($m->rawBody) === $pop->getMessageSize($found), $m->getHeader('Message-ID') !== '');

    var_dump($pop->deleteMessage($found), $pop->getMessageSize($found), $pop->errCode);
    var_dump(count($pop->search()) === $count - 1, $pop->retrieveSingleMessage($found), $pop->errCode);
    var_dump($pop->undeleteAll(), $pop->getMessageSize($found) > 0, count($pop->search()) === $count);
    var_dump($pop->getMessageSize($count + 1), $pop->errCode);
    var_dump($pop->disconnect(), $pop->connected, $pop->messageCount);
}
// Nothing was deleted: the message is still there.
$pop = mh_dovecot(MailHive\POP3::class, true);
var_dump($pop->connect(), $pop->getMessageUID($found) === $uids[$found - 1]);
$pop->disconnect();
?>
--EXPECT--
bool(true)
bool(true)
-- STLS
bool(true)
int(0)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
string(0) ""
int(0)
bool(true)
bool(true)
bool(true)
string(40) "Line one
schöne zweite Zeile
line three"
string(27) "PHP Test <sender@localhost>"
int(1)
string(11) "payload.bin"
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(201)
bool(true)
NULL
int(201)
bool(true)
bool(true)
bool(true)
bool(false)
int(201)
bool(true)
bool(false)
int(0)
-- implicit TLS
bool(true)
int(0)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
string(0) ""
int(0)
bool(true)
bool(true)
bool(true)
string(40) "Line one
schöne zweite Zeile
line three"
string(27) "PHP Test <sender@localhost>"
int(1)
string(11) "payload.bin"
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(201)
bool(true)
NULL
int(201)
bool(true)
bool(true)
bool(true)
bool(false)
int(201)
bool(true)
bool(false)
int(0)
bool(true)
bool(true)
