--TEST--
Hostile SMTP: STARTTLS not offered / refused (454, 502) / garbage / a 2xx lie / closed, EHLO refused: right errCode, nothing after STARTTLS, no secrets in plaintext
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
// scenario => [errCode, sslError, exact bytes the client may have sent (regex)]
$cases = [
    'no-starttls'          => [11, 9, '/^EHLO [^\r\n]+\r\n$/'],
    'starttls-refused'     => [11, 9, '/^EHLO [^\r\n]+\r\nSTARTTLS\r\n$/'],
    'starttls-refused-5xx' => [11, 9, '/^EHLO [^\r\n]+\r\nSTARTTLS\r\n$/'],
    'starttls-garbage'     => [116, 0, '/^EHLO [^\r\n]+\r\nSTARTTLS\r\n$/'],
    'starttls-lie'         => [11, 9, '/^EHLO [^\r\n]+\r\nSTARTTLS\r\n$/'],
    'starttls-close'       => [6, 0, '/^EHLO [^\r\n]+\r\nSTARTTLS\r\n$/'],
    // EHLO refused while TLS was asked: no HELO fallback, nothing but EHLO
    'ehlo-refused'         => [null, null, '/^EHLO [^\r\n]+\r\n(QUIT\r\n)?$/'],
];
foreach ($cases as $scenario => [$code, $sslError, $wire]) {
    $srv = new MhHostile('smtp', $scenario);
    $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, 'starttls');
    $ok = $smtp->send();
    $errCode = $smtp->errCode;
    usleep(100000);
    $rec = $srv->stop();
    $leak = mh_leaks($rec, 'smtp');
    mh_report($scenario, $smtp, [
        'send() returned true' => $ok === false,
        "errCode != $code" => $code === null ? $errCode !== 0 : $errCode === $code,
        "sslError != $sslError" => $sslError === null || $smtp->ssl->sslError === $sslError,
        'still connected' => !$smtp->connected,
        'wire ' . mh_json($rec) => (bool)preg_match($wire, $rec),
        "leak: $leak" => $leak === '',
        'forged capability kept' => !in_array('forged', array_map('strtolower', $smtp->serverCapabilities), true),
    ]);
}
?>
--EXPECT--
no-starttls: errCode=11 sslError=9 ok
starttls-refused: errCode=11 sslError=9 ok
starttls-refused-5xx: errCode=11 sslError=9 ok
starttls-garbage: errCode=116 sslError=0 ok
starttls-lie: errCode=11 sslError=9 ok
starttls-close: errCode=6 sslError=0 ok
ehlo-refused: errCode=11 sslError=9 ok
