--TEST--
Hostile IMAP4, STARTTLS required: not offered, NO, BAD, garbage, wrong tag, closed, only an untagged OK (5), plaintext instead of a handshake, forged untagged data with the OK and in a later packet (12/13), PREAUTH (11/9, nothing sent)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$ST = '/^\S+ STARTTLS\r\n$/';
// scenario => [errCode, sslError, record regex, timeout]
$cases = [
    'no-starttls'            => [11, 9, '/^$/', 5],
    'starttls-no'            => [11, 9, $ST, 5],
    'starttls-bad'           => [11, 9, $ST, 5],
    'starttls-garbage'       => [116, 0, $ST, 5],
    'starttls-wrongtag'      => [116, 0, $ST, 5],
    'starttls-close'         => [6, 0, $ST, 5],
    'starttls-untagged-only' => [5, 0, $ST, 2],
    'starttls-junk'          => [12, 13, $ST, 5],
    'starttls-inject'        => [12, 13, $ST, 5],
    'starttls-inject-later'  => [12, 13, $ST, 5],
    'preauth'                => [11, 9, '/^$/', 5],   // not even LOGOUT: the session is dropped
    'preauth-nocap'          => [11, 9, '/^$/', 5],
];
foreach ($cases as $scenario => [$code, $sslError, $wire, $timeout]) {
    $srv = new MhHostile('imap', $scenario);
    $imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'starttls', $timeout);
    $took = mh_timed(fn() => $imap->connect(), $ok);
    usleep(100000);
    $rec = $srv->stop();
    $leak = mh_leaks($rec, 'imap');
    mh_report($scenario, $imap, [
        'connect() returned true' => $ok === false,
        "errCode != $code" => $imap->errCode === $code,
        "sslError != $sslError" => $imap->ssl->sslError === $sslError,
        'still connected' => !$imap->connected,
        'wire ' . mh_json($rec) => (bool)preg_match($wire, $rec),
        "leak: $leak" => $leak === '',
        'forged capabilities ' . json_encode($imap->capabilities) => !preg_grep('/FORGED/', $imap->capabilities)
            && (!str_starts_with($scenario, 'preauth') || $imap->capabilities === []),
        "forged messageCount {$imap->messageCount}" => $imap->messageCount === 0,
        sprintf('took %.2f s > timeout + 1 s', $took) => $took < $timeout + 1,
    ]);
}
?>
--EXPECT--
no-starttls: errCode=11 sslError=9 ok
starttls-no: errCode=11 sslError=9 ok
starttls-bad: errCode=11 sslError=9 ok
starttls-garbage: errCode=116 sslError=0 ok
starttls-wrongtag: errCode=116 sslError=0 ok
starttls-close: errCode=6 sslError=0 ok
starttls-untagged-only: errCode=5 sslError=0 ok
starttls-junk: errCode=12 sslError=13 ok
starttls-inject: errCode=12 sslError=13 ok
starttls-inject-later: errCode=12 sslError=13 ok
preauth: errCode=11 sslError=9 ok
preauth-nocap: errCode=11 sslError=9 ok
