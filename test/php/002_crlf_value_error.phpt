--TEST--
CR, LF or NUL in a single-line value throws ValueError at once, before anything is sent
--EXTENSIONS--
mailhive
--FILE--
<?php
// A listening socket that must never see a connection: the ValueError comes first.
$guard = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
$port = (int)substr(strrchr(stream_socket_get_name($guard, false), ':'), 1);

$s = new MailHive\SMTP();
$s->serverName = '127.0.0.1';
$s->portNumber = $port;
$s->throwExceptions = false;   // bad arguments throw whatever this says

$cases = [
    'subject' => fn() => $s->subject = "Hi\r\nBcc: victim@example.com",
    'message->subject' => fn() => $s->message->subject = "Hi\nX: y",
    'toAddr' => fn() => $s->toAddr = "a@b.c\r\nRCPT TO:<x@y.z>",
    'fromAddr NUL' => fn() => $s->message->fromAddr = "a@b.c\0",
    'ccAddr' => fn() => $s->ccAddr = "c@d.e\n",
    'bccAddr' => fn() => $s->bccAddr = "\rc@d.e",
    'replyToAddr' => fn() => $s->message->replyToAddr = "r@d.e\n",
    'charset' => fn() => $s->charset = "utf-8\r\n",
    'date' => fn() => $s->message->date = "Mon\n",
    'messageId' => fn() => $s->message->messageId = "<a@b>\r\n",
    'serverName' => fn() => $s->serverName = "mail.example.com\r\nEHLO evil",
    'serverName .=' => fn() => $s->serverName .= "\n",
    'userName' => fn() => $s->userName = "joe\r\nAUTH PLAIN x",
    'domain' => fn() => $s->domain = "client\n",
    'expectedHostName' => fn() => $s->ssl->expectedHostName = "localhost\r\n",
    'setHeader value' => fn() => $s->message->setHeader('X-Tag', "a\r\nBcc: v@x.y"),
    'setHeader name' => fn() => $s->message->setHeader("X-A\r\nB", 'v'),
    'addAttachmentData name' => fn() => $s->message->addAttachmentData('x', "a\r\n.txt"),
];
foreach ($cases as $what => $fn) {
    try {
        $fn();
        echo "$what: no exception\n";
    } catch (ValueError $e) {
        echo "$what: ValueError\n";
    }
}
// Nothing was stored, and multi-line bodies are allowed.
var_dump($s->subject, $s->serverName, $s->ssl->expectedHostName, $s->message->getHeader('X-Tag'), count($s->message->attachments));
$s->bodyText = "line 1\r\nline 2\n";
$s->message->altBodyText = "alt\nalt";
var_dump($s->bodyText === "line 1\r\nline 2\n");

// Nothing connected to the guard socket.
stream_set_blocking($guard, false);
var_dump(@stream_socket_accept($guard, 0) === false, $s->connected, $s->errCode);
?>
--EXPECT--
subject: ValueError
message->subject: ValueError
toAddr: ValueError
fromAddr NUL: ValueError
ccAddr: ValueError
bccAddr: ValueError
replyToAddr: ValueError
charset: ValueError
date: ValueError
messageId: ValueError
serverName: ValueError
serverName .=: ValueError
userName: ValueError
domain: ValueError
expectedHostName: ValueError
setHeader value: ValueError
setHeader name: ValueError
addAttachmentData name: ValueError
string(0) ""
string(9) "127.0.0.1"
string(0) ""
string(0) ""
int(0)
bool(true)
bool(true)
bool(false)
int(0)
