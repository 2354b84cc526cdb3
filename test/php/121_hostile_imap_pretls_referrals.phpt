--TEST--
Hostile IMAP4: untagged CAPABILITY/EXISTS/RECENT/UIDVALIDITY and [ALERT] before TLS never reach the user's state; referrals (greeting BYE -> 4, LOGIN NO -> 113, SELECT NO -> 204) are never followed
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$srv = new MhHostile('imap', 'untagged-pretls');
$imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'starttls');
$ok = $imap->connect();
$caps = $imap->capabilities;
$state = [$imap->messageCount, $imap->recentCount, $imap->uidValidity];
$texts = [(string)$imap->serverResponse, (string)$imap->errDesc];
$sel = $ok && $imap->selectMailbox('INBOX');
$after = [$imap->messageCount, $imap->recentCount, $imap->uidValidity];
if ($ok) $imap->disconnect();
$rec = $srv->stop();
mh_report('untagged-pretls', $imap, [
    'connect() failed' => $ok === true,
    'pre-TLS capabilities ' . json_encode($caps) => !preg_grep('/FORGED|STARTTLS/', $caps) && in_array('IDLE', $caps, true),
    'pre-TLS mailbox state ' . json_encode($state) => $state === [0, 0, 0],
    'PRETLS text in serverResponse/errDesc' => !preg_match('/PRETLS|evil/', implode(' ', $texts)),
    'select ' . json_encode($after) => $sel && $after === [3, 0, 42],
    'plaintext part ' . mh_json(mh_plain_part($rec)) => (bool)preg_match('/^\S+ STARTTLS\r\n$/', mh_plain_part($rec)),
]);

$srv = new MhHostile('imap', 'alert-pretls');
$imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'starttls');
$ok = $imap->connect();
$texts = [(string)$imap->serverResponse, (string)$imap->errDesc];
$caps = $imap->capabilities;
if ($ok) $imap->disconnect();
$rec = $srv->stop();
$leak = mh_leaks(mh_plain_part($rec), 'imap');
mh_report('alert-pretls', $imap, [
    'connect() failed' => $ok === true,
    'ALERT text kept' => !preg_match('/PRETLS|evil/', implode(' ', $texts)),
    'STARTTLS capability kept' => !in_array('STARTTLS', $caps, true),
    "leak: $leak" => $leak === '',
]);

// scenario => [errCode, step]
foreach (['referral-greeting' => [4, 'connect'], 'referral-login' => [113, 'connect'], 'referral-select' => [204, 'select']] as $scenario => [$code, $step]) {
    $target = new MhHostile('count');
    $srv = new MhHostile('imap', $scenario, ['referralPort' => $target->port]);
    $imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'plain');
    $ok = $imap->connect();
    $r = $step === 'select' && $ok ? $imap->selectMailbox('INBOX') : $ok;
    $count = $imap->messageCount;
    $connected = $imap->connected;
    usleep(200000);
    $rec = $srv->stop();
    $target->stop();
    mh_report($scenario, $imap, [
        'call returned true' => $r === false,
        'connect() failed' => $step !== 'select' || $ok === true,
        "errCode != $code" => $imap->errCode === $code,
        "referral followed ({$target->connections} connections)" => $target->connections === 0,
        "messageCount $count" => $count === 0,
        'still connected' => $step === 'select' || !$connected,
        'wire ' . mh_json($rec) => $scenario !== 'referral-greeting' || $rec === '',
    ]);
    $imap->abort();
}
?>
--EXPECT--
untagged-pretls: errCode=0 sslError=0 ok
alert-pretls: errCode=0 sslError=0 ok
referral-greeting: errCode=4 sslError=0 ok
referral-login: errCode=113 sslError=0 ok
referral-select: errCode=204 sslError=0 ok
