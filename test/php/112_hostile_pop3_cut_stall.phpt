--TEST--
Hostile POP3: CAPA cut mid-line and RETR cut mid-message without close_notify (plain, TLS) -> 6, no partial message; silent server, RETR stalling, greeting dripped slower than the timeout -> 5 within timeout + 1 s; fast one-byte drip -> works
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
foreach (['close-mid-reply' => 'plain', 'tls-close-mid-reply' => 'tls'] as $scenario => $mode) {
    $srv = new MhHostile('pop3', $scenario);
    $pop = mh_h_mailer(MailHive\POP3::class, $srv->port, $mode);
    $ok = $pop->connect();
    $rec = $srv->stop();
    $leak = mh_leaks($rec, 'pop3');
    mh_report($scenario, $pop, ['connect() returned true' => $ok === false, 'errCode != 6' => $pop->errCode === 6,
        'still connected' => !$pop->connected, "leak: $leak" => $leak === '']);
}
foreach (['retr-cut' => 'plain', 'tls-retr-cut' => 'tls'] as $scenario => $mode) {
    $srv = new MhHostile('pop3', $scenario);
    $pop = mh_h_mailer(MailHive\POP3::class, $srv->port, $mode);
    $ok = $pop->connect();
    $msg = $ok ? $pop->retrieveSingleMessage(1) : 'not connected';
    $rec = $srv->stop();
    mh_report($scenario, $pop, ['connect() failed' => $ok === true, 'a message cut short was returned' => $msg === null,
        'errCode != 6' => $pop->errCode === 6, 'still connected' => !$pop->connected]);
}
foreach (['stall' => ['starttls', 'connect'], 'retr-stall' => ['plain', 'retr'], 'drip-slow' => ['plain', 'connect']] as $scenario => [$mode, $what]) {
    $srv = new MhHostile('pop3', $scenario);
    $pop = mh_h_mailer(MailHive\POP3::class, $srv->port, $mode, 2);
    $pre = true;
    if ($what === 'retr') $pre = $pop->connect();
    $took = mh_timed(fn() => $what === 'retr' ? $pop->retrieveSingleMessage(1) : $pop->connect(), $r);
    $rec = $srv->stop();
    mh_report($scenario, $pop, ['connect() failed' => $pre === true, 'returned a value' => $r === false || $r === null,
        'errCode != 5' => $pop->errCode === 5, sprintf('took %.2f s > timeout + 1 s', $took) => $took < 3.0,
        'wire ' . mh_json($rec) => $what === 'retr' || $rec === '']);
}
$srv = new MhHostile('pop3', 'drip-fast');
$pop = mh_h_mailer(MailHive\POP3::class, $srv->port, 'plain', 10);
$ok = $pop->connect();
$msg = $ok ? $pop->retrieveSingleMessage(1) : null;
$uids = $ok ? $pop->search() : null;
if ($ok) $pop->disconnect();
$srv->stop();
mh_report('drip-fast', $pop, ['connect() failed' => $ok === true,
    'message 1' => $msg && $msg->subject === 'hostile one', 'uids ' . json_encode($uids) => $uids === ['uid-1', 'uid-2']]);
?>
--EXPECT--
close-mid-reply: errCode=6 sslError=0 ok
tls-close-mid-reply: errCode=6 sslError=0 ok
retr-cut: errCode=6 sslError=0 ok
tls-retr-cut: errCode=6 sslError=0 ok
stall: errCode=5 sslError=0 ok
retr-stall: errCode=5 sslError=0 ok
drip-slow: errCode=5 sslError=0 ok
drip-fast: errCode=0 sslError=0 ok
