--TEST--
IMAP4 against Dovecot over STARTTLS (10143) and implicit TLS (10993): a fresh mailbox, APPEND of built messages, SELECT counters, envelopes, FETCH + parse, SEARCH, STORE flags, COPY, MOVE, delete + EXPUNGE, RENAME, IDLE, DELETE
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
mh_mailstack();

foreach ([false, true] as $tls) {
    echo $tls ? "-- implicit TLS\n" : "-- STARTTLS\n";
    $box = 'phpt-041-' . bin2hex(random_bytes(5));
    $imap = mh_dovecot(MailHive\IMAP4::class, $tls);
    var_dump($imap->connect(), $imap->errCode, $imap->connected, str_starts_with($imap->ssl->negotiatedProtocol, 'TLS1.'));
    var_dump(in_array('IMAP4rev1', $imap->capabilities, true));
    var_dump($imap->createMailbox($box), $imap->createMailbox("$box-copy"));
    $all = $imap->retrieveMailboxes();
    $names = array_map(fn($b) => $b->name, $all);
    var_dump(in_array($box, $names, true), in_array('INBOX', $names, true));
    $delim = $all[array_search('INBOX', $names, true)]->delimiter;
    var_dump(strlen($delim));
    $child = $box . $delim . 'Ünterordner & Co';       // sent as modified UTF-7, listed decoded
    var_dump($imap->createMailbox($child));
    $mine = $imap->retrieveMailboxes($box);
    var_dump(count($mine), $mine[0]->name === $child, $mine[0]->delimiter === $delim, is_array($mine[0]->flags));

    $payloads = [];
    for ($k = 1; $k <= 3; $k++) {
        $m = new MailHive\Message();
        $m->fromAddr = 'Jörg Sender <sender@localhost>';
        $m->toAddr = 'test@localhost';
        $m->subject = "Grüße Nr. $k ✓";
        $m->bodyText = "Body $k\nzweite Zeile\n";
        $payloads[$k] = random_bytes(1000 * $k);
        $m->addAttachmentData($payloads[$k], "file$k.bin", 'application/octet-stream');
        if (!$imap->appendMessage($box, $m, $k === 1 ? '\\Flagged' : '')) echo "append $k failed: {$imap->errDesc}\n";
    }
    var_dump($imap->appendMessage($box, "Subject: raw\r\n\r\nraw text\r\n"));
    var_dump($imap->selectMailbox($box), $imap->messageCount, $imap->uidValidity > 0, $imap->uidNext);

    $env = $imap->retrieveEnvelopes(1);
    var_dump(count($env));
    foreach ($env as $e) echo "{$e->messageNumber} {$e->uid} {$e->subject} | {$e->fromAddr} | {$e->toAddr} | ", implode(' ', $e->flags), "\n";
    var_dump($env[0]->size > 1000, $env[0]->date !== '', str_starts_with($env[0]->messageId, '<'));
    $imap->messageSet = '2,4';
    var_dump(array_map(fn($e) => $e->messageNumber, $imap->retrieveEnvelopes(-1)));
    var_dump(count($imap->retrieveEnvelopes($env[1]->uid, $env[2]->uid, true)));

    $m2 = $imap->retrieveSingleMessage(2);
    // rtrim: the engine's builder loses a text part's last line break before a boundary (reported).
    var_dump($m2->subject, rtrim(str_replace("\r\n", "\n", $m2->bodyText)), $m2->attachments[0]->filename,
             $m2->attachments[0]->getData() === $payloads[2]);
    $byUid = $imap->retrieveSingleMessage($env[2]->uid, true);
    var_dump($byUid->attachments[0]->getData() === $payloads[3]);
    $h = $imap->retrieveSingleMessageHeaders(1);
    var_dump($h->subject, count($h->attachments), $imap->retrieveSingleMessage(99), $imap->errCode);

    var_dump($imap->search(), $imap->search('FLAGGED'), $imap->search('SUBJECT "raw"'));
    var_dump($imap->search('ALL', true) === array_map(fn($e) => $e->uid, $env));
    var_dump($imap->search('NOSUCHKEY'), $imap->errCode);

    var_dump($imap->setFlags('1:2', '\\Seen', MailHive\IMAP4::FLAGS_ADD));
    $fl = array_map(fn($e) => in_array('\\Seen', $e->flags, true), $imap->retrieveEnvelopes(1, 3));
    var_dump($fl, $imap->search('SEEN'));
    var_dump($imap->setFlags('1', '\\Seen', MailHive\IMAP4::FLAGS_REMOVE), $imap->search('SEEN'));
    var_dump($imap->setFlags((string)$env[2]->uid, '\\Answered', MailHive\IMAP4::FLAGS_REPLACE, true), $imap->search('ANSWERED'));

    var_dump($imap->copyMessages('1', "$box-copy"), $imap->messageCount);
    var_dump($imap->moveMessages('4', "$box-copy"), $imap->messageCount, $imap->search());
    var_dump($imap->deleteMessages('3'), $imap->search('DELETED'), $imap->expunge(), $imap->messageCount, $imap->search());

    var_dump($imap->examineMailbox("$box-copy"), $imap->messageCount);
    $copied = $imap->retrieveEnvelopes(1);
    var_dump(array_map(fn($e) => $e->subject, $copied));
    var_dump($imap->deleteMessages('1'), $imap->errCode);    // EXAMINE is read-only
    var_dump($imap->selectMailbox('no-such-' . $box), $imap->errCode, $imap->messageCount);

    var_dump($imap->selectMailbox($box), $imap->idle(1), $imap->errCode, $imap->connected);
    var_dump($imap->renameMailbox("$box-copy", "$box-renamed"));
    $names = array_map(fn($b) => $b->name, $imap->retrieveMailboxes());
    var_dump(in_array("$box-renamed", $names, true), in_array("$box-copy", $names, true));

    var_dump($imap->selectMailbox('INBOX'));
    var_dump($imap->deleteMailbox($child), $imap->deleteMailbox($box), $imap->deleteMailbox("$box-renamed"));
    var_dump($imap->deleteMailbox($box), $imap->errCode);
    $names = array_map(fn($b) => $b->name, $imap->retrieveMailboxes());
    var_dump(count(array_filter($names, fn($n) => str_starts_with($n, $box))));
    var_dump($imap->disconnect(), $imap->connected);
}
?>
--EXPECT--
-- STARTTLS
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
bool(true)
int(1)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(4)
bool(true)
int(5)
int(4)
1 1 Grüße Nr. 1 ✓ | Jörg Sender <sender@localhost> | test@localhost | \Flagged \Recent
2 2 Grüße Nr. 2 ✓ | Jörg Sender <sender@localhost> | test@localhost | \Recent
3 3 Grüße Nr. 3 ✓ | Jörg Sender <sender@localhost> | test@localhost | \Recent
4 4 raw |  |  | \Recent
bool(true)
bool(true)
bool(true)
array(2) {
  [0]=>
  int(2)
  [1]=>
  int(4)
}
int(2)
string(17) "Grüße Nr. 2 ✓"
string(19) "Body 2
zweite Zeile"
string(9) "file2.bin"
bool(true)
bool(true)
string(17) "Grüße Nr. 1 ✓"
int(0)
NULL
int(201)
array(4) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
  [3]=>
  int(4)
}
array(1) {
  [0]=>
  int(1)
}
array(1) {
  [0]=>
  int(4)
}
bool(true)
bool(false)
int(203)
bool(true)
array(3) {
  [0]=>
  bool(true)
  [1]=>
  bool(true)
  [2]=>
  bool(false)
}
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
bool(true)
array(1) {
  [0]=>
  int(2)
}
bool(true)
array(1) {
  [0]=>
  int(3)
}
bool(true)
int(4)
bool(true)
int(3)
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
bool(true)
array(1) {
  [0]=>
  int(3)
}
bool(true)
int(2)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
bool(true)
int(2)
array(2) {
  [0]=>
  string(17) "Grüße Nr. 1 ✓"
  [1]=>
  string(3) "raw"
}
bool(false)
int(202)
bool(false)
int(204)
int(0)
bool(true)
bool(false)
int(0)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(204)
int(0)
bool(true)
bool(false)
-- implicit TLS
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
bool(true)
int(1)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(4)
bool(true)
int(5)
int(4)
1 1 Grüße Nr. 1 ✓ | Jörg Sender <sender@localhost> | test@localhost | \Flagged \Recent
2 2 Grüße Nr. 2 ✓ | Jörg Sender <sender@localhost> | test@localhost | \Recent
3 3 Grüße Nr. 3 ✓ | Jörg Sender <sender@localhost> | test@localhost | \Recent
4 4 raw |  |  | \Recent
bool(true)
bool(true)
bool(true)
array(2) {
  [0]=>
  int(2)
  [1]=>
  int(4)
}
int(2)
string(17) "Grüße Nr. 2 ✓"
string(19) "Body 2
zweite Zeile"
string(9) "file2.bin"
bool(true)
bool(true)
string(17) "Grüße Nr. 1 ✓"
int(0)
NULL
int(201)
array(4) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
  [3]=>
  int(4)
}
array(1) {
  [0]=>
  int(1)
}
array(1) {
  [0]=>
  int(4)
}
bool(true)
bool(false)
int(203)
bool(true)
array(3) {
  [0]=>
  bool(true)
  [1]=>
  bool(true)
  [2]=>
  bool(false)
}
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
bool(true)
array(1) {
  [0]=>
  int(2)
}
bool(true)
array(1) {
  [0]=>
  int(3)
}
bool(true)
int(4)
bool(true)
int(3)
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(2)
  [2]=>
  int(3)
}
bool(true)
array(1) {
  [0]=>
  int(3)
}
bool(true)
int(2)
array(2) {
  [0]=>
  int(1)
  [1]=>
  int(2)
}
bool(true)
int(2)
array(2) {
  [0]=>
  string(17) "Grüße Nr. 1 ✓"
  [1]=>
  string(3) "raw"
}
bool(false)
int(202)
bool(false)
int(204)
int(0)
bool(true)
bool(false)
int(0)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(204)
int(0)
bool(true)
bool(false)
