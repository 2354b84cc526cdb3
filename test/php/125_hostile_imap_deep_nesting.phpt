--TEST--
Hostile IMAP4: BODYSTRUCTURE and ENVELOPE nested 100,000 deep -> retrieveEnvelopes() gives false with errCode 116, no crash (stack overflow would kill this test)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$srv = new MhHostile('imap', 'deep-nesting');
$imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'plain', 10);
$ok = $imap->connect() && $imap->selectMailbox('INBOX');
$env = $ok ? $imap->retrieveEnvelopes(1, -1) : 'not selected';
mh_report('deep-nesting', $imap, ['connect/select failed' => $ok,
    'envelopes returned ' . gettype($env) => $env === false || $env === null, 'errCode != 116' => $imap->errCode === 116]);
$srv->stop();
?>
--EXPECT--
deep-nesting: errCode=116 sslError=0 ok
