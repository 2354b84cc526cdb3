--TEST--
Hostile IMAP4 parser limits: an 8 MB greeting line, FETCH literals of 2^32, 2^64-1, 2^64 and 10^32-1 bytes, a bad tagged status, a bad greeting -> 116 (peak RSS growth < 200 MB); 1,000,000 untagged lines in a SELECT response: selects with peak RSS growth < 200 MB
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
$srv = new MhHostile('imap', 'huge-line');
$imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'starttls', 10);
$rss0 = mh_rss_reset();
$ok = $imap->connect();
$grew = mh_hwm_growth_mb($rss0);
$rec = $srv->stop();
mh_report('huge-line', $imap, ['connect() returned true' => $ok === false, 'errCode != 116' => $imap->errCode === 116,
    sprintf('peak RSS grew by %.0f MB', $grew) => $grew < 200, 'wire ' . mh_json($rec) => $rec === '']);

foreach (['literal-2e32', 'literal-u64max', 'literal-2e64', 'literal-huge-digits'] as $scenario) {
    $srv = new MhHostile('imap', $scenario);
    $imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'plain', 5);
    $ok = $imap->connect() && $imap->selectMailbox('INBOX');
    $rss0 = mh_rss_reset();
    $msg = $ok ? $imap->retrieveSingleMessage(1) : 'not selected';
    $grew = mh_hwm_growth_mb($rss0);
    $srv->stop();
    mh_report($scenario, $imap, ['connect/select failed' => $ok, 'returned a message' => $msg === null,
        'errCode != 116' => $imap->errCode === 116, 'still connected' => !$imap->connected,
        sprintf('peak RSS grew by %.0f MB', $grew) => $grew < 200]);
}
foreach (['bad-tagged-status', 'bad-greeting'] as $scenario) {
    $srv = new MhHostile('imap', $scenario);
    $imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'plain');
    $ok = $imap->connect();
    $rec = $srv->stop();
    mh_report($scenario, $imap, ['connect() returned true' => $ok === false, 'errCode != 116' => $imap->errCode === 116,
        'login sent ' . mh_json($rec) => !preg_match('/LOGIN|AUTHENTICATE/', $rec)]);
}
// (test/node/hostile-imap.test.js documented ~260-280 MB here before the engine kept only the
// untagged data of the command it reads; the PHP binding is held to the same 200 MB bound.)
$srv = new MhHostile('imap', 'select-million');
$imap = mh_h_mailer(MailHive\IMAP4::class, $srv->port, 'plain', 30);
$ok = $imap->connect();
$rss0 = mh_rss_reset();
$sel = $ok && $imap->selectMailbox('INBOX');
$grew = mh_hwm_growth_mb($rss0);
mh_report('select-million', $imap, ['connect/select failed' => $sel,
    "messageCount {$imap->messageCount} uidValidity {$imap->uidValidity}" => $imap->messageCount === 3 && $imap->uidValidity === 42,
    sprintf('peak RSS grew by %.0f MB', $grew) => $grew < 200]);
if ($ok) $imap->disconnect();
$srv->stop();
?>
--EXPECT--
huge-line: errCode=116 sslError=0 ok
literal-2e32: errCode=116 sslError=0 ok
literal-u64max: errCode=116 sslError=0 ok
literal-2e64: errCode=116 sslError=0 ok
literal-huge-digits: errCode=116 sslError=0 ok
bad-tagged-status: errCode=116 sslError=0 ok
bad-greeting: errCode=116 sslError=0 ok
select-million: errCode=0 sslError=0 ok
