--TEST--
Hostile SMTP: forged replies with the 220 (same packet), in a later packet, and plaintext instead of a handshake: errCode 12 / sslError 13, nothing after STARTTLS, no forged capability
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$cases = [
    'starttls-injection'    => [12, 13],   // "220 ...\r\n250-forged\r\n250 AUTH PLAIN\r\n" in one packet
    'starttls-inject-later' => [12, 13],   // 220, then a forged "250 AUTH PLAIN" in a later packet
    'starttls-junk'         => [12, 13],   // 220, then plaintext instead of a ServerHello
];
foreach ($cases as $scenario => [$code, $sslError]) {
    $srv = new MhHostile('smtp', $scenario);
    $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, 'starttls');
    $ok = $smtp->send();
    usleep(100000);
    $rec = $srv->stop();
    $plain = mh_plain_part($rec);
    $leak = mh_leaks($rec, 'smtp');
    mh_report($scenario, $smtp, [
        'send() returned true' => $ok === false,
        "errCode != $code" => $smtp->errCode === $code,
        "sslError != $sslError" => $smtp->ssl->sslError === $sslError,
        'still connected' => !$smtp->connected,
        'wire ' . mh_json($rec) => (bool)preg_match('/^EHLO [^\r\n]+\r\nSTARTTLS\r\n$/', $rec),
        'bytes after STARTTLS' => $plain === $rec,
        "leak: $leak" => $leak === '',
        'forged capability kept' => !preg_grep('/forged/i', $smtp->serverCapabilities),
    ]);
}
?>
--EXPECT--
starttls-injection: errCode=12 sslError=13 ok
starttls-inject-later: errCode=12 sslError=13 ok
starttls-junk: errCode=12 sslError=13 ok
