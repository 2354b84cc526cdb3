--TEST--
Hostile POP3, STLS required: not offered (11/9, only CAPA), -ERR, garbage, closed, plaintext instead of a handshake, forged STAT with the +OK and in a later packet (12/13), CAPA before STLS ignored, good control
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
// scenario => [errCode, sslError, exact record]
$cases = [
    'no-stls'           => [11, 9, "CAPA\r\n"],
    'stls-err'          => [11, 9, "CAPA\r\nSTLS\r\n"],
    'stls-garbage'      => [116, 0, "CAPA\r\nSTLS\r\n"],
    'stls-close'        => [6, 0, "CAPA\r\nSTLS\r\n"],
    'stls-junk'         => [12, 13, "CAPA\r\nSTLS\r\n"],
    'stls-inject'       => [12, 13, "CAPA\r\nSTLS\r\n"],
    'stls-inject-later' => [12, 13, "CAPA\r\nSTLS\r\n"],
];
foreach ($cases as $scenario => [$code, $sslError, $wire]) {
    $srv = new MhHostile('pop3', $scenario);
    $pop = mh_h_mailer(MailHive\POP3::class, $srv->port, 'starttls');
    $ok = $pop->connect();
    usleep(100000);
    $rec = $srv->stop();
    $leak = mh_leaks($rec, 'pop3');
    mh_report($scenario, $pop, [
        'connect() returned true' => $ok === false,
        "errCode != $code" => $pop->errCode === $code,
        "sslError != $sslError" => $pop->ssl->sslError === $sslError,
        'still connected' => !$pop->connected,
        'wire ' . mh_json($rec) => $rec === $wire,
        "leak: $leak" => $leak === '',
        "forged messageCount {$pop->messageCount}/{$pop->totalSize}" => $pop->messageCount === 0 && $pop->totalSize === 0,
    ]);
}
// capabilities announced before STLS never reach $pop->capabilities
$srv = new MhHostile('pop3', 'capa-forged');
$pop = mh_h_mailer(MailHive\POP3::class, $srv->port, 'starttls');
$ok = $pop->connect();
$caps = $pop->capabilities;
if ($ok) $pop->disconnect();
$rec = $srv->stop();
mh_report('capa-forged', $pop, [
    'connect() failed' => $ok === true,
    'pre-TLS capability kept ' . json_encode($caps) => !preg_grep('/FORGED|LOGIN-DELAY|^STLS$/i', $caps),
    'post-TLS CAPA missing' => in_array('IMPLEMENTATION hostile-pop3', $caps, true),
    'plaintext part ' . mh_json(mh_plain_part($rec)) => mh_plain_part($rec) === "CAPA\r\nSTLS\r\n",
]);
// control: a good STLS server
$srv = new MhHostile('pop3', 'stls-ok');
$pop = mh_h_mailer(MailHive\POP3::class, $srv->port, 'starttls');
$ok = $pop->connect();
$count = $pop->messageCount;
$msg = $ok ? $pop->retrieveSingleMessage(2) : null;
if ($ok) $pop->disconnect();
$rec = $srv->stop();
mh_report('stls-ok', $pop, [
    'connect() failed' => $ok === true,
    "messageCount $count" => $count === 2,
    'message 2' => $msg && $msg->subject === 'hostile two' && preg_match('/^\.dot-stuffed line/m', $msg->bodyText),
    'plaintext part ' . mh_json(mh_plain_part($rec)) => mh_plain_part($rec) === "CAPA\r\nSTLS\r\n",
    'no RETR 2 over TLS' => str_contains($rec, "RETR 2\r\n"),
]);
?>
--EXPECT--
no-stls: errCode=11 sslError=9 ok
stls-err: errCode=11 sslError=9 ok
stls-garbage: errCode=116 sslError=0 ok
stls-close: errCode=6 sslError=0 ok
stls-junk: errCode=12 sslError=13 ok
stls-inject: errCode=12 sslError=13 ok
stls-inject-later: errCode=12 sslError=13 ok
capa-forged: errCode=0 sslError=0 ok
stls-ok: errCode=0 sslError=0 ok
