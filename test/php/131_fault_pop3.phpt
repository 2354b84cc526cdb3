--TEST--
POP3 faults: server gone mid-RETR (plain, TLS: 6), TCP RST in the TLS handshake (12/1), DNS failure (3), refused connection (4): within timeout + 1 s, then the same object retrieves again (hostile server's good scenario and the real Dovecot)
--EXTENSIONS--
mailhive
--FILE--
<?php
require __DIR__ . '/_hostile.inc';
foreach (['plain' => ['retr-cut', 'plain-good'], 'tls' => ['tls-retr-cut', 'tls-good']] as $mode => [$cut, $goodScenario]) {
    $srv = new MhHostile('pop3', $cut);
    $m = mh_h_mailer(MailHive\POP3::class, $srv->port, $mode, 3, 'secret');
    $pre = $m->connect() && true;
    $checks = ['connect failed' => $pre] + mh_fault($m, fn() => $m->retrieveSingleMessage(1), 6);
    $srv->stop();
    mh_report("$cut", $m, $checks);
    $good = new MhHostile('pop3', $goodScenario);
    $m->portNumber = $good->port;
    $ok = $m->connect() && true;
    $msg = $ok ? $m->retrieveSingleMessage(1) : null;
    mh_report('  same object, good server', $m, ['connect failed' => $ok, 'message' => $msg && $msg->subject === 'hostile one']);
    $m->disconnect();
    $good->stop();
    mh_report('  same object, Dovecot', $m, mh_recover_real($m));
}
$rst = new MhHostile('rst');
$m = mh_h_mailer(MailHive\POP3::class, $rst->port, 'tls', 3, 'secret');
$checks = mh_fault($m, fn() => $m->connect(), 12);
$checks["sslError {$m->ssl->sslError} != 1"] = $m->ssl->sslError === 1;
$rst->stop();
$checks["{$rst->connections} connections"] = $rst->connections === 1;
mh_report('rst-in-handshake', $m, $checks);
$good = new MhHostile('pop3', 'tls-good');
$m->portNumber = $good->port;
$ok = $m->connect() && true;
$sslError = $m->ssl->sslError;
$msg = $ok ? $m->retrieveSingleMessage(1) : null;
mh_report('  same object, good TLS server', $m, ['connect failed' => $ok, 'sslError' => $sslError === 0, 'message' => $msg && $msg->subject === 'hostile one']);
$m->disconnect();
$good->stop();

$m = mh_h_mailer(MailHive\POP3::class, 110, 'starttls', 3, 'secret');
$m->serverName = 'no-such-host.invalid';
mh_report('dns-failure', $m, mh_fault($m, fn() => $m->connect(), 3));
mh_report('  same object, Dovecot', $m, mh_recover_real($m));

$m = mh_h_mailer(MailHive\POP3::class, mh_closed_port(), 'starttls', 3, 'secret');
mh_report('refused', $m, mh_fault($m, fn() => $m->connect(), 4));
mh_report('  same object, Dovecot', $m, mh_recover_real($m));
?>
--EXPECT--
retr-cut: errCode=6 sslError=0 ok
  same object, good server: errCode=0 sslError=0 ok
  same object, Dovecot: errCode=0 sslError=0 ok
tls-retr-cut: errCode=6 sslError=0 ok
  same object, good server: errCode=0 sslError=0 ok
  same object, Dovecot: errCode=0 sslError=0 ok
rst-in-handshake: errCode=12 sslError=1 ok
  same object, good TLS server: errCode=0 sslError=0 ok
dns-failure: errCode=3 sslError=0 ok
  same object, Dovecot: errCode=0 sslError=0 ok
refused: errCode=4 sslError=0 ok
  same object, Dovecot: errCode=0 sslError=0 ok
