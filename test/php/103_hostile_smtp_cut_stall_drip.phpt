--TEST--
Hostile SMTP: EHLO reply cut without close_notify (plain, TLS) -> 6; silent server and a greeting dripped slower than the timeout -> 5 within timeout + 1 s; fast one-byte drip -> sent
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
foreach (['close-mid-reply' => 'plain', 'tls-close-mid-reply' => 'tls'] as $scenario => $mode) {
    $srv = new MhHostile('smtp', $scenario);
    $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, $mode);
    $ok = $smtp->send();
    usleep(50000);
    $rec = $srv->stop();
    mh_report($scenario, $smtp, [
        'send() returned true' => $ok === false,
        'errCode != 6' => $smtp->errCode === 6,
        'still connected' => !$smtp->connected,
        'wire ' . mh_json($rec) => (bool)preg_match('/^EHLO [^\r\n]+\r\n$/', $rec),
    ]);
}
// a silent server, and a greeting dripped one byte every 150 ms (~7 s) with timeout = 2
foreach (['stall' => 'starttls', 'drip-slow' => 'plain'] as $scenario => $mode) {
    $srv = new MhHostile('smtp', $scenario);
    $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, $mode, 2);
    $took = mh_timed(fn() => $smtp->send(), $ok);
    $rec = $srv->stop();
    mh_report($scenario, $smtp, [
        'send() returned true' => $ok === false,
        'errCode != 5' => $smtp->errCode === 5,
        sprintf('took %.2f s > timeout + 1 s', $took) => $took < 3.0,
        'wire ' . mh_json($rec) => $rec === '',
    ]);
}
// every reply one byte at a time, 1 ms apart: each reply within the timeout, so the message is sent
$srv = new MhHostile('smtp', 'drip-fast');
$smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, 'plain', 10);
$ok = $smtp->send();
$smtp->disconnect();
$rec = $srv->stop();
mh_report('drip-fast', $smtp, [
    'send() failed' => $ok === true,
    'message not on the wire' => str_contains($rec, MH_BODY) && str_contains($rec, "\r\n.\r\n"),
]);
?>
--EXPECT--
close-mid-reply: errCode=6 sslError=0 ok
tls-close-mid-reply: errCode=6 sslError=0 ok
stall: errCode=5 sslError=0 ok
drip-slow: errCode=5 sslError=0 ok
drip-fast: errCode=0 sslError=0 ok
