--TEST--
Hostile POP3 parser limits: an 8 MB greeting line and 1,000,000 CAPA lines -> 116 with peak RSS growth < 200 MB; STAT / LIST counts of 2^64 and more, a status without +/- and a "+MAYBE" greeting -> 116, counts untouched
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
foreach (['huge-line' => 'starttls', 'capa-million' => 'plain'] as $scenario => $mode) {
    $srv = new MhHostile('pop3', $scenario);
    $pop = mh_h_mailer(MailHive\POP3::class, $srv->port, $mode, 10);
    $rss0 = mh_rss_reset();
    $ok = $pop->connect();
    $grew = mh_hwm_growth_mb($rss0);
    $rec = $srv->stop();
    mh_report($scenario, $pop, ['connect() returned true' => $ok === false, 'errCode != 116' => $pop->errCode === 116,
        sprintf('peak RSS grew by %.0f MB', $grew) => $grew < 200,
        'login sent ' . mh_json($rec) => !preg_match('/^(USER|PASS|AUTH)/m', $rec),
        'something sent' => $scenario !== 'huge-line' || $rec === '']);
}
foreach (['stat-2e64', 'stat-u64max', 'bad-status', 'bad-greeting'] as $scenario) {
    $srv = new MhHostile('pop3', $scenario);
    $pop = mh_h_mailer(MailHive\POP3::class, $srv->port, 'plain');
    $ok = $pop->connect();
    $srv->stop();
    mh_report($scenario, $pop, ['connect() returned true' => $ok === false, 'errCode != 116' => $pop->errCode === 116,
        "counts {$pop->messageCount}/{$pop->totalSize}" => $pop->messageCount === 0 && $pop->totalSize === 0,
        'still connected' => !$pop->connected]);
}
$srv = new MhHostile('pop3', 'list-2e64');
$pop = mh_h_mailer(MailHive\POP3::class, $srv->port, 'plain');
$ok = $pop->connect();
$size = $ok ? $pop->getMessageSize(1) : 'not connected';
$srv->stop();
mh_report('list-2e64', $pop, ['connect() failed' => $ok === true, 'size ' . var_export($size, true) => $size === false || $size === null,
    'errCode != 116' => $pop->errCode === 116]);
?>
--EXPECT--
huge-line: errCode=116 sslError=0 ok
capa-million: errCode=116 sslError=0 ok
stat-2e64: errCode=116 sslError=0 ok
stat-u64max: errCode=116 sslError=0 ok
bad-status: errCode=116 sslError=0 ok
bad-greeting: errCode=116 sslError=0 ok
list-2e64: errCode=116 sslError=0 ok
