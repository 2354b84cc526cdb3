--TEST--
POP3 and IMAP4 without a server: constants, defaults, ValueError before anything is sent, errCode 1 when not connected, read-only results
--EXTENSIONS--
mailhive
--FILE--
<?php
function ve(callable $f): void {
    try { $f(); echo "no error\n"; }
    catch (ValueError $e) { echo "ValueError: ", $e->getMessage(), "\n"; }
    catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
$p = new MailHive\POP3();
var_dump(MailHive\POP3::AUTH_AUTO, MailHive\POP3::AUTH_USER, MailHive\POP3::AUTH_APOP, MailHive\POP3::AUTH_SASL_PLAIN);
var_dump($p->portNumber, $p->authMethod, $p->timeout, $p->connected, $p->messageCount, $p->totalSize, $p->capabilities, $p->ssl->enabled);
$i = new MailHive\IMAP4();
var_dump(MailHive\IMAP4::AUTH_AUTO, MailHive\IMAP4::AUTH_LOGIN, MailHive\IMAP4::AUTH_PLAIN, MailHive\IMAP4::AUTH_XOAUTH2);
var_dump(MailHive\IMAP4::FLAGS_ADD, MailHive\IMAP4::FLAGS_REMOVE, MailHive\IMAP4::FLAGS_REPLACE);
var_dump($i->portNumber, $i->messageCount, $i->recentCount, $i->uidValidity, $i->uidNext, $i->messageSet);

echo "-- POP3 bad values\n";
ve(fn() => $p->getMessageSize(0));
ve(fn() => $p->getMessageUID(-1));
ve(fn() => $p->retrieveSingleMessage(0));
ve(fn() => $p->retrieveSingleMessageHeaders(1, -1));
ve(fn() => $p->deleteMessage(-3));
ve(function () use ($p) { $p->serverName = "pop.example.com\r\nUSER x"; });
ve(function () use ($p) { $p->authMethod = 5; });
ve(fn() => $p->messageCount = 3);
var_dump($p->serverName, $p->authMethod);

echo "-- IMAP4 bad values\n";
ve(function () use ($i) { $i->authMethod = 4; });
ve(function () use ($i) { $i->messageSet = "1:5\r\nA1 LOGOUT"; });
ve(fn() => $i->selectMailbox("INBOX\r\nA1 DELETE INBOX"));
ve(fn() => $i->createMailbox("a\0b"));
ve(fn() => $i->renameMailbox("a", "b\n"));
ve(fn() => $i->retrieveMailboxes("x\r"));
ve(fn() => $i->search("ALL\r\nA1 LOGOUT"));
ve(fn() => $i->setFlags("1", "\\Seen\r\n", MailHive\IMAP4::FLAGS_ADD));
ve(fn() => $i->setFlags("1", "\\Seen", 7));
ve(fn() => $i->setFlags("1\n", "\\Seen", 1));
ve(fn() => $i->copyMessages("1", "Trash\r\n"));
ve(fn() => $i->moveMessages("1\r", "Trash"));
ve(fn() => $i->deleteMessages("1\0"));
ve(fn() => $i->appendMessage("IN\nBOX", "Subject: x\r\n\r\nx\r\n"));
ve(fn() => $i->appendMessage("INBOX", "Subject: x\r\n\r\nx\r\n", "\\Seen\r\n"));
ve(fn() => $i->retrieveEnvelopes(0));
ve(fn() => $i->retrieveEnvelopes(1, 0));
ve(fn() => $i->retrieveEnvelopes(-1));
ve(fn() => $i->retrieveSingleMessage(0));
ve(fn() => $i->retrieveSingleMessageHeaders(-5, true));
ve(fn() => $i->idle(0));
ve(fn() => $i->uidNext = 1);

echo "-- not connected\n";
var_dump($p->getMessageSize(1), $p->errCode, $p->isError);
var_dump($p->search(), $p->retrieveSingleMessage(1), $p->errCode);
var_dump($i->selectMailbox('INBOX'), $i->errCode, $i->retrieveEnvelopes(1), $i->retrieveSingleMessage(1));
var_dump($p->disconnect(), $i->disconnect(), $i->errCode);
$i->throwExceptions = true;
try { $i->search(); } catch (MailHive\Exception $e) { var_dump(get_class($e), $e->getCode(), $e->errCode); }

echo "-- objects\n";
ve(fn() => new MailHive\Envelope());
ve(fn() => new MailHive\Mailbox());
ve(fn() => clone $p);
ve(fn() => serialize($i));
$p->password = 'hunter2';
var_dump(str_contains(print_r($p, true), 'hunter2'), str_contains(print_r($p, true), '********'));
$p->abort();
$i->abort();
var_dump($p->connected, $i->connected);
?>
--EXPECT--
int(1)
int(2)
int(3)
int(4)
int(110)
int(1)
int(30)
bool(false)
int(0)
int(0)
array(0) {
}
bool(false)
int(1)
int(2)
int(3)
int(5)
int(1)
int(2)
int(3)
int(143)
int(0)
int(0)
int(0)
int(0)
string(0) ""
-- POP3 bad values
ValueError: MailHive\POP3::getMessageSize(): Argument #1 ($index) must be a message index >= 1
ValueError: MailHive\POP3::getMessageUID(): Argument #1 ($index) must be a message index >= 1
ValueError: MailHive\POP3::retrieveSingleMessage(): Argument #1 ($index) must be a message index >= 1
ValueError: MailHive\POP3::retrieveSingleMessageHeaders(): Argument #2 ($bodyLines) must be a number of lines >= 0
ValueError: MailHive\POP3::deleteMessage(): Argument #1 ($index) must be a message index >= 1
ValueError: MailHive\POP3::$serverName must not contain CR, LF or NUL characters
ValueError: MailHive\POP3::$authMethod must be one of the MailHive\POP3::AUTH_* constants
Error: Cannot modify readonly property MailHive\POP3::$messageCount
string(0) ""
int(1)
-- IMAP4 bad values
ValueError: MailHive\IMAP4::$authMethod must be one of the MailHive\IMAP4::AUTH_* constants
ValueError: MailHive\IMAP4::$messageSet must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::selectMailbox(): Argument #1 ($name) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::createMailbox(): Argument #1 ($name) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::renameMailbox(): Argument #2 ($newName) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::retrieveMailboxes(): Argument #1 ($root) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::search(): Argument #1 ($criteria) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::setFlags(): Argument #2 ($flags) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::setFlags(): Argument #3 ($mode) must be one of the MailHive\IMAP4::FLAGS_* constants
ValueError: MailHive\IMAP4::setFlags(): Argument #1 ($set) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::copyMessages(): Argument #2 ($mailbox) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::moveMessages(): Argument #1 ($set) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::deleteMessages(): Argument #1 ($set) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::appendMessage(): Argument #1 ($mailbox) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::appendMessage(): Argument #3 ($flags) must not contain CR, LF or NUL characters
ValueError: MailHive\IMAP4::retrieveEnvelopes(): Argument #1 ($first) must be a message number or UID between 1 and 4294967295
ValueError: MailHive\IMAP4::retrieveEnvelopes(): Argument #2 ($last) must be a message number or UID between 1 and 4294967295
ValueError: MailHive\IMAP4::retrieveEnvelopes(): Argument #1 ($first) is -1 but MailHive\IMAP4::$messageSet is empty
ValueError: MailHive\IMAP4::retrieveSingleMessage(): Argument #1 ($id) must be a message number or UID between 1 and 4294967295
ValueError: MailHive\IMAP4::retrieveSingleMessageHeaders(): Argument #1 ($id) must be a message number or UID between 1 and 4294967295
ValueError: MailHive\IMAP4::idle(): Argument #1 ($seconds) must be a number of seconds >= 1
Error: Cannot modify readonly property MailHive\IMAP4::$uidNext
-- not connected
bool(false)
int(1)
bool(true)
bool(false)
NULL
int(1)
bool(false)
int(1)
bool(false)
NULL
bool(true)
bool(true)
int(0)
string(18) "MailHive\Exception"
int(1)
int(1)
-- objects
Error: Call to private MailHive\Envelope::__construct() from global scope
Error: Call to private MailHive\Mailbox::__construct() from global scope
Error: Trying to clone an uncloneable object of class MailHive\POP3
Exception: Serialization of 'MailHive\IMAP4' is not allowed
bool(false)
bool(true)
bool(false)
bool(false)
