--TEST--
Hostile SMTP parser limits: reply codes out of range (999, 000, 22, 2200, 2x0, EHLO 999) -> 116 with nothing (more) sent; a 2 MB greeting without CRLF and 1,000,000 EHLO lines -> 116, peak RSS growth < 200 MB
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
foreach (['code-999', 'code-000', 'code-2digit', 'code-4digit', 'code-alpha', 'ehlo-999'] as $scenario) {
    $srv = new MhHostile('smtp', $scenario);
    $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, $scenario === 'ehlo-999' ? 'plain' : 'starttls');
    $ok = $smtp->send();
    usleep(50000);
    $rec = $srv->stop();
    $wire = $scenario === 'ehlo-999' ? '/^EHLO [^\r\n]+\r\n$/' : '/^$/';
    mh_report($scenario, $smtp, [
        'send() returned true' => $ok === false,
        'errCode != 116' => $smtp->errCode === 116,
        'wire ' . mh_json($rec) => (bool)preg_match($wire, $rec),
    ]);
}
foreach (['big-line', 'million-ehlo'] as $scenario) {
    $srv = new MhHostile('smtp', $scenario);
    $smtp = mh_h_mailer(MailHive\SMTP::class, $srv->port, 'plain', 10);
    $rss0 = mh_rss_reset();
    $ok = $smtp->send();
    $grew = mh_hwm_growth_mb($rss0);
    $rec = $srv->stop();
    mh_report($scenario, $smtp, [
        'send() returned true' => $ok === false,
        'errCode != 116' => $smtp->errCode === 116,
        sprintf('peak RSS grew by %.0f MB', $grew) => $grew < 200,
        'MAIL/HELO/AUTH sent ' . mh_json($rec) => !preg_match('/^(MAIL|HELO|AUTH)/m', $rec),
    ]);
}
?>
--EXPECT--
code-999: errCode=116 sslError=0 ok
code-000: errCode=116 sslError=0 ok
code-2digit: errCode=116 sslError=0 ok
code-4digit: errCode=116 sslError=0 ok
code-alpha: errCode=116 sslError=0 ok
ehlo-999: errCode=116 sslError=0 ok
big-line: errCode=116 sslError=0 ok
million-ehlo: errCode=116 sslError=0 ok
