--TEST--
IMAP4: CR, LF or NUL in userName/password (no connection), and in mailbox names, search criteria, flags, message sets, messageSet and LIST root of a connected session -> ValueError at once, no command sent
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$lst = mh_listener($lport);
$imap = mh_h_mailer(MailHive\IMAP4::class, $lport, 'plain');
foreach (['userName' => fn($v) => $imap->userName = "test$v", 'password' => fn($v) => $imap->password = "pw$v"] as $name => $set) {
    $bad = [];
    foreach (["test\r\nA1 DELETE INBOX", "test\nx", "test\rx", "te\0st"] as $v) {
        $r = mh_value_error(fn() => $set($v));
        if ($r !== '') $bad[] = json_encode($v) . " -> $r";
    }
    mh_report($name, null, [implode('; ', $bad) => !$bad]);
}
mh_report('no connection', null, ['something connected' => !mh_pending($lst)]);
fclose($lst);

$srv = new MhHostile('imap', 'plain-good');
$imap->portNumber = $srv->port;
$ok = $imap->connect() && $imap->selectMailbox('INBOX');
mh_report('connect + select', $imap, ['failed' => $ok]);
usleep(100000);
$before = $srv->recorded();
$m = new MailHive\Message();
$m->fromAddr = 'a@localhost'; $m->toAddr = 'test@localhost'; $m->subject = 'x'; $m->bodyText = 'x';
$calls = [
    'selectMailbox' => fn($b) => $imap->selectMailbox("INBOX$b"),
    'examineMailbox' => fn($b) => $imap->examineMailbox("INBOX$b"),
    'createMailbox' => fn($b) => $imap->createMailbox("New$b"),
    'deleteMailbox' => fn($b) => $imap->deleteMailbox("Old$b"),
    'renameMailbox old' => fn($b) => $imap->renameMailbox("Old$b", 'New'),
    'renameMailbox new' => fn($b) => $imap->renameMailbox('Old', "New$b"),
    'copyMessages mailbox' => fn($b) => $imap->copyMessages('1', "Archive$b"),
    'moveMessages mailbox' => fn($b) => $imap->moveMessages('1', "Archive$b"),
    'appendMessage mailbox' => fn($b) => $imap->appendMessage("INBOX$b", $m),
    'search criteria' => fn($b) => $imap->search("SUBJECT \"x$b\""),
    'search criteria (uid)' => fn($b) => $imap->search("ALL$b", true),
    'setFlags flags' => fn($b) => $imap->setFlags('1', "\\Seen$b", MailHive\IMAP4::FLAGS_ADD),
    'setFlags set' => fn($b) => $imap->setFlags("1$b", '\\Seen', MailHive\IMAP4::FLAGS_ADD),
    'copyMessages set' => fn($b) => $imap->copyMessages("1$b", 'Archive'),
    'moveMessages set' => fn($b) => $imap->moveMessages("1$b", 'Archive'),
    'deleteMessages set' => fn($b) => $imap->deleteMessages("1$b"),
    'appendMessage flags' => fn($b) => $imap->appendMessage('INBOX', $m, "\\Seen$b"),
    'retrieveMailboxes root' => fn($b) => $imap->retrieveMailboxes("INBOX$b"),
    'messageSet' => fn($b) => $imap->messageSet = "1$b",
];
foreach ($calls as $name => $call) {
    $bad = [];
    foreach (["\r\nA9 DELETE INBOX", "\nX", "\rX", "\0X"] as $v) {
        $r = mh_value_error(fn() => $call($v));
        if ($r !== '') $bad[] = json_encode($v) . " -> $r";
    }
    mh_report($name, null, [implode('; ', $bad) => !$bad]);
}
usleep(100000);
$after = $srv->recorded();
mh_report('no command sent', $imap, ['sent ' . mh_json(substr($after, strlen($before))) => $after === $before,
    'still connected' => $imap->connected]);
$imap->disconnect();
$rec = $srv->stop();
mh_report('nothing injected', null, ['wire ' . mh_json($rec) => !preg_match('/A9 DELETE|^X/m', $rec)]);
?>
--EXPECT--
userName: ok
password: ok
no connection: ok
connect + select: errCode=0 sslError=0 ok
selectMailbox: ok
examineMailbox: ok
createMailbox: ok
deleteMailbox: ok
renameMailbox old: ok
renameMailbox new: ok
copyMessages mailbox: ok
moveMessages mailbox: ok
appendMessage mailbox: ok
search criteria: ok
search criteria (uid): ok
setFlags flags: ok
setFlags set: ok
copyMessages set: ok
moveMessages set: ok
deleteMessages set: ok
appendMessage flags: ok
retrieveMailboxes root: ok
messageSet: ok
no command sent: errCode=0 sslError=0 ok
nothing injected: ok
