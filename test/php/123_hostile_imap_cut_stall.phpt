--TEST--
Hostile IMAP4: CAPABILITY cut mid-line and a FETCH literal cut half-way without close_notify (plain, TLS) -> 6, no partial message; silent server, a stalled literal, a greeting dripped slower than the timeout -> 5 within timeout + 1 s; fast one-byte drip -> works
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
foreach (['close-mid-reply' => 'plain', 'tls-close-mid-reply' => 'tls'] as $scenario => $mode) {
    $srv = new MhHostile('imap', $scenario);
    $imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, $mode);
    $ok = $imap->connect();
    $rec = $srv->stop();
    $leak = mh_leaks($rec, 'imap');
    mh_report($scenario, $imap, ['connect() returned true' => $ok === false, 'errCode != 6' => $imap->errCode === 6,
        'still connected' => !$imap->connected, "leak: $leak" => $leak === '']);
}
foreach (['fetch-cut' => 'plain', 'tls-fetch-cut' => 'tls'] as $scenario => $mode) {
    $srv = new MhHostile('imap', $scenario);
    $imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, $mode);
    $ok = $imap->connect() && $imap->selectMailbox('INBOX');
    $msg = $ok ? $imap->retrieveSingleMessage(1) : 'not selected';
    $srv->stop();
    mh_report($scenario, $imap, ['connect/select failed' => $ok, 'a message cut short was returned' => $msg === null,
        'errCode != 6' => $imap->errCode === 6, 'still connected' => !$imap->connected]);
}
foreach (['stall' => ['starttls', 'connect'], 'fetch-stall' => ['plain', 'fetch'], 'drip-slow' => ['plain', 'connect']] as $scenario => [$mode, $what]) {
    $srv = new MhHostile('imap', $scenario);
    $imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, $mode, 2);
    $pre = $what !== 'fetch' || ($imap->connect() && $imap->selectMailbox('INBOX'));
    $took = mh_timed(fn() => $what === 'fetch' ? $imap->retrieveSingleMessage(1) : $imap->connect(), $r);
    $rec = $srv->stop();
    mh_report($scenario, $imap, ['connect/select failed' => $pre, 'returned a value' => $r === false || $r === null,
        'errCode != 5' => $imap->errCode === 5, sprintf('took %.2f s > timeout + 1 s', $took) => $took < 3.0,
        'wire ' . mh_json($rec) => $what === 'fetch' || $rec === '']);
}
$srv = new MhHostile('imap', 'drip-fast');
$imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'plain', 10);
$ok = $imap->connect() && $imap->selectMailbox('INBOX');
$count = $imap->messageCount;
$msg = $ok ? $imap->retrieveSingleMessage(1) : null;
$env = $ok ? $imap->retrieveEnvelopes(1, -1) : null;
mh_report('drip-fast', $imap, ['connect/select failed' => $ok, "messageCount $count" => $count === 3,
    'message 1' => $msg && $msg->subject === 'hostile imap', 'envelopes' => is_array($env) && count($env) === 3]);
if ($ok) $imap->disconnect();
$srv->stop();
?>
--EXPECT--
close-mid-reply: errCode=6 sslError=0 ok
tls-close-mid-reply: errCode=6 sslError=0 ok
fetch-cut: errCode=6 sslError=0 ok
tls-fetch-cut: errCode=6 sslError=0 ok
stall: errCode=5 sslError=0 ok
fetch-stall: errCode=5 sslError=0 ok
drip-slow: errCode=5 sslError=0 ok
drip-fast: errCode=0 sslError=0 ok
