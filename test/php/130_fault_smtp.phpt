--TEST--
SMTP faults: server gone mid-DATA (6), stall after DATA (5), TCP RST in the TLS handshake (12/1), DNS failure (3), refused connection (4): within timeout + 1 s, then the same object sends again (scripted server and the real Postfix)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
function smtp_for(int $port, string $mode = 'plain') {
    $smtp = mh_h_mailer(MailHive\SMTP::class, $port, $mode, 3, 'secret');
    $smtp->subject = 'fault test';
    $smtp->bodyText = str_repeat("fault test body\r\n", 200);
    return $smtp;
}
// server gone mid-DATA, then a good scripted server, then Postfix
$srv = new MhHostile('smtp', 'gone-mid-data');
$smtp = smtp_for($srv->port);
$checks = mh_fault($smtp, fn() => $smtp->send(), 6);
$srv->stop();
mh_report('gone-mid-data', $smtp, $checks);
$good = new MhHostile('smtp', 'no-starttls');
$smtp->portNumber = $good->port;
$ok = $smtp->send();
$smtp->disconnect();
$rec = $good->stop();
mh_report('  same object, scripted server', $smtp, ['send() failed' => $ok === true,
    'message' => (bool)preg_match("/^Subject: fault test\r\n/m", $rec) && str_contains($rec, "\r\n.\r\n")]);
mh_report('  same object, Postfix', $smtp, mh_recover_real($smtp));

$srv = new MhHostile('smtp', 'mid-data-stall');
$smtp = smtp_for($srv->port);
$checks = mh_fault($smtp, fn() => $smtp->send(), 5);
$srv->stop();
mh_report('mid-data-stall', $smtp, $checks);
mh_report('  same object, Postfix', $smtp, mh_recover_real($smtp));

// a TCP RST answering the ClientHello: the handshake failed (GNUTLS_E_PULL_ERROR) -> 12 / sslError 1
$rst = new MhHostile('rst');
$smtp = smtp_for($rst->port, 'tls');
$checks = mh_fault($smtp, fn() => $smtp->send(), 12);
$checks["sslError {$smtp->ssl->sslError} != 1"] = $smtp->ssl->sslError === 1;
$rst->stop();
$checks["{$rst->connections} connections"] = $rst->connections === 1;
mh_report('rst-in-handshake', $smtp, $checks);
$good = new MhHostile('smtp', 'tls-good');
$smtp->portNumber = $good->port;
$ok = $smtp->send();
$sslError = $smtp->ssl->sslError;
$smtp->disconnect();
$rec = $good->stop();
mh_report('  same object, scripted TLS server', $smtp, ['send() failed' => $ok === true, 'sslError' => $sslError === 0,
    'message' => str_contains($rec, "\r\n.\r\n")]);

$smtp = smtp_for(25, 'starttls');
$smtp->serverName = 'no-such-host.invalid';
mh_report('dns-failure', $smtp, mh_fault($smtp, fn() => $smtp->send(), 3));
mh_report('  same object, Postfix', $smtp, mh_recover_real($smtp));

$smtp = smtp_for(mh_closed_port(), 'starttls');
mh_report('refused', $smtp, mh_fault($smtp, fn() => $smtp->send(), 4));
mh_report('  same object, Postfix', $smtp, mh_recover_real($smtp));
?>
--EXPECT--
gone-mid-data: errCode=6 sslError=0 ok
  same object, scripted server: errCode=0 sslError=0 ok
  same object, Postfix: errCode=0 sslError=0 ok
mid-data-stall: errCode=5 sslError=0 ok
  same object, Postfix: errCode=0 sslError=0 ok
rst-in-handshake: errCode=12 sslError=1 ok
  same object, scripted TLS server: errCode=0 sslError=0 ok
dns-failure: errCode=3 sslError=0 ok
  same object, Postfix: errCode=0 sslError=0 ok
refused: errCode=4 sslError=0 ok
  same object, Postfix: errCode=0 sslError=0 ok
